package dev.callsheet.intake.web;

import dev.callsheet.intake.internal.IntakeSettings;
import dev.callsheet.intake.internal.PostLimits;
import dev.callsheet.web.ApiProblem;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UriUtils;
import tools.jackson.databind.json.JsonMapper;

/**
 * The public form's door, before anything reads the request: a post to {@code /api/v1/public/{key}/leads} is
 * counted against its address's and its workspace's limits (404 for an unknown workspace, 429 when limited) and
 * refused with 413 when its {@code Content-Length} says it is larger than {@code callsheet.intake.max-body}, all
 * without reading a byte of the body. Then the body is read here, counted as it arrives (a chunked one has no
 * length to trust), and the post is refused with 413 as soon as it passes the limit; a body within it goes on to
 * the controller from memory, form fields parsed from it here, so Tomcat never parses a large form itself.
 */
class PublicFormGuard extends OncePerRequestFilter {

    private static final Pattern LEADS = Pattern.compile("/api/v1/public/([^/]+)/leads/?");

    private final PostLimits limits;
    private final long maxBody;
    private final JsonMapper json;

    PublicFormGuard(PostLimits limits, IntakeSettings settings, JsonMapper json) {
        this.limits = limits;
        this.maxBody = settings.maxBody().toBytes();
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Matcher path = LEADS.matcher(request.getRequestURI().substring(request.getContextPath().length()));
        if (!path.matches()) {
            chain.doFilter(request, response);
            return;
        }
        try {
            limits.admit(UriUtils.decode(path.group(1), StandardCharsets.UTF_8), request.getRemoteAddr());
        } catch (ApiProblem problem) {
            refuse(request, response, problem);
            return;
        }
        String type = request.getContentType();
        if (type != null && type.regionMatches(true, 0, "multipart/", 0, 10)) {
            refuse(request, response, new ApiProblem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "body",
                    "send the form's fields as JSON or URL-encoded"));
            return;
        }
        if (request.getContentLengthLong() > maxBody) {
            refuse(request, response, tooLarge());
            return;
        }
        byte[] body = read(request.getInputStream());
        if (body == null) {
            refuse(request, response, tooLarge());
            return;
        }
        BufferedPost post;
        try {
            post = new BufferedPost(request, body);
        } catch (IllegalArgumentException malformed) {
            refuse(request, response, ApiProblem.badRequest("body", "the form's fields are not URL-encoded"));
            return;
        }
        chain.doFilter(post, response);
    }

    /** The body, or null as soon as it is longer than the limit. */
    private byte[] read(InputStream in) throws IOException {
        byte[] buffer = new byte[(int) Math.min(maxBody + 1, 8192)];
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        int n;
        while ((n = in.read(buffer)) != -1) {
            body.write(buffer, 0, n);
            if (body.size() > maxBody) {
                return null;
            }
        }
        return body.toByteArray();
    }

    private ApiProblem tooLarge() {
        return new ApiProblem(HttpStatus.CONTENT_TOO_LARGE, "body",
                "a form post may be at most " + (maxBody >= 1024 ? maxBody / 1024 + " KB" : maxBody + " bytes"));
    }

    /** The problem as the API writes it; the connection is closed, as the rest of the body is not wanted. */
    private void refuse(HttpServletRequest request, HttpServletResponse response, ApiProblem problem)
            throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", problem.status().getReasonPhrase());
        body.put("status", problem.status().value());
        body.put("detail", problem.getMessage());
        body.put("instance", request.getRequestURI());
        if (problem.field() != null) {
            body.put("field", problem.field());
        }
        body.putAll(problem.properties());
        if (problem.properties().get("retryAfter") instanceof Number seconds) {
            response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(seconds.longValue()));
        }
        response.setHeader(HttpHeaders.CONNECTION, "close");
        response.setStatus(problem.status().value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        byte[] bytes = json.writeValueAsBytes(body);
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
        response.flushBuffer();
    }
}

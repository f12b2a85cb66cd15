package dev.callsheet.support;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser without the browser: a signed-in page session (cookie + CSRF token) that sends GETs and form posts
 * as the pages do, and follows no redirect, so a test sees the status and {@code Location} the server chose.
 */
public final class Pages {

    private static final Pattern LOGIN_TOKEN = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final Pattern PAGE_TOKEN = Pattern.compile("X-CSRF-TOKEN&quot;: &quot;([^&]+)&quot;");

    private final int port;
    private final HttpClient http;
    private String token;

    private Pages(int port) {
        this.port = port;
        this.http = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** Signs {@code user} in through the login form and reads the page's CSRF token. */
    public static Pages signIn(int port, Tenant.User user) {
        return signIn(port, user.username(), user.password());
    }

    public static Pages signIn(int port, String username, String password) {
        Pages pages = new Pages(port);
        Matcher login = LOGIN_TOKEN.matcher(pages.get("/login").body());
        if (!login.find()) {
            throw new IllegalStateException("no CSRF token on the login page");
        }
        pages.token = null;
        Response signedIn = pages.send("POST", "/login", Map.of("username", username, "password", password,
                "_csrf", login.group(1)));
        if (signedIn.status() != 302 || signedIn.location().contains("error")) {
            throw new IllegalStateException("could not sign in: " + signedIn.status() + " " + signedIn.location());
        }
        Matcher page = PAGE_TOKEN.matcher(pages.get("/").body());
        if (!page.find()) {
            throw new IllegalStateException("no CSRF token on the start page");
        }
        pages.token = page.group(1);
        return pages;
    }

    /** A session that has not signed in, holding the login page's CSRF token (to post the login form itself). */
    public static Pages signedOut(int port) {
        Pages pages = new Pages(port);
        Matcher login = LOGIN_TOKEN.matcher(pages.get("/login").body());
        if (!login.find()) {
            throw new IllegalStateException("no CSRF token on the login page");
        }
        pages.token = login.group(1);
        return pages;
    }

    /** Takes the CSRF token of a signed-in page (after a sign-in this session posted itself). */
    public Pages tokenFrom(String path) {
        Matcher page = PAGE_TOKEN.matcher(get(path).body());
        if (!page.find()) {
            throw new IllegalStateException("no CSRF token on " + path);
        }
        token = page.group(1);
        return this;
    }

    public Response get(String path) {
        return send("GET", path, null);
    }

    /** A form post ({@code application/x-www-form-urlencoded}) with the session's CSRF token in its header. */
    public Response post(String path, Map<String, String> fields) {
        return send("POST", path, fields);
    }

    private Response send(String method, String path, Map<String, String> fields) {
        String form = fields == null ? null : fields.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue())).collect(Collectors.joining("&"));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(method, form == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(form))
                .header("Accept", "text/html");
        if (form != null) {
            request.header("Content-Type", "application/x-www-form-urlencoded");
        }
        if (token != null) {
            request.header("X-CSRF-TOKEN", token);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body(), response);
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    /** A page's answer: status, HTML and headers. */
    public record Response(int status, String body, HttpResponse<String> raw) {

        public String location() {
            return raw.headers().firstValue("Location").orElse("");
        }

        @Override
        public String toString() {
            return status + " " + location() + " " + (body == null ? "" : body.substring(0, Math.min(300,
                    body.length())).replaceAll("\\s+", " "));
        }
    }
}

package dev.callsheet.web.internal;

import dev.callsheet.web.ApiProblem;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@link PageInputs}' check for the one page form no controller serves: the sign-in form, read by Spring Security
 * before any interceptor runs (a NUL in the name reached the login throttle's query). A refused field is a 400;
 * the error page, rendered on the error dispatch, names it as for any page.
 */
class LoginInputs extends OncePerRequestFilter {

    private final int max;

    LoginInputs(WebSettings settings) {
        this.max = settings.maxParameterLength();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            for (Map.Entry<String, String[]> parameter : request.getParameterMap().entrySet()) {
                for (String value : parameter.getValue()) {
                    PageInputs.check(parameter.getKey(), value, max);
                }
            }
        } catch (ApiProblem refused) {
            response.sendError(HttpServletResponse.SC_BAD_REQUEST);
            return;
        }
        chain.doFilter(request, response);
    }
}

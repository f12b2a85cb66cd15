package dev.callsheet.web.internal;

import dev.callsheet.web.ApiProblem;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import java.util.Map;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Query parameters, form fields and path variables of the JSON API get the same check as the strings of its bodies
 * ({@link EdgeText}): a NUL or a control character, or a value over the cap, is a 400 naming the parameter before the
 * handler runs. Thrown here, the problem reaches {@link ApiExceptionHandler} like any from the handler.
 */
class ApiParameterCheck implements HandlerInterceptor {

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE) instanceof Map<?, ?> variables) {
            for (Map.Entry<?, ?> variable : variables.entrySet()) {
                check(String.valueOf(variable.getKey()), String.valueOf(variable.getValue()), false);
            }
        }
        // a form or multipart body (the public web form's message) may hold lines; a query string may not
        String type = request.getContentType() == null ? "" : request.getContentType().toLowerCase(Locale.ROOT);
        boolean formBody = type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/");
        for (Map.Entry<String, String[]> parameter : request.getParameterMap().entrySet()) {
            String name = parameter.getKey();
            String nameProblem = EdgeText.problem(name, 200, false);
            if (nameProblem != null) {
                throw ApiProblem.badRequest("request", "a parameter name " + nameProblem);
            }
            for (String value : parameter.getValue()) {
                check(name, value, formBody);
            }
        }
        return true;
    }

    private static void check(String name, String value, boolean multiLine) {
        String problem = value == null ? null : EdgeText.problem(value, EdgeText.DEFAULT_MAX_LENGTH, multiLine);
        if (problem != null) {
            throw ApiProblem.badRequest(name, name + " " + problem);
        }
    }
}

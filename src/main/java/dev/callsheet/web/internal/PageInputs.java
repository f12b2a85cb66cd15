package dev.callsheet.web.internal;

import dev.callsheet.web.ApiProblem;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The first check of every page request (anything outside {@code /api/**}): each query parameter and form field,
 * before a controller reads it. A control character (C0 or C1, DEL; tab, CR and LF are text) or a value longer than
 * {@link WebSettings#maxParameterLength} is refused with a 400 naming the field, which {@link PageExceptionHandler}
 * renders in the user's language. PostgreSQL cannot store a NUL byte at all, and no column of ours takes ten
 * thousand characters, so neither may reach a service. Narrower columns are checked where they are written, by the
 * service ({@code Inputs}).
 */
@Component
class PageInputs implements HandlerInterceptor, WebMvcConfigurer {

    private final int max;

    PageInputs(WebSettings settings) {
        this.max = settings.maxParameterLength();
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).excludePathPatterns("/api/**");
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod)) {
            return true;
        }
        for (Map.Entry<String, String[]> parameter : request.getParameterMap().entrySet()) {
            // an import's column mapping is named after the file's header ("map[Telefon]"): a name is input too
            String field = printable(parameter.getKey());
            check(field, parameter.getKey(), max);
            for (String value : parameter.getValue()) {
                check(field, value, max);
            }
        }
        return true;
    }

    /** Refuses a value with a control character other than tab, CR or LF, or longer than {@code max}. */
    static void check(String field, String value, int max) {
        if (value == null) {
            return;
        }
        if (value.length() > max) {
            throw refused(field, "tooLong", field + " must be at most " + max + " characters long").with("max", max);
        }
        int at = firstControl(value);
        if (at >= 0) {
            throw refused(field, "control", field + " holds a control character (U+"
                    + String.format("%04X", (int) value.charAt(at)) + ") at position " + (at + 1));
        }
    }

    /** The index of the first C0 (but tab, CR, LF), DEL or C1 character, or -1. */
    static int firstControl(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 ? c != '\t' && c != '\n' && c != '\r' : c >= 0x7F && c <= 0x9F) {
                return i;
            }
        }
        return -1;
    }

    private static ApiProblem refused(String field, String reason, String detail) {
        return ApiProblem.badRequest(field, detail).with("reason", reason);
    }

    private static String printable(String name) {
        StringBuilder out = new StringBuilder(Math.min(name.length(), 100));
        for (int i = 0; i < name.length() && i < 100; i++) {
            char c = name.charAt(i);
            out.append(firstControl(String.valueOf(c)) >= 0 ? '?' : c);
        }
        return out.toString();
    }
}

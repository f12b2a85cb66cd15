package dev.callsheet.web;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Turns an {@link ApiProblem} raised by a module's service into the field error a page shows,
 * in the viewer's language ({@code validation.<field>}, {@code validation.<field>.taken} for
 * conflicts), so pages and the API share one set of rules.
 */
@Component
public class FormErrors {

    private final MessageSource messages;

    FormErrors(MessageSource messages) {
        this.messages = messages;
    }

    /**
     * The problem, when the user can fix it in the form (a 400 or a 409); any other is thrown on, so that an id of
     * another workspace (404) or a role's limit (403) renders the error page with its status, not a form.
     */
    public static ApiProblem fixable(ApiProblem problem) {
        if (problem.status() != HttpStatus.BAD_REQUEST && problem.status() != HttpStatus.CONFLICT) {
            throw problem;
        }
        return problem;
    }

    public Map<String, String> of(ApiProblem problem) {
        Locale locale = LocaleContextHolder.getLocale();
        String field = problem.field() == null ? "form" : problem.field();
        String key = "validation." + field + (problem.status() == HttpStatus.CONFLICT ? ".taken" : "");
        Map<String, String> errors = new LinkedHashMap<>();
        errors.put(field, messages.getMessage(key, null, problem.getMessage(), locale));
        return errors;
    }
}

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

    public Map<String, String> of(ApiProblem problem) {
        Locale locale = LocaleContextHolder.getLocale();
        String field = problem.field() == null ? "form" : problem.field();
        String key = "validation." + field + (problem.status() == HttpStatus.CONFLICT ? ".taken" : "");
        Map<String, String> errors = new LinkedHashMap<>();
        errors.put(field, messages.getMessage(key, null, problem.getMessage(), locale));
        return errors;
    }
}

package dev.callsheet.web.internal;

import dev.callsheet.web.ApiProblem;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

/**
 * A problem raised while serving a page renders the error page with its status, never a 500. A 400 that names a
 * field says which one, and why, in the viewer's language ({@code error.input.*}, else {@code validation.<field>}).
 */
@ControllerAdvice(annotations = Controller.class)
@Order(Ordered.LOWEST_PRECEDENCE)
class PageExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(PageExceptionHandler.class);

    private final MessageSource messages;

    PageExceptionHandler(MessageSource messages) {
        this.messages = messages;
    }

    @ExceptionHandler(ApiProblem.class)
    ModelAndView problem(ApiProblem problem, HttpServletResponse response) {
        ModelAndView view = page(problem.status(), response);
        if (problem.status() == HttpStatus.BAD_REQUEST && problem.field() != null) {
            view.addObject("field", problem.field());
            view.addObject("fieldError", fieldError(problem));
        }
        return view;
    }

    /**
     * A write the database refused (a value a service let through that a column's check does not take): the user's
     * input, so a 400, and a bug of ours to find in the log.
     */
    @ExceptionHandler(DataIntegrityViolationException.class)
    ModelAndView refusedByDatabase(DataIntegrityViolationException exception, HttpServletResponse response) {
        log.warn("A page's write was refused by the database: {}", exception.getMostSpecificCause().getMessage());
        return page(HttpStatus.BAD_REQUEST, response);
    }

    private String fieldError(ApiProblem problem) {
        Locale locale = LocaleContextHolder.getLocale();
        Object reason = problem.properties().get("reason");
        if ("control".equals(reason)) {
            return messages.getMessage("error.input.control", new Object[] {problem.field()}, locale);
        }
        if ("tooLong".equals(reason)) {
            return messages.getMessage("error.input.tooLong", new Object[] {problem.field(),
                    problem.properties().get("max")}, locale);
        }
        String generic = messages.getMessage("error.input.invalid", new Object[] {problem.field()}, locale);
        return messages.getMessage("validation." + problem.field(), null, generic, locale);
    }

    private static ModelAndView page(HttpStatus status, HttpServletResponse response) {
        response.setStatus(status.value());
        ModelAndView view = new ModelAndView("error");
        view.addObject("status", status.value());
        view.setStatus(status);
        return view;
    }
}

package dev.callsheet.web.internal;

import dev.callsheet.web.ApiProblem;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

/** A problem raised while serving a page renders the error page with its status, never a 500. */
@ControllerAdvice(annotations = Controller.class)
@Order(Ordered.LOWEST_PRECEDENCE)
class PageExceptionHandler {

    @ExceptionHandler(ApiProblem.class)
    ModelAndView problem(ApiProblem problem, HttpServletResponse response) {
        response.setStatus(problem.status().value());
        ModelAndView view = new ModelAndView("error");
        view.addObject("status", problem.status().value());
        view.setStatus(problem.status());
        return view;
    }
}

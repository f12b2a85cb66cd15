package dev.callsheet.web.internal;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MaxUploadSizeExceededException;

/**
 * An upload past the multipart limit — refused while the request is read, often before any
 * controller is chosen — is a 413 problem naming {@code file} and the limit, never a 500.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class UploadLimitHandler {

    private final Environment environment;

    UploadLimitHandler(Environment environment) {
        this.environment = environment;
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ResponseEntity<ProblemDetail> tooLarge(MaxUploadSizeExceededException exception) {
        return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE).body(problem(exception, environment));
    }

    static ProblemDetail problem(MaxUploadSizeExceededException exception, Environment environment) {
        String limit = environment.getProperty("spring.servlet.multipart.max-file-size", "the limit");
        ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.PAYLOAD_TOO_LARGE,
                "the file is larger than " + limit + ", the limit (callsheet.imports.max-file-size)");
        body.setProperty("field", "file");
        body.setProperty("limit", limit);
        body.setProperty("setting", "callsheet.imports.max-file-size");
        return body;
    }
}

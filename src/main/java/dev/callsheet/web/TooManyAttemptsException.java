package dev.callsheet.web;

import java.time.Duration;
import org.springframework.security.core.AuthenticationException;

/** Sign-in refused because of repeated failures; the caller may try again after {@link #retryAfter()}. */
public class TooManyAttemptsException extends AuthenticationException {

    private final Duration retryAfter;

    public TooManyAttemptsException(Duration retryAfter) {
        super("Too many failed sign-in attempts; try again in " + Math.max(1, retryAfter.toMinutes()) + " minute(s)");
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}

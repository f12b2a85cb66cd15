package dev.callsheet.web;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * An error a caller can fix, rendered as an RFC 9457 problem. {@code field} names the
 * offending input when there is one, so a client can point at it.
 */
public class ApiProblem extends RuntimeException {

    private final HttpStatus status;
    private final String field;
    private final Map<String, Object> properties = new LinkedHashMap<>();

    public ApiProblem(HttpStatus status, String field, String detail) {
        super(detail);
        this.status = status;
        this.field = field;
    }

    public static ApiProblem badRequest(String field, String detail) {
        return new ApiProblem(HttpStatus.BAD_REQUEST, field, detail);
    }

    public static ApiProblem notFound(String what) {
        return new ApiProblem(HttpStatus.NOT_FOUND, null, what + " not found");
    }

    public static ApiProblem conflict(String field, String detail) {
        return new ApiProblem(HttpStatus.CONFLICT, field, detail);
    }

    public static ApiProblem forbidden(String detail) {
        return new ApiProblem(HttpStatus.FORBIDDEN, null, detail);
    }

    public HttpStatus status() {
        return status;
    }

    /** Adds a member to the problem body, e.g. the next free slots of a 409. */
    public ApiProblem with(String name, Object value) {
        properties.put(name, value);
        return this;
    }

    /** Members added with {@link #with}. */
    public Map<String, Object> properties() {
        return Map.copyOf(properties);
    }

    /** The request field at fault, or null. */
    public String field() {
        return field;
    }
}

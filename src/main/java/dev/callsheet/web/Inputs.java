package dev.callsheet.web;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The checks every module makes of text it is given: trimmed, bounded, one of a set. A bad value
 * is an {@link ApiProblem} naming its field, so pages and the API say the same thing.
 */
public final class Inputs {

    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());
    private static final java.util.regex.Pattern EMAIL = java.util.regex.Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    private Inputs() {
    }

    /** The trimmed text, or null when absent or blank. */
    public static String optional(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.strip();
        if (text.length() > max) {
            throw ApiProblem.badRequest(field, field + " must be at most " + max + " characters long");
        }
        return text;
    }

    /** A trimmed e-mail address of the usual shape, or null when absent; anything else names the field. */
    public static String email(String field, String value) {
        String text = optional(field, value, 254);
        if (text != null && !EMAIL.matcher(text).matches()) {
            throw ApiProblem.badRequest(field, field + " must be an address like name@example.com");
        }
        return text;
    }

    /** Whether the text has the usual shape of an e-mail address. */
    public static boolean isEmail(String text) {
        return text != null && EMAIL.matcher(text.strip()).matches();
    }

    /**
     * A time a client sent: an ISO instant or date-time with offset, a local date-time (read in {@code zone}), or a
     * date (its start there). Absent or unreadable names the field.
     */
    public static java.time.Instant instant(String field, String value, java.time.ZoneId zone) {
        String t = required(field, value, 40);
        try {
            return java.time.OffsetDateTime.parse(t).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            // try the other forms
        }
        try {
            return java.time.LocalDateTime.parse(t).atZone(zone).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            // try a date
        }
        try {
            return java.time.LocalDate.parse(t).atStartOfDay(zone).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            throw ApiProblem.badRequest(field, field + " must be a time like 2026-11-24T09:00:00Z, not " + t);
        }
    }

    /** A date like 2026-12-31, or null when absent; anything else names the field. */
    public static java.time.LocalDate date(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return java.time.LocalDate.parse(value.strip());
        } catch (java.time.format.DateTimeParseException e) {
            throw ApiProblem.badRequest(field, field + " must be a date like 2026-12-31, not " + value.strip());
        }
    }

    /** An id like 3f0c6a2e-…; absent or anything else is a 400 naming the field (the text is not echoed). */
    public static java.util.UUID uuid(String field, String value) {
        String text = required(field, value, 36);
        try {
            return java.util.UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest(field, field + " must be an id like 3f0c6a2e-1b2c-4d5e-8f90-123456789abc");
        }
    }

    public static String required(String field, String value, int max) {
        String text = optional(field, value, max);
        if (text == null) {
            throw ApiProblem.badRequest(field, field + " is required");
        }
        return text;
    }

    /** The constant named by {@code value} (any case), {@code fallback} when absent. */
    public static <E extends Enum<E>> E choice(String field, String value, Class<E> type, E fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest(field, field + " must be one of " + Arrays.toString(type.getEnumConstants()));
        }
    }

    /** An ISO 3166 country code, upper-cased; empty when absent. */
    public static Optional<String> country(String field, String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String code = value.strip().toUpperCase(Locale.ROOT);
        if (!COUNTRIES.contains(code)) {
            throw ApiProblem.badRequest(field, field + " must be an ISO 3166 country code such as NO, ES, RU, KR, RO, GB");
        }
        return Optional.of(code);
    }
}

package dev.callsheet.workspace.internal;

import dev.callsheet.web.ApiProblem;
import dev.callsheet.web.SupportedLocales;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Locale;
import java.util.regex.Pattern;

/** Input rules shared by the pages and the API, each failure naming its field. */
public final class Checks {

    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{2,39}");
    public static final int MIN_PASSWORD = 10;

    private Checks() {
    }

    public static String username(String value) {
        String username = value == null ? "" : value.strip();
        if (!USERNAME.matcher(username).matches()) {
            throw ApiProblem.badRequest("username",
                    "username must be 3 to 40 letters, digits or . _ @ - and start with a letter or digit");
        }
        return username;
    }

    public static String password(String field, String value) {
        if (value == null || value.length() < MIN_PASSWORD || value.length() > 128) {
            throw ApiProblem.badRequest(field, field + " must be " + MIN_PASSWORD + " to 128 characters long");
        }
        return value;
    }

    public static String text(String field, String value, int max) {
        String text = value == null ? "" : value.strip();
        if (text.isEmpty() || text.length() > max) {
            throw ApiProblem.badRequest(field, field + " must be 1 to " + max + " characters long");
        }
        return text;
    }

    public static String optionalText(String field, String value, int max, String fallback) {
        return value == null || value.isBlank() ? fallback : text(field, value, max);
    }

    public static ZoneId timeZone(String field, String value) {
        if (value == null || value.isBlank()) {
            return ZoneId.of("UTC");
        }
        try {
            return ZoneId.of(value.strip());
        } catch (DateTimeException e) {
            throw ApiProblem.badRequest(field, field + " must be an IANA time zone such as Europe/Oslo");
        }
    }

    public static Locale locale(String field, String value) {
        if (value == null || value.isBlank()) {
            return SupportedLocales.ENGLISH;
        }
        return SupportedLocales.match(value).orElseThrow(() -> ApiProblem.badRequest(field,
                field + " must be one of en, nb, es, ru, ko, ro"));
    }
}

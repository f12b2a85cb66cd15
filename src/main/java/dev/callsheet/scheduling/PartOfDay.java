package dev.callsheet.scheduling;

import dev.callsheet.web.ApiProblem;
import java.time.LocalTime;
import java.util.Locale;

/**
 * A part of the lead's day, as a lead says it ("Thursday afternoon"), by the start of the meeting on the
 * lead's own clock: morning before 12:00, afternoon 12:00 to before 17:00, evening from 17:00.
 */
public enum PartOfDay {
    MORNING(0, 12), AFTERNOON(12, 17), EVENING(17, 24);

    private final int fromHour;
    private final int toHour;

    PartOfDay(int fromHour, int toHour) {
        this.fromHour = fromHour;
        this.toHour = toHour;
    }

    /** Whether a meeting starting at this time of the lead's day falls in this part. */
    public boolean holds(LocalTime start) {
        return start.getHour() >= fromHour && start.getHour() < toHour;
    }

    /** The lowercase name the API and the dialog's links use. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@code morning}, {@code afternoon} or {@code evening} (any case); null or blank for none. */
    public static PartOfDay parse(String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest(field, field + " must be morning, afternoon or evening");
        }
    }
}

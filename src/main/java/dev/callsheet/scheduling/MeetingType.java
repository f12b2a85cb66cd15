package dev.callsheet.scheduling;

import java.time.Duration;
import java.util.List;

/**
 * A kind of meeting a rep takes: how long it lasts and the time kept free around it (travel to and
 * from the lead for a meeting on site).
 *
 * @param place where it happens: {@code LEAD} (the lead's address), {@code OFFICE}, {@code PHONE}, {@code VIDEO}
 */
public record MeetingType(String code, String name, String place, int durationMinutes, int bufferBeforeMinutes,
        int bufferAfterMinutes) {

    /** The default types a rep takes when the calendar names none. */
    public static final List<MeetingType> DEFAULTS = List.of(
            new MeetingType("ON_SITE", "On site at the lead's address", "LEAD", 60, 30, 30),
            new MeetingType("OFFICE", "At our office", "OFFICE", 60, 0, 15),
            new MeetingType("PHONE", "Phone call", "PHONE", 30, 0, 5),
            new MeetingType("VIDEO", "Video call", "VIDEO", 45, 0, 10));

    public static final List<String> PLACES = List.of("LEAD", "OFFICE", "PHONE", "VIDEO");

    public Duration duration() {
        return Duration.ofMinutes(durationMinutes);
    }

    public Duration bufferBefore() {
        return Duration.ofMinutes(bufferBeforeMinutes);
    }

    public Duration bufferAfter() {
        return Duration.ofMinutes(bufferAfterMinutes);
    }
}

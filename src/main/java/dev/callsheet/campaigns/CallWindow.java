package dev.callsheet.campaigns;

import java.time.LocalTime;
import java.time.format.DateTimeParseException;

/** A span of a day in which calls may be made, {@code "09:00"} to {@code "20:00"}; {@code "24:00"} is midnight. */
public record CallWindow(String from, String to) {

    static CallWindow parse(String from, String to) {
        int start = minute(from);
        int end = minute(to);
        if (start < 0 || start >= 24 * 60) {
            throw new IllegalArgumentException("from must be a time of day like 09:00, not " + from);
        }
        if (end <= start) {
            throw new IllegalArgumentException("to must be after from (" + from + "), not " + to);
        }
        return new CallWindow(format(start), format(end));
    }

    boolean contains(int minuteOfDay) {
        return minuteOfDay >= minute(from) && minuteOfDay < minute(to);
    }

    private static int minute(String text) {
        if (text == null) {
            return -1;
        }
        String t = text.strip();
        if (t.equals("24:00")) {
            return 24 * 60;
        }
        try {
            LocalTime time = LocalTime.parse(t);
            return time.getHour() * 60 + time.getMinute();
        } catch (DateTimeParseException e) {
            return -1;
        }
    }

    private static String format(int minute) {
        return "%02d:%02d".formatted(minute / 60, minute % 60);
    }
}

package dev.callsheet.campaigns;

import dev.callsheet.web.ApiProblem;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A span of a day, {@code "09:00"} to {@code "20:00"}, {@code "24:00"} being midnight: a project's
 * calling hours, a rep's working hours.
 */
public record TimeWindow(String from, String to) {

    /**
     * Checks a week of windows as a client sends it ({@code {"MONDAY":[{"from":…,"to":…}]}}), naming the
     * offending entry ({@code field.MONDAY[0]}); days without windows are left out.
     */
    public static Map<DayOfWeek, List<TimeWindow>> weekly(String field, Map<String, List<TimeWindow>> hours) {
        Map<DayOfWeek, List<TimeWindow>> checked = new EnumMap<>(DayOfWeek.class);
        for (Map.Entry<String, List<TimeWindow>> day : hours.entrySet()) {
            DayOfWeek weekday;
            try {
                weekday = DayOfWeek.valueOf(day.getKey().strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw ApiProblem.badRequest(field + "." + day.getKey(), "days are MONDAY to SUNDAY");
            }
            List<TimeWindow> windows = checked(field + "." + weekday, day.getValue());
            if (!windows.isEmpty()) {
                checked.put(weekday, windows);
            }
        }
        return checked;
    }

    /** Checks one day's windows, naming the offending one ({@code field[0]}). */
    public static List<TimeWindow> checked(String field, List<TimeWindow> given) {
        List<TimeWindow> windows = new ArrayList<>();
        List<TimeWindow> list = given == null ? List.of() : given;
        for (int i = 0; i < list.size(); i++) {
            TimeWindow window = list.get(i);
            if (window == null) {
                throw ApiProblem.badRequest(field + "[" + i + "]", "a window needs from and to, like 09:00 and 17:00");
            }
            try {
                windows.add(parse(window.from(), window.to()));
            } catch (IllegalArgumentException e) {
                throw ApiProblem.badRequest(field + "[" + i + "]", e.getMessage());
            }
        }
        return List.copyOf(windows);
    }

    static TimeWindow parse(String from, String to) {
        int start = minute(from);
        int end = minute(to);
        if (start < 0 || start >= 24 * 60) {
            throw new IllegalArgumentException("from must be a time of day like 09:00, not " + from);
        }
        if (end <= start) {
            throw new IllegalArgumentException("to must be after from (" + from + "), not " + to);
        }
        return new TimeWindow(format(start), format(end));
    }

    /** Minutes after midnight at which the window opens. */
    public int startMinute() {
        return minute(from);
    }

    /** Minutes after midnight at which the window closes (1440 for 24:00). */
    public int endMinute() {
        return minute(to);
    }

    boolean contains(int minuteOfDay) {
        return minuteOfDay >= minute(from) && minuteOfDay < minute(to);
    }

    /** Parsed times of day: a handful of distinct texts, read on every slot and every call window check. */
    private static final Map<String, Integer> MINUTES = new java.util.concurrent.ConcurrentHashMap<>();

    private static int minute(String text) {
        if (text == null) {
            return -1;
        }
        Integer known = MINUTES.get(text);
        if (known != null) {
            return known;
        }
        int minute = parseMinute(text);
        if (minute >= 0 && MINUTES.size() < 10_000) {
            MINUTES.put(text, minute);
        }
        return minute;
    }

    private static int parseMinute(String text) {
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

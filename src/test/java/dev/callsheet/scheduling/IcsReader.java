package dev.callsheet.scheduling;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A deliberately small, independent reading of an iCalendar object: a DTSTART with TZID is turned into an
 * instant using only the VTIMEZONE in the same object (its observances and their yearly rules), the way a
 * calendar client does. It shares no code with the writer, so a wrong offset in either shows.
 */
final class IcsReader {

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss");

    private record Observance(LocalDateTime start, ZoneOffset from, ZoneOffset to, String rule) {

        /** When this observance last began on or before the given wall-clock time. */
        LocalDateTime onsetBefore(LocalDateTime wall) {
            if (rule == null) {
                return start.isAfter(wall) ? null : start;
            }
            for (int year = wall.getYear(); year >= wall.getYear() - 1; year--) {
                LocalDateTime onset = onset(year);
                if (onset != null && !onset.isAfter(wall) && !onset.isBefore(start)) {
                    return onset;
                }
            }
            return null;
        }

        private LocalDateTime onset(int year) {
            Matcher month = Pattern.compile("BYMONTH=(\\d+)").matcher(rule);
            Matcher day = Pattern.compile("BYDAY=(-?\\d)?([A-Z]{2})").matcher(rule);
            if (!month.find() || !day.find() || rule.contains("BYMONTHDAY")) {
                throw new IllegalStateException("a rule this reader does not know: " + rule);
            }
            DayOfWeek weekday = List.of(DayOfWeek.values()).stream()
                    .filter(d -> d.name().startsWith(day.group(2))).findFirst().orElseThrow();
            LocalDate first = LocalDate.of(year, Integer.parseInt(month.group(1)), 1);
            int n = day.group(1) == null ? 1 : Integer.parseInt(day.group(1));
            LocalDate date = n < 0 ? first.with(TemporalAdjusters.lastInMonth(weekday))
                    : first.with(TemporalAdjusters.dayOfWeekInMonth(n, weekday));
            return date.atTime(start.toLocalTime());
        }
    }

    private IcsReader() {
    }

    static Instant instant(String ics, String property) {
        Matcher m = Pattern.compile("(?m)^" + property + ";TZID=([^:]+):(\\d{8}T\\d{6})$").matcher(ics);
        if (!m.find()) {
            throw new IllegalStateException(property + " with a TZID not found");
        }
        String zone = m.group(1);
        LocalDateTime wall = LocalDateTime.parse(m.group(2), LOCAL);
        int begin = ics.indexOf("BEGIN:VTIMEZONE\nTZID:" + zone + "\n");
        if (begin < 0) {
            throw new IllegalStateException("no VTIMEZONE for " + zone);
        }
        String vtimezone = ics.substring(begin, ics.indexOf("END:VTIMEZONE", begin));
        List<Observance> observances = new ArrayList<>();
        Matcher o = Pattern.compile("BEGIN:(STANDARD|DAYLIGHT)\n(.*?)END:\\1", Pattern.DOTALL).matcher(vtimezone);
        while (o.find()) {
            String body = o.group(2);
            observances.add(new Observance(LocalDateTime.parse(value(body, "DTSTART"), LOCAL),
                    offset(value(body, "TZOFFSETFROM")), offset(value(body, "TZOFFSETTO")), value(body, "RRULE")));
        }
        Observance current = null;
        LocalDateTime latest = null;
        for (Observance observance : observances) {
            LocalDateTime onset = observance.onsetBefore(wall);
            if (onset != null && (latest == null || onset.isAfter(latest))) {
                latest = onset;
                current = observance;
            }
        }
        if (current == null) {
            throw new IllegalStateException("no observance covers " + wall + " in\n" + vtimezone);
        }
        return wall.toInstant(current.to());
    }

    private static String value(String body, String name) {
        Matcher m = Pattern.compile("(?m)^" + name + ":(.*)$").matcher(body);
        return m.find() ? m.group(1).strip() : null;
    }

    private static ZoneOffset offset(String text) {
        return ZoneOffset.of(text.substring(0, 3) + ":" + text.substring(3, 5));
    }
}

package dev.callsheet.scheduling.internal;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import net.fortuna.ical4j.model.Recur;

/**
 * The busy times in a rep's calendar events (RFC 5545): every VEVENT that is not cancelled and not transparent,
 * recurring ones expanded over the window (RRULE with ical4j's {@link Recur}, EXDATE and overridden instances
 * left out), all-day events as whole days of the rep's zone, floating times in the rep's zone, named zones with
 * {@code java.time}'s own rules. Meetings Callsheet wrote there itself are skipped by their UID: they already
 * block the rep's time as meetings. Pure computation.
 */
public final class BusyTimes {

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss");
    private static final DateTimeFormatter DATE = DateTimeFormatter.BASIC_ISO_DATE;
    private static final int MAX_INSTANCES = 2_000;

    private BusyTimes() {
    }

    /** One property: name, parameters (upper-case names), value. */
    record Line(String name, Map<String, String> params, String value) {
    }

    /** A time as written, with how to read it. */
    private record When(LocalDateTime wall, ZoneId zone, boolean date) {

        Instant instant() {
            return wall.atZone(zone).toInstant();
        }
    }

    /** The busy intervals in [from, to) of the given calendar texts, clipped to the window. */
    public static List<SlotFinder.Busy> read(List<String> calendars, Instant from, Instant to, ZoneId repZone,
            Predicate<String> ours) {
        List<List<Line>> events = new ArrayList<>();
        for (String text : calendars) {
            events.addAll(events(text));
        }
        // instances replaced by an event of their own (RECURRENCE-ID), by UID
        Map<String, Set<Instant>> overridden = new HashMap<>();
        for (List<Line> event : events) {
            Line id = first(event, "RECURRENCE-ID");
            Line uid = first(event, "UID");
            if (id != null && uid != null) {
                When when = when(id, repZone);
                if (when != null) {
                    overridden.computeIfAbsent(uid.value(), k -> new HashSet<>()).add(when.instant());
                }
            }
        }
        List<SlotFinder.Busy> busy = new ArrayList<>();
        for (List<Line> event : events) {
            Line uid = first(event, "UID");
            if (uid != null && ours.test(uid.value())) {
                continue;
            }
            Line status = first(event, "STATUS");
            Line transparency = first(event, "TRANSP");
            if (status != null && status.value().equalsIgnoreCase("CANCELLED")
                    || transparency != null && transparency.value().equalsIgnoreCase("TRANSPARENT")) {
                continue;
            }
            Line startLine = first(event, "DTSTART");
            When start = startLine == null ? null : when(startLine, repZone);
            if (start == null) {
                continue;
            }
            Duration length = length(event, start, repZone);
            if (length == null || length.isZero() || length.isNegative()) {
                continue;
            }
            Line rule = first(event, "RRULE");
            if (rule == null || first(event, "RECURRENCE-ID") != null) {
                add(busy, start.instant(), start.instant().plus(length), from, to);
                continue;
            }
            Set<Instant> skip = new HashSet<>(overridden.getOrDefault(uid == null ? "" : uid.value(), Set.of()));
            for (Line line : event) {
                if (line.name().equals("EXDATE")) {
                    for (String value : line.value().split(",")) {
                        When ex = when(new Line("EXDATE", line.params(), value.strip()), repZone);
                        if (ex != null) {
                            skip.add(ex.instant());
                        }
                    }
                }
            }
            for (Instant instance : instances(rule.value(), start, length, from, to)) {
                if (!skip.contains(instance)) {
                    add(busy, instance, instance.plus(length), from, to);
                }
            }
        }
        return busy;
    }

    /** The starts of a recurring event's instances that may touch [from, to), in wall-clock time of its zone. */
    private static List<Instant> instances(String rule, When start, Duration length, Instant from, Instant to) {
        List<Instant> starts = new ArrayList<>();
        try {
            LocalDateTime seed = start.wall();
            LocalDateTime lo = from.minus(length).minus(Duration.ofDays(1)).atZone(start.zone()).toLocalDateTime();
            LocalDateTime hi = to.plus(Duration.ofDays(1)).atZone(start.zone()).toLocalDateTime();
            Recur<LocalDateTime> recur = new Recur<>(untilAsLocal(rule, start.zone()));
            for (LocalDateTime wall : recur.getDates(seed, lo, hi, MAX_INSTANCES)) {
                starts.add(wall.atZone(start.zone()).toInstant());
            }
        } catch (RuntimeException unreadable) {
            starts.add(start.instant()); // a rule we cannot read: at least the first instance is busy
        }
        return starts;
    }

    /** RRULE's UNTIL in the wall-clock time of the event's zone, as the seed is. */
    private static String untilAsLocal(String rule, ZoneId zone) {
        StringBuilder out = new StringBuilder();
        for (String part : rule.split(";")) {
            if (!out.isEmpty()) {
                out.append(';');
            }
            if (part.toUpperCase(Locale.ROOT).startsWith("UNTIL=")) {
                String value = part.substring(6);
                LocalDateTime until;
                if (value.endsWith("Z")) {
                    until = LocalDateTime.parse(value.substring(0, value.length() - 1), LOCAL).atOffset(ZoneOffset.UTC)
                            .atZoneSameInstant(zone).toLocalDateTime();
                } else if (value.length() == 8) {
                    until = LocalDate.parse(value, DATE).atTime(23, 59, 59);
                } else {
                    until = LocalDateTime.parse(value, LOCAL);
                }
                out.append("UNTIL=").append(LOCAL.format(until));
            } else {
                out.append(part);
            }
        }
        return out.toString();
    }

    private static void add(List<SlotFinder.Busy> busy, Instant start, Instant end, Instant from, Instant to) {
        Instant f = start.isBefore(from) ? from : start;
        Instant t = end.isAfter(to) ? to : end;
        if (t.isAfter(f)) {
            busy.add(new SlotFinder.Busy(f, t));
        }
    }

    /** How long an event lasts: DTEND − DTSTART, else DURATION, else a day for a date, nothing for a time. */
    private static Duration length(List<Line> event, When start, ZoneId repZone) {
        Line endLine = first(event, "DTEND");
        if (endLine != null) {
            When end = when(endLine, repZone);
            return end == null ? null : Duration.between(start.instant(), end.instant());
        }
        Line duration = first(event, "DURATION");
        if (duration != null) {
            return duration(duration.value());
        }
        return start.date() ? Duration.between(start.instant(), start.wall().plusDays(1).atZone(start.zone())
                .toInstant()) : Duration.ZERO;
    }

    static Duration duration(String text) {
        String value = text.strip().toUpperCase(Locale.ROOT);
        boolean negative = value.startsWith("-");
        value = value.replaceFirst("^[+-]", "");
        try {
            Duration d;
            if (value.matches("P\\d+W")) {
                d = Duration.ofDays(7L * Long.parseLong(value.substring(1, value.length() - 1)));
            } else {
                d = Duration.parse(value);
            }
            return negative ? d.negated() : d;
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** A DTSTART, DTEND, EXDATE or RECURRENCE-ID value; null when unreadable. */
    private static When when(Line line, ZoneId repZone) {
        String value = line.value().strip();
        try {
            if ("DATE".equalsIgnoreCase(line.params().get("VALUE")) || value.length() == 8) {
                return new When(LocalDate.parse(value, DATE).atStartOfDay(), repZone, true);
            }
            if (value.endsWith("Z")) {
                return new When(LocalDateTime.parse(value.substring(0, value.length() - 1), LOCAL), ZoneOffset.UTC,
                        false);
            }
            LocalDateTime wall = LocalDateTime.parse(value, LOCAL);
            String tzid = line.params().get("TZID");
            return new When(wall, tzid == null ? repZone : zone(tzid, repZone), false);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** A TZID as a zone: an IANA name, also at the end of a longer one ("/mozilla.org/…/Europe/Oslo"). */
    private static ZoneId zone(String tzid, ZoneId fallback) {
        String id = tzid.replace("\"", "").strip();
        for (int i = 0; i <= 2 && !id.isEmpty(); i++) {
            try {
                return ZoneId.of(id);
            } catch (DateTimeException e) {
                int slash = id.indexOf('/', 1);
                if (slash < 0) {
                    break;
                }
                id = id.substring(slash + 1);
            }
        }
        // an IANA name after any prefix
        String[] parts = tzid.split("/");
        if (parts.length >= 2) {
            try {
                return ZoneId.of(parts[parts.length - 2] + "/" + parts[parts.length - 1]);
            } catch (DateTimeException e) {
                // fall back below
            }
        }
        return fallback;
    }

    private static Line first(List<Line> event, String name) {
        for (Line line : event) {
            if (line.name().equals(name)) {
                return line;
            }
        }
        return null;
    }

    /** The VEVENTs of one iCalendar text, each as its own properties (not those of nested VALARMs). */
    static List<List<Line>> events(String text) {
        List<List<Line>> events = new ArrayList<>();
        List<Line> current = null;
        int depth = 0;
        for (String raw : unfold(text)) {
            Line line = parse(raw);
            if (line == null) {
                continue;
            }
            if (line.name().equals("BEGIN")) {
                if (line.value().equalsIgnoreCase("VEVENT")) {
                    current = new ArrayList<>();
                    depth = 0;
                } else if (current != null) {
                    depth++;
                }
            } else if (line.name().equals("END")) {
                if (line.value().equalsIgnoreCase("VEVENT") && current != null) {
                    events.add(current);
                    current = null;
                } else if (current != null) {
                    depth--;
                }
            } else if (current != null && depth == 0) {
                current.add(line);
            }
        }
        return events;
    }

    private static List<String> unfold(String text) {
        List<String> lines = new ArrayList<>();
        for (String raw : text.split("\r?\n")) {
            if ((raw.startsWith(" ") || raw.startsWith("\t")) && !lines.isEmpty()) {
                lines.set(lines.size() - 1, lines.get(lines.size() - 1) + raw.substring(1));
            } else if (!raw.isEmpty()) {
                lines.add(raw);
            }
        }
        return lines;
    }

    /** NAME;PARAM=value;PARAM="quoted":value, or null when the line has no colon. */
    static Line parse(String raw) {
        int colon = -1;
        boolean quoted = false;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ':' && !quoted) {
                colon = i;
                break;
            }
        }
        if (colon < 0) {
            return null;
        }
        String[] head = raw.substring(0, colon).split(";");
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 1; i < head.length; i++) {
            int eq = head[i].indexOf('=');
            if (eq > 0) {
                params.put(head[i].substring(0, eq).toUpperCase(Locale.ROOT), head[i].substring(eq + 1));
            }
        }
        return new Line(head[0].toUpperCase(Locale.ROOT), params, raw.substring(colon + 1));
    }

}

package dev.callsheet.scheduling.internal;

import dev.callsheet.campaigns.Holiday;
import dev.callsheet.campaigns.LeadHours;
import dev.callsheet.campaigns.TimeWindow;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * When a lead accepts a meeting (issue 25): the project's {@link LeadHours} on the lead's own clock, never on a
 * public holiday of the lead's country (the holidays the call queue keeps). Computed once per request over the
 * asked days as sorted spans of epoch milliseconds, so a slot's check is a binary search.
 */
public final class LeadWindow {

    /**
     * The hours of a booking made outside any project (an API call without a project or call): the lead's hours are
     * a project's setting, so only the lead's holidays bind it.
     */
    public static final LeadHours ANY_TIME;

    static {
        java.util.Map<java.time.DayOfWeek, List<TimeWindow>> week = new java.util.EnumMap<>(java.time.DayOfWeek.class);
        for (java.time.DayOfWeek day : java.time.DayOfWeek.values()) {
            week.put(day, List.of(new TimeWindow("00:00", "24:00")));
        }
        ANY_TIME = new LeadHours(week, week);
    }

    private final long[] from;
    private final long[] to;
    private final Set<LocalDate> holidays;
    private final ZoneId zone;

    private LeadWindow(long[] from, long[] to, Set<LocalDate> holidays, ZoneId zone) {
        this.from = from;
        this.to = to;
        this.holidays = holidays;
        this.zone = zone;
    }

    /**
     * The lead's acceptable spans over [start, end) (widened by a day each side).
     *
     * @param country  the lead's ISO country, for holidays; null: no holidays apply
     * @param holidays the workspace's holidays around the span, of any country
     */
    public static LeadWindow of(LeadHours hours, boolean organisation, ZoneId zone, String country,
            Collection<Holiday> holidays, Instant start, Instant end) {
        Set<LocalDate> off = new HashSet<>();
        for (Holiday h : holidays) {
            if (country != null && country.equals(h.country())) {
                off.add(h.day());
            }
        }
        List<long[]> spans = new ArrayList<>();
        LocalDate last = end.atZone(zone).toLocalDate().plusDays(1);
        for (LocalDate day = start.atZone(zone).toLocalDate().minusDays(1); !day.isAfter(last); day = day.plusDays(1)) {
            if (off.contains(day)) {
                continue;
            }
            for (TimeWindow w : hours.on(organisation, day.getDayOfWeek())) {
                long f = at(day, w.startMinute(), zone);
                long t = at(day, w.endMinute(), zone);
                if (!spans.isEmpty() && spans.get(spans.size() - 1)[1] >= f) {
                    long[] previous = spans.get(spans.size() - 1); // 20:00-24:00 then 00:00-02:00: one span
                    previous[1] = Math.max(previous[1], t);
                } else if (t > f) {
                    spans.add(new long[] {f, t});
                }
            }
        }
        long[] from = new long[spans.size()];
        long[] to = new long[spans.size()];
        for (int i = 0; i < from.length; i++) {
            from[i] = spans.get(i)[0];
            to[i] = spans.get(i)[1];
        }
        return new LeadWindow(from, to, off, zone);
    }

    /** Whether the meeting [start, end), in epoch milliseconds, lies inside one of the lead's spans. */
    public boolean covers(long start, long end) {
        int low = 0;
        int high = from.length - 1;
        int found = -1;
        while (low <= high) { // the last span that opens at or before start
            int mid = (low + high) >>> 1;
            if (from[mid] <= start) {
                found = mid;
                low = mid + 1;
            } else {
                high = mid - 1;
            }
        }
        return found >= 0 && end <= to[found];
    }

    /** Null when the meeting suits the lead; else HOLIDAY or LEAD_HOURS. */
    public SlotFinder.Misfit misfit(Instant start, Instant end) {
        if (covers(start.toEpochMilli(), end.toEpochMilli())) {
            return null;
        }
        return holidays.contains(start.atZone(zone).toLocalDate()) ? SlotFinder.Misfit.HOLIDAY
                : SlotFinder.Misfit.LEAD_HOURS;
    }

    private static long at(LocalDate day, int minute, ZoneId zone) {
        if (minute >= 24 * 60) {
            return day.plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli();
        }
        return ZonedDateTime.ofLocal(day.atTime(LocalTime.of(minute / 60, minute % 60)), zone, null).toInstant()
                .toEpochMilli();
    }
}

package dev.callsheet.scheduling.internal;

import dev.callsheet.campaigns.TimeWindow;
import dev.callsheet.scheduling.MeetingType;
import dev.callsheet.scheduling.RepCalendar;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Where a rep's meetings fit: inside the working hours of the rep's own day (computed in the rep's zone,
 * so daylight-saving changes move nothing on the rep's clock), after the minimum notice, under the
 * daily and weekly caps, and with the meeting and its buffers clear of every other meeting's buffers;
 * with {@link SlotRules} also inside the lead's hours and off the lead's holidays ({@link LeadWindow}), with
 * the rep's travel from and to the meetings around it and under the rep's on-site meetings a day
 * ({@link TravelTimes}). Territories choose the reps before this runs ({@link Territories}).
 * Pure computation over what the repository loaded; no I/O.
 */
public final class SlotFinder {

    private static final long MINUTE = 60_000L;

    /** Why a start does not fit, for the error a booking gets. */
    public enum Misfit {
        // in order of how telling the reason is, when several reps refuse a time each for its own
        TERRITORY("territory"), OUTSIDE_HOURS("repHours"), NOTICE("notice"), HOLIDAY("holiday"),
        LEAD_HOURS("leadHours"), DAILY_CAP("dailyLimit"), WEEKLY_CAP("weeklyLimit"), ON_SITE_CAP("dailyLimit"),
        TRAVEL("travel"), TAKEN("taken");

        private final String rule;

        Misfit(String rule) {
            this.rule = rule;
        }

        /** The rule's name in a refusal ({@code "rule":"travel"}). */
        public String rule() {
            return rule;
        }
    }

    /** Time a meeting already holds, buffers included: [from, to). */
    public record Busy(Instant from, Instant to) {
    }

    /** A meeting somewhere (at a lead's or the office), for travel: [start, end) without buffers. */
    public record Visit(Instant start, Instant end, TravelTimes.Place place) {
    }

    /** A rep's calendar with the meetings already in it. */
    public static final class Load {

        private final RepCalendar calendar;
        private final ZoneId zone;
        private final long[] busyFrom;
        private final long[] busyTo;
        private final Map<LocalDate, Integer> perDay = new HashMap<>();
        private final Map<LocalDate, Integer> perWeek = new HashMap<>();
        private final Map<LocalDate, Integer> onSitePerDay = new HashMap<>();
        private final long[] visitFrom;
        private final long[] visitTo;
        private final TravelTimes.Place[] visitPlace;

        /**
         * @param blocked the rep's live meetings with their buffers
         * @param starts  their starts, counted against the caps
         */
        public Load(RepCalendar calendar, List<Busy> blocked, List<Instant> starts) {
            this(calendar, blocked, starts, List.of());
        }

        /**
         * @param blocked the rep's live meetings with their buffers
         * @param starts  their starts, counted against the caps
         * @param visits  those of them that are somewhere, for travel and the on-site limit
         */
        public Load(RepCalendar calendar, List<Busy> blocked, List<Instant> starts, List<Visit> visits) {
            this.calendar = calendar;
            this.zone = calendar.zone();
            List<Busy> sorted = merged(blocked);
            this.busyFrom = new long[sorted.size()];
            this.busyTo = new long[sorted.size()];
            for (int i = 0; i < busyFrom.length; i++) {
                busyFrom[i] = sorted.get(i).from().toEpochMilli();
                busyTo[i] = sorted.get(i).to().toEpochMilli();
            }
            if (calendar.dailyCap() != null || calendar.weeklyCap() != null) {
                for (Instant start : starts) {
                    LocalDate day = start.atZone(zone).toLocalDate();
                    perDay.merge(day, 1, Integer::sum);
                    perWeek.merge(weekOf(day), 1, Integer::sum);
                }
            }
            List<Visit> sortedVisits = new ArrayList<>(visits);
            sortedVisits.sort((a, b) -> a.start().compareTo(b.start()));
            this.visitFrom = new long[sortedVisits.size()];
            this.visitTo = new long[sortedVisits.size()];
            this.visitPlace = new TravelTimes.Place[sortedVisits.size()];
            for (int i = 0; i < visitFrom.length; i++) {
                Visit v = sortedVisits.get(i);
                visitFrom[i] = v.start().toEpochMilli();
                visitTo[i] = v.end().toEpochMilli();
                visitPlace[i] = v.place();
                if (v.place().atLead()) {
                    onSitePerDay.merge(v.start().atZone(zone).toLocalDate(), 1, Integer::sum);
                }
            }
        }

        /** A rep's calendar with the meetings the repository found for them. */
        public static Load of(RepCalendar calendar, List<AppointmentRepository.Held> held) {
            List<Busy> busy = new ArrayList<>(held.size());
            List<Instant> starts = new ArrayList<>(held.size());
            List<Visit> visits = new ArrayList<>();
            for (AppointmentRepository.Held h : held) {
                busy.add(new Busy(h.blockedFrom(), h.blockedTo()));
                starts.add(h.start());
                TravelTimes.Place place = h.place();
                if (place != null) {
                    visits.add(new Visit(h.start(), h.end(), place));
                }
            }
            return new Load(calendar, busy, starts, visits);
        }

        // ---- the rep's own calendar (CalDAV, issue 25.6): busy times that block slots but are no meetings ----

        /**
         * A rep's calendar with its meetings and the busy times of the rep's own calendar ({@code external}), which
         * block time as meetings do but count against no cap.
         */
        public static Load of(RepCalendar calendar, List<AppointmentRepository.Held> held, List<Busy> external) {
            if (external == null || external.isEmpty()) {
                return of(calendar, held);
            }
            List<Busy> busy = new ArrayList<>(held.size() + external.size());
            List<Instant> starts = new ArrayList<>(held.size());
            for (AppointmentRepository.Held h : held) {
                busy.add(new Busy(h.blockedFrom(), h.blockedTo()));
                starts.add(h.start());
            }
            busy.addAll(external);
            return new Load(calendar, busy, starts);
        }

        /**
         * The intervals sorted and overlapping ones joined: meetings never overlap each other, but a calendar's busy
         * times may overlap them and one another, and {@link #overlaps} needs ends sorted as starts are.
         */
        private static List<Busy> merged(List<Busy> blocked) {
            List<Busy> sorted = new ArrayList<>(blocked);
            sorted.sort((a, b) -> a.from().compareTo(b.from()));
            List<Busy> merged = new ArrayList<>(sorted.size());
            for (Busy b : sorted) {
                Busy last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
                if (last != null && b.from().isBefore(last.to())) {
                    if (b.to().isAfter(last.to())) {
                        merged.set(merged.size() - 1, new Busy(last.from(), b.to()));
                    }
                } else {
                    merged.add(b);
                }
            }
            return merged;
        }

        // ---- end of the rep's own calendar ----

        public RepCalendar calendar() {
            return calendar;
        }

        /** The rep's time zone. */
        public ZoneId zone() {
            return zone;
        }

        /** Whether [from, to), in epoch milliseconds, meets any meeting's time. */
        boolean overlaps(long f, long t) {
            // Meetings of one rep never overlap each other, so ends are sorted as starts are.
            int low = 0;
            int high = busyTo.length;
            while (low < high) {
                int mid = (low + high) >>> 1;
                if (busyTo[mid] > f) {
                    high = mid;
                } else {
                    low = mid + 1;
                }
            }
            return low < busyTo.length && busyFrom[low] < t;
        }

        /** The on-site meetings on a date of the rep's calendar. */
        int onSiteOn(LocalDate day) {
            return onSitePerDay.getOrDefault(day, 0);
        }

        /**
         * Whether the rep gets from the meeting before [start, end) to it and from it to the one after, in epoch
         * milliseconds; meetings that are nowhere (calls) neither need nor give travel.
         */
        boolean travelFits(long start, long end, TravelTimes.Place place) {
            var travel = calendar.travel();
            if (place == null || visitFrom.length == 0 || travel == null || travel.minutes() == null) {
                return true;
            }
            // the first visit that starts at or after the meeting's start
            int low = 0;
            int high = visitFrom.length;
            while (low < high) {
                int mid = (low + high) >>> 1;
                if (visitFrom[mid] >= start) {
                    high = mid;
                } else {
                    low = mid + 1;
                }
            }
            if (low > 0) {
                int before = low - 1;
                long need = TravelTimes.minutes(travel, visitPlace[before], place) * MINUTE;
                if (visitTo[before] + need > start) {
                    return false;
                }
            }
            if (low < visitFrom.length) {
                long need = TravelTimes.minutes(travel, place, visitPlace[low]) * MINUTE;
                return end + need <= visitFrom[low];
            }
            return true;
        }
    }

    private SlotFinder() {
    }

    /** Null when the meeting fits at {@code start}; else the first reason it does not. */
    public static Misfit misfit(Load load, MeetingType type, Instant start, Instant earliest) {
        return misfit(load, type, start, earliest, SlotRules.NONE);
    }

    /** Null when the meeting fits at {@code start} under the rules too; else the first reason it does not. */
    public static Misfit misfit(Load load, MeetingType type, Instant start, Instant earliest, SlotRules rules) {
        if (start.isBefore(earliest)) {
            return Misfit.NOTICE;
        }
        Instant end = start.plus(type.duration());
        ZonedDateTime local = start.atZone(load.zone);
        LocalDate day = local.toLocalDate();
        boolean inside = false;
        for (TimeWindow window : load.calendar.hoursOn(day)) {
            if (!start.isBefore(at(day, window.startMinute(), load.zone))
                    && !end.isAfter(at(day, window.endMinute(), load.zone))) {
                inside = true;
                break;
            }
        }
        if (!inside) {
            return Misfit.OUTSIDE_HOURS;
        }
        if (rules.lead() != null) {
            Misfit lead = rules.lead().misfit(start, end);
            if (lead != null) {
                return lead;
            }
        }
        Misfit capped = capped(load, day);
        if (capped != null) {
            return capped;
        }
        if (onSiteCapped(load, day, rules.place())) {
            return Misfit.ON_SITE_CAP;
        }
        if (load.overlaps(start.minus(type.bufferBefore()).toEpochMilli(), end.plus(type.bufferAfter()).toEpochMilli())) {
            return Misfit.TAKEN;
        }
        return load.travelFits(start.toEpochMilli(), end.toEpochMilli(), rules.place()) ? null : Misfit.TRAVEL;
    }

    /**
     * What a meeting already booked at {@code start} breaks of the rules that came after it could be booked
     * (issue 25): the lead's hours or holiday, the on-site limit, travel to or from its neighbours. The load must
     * leave the meeting itself out.
     */
    public static List<Misfit> broken(Load load, MeetingType type, Instant start, SlotRules rules) {
        List<Misfit> broken = new ArrayList<>();
        Instant end = start.plus(type.duration());
        if (rules.lead() != null) {
            Misfit lead = rules.lead().misfit(start, end);
            if (lead != null) {
                broken.add(lead);
            }
        }
        if (onSiteCapped(load, start.atZone(load.zone).toLocalDate(), rules.place())) {
            broken.add(Misfit.ON_SITE_CAP);
        }
        if (!load.travelFits(start.toEpochMilli(), end.toEpochMilli(), rules.place())) {
            broken.add(Misfit.TRAVEL);
        }
        return broken;
    }

    private static boolean onSiteCapped(Load load, LocalDate day, TravelTimes.Place place) {
        var travel = load.calendar.travel();
        return place != null && place.atLead() && travel != null && travel.onSitePerDay() != null
                && load.onSiteOn(day) >= travel.onSitePerDay();
    }

    /**
     * Every start in [from, to) at which the meeting fits, on a grid of {@code step} from the start of each
     * working window, in time order.
     */
    public static void free(Load load, MeetingType type, Instant from, Instant to, Instant earliest, Duration step,
            Consumer<Instant> slot) {
        free(load, type, from, to, earliest, step, SlotRules.NONE, slot);
    }

    /** As {@link #free(Load, MeetingType, Instant, Instant, Instant, Duration, Consumer)}, under the rules too. */
    public static void free(Load load, MeetingType type, Instant from, Instant to, Instant earliest, Duration step,
            SlotRules rules, Consumer<Instant> slot) {
        LeadWindow lead = rules.lead();
        TravelTimes.Place place = rules.place();
        // in epoch milliseconds: this runs for every rep and every step of a fortnight on each availability request
        ZoneId zone = load.zone;
        Instant firstInstant = from.isBefore(earliest) ? earliest : from;
        long first = ceilMillis(firstInstant);
        long until = ceilMillis(to);
        long duration = type.durationMinutes() * MINUTE;
        long before = type.bufferBeforeMinutes() * MINUTE;
        long after = type.bufferAfterMinutes() * MINUTE;
        LocalDate day = firstInstant.atZone(zone).toLocalDate();
        LocalDate last = to.atZone(zone).toLocalDate();
        int stepMinutes = (int) Math.max(5, step.toMinutes());
        for (; !day.isAfter(last); day = day.plusDays(1)) {
            List<TimeWindow> windows = load.calendar.hoursOn(day);
            if (windows.isEmpty() || capped(load, day) != null || onSiteCapped(load, day, place)) {
                continue;
            }
            for (TimeWindow window : windows) {
                int opens = window.startMinute();
                int closes = window.endMinute();
                Instant openInstant = at(day, opens, zone);
                long open = openInstant.toEpochMilli();
                long close = at(day, closes, zone).toEpochMilli();
                var transition = zone.getRules().nextTransition(openInstant.minusSeconds(1));
                boolean steady = transition == null || transition.getInstant().toEpochMilli() >= close;
                for (int minute = opens; minute < closes; minute += stepMinutes) {
                    long[] starts;
                    if (steady) {
                        // no clock change in this window: wall-clock steps are plain durations
                        starts = new long[] {open + MINUTE * (minute - opens)};
                    } else {
                        // a wall time that does not exist (clocks went forward) has no start; one that happens
                        // twice (clocks went back) has two, and the rep is at work in both
                        LocalDateTime wall = day.atStartOfDay().plusMinutes(minute);
                        starts = zone.getRules().getValidOffsets(wall).stream()
                                .mapToLong(offset -> wall.toInstant(offset).toEpochMilli()).sorted().toArray();
                    }
                    for (long start : starts) {
                        long end = start + duration;
                        if (end > close || start < first || start >= until) {
                            continue;
                        }
                        if ((lead == null || lead.covers(start, end)) && !load.overlaps(start - before, end + after)
                                && load.travelFits(start, end, place)) {
                            slot.accept(Instant.ofEpochMilli(start));
                        }
                    }
                }
            }
        }
    }

    /** The first whole millisecond at or after an instant. */
    private static long ceilMillis(Instant instant) {
        long millis = instant.toEpochMilli();
        return instant.getNano() % 1_000_000 == 0 ? millis : millis + 1;
    }

    /** The Monday of a date's week. */
    public static LocalDate weekOf(LocalDate day) {
        return day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }

    private static Misfit capped(Load load, LocalDate day) {
        Integer daily = load.calendar.dailyCap();
        if (daily != null && load.perDay.getOrDefault(day, 0) >= daily) {
            return Misfit.DAILY_CAP;
        }
        Integer weekly = load.calendar.weeklyCap();
        if (weekly != null && load.perWeek.getOrDefault(weekOf(day), 0) >= weekly) {
            return Misfit.WEEKLY_CAP;
        }
        return null;
    }

    /** A minute of a rep's day as an instant; 1440 is the next midnight. */
    private static Instant at(LocalDate day, int minute, ZoneId zone) {
        if (minute >= 24 * 60) {
            return day.plusDays(1).atStartOfDay(zone).toInstant();
        }
        return ZonedDateTime.ofLocal(day.atTime(LocalTime.of(minute / 60, minute % 60)), zone, null).toInstant();
    }
}

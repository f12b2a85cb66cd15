package dev.callsheet.campaigns;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A telesales project (docs/domain.md §6).
 *
 * @param mediaPlan        ordered steps; the {@code CALL} steps are the calls the queue makes
 * @param priority         the queue order, most significant first (see {@link QueueOrder})
 * @param callingHours     per weekday, in the lead's local time; a day left out means no calls
 * @param maxCallsPer24h   the cap of calls per lead in any rolling 24 hours, or null for none
 * @param leadHours        when the project's leads accept a meeting, in their own local time (issue 25)
 */
public record Project(UUID id, String name, Direction direction, Audience audience, List<MediaStep> mediaPlan,
        LocalDate startsOn, LocalDate endsOn, ReviewCadence reviewCadence, KpiTargets kpiTargets, String primaryGoal,
        String secondaryGoal, UUID teamId, List<String> priority, String timeZone,
        Map<DayOfWeek, List<TimeWindow>> callingHours, int maxAttempts, Integer maxCallsPer24h,
        int callbackGraceMinutes, Status status, Instant createdAt, LeadHours leadHours) {

    /** A project with the default {@link LeadHours}. */
    public Project(UUID id, String name, Direction direction, Audience audience, List<MediaStep> mediaPlan,
            LocalDate startsOn, LocalDate endsOn, ReviewCadence reviewCadence, KpiTargets kpiTargets, String primaryGoal,
            String secondaryGoal, UUID teamId, List<String> priority, String timeZone,
            Map<DayOfWeek, List<TimeWindow>> callingHours, int maxAttempts, Integer maxCallsPer24h,
            int callbackGraceMinutes, Status status, Instant createdAt) {
        this(id, name, direction, audience, mediaPlan, startsOn, endsOn, reviewCadence, kpiTargets, primaryGoal,
                secondaryGoal, teamId, priority, timeZone, callingHours, maxAttempts, maxCallsPer24h,
                callbackGraceMinutes, status, createdAt, LeadHours.DEFAULT);
    }

    public enum Direction { OUTBOUND, INBOUND }

    public enum Audience { NEW_CUSTOMERS, EXISTING_CUSTOMERS, SERVICE }

    public enum ReviewCadence { WEEKLY, DAILY, TWICE_DAILY }

    public enum Status { ACTIVE, PAUSED, ENDED }

    /** One step of the media plan: e.g. a catalogue, then a call five days later. */
    public record MediaStep(String kind, int afterDays, String note) {

        public static final List<String> KINDS = List.of("CALL", "DIRECT_MAIL", "CATALOGUE", "EMAIL");

        public boolean isCall() {
            return "CALL".equals(kind);
        }
    }

    /** What the supervisor reviews the project against; any may be left out. */
    public record KpiTargets(Double connectRate, Double appointmentsPerHour, Double oneCallResolutionRate,
            Integer averageSuccessfulCallSeconds, Integer talkMinutesPerDay) {
    }

    public ZoneId zone() {
        return ZoneId.of(timeZone);
    }

    /** Whether a lead whose local time is {@code local} may be called now by the hours alone. */
    public boolean withinHours(LocalDateTime local) {
        List<TimeWindow> windows = callingHours.get(local.getDayOfWeek());
        if (windows == null) {
            return false;
        }
        int minute = local.getHour() * 60 + local.getMinute();
        return windows.stream().anyMatch(w -> w.contains(minute));
    }

    /** Whether the project is running on this date of its own zone. */
    public boolean runsOn(LocalDate day) {
        return status == Status.ACTIVE && (startsOn == null || !day.isBefore(startsOn))
                && (endsOn == null || !day.isAfter(endsOn));
    }

    /** The index of the first {@code CALL} step at or after {@code from}, or -1. */
    public int callStepFrom(int from) {
        for (int i = Math.max(0, from); i < mediaPlan.size(); i++) {
            if (mediaPlan.get(i).isCall()) {
                return i;
            }
        }
        return -1;
    }

    /** Days from step {@code from} (exclusive) to step {@code to} (inclusive). */
    public int daysBetweenSteps(int from, int to) {
        int days = 0;
        for (int i = from + 1; i <= to; i++) {
            days += mediaPlan.get(i).afterDays();
        }
        return days;
    }
}

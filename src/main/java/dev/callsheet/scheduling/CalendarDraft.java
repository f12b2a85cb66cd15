package dev.callsheet.scheduling;

import dev.callsheet.campaigns.TimeWindow;
import java.util.List;
import java.util.Map;

/**
 * A rep's calendar as a client sends it ({@code PUT /api/v1/reps/{userId}/calendar}); fields left out keep
 * their defaults: Monday–Friday 09:00–17:00, the four default meeting types, 120 minutes' notice, no caps,
 * weight 100, active.
 *
 * @param regions     region names or ids of the workspace
 * @param territories where the rep meets leads at their place ({@link Territory}); none: anywhere
 * @param travel      travel between places and on-site meetings a day; none: no rule
 */
public record CalendarDraft(String timeZone, Map<String, List<TimeWindow>> weeklyHours, List<ExceptionDraft> exceptions,
        List<String> regions, List<MeetingTypeDraft> meetingTypes, Integer minNoticeMinutes, Integer dailyCap,
        Integer weeklyCap, Integer weight, String email, Boolean active, List<Territory> territories,
        Travel travel) {

    /** A draft without territories or travel. */
    public CalendarDraft(String timeZone, Map<String, List<TimeWindow>> weeklyHours, List<ExceptionDraft> exceptions,
            List<String> regions, List<MeetingTypeDraft> meetingTypes, Integer minNoticeMinutes, Integer dailyCap,
            Integer weeklyCap, Integer weight, String email, Boolean active) {
        this(timeZone, weeklyHours, exceptions, regions, meetingTypes, minNoticeMinutes, dailyCap, weeklyCap, weight,
                email, active, null, null);
    }

    /** Other hours on a date ({@code "2026-12-24"}); no hours is a day off. */
    public record ExceptionDraft(String date, List<TimeWindow> hours, String note) {
    }

    public record MeetingTypeDraft(String code, String name, String place, Integer durationMinutes,
            Integer bufferBeforeMinutes, Integer bufferAfterMinutes) {
    }
}

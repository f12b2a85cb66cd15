package dev.callsheet.scheduling;

import dev.callsheet.campaigns.TimeWindow;
import java.util.List;
import java.util.Map;

/**
 * A rep's calendar as a client sends it ({@code PUT /api/v1/reps/{userId}/calendar}); fields left out keep
 * their defaults: Monday–Friday 09:00–17:00, the four default meeting types, 120 minutes' notice, no caps,
 * weight 100, active.
 *
 * @param regions region names or ids of the workspace
 */
public record CalendarDraft(String timeZone, Map<String, List<TimeWindow>> weeklyHours, List<ExceptionDraft> exceptions,
        List<String> regions, List<MeetingTypeDraft> meetingTypes, Integer minNoticeMinutes, Integer dailyCap,
        Integer weeklyCap, Integer weight, String email, Boolean active) {

    /** Other hours on a date ({@code "2026-12-24"}); no hours is a day off. */
    public record ExceptionDraft(String date, List<TimeWindow> hours, String note) {
    }

    public record MeetingTypeDraft(String code, String name, String place, Integer durationMinutes,
            Integer bufferBeforeMinutes, Integer bufferAfterMinutes) {
    }
}

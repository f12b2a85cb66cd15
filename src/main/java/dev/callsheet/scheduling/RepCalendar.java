package dev.callsheet.scheduling;

import dev.callsheet.campaigns.TimeWindow;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * When and how a rep takes meetings. Hours are in the rep's own {@link #timeZone()}, so a rep who
 * works 09:00–17:00 works those local hours on both sides of a daylight-saving change.
 *
 * @param exceptions     dates on which other hours apply; no hours is a day off
 * @param regions        the territories the rep covers
 * @param dailyCap       at most this many meetings a day (the rep's local day), or null
 * @param weeklyCap      at most this many a week (Monday to Sunday, local), or null
 * @param weight         the rep's share in round robin relative to the others (100 is a full share, 0 none)
 * @param email          where invites and reminders go
 * @param active         false while the rep takes no new meetings (leave, holiday)
 * @param calibratedFrom round robin counts this rep's share from here (set when the rep starts or returns)
 * @param territories    where the rep meets leads at their place, per meeting type; none: anywhere (issue 25)
 * @param travel         travel between meetings at different places and the on-site meetings a day
 */
public record RepCalendar(Person rep, String timeZone, Map<DayOfWeek, List<TimeWindow>> weeklyHours,
        List<DayException> exceptions, List<Region> regions, List<MeetingType> meetingTypes, int minNoticeMinutes,
        Integer dailyCap, Integer weeklyCap, int weight, String email, boolean active, Instant calibratedFrom,
        List<Territory> territories, Travel travel) {

    /** Other hours on one date; an empty list is a day off. */
    public record DayException(LocalDate date, List<TimeWindow> hours, String note) {
    }

    public record Region(java.util.UUID id, String name) {
    }

    public ZoneId zone() {
        return ZoneId.of(timeZone);
    }

    /** The hours the rep works on a date of their own calendar. */
    public List<TimeWindow> hoursOn(LocalDate date) {
        for (DayException exception : exceptions) {
            if (exception.date().equals(date)) {
                return exception.hours();
            }
        }
        return weeklyHours.getOrDefault(date.getDayOfWeek(), List.of());
    }

    public Optional<MeetingType> meetingType(String code) {
        return meetingTypes.stream().filter(t -> t.code().equals(code)).findFirst();
    }
}

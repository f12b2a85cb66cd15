package dev.callsheet.campaigns;

import java.time.DayOfWeek;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * When a project's leads accept a meeting, in each lead's own time zone (issue 25): one week for people and one for
 * organisations (a lead whose card names an organisation). A day left out takes no meetings.
 */
public record LeadHours(Map<DayOfWeek, List<TimeWindow>> people, Map<DayOfWeek, List<TimeWindow>> organisations) {

    /** 08:00–20:00 every day for people; 08:00–18:00 Monday to Friday for organisations. */
    public static final LeadHours DEFAULT = new LeadHours(week(DayOfWeek.values(), "20:00"),
            week(new DayOfWeek[] {DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY,
                    DayOfWeek.FRIDAY}, "18:00"));

    /** As a client sends it: {@code {"people":{"MONDAY":[{"from":"08:00","to":"20:00"}]},"organisations":{…}}}. */
    public record Draft(Map<String, List<TimeWindow>> people, Map<String, List<TimeWindow>> organisations) {
    }

    /** The hours of a lead on a weekday of their own calendar. */
    public List<TimeWindow> on(boolean organisation, DayOfWeek day) {
        return (organisation ? organisations : people).getOrDefault(day, List.of());
    }

    /** Checks a draft field by field ({@code leadHours.people.MONDAY[0]}); what it leaves out keeps {@code base}. */
    static LeadHours checked(Draft draft, LeadHours base) {
        LeadHours from = base == null ? DEFAULT : base;
        if (draft == null) {
            return from;
        }
        return new LeadHours(
                draft.people() == null ? from.people() : TimeWindow.weekly("leadHours.people", draft.people()),
                draft.organisations() == null ? from.organisations()
                        : TimeWindow.weekly("leadHours.organisations", draft.organisations()));
    }

    private static Map<DayOfWeek, List<TimeWindow>> week(DayOfWeek[] days, String to) {
        Map<DayOfWeek, List<TimeWindow>> week = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : days) {
            week.put(day, List.of(new TimeWindow("08:00", to)));
        }
        return java.util.Collections.unmodifiableMap(week);
    }
}

package dev.callsheet.campaigns;

import dev.callsheet.campaigns.Project.KpiTargets;
import dev.callsheet.campaigns.Project.MediaStep;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A project as supervisors send it: text as typed, checked by {@link Projects} field by field.
 * Left-out fields take the defaults: outbound, new customers, one call step, weekly review,
 * 09:00-20:00 Monday to Friday, six attempts, oldest leads first; {@link LeadHours#DEFAULT} for meetings.
 */
public record ProjectDraft(String name, String direction, String audience, List<MediaStep> mediaPlan,
        String startsOn, String endsOn, String reviewCadence, KpiTargets kpiTargets, String primaryGoal,
        String secondaryGoal, UUID teamId, List<String> priority, String timeZone,
        Map<String, List<TimeWindow>> callingHours, Integer maxAttempts, Integer maxCallsPer24h,
        Integer callbackGraceMinutes, String status, LeadHours.Draft leadHours) {

    /** A draft that leaves the leads' meeting hours as they are. */
    public ProjectDraft(String name, String direction, String audience, List<MediaStep> mediaPlan,
            String startsOn, String endsOn, String reviewCadence, KpiTargets kpiTargets, String primaryGoal,
            String secondaryGoal, UUID teamId, List<String> priority, String timeZone,
            Map<String, List<TimeWindow>> callingHours, Integer maxAttempts, Integer maxCallsPer24h,
            Integer callbackGraceMinutes, String status) {
        this(name, direction, audience, mediaPlan, startsOn, endsOn, reviewCadence, kpiTargets, primaryGoal,
                secondaryGoal, teamId, priority, timeZone, callingHours, maxAttempts, maxCallsPer24h,
                callbackGraceMinutes, status, null);
    }
}

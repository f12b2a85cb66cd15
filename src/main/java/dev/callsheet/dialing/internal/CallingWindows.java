package dev.callsheet.dialing.internal;

import dev.callsheet.campaigns.Holiday;
import dev.callsheet.campaigns.Project;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which of a project's lead zones may be called at this instant: inside the project's hours in
 * the lead's own local time, and not on a public holiday of the lead's country there. The queue
 * claim then serves only leads of those zones; a few hundred zones at most, checked in
 * microseconds.
 */
public final class CallingWindows {

    private CallingWindows() {
    }

    public static List<String> open(Project project, Collection<String> zoneKeys, Collection<Holiday> holidays,
            Instant now) {
        if (!project.runsOn(LocalDate.ofInstant(now, project.zone()))) {
            return List.of();
        }
        Set<String> holidayKeys = holidays.stream().map(h -> h.country() + "|" + h.day()).collect(Collectors.toSet());
        List<String> open = new ArrayList<>();
        for (String key : zoneKeys) {
            int bar = key.indexOf('|');
            String zone = key.substring(0, bar);
            String country = key.substring(bar + 1);
            LocalDateTime local;
            try {
                local = LocalDateTime.ofInstant(now, ZoneId.of(zone));
            } catch (DateTimeException e) {
                continue;
            }
            if (project.withinHours(local) && !holidayKeys.contains(country + "|" + local.toLocalDate())) {
                open.add(key);
            }
        }
        return open;
    }
}

package dev.callsheet.scheduling.internal;

import dev.callsheet.campaigns.MeetingTypeCatalog;
import dev.callsheet.scheduling.Calendars;
import dev.callsheet.scheduling.MeetingType;
import dev.callsheet.scheduling.RepCalendar;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The meeting types a project may choose as its default: the standard four first, then any custom type a rep
 * of the workspace takes (by the rep's own name for it).
 */
@Component
class OfferedMeetingTypes implements MeetingTypeCatalog {

    private final Calendars calendars;

    OfferedMeetingTypes(Calendars calendars) {
        this.calendars = calendars;
    }

    @Override
    public List<Option> offered(UUID workspaceId) {
        Map<String, Option> types = new LinkedHashMap<>();
        MeetingType.DEFAULTS.forEach(t -> types.put(t.code(), new Option(t.code(), t.name())));
        for (RepCalendar calendar : calendars.calendars(workspaceId)) {
            calendar.meetingTypes().forEach(t -> types.putIfAbsent(t.code(), new Option(t.code(), t.name())));
        }
        return new ArrayList<>(types.values());
    }
}

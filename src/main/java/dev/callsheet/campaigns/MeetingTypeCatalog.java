package dev.callsheet.campaigns;

import java.util.List;
import java.util.UUID;

/**
 * The meeting types a workspace's reps take, for a project to choose its default from. Implemented by the
 * module that keeps the reps' calendars (scheduling), which depends on this one, not the other way round.
 */
public interface MeetingTypeCatalog {

    /** A meeting type by its code; {@code name} is the rep's own name for a custom type (else the code's). */
    record Option(String code, String name) {
    }

    /** The types any rep of the workspace takes, each once, in a stable order. */
    List<Option> offered(UUID workspaceId);
}

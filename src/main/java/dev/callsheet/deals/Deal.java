package dev.callsheet.deals;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A sales process.
 *
 * @param owner         the rep who runs it
 * @param creditedAgent the agent who booked the meeting that opened it (earns commission on a win), or null
 * @param stage         the pipeline stage; null until the workspace has a pipeline
 * @param status        OPEN, WON, LOST or DISQUALIFIED
 */
public record Deal(UUID id, UUID contactId, Person owner, Person creditedAgent, UUID projectId, UUID appointmentId,
        String source, String stage, String status, Map<String, Object> qualification, Instant openedAt) {

    public record Person(UUID id, String username, String displayName) {
    }
}

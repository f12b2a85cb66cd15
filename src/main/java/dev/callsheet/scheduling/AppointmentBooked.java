package dev.callsheet.scheduling;

import java.time.Instant;
import java.util.UUID;

/**
 * A meeting was booked: the lead goes to the rep as a sales process (docs/domain.md §3.2), owned by the rep
 * and credited to the agent who booked it, with the qualification answers of the call.
 *
 * @param qualification the answers as JSON ({@code {"interest":4,…}}), or null when booked without a call
 */
public record AppointmentBooked(UUID workspaceId, UUID appointmentId, UUID contactId, UUID projectId, UUID repId,
        UUID agentId, Instant start, String type, String qualification, Instant at) {
}

package dev.callsheet.scheduling;

import java.time.Instant;
import java.util.UUID;

/**
 * A booked meeting moved, was cancelled, held or missed.
 *
 * @param change    RESCHEDULED, CANCELLED, HELD or NO_SHOW
 * @param projectId the project it was booked from, or null
 * @param bookedBy  who booked it (the agent credited with it)
 * @param previous  its status before this change (BOOKED, HELD or NO_SHOW)
 */
public record AppointmentChanged(UUID workspaceId, UUID appointmentId, UUID contactId, UUID repId, String change,
        Instant start, Instant at, UUID projectId, UUID bookedBy, String previous) {
}

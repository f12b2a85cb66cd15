package dev.callsheet.scheduling;

import java.time.Instant;
import java.util.UUID;

/**
 * A booked meeting moved, was cancelled, held or missed.
 *
 * @param change RESCHEDULED, CANCELLED, HELD or NO_SHOW
 */
public record AppointmentChanged(UUID workspaceId, UUID appointmentId, UUID contactId, UUID repId, String change,
        Instant start, Instant at) {
}

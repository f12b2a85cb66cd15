package dev.callsheet.scheduling;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

/**
 * A meeting between a rep and a lead.
 *
 * @param status       BOOKED, HELD, NO_SHOW or CANCELLED
 * @param choice       how the rep was chosen: OWNER, TERRITORY, ROUND_ROBIN, PINNED (by a supervisor) or CHOSEN
 * @param choiceReason the choice in words, e.g. "furthest below their share this month (3 of 8.0)"
 * @param sequence     the invite's SEQUENCE, raised on every change
 */
public record Appointment(UUID id, Lead lead, UUID projectId, Person rep, Person bookedBy, String type, String location,
        String notes, Instant start, Instant end, Instant blockedFrom, Instant blockedTo, String status,
        String choice, String choiceReason, String repTimeZone, String leadTimeZone, OffsetDateTime repLocalStart,
        OffsetDateTime leadLocalStart, Map<String, Object> qualification, String cancelReason, int sequence,
        boolean inviteLead, Instant createdAt, Instant updatedAt) {

    public record Lead(UUID id, String displayName, String email) {
    }

    /** This meeting as withdrawn from its rep's calendar at the given SEQUENCE (it moved to another rep). */
    public Appointment withdrawnAt(int newSequence) {
        return new Appointment(id, lead, projectId, rep, bookedBy, type, location, notes, start, end, blockedFrom,
                blockedTo, "CANCELLED", choice, choiceReason, repTimeZone, leadTimeZone, repLocalStart, leadLocalStart,
                qualification, cancelReason, newSequence, inviteLead, createdAt, updatedAt);
    }
}

package dev.callsheet.deals;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

/**
 * A sales process (docs/domain.md §2).
 *
 * @param contactId     the lead it was opened for; null for a deal imported from another system's history
 * @param organisationId the buyer's organisation: the lead's now, else the one it had when the deal opened
 * @param owner         the rep who runs it
 * @param creditedAgent the agent who booked the meeting that opened it (earns commission on a win), or null
 * @param stage         the code of its pipeline stage
 * @param status        OPEN, WON, LOST, DISQUALIFIED or CANCELLED (a win undone)
 * @param closeReason   the disqualification or loss reason's code
 * @param features      what else is known of it (imported columns such as product or sector), for the win model
 */
public record Deal(UUID id, UUID contactId, String contactName, UUID organisationId, Person owner, Person creditedAgent, UUID projectId,
        UUID appointmentId, String source, UUID pipelineId, String stage, String status, String title,
        BigDecimal amount, String currency, LocalDate expectedClose, Instant stageEnteredAt, Instant openedAt,
        Instant closedAt, String closeReason, String closeNote, Map<String, Object> qualification,
        Map<String, String> features, int version) {

    public static final String OPEN = "OPEN";
    public static final String WON = "WON";
    public static final String LOST = "LOST";
    public static final String DISQUALIFIED = "DISQUALIFIED";
    public static final String CANCELLED = "CANCELLED";

    public boolean isOpen() {
        return OPEN.equals(status);
    }

    /** Whether the person runs it: its owner. */
    public boolean ownedBy(UUID userId) {
        return owner != null && owner.id().equals(userId);
    }

    public record Person(UUID id, String username, String displayName) {
    }
}

package dev.callsheet.deals;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * A deal was won, lost, disqualified, or a win was cancelled.
 *
 * @param projectId       the project whose booking opened the deal, or null
 * @param creditedAgentId the agent who booked the meeting, or null
 * @param wonAt           for a cancelled win, when it had been won (reports take it back from there); else null
 */
public record DealClosed(UUID workspaceId, UUID dealId, UUID contactId, String status, String reason,
        BigDecimal amount, String currency, Instant at, UUID projectId, UUID creditedAgentId, Instant wonAt) {
}

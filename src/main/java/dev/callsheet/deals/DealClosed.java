package dev.callsheet.deals;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** A deal was won, lost, disqualified, or a win was cancelled. */
public record DealClosed(UUID workspaceId, UUID dealId, UUID contactId, String status, String reason,
        BigDecimal amount, String currency, Instant at) {
}

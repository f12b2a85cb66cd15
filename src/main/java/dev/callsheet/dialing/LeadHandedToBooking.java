package dev.callsheet.dialing;

import java.util.UUID;

/** A qualified lead agreed to a meeting: booking takes it from here (DOMAIN.md §2). */
public record LeadHandedToBooking(UUID workspaceId, UUID projectId, UUID contactId, UUID agentId, UUID attemptId) {
}

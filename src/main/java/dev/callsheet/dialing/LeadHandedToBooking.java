package dev.callsheet.dialing;

import java.util.UUID;

/** A qualified lead agreed to a meeting: booking takes it from here (docs/domain.md §2). */
public record LeadHandedToBooking(UUID workspaceId, UUID projectId, UUID contactId, UUID agentId, UUID attemptId) {
}

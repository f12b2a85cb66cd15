package dev.callsheet.dialing;

import java.time.Instant;
import java.util.UUID;

/**
 * A later result of a call (docs/domain.md §8): node 2, the system confirmation, or node 3, the revisit.
 *
 * @param callStartedAt when the call itself began: the result counts in that call's hour
 */
public record CallResultRecorded(UUID workspaceId, UUID projectId, UUID attemptId, UUID agentId, int node,
        String code, Instant callStartedAt) {
}

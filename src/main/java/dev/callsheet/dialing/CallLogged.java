package dev.callsheet.dialing;

import java.time.Instant;
import java.util.UUID;

/** A call's outcome was recorded: reports count these. */
public record CallLogged(UUID workspaceId, UUID projectId, UUID attemptId, UUID contactId, UUID agentId,
        String outcome, boolean connected, int talkSeconds, boolean inbound, Instant at) {
}

package dev.callsheet.dialing;

import java.time.Instant;
import java.util.UUID;

/**
 * A call's outcome was recorded: reports count these, in the same transaction.
 *
 * @param at            when the outcome was saved
 * @param startedAt     when the lead was handed to the agent (the call's hour in reports)
 * @param source        the lead's source (docs/domain.md §3) as the queue knows it
 * @param successful    the call reached the project's goal: the lead qualified, or the deal was done on the phone
 * @param resolved      the outcome is final: the lead needs no further call in this project
 * @param firstCall     this was the lead's first call in the project (one-call resolution, §6)
 * @param leadEnteredAt when the lead entered the project's queue
 * @param gatekeeper    connected, but not to the person who decides (docs/domain.md §7)
 */
public record CallLogged(UUID workspaceId, UUID projectId, UUID attemptId, UUID contactId, UUID agentId,
        String outcome, boolean connected, int talkSeconds, boolean inbound, Instant at, Instant startedAt,
        String source, boolean qualified, boolean successful, boolean resolved, boolean firstCall,
        Instant leadEnteredAt, boolean gatekeeper) {
}

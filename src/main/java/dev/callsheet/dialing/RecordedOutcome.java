package dev.callsheet.dialing;

import java.time.Instant;
import java.util.UUID;

/**
 * An outcome as recorded, and what became of the lead.
 *
 * @param leadState   READY (due again at {@code dueAt}), DONE, EXHAUSTED or BLOCKED
 * @param exitReason  why the lead left the queue, when it did (MAX_ATTEMPTS, INVALID_NUMBER, …)
 * @param qualified   for a qualifying outcome: whether the lead qualified (else it goes to nurture)
 * @param handOff     {@code BOOKING} when the lead is handed over to book a meeting
 */
public record RecordedOutcome(UUID attemptId, String outcome, String leadState, Instant dueAt, String exitReason,
        Boolean qualified, String handOff) {
}

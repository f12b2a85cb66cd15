package dev.callsheet.dialing;

import java.time.Instant;
import java.util.UUID;

/** A lead handed to one agent: call it, then post the outcome of {@code attemptId} before the lease expires. */
public record Lease(UUID attemptId, UUID projectId, Instant leaseExpires, Lead lead) {

    /**
     * The lead as the agent needs it at once.
     *
     * @param id        the contact's id
     * @param localTime the lead's wall-clock time now, e.g. {@code 2026-11-23T14:05}
     * @param callback  this call is a callback the lead asked for
     * @param attempts  earlier attempts in this step of the project
     */
    public record Lead(UUID id, String name, String phone, String country, String timeZone, String localTime,
            String status, int attempts, int step, boolean callback, boolean inbound) {
    }
}

package dev.callsheet.mail;

import java.time.Instant;
import java.util.UUID;

/**
 * Where one message stands.
 *
 * @param status {@code PENDING} (waiting for its first or next try), {@code SENT}, or {@code FAILED} (the
 *               server refused it for good, or every retry failed)
 */
public record MailStatus(UUID id, String kind, String recipient, String subject, String status, int attempts,
        String lastError, Instant createdAt, Instant sentAt) {
}

package dev.callsheet.intake;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** Something a person must do about a lead, e.g. call back a web lead routed to them. */
public record Task(UUID id, String kind, String title, UUID contactId, String contactName, Person assignee,
        Map<String, Object> details, Instant createdAt, Instant doneAt) {
}

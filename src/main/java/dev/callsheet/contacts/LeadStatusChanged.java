package dev.callsheet.contacts;

import java.util.UUID;

/** A card's lead status changed, e.g. to {@link LeadStatus#DO_NOT_CONTACT}: queues drop such leads at once. */
public record LeadStatusChanged(UUID workspaceId, UUID contactId, LeadStatus from, LeadStatus to) {
}

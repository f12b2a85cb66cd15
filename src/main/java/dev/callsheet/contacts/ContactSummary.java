package dev.callsheet.contacts;

import java.time.Instant;
import java.util.UUID;

/** A card as a lead list shows it. */
public record ContactSummary(UUID id, UUID organisationId, String organisation, String displayName,
        LeadStatus status, ContactCard.Named owner, LeadSource source, String phone, String email, String postcode,
        String city, String region, Integer score, boolean flaggedDuplicate, Instant createdAt) {
}

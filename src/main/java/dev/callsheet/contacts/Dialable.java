package dev.callsheet.contacts;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What a call queue needs of a card: the number to dial (its first readable phone that is not
 * flagged dead; null when there is none), where that number rings, and the fields a project may
 * order its queue by (docs/domain.md §5).
 *
 * @param phone      E.164, or null when the card has no callable number
 * @param country    ISO 3166 code of the number, else of the card's address
 * @param timeZones  the number's time zones from the geocoder, possibly several, possibly none
 * @param national   the national significant number, area code first
 * @param source     where the lead came from (docs/domain.md §3)
 */
public record Dialable(UUID contactId, String displayName, LeadStatus status, String phone, String country,
        List<String> timeZones, String national, String postcode, String region, Integer score,
        Map<String, Object> custom, Instant createdAt, LeadSource source, String campaignCode) {
}

package dev.callsheet.contacts;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A person's card with everything on it.
 *
 * @param campaignCode the marketing campaign a code on a web form or an inbound call tied the lead to, or null
 */
public record ContactCard(UUID id, String displayName, String firstName, String surname, Organisation organisation,
        String jobTitle, List<Point> phones, List<Point> emails, List<Point> websites, String address,
        String postcode, String city, String country, Named region, String lineOfBusiness, String language,
        LeadStatus status, Named owner, LeadSource source, String heardOfUs, Integer score,
        Map<String, Object> custom, boolean flaggedDuplicate, UUID mergedInto, Instant createdAt, Instant updatedAt,
        String registrationNumber, String buyingRole, String campaignCode) {

    /** The custom field where a web form's consent box (or an import's column) records marketing consent. */
    public static final String MARKETING_CONSENT = "marketing_consent";

    /** Whether the person agreed to marketing (a web form's consent box, or an import's column). */
    public boolean consentsToMarketing() {
        Object consent = custom.get(MARKETING_CONSENT);
        return consent != null && java.util.Set.of("true", "yes", "on", "1")
                .contains(String.valueOf(consent).strip().toLowerCase(java.util.Locale.ROOT));
    }

    /** A person's part in the buying process (docs/domain.md §7). */
    public static final java.util.List<String> BUYING_ROLES = java.util.List.of("DECISION_MAKER", "INFLUENCER",
            "GATEKEEPER", "USER");

    /**
     * A phone, e-mail or website: the text as entered and what was read from it.
     *
     * @param flag what the dialler learnt of a phone (e.g. {@code INVALID_NUMBER}), else null
     */
    public record Point(String raw, String value, String matchKey, String region, List<String> timeZones,
            boolean valid, String flag) {
    }

    public record Organisation(UUID id, String name) {
    }

    public record Named(UUID id, String name) {
    }
}

package dev.callsheet.contacts;

import java.util.UUID;

/**
 * A lead list's filter and order (docs/domain.md §5). {@code q} matches a name, a phone in any format,
 * an e-mail, a domain or a postcode; the other filters narrow it; {@code sort} is one of
 * {@code created}, {@code oldest}, {@code name}, {@code areaCode}, {@code postcode}, {@code region},
 * {@code score}, {@code status} or {@code custom:<field>}.
 */
public record ContactSearch(String q, LeadStatus status, LeadSource source, UUID ownerId, String region,
        String postcode, String areaCode, Integer minScore, Boolean flagged, String customField, String customValue,
        String sort, int page, int size) {

    public ContactSearch {
        page = Math.max(0, page);
        size = size <= 0 ? 50 : Math.min(size, 500);
    }

}

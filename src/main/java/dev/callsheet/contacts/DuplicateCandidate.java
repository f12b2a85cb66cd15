package dev.callsheet.contacts;

import java.util.List;
import java.util.UUID;

/**
 * An existing card that may be the same client, with why and a score from 0 to 1 (the probability that the two are
 * one client, ADR 0006).
 *
 * @param type {@code contact} or {@code organisation}
 * @param reasons the agreements, in words people read
 * @param comparisons every field compared: at which level the two agree and what that weighed
 */
public record DuplicateCandidate(String type, UUID id, String name, double score, List<Reason> reasons,
        List<Comparison> comparisons) {

    public DuplicateCandidate(String type, UUID id, String name, double score, List<Reason> reasons) {
        this(type, id, name, score, reasons, List.of());
    }

    /**
     * One piece of evidence: a code pages translate ({@code dup.reason.<code>}) and its detail,
     * e.g. {@code SAME_CORPORATE_DOMAIN} with {@code acme.co.uk}.
     */
    public record Reason(String code, String detail) {

        /** The reason in plain English, as the API gives it: "same corporate domain acme.co.uk". */
        public String text() {
            String words = code.toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
            return detail == null || detail.isEmpty() ? words : words + " " + detail;
        }
    }

    /**
     * One field compared: {@code field} (e.g. {@code phone}, {@code first_name}), the {@code level} the two cards
     * agree at ({@code exact}, {@code nickname}, {@code initial}, {@code close}, {@code contains}, {@code similar},
     * {@code different}), and the {@code weight} that added to the score, in bits (log2 of how much likelier the
     * level is for one client than for two; negative when it argues against).
     */
    public record Comparison(String field, String level, double weight) {
    }
}

package dev.callsheet.contacts;

import java.util.List;
import java.util.UUID;

/**
 * An existing card that may be the same client, with why and a score from 0 to 1.
 *
 * @param type {@code contact} or {@code organisation}
 */
public record DuplicateCandidate(String type, UUID id, String name, double score, List<Reason> reasons) {

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
}

package dev.callsheet.contacts;

import java.util.Map;
import java.util.UUID;

/**
 * How to read and file an upload.
 *
 * @param country ISO 3166 default for rows without one (and for their phones)
 * @param source where these leads came from
 * @param onDuplicate what to do with a row that matches an existing card or an earlier row
 * @param mapping column header to field key ({@link ImportField#key()}); null or partial: the
 *     rest is guessed from the headers, in any of the six languages
 * @param encoding the file's charset, overriding detection; null to detect
 * @param projectId the project whose call queue the new leads join when the import is done; null for none
 */
public record ImportOptions(String country, LeadSource source, OnDuplicate onDuplicate, Map<String, String> mapping,
        String encoding, UUID projectId) {

    public enum OnDuplicate {
        /** Leave the existing card as it is. */
        SKIP,
        /** Add the row's phones, e-mails and empty fields to the existing card. */
        MERGE,
        /** Create the card and flag it for a person to compare. */
        FLAG
    }
}

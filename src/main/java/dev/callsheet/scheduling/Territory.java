package dev.callsheet.scheduling;

import java.util.List;

/**
 * An area a rep covers for meetings at the lead's place (issue 25): the lead's address must lie in it. Within an
 * entry each kind given narrows the area (a Norwegian lead whose postcode starts with 0 or 10–12), the values of one
 * kind are alternatives; a rep covers what any of their entries covers.
 *
 * @param meetingTypes the place-based meeting types it is for, e.g. {@code ON_SITE}
 * @param countries    ISO 3166 codes, e.g. {@code NO}
 * @param regions      workspace regions, by name (ids are accepted when sent)
 * @param postcodes    prefixes ({@code "0"}) or ranges of prefixes of one length ({@code "10-12"})
 */
public record Territory(List<String> meetingTypes, List<String> countries, List<String> regions,
        List<String> postcodes) {
}

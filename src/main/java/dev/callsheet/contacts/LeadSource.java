package dev.callsheet.contacts;

/** How a first contact arrived (docs/domain.md §3). */
public enum LeadSource {
    INBOUND_CALL, AGENT, WEB, EXHIBITION, OTHER,
    /** Not said: a list imported through the API without a source. Never counted as inbound. */
    UNKNOWN
}

/**
 * The client card (docs/domain.md §3-§5): organisations and people with their phones, e-mails and
 * websites, normalised for the duplicate check of §4; merging; lead status, owner and source;
 * the activity timeline; and spreadsheet imports, which live here rather than in {@code intake}
 * because their set-based SQL writes this module's tables (intake will own web forms, inbound
 * calls and routing, and call this module's API).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Contacts and imports")
package dev.callsheet.contacts;

package dev.callsheet.contacts;

import java.util.UUID;

/** A live card's name and status: what a call hands the agent besides the number it already has. */
public record LeadHeadline(UUID contactId, String displayName, LeadStatus status) {
}

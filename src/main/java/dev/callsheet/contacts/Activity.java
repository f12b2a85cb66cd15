package dev.callsheet.contacts;

import java.time.Instant;
import java.util.Map;

/** One line of a card's timeline: what happened, when, and who did it. */
public record Activity(String kind, Instant at, String actor, Map<String, Object> details) {

    public static final String CREATED = "CREATED";
    public static final String IMPORTED = "IMPORTED";
    public static final String EDITED = "EDITED";
    public static final String MERGED = "MERGED";
    /** A person decided this card and another are two clients, not duplicates. */
    public static final String NOT_DUPLICATE = "NOT_DUPLICATE";
    public static final String STATUS_CHANGED = "STATUS_CHANGED";
    public static final String PHONE_FLAGGED = "PHONE_FLAGGED";
    /** A call attempt with its outcome, recorded by the dialler. */
    public static final String CALLED = "CALLED";
    /** A meeting booked, moved, cancelled, held or missed. */
    public static final String BOOKED = "BOOKED";
    public static final String MEETING_CHANGED = "MEETING_CHANGED";
    /** A first contact through a channel of docs/domain.md §3 (web form, inbound call, exhibition list). */
    public static final String FIRST_CONTACT = "FIRST_CONTACT";
    /** The card was given to an owner (e.g. the rep a meeting was booked for). */
    public static final String OWNER_CHANGED = "OWNER_CHANGED";
    /** Its sales process was disqualified (docs/domain.md §9); the lead went back to marketing with the reason. */
    public static final String DISQUALIFIED = "DISQUALIFIED";
    /** Won: the card passed to account management (docs/domain.md §2). */
    public static final String HANDED_OVER = "HANDED_OVER";
    /** Tied to a marketing campaign by a code (web form, inbound call, or a person's edit). */
    public static final String CAMPAIGN = "CAMPAIGN";
    /** Material (a brochure, a price list) e-mailed to the lead: a one-way touch (docs/domain.md §3.1). */
    public static final String MATERIAL_SENT = "MATERIAL_SENT";
}

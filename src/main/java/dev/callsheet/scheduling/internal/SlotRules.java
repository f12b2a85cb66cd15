package dev.callsheet.scheduling.internal;

/**
 * What a slot must suit beyond the rep's own calendar (issue 25): the lead's hours and holidays, and the place of the
 * meeting for the rep's travel and on-site limit. {@link #NONE} checks neither (no lead, a call).
 *
 * @param lead  the lead's acceptable spans, or null (no lead)
 * @param place where the meeting would be ({@link TravelTimes.Place}), or null (a call: no travel)
 */
public record SlotRules(LeadWindow lead, TravelTimes.Place place) {

    public static final SlotRules NONE = new SlotRules(null, null);
}

package dev.callsheet.scheduling.internal;

import dev.callsheet.scheduling.Travel;
import java.util.Locale;

/**
 * Travel between meetings at different places (issue 25). A meeting at the lead's place is somewhere (the lead's
 * country and postcode), one at the office is at the office, a call is nowhere: only two meetings that are somewhere
 * need travel between them. Two offices are one place; two leads' addresses of one postcode area take the rep's
 * shorter time; anything else the rep's default.
 */
public final class TravelTimes {

    /** Where a meeting is, for travel. */
    public record Place(boolean office, String country, String postcode) {

        public static final Place OFFICE = new Place(true, null, null);

        /** The place of a meeting of this kind ({@link dev.callsheet.scheduling.MeetingType#place()}); null: none. */
        public static Place of(String kind, String country, String postcode) {
            if ("OFFICE".equals(kind)) {
                return OFFICE;
            }
            return "LEAD".equals(kind) ? new Place(false, country, postcode) : null;
        }

        public boolean atLead() {
            return !office;
        }
    }

    private TravelTimes() {
    }

    /**
     * A postcode's area: its leading letters where it starts with letters (BS1 4DJ → BS), else its first two
     * characters (0150 → 01), with the country; null without a postcode.
     */
    public static String area(String country, String postcode) {
        if (postcode == null) {
            return null;
        }
        String code = Territories.normalise(postcode);
        if (code.isEmpty()) {
            return null;
        }
        int letters = 0;
        while (letters < code.length() && Character.isLetter(code.charAt(letters))) {
            letters++;
        }
        String head = letters > 0 ? code.substring(0, letters) : code.substring(0, Math.min(2, code.length()));
        return (country == null ? "" : country.toUpperCase(Locale.ROOT)) + "|" + head;
    }

    /** Minutes the rep needs from a meeting at {@code a} to one at {@code b}; 0 without a rule or a place. */
    public static int minutes(Travel travel, Place a, Place b) {
        if (travel == null || travel.minutes() == null || a == null || b == null) {
            return 0;
        }
        if (a.office() && b.office()) {
            return 0;
        }
        if (a.atLead() && b.atLead() && travel.samePostcodeAreaMinutes() != null) {
            String area = area(a.country(), a.postcode());
            if (area != null && area.equals(area(b.country(), b.postcode()))) {
                return travel.samePostcodeAreaMinutes();
            }
        }
        return travel.minutes();
    }

    /** The longest travel a rep may need: how far around a meeting its neighbours matter. */
    public static int longest(Travel travel) {
        if (travel == null || travel.minutes() == null) {
            return 0;
        }
        return Math.max(travel.minutes(), travel.samePostcodeAreaMinutes() == null ? 0 : travel.samePostcodeAreaMinutes());
    }
}

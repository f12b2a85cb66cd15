package dev.callsheet.scheduling.internal;

import dev.callsheet.scheduling.MeetingType;
import dev.callsheet.scheduling.Territory;
import dev.callsheet.web.ApiProblem;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether a rep's {@link Territory territories} hold a lead's address (issue 25), and the check of territories as a
 * client sends them. A rep with no entry for a meeting type is not bound to an area for it; with entries, the lead's
 * address must lie in one of them: every kind an entry gives (countries, regions, postcodes) must hold it.
 */
public final class Territories {

    /** Where a lead is, as far as territories care; any part may be null. */
    public record Address(String country, String region, String postcode) {

        /** The postcode as compared: upper case, without spaces or dashes. */
        String normalisedPostcode() {
            return postcode == null ? null : normalise(postcode);
        }
    }

    private static final int MAX_ENTRIES = 50;
    private static final int MAX_VALUES = 500;
    private static final Pattern PREFIX = Pattern.compile("[A-Z0-9]{1,10}");
    private static final Pattern RANGE = Pattern.compile("(\\d{1,6})-(\\d{1,6})");
    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");

    private Territories() {
    }

    /** Whether any entry binds meetings of this type to an area. */
    public static boolean binds(List<Territory> territories, String type) {
        for (Territory t : territories) {
            if (t.meetingTypes().contains(type)) {
                return true;
            }
        }
        return false;
    }

    /** Whether a rep with these territories meets a lead at this address for a meeting of this type. */
    public static boolean covers(List<Territory> territories, String type, Address lead) {
        boolean bound = false;
        for (Territory t : territories) {
            if (!t.meetingTypes().contains(type)) {
                continue;
            }
            bound = true;
            if (holds(t, lead)) {
                return true;
            }
        }
        return !bound;
    }

    static boolean holds(Territory t, Address lead) {
        if (!t.countries().isEmpty() && (lead.country() == null || !t.countries().contains(lead.country()))) {
            return false;
        }
        if (!t.regions().isEmpty() && (lead.region() == null
                || t.regions().stream().noneMatch(r -> r.equalsIgnoreCase(lead.region())))) {
            return false;
        }
        if (!t.postcodes().isEmpty()) {
            String code = lead.normalisedPostcode();
            return code != null && !code.isEmpty() && t.postcodes().stream().anyMatch(p -> postcodeHolds(p, code));
        }
        return true;
    }

    /** A prefix ({@code "0"}, {@code "BS1"}) or a range of prefixes of one length ({@code "10-12"}). */
    static boolean postcodeHolds(String pattern, String code) {
        Matcher range = RANGE.matcher(pattern);
        if (range.matches()) {
            int digits = range.group(1).length();
            if (code.length() < digits) {
                return false;
            }
            String head = code.substring(0, digits);
            if (!head.chars().allMatch(Character::isDigit)) {
                return false;
            }
            long value = Long.parseLong(head);
            return value >= Long.parseLong(range.group(1)) && value <= Long.parseLong(range.group(2));
        }
        return code.startsWith(pattern);
    }

    static String normalise(String postcode) {
        return postcode.toUpperCase(Locale.ROOT).replaceAll("[\\s-]", "");
    }

    /**
     * Checks territories as a client sends them, naming the offending value ({@code territories[0].postcodes[1]}).
     * Regions are resolved by {@code regionIds} (name or id, lower case → id); the result holds region ids.
     *
     * @param types the rep's meeting types: an entry may name only those at the lead's place
     */
    public static List<Territory> checked(List<Territory> given, List<MeetingType> types,
            Map<String, String> regionIds) {
        if (given == null) {
            return List.of();
        }
        if (given.size() > MAX_ENTRIES) {
            throw ApiProblem.badRequest("territories", "at most " + MAX_ENTRIES + " territories");
        }
        List<Territory> checked = new ArrayList<>();
        for (int i = 0; i < given.size(); i++) {
            String field = "territories[" + i + "]";
            Territory t = given.get(i);
            if (t == null) {
                throw ApiProblem.badRequest(field, "a territory needs meetingTypes and an area");
            }
            List<String> meetingTypes = values(field + ".meetingTypes", t.meetingTypes(), (f, v) -> {
                String code = v.toUpperCase(Locale.ROOT);
                MeetingType type = types.stream().filter(m -> m.code().equals(code)).findFirst()
                        .orElseThrow(() -> ApiProblem.badRequest(f, "the rep takes no " + v + " meetings"));
                if (!type.place().equals("LEAD")) {
                    throw ApiProblem.badRequest(f, code + " meetings are not at the lead's place: they need no area");
                }
                return code;
            });
            if (meetingTypes.isEmpty()) {
                throw ApiProblem.badRequest(field + ".meetingTypes", "name the meeting types, like [\"ON_SITE\"]");
            }
            List<String> countries = values(field + ".countries", t.countries(), (f, v) -> {
                String code = v.toUpperCase(Locale.ROOT);
                if (!COUNTRY.matcher(code).matches() || !Set.of(Locale.getISOCountries()).contains(code)) {
                    throw ApiProblem.badRequest(f, "a country is an ISO 3166 code like NO, not " + v);
                }
                return code;
            });
            List<String> regions = values(field + ".regions", t.regions(), (f, v) -> {
                String id = regionIds.get(v.toLowerCase(Locale.ROOT));
                if (id == null) {
                    throw ApiProblem.badRequest(f, "region " + v + " does not exist in this workspace");
                }
                return id;
            });
            List<String> postcodes = values(field + ".postcodes", t.postcodes(), (f, v) -> {
                String code = normalise(v);
                Matcher range = RANGE.matcher(v.strip());
                if (range.matches()) {
                    if (range.group(1).length() != range.group(2).length()
                            || Long.parseLong(range.group(1)) > Long.parseLong(range.group(2))) {
                        throw ApiProblem.badRequest(f, "a range is two prefixes of one length, low to high, like 10-12");
                    }
                    return v.strip();
                }
                if (!PREFIX.matcher(code).matches()) {
                    throw ApiProblem.badRequest(f, "a postcode is a prefix like 0 or BS1, or a range like 10-12");
                }
                return code;
            });
            if (countries.isEmpty() && regions.isEmpty() && postcodes.isEmpty()) {
                throw ApiProblem.badRequest(field + ".countries", "give the area: countries, regions or postcodes");
            }
            checked.add(new Territory(meetingTypes, countries, regions, postcodes));
        }
        return List.copyOf(checked);
    }

    private interface Check {
        String apply(String field, String value);
    }

    private static List<String> values(String field, List<String> given, Check check) {
        if (given == null) {
            return List.of();
        }
        if (given.size() > MAX_VALUES) {
            throw ApiProblem.badRequest(field, "at most " + MAX_VALUES + " values");
        }
        Set<String> values = new LinkedHashSet<>();
        for (int i = 0; i < given.size(); i++) {
            String value = given.get(i) == null ? "" : given.get(i).strip();
            String f = field + "[" + i + "]";
            if (value.isEmpty() || value.length() > 100) {
                throw ApiProblem.badRequest(f, "a value of 1 to 100 characters is required");
            }
            values.add(check.apply(f, value));
        }
        return List.copyOf(values);
    }
}

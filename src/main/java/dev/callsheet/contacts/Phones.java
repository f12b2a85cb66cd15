package dev.callsheet.contacts;

import java.util.Iterator;
import java.util.List;
import java.util.Locale;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberMatch;
import com.google.i18n.phonenumbers.PhoneNumberToTimeZonesMapper;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.Leniency;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

/**
 * Phone numbers for the duplicate check (docs/domain.md §4, step 3): the same number written {@code "+47 22 12 34 56"},
 * {@code "0047 22123456"} or {@code "22 12 34 56"} gets the same E.164 form and the same phone key.
 *
 * <p>Built on libphonenumber, whose metadata knows each country's trunk prefixes ({@code 0}, Russia's {@code 8}) and
 * international prefixes ({@code 00}, {@code 810}, {@code 001}). Extensions ({@code "ext. 12"}, {@code "доб. 123"})
 * are recognised and left out of {@code e164} and {@code key}; {@code raw} keeps them.
 *
 * <p>Thread-safe and stateless; never throws on bad input (garbage comes back with {@code valid == false}). About
 * 10 µs a call, nearly all of it in libphonenumber, which also takes a lock around its shared regular-expression
 * cache: a second thread adds little throughput.
 */
public final class Phones {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    private static final PhoneNumberToTimeZonesMapper TIME_ZONES = PhoneNumberToTimeZonesMapper.getInstance();

    private static final String UNKNOWN_ZONE = PhoneNumberToTimeZonesMapper.getUnknownTimeZone();

    /** libphonenumber's code for "no default region": only numbers with a country code parse. */
    private static final String NO_REGION = "ZZ";

    private Phones() {
    }

    /**
     * Normalises a phone number as typed or imported.
     *
     * @param raw the text; {@code null}, blank and non-numbers give an invalid result with {@code e164}, {@code key}
     *        and {@code region} all {@code null}
     * @param defaultRegion ISO 3166 alpha-2 region (case-insensitive; {@code "UK"} is taken for {@code "GB"}) used
     *        for numbers written without a country code; may be {@code null}, and then only numbers with a country
     *        code ({@code "+47…"} or {@code "0047…"}) parse
     */
    public static NormalizedPhone normalize(String raw, String defaultRegion) {
        String text = RawText.trim(raw);
        PhoneNumber number = parse(text, region(defaultRegion));
        boolean valid = number != null && UTIL.isValidNumber(number);
        int start = firstDigit(text);
        if (!valid && start >= 0 && text.startsWith("00", start) && (start == 0 || text.charAt(start - 1) != '+')) {
            // 00 is the international prefix in five of our six markets: "0047 22123456" without a region, or typed
            // in a US workspace (where it is 011), is still a Norwegian number
            PhoneNumber international = parse("+" + text.substring(start + 2), NO_REGION);
            if (international != null && (number == null || UTIL.isValidNumber(international))) {
                number = international;
                valid = UTIL.isValidNumber(international);
            }
        }
        if (number == null) {
            return new NormalizedPhone(text, null, null, null, List.of(), false);
        }
        String national = UTIL.getNationalSignificantNumber(number);
        int destinationCode = UTIL.getLengthOfNationalDestinationCode(number);
        String key = destinationCode > 0 && destinationCode < national.length() ? national.substring(destinationCode)
                : national;
        List<String> zones = TIME_ZONES.getTimeZonesForNumber(number);
        if (zones.contains(UNKNOWN_ZONE)) {
            zones = zones.stream().filter(zone -> !zone.equals(UNKNOWN_ZONE)).toList();
        }
        return new NormalizedPhone(text, UTIL.format(number, PhoneNumberFormat.E164), key,
                UTIL.getRegionCodeForNumber(number), zones, valid);
    }

    /**
     * Whether the text is a phone number and nothing else (an extension allowed): libphonenumber finds one number in
     * it that spans the whole text. {@link #normalize} is lenient on purpose — an import keeps what it can — and reads
     * the digits out of {@code "call me 2026-02-30"}; a list of numbers not to call must not.
     *
     * @param defaultRegion as for {@link #normalize}
     */
    public static boolean isNumberOnly(String raw, String defaultRegion) {
        String text = RawText.trim(raw);
        if (text.isEmpty() || text.length() > 60) {
            return false;
        }
        String region = region(defaultRegion);
        int start = firstDigit(text);
        if (spansWhole(text, region)) {
            return true;
        }
        // "0047 22 12 34 56": 00 as the international prefix, as normalize reads it
        return start == 0 && text.startsWith("00") && spansWhole("+" + text.substring(2), NO_REGION);
    }

    private static boolean spansWhole(String text, String region) {
        Iterator<PhoneNumberMatch> matches = UTIL.findNumbers(text, region, Leniency.POSSIBLE, Long.MAX_VALUE).iterator();
        if (!matches.hasNext()) {
            return false;
        }
        PhoneNumberMatch match = matches.next();
        return match.start() == 0 && match.end() == text.length() && !matches.hasNext();
    }

    private static PhoneNumber parse(String text, String region) {
        if (text.isEmpty()) {
            return null;
        }
        try {
            return UTIL.parse(text, region);
        }
        catch (NumberParseException notANumber) {
            return null;
        }
    }

    private static int firstDigit(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                return i;
            }
        }
        return -1;
    }

    private static String region(String defaultRegion) {
        if (defaultRegion == null || defaultRegion.isBlank()) {
            return NO_REGION;
        }
        String region = defaultRegion.strip().toUpperCase(Locale.ROOT);
        return region.equals("UK") ? "GB" : region;
    }

}

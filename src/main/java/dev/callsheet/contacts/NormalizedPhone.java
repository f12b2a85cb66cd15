package dev.callsheet.contacts;

import java.util.List;

/**
 * A phone number as entered and what Callsheet derives from it (see {@link Phones#normalize}).
 *
 * @param raw the text as entered, trimmed; never {@code null} ({@code ""} for no input)
 * @param e164 the number in E.164 form, {@code "+4722123456"}, without any extension; {@code null} when the text
 *        cannot be parsed as a phone number
 * @param key the phone key of the duplicate check (docs/domain.md §4, step 3): the national significant number without the
 *        country code and without the national destination code (area, city or mobile network code), digits only;
 *        {@code null} when {@code e164} is
 * @param region the ISO 3166 alpha-2 region of the number ({@code "NO"}, {@code "RU"}), or {@code null} when the number
 *        is not valid for any one region
 * @param timeZones IANA time zones where the number may ring, empty when unknown; several for mobiles and
 *        non-geographic numbers of large countries (a Russian mobile maps to 16 zones): prefer the lead's address then
 * @param valid whether the number is a valid, assigned kind of number in its region (a number can parse and still be
 *        invalid: it keeps {@code e164} and {@code key} then)
 */
public record NormalizedPhone(String raw, String e164, String key, String region, List<String> timeZones,
        boolean valid) {

    public NormalizedPhone {
        raw = raw == null ? "" : raw;
        timeZones = timeZones == null ? List.of() : List.copyOf(timeZones);
    }
}

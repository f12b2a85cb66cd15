package dev.callsheet.contacts.internal;

import dev.callsheet.contacts.NameKeys;
import dev.callsheet.contacts.NormalizedEmail;
import dev.callsheet.contacts.NormalizedPhone;
import dev.callsheet.contacts.Phones;
import dev.callsheet.contacts.Websites;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Everything the duplicate check compares, read once from what was typed: the normalised
 * phones, e-mails and websites, the name keys, and a fingerprint of them all.
 */
public record CardKeys(String nameKey, String surnameKey, String companyKey, List<NormalizedPhone> phones,
        List<NormalizedEmail> emails, List<Website> websites, String identifier, String fingerprint) {

    /** A website as typed and its registrable domain (null when it is not a web address). */
    public record Website(String raw, String domain) {
    }

    public static CardKeys of(String firstName, String surname, String company, List<String> phones,
            List<String> emails, List<String> websites, String defaultRegion, Function<String, NormalizedEmail> email) {
        return of(firstName, surname, company, phones, emails, websites, null, defaultRegion, email);
    }

    public static CardKeys of(String firstName, String surname, String company, List<String> phones,
            List<String> emails, List<String> websites, String registrationNumber, String defaultRegion,
            Function<String, NormalizedEmail> email) {
        String surnameKey = NameKeys.person(surname);
        String nameKey = NameKeys.person(join(firstName, surname));
        String companyKey = NameKeys.company(company);
        List<NormalizedPhone> normalizedPhones = phones.stream().map(p -> Phones.normalize(p, defaultRegion)).toList();
        List<NormalizedEmail> normalizedEmails = emails.stream().map(email).toList();
        List<Website> normalizedWebsites = websites.stream()
                .map(w -> new Website(w.strip(), Websites.registrableDomain(w).orElse(null))).toList();
        String identifier = identifier(registrationNumber);
        return new CardKeys(nameKey, surnameKey, companyKey, normalizedPhones, normalizedEmails, normalizedWebsites,
                identifier, fingerprint(nameKey, companyKey, normalizedPhones, normalizedEmails, normalizedWebsites,
                        identifier));
    }

    /** A registration number compared without spaces, dots, dashes or slashes, upper-cased: "NO 912 345 678 MVA" is "NO912345678MVA". */
    public static String identifier(String raw) {
        if (raw == null) {
            return null;
        }
        String value = raw.replaceAll("[\\s./-]", "").toUpperCase(java.util.Locale.ROOT);
        return value.length() < 3 || value.length() > 40 ? null : value;
    }

    /** A phone's national significant number (area code first), read off its E.164 form; null if unknown. */
    public static String national(NormalizedPhone phone) {
        if (phone.e164() == null || phone.region() == null) {
            return null;
        }
        int countryCode = com.google.i18n.phonenumbers.PhoneNumberUtil.getInstance()
                .getCountryCodeForRegion(phone.region());
        String prefix = "+" + countryCode;
        return countryCode > 0 && phone.e164().startsWith(prefix) ? phone.e164().substring(prefix.length()) : null;
    }

    /** The name a list shows: the person's name, else the company's, else the first phone or e-mail. */
    public static String displayName(String firstName, String surname, String organisation, List<String> phones,
            List<String> emails) {
        String name = join(firstName, surname);
        if (!name.isEmpty()) {
            // Korean names are written family name first, without a space: 김민준.
            return hangul(firstName) && hangul(surname) ? surname.strip() + firstName.strip() : name;
        }
        if (organisation != null && !organisation.isBlank()) {
            return organisation.strip();
        }
        return phones.stream().findFirst().or(() -> emails.stream().findFirst()).map(String::strip).orElse(null);
    }

    private static boolean hangul(String text) {
        return text != null && !text.isBlank() && text.strip().codePoints()
                .allMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HANGUL);
    }

    public static String join(String first, String last) {
        String a = first == null ? "" : first.strip();
        String b = last == null ? "" : last.strip();
        return (a + " " + b).strip();
    }

    /** Sorted, so that the order in which phones or e-mails were typed does not matter. */
    private static String fingerprint(String nameKey, String companyKey, List<NormalizedPhone> phones,
            List<NormalizedEmail> emails, List<Website> websites, String identifier) {
        StringBuilder text = new StringBuilder().append(nameKey).append('|').append(companyKey).append('|');
        phones.stream().map(p -> Optional.ofNullable(p.e164()).orElse(p.raw())).sorted().distinct()
                .forEach(p -> text.append(p).append(','));
        text.append('|');
        emails.stream().map(e -> Optional.ofNullable(e.address()).orElse(e.raw())).sorted().distinct()
                .forEach(e -> text.append(e).append(','));
        text.append('|');
        websites.stream().map(w -> Optional.ofNullable(w.domain()).orElse(w.raw())).sorted().distinct()
                .forEach(w -> text.append(w).append(','));
        if (identifier != null) {
            text.append('|').append(identifier);
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

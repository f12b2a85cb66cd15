package dev.callsheet.contacts.internal;

import dev.callsheet.contacts.NameKeys;
import dev.callsheet.contacts.NormalizedEmail;
import dev.callsheet.contacts.NormalizedPhone;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * What the duplicate check compares of one card, or of the card being checked: the name keys, the place and the
 * contact points, each normalised once. Empty strings and empty sets stand for "not known".
 *
 * @param type {@code contact}, {@code organisation}, or {@code probe} for the card being checked
 * @param order a key made of the card's data only (a contact's fingerprint, an organisation's name), so ties are
 *     broken the same way in every workspace holding the same cards
 */
public record LinkageRecord(String type, UUID id, String name, String order, String firstKey, String surnameKey,
        String nameKey, String companyKey, String addressKey, String postcode, String cityKey, String birthDate,
        Set<String> phones, Set<String> phoneKeys, Set<String> emails, Set<String> domains, Set<String> identifiers) {

    public boolean isOrganisation() {
        return type.equals("organisation");
    }

    /** The card being checked: what was typed, read through its keys. */
    public static LinkageRecord probe(CardKeys keys, String firstName, String address, String postcode, String city,
            String birthDate) {
        Set<String> phones = new LinkedHashSet<>();
        Set<String> phoneKeys = new LinkedHashSet<>();
        for (NormalizedPhone phone : keys.phones()) {
            if (phone.e164() != null) {
                phones.add(phone.e164());
            }
            if (phone.key() != null && phone.key().length() >= 5) {
                phoneKeys.add(phone.key());
            }
        }
        Set<String> emails = new LinkedHashSet<>();
        Set<String> domains = new LinkedHashSet<>();
        for (NormalizedEmail email : keys.emails()) {
            if (email.address() != null) {
                emails.add(email.address());
            }
            if (email.corporateDomain() != null) {
                domains.add(email.corporateDomain());
            }
        }
        keys.websites().stream().map(CardKeys.Website::domain).filter(Objects::nonNull).forEach(domains::add);
        Set<String> identifiers = keys.identifier() == null ? Set.of() : Set.of(keys.identifier());
        String first = NameKeys.person(firstName);
        return new LinkageRecord("probe", null, null, "", first, surname(keys.surnameKey(), keys.nameKey(), first),
                keys.nameKey(), keys.companyKey(), NameKeys.person(address), postcode(postcode), NameKeys.person(city),
                birthDate(birthDate), phones, phoneKeys, emails, domains, identifiers);
    }

    /** The surname key, or the whole name when only one name field was filled (a full name in one column). */
    static String surname(String surnameKey, String nameKey, String firstKey) {
        if (surnameKey != null && !surnameKey.isEmpty()) {
            return surnameKey;
        }
        return firstKey.isEmpty() && nameKey != null ? nameKey : "";
    }

    /** Postcodes compared without spaces or dashes, upper-cased: "sw1a 1aa" is "SW1A1AA". */
    static String postcode(String raw) {
        if (raw == null || raw.isBlank()) {
            return "";
        }
        return raw.replaceAll("[\\s-]+", "").toUpperCase(Locale.ROOT);
    }

    /**
     * A date of birth as its digits, year first when it can tell: "1984-03-07", "07.03.1984" and "19840307" are all
     * "19840307"; anything it cannot read is kept as its digits.
     */
    static String birthDate(String raw) {
        if (raw == null || raw.isBlank()) {
            return "";
        }
        String[] parts = raw.strip().split("[^0-9]+");
        if (parts.length == 3) {
            if (parts[0].length() == 4) {
                return parts[0] + pad(parts[1]) + pad(parts[2]);
            }
            if (parts[2].length() == 4) {
                return parts[2] + pad(parts[1]) + pad(parts[0]);
            }
        }
        return raw.replaceAll("[^0-9]", "");
    }

    private static String pad(String part) {
        return part.length() == 1 ? "0" + part : part;
    }
}

package dev.callsheet.contacts.internal;

import java.util.Set;
import java.util.UUID;

/** Cards to compare in unit tests, built field by field. */
final class LinkageFixtures {

    private LinkageFixtures() {
    }

    static LinkageRecord person(String first, String surname) {
        return new LinkageRecord("contact", UUID.randomUUID(), first + " " + surname, first + surname, first, surname,
                (first + " " + surname).strip(), "", "", "", "", "", Set.of(), Set.of(), Set.of(), Set.of(), Set.of());
    }

    static LinkageRecord company(String key) {
        return new LinkageRecord("organisation", UUID.randomUUID(), key, key, "", "", "", key, "", "", "", "",
                Set.of(), Set.of(), Set.of(), Set.of(), Set.of());
    }

    static LinkageRecord withPhone(LinkageRecord r, String phone) {
        return new LinkageRecord(r.type(), r.id(), r.name(), r.order(), r.firstKey(), r.surnameKey(), r.nameKey(),
                r.companyKey(), r.addressKey(), r.postcode(), r.cityKey(), r.birthDate(), Set.of(phone),
                Set.of(phone.substring(phone.length() - 7)), r.emails(), r.domains(), r.identifiers());
    }

    static LinkageRecord withPlace(LinkageRecord r, String address, String postcode, String city) {
        return new LinkageRecord(r.type(), r.id(), r.name(), r.order(), r.firstKey(), r.surnameKey(), r.nameKey(),
                r.companyKey(), address, postcode, city, r.birthDate(), r.phones(), r.phoneKeys(), r.emails(),
                r.domains(), r.identifiers());
    }
}

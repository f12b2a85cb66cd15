package dev.callsheet.contacts;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A card as a person or an import fills it in; every field may be null. {@code organisation} is
 * the company's name (found by its name key, else created); {@code region} an id or a name of a
 * region of the workspace; {@code country} the ISO 3166 code, also the default for phones
 * written without a country code; {@code registrationNumber} the company's or person's official
 * number (organisation number, CIF/NIF, ИНН, 사업자등록번호, CUI, national id), the strongest
 * duplicate key there is.
 */
public record ContactDraft(String firstName, String surname, String organisation, String jobTitle,
        List<String> phones, List<String> emails, List<String> websites, String address, String postcode,
        String city, String country, String region, String lineOfBusiness, String language, LeadStatus status,
        UUID ownerId, LeadSource source, String heardOfUs, Map<String, String> custom, String registrationNumber) {

    public ContactDraft {
        phones = phones == null ? List.of() : phones.stream().filter(p -> p != null && !p.isBlank()).toList();
        emails = emails == null ? List.of() : emails.stream().filter(e -> e != null && !e.isBlank()).toList();
        websites = websites == null ? List.of() : websites.stream().filter(w -> w != null && !w.isBlank()).toList();
        custom = custom == null ? Map.of() : Map.copyOf(custom);
    }

    /** The card as a draft that would save it unchanged, e.g. to change one part of it. */
    public static ContactDraft of(ContactCard card) {
        Map<String, String> custom = new java.util.LinkedHashMap<>();
        card.custom().forEach((k, v) -> custom.put(k, v == null ? null : String.valueOf(v)));
        return new ContactDraft(card.firstName(), card.surname(),
                card.organisation() == null ? null : card.organisation().name(), card.jobTitle(),
                card.phones().stream().map(ContactCard.Point::raw).toList(),
                card.emails().stream().map(ContactCard.Point::raw).toList(),
                card.websites().stream().map(ContactCard.Point::raw).toList(), card.address(), card.postcode(),
                card.city(), card.country(), card.region() == null ? null : card.region().id().toString(),
                card.lineOfBusiness(), card.language(), card.status(), card.owner() == null ? null : card.owner().id(),
                card.source(), card.heardOfUs(), custom, card.registrationNumber());
    }

    public ContactDraft withEmails(List<String> newEmails) {
        return new ContactDraft(firstName, surname, organisation, jobTitle, phones, newEmails, websites, address,
                postcode, city, country, region, lineOfBusiness, language, status, ownerId, source, heardOfUs, custom,
                registrationNumber);
    }
}

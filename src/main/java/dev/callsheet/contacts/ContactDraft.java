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
}

package dev.callsheet.contacts;

/** What is known of a possible new card; any field may be null. {@code country}: ISO 3166, the default for phones. */
public record DuplicateQuery(String company, String firstName, String surname, String phone, String email,
        String website, String country, String registrationNumber) {
}

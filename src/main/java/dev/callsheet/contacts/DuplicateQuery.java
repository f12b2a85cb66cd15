package dev.callsheet.contacts;

/**
 * What is known of a possible new card; any field may be null. {@code country}: ISO 3166, the default
 * for phones. The address, postcode and city weigh in and find people whose names are both mistyped.
 */
public record DuplicateQuery(String company, String firstName, String surname, String phone, String email,
        String website, String country, String registrationNumber, String address, String postcode, String city) {

    public DuplicateQuery(String company, String firstName, String surname, String phone, String email,
            String website, String country, String registrationNumber) {
        this(company, firstName, surname, phone, email, website, country, registrationNumber, null, null, null);
    }
}

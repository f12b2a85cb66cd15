package dev.callsheet.contacts;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What a spreadsheet column holds; its {@link #key()} is the name the API's {@code mapping} uses. */
public enum ImportField {
    FIRST_NAME("firstName"), SURNAME("surname"), FULL_NAME("fullName"), ORGANISATION("organisation"),
    JOB_TITLE("jobTitle"), PHONE("phone"), EMAIL("email"), WEBSITE("website"), ADDRESS("address"),
    POSTCODE("postcode"), CITY("city"), COUNTRY("country"), REGION("region"), LINE_OF_BUSINESS("lineOfBusiness"),
    LANGUAGE("language"), STATUS("status"), SOURCE("source"), HEARD_OF_US("heardOfUs"), SCORE("score"),
    REGISTRATION_NUMBER("registrationNumber"),
    /** Kept on the card under the column's header, filterable in lead lists. */
    CUSTOM("custom"),
    IGNORE("ignore");

    private final String key;

    ImportField(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    public static Optional<ImportField> ofKey(String key) {
        if (key == null) {
            return Optional.empty();
        }
        String wanted = key.strip().toLowerCase(Locale.ROOT);
        if (wanted.equals("company")) {
            return Optional.of(ORGANISATION);
        }
        return Arrays.stream(values()).filter(f -> f.key.toLowerCase(Locale.ROOT).equals(wanted)).findFirst();
    }
}

package dev.callsheet.contacts.internal;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;
import dev.callsheet.contacts.ImportField;
import dev.callsheet.contacts.LeadSource;
import dev.callsheet.contacts.LeadStatus;
import dev.callsheet.contacts.NormalizedEmail;
import dev.callsheet.contacts.NormalizedPhone;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;

/** One spreadsheet row read into card fields and normalised keys, ready to be staged with COPY. */
public record StagedRow(int rowNo, UUID contactId, String firstName, String surname, String displayName,
        CardKeys keys, String organisation, String jobTitle, String address, String postcode, String city,
        String country, String region, String lineOfBusiness, String language, String status, String source,
        String heardOfUs, Integer score, Map<String, String> custom, String rejection, List<String> original,
        String fingerprint, String problems) {

    private static final Pattern SEPARATORS = Pattern.compile("\\s*[;|\\n]\\s*");
    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final Pattern EMAIL_SEPARATORS = Pattern.compile("[;,\\s]+");
    private static final Map<String, String> COUNTRY_NAMES = countryNames();
    /**
     * Time-ordered (version 7) ids: a batch's new cards, their contact points and timeline entries
     * land at the right-hand end of the id indexes instead of on random pages of them, which at a
     * million cards roughly halved the cost of writing them (a random page costs a read and a
     * full-page image in the WAL).
     */
    private static final TimeBasedEpochGenerator CARD_IDS = Generators.timeBasedEpochGenerator();

    /** What one import applies to every row. */
    public record Context(Map<Integer, ImportField> columns, List<String> headers, String defaultCountry,
            LeadSource defaultSource, Function<String, NormalizedEmail> emails) {
    }

    public static StagedRow read(int rowNo, List<String> cells, Context context) {
        Map<ImportField, String> single = new HashMap<>();
        List<String> phones = new ArrayList<>();
        List<String> emails = new ArrayList<>();
        List<String> websites = new ArrayList<>();
        Map<String, String> custom = new LinkedHashMap<>();
        for (int i = 0; i < cells.size(); i++) {
            String value = cells.get(i) == null ? "" : cells.get(i).strip();
            ImportField field = context.columns().getOrDefault(i, ImportField.IGNORE);
            if (value.isEmpty() || field == ImportField.IGNORE) {
                continue;
            }
            switch (field) {
                case PHONE -> phones.addAll(List.of(SEPARATORS.split(value)));
                case EMAIL -> {
                    for (String part : EMAIL_SEPARATORS.split(value)) {
                        if (part.contains("@")) {
                            emails.add(part);
                        }
                    }
                    if (!value.contains("@")) {
                        emails.add(value);
                    }
                }
                case WEBSITE -> websites.addAll(List.of(SEPARATORS.split(value)));
                case CUSTOM -> custom.put(context.headers().get(i).strip(), value);
                default -> single.putIfAbsent(field, value);
            }
        }
        String firstName = single.get(ImportField.FIRST_NAME);
        String surname = single.get(ImportField.SURNAME);
        if (firstName == null && surname == null && single.containsKey(ImportField.FULL_NAME)) {
            String[] split = splitFullName(single.get(ImportField.FULL_NAME));
            firstName = split[0];
            surname = split[1];
        }
        String organisation = single.get(ImportField.ORGANISATION);
        String country = country(single.get(ImportField.COUNTRY)).orElse(context.defaultCountry());
        CardKeys keys = CardKeys.of(firstName, surname, organisation, phones, emails, websites,
                single.get(ImportField.REGISTRATION_NUMBER), country, context.emails());
        String displayName = CardKeys.displayName(firstName, surname, organisation, phones, emails);
        String rejection = displayName == null ? "no name, company, phone or e-mail" : null;
        if (rejection == null && phones.isEmpty() && emails.isEmpty() && websites.isEmpty()
                && keys.nameKey().isEmpty() && keys.companyKey().isEmpty()) {
            rejection = "the name has no letters or digits";
        }
        // Each phone and e-mail is checked on its own (the phone for the row's country): an unusable one is said on
        // the row; the row is kept for another usable phone or e-mail, and rejected when it has none.
        List<String> unusable = new ArrayList<>();
        boolean usablePhone = false;
        boolean usableEmail = false;
        for (NormalizedPhone phone : keys.phones()) {
            if (phone.valid()) {
                usablePhone = true;
            } else {
                unusable.add("phone '" + phone.raw() + "' is not a valid number");
            }
        }
        for (NormalizedEmail email : keys.emails()) {
            if (email.valid()) {
                usableEmail = true;
            } else {
                unusable.add("e-mail '" + email.raw() + "' is not a valid address");
            }
        }
        String problems = null;
        if (!unusable.isEmpty()) {
            String bad = truncate(String.join("; ", unusable), 900);
            if (usablePhone || usableEmail) {
                problems = bad + "; kept by " + (usablePhone ? "phone" : "e-mail");
            } else if (rejection == null) {
                rejection = bad + "; no usable phone or e-mail";
            }
        }
        return new StagedRow(rowNo, CARD_IDS.generate(), firstName, surname,
                displayName == null ? "" : truncate(displayName, 300), keys, truncate(organisation, 300),
                single.get(ImportField.JOB_TITLE), single.get(ImportField.ADDRESS), truncate(single.get(ImportField.POSTCODE), 20),
                single.get(ImportField.CITY), country, single.get(ImportField.REGION),
                single.get(ImportField.LINE_OF_BUSINESS), language(single.get(ImportField.LANGUAGE)),
                enumName(single.get(ImportField.STATUS), LeadStatus.class, LeadStatus.NEW.name()),
                enumName(single.get(ImportField.SOURCE), LeadSource.class, context.defaultSource().name()),
                single.get(ImportField.HEARD_OF_US), score(single.get(ImportField.SCORE)), custom, rejection,
                Cells.visible(cells), fingerprint(keys.fingerprint(), single, custom), problems);
    }

    /** Mapped fields the card keys leave out; the names, organisation, phones, e-mails and sites are in the keys. */
    private static final List<ImportField> OTHER_FIELDS = List.of(ImportField.JOB_TITLE, ImportField.ADDRESS,
            ImportField.POSTCODE, ImportField.CITY, ImportField.COUNTRY, ImportField.REGION,
            ImportField.LINE_OF_BUSINESS, ImportField.LANGUAGE, ImportField.STATUS, ImportField.SOURCE,
            ImportField.HEARD_OF_US, ImportField.SCORE, ImportField.FIRST_NAME, ImportField.SURNAME,
            ImportField.FULL_NAME);

    /**
     * "Identical" is equal on every mapped field after normalisation: the card keys' fingerprint, and, when the
     * row maps any other field, a digest of those fields (case and spacing folded) and of its custom fields. A row
     * with nothing but keys keeps the keys' fingerprint, the one cards typed in by hand have.
     */
    static String fingerprint(String keys, Map<ImportField, String> single, Map<String, String> custom) {
        StringBuilder other = new StringBuilder();
        for (ImportField field : OTHER_FIELDS) {
            String value = single.get(field);
            if (value != null && !value.isBlank()) {
                String folded = SPACES.matcher(value.strip().toLowerCase(Locale.ROOT)).replaceAll(" ");
                if (field == ImportField.POSTCODE) {
                    folded = folded.replace(" ", "").replace("-", "");
                } else if (field == ImportField.COUNTRY) {
                    folded = country(value).orElse(folded);
                }
                other.append(field.name()).append('=').append(folded).append('\u0001');
            }
        }
        new java.util.TreeMap<>(custom).forEach((key, value) -> other.append("custom:")
                .append(SPACES.matcher(key.strip().toLowerCase(Locale.ROOT)).replaceAll(" ")).append('=')
                .append(SPACES.matcher(value.strip().toLowerCase(Locale.ROOT)).replaceAll(" ")).append('\u0001'));
        if (other.isEmpty()) {
            return keys;
        }
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest((keys + "|" + other).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest, 0, 16);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A row the reader could not read as it should: rejected with {@code reason}, its cells kept as they were. */
    public static StagedRow rejected(int rowNo, List<String> cells, String reason, Context context) {
        StagedRow none = read(rowNo, List.of(), context);
        return new StagedRow(rowNo, none.contactId(), null, null, "", none.keys(), null, null, null, null, null, null,
                null, null, null, none.status(), none.source(), null, null, Map.of(), reason, Cells.visible(cells),
                none.fingerprint(), null);
    }

    public List<NormalizedPhone> phones() {
        return keys.phones();
    }

    /** "Ana Popescu" → Ana / Popescu; "Sokolov, Dmitri" → Dmitri / Sokolov; "김민준" → 민준 / 김. */
    static String[] splitFullName(String full) {
        String name = full.strip().replaceAll("\\s+", " ");
        int comma = name.indexOf(',');
        if (comma > 0) {
            return new String[] {blankToNull(name.substring(comma + 1)), blankToNull(name.substring(0, comma))};
        }
        if (!name.contains(" ") && name.codePoints().allMatch(c -> Character.UnicodeScript.of(c)
                == Character.UnicodeScript.HANGUL) && name.length() >= 2) {
            return new String[] {name.substring(1), name.substring(0, 1)};
        }
        int space = name.lastIndexOf(' ');
        return space < 0 ? new String[] {null, name} : new String[] {name.substring(0, space), name.substring(space + 1)};
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    static java.util.Optional<String> country(String value) {
        if (value == null || value.isBlank()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.ofNullable(COUNTRY_NAMES.get(fold(value)));
    }

    private static String language(String value) {
        if (value == null) {
            return null;
        }
        String language = Locale.forLanguageTag(value.strip()).getLanguage();
        return language.length() == 2 ? language : null;
    }

    private static <E extends Enum<E>> String enumName(String value, Class<E> type, String fallback) {
        if (value == null) {
            return fallback;
        }
        String wanted = value.strip().toUpperCase(Locale.ROOT).replace(' ', '_').replace('-', '_');
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(wanted)) {
                return constant.name();
            }
        }
        return fallback;
    }

    private static Integer score(String value) {
        if (value == null) {
            return null;
        }
        try {
            return (int) Math.round(Double.parseDouble(value.replace(',', '.')));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String truncate(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }

    private static String fold(String value) {
        return Normalizer.normalize(value.strip().toLowerCase(Locale.ROOT), Normalizer.Form.NFKD).replaceAll("\\p{M}", "");
    }

    /** ISO codes, and country names in the six languages: "Norway", "Norge", "Rusia", "Россия", "한국"… */
    private static Map<String, String> countryNames() {
        Map<String, String> names = new HashMap<>();
        List<Locale> languages = List.of(Locale.ENGLISH, Locale.forLanguageTag("nb"), Locale.forLanguageTag("es"),
                Locale.forLanguageTag("ru"), Locale.forLanguageTag("ko"), Locale.forLanguageTag("ro"));
        for (String code : Locale.getISOCountries()) {
            Locale country = new Locale("", code);
            names.put(code.toLowerCase(Locale.ROOT), code);
            names.put(fold(country.getISO3Country()), code);
            for (Locale language : languages) {
                names.put(fold(country.getDisplayCountry(language)), code);
            }
        }
        // What people write besides the official names (folded like every lookup).
        Map.ofEntries(Map.entry("uk", "GB"), Map.entry("england", "GB"), Map.entry("great britain", "GB"),
                Map.entry("scotland", "GB"), Map.entry("usa", "US"), Map.entry("korea", "KR"),
                Map.entry("south korea", "KR"), Map.entry("republic of korea", "KR"), Map.entry("한국", "KR"),
                Map.entry("남한", "KR"), Map.entry("россия", "RU"), Map.entry("рф", "RU"),
                Map.entry("российская федерация", "RU"), Map.entry("russian federation", "RU"),
                Map.entry("noreg", "NO"), Map.entry("espana", "ES"), Map.entry("romania", "RO"))
                .forEach((name, code) -> names.put(fold(name), code));
        return Map.copyOf(names);
    }
}

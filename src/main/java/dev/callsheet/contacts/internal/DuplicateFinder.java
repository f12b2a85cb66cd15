package dev.callsheet.contacts.internal;

import dev.callsheet.contacts.DuplicateCandidate;
import dev.callsheet.contacts.DuplicateCandidate.Reason;
import dev.callsheet.contacts.NameKeys;
import dev.callsheet.contacts.NormalizedEmail;
import dev.callsheet.contacts.NormalizedPhone;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.apache.commons.text.similarity.JaroWinklerSimilarity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The duplicate check of DOMAIN.md §4, in two steps, as record linkage does it:
 * <ol>
 *   <li><b>blocking</b>: each key finds its candidates through its own b-tree index — the
 *       registration number, the phone number, the phone key, the e-mail, the corporate domain, the
 *       website exactly; the full name, the surname, the company name by sorted neighbourhood (the
 *       names sorting next to the probe's); the postcode — so nothing scans the workspace and the
 *       cost does not grow with it;</li>
 *   <li><b>comparison</b>: each candidate is compared with the probe field by field, and every
 *       agreement or disagreement adds its weight (log-odds) to a prior; the score is the
 *       logistic of the sum. Agreements become the reasons people see.</li>
 * </ol>
 * The weights were set by hand from what each field says in this trade (a shared phone number is
 * near proof; a shared subscriber number without area code, or a shared surname, is a hint; a
 * different postcode or a very different name argues against) and checked against the public
 * evaluation sets; see docs/BENCHMARKS.md.
 */
@Component
public class DuplicateFinder {

    /** What is known of the card being checked. */
    public record Probe(CardKeys keys, String firstName, String address, String postcode, String city) {
    }

    static final double PRIOR = -2.5;
    private static final int PER_KEY = 30;
    /** Cards read either side of the probe in each name order. */
    private static final int WINDOW = 12;
    /**
     * How alike a neighbour's name must be to be compared at all: below these the comparison only
     * argues against (see {@link #person} and {@link #company}), so such a card can be a duplicate
     * only through a key that an exact block finds anyway.
     */
    private static final double NAME_NEIGHBOUR = 0.7;
    private static final double COMPANY_NEIGHBOUR = 0.75;
    /** Whose people are compared too, the most alike first. */
    private static final int COMPANIES_FOR_PEOPLE = 5;
    private static final JaroWinklerSimilarity JARO_WINKLER = new JaroWinklerSimilarity();

    private final JdbcClient jdbc;
    private final NotDuplicates notDuplicates;

    DuplicateFinder(JdbcClient jdbc, NotDuplicates notDuplicates) {
        this.notDuplicates = notDuplicates;
        this.jdbc = jdbc;
    }

    /** A stored card's comparable fields. */
    private record Stored(String type, UUID id, String name, String nameKey, String surnameKey, String firstKey,
            String companyKey, String addressKey, String postcode, String city, Set<String> phones,
            Set<String> phoneKeys, Set<String> emails, Set<String> domains, Set<String> websites,
            Set<String> identifiers) {
    }

    public List<DuplicateCandidate> find(UUID workspaceId, Probe probe, UUID exclude, int limit) {
        CardKeys keys = probe.keys();
        Set<String> e164s = new LinkedHashSet<>();
        Set<String> phoneKeys = new LinkedHashSet<>();
        for (NormalizedPhone phone : keys.phones()) {
            if (phone.e164() != null) {
                e164s.add(phone.e164());
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
        Set<String> websites = new LinkedHashSet<>();
        keys.websites().stream().map(CardKeys.Website::domain).filter(Objects::nonNull).forEach(websites::add);
        String postcode = postcode(probe.postcode());

        Set<UUID> contacts = new LinkedHashSet<>();
        Set<UUID> organisations = new LinkedHashSet<>();
        Set<String> identifiers = keys.identifier() == null ? Set.of() : Set.of(keys.identifier());
        block(workspaceId, List.of(new Block("IDENTIFIER", "value", identifiers), new Block("PHONE", "value", e164s),
                new Block("EMAIL", "value", emails)), contacts, organisations);
        Set<String> domainsAndWebsites = new LinkedHashSet<>(domains);
        domainsAndWebsites.addAll(websites);
        block(workspaceId, List.of(new Block("PHONE", "match_key", phoneKeys),
                new Block("EMAIL", "match_key", domainsAndWebsites), new Block("WEBSITE", "match_key", domainsAndWebsites)),
                contacts, organisations);
        List<UUID> companies = neighbours(workspaceId, keys, postcode, contacts);
        organisations.addAll(companies);
        if (!companies.isEmpty()) {
            // The people of the most alike companies too: a card is compared with cards, not only with companies.
            contacts.addAll(jdbc.sql("""
                    SELECT id FROM contact WHERE workspace_id = :ws AND organisation_id = ANY(:companies)
                      AND merged_into IS NULL ORDER BY similarity(name_key, :name) DESC LIMIT :limit""")
                    .param("ws", workspaceId)
                    .param("companies", companies.stream().limit(COMPANIES_FOR_PEOPLE).toArray(UUID[]::new))
                    .param("name", keys.nameKey()).param("limit", PER_KEY).query(UUID.class).list());
        }
        contacts.remove(exclude);
        organisations.remove(exclude);
        if (exclude != null) {
            // Pairs a person decided are two clients never come back.
            contacts.removeAll(notDuplicates.of(workspaceId, exclude));
        }

        String firstKey = NameKeys.person(probe.firstName());
        String addressKey = NameKeys.person(probe.address());
        List<DuplicateCandidate> candidates = new ArrayList<>();
        for (Stored stored : load(workspaceId, contacts, organisations)) {
            List<Reason> reasons = new ArrayList<>();
            double logit = PRIOR;
            logit += identifier(stored, keys.identifier(), reasons);
            double phone = phones(stored, e164s, phoneKeys, reasons);
            logit += phone;
            logit += emails(stored, emails, domains, reasons);
            logit += websites(stored, websites, reasons);
            logit += company(stored, keys.companyKey(), reasons);
            if (stored.type().equals("contact")) {
                logit += person(stored, keys.nameKey(), keys.surnameKey(), firstKey, reasons);
                // A shared phone number and a shared address are one piece of evidence (the same place), not two.
                logit += place(stored, addressKey, postcode, NameKeys.person(probe.city()), reasons, phone >= 6 ? 0.2 : 1);
            }
            double score = 1 / (1 + Math.exp(-logit));
            if (!reasons.isEmpty() && score >= 0.05) {
                candidates.add(new DuplicateCandidate(stored.type(), stored.id(), stored.name(),
                        Math.round(score * 1000) / 1000.0, reasons));
            }
        }
        candidates.sort(Comparator.comparingDouble(DuplicateCandidate::score).reversed());
        return candidates.stream().limit(limit).toList();
    }

    /**
     * The same registration number is proof, whatever else differs (people move and marry, lists
     * misspell); two different ones, both known, argue strongly against.
     */
    private static double identifier(Stored stored, String identifier, List<Reason> reasons) {
        if (identifier == null || stored.identifiers().isEmpty()) {
            return 0;
        }
        if (stored.identifiers().contains(identifier)) {
            reasons.add(new Reason("SAME_REGISTRATION_NUMBER", identifier));
            return 12;
        }
        return -3;
    }

    private static double phones(Stored stored, Set<String> e164s, Set<String> keys, List<Reason> reasons) {
        for (String phone : e164s) {
            if (stored.phones().contains(phone)) {
                reasons.add(new Reason("SAME_PHONE", phone));
                return 6;
            }
        }
        for (String key : keys) {
            if (stored.phoneKeys().contains(key)) {
                reasons.add(new Reason("SAME_PHONE_KEY", key));
                return 1.5;
            }
        }
        return !e164s.isEmpty() && !stored.phones().isEmpty() ? -1.5 : 0;
    }

    private static double emails(Stored stored, Set<String> emails, Set<String> domains, List<Reason> reasons) {
        for (String email : emails) {
            if (stored.emails().contains(email)) {
                reasons.add(new Reason("SAME_EMAIL", email));
                return 6;
            }
        }
        for (String domain : domains) {
            if (stored.domains().contains(domain) || stored.websites().contains(domain)) {
                reasons.add(new Reason("SAME_CORPORATE_DOMAIN", domain));
                return stored.type().equals("organisation") ? 3 : 1;
            }
        }
        return 0;
    }

    private static double websites(Stored stored, Set<String> websites, List<Reason> reasons) {
        for (String website : websites) {
            if (stored.websites().contains(website) || stored.domains().contains(website)) {
                reasons.add(new Reason("SAME_WEBSITE", website));
                return 3;
            }
        }
        return 0;
    }

    private static double company(Stored stored, String companyKey, List<Reason> reasons) {
        if (companyKey.isEmpty() || stored.companyKey() == null || stored.companyKey().isEmpty()) {
            return 0;
        }
        if (companyKey.equals(stored.companyKey())) {
            reasons.add(new Reason("SAME_COMPANY_NAME", ""));
            return 3;
        }
        double similarity = companySimilarity(companyKey, stored.companyKey());
        if (similarity >= 0.8) {
            reasons.add(new Reason("COMPANY_NAME_SIMILAR", format(similarity)));
            return 3 * (similarity - 0.8) / 0.2 + 0.5;
        }
        // Two differently named businesses behind one switchboard number are still two clients.
        return similarity < 0.7 ? -5 : -1;
    }

    private static double person(Stored stored, String nameKey, String surnameKey, String firstKey,
            List<Reason> reasons) {
        if (nameKey.isEmpty() || stored.nameKey() == null || stored.nameKey().isEmpty()) {
            return 0;
        }
        if (nameKey.equals(stored.nameKey())) {
            reasons.add(new Reason("SAME_NAME", ""));
            return 3;
        }
        double similarity = nameSimilarity(nameKey, stored.nameKey());
        if (!firstKey.isEmpty() && !stored.firstKey().isEmpty()) {
            // First and last names swapped, a common slip in lists.
            similarity = Math.max(similarity, nameSimilarity(firstKey + " " + surnameKey,
                    stored.surnameKey() + " " + stored.firstKey()));
        }
        if (similarity >= 0.85) {
            reasons.add(new Reason("NAME_SIMILAR", format(similarity)));
            return 3 * (similarity - 0.85) / 0.15;
        }
        if (!surnameKey.isEmpty() && surnameKey.equals(stored.surnameKey())) {
            reasons.add(new Reason("SAME_SURNAME", surnameKey));
            return 0;
        }
        return similarity < 0.7 ? -2.5 : -0.5;
    }

    private static double place(Stored stored, String addressKey, String postcode, String cityKey,
            List<Reason> reasons, double agreementFactor) {
        double weight = 0;
        if (postcode != null && stored.postcode() != null) {
            if (postcode.equals(stored.postcode())) {
                reasons.add(new Reason("SAME_POSTCODE", postcode));
                weight += 1.5 * agreementFactor;
            } else {
                weight -= 1.5;
            }
        }
        if (!addressKey.isEmpty() && stored.addressKey() != null && !stored.addressKey().isEmpty()) {
            double similarity = nameSimilarity(addressKey, stored.addressKey());
            if (similarity >= 0.85) {
                reasons.add(new Reason("SAME_ADDRESS", format(similarity)));
                weight += (2.5 * (similarity - 0.85) / 0.15 + 0.5) * agreementFactor;
            } else if (similarity < 0.6) {
                weight -= 1;
            }
        }
        if (!cityKey.isEmpty() && stored.city() != null && !stored.city().isBlank()) {
            String storedCity = NameKeys.person(stored.city());
            boolean same = cityKey.equals(storedCity) || cityKey.contains(storedCity) || storedCity.contains(cityKey)
                    || JARO_WINKLER.apply(cityKey, storedCity) >= 0.9;
            weight += same ? 0.3 : -1;
        }
        return weight;
    }

    /**
     * Word by word: each word of the shorter name against its best match in the other
     * (Jaro-Winkler), averaged — so "steak house" and "circus circus" differ although letter-level
     * measures find them half alike, while a typo, a dropped "the" or an added "restaurant" costs little.
     */
    static double companySimilarity(String a, String b) {
        String[] wordsA = a.split(" ");
        String[] wordsB = b.split(" ");
        return wordsA.length <= wordsB.length ? mongeElkan(wordsA, wordsB) : mongeElkan(wordsB, wordsA);
    }

    private static double mongeElkan(String[] from, String[] to) {
        double sum = 0;
        for (String word : from) {
            double best = 0;
            for (String other : to) {
                best = Math.max(best, JARO_WINKLER.apply(word, other));
            }
            sum += best;
        }
        return sum / from.length;
    }

    /** Jaro-Winkler on the keys, also word by word in any order (token sort), whichever is higher. */
    static double nameSimilarity(String a, String b) {
        return nameSimilarity(a, sortedWords(a), b);
    }

    private static double nameSimilarity(String a, String sortedA, String b) {
        double direct = JARO_WINKLER.apply(a, b);
        return direct == 1 ? 1 : Math.max(direct, JARO_WINKLER.apply(sortedA, sortedWords(b)));
    }

    private static String sortedWords(String key) {
        if (key.indexOf(' ') < 0) {
            return key;
        }
        String[] words = key.split(" ");
        Arrays.sort(words);
        return String.join(" ", words);
    }

    private static String postcode(String postcode) {
        if (postcode == null || postcode.isBlank()) {
            return null;
        }
        return postcode.strip().toUpperCase(Locale.ROOT);
    }

    private static String format(double similarity) {
        return String.format(Locale.ROOT, "%.2f", similarity);
    }

    /** Cards sharing a key of one kind: contact points of {@code kind} whose {@code column} is one of {@code values}. */
    private record Block(String kind, String column, Set<String> values) {
    }

    /**
     * Several blocks in one round trip: each keeps its own limit (a busy key cannot crowd out the
     * others), joined with UNION ALL.
     */
    private void block(UUID workspaceId, List<Block> blocks, Set<UUID> contacts, Set<UUID> organisations) {
        List<String> parts = new ArrayList<>();
        Map<String, Object> params = new HashMap<>();
        params.put("ws", workspaceId);
        for (int i = 0; i < blocks.size(); i++) {
            Block block = blocks.get(i);
            if (block.values().isEmpty()) {
                continue;
            }
            String column = block.column().equals("match_key") ? "match_key" : "value";
            parts.add("""
                    (SELECT p.contact_id, p.organisation_id FROM contact_point p
                     WHERE p.workspace_id = :ws AND p.kind = :kind%1$d AND p.%2$s = ANY(:values%1$d) LIMIT :limit%1$d)"""
                    .formatted(i, column));
            params.put("kind" + i, block.kind());
            params.put("values" + i, block.values().toArray(String[]::new));
            params.put("limit" + i, PER_KEY * block.values().size());
        }
        if (parts.isEmpty()) {
            return;
        }
        jdbc.sql(String.join(" UNION ALL ", parts)).params(params)
                .query((rs, n) -> {
                    UUID contact = rs.getObject(1, UUID.class);
                    return contact != null ? contacts.add(contact) : organisations.add(rs.getObject(2, UUID.class));
                })
                .list();
    }

    /**
     * Name blocking by sorted neighbourhood, in one round trip: the people whose full name sorts
     * next to the probe's (a slip late in the surname), those of the same surname whose full name
     * sorts next to it (a slip in the first name), the same with first name and surname swapped,
     * the people of the same postcode whose name is at all alike, and the companies whose name sorts
     * next to the probe's company. Each reads a few dozen b-tree entries however many cards the
     * workspace holds; neighbours whose name is not alike enough to count are dropped here.
     * Adds the people to {@code contacts} and returns the companies.
     */
    private List<UUID> neighbours(UUID workspaceId, CardKeys keys, String postcode, Set<UUID> contacts) {
        String name = keys.nameKey();
        String surname = keys.surnameKey();
        String first = name.endsWith(surname) ? name.substring(0, name.length() - surname.length()).strip() : "";
        String swapped = (surname + " " + first).strip();
        String sortedName = sortedWords(name);
        List<String> parts = new ArrayList<>();
        Map<String, Object> params = new HashMap<>();
        params.put("ws", workspaceId);
        params.put("window", WINDOW);
        if (name.length() >= 3) {
            params.put("name", name);
            parts.addAll(window("contact", "", "name"));
        }
        if (!surname.isEmpty() && !first.isEmpty()) {
            params.put("surname", surname);
            params.put("first", first);
            params.put("swapped", swapped);
            parts.addAll(window("contact", "surname_key = :surname AND ", "name"));
            parts.addAll(window("contact", "surname_key = :first AND ", "swapped"));
        }
        if (postcode != null && !name.isEmpty()) {
            params.put("postcode", postcode);
            params.put("name", name);
            parts.add("""
                    (SELECT 'contact', id, name_key FROM (SELECT id, name_key FROM contact
                       WHERE workspace_id = :ws AND merged_into IS NULL AND postcode = :postcode LIMIT 1000) p
                     WHERE similarity(name_key, :name) >= 0.3 ORDER BY similarity(name_key, :name) DESC LIMIT :window)""");
        }
        if (!keys.companyKey().isEmpty()) {
            params.put("company", keys.companyKey());
            parts.addAll(window("organisation", "", "company"));
        }
        if (parts.isEmpty()) {
            return List.of();
        }
        Map<UUID, Double> companies = new HashMap<>();
        jdbc.sql(String.join(" UNION ALL ", parts)).params(params).query(rs -> {
            UUID id = rs.getObject(2, UUID.class);
            String key = rs.getString(3);
            if (rs.getString(1).equals("organisation")) {
                double similarity = companies.containsKey(id) ? -1 : companySimilarity(keys.companyKey(), key);
                if (similarity >= COMPANY_NEIGHBOUR) {
                    companies.put(id, similarity);
                }
            } else if (!contacts.contains(id) && nameSimilarity(name, sortedName, key) >= NAME_NEIGHBOUR) {
                contacts.add(id); // word order aside, so swapped names too
            }
        });
        return companies.entrySet().stream().sorted(Map.Entry.<UUID, Double>comparingByValue().reversed())
                .map(Map.Entry::getKey).toList();
    }

    /** The {@link #WINDOW} keys either side of {@code :param} in {@code table}'s name order. */
    private static List<String> window(String table, String condition, String param) {
        String select = "(SELECT '" + table + "', id, name_key FROM " + table
                + " WHERE workspace_id = :ws AND merged_into IS NULL AND " + condition;
        return List.of(select + "name_key >= :" + param + " ORDER BY name_key LIMIT :window)",
                select + "name_key < :" + param + " ORDER BY name_key DESC LIMIT :window)");
    }

    /**
     * The candidates' comparable fields, two queries whatever their number: each card joined with
     * its contact points, one row per point, gathered here.
     */
    private List<Stored> load(UUID workspaceId, Set<UUID> contacts, Set<UUID> organisations) {
        Map<UUID, Stored> cards = new LinkedHashMap<>();
        if (!contacts.isEmpty()) {
            jdbc.sql("""
                    SELECT c.id, c.display_name, c.name_key, c.surname_key, c.first_name, o.name_key AS company_key,
                           c.address, c.postcode, c.city, p.kind, p.value, p.match_key
                    FROM contact c LEFT JOIN organisation o ON o.id = c.organisation_id
                      LEFT JOIN contact_point p ON p.contact_id = c.id
                    WHERE c.workspace_id = :ws AND c.id = ANY(:ids) AND c.merged_into IS NULL""")
                    .param("ws", workspaceId).param("ids", contacts.toArray(UUID[]::new))
                    .query(rs -> {
                        UUID id = rs.getObject("id", UUID.class);
                        Stored card = cards.get(id);
                        if (card == null) {
                            card = new Stored("contact", id, rs.getString("display_name"), rs.getString("name_key"),
                                    rs.getString("surname_key"), NameKeys.person(rs.getString("first_name")),
                                    rs.getString("company_key"), NameKeys.person(rs.getString("address")),
                                    postcode(rs.getString("postcode")), rs.getString("city"), new HashSet<>(),
                                    new HashSet<>(), new HashSet<>(), new HashSet<>(), new HashSet<>(), new HashSet<>());
                            cards.put(id, card);
                        }
                        addPoint(card, rs);
                    });
        }
        if (!organisations.isEmpty()) {
            jdbc.sql("""
                    SELECT o.id, o.name, o.name_key, p.kind, p.value, p.match_key
                    FROM organisation o LEFT JOIN contact_point p ON p.organisation_id = o.id
                    WHERE o.workspace_id = :ws AND o.id = ANY(:ids) AND o.merged_into IS NULL""")
                    .param("ws", workspaceId).param("ids", organisations.toArray(UUID[]::new))
                    .query(rs -> {
                        UUID id = rs.getObject("id", UUID.class);
                        Stored card = cards.get(id);
                        if (card == null) {
                            card = new Stored("organisation", id, rs.getString("name"), null, null, "",
                                    rs.getString("name_key"), null, null, null, new HashSet<>(), new HashSet<>(),
                                    new HashSet<>(), new HashSet<>(), new HashSet<>(), new HashSet<>());
                            cards.put(id, card);
                        }
                        addPoint(card, rs);
                    });
        }
        return List.copyOf(cards.values());
    }

    /** One contact point of a joined row into the card's sets (none when the card has no points). */
    private static void addPoint(Stored card, ResultSet rs) throws SQLException {
        String kind = rs.getString("kind");
        String value = rs.getString("value");
        String matchKey = rs.getString("match_key");
        if (kind == null) {
            return;
        }
        switch (kind) {
            case "PHONE" -> {
                addIfPresent(card.phones(), value);
                addIfPresent(card.phoneKeys(), matchKey);
            }
            case "EMAIL" -> {
                addIfPresent(card.emails(), value);
                addIfPresent(card.domains(), matchKey);
            }
            case "WEBSITE" -> {
                addIfPresent(card.websites(), matchKey);
                if (card.type().equals("organisation")) {
                    addIfPresent(card.domains(), matchKey); // a company's site is its mail domain too
                }
            }
            case "IDENTIFIER" -> addIfPresent(card.identifiers(), value);
            default -> { }
        }
    }

    private static void addIfPresent(Set<String> set, String value) {
        if (value != null) {
            set.add(value);
        }
    }
}

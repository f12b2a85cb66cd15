package dev.callsheet.contacts.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Candidate generation for the duplicate check (ADR 0006): several blocking passes, each through its own b-tree
 * index, each capped so that one huge block (a switchboard number, the commonest surname) cannot slow the check,
 * and each ordered by the cards' data before the cap cuts, so that the same cards in two workspaces give the same
 * candidates:
 * <ol>
 *   <li>exact keys (docs/domain.md §4): registration number, phone, phone without country and area code, e-mail,
 *       corporate domain, website — {@code contact_point}'s value and match-key indexes;</li>
 *   <li>place: the same postcode (the postcode index), the addresses sorting next to the probe's (V36);</li>
 *   <li>names by sorted neighbourhood: the full names sorting next to the probe's, the same surname with the
 *       first names sorting next to it, first name and surname swapped (V26);</li>
 *   <li>company names: the names sorting next to it; each significant word as a whole name, as a name's first word
 *       (reordered words, a prefix dropped) and as its last (a prefix added; V36); the name without its first
 *       letter (a typo there, V36) — then the people of the five most alike companies.</li>
 * </ol>
 */
@Component
class Blocking {

    /** Cards read per exact key. */
    static final int PER_KEY = 30;
    /** Cards read either side of the probe in each sorted neighbourhood. */
    static final int WINDOW = 12;
    /** Cards read per name word, per place. */
    static final int PER_WORD = 8;
    /** Whose people are compared too, the most alike first. */
    static final int COMPANIES_FOR_PEOPLE = 5;
    /** How alike a company must be for its people to be compared. */
    static final double COMPANY_NEIGHBOUR = 0.75;
    /** How alike a neighbour's name must be to be compared at all. */
    static final double NAME_NEIGHBOUR = 0.7;
    /** Words that name no company on their own: too common to block on. */
    private static final Set<String> STOP_WORDS = Set.of("the", "and", "for", "der", "die", "das", "los", "las",
            "del", "och", "ltd", "inc", "company", "group", "restaurant", "cafe", "hotel", "services",
            "service", "international", "holding", "holdings", "trading", "solutions");

    /** The cards to compare, in the order the passes found them. */
    record Candidates(Set<UUID> contacts, Set<UUID> organisations) {
    }

    private final JdbcClient jdbc;

    Blocking(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Candidates of(UUID workspaceId, LinkageRecord probe, String postcodeAsTyped, String addressAsTyped) {
        Set<UUID> contacts = new LinkedHashSet<>();
        Set<UUID> organisations = new LinkedHashSet<>();
        exactKeys(workspaceId, probe, contacts, organisations);
        List<UUID> companies = namesAndPlaces(workspaceId, probe, postcodes(probe.postcode(), postcodeAsTyped),
                addressAsTyped == null || addressAsTyped.isBlank() ? null : addressAsTyped.strip().toLowerCase(Locale.ROOT),
                contacts);
        organisations.addAll(companies);
        if (!companies.isEmpty()) {
            contacts.addAll(jdbc.sql("""
                    SELECT id FROM contact WHERE workspace_id = :ws AND organisation_id = ANY(:companies)
                      AND merged_into IS NULL ORDER BY similarity(name_key, :name) DESC, fingerprint LIMIT :limit""")
                    .param("ws", workspaceId)
                    .param("companies", companies.stream().limit(COMPANIES_FOR_PEOPLE).toArray(UUID[]::new))
                    .param("name", probe.nameKey()).param("limit", PER_KEY).query(UUID.class).list());
        }
        return new Candidates(contacts, organisations);
    }

    private static Set<String> postcodes(String normalised, String asTyped) {
        Set<String> postcodes = new LinkedHashSet<>();
        if (!normalised.isEmpty()) {
            postcodes.add(normalised);
        }
        if (asTyped != null && !asTyped.isBlank()) {
            postcodes.add(asTyped.strip().toUpperCase(Locale.ROOT));
            postcodes.add(asTyped.strip());
        }
        return postcodes;
    }

    /** Cards sharing a key of one kind: contact points of {@code kind} whose {@code column} is one of {@code values}. */
    private record Block(String kind, String column, Set<String> values) {
    }

    /**
     * The exact keys in one round trip: each keeps its own cap (a busy key cannot crowd out the others), points in
     * the order they were stored.
     */
    private void exactKeys(UUID workspaceId, LinkageRecord probe, Set<UUID> contacts, Set<UUID> organisations) {
        List<Block> blocks = List.of(new Block("IDENTIFIER", "value", probe.identifiers()),
                new Block("PHONE", "value", probe.phones()), new Block("EMAIL", "value", probe.emails()),
                new Block("PHONE", "match_key", probe.phoneKeys()), new Block("EMAIL", "match_key", probe.domains()),
                new Block("WEBSITE", "match_key", probe.domains()));
        List<String> parts = new ArrayList<>();
        Map<String, Object> params = new HashMap<>();
        params.put("ws", workspaceId);
        for (int i = 0; i < blocks.size(); i++) {
            Block block = blocks.get(i);
            if (block.values().isEmpty()) {
                continue;
            }
            parts.add("""
                    (SELECT p.contact_id, p.organisation_id FROM contact_point p
                     WHERE p.workspace_id = :ws AND p.kind = :kind%1$d AND p.%2$s = ANY(:values%1$d)
                     ORDER BY p.id LIMIT :limit%1$d)""".formatted(i, block.column()));
            params.put("kind" + i, block.kind());
            params.put("values" + i, block.values().toArray(String[]::new));
            params.put("limit" + i, PER_KEY * block.values().size());
        }
        if (parts.isEmpty()) {
            return;
        }
        jdbc.sql(String.join(" UNION ALL ", parts)).params(params).query(rs -> {
            UUID contact = rs.getObject(1, UUID.class);
            if (contact != null) {
                contacts.add(contact);
            }
            else {
                organisations.add(rs.getObject(2, UUID.class));
            }
        });
    }

    /**
     * The name, place and company passes in one round trip. Neighbours whose name is not alike enough to count are
     * dropped here. Adds the people to {@code contacts} and returns the companies, the most alike first.
     */
    private List<UUID> namesAndPlaces(UUID workspaceId, LinkageRecord probe, Set<String> postcodes, String address,
            Set<UUID> contacts) {
        String name = probe.nameKey();
        String surname = probe.surnameKey();
        String first = probe.firstKey();
        List<String> parts = new ArrayList<>();
        Map<String, Object> params = new HashMap<>();
        params.put("ws", workspaceId);
        params.put("window", WINDOW);
        params.put("perWord", PER_WORD);
        params.put("name", name);
        if (name.length() >= 3) {
            parts.addAll(window("contact", "", "name"));
        }
        if (!surname.isEmpty() && !first.isEmpty()) {
            params.put("surname", surname);
            params.put("first", first);
            params.put("swapped", (surname + " " + first).strip());
            parts.addAll(window("contact", "surname_key = :surname AND ", "name"));
            parts.addAll(window("contact", "surname_key = :first AND ", "swapped"));
        }
        if (!postcodes.isEmpty()) {
            params.put("postcodes", postcodes.toArray(String[]::new));
            params.put("address", address == null ? "" : address);
            parts.add("""
                    (SELECT 'place', id, name_key FROM (SELECT id, name_key, address, fingerprint FROM contact
                       WHERE workspace_id = :ws AND merged_into IS NULL AND postcode = ANY(:postcodes)
                       ORDER BY fingerprint LIMIT 1000) p
                     ORDER BY greatest(similarity(name_key, :name), similarity(lower(coalesce(address, '')), :address)) DESC,
                       fingerprint LIMIT :window)""");
        }
        if (address != null && address.length() >= 4) {
            params.put("addressKey", address);
            String select = "(SELECT 'place', id, name_key FROM contact WHERE workspace_id = :ws AND merged_into IS NULL"
                    + " AND address IS NOT NULL AND ";
            parts.add(select + "lower(address) >= :addressKey ORDER BY lower(address), fingerprint LIMIT :perWord)");
            parts.add(select + "lower(address) < :addressKey ORDER BY lower(address) DESC, fingerprint LIMIT :perWord)");
        }
        String company = probe.companyKey();
        if (!company.isEmpty()) {
            params.put("company", company);
            parts.addAll(window("organisation", "", "company"));
            List<String> words = significantWords(company);
            if (!words.isEmpty()) {
                List<String> wholes = new ArrayList<>(words);
                if (company.length() >= 4) {
                    wholes.add(company.substring(1)); // the probe's first letter is the typo
                }
                params.put("words", wholes.toArray(String[]::new));
                parts.add("""
                        (SELECT 'organisation', id, name_key FROM organisation WHERE workspace_id = :ws
                           AND merged_into IS NULL AND name_key = ANY(:words) ORDER BY name_key, created_at LIMIT :window)""");
                parts.add("""
                        (SELECT 'organisation', id, name_key FROM organisation WHERE workspace_id = :ws
                           AND merged_into IS NULL AND substring(name_key from '[^ ]+$') = ANY(:words)
                         ORDER BY name_key, created_at LIMIT :window)""");
                // Names starting with the word (a name of a few words sorts right after its first word).
                for (int i = 1; i < words.size(); i++) {
                    params.put("word" + i, words.get(i) + " ");
                    parts.add("""
                            (SELECT 'organisation', id, name_key FROM organisation WHERE workspace_id = :ws
                               AND merged_into IS NULL AND name_key >= :word%1$d
                             ORDER BY name_key, created_at LIMIT :perWord)""".formatted(i));
                }
            }
            if (company.length() >= 4) {
                params.put("tails", new String[] {company.substring(1), company});
                parts.add("""
                        (SELECT 'organisation', id, name_key FROM organisation WHERE workspace_id = :ws
                           AND merged_into IS NULL AND substr(name_key, 2) = ANY(:tails)
                         ORDER BY name_key, created_at LIMIT :perWord)""");
            }
        }
        if (parts.isEmpty()) {
            return List.of();
        }
        Map<UUID, Double> companies = new LinkedHashMap<>();
        Map<UUID, String> companyKeys = new HashMap<>();
        jdbc.sql(String.join(" UNION ALL ", parts)).params(params).query(rs -> {
            String pass = rs.getString(1);
            UUID id = rs.getObject(2, UUID.class);
            String key = rs.getString(3);
            if (pass.equals("organisation")) {
                if (!companies.containsKey(id)) {
                    double similarity = Similarity.words(company, key);
                    if (similarity >= COMPANY_NEIGHBOUR || Similarity.jaroWinkler(company, key) >= 0.9) {
                        companies.put(id, Math.max(similarity, Similarity.jaroWinkler(company, key)));
                        companyKeys.put(id, key);
                    }
                }
            }
            else if (pass.equals("place") || name.isEmpty() || Similarity.names(name, key) >= NAME_NEIGHBOUR) {
                contacts.add(id); // word order aside, so swapped names too
            }
        });
        return companies.entrySet().stream()
                .sorted(Map.Entry.<UUID, Double>comparingByValue().reversed()
                        .thenComparing(e -> companyKeys.get(e.getKey())))
                .map(Map.Entry::getKey).toList();
    }

    /** The words a company is known by: three letters or more, not a stop word, at most four. */
    static List<String> significantWords(String companyKey) {
        List<String> words = new ArrayList<>();
        for (String word : companyKey.split(" ")) {
            if (word.length() >= 3 && !STOP_WORDS.contains(word) && !words.contains(word) && words.size() < 4) {
                words.add(word);
            }
        }
        return words;
    }

    /** The {@link #WINDOW} keys either side of {@code :param} in {@code table}'s name order, ties by the card's data. */
    private static List<String> window(String table, String condition, String param) {
        String tie = table.equals("contact") ? "fingerprint" : "created_at";
        String select = "(SELECT '" + table + "', id, name_key FROM " + table
                + " WHERE workspace_id = :ws AND merged_into IS NULL AND " + condition;
        return List.of(select + "name_key >= :" + param + " ORDER BY name_key, " + tie + " LIMIT :window)",
                select + "name_key < :" + param + " ORDER BY name_key DESC, " + tie + " LIMIT :window)");
    }
}

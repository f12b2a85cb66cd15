package dev.callsheet.contacts.internal;

import dev.callsheet.contacts.NameKeys;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads stored cards as the duplicate check compares them ({@link LinkageRecord}): two queries whatever their
 * number, each card joined with its contact points, one row per point, gathered here.
 */
@Component
class CardLoader {

    /**
     * The custom fields read as a date of birth, by their column's name in the six languages (an import keeps a
     * column it maps to "custom" under its header).
     */
    static final Pattern BIRTH_DATE = Pattern.compile(
            "(?iu).*(birth|^dob$|f(ø|o)dsels|nacimiento|рожд|생년|na(s|ș|ş)ter).*");

    private static final String BIRTH_DATE_SQL = "(SELECT e.value FROM jsonb_each_text(c.custom) e WHERE e.key ~* "
            + "'(birth|^dob$|f(ø|o)dsels|nacimiento|рожд|생년|na(s|ș|ş)ter)' ORDER BY e.key LIMIT 1)";

    private final JdbcClient jdbc;

    CardLoader(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The contacts and organisations of these ids that are not merged away, in no particular order. */
    List<LinkageRecord> load(UUID workspaceId, Collection<UUID> contacts, Collection<UUID> organisations) {
        Map<UUID, Builder> cards = new LinkedHashMap<>();
        if (!contacts.isEmpty()) {
            jdbc.sql("""
                    SELECT c.id, c.display_name, c.fingerprint, c.name_key, c.surname_key, c.first_name,
                           o.name_key AS company_key, c.address, c.postcode, c.city, %s AS birth_date,
                           p.kind, p.value, p.match_key
                    FROM contact c LEFT JOIN organisation o ON o.id = c.organisation_id
                      LEFT JOIN contact_point p ON p.contact_id = c.id
                    WHERE c.workspace_id = :ws AND c.id = ANY(:ids) AND c.merged_into IS NULL""".formatted(BIRTH_DATE_SQL))
                    .param("ws", workspaceId).param("ids", contacts.toArray(UUID[]::new))
                    .query(rs -> {
                        UUID id = rs.getObject("id", UUID.class);
                        cards.computeIfAbsent(id, key -> contact(rs)).add(rs);
                    });
        }
        if (!organisations.isEmpty()) {
            jdbc.sql("""
                    SELECT o.id, o.name, o.name_key, o.created_at, p.kind, p.value, p.match_key
                    FROM organisation o LEFT JOIN contact_point p ON p.organisation_id = o.id
                    WHERE o.workspace_id = :ws AND o.id = ANY(:ids) AND o.merged_into IS NULL""")
                    .param("ws", workspaceId).param("ids", organisations.toArray(UUID[]::new))
                    .query(rs -> {
                        UUID id = rs.getObject("id", UUID.class);
                        cards.computeIfAbsent(id, key -> organisation(rs)).add(rs);
                    });
        }
        List<LinkageRecord> records = new ArrayList<>(cards.size());
        cards.values().forEach(card -> records.add(card.build()));
        return records;
    }

    private static Builder contact(ResultSet rs) {
        try {
            String first = NameKeys.person(rs.getString("first_name"));
            String nameKey = rs.getString("name_key");
            return new Builder("contact", rs.getObject("id", UUID.class), rs.getString("display_name"),
                    rs.getString("fingerprint"), first, LinkageRecord.surname(rs.getString("surname_key"), nameKey, first),
                    nameKey, nullToEmpty(rs.getString("company_key")), NameKeys.person(rs.getString("address")),
                    LinkageRecord.postcode(rs.getString("postcode")), NameKeys.person(rs.getString("city")),
                    LinkageRecord.birthDate(rs.getString("birth_date")));
        }
        catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Builder organisation(ResultSet rs) {
        try {
            String nameKey = rs.getString("name_key");
            return new Builder("organisation", rs.getObject("id", UUID.class), rs.getString("name"),
                    nameKey + "|" + rs.getTimestamp("created_at").toInstant(), "", "", "", nameKey, "", "", "", "");
        }
        catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }

    /** A card being gathered from its joined rows. */
    private record Builder(String type, UUID id, String name, String order, String firstKey, String surnameKey,
            String nameKey, String companyKey, String addressKey, String postcode, String cityKey, String birthDate,
            Set<String> phones, Set<String> phoneKeys, Set<String> emails, Set<String> domains,
            Set<String> identifiers) {

        Builder(String type, UUID id, String name, String order, String firstKey, String surnameKey, String nameKey,
                String companyKey, String addressKey, String postcode, String cityKey, String birthDate) {
            this(type, id, name, order, firstKey, surnameKey, nullToEmpty(nameKey), companyKey, addressKey, postcode,
                    cityKey, birthDate, new HashSet<>(), new HashSet<>(), new HashSet<>(), new HashSet<>(),
                    new HashSet<>());
        }

        /** One contact point of a joined row (none when the card has no points). */
        void add(ResultSet rs) throws SQLException {
            String kind = rs.getString("kind");
            String value = rs.getString("value");
            String matchKey = rs.getString("match_key");
            if (kind == null) {
                return;
            }
            switch (kind) {
                case "PHONE" -> {
                    addIfPresent(phones, value);
                    addIfPresent(phoneKeys, matchKey);
                }
                case "EMAIL" -> {
                    addIfPresent(emails, value);
                    addIfPresent(domains, matchKey);
                }
                case "WEBSITE" -> addIfPresent(domains, matchKey);
                case "IDENTIFIER" -> addIfPresent(identifiers, value);
                default -> { }
            }
        }

        LinkageRecord build() {
            return new LinkageRecord(type, id, name, order, firstKey, surnameKey, nameKey, companyKey, addressKey,
                    postcode, cityKey, birthDate, sorted(phones), sorted(phoneKeys), sorted(emails), sorted(domains),
                    sorted(identifiers));
        }

        /** Sorted, so that which of two shared values a reason names does not depend on the JVM. */
        private static Set<String> sorted(Set<String> values) {
            return Collections.unmodifiableSortedSet(new TreeSet<>(values));
        }

        private static void addIfPresent(Set<String> set, String value) {
            if (value != null) {
                set.add(value);
            }
        }
    }
}

package dev.callsheet.contacts.internal;

import dev.callsheet.contacts.NameKeys;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * How many cards of a workspace share a value — the term frequencies of ADR 0006. Names, addresses, postcodes,
 * cities and companies are counted once per workspace, when its model is made ({@link #names}); phones, e-mails,
 * domains and registration numbers when asked ({@link #points}), each through its index and capped, so a
 * switchboard number on thirty cards is known as such the moment the thirtieth is saved.
 */
@Component
class TermFrequencies {

    /** The values more than one card of a workspace holds, per field, with how many cards hold each. */
    record Counts(Map<Field, Map<String, Integer>> byField) {

        static final Counts NONE = new Counts(Map.of());

        /** How many cards hold the value (1 when it was not seen twice). */
        int of(Field field, String value) {
            Map<String, Integer> counts = byField.get(field);
            return counts == null ? 1 : counts.getOrDefault(value, 1);
        }
    }

    /** More cards than this sharing one phone or e-mail are counted as this many. */
    static final int COUNT_CAP = 1000;

    private final JdbcClient jdbc;

    TermFrequencies(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The repeated first names, surnames, addresses, postcodes and cities of the workspace's people in one scan,
     * and the companies by how many people they employ. Raw values are read through the same keys the
     * comparison uses.
     */
    Counts names(UUID workspaceId) {
        Map<Field, Map<String, Integer>> counts = new EnumMap<>(Field.class);
        Map<Integer, Field> sets = Map.of(15, Field.FIRST_NAME, 23, Field.SURNAME, 27, Field.ADDRESS, 29,
                Field.POSTCODE, 30, Field.CITY);
        Map<Field, UnaryOperator<String>> keys = Map.of(Field.FIRST_NAME, NameKeys::person, Field.SURNAME,
                UnaryOperator.identity(), Field.ADDRESS, NameKeys::person, Field.POSTCODE, LinkageRecord::postcode,
                Field.CITY, NameKeys::person);
        jdbc.sql("""
                SELECT grouping(f, s, a, p, c) AS g, coalesce(f, s, a, p, c) AS v, count(*) AS n FROM (
                  SELECT lower(btrim(first_name)) AS f, nullif(surname_key, '') AS s, lower(btrim(address)) AS a,
                         upper(regexp_replace(postcode, '[\\s-]+', '', 'g')) AS p, lower(btrim(city)) AS c
                  FROM contact WHERE workspace_id = :ws AND merged_into IS NULL) x
                GROUP BY GROUPING SETS ((f), (s), (a), (p), (c)) HAVING count(*) > 1""")
                .param("ws", workspaceId)
                .query(rs -> {
                    Field field = sets.get(rs.getInt("g"));
                    String value = rs.getString("v");
                    if (field != null && value != null) {
                        String key = keys.get(field).apply(value);
                        if (!key.isEmpty()) {
                            counts.computeIfAbsent(field, f -> new HashMap<>()).merge(key, rs.getInt("n"), Integer::sum);
                        }
                    }
                });
        jdbc.sql("""
                SELECT o.name_key, count(*) AS n FROM contact c JOIN organisation o ON o.id = c.organisation_id
                WHERE c.workspace_id = :ws AND c.merged_into IS NULL AND o.name_key <> ''
                GROUP BY o.name_key HAVING count(*) > 1""")
                .param("ws", workspaceId)
                .query(rs -> {
                    counts.computeIfAbsent(Field.COMPANY, f -> new HashMap<>())
                            .merge(rs.getString("name_key"), rs.getInt("n"), Integer::sum);
                });
        Map<Field, Map<String, Integer>> frozen = new EnumMap<>(Field.class);
        counts.forEach((field, values) -> frozen.put(field, Map.copyOf(values)));
        return new Counts(frozen);
    }

    /**
     * How many cards hold each of the probe's phones, e-mails, domains and registration numbers (up to
     * {@link #COUNT_CAP}), in one round trip.
     */
    Counts points(UUID workspaceId, LinkageRecord probe) {
        record Ask(Field field, String kind, String column, String value) {
        }
        List<Ask> asks = new ArrayList<>();
        probe.phones().forEach(v -> asks.add(new Ask(Field.PHONE, "PHONE", "value", v)));
        probe.emails().forEach(v -> asks.add(new Ask(Field.EMAIL, "EMAIL", "value", v)));
        probe.identifiers().forEach(v -> asks.add(new Ask(Field.REGISTRATION_NUMBER, "IDENTIFIER", "value", v)));
        Set<String> domains = new LinkedHashSet<>(probe.domains());
        domains.forEach(v -> asks.add(new Ask(Field.DOMAIN, "EMAIL", "match_key", v)));
        domains.forEach(v -> asks.add(new Ask(Field.DOMAIN, "WEBSITE", "match_key", v)));
        if (asks.isEmpty()) {
            return Counts.NONE;
        }
        List<String> parts = new ArrayList<>();
        Map<String, Object> params = new HashMap<>();
        params.put("ws", workspaceId);
        params.put("cap", COUNT_CAP);
        for (int i = 0; i < asks.size(); i++) {
            Ask ask = asks.get(i);
            parts.add("""
                    SELECT %1$d AS i, count(DISTINCT coalesce(contact_id, organisation_id)) AS n FROM (
                      SELECT contact_id, organisation_id FROM contact_point
                      WHERE workspace_id = :ws AND kind = :kind%1$d AND %2$s = :value%1$d LIMIT :cap) x"""
                    .formatted(i, ask.column()));
            params.put("kind" + i, ask.kind());
            params.put("value" + i, ask.value());
        }
        Map<Field, Map<String, Integer>> counts = new EnumMap<>(Field.class);
        jdbc.sql(String.join(" UNION ALL ", parts)).params(params).query(rs -> {
            Ask ask = asks.get(rs.getInt("i"));
            counts.computeIfAbsent(ask.field(), f -> new HashMap<>()).merge(ask.value(), rs.getInt("n"), Integer::sum);
        });
        return new Counts(counts);
    }
}

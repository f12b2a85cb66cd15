package dev.callsheet.contacts.internal;

import dev.callsheet.contacts.DuplicateCandidate;
import dev.callsheet.contacts.DuplicateCandidate.Reason;
import dev.callsheet.contacts.NormalizedEmail;
import dev.callsheet.contacts.NormalizedPhone;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.apache.commons.text.similarity.JaroWinklerSimilarity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The duplicate check of DOMAIN.md §4. Each key finds its candidates through its own index
 * (blocking: no scan of the workspace), each hit is a {@link Reason} with a weight, and a
 * candidate's score combines its reasons as independent evidence: 1 − Π(1 − weight).
 */
@Component
public class DuplicateFinder {

    /** How much each kind of evidence alone says that two cards are one client. */
    static final double SAME_PHONE = 0.95;
    static final double SAME_EMAIL = 0.95;
    static final double SAME_PHONE_KEY = 0.6;
    static final double SAME_WEBSITE = 0.7;
    static final double SAME_CORPORATE_DOMAIN = 0.45;
    static final double SAME_COMPANY_NAME = 0.8;
    static final double SAME_SURNAME = 0.3;
    static final double SAME_NAME = 0.6;
    /** Trigram similarity above which a name is a candidate at all. */
    static final double SIMILAR = 0.55;
    private static final int PER_KEY = 50;
    private static final JaroWinklerSimilarity JARO_WINKLER = new JaroWinklerSimilarity();

    private final JdbcClient jdbc;

    DuplicateFinder(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    private record Hit(String type, UUID id, String name, Reason reason, double weight) {
    }

    /**
     * @param firstName used to tell a namesake from the same person when only the surname matches
     * @param exclude a card not to report (the one being edited), or null
     */
    public List<DuplicateCandidate> find(UUID workspaceId, CardKeys keys, String firstName, UUID exclude, int limit) {
        List<Hit> hits = new ArrayList<>();
        for (NormalizedPhone phone : keys.phones()) {
            if (phone.e164() != null) {
                points(hits, workspaceId, "PHONE", "value", phone.e164(), "SAME_PHONE", phone.e164(), SAME_PHONE);
            }
            if (phone.key() != null && phone.key().length() >= 5) {
                points(hits, workspaceId, "PHONE", "match_key", phone.key(), "SAME_PHONE_KEY", phone.key(),
                        SAME_PHONE_KEY);
            }
        }
        for (NormalizedEmail email : keys.emails()) {
            if (email.address() != null) {
                points(hits, workspaceId, "EMAIL", "value", email.address(), "SAME_EMAIL", email.address(), SAME_EMAIL);
            }
            if (email.corporateDomain() != null) {
                points(hits, workspaceId, "EMAIL", "match_key", email.corporateDomain(), "SAME_CORPORATE_DOMAIN",
                        email.corporateDomain(), SAME_CORPORATE_DOMAIN);
                points(hits, workspaceId, "WEBSITE", "match_key", email.corporateDomain(), "SAME_CORPORATE_DOMAIN",
                        email.corporateDomain(), SAME_CORPORATE_DOMAIN);
            }
        }
        for (CardKeys.Website website : keys.websites()) {
            if (website.domain() != null) {
                points(hits, workspaceId, "WEBSITE", "match_key", website.domain(), "SAME_WEBSITE", website.domain(),
                        SAME_WEBSITE);
            }
        }
        if (!keys.companyKey().isEmpty()) {
            companies(hits, workspaceId, keys.companyKey());
        }
        if (!keys.surnameKey().isEmpty()) {
            surnames(hits, workspaceId, keys.surnameKey(), firstName);
        }
        if (keys.nameKey().length() >= 3 && keys.nameKey().contains(" ")) {
            similarNames(hits, workspaceId, keys.nameKey());
        }
        return rank(hits, exclude, limit);
    }

    private void points(List<Hit> hits, UUID workspaceId, String kind, String column, String value, String code,
            String detail, double weight) {
        jdbc.sql("""
                SELECT coalesce(c.id, o.id) AS id, CASE WHEN c.id IS NULL THEN 'organisation' ELSE 'contact' END AS type,
                       coalesce(c.display_name, o.name) AS name
                FROM contact_point p
                LEFT JOIN contact c ON c.id = p.contact_id AND c.merged_into IS NULL
                LEFT JOIN organisation o ON o.id = p.organisation_id AND o.merged_into IS NULL
                WHERE p.workspace_id = ? AND p.kind = ? AND p.%s = ? AND (c.id IS NOT NULL OR o.id IS NOT NULL)
                LIMIT %d""".formatted(column, PER_KEY))
                .params(workspaceId, kind, value)
                .query((rs, n) -> new Hit(rs.getString("type"), rs.getObject("id", UUID.class), rs.getString("name"),
                        new Reason(code, detail), weight))
                .list().forEach(hits::add);
    }

    private void companies(List<Hit> hits, UUID workspaceId, String companyKey) {
        jdbc.sql("""
                SELECT id, name, name_key, similarity(name_key, :key) AS similarity FROM organisation
                WHERE workspace_id = :ws AND merged_into IS NULL AND (name_key = :key OR name_key % :key)
                ORDER BY similarity DESC LIMIT :limit""")
                .param("ws", workspaceId).param("key", companyKey).param("limit", PER_KEY)
                .query((rs, n) -> {
                    double similarity = rs.getDouble("similarity");
                    boolean same = rs.getString("name_key").equals(companyKey);
                    return new Hit("organisation", rs.getObject("id", UUID.class), rs.getString("name"),
                            same ? new Reason("SAME_COMPANY_NAME", "") : new Reason("COMPANY_NAME_SIMILAR",
                                    String.format(java.util.Locale.ROOT, "%.2f", similarity)),
                            same ? SAME_COMPANY_NAME : SAME_COMPANY_NAME * similarity);
                })
                .list().stream().filter(h -> h.weight() >= SAME_COMPANY_NAME * SIMILAR).forEach(hits::add);
    }

    private void surnames(List<Hit> hits, UUID workspaceId, String surnameKey, String firstName) {
        String firstKey = dev.callsheet.contacts.NameKeys.person(firstName);
        jdbc.sql("""
                SELECT id, display_name, first_name FROM contact
                WHERE workspace_id = ? AND surname_key = ? AND merged_into IS NULL LIMIT ?""")
                .params(workspaceId, surnameKey, PER_KEY)
                .query((rs, n) -> {
                    String otherFirst = dev.callsheet.contacts.NameKeys.person(rs.getString("first_name"));
                    boolean sameFirst = !firstKey.isEmpty() && !otherFirst.isEmpty()
                            && JARO_WINKLER.apply(firstKey, otherFirst) >= 0.9;
                    return new Hit("contact", rs.getObject("id", UUID.class), rs.getString("display_name"),
                            sameFirst ? new Reason("SAME_NAME", "") : new Reason("SAME_SURNAME", surnameKey),
                            sameFirst ? SAME_NAME : SAME_SURNAME);
                })
                .list().forEach(hits::add);
    }

    private void similarNames(List<Hit> hits, UUID workspaceId, String nameKey) {
        jdbc.sql("""
                SELECT id, display_name, name_key, similarity(name_key, :key) AS similarity FROM contact
                WHERE workspace_id = :ws AND merged_into IS NULL AND name_key % :key AND name_key <> :key
                ORDER BY similarity DESC LIMIT :limit""")
                .param("ws", workspaceId).param("key", nameKey).param("limit", PER_KEY)
                .query((rs, n) -> new Hit("contact", rs.getObject("id", UUID.class), rs.getString("display_name"),
                        new Reason("NAME_SIMILAR", String.format(java.util.Locale.ROOT, "%.2f", rs.getDouble("similarity"))),
                        SAME_NAME * rs.getDouble("similarity")))
                .list().stream().filter(h -> h.weight() >= SAME_NAME * SIMILAR).forEach(hits::add);
    }

    private static List<DuplicateCandidate> rank(List<Hit> hits, UUID exclude, int limit) {
        Map<UUID, List<Hit>> byCard = new LinkedHashMap<>();
        hits.stream().filter(h -> !h.id().equals(exclude))
                .forEach(h -> byCard.computeIfAbsent(h.id(), id -> new ArrayList<>()).add(h));
        List<DuplicateCandidate> candidates = new ArrayList<>();
        byCard.forEach((id, cardHits) -> {
            // One reason per code: two phones with the same key are not twice the evidence.
            Map<String, Hit> strongest = new LinkedHashMap<>();
            cardHits.forEach(h -> strongest.merge(h.reason().code(), h, (a, b) -> a.weight() >= b.weight() ? a : b));
            // The same full number already says all that its key would.
            if (strongest.containsKey("SAME_PHONE")) {
                strongest.remove("SAME_PHONE_KEY");
            }
            double miss = 1;
            for (Hit hit : strongest.values()) {
                miss *= 1 - hit.weight();
            }
            Hit first = cardHits.get(0);
            candidates.add(new DuplicateCandidate(first.type(), id, first.name(),
                    Math.round((1 - miss) * 1000) / 1000.0,
                    strongest.values().stream().map(Hit::reason).filter(Objects::nonNull).toList()));
        });
        candidates.sort(Comparator.comparingDouble(DuplicateCandidate::score).reversed());
        return candidates.stream().limit(limit).toList();
    }
}

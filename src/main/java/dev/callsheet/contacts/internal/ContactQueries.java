package dev.callsheet.contacts.internal;

import dev.callsheet.contacts.ContactCard;
import dev.callsheet.contacts.ContactPage;
import dev.callsheet.contacts.ContactSearch;
import dev.callsheet.contacts.ContactSummary;
import dev.callsheet.contacts.LeadSource;
import dev.callsheet.contacts.LeadStatus;
import dev.callsheet.contacts.NameKeys;
import dev.callsheet.contacts.NormalizedPhone;
import dev.callsheet.contacts.Phones;
import dev.callsheet.contacts.Websites;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Lead lists: search and filter in one SQL statement per page, each condition backed by an
 * index (trigram for names, btree for phones, e-mails and domains).
 */
@Component
public class ContactQueries {

    private static final Pattern FIELD = Pattern.compile("[\\p{L}\\p{N} _.-]{1,60}");
    private static final Map<String, String> ORDER = Map.of(
            "created", "c.created_at DESC, c.id",
            "oldest", "c.created_at, c.id",
            "name", "lower(c.display_name), c.id",
            "areaCode", "area_code NULLS LAST, c.id",
            "postcode", "c.postcode NULLS LAST, c.id",
            "region", "r.name NULLS LAST, c.id",
            "score", "c.score DESC NULLS LAST, c.id",
            "status", "c.status, c.id");

    private final JdbcClient jdbc;

    ContactQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public ContactPage search(UUID workspaceId, ContactSearch search, String defaultCountry) {
        List<String> where = new ArrayList<>(List.of("c.workspace_id = :ws", "c.merged_into IS NULL"));
        Map<String, Object> params = new java.util.HashMap<>();
        params.put("ws", workspaceId);
        if (search.q() != null && !search.q().isBlank()) {
            where.add(text(search.q().strip(), defaultCountry, params));
        }
        if (search.status() != null) {
            where.add("c.status = :status");
            params.put("status", search.status().name());
        }
        if (search.source() != null) {
            where.add("c.source = :source");
            params.put("source", search.source().name());
        }
        if (search.ownerId() != null) {
            where.add("c.owner_id = :owner");
            params.put("owner", search.ownerId());
        }
        if (search.region() != null && !search.region().isBlank()) {
            where.add("(r.id::text = :region OR lower(r.name) = lower(:region))");
            params.put("region", search.region().strip());
        }
        if (search.postcode() != null && !search.postcode().isBlank()) {
            where.add("c.postcode LIKE :postcode");
            params.put("postcode", search.postcode().strip().replace("%", "") + "%");
        }
        if (search.areaCode() != null && !search.areaCode().isBlank()) {
            // The national number starts with the area code ("91" in Madrid, "495" in Moscow, "2" in Seoul).
            where.add("""
                    EXISTS (SELECT 1 FROM contact_point p WHERE p.workspace_id = :ws AND p.contact_id = c.id
                            AND p.kind = 'PHONE' AND p.national LIKE :area)""");
            params.put("area", search.areaCode().replaceAll("\\D", "").replaceFirst("^0+", "") + "%");
        }
        if (search.minScore() != null) {
            where.add("c.score >= :minScore");
            params.put("minScore", search.minScore());
        }
        if (search.flagged() != null) {
            where.add("c.flagged_duplicate = :flagged");
            params.put("flagged", search.flagged());
        }
        if (search.customField() != null && FIELD.matcher(search.customField()).matches()) {
            where.add(search.customValue() == null || search.customValue().isBlank() ? "jsonb_exists(c.custom, :field)"
                    : "c.custom ->> :field = :fieldValue");
            params.put("field", search.customField());
            params.put("fieldValue", search.customValue() == null ? "" : search.customValue().strip());
        }
        String order = order(search.sort(), params);
        String from = """
                FROM contact c
                LEFT JOIN organisation o ON o.id = c.organisation_id
                LEFT JOIN region r ON r.id = c.region_id
                LEFT JOIN app_user u ON u.id = c.owner_id
                LEFT JOIN LATERAL (SELECT p.raw AS phone, p.national AS area_code
                                   FROM contact_point p WHERE p.contact_id = c.id AND p.kind = 'PHONE'
                                   ORDER BY p.id LIMIT 1) ph ON true
                LEFT JOIN LATERAL (SELECT p.raw AS email FROM contact_point p
                                   WHERE p.contact_id = c.id AND p.kind = 'EMAIL' ORDER BY p.id LIMIT 1) em ON true
                WHERE\s""" + String.join(" AND ", where);
        long total = jdbc.sql("SELECT count(*) " + from).params(params).query(Long.class).single();
        params.put("limit", search.size());
        params.put("offset", (long) search.page() * search.size());
        List<ContactSummary> items = jdbc.sql("""
                SELECT c.id, c.organisation_id, o.name AS organisation, c.display_name, c.status, c.owner_id,
                       u.display_name AS owner_name, c.source, ph.phone, em.email, c.postcode, c.city, r.name AS region,
                       c.score, c.flagged_duplicate, c.created_at
                """ + from + " ORDER BY " + order + " LIMIT :limit OFFSET :offset")
                .params(params)
                .query((rs, n) -> {
                    UUID owner = rs.getObject("owner_id", UUID.class);
                    return new ContactSummary(rs.getObject("id", UUID.class), rs.getObject("organisation_id", UUID.class),
                            rs.getString("organisation"), rs.getString("display_name"),
                            LeadStatus.valueOf(rs.getString("status")),
                            owner == null ? null : new ContactCard.Named(owner, rs.getString("owner_name")),
                            LeadSource.valueOf(rs.getString("source")), rs.getString("phone"), rs.getString("email"),
                            rs.getString("postcode"), rs.getString("city"), rs.getString("region"),
                            rs.getObject("score", Integer.class), rs.getBoolean("flagged_duplicate"),
                            rs.getTimestamp("created_at").toInstant());
                })
                .list();
        return new ContactPage(items, total);
    }

    /** A name, a phone in any format, an e-mail, a domain or a postcode. */
    private static String text(String q, String defaultCountry, Map<String, Object> params) {
        List<String> any = new ArrayList<>();
        String nameKey = NameKeys.person(q);
        if (!nameKey.isEmpty()) {
            any.add("c.name_key LIKE :nameLike");
            any.add("o.name_key LIKE :companyLike");
            params.put("nameLike", "%" + nameKey + "%");
            String companyKey = NameKeys.company(q);
            params.put("companyLike", "%" + (companyKey.isEmpty() ? nameKey : companyKey) + "%");
        }
        String digits = q.replaceAll("\\D", "");
        if (digits.length() >= 6 && digits.length() <= 16) {
            NormalizedPhone phone = Phones.normalize(q, defaultCountry);
            if (phone.e164() != null) {
                any.add("""
                        EXISTS (SELECT 1 FROM contact_point p WHERE p.workspace_id = :ws AND p.contact_id = c.id
                                AND p.kind = 'PHONE' AND (p.value = :e164 OR p.match_key = :phoneKey))""");
                params.put("e164", phone.e164());
                params.put("phoneKey", phone.key());
            }
            // Typed without a country code the number cannot always be parsed; its tail is the phone key.
            List<String> tails = new ArrayList<>();
            for (int n = 6; n <= Math.min(10, digits.length()); n++) {
                tails.add(digits.substring(digits.length() - n));
            }
            any.add("""
                    EXISTS (SELECT 1 FROM contact_point p WHERE p.workspace_id = :ws AND p.contact_id = c.id
                            AND p.kind = 'PHONE' AND p.match_key = ANY(:tails))""");
            params.put("tails", tails.toArray(String[]::new));
        }
        if (q.contains("@")) {
            any.add("""
                    EXISTS (SELECT 1 FROM contact_point p WHERE p.workspace_id = :ws AND p.contact_id = c.id
                            AND p.kind = 'EMAIL' AND p.value = :email)""");
            params.put("email", q.toLowerCase(Locale.ROOT));
        } else if (q.contains(".")) {
            Websites.registrableDomain(q).ifPresent(domain -> {
                any.add("""
                        EXISTS (SELECT 1 FROM contact_point p WHERE p.workspace_id = :ws AND p.contact_id = c.id
                                AND p.kind IN ('EMAIL', 'WEBSITE') AND p.match_key = :domain)""");
                params.put("domain", domain);
            });
        }
        any.add("c.postcode = :postcodeExact");
        params.put("postcodeExact", q);
        return "(" + String.join(" OR ", any) + ")";
    }

    private static String order(String sort, Map<String, Object> params) {
        if (sort != null && sort.startsWith("custom:") && FIELD.matcher(sort.substring(7)).matches()) {
            params.put("sortField", sort.substring(7));
            return "c.custom ->> :sortField NULLS LAST, c.id";
        }
        return ORDER.getOrDefault(sort == null ? "created" : sort, ORDER.get("created"));
    }
}

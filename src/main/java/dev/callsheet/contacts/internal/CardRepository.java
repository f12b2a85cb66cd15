package dev.callsheet.contacts.internal;

import dev.callsheet.contacts.ContactCard;
import dev.callsheet.contacts.ContactCard.Named;
import dev.callsheet.contacts.ContactCard.Point;
import dev.callsheet.contacts.LeadSource;
import dev.callsheet.contacts.LeadStatus;
import dev.callsheet.contacts.NormalizedEmail;
import dev.callsheet.contacts.NormalizedPhone;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

/** Cards, their organisations and contact points, one at a time (bulk work is in the import). */
@Repository
public class CardRepository {

    /** The columns of a contact row, as the service writes them. */
    public record ContactRow(UUID organisationId, String firstName, String surname, String displayName,
            String surnameKey, String nameKey, String jobTitle, String language, String address, String postcode,
            String city, String country, UUID regionId, String lineOfBusiness, LeadStatus status, UUID ownerId,
            LeadSource source, String heardOfUs, Map<String, String> custom, String fingerprint) {
    }

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    CardRepository(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public Optional<UUID> organisationByKey(UUID workspaceId, String nameKey) {
        return jdbc.sql("""
                SELECT id FROM organisation WHERE workspace_id = ? AND name_key = ? AND merged_into IS NULL
                ORDER BY created_at LIMIT 1""")
                .params(workspaceId, nameKey).query(UUID.class).optional();
    }

    public UUID insertOrganisation(UUID workspaceId, String name, String nameKey, String lineOfBusiness,
            String country, UUID regionId) {
        return jdbc.sql("""
                INSERT INTO organisation (workspace_id, name, name_key, line_of_business, country, region_id)
                VALUES (?, ?, ?, ?, ?, ?) RETURNING id""")
                .params(workspaceId, name, nameKey, lineOfBusiness, country, regionId).query(UUID.class).single();
    }

    public Optional<UUID> contactByFingerprint(UUID workspaceId, String fingerprint) {
        return jdbc.sql("SELECT id FROM contact WHERE workspace_id = ? AND fingerprint = ? AND merged_into IS NULL")
                .params(workspaceId, fingerprint).query(UUID.class).optional();
    }

    public UUID insertContact(UUID workspaceId, ContactRow row) {
        return jdbc.sql("""
                INSERT INTO contact (workspace_id, organisation_id, first_name, surname, display_name, surname_key,
                  name_key, job_title, language, address, postcode, city, country, region_id, line_of_business,
                  status, owner_id, source, heard_of_us, custom, fingerprint)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?) RETURNING id""")
                .params(workspaceId, row.organisationId(), row.firstName(), row.surname(), row.displayName(),
                        row.surnameKey(), row.nameKey(), row.jobTitle(), row.language(), row.address(), row.postcode(),
                        row.city(), row.country(), row.regionId(), row.lineOfBusiness(), row.status().name(),
                        row.ownerId(), row.source().name(), row.heardOfUs(), json.writeValueAsString(row.custom()),
                        row.fingerprint())
                .query(UUID.class).single();
    }

    public void updateContact(UUID workspaceId, UUID id, ContactRow row, Instant now) {
        jdbc.sql("""
                UPDATE contact SET organisation_id = ?, first_name = ?, surname = ?, display_name = ?, surname_key = ?,
                  name_key = ?, job_title = ?, language = ?, address = ?, postcode = ?, city = ?, country = ?,
                  region_id = ?, line_of_business = ?, status = ?, owner_id = ?, source = ?, heard_of_us = ?,
                  custom = ?::jsonb, fingerprint = ?, updated_at = ?
                WHERE workspace_id = ? AND id = ?""")
                .params(row.organisationId(), row.firstName(), row.surname(), row.displayName(), row.surnameKey(),
                        row.nameKey(), row.jobTitle(), row.language(), row.address(), row.postcode(), row.city(),
                        row.country(), row.regionId(), row.lineOfBusiness(), row.status().name(), row.ownerId(),
                        row.source().name(), row.heardOfUs(), json.writeValueAsString(row.custom()), row.fingerprint(),
                        Timestamp.from(now), workspaceId, id)
                .update();
    }

    /** After a merge: the name shown and its search keys follow the names the merge chose. */
    public void renameContact(UUID workspaceId, UUID id, String displayName, CardKeys keys) {
        if (displayName == null) {
            return;
        }
        jdbc.sql("UPDATE contact SET display_name = ?, surname_key = ?, name_key = ? WHERE workspace_id = ? AND id = ?")
                .params(displayName, keys.surnameKey(), keys.nameKey(), workspaceId, id).update();
    }

    public void clearDuplicateFlag(UUID workspaceId, UUID id, Instant now) {
        jdbc.sql("UPDATE contact SET flagged_duplicate = false, updated_at = ? WHERE workspace_id = ? AND id = ?")
                .params(Timestamp.from(now), workspaceId, id).update();
    }

    public void replacePoints(UUID workspaceId, UUID contactId, CardKeys keys) {
        List<NormalizedPhone> phones = keys.phones();
        List<NormalizedEmail> emails = keys.emails();
        List<CardKeys.Website> websites = keys.websites();
        jdbc.sql("DELETE FROM contact_point WHERE workspace_id = ? AND contact_id = ?").params(workspaceId, contactId)
                .update();
        String insert = """
                INSERT INTO contact_point (workspace_id, contact_id, kind, raw, value, match_key, national, region,
                  time_zones, valid)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?::text[], ?)""";
        for (NormalizedPhone p : phones) {
            jdbc.sql(insert).params(workspaceId, contactId, "PHONE", p.raw(), p.e164(), p.key(), CardKeys.national(p),
                    p.region(), textArray(p.timeZones()), p.valid()).update();
        }
        for (NormalizedEmail e : emails) {
            jdbc.sql(insert).params(workspaceId, contactId, "EMAIL", e.raw(), e.address(), e.corporateDomain(), null,
                    null, null, e.valid()).update();
        }
        for (CardKeys.Website w : websites) {
            jdbc.sql(insert).params(workspaceId, contactId, "WEBSITE", w.raw(), w.domain(), w.domain(), null, null,
                    null, w.domain() != null).update();
        }
        if (keys.identifier() != null) {
            jdbc.sql(insert).params(workspaceId, contactId, "IDENTIFIER", keys.identifier(), keys.identifier(),
                    keys.identifier(), null, null, null, true).update();
        }
    }

    /** The card with its contact points, in one round trip (a row per point, the card's columns on each). */
    public Optional<ContactCard> card(UUID workspaceId, UUID id) {
        return jdbc.sql("""
                SELECT c.*, o.name AS organisation_name, r.name AS region_name, u.display_name AS owner_name,
                       p.kind AS point_kind, p.raw AS point_raw, p.value AS point_value, p.match_key AS point_match_key,
                       p.region AS point_region, p.time_zones AS point_time_zones, p.valid AS point_valid,
                       f.flag AS point_flag
                FROM contact c
                LEFT JOIN organisation o ON o.id = c.organisation_id
                LEFT JOIN region r ON r.id = c.region_id
                LEFT JOIN app_user u ON u.id = c.owner_id
                LEFT JOIN contact_point p ON p.workspace_id = c.workspace_id AND p.contact_id = c.id
                LEFT JOIN phone_flag f ON p.kind = 'PHONE' AND f.workspace_id = p.workspace_id AND f.phone = p.value
                WHERE c.workspace_id = ? AND c.id = ?
                ORDER BY p.id""")
                .params(workspaceId, id)
                .query(rs -> {
                    ContactCard card = null;
                    List<Map.Entry<String, Point>> points = new ArrayList<>();
                    while (rs.next()) {
                        if (card == null) {
                            card = card(rs, 0);
                        }
                        String kind = rs.getString("point_kind");
                        if (kind != null) {
                            points.add(Map.entry(kind, new Point(rs.getString("point_raw"), rs.getString("point_value"),
                                    rs.getString("point_match_key"), rs.getString("point_region"),
                                    strings(rs.getArray("point_time_zones")), rs.getBoolean("point_valid"),
                                    rs.getString("point_flag"))));
                        }
                    }
                    return Optional.ofNullable(card).map(c -> withPoints(c, points));
                });
    }

    private static ContactCard withPoints(ContactCard card, List<Map.Entry<String, Point>> points) {
        return new ContactCard(card.id(), card.displayName(), card.firstName(), card.surname(), card.organisation(),
                card.jobTitle(), of(points, "PHONE"), of(points, "EMAIL"), of(points, "WEBSITE"), card.address(),
                card.postcode(), card.city(), card.country(), card.region(), card.lineOfBusiness(), card.language(),
                card.status(), card.owner(), card.source(), card.heardOfUs(), card.score(), card.custom(),
                card.flaggedDuplicate(), card.mergedInto(), card.createdAt(), card.updatedAt(),
                of(points, "IDENTIFIER").stream().map(Point::raw).findFirst().orElse(null), card.buyingRole(),
                card.campaignCode());
    }

    private static List<Point> of(List<Map.Entry<String, Point>> points, String kind) {
        return points.stream().filter(e -> e.getKey().equals(kind)).map(Map.Entry::getValue).toList();
    }

    private ContactCard card(ResultSet rs, int row) throws SQLException {
        UUID organisationId = rs.getObject("organisation_id", UUID.class);
        UUID regionId = rs.getObject("region_id", UUID.class);
        UUID ownerId = rs.getObject("owner_id", UUID.class);
        Integer score = rs.getObject("score", Integer.class);
        return new ContactCard(rs.getObject("id", UUID.class), rs.getString("display_name"),
                rs.getString("first_name"), rs.getString("surname"),
                organisationId == null ? null
                        : new ContactCard.Organisation(organisationId, rs.getString("organisation_name")),
                rs.getString("job_title"), List.of(), List.of(), List.of(), rs.getString("address"),
                rs.getString("postcode"), rs.getString("city"), rs.getString("country"),
                regionId == null ? null : new Named(regionId, rs.getString("region_name")),
                rs.getString("line_of_business"), rs.getString("language"), LeadStatus.valueOf(rs.getString("status")),
                ownerId == null ? null : new Named(ownerId, rs.getString("owner_name")),
                LeadSource.valueOf(rs.getString("source")), rs.getString("heard_of_us"), score,
                json.readValue(rs.getString("custom"), new TypeReference<Map<String, Object>>() { }),
                rs.getBoolean("flagged_duplicate"), rs.getObject("merged_into", UUID.class),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant(), null,
                rs.getString("buying_role"), rs.getString("campaign_code"));
    }

    public boolean setBuyingRole(UUID workspaceId, UUID contactId, String role, Instant at) {
        return jdbc.sql("""
                UPDATE contact SET buying_role = ?, updated_at = ?
                WHERE workspace_id = ? AND id = ? AND merged_into IS NULL""")
                .params(role, Timestamp.from(at), workspaceId, contactId).update() == 1;
    }

    /** Ties the lead to a campaign; a card that has a code keeps its first one unless {@code replace}. */
    public boolean setCampaignCode(UUID workspaceId, UUID contactId, String code, boolean replace, Instant at) {
        return jdbc.sql("""
                UPDATE contact SET campaign_code = ?, updated_at = ?
                WHERE workspace_id = ? AND id = ? AND merged_into IS NULL AND (? OR campaign_code IS NULL)""")
                .params(code, Timestamp.from(at), workspaceId, contactId, replace).update() == 1;
    }

    public int setCampaignCodes(UUID workspaceId, java.util.Collection<UUID> contactIds, String code, Instant at) {
        return jdbc.sql("""
                UPDATE contact SET campaign_code = ?, updated_at = ?
                WHERE workspace_id = ? AND id = ANY(?) AND merged_into IS NULL AND campaign_code IS NULL""")
                .params(code, Timestamp.from(at), workspaceId, contactIds.toArray(UUID[]::new)).update();
    }

    static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }

    static String textArray(List<String> values) {
        if (values == null || values.isEmpty()) {
            return null;
        }
        StringBuilder literal = new StringBuilder("{");
        for (int i = 0; i < values.size(); i++) {
            literal.append(i == 0 ? "" : ",").append('"').append(values.get(i).replace("\"", "")).append('"');
        }
        return literal.append('}').toString();
    }
}

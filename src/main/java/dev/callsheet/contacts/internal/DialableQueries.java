package dev.callsheet.contacts.internal;

import dev.callsheet.contacts.Dialable;
import dev.callsheet.contacts.LeadHeadline;
import dev.callsheet.contacts.LeadSource;
import dev.callsheet.contacts.LeadStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

/** Cards as call queues see them, dead numbers, and lead status changes made by the dialler. */
@Repository
public class DialableQueries {

    /** The card with its first callable phone: readable, and not flagged dead in this workspace. */
    private static final String DIALABLE = """
            SELECT c.id, c.display_name, c.status, c.source, c.campaign_code, c.postcode, r.name AS region_name, c.score, c.custom::text AS custom,
                   c.created_at, coalesce(p.region, c.country) AS country, p.value AS phone, p.time_zones, p.national
            FROM contact c
            LEFT JOIN region r ON r.id = c.region_id
            LEFT JOIN LATERAL (
              SELECT cp.value, cp.region, cp.time_zones, cp.national FROM contact_point cp
              WHERE cp.workspace_id = c.workspace_id AND cp.contact_id = c.id AND cp.kind = 'PHONE' AND cp.valid
                AND cp.value IS NOT NULL
                AND NOT EXISTS (SELECT 1 FROM phone_flag f WHERE f.workspace_id = cp.workspace_id AND f.phone = cp.value)
              ORDER BY cp.id LIMIT 1) p ON true
            WHERE c.workspace_id = :ws AND c.merged_into IS NULL
            """;

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    DialableQueries(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public List<Dialable> byIds(UUID workspaceId, Collection<UUID> ids) {
        return jdbc.sql(DIALABLE + " AND c.id = ANY(:ids) ORDER BY c.id")
                .param("ws", workspaceId).param("ids", ids.toArray(UUID[]::new))
                .query(this::dialable).list();
    }

    /** One page of the cards an import created, in id order after {@code after}. */
    public List<Dialable> ofImport(UUID workspaceId, UUID importId, UUID after, int limit) {
        return jdbc.sql(DIALABLE + " AND c.import_id = :import AND c.id > :after ORDER BY c.id LIMIT :limit")
                .param("ws", workspaceId).param("import", importId)
                .param("after", after == null ? new UUID(0, 0) : after)
                .param("limit", limit)
                .query(this::dialable).list();
    }

    public Optional<Dialable> byId(UUID workspaceId, UUID id) {
        return byIds(workspaceId, List.of(id)).stream().findFirst();
    }

    /** The live card's name and status alone: no phone, region or custom fields to look up. */
    public Optional<LeadHeadline> headline(UUID workspaceId, UUID id) {
        return jdbc.sql("""
                SELECT display_name, status FROM contact WHERE workspace_id = ? AND id = ? AND merged_into IS NULL""")
                .params(workspaceId, id)
                .query((rs, row) -> new LeadHeadline(id, rs.getString("display_name"),
                        LeadStatus.valueOf(rs.getString("status"))))
                .optional();
    }

    /** Live cards carrying one of these E.164 numbers among their phones. */
    public List<UUID> withPhones(UUID workspaceId, Collection<String> e164s) {
        return jdbc.sql("""
                SELECT DISTINCT cp.contact_id FROM contact_point cp JOIN contact c ON c.id = cp.contact_id
                WHERE cp.workspace_id = ? AND cp.kind = 'PHONE' AND cp.value = ANY(?) AND c.merged_into IS NULL""")
                .params(workspaceId, e164s.toArray(String[]::new)).query(UUID.class).list();
    }

    public boolean flagPhone(UUID workspaceId, String e164, String flag, UUID actorId, Instant at) {
        return jdbc.sql("""
                INSERT INTO phone_flag (workspace_id, phone, flag, flagged_at, flagged_by) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (workspace_id, phone) DO NOTHING""")
                .params(workspaceId, e164, flag, Timestamp.from(at), actorId).update() == 1;
    }

    /** Sets the status and returns the one it replaces, or empty when there is no such live card. */
    public Optional<LeadStatus> setStatus(UUID workspaceId, UUID contactId, LeadStatus status, Instant at) {
        return jdbc.sql("""
                UPDATE contact c SET status = :status, updated_at = :at
                FROM contact old WHERE old.id = c.id AND c.workspace_id = :ws AND c.id = :id AND c.merged_into IS NULL
                RETURNING old.status""")
                .param("status", status.name()).param("at", Timestamp.from(at)).param("ws", workspaceId)
                .param("id", contactId)
                .query(String.class).optional().map(LeadStatus::valueOf);
    }

    public boolean claimOwner(UUID workspaceId, UUID contactId, UUID ownerId, Instant at) {
        return jdbc.sql("""
                UPDATE contact SET owner_id = ?, updated_at = ?
                WHERE workspace_id = ? AND id = ? AND owner_id IS NULL AND merged_into IS NULL""")
                .params(ownerId, Timestamp.from(at), workspaceId, contactId).update() == 1;
    }

    /** Sets the owner; false when the card is not there or had that owner already. */
    public boolean setOwner(UUID workspaceId, UUID contactId, UUID ownerId, Instant at) {
        return jdbc.sql("""
                UPDATE contact SET owner_id = ?, updated_at = ?
                WHERE workspace_id = ? AND id = ? AND owner_id IS DISTINCT FROM ? AND merged_into IS NULL""")
                .params(ownerId, Timestamp.from(at), workspaceId, contactId, ownerId).update() == 1;
    }

    private Dialable dialable(ResultSet rs, int row) throws SQLException {
        return new Dialable(rs.getObject("id", UUID.class), rs.getString("display_name"),
                LeadStatus.valueOf(rs.getString("status")), rs.getString("phone"), rs.getString("country"),
                CardRepository.strings(rs.getArray("time_zones")), rs.getString("national"), rs.getString("postcode"),
                rs.getString("region_name"), rs.getObject("score", Integer.class),
                json.readValue(rs.getString("custom"), new TypeReference<Map<String, Object>>() { }),
                rs.getTimestamp("created_at").toInstant(), LeadSource.valueOf(rs.getString("source")),
                rs.getString("campaign_code"));
    }
}

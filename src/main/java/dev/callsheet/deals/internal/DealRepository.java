package dev.callsheet.deals.internal;

import dev.callsheet.deals.Deal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

/** The {@code deal} table. */
@Repository
public class DealRepository {

    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() { };

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    DealRepository(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Opens the deal of a booking once: a redelivered event finds it there. */
    public boolean openFromBooking(UUID workspaceId, UUID contactId, UUID ownerId, UUID agentId, UUID projectId,
            UUID appointmentId, String qualification, Instant at) {
        return jdbc.sql("""
                INSERT INTO deal (workspace_id, contact_id, organisation_id, owner_id, credited_agent_id, project_id,
                  appointment_id, source, qualification, opened_at)
                SELECT ?, c.id, c.organisation_id, ?, ?, ?, ?, 'APPOINTMENT', ?::jsonb, ?
                FROM contact c WHERE c.workspace_id = ? AND c.id = ?
                ON CONFLICT (appointment_id) DO NOTHING""")
                .params(workspaceId, ownerId, agentId, projectId, appointmentId, qualification, Timestamp.from(at),
                        workspaceId, contactId)
                .update() == 1;
    }

    public UUID open(UUID workspaceId, UUID contactId, UUID ownerId, String source, Instant at) {
        return jdbc.sql("""
                INSERT INTO deal (workspace_id, contact_id, organisation_id, owner_id, source, opened_at)
                SELECT ?, c.id, c.organisation_id, ?, ?, ? FROM contact c WHERE c.workspace_id = ? AND c.id = ?
                RETURNING id""")
                .params(workspaceId, ownerId, source, Timestamp.from(at), workspaceId, contactId)
                .query(UUID.class).single();
    }

    public List<Deal> ofContact(UUID workspaceId, UUID contactId) {
        return jdbc.sql("""
                SELECT d.*, o.username AS owner_username, o.display_name AS owner_name,
                  a.username AS agent_username, a.display_name AS agent_name
                FROM deal d JOIN app_user o ON o.id = d.owner_id LEFT JOIN app_user a ON a.id = d.credited_agent_id
                WHERE d.workspace_id = ? AND d.contact_id = ? ORDER BY d.opened_at DESC, d.id""")
                .params(workspaceId, contactId).query(this::deal).list();
    }

    private Deal deal(ResultSet rs, int row) throws SQLException {
        UUID agent = rs.getObject("credited_agent_id", UUID.class);
        String qualification = rs.getString("qualification");
        return new Deal(rs.getObject("id", UUID.class), rs.getObject("contact_id", UUID.class),
                new Deal.Person(rs.getObject("owner_id", UUID.class), rs.getString("owner_username"),
                        rs.getString("owner_name")),
                agent == null ? null : new Deal.Person(agent, rs.getString("agent_username"), rs.getString("agent_name")),
                rs.getObject("project_id", UUID.class), rs.getObject("appointment_id", UUID.class),
                rs.getString("source"), null, rs.getString("status"),
                qualification == null ? null : json.readValue(qualification, OBJECT),
                rs.getTimestamp("opened_at").toInstant());
    }
}

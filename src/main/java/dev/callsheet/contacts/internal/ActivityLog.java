package dev.callsheet.contacts.internal;

import dev.callsheet.contacts.Activity;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

/** The timeline of each card. */
@Component
public class ActivityLog {

    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final Clock clock;

    ActivityLog(JdbcClient jdbc, ObjectMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    public void record(UUID workspaceId, UUID contactId, UUID organisationId, String kind, UUID actorId,
            Map<String, ?> details) {
        record(workspaceId, contactId, organisationId, kind, actorId, details, clock.instant());
    }

    /** A line for something that happened at {@code at} (a call from a call history, say). */
    public void record(UUID workspaceId, UUID contactId, UUID organisationId, String kind, UUID actorId,
            Map<String, ?> details, java.time.Instant at) {
        jdbc.sql("""
                INSERT INTO contact_activity (workspace_id, contact_id, organisation_id, kind, at, actor_id, details)
                VALUES (?, ?, ?, ?, ?, ?, ?::jsonb)""")
                .params(workspaceId, contactId, organisationId, kind, Timestamp.from(at), actorId,
                        json.writeValueAsString(details))
                .update();
    }

    /** Whether this person did anything on the card (a call, an edit, a note…) at or after the instant. */
    public boolean touchedBy(UUID workspaceId, UUID contactId, UUID actorId, java.time.Instant since) {
        return jdbc.sql("""
                SELECT EXISTS (SELECT 1 FROM contact_activity WHERE workspace_id = ? AND contact_id = ? AND actor_id = ?
                  AND at >= ?)""")
                .params(workspaceId, contactId, actorId, java.sql.Timestamp.from(since)).query(Boolean.class).single();
    }

    public List<Activity> of(UUID workspaceId, UUID contactId) {
        return jdbc.sql("""
                SELECT a.kind, a.at, coalesce(u.display_name, '') AS actor, a.details::text AS details
                FROM contact_activity a LEFT JOIN app_user u ON u.id = a.actor_id
                WHERE a.workspace_id = ? AND a.contact_id = ? ORDER BY a.at DESC, a.id DESC LIMIT 200""")
                .params(workspaceId, contactId)
                .query((rs, n) -> new Activity(rs.getString("kind"), rs.getTimestamp("at").toInstant(),
                        rs.getString("actor"), json.readValue(rs.getString("details"),
                                new TypeReference<Map<String, Object>>() { })))
                .list();
    }
}

package dev.callsheet.dialing.internal;

import dev.callsheet.dialing.Floor.AgentState;
import dev.callsheet.dialing.Floor.State;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The agent_presence table: one row per agent and workspace, moved by the console's events. */
@Repository
public class PresenceRepository {

    private final JdbcClient jdbc;

    PresenceRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<AgentState> all(UUID workspaceId) {
        return jdbc.sql("""
                SELECT user_id, state, project_id, attempt_id, since, seen_at FROM agent_presence
                WHERE workspace_id = ? ORDER BY user_id""")
                .params(workspaceId)
                .query((rs, row) -> new AgentState(rs.getObject("user_id", UUID.class), State.valueOf(rs.getString("state")),
                        rs.getObject("project_id", UUID.class), rs.getObject("attempt_id", UUID.class),
                        rs.getTimestamp("since").toInstant(), rs.getTimestamp("seen_at").toInstant()))
                .list();
    }

    public Optional<State> state(UUID workspaceId, UUID userId) {
        return jdbc.sql("SELECT state FROM agent_presence WHERE workspace_id = ? AND user_id = ?")
                .params(workspaceId, userId).query(String.class).optional().map(State::valueOf);
    }

    /** Moves the agent to {@code state}; "since" changes only when the state (or the call) does. */
    public void set(UUID workspaceId, UUID userId, State state, UUID projectId, UUID attemptId, Instant at) {
        jdbc.sql("""
                INSERT INTO agent_presence (workspace_id, user_id, state, project_id, attempt_id, since, seen_at)
                VALUES (:ws, :user, :state, :project, :attempt, :at, :at)
                ON CONFLICT (workspace_id, user_id) DO UPDATE SET
                  since = CASE WHEN agent_presence.state = EXCLUDED.state
                                AND agent_presence.attempt_id IS NOT DISTINCT FROM EXCLUDED.attempt_id
                               THEN agent_presence.since ELSE EXCLUDED.since END,
                  state = EXCLUDED.state, project_id = coalesce(EXCLUDED.project_id, agent_presence.project_id),
                  attempt_id = EXCLUDED.attempt_id, seen_at = greatest(agent_presence.seen_at, EXCLUDED.seen_at)""")
                .param("ws", workspaceId).param("user", userId).param("state", state.name())
                .param("project", projectId).param("attempt", attemptId).param("at", Timestamp.from(at))
                .update();
    }

    /** A heartbeat: the console is open. An agent not yet on the floor arrives waiting. */
    public void seen(UUID workspaceId, UUID userId, Instant at) {
        jdbc.sql("""
                INSERT INTO agent_presence (workspace_id, user_id, state, since, seen_at) VALUES (?, ?, 'WAITING', ?, ?)
                ON CONFLICT (workspace_id, user_id) DO UPDATE SET
                  seen_at = greatest(agent_presence.seen_at, EXCLUDED.seen_at)""")
                .params(workspaceId, userId, Timestamp.from(at), Timestamp.from(at)).update();
    }
}

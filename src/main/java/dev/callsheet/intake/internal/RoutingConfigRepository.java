package dev.callsheet.intake.internal;

import dev.callsheet.intake.RoutingRule;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

/** {@code routing_config}: the ordered rules and the fallback owner of a workspace. */
@Repository
public class RoutingConfigRepository {

    private static final TypeReference<List<RoutingRule>> RULES = new TypeReference<>() { };

    /** The rules as stored. */
    public record Config(List<RoutingRule> rules, UUID fallbackUserId) {
    }

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    RoutingConfigRepository(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public Config config(UUID workspaceId) {
        return jdbc.sql("SELECT rules, fallback_user_id FROM routing_config WHERE workspace_id = ?").param(workspaceId)
                .query((rs, n) -> new Config(json.readValue(rs.getString("rules"), RULES),
                        rs.getObject("fallback_user_id", UUID.class)))
                .optional().orElse(new Config(List.of(), null));
    }

    public void save(UUID workspaceId, Config config, Instant now) {
        jdbc.sql("""
                INSERT INTO routing_config (workspace_id, rules, fallback_user_id, updated_at) VALUES (?, ?::jsonb, ?, ?)
                ON CONFLICT (workspace_id) DO UPDATE SET rules = EXCLUDED.rules,
                  fallback_user_id = EXCLUDED.fallback_user_id, updated_at = EXCLUDED.updated_at""")
                .params(workspaceId, json.writeValueAsString(config.rules()), config.fallbackUserId(),
                        Timestamp.from(now))
                .update();
    }

    /** Assignments per person this month, for a team's round robin. */
    public Map<UUID, Long> assignmentsSince(UUID workspaceId, Instant since) {
        Map<UUID, Long> counts = new java.util.HashMap<>();
        jdbc.sql("""
                SELECT assignee_id, count(*) AS n FROM assignment WHERE workspace_id = ? AND created_at >= ?
                  AND assignee_id IS NOT NULL GROUP BY assignee_id""")
                .params(workspaceId, Timestamp.from(since))
                .query((java.sql.ResultSet rs) -> {
                    counts.put(rs.getObject("assignee_id", UUID.class), rs.getLong("n"));
                });
        return counts;
    }
}

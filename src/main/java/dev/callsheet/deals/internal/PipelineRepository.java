package dev.callsheet.deals.internal;

import dev.callsheet.deals.Pipeline;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

/** {@code deal_pipeline} and {@code deal_settings}. */
@Repository
public class PipelineRepository {

    private static final TypeReference<List<Pipeline.Stage>> STAGES = new TypeReference<>() { };
    private static final TypeReference<List<String>> CODES = new TypeReference<>() { };

    /** A workspace's deal settings as stored. */
    public record Settings(List<String> dqReasons, UUID accountManagerId) {
    }

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    PipelineRepository(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** The workspace's default pipeline, made with the built-in stages the first time anyone needs one. */
    public Pipeline defaultPipeline(UUID workspaceId, String name, Instant now) {
        Optional<Pipeline> existing = find(workspaceId, "is_default", null);
        if (existing.isPresent()) {
            return existing.get();
        }
        jdbc.sql("""
                INSERT INTO deal_pipeline (workspace_id, name, stages, is_default, updated_at)
                VALUES (?, ?, ?::jsonb, true, ?) ON CONFLICT DO NOTHING""")
                .params(workspaceId, name, json.writeValueAsString(Pipeline.defaultStages()), Timestamp.from(now))
                .update();
        return find(workspaceId, "is_default", null).orElseThrow();
    }

    public Optional<Pipeline> pipeline(UUID workspaceId, UUID id) {
        return find(workspaceId, "id = ?", id);
    }

    public List<Pipeline> pipelines(UUID workspaceId) {
        return jdbc.sql("SELECT * FROM deal_pipeline WHERE workspace_id = ? ORDER BY is_default DESC, name")
                .param(workspaceId).query(this::pipeline).list();
    }

    public UUID create(UUID workspaceId, Pipeline draft, Instant now) {
        return jdbc.sql("""
                INSERT INTO deal_pipeline (workspace_id, name, stages, gone_dark_days, stalled_factor, min_closed_deals,
                  is_default, updated_at)
                VALUES (?, ?, ?::jsonb, ?, ?, ?, false, ?) RETURNING id""")
                .params(workspaceId, draft.name(), json.writeValueAsString(draft.stages()), draft.goneDarkDays(),
                        draft.stalledFactor(), draft.minClosedDeals(), Timestamp.from(now))
                .query(UUID.class).single();
    }

    public boolean update(UUID workspaceId, Pipeline pipeline, Instant now) {
        return jdbc.sql("""
                UPDATE deal_pipeline SET name = ?, stages = ?::jsonb, gone_dark_days = ?, stalled_factor = ?,
                  min_closed_deals = ?, updated_at = ?
                WHERE workspace_id = ? AND id = ?""")
                .params(pipeline.name(), json.writeValueAsString(pipeline.stages()), pipeline.goneDarkDays(),
                        pipeline.stalledFactor(), pipeline.minClosedDeals(), Timestamp.from(now), workspaceId,
                        pipeline.id())
                .update() == 1;
    }

    public boolean nameTaken(UUID workspaceId, String name, UUID except) {
        return jdbc.sql("SELECT count(*) FROM deal_pipeline WHERE workspace_id = ? AND lower(name) = lower(?) AND id <> ?")
                .params(workspaceId, name, except == null ? new UUID(0, 0) : except).query(Long.class).single() > 0;
    }

    /** Stage codes some deal of the pipeline is in or has passed through, which a new stage list must keep. */
    public List<String> stagesInUse(UUID workspaceId, UUID pipelineId) {
        return jdbc.sql("""
                SELECT DISTINCT stage FROM deal WHERE workspace_id = ? AND pipeline_id = ? AND status = 'OPEN'
                  AND stage IS NOT NULL ORDER BY 1""")
                .params(workspaceId, pipelineId).query(String.class).list();
    }

    public Settings settings(UUID workspaceId, List<String> defaultReasons) {
        return jdbc.sql("SELECT dq_reasons, account_manager_id FROM deal_settings WHERE workspace_id = ?")
                .param(workspaceId)
                .query((rs, n) -> new Settings(json.readValue(rs.getString("dq_reasons"), CODES),
                        rs.getObject("account_manager_id", UUID.class)))
                .optional().orElse(new Settings(defaultReasons, null));
    }

    public void saveSettings(UUID workspaceId, Settings settings, Instant now) {
        jdbc.sql("""
                INSERT INTO deal_settings (workspace_id, dq_reasons, account_manager_id, updated_at)
                VALUES (?, ?::jsonb, ?, ?)
                ON CONFLICT (workspace_id) DO UPDATE SET dq_reasons = EXCLUDED.dq_reasons,
                  account_manager_id = EXCLUDED.account_manager_id, updated_at = EXCLUDED.updated_at""")
                .params(workspaceId, json.writeValueAsString(settings.dqReasons()), settings.accountManagerId(),
                        Timestamp.from(now))
                .update();
    }

    private Optional<Pipeline> find(UUID workspaceId, String condition, UUID id) {
        String sql = "SELECT * FROM deal_pipeline WHERE workspace_id = :ws AND "
                + (id == null ? condition : "id = :id");
        JdbcClient.StatementSpec spec = jdbc.sql(sql).param("ws", workspaceId);
        if (id != null) {
            spec = spec.param("id", id);
        }
        return spec.query(this::pipeline).optional();
    }

    private Pipeline pipeline(ResultSet rs, int row) throws SQLException {
        return new Pipeline(rs.getObject("id", UUID.class), rs.getString("name"),
                json.readValue(rs.getString("stages"), STAGES), rs.getInt("gone_dark_days"),
                Decimals.plain(rs.getBigDecimal("stalled_factor")), rs.getInt("min_closed_deals"),
                rs.getBoolean("is_default"));
    }

}

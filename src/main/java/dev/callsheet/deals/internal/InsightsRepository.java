package dev.callsheet.deals.internal;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

/** The history the evidence, the flags, the win model, the DQ review and the cost calculator read. */
@Repository
public class InsightsRepository {

    private static final TypeReference<Map<String, String>> STRINGS = new TypeReference<>() { };

    /** A closed deal's exit from a stage as the model learns from it. */
    public record TrainingRow(String stage, List<String> known, double daysInStage, int touches, int twoWay,
            String source, BigDecimal amount, Map<String, String> features, boolean won, Instant closedAt) {
    }

    /** A disqualified deal for the supervisor's review. */
    public record Disqualified(UUID id, String title, String contactName, UUID ownerId, String ownerName,
            String reason, String note, String stage, Instant closedAt, double daysOpen) {
    }

    /** A rep's closed and open deals, for what bad deals cost them. */
    public record RepHistory(UUID ownerId, String ownerName, int open, int lost, int disqualified, Double medianLostDays,
            Double medianDisqualifiedDays, Double medianWonDays) {
    }

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    InsightsRepository(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public int closedDeals(UUID workspaceId, UUID pipelineId) {
        return jdbc.sql("""
                SELECT count(*) FROM deal WHERE workspace_id = ? AND pipeline_id = ?
                  AND status IN ('WON', 'LOST', 'DISQUALIFIED')""")
                .params(workspaceId, pipelineId).query(Integer.class).single();
    }

    /** The last exit of each closed deal from each stage it left, for the evidence table. */
    public List<EvidenceTable.Exit> exits(UUID workspaceId, UUID pipelineId) {
        return jdbc.sql("""
                SELECT DISTINCT ON (h.deal_id, h.from_stage) h.from_stage, h.known, d.status = 'WON' AS won,
                  extract(epoch FROM d.closed_at - h.at) / 86400 AS days_to_close
                FROM deal_stage_change h JOIN deal d ON d.workspace_id = h.workspace_id AND d.id = h.deal_id
                WHERE d.workspace_id = ? AND d.pipeline_id = ? AND d.status IN ('WON', 'LOST', 'DISQUALIFIED')
                  AND h.from_stage IS NOT NULL
                ORDER BY h.deal_id, h.from_stage, h.id DESC""")
                .params(workspaceId, pipelineId)
                .query((rs, n) -> new EvidenceTable.Exit(rs.getString("from_stage"),
                        new HashSet<>(DealRepository.strings(rs.getArray("known"))), rs.getBoolean("won"),
                        Math.max(0, rs.getDouble("days_to_close"))))
                .list();
    }

    /** Every exit of every closed deal of the pipeline, as the win model learns from them. */
    public List<TrainingRow> training(UUID workspaceId, UUID pipelineId) {
        return jdbc.sql("""
                SELECT h.from_stage, h.known, coalesce(h.days_in_stage, 0) AS days_in_stage, h.touches, h.two_way,
                  d.source, d.amount, d.features, d.status = 'WON' AS won, d.closed_at
                FROM deal_stage_change h JOIN deal d ON d.workspace_id = h.workspace_id AND d.id = h.deal_id
                WHERE d.workspace_id = ? AND d.pipeline_id = ? AND d.status IN ('WON', 'LOST', 'DISQUALIFIED')
                  AND h.from_stage IS NOT NULL
                ORDER BY d.closed_at, h.id""")
                .params(workspaceId, pipelineId)
                .query((rs, n) -> new TrainingRow(rs.getString("from_stage"), DealRepository.strings(rs.getArray("known")),
                        rs.getDouble("days_in_stage"), rs.getInt("touches"), rs.getInt("two_way"),
                        rs.getString("source"), rs.getBigDecimal("amount"),
                        json.readValue(rs.getString("features"), STRINGS), rs.getBoolean("won"),
                        rs.getTimestamp("closed_at").toInstant()))
                .list();
    }

    /** The median days won deals spent in each stage they left, for the stalled flag. */
    public Map<String, Double> wonMedianDays(UUID workspaceId, UUID pipelineId, int atLeast) {
        Map<String, Double> medians = new HashMap<>();
        jdbc.sql("""
                SELECT h.from_stage, percentile_cont(0.5) WITHIN GROUP (ORDER BY h.days_in_stage) AS median, count(*) AS n
                FROM deal_stage_change h JOIN deal d ON d.workspace_id = h.workspace_id AND d.id = h.deal_id
                WHERE d.workspace_id = ? AND d.pipeline_id = ? AND d.status = 'WON' AND h.from_stage IS NOT NULL
                  AND h.days_in_stage IS NOT NULL
                GROUP BY h.from_stage""")
                .params(workspaceId, pipelineId)
                .query((java.sql.ResultSet rs) -> {
                    if (rs.getInt("n") >= atLeast) {
                        medians.put(rs.getString("from_stage"), rs.getDouble("median"));
                    }
                });
        return medians;
    }

    public Optional<String> model(UUID workspaceId, UUID pipelineId) {
        return jdbc.sql("SELECT model::text FROM deal_model WHERE workspace_id = ? AND pipeline_id = ? AND model IS NOT NULL")
                .params(workspaceId, pipelineId).query(String.class).optional();
    }

    public Optional<Instant> trainedAt(UUID workspaceId, UUID pipelineId) {
        return jdbc.sql("SELECT trained_at FROM deal_model WHERE workspace_id = ? AND pipeline_id = ?")
                .params(workspaceId, pipelineId).query(Timestamp.class).optional().map(Timestamp::toInstant);
    }

    public void saveModel(UUID workspaceId, UUID pipelineId, int closedDeals, String model, Instant at) {
        jdbc.sql("""
                INSERT INTO deal_model (pipeline_id, workspace_id, closed_deals, model, trained_at)
                VALUES (?, ?, ?, ?::jsonb, ?)
                ON CONFLICT (pipeline_id) DO UPDATE SET closed_deals = EXCLUDED.closed_deals, model = EXCLUDED.model,
                  trained_at = EXCLUDED.trained_at""")
                .params(pipelineId, workspaceId, closedDeals, model, Timestamp.from(at)).update();
    }

    /** Every pipeline that has closed deals, for the nightly refit. */
    public List<UUID[]> pipelinesWithClosedDeals() {
        return jdbc.sql("""
                SELECT DISTINCT workspace_id, pipeline_id FROM deal
                WHERE pipeline_id IS NOT NULL AND status IN ('WON', 'LOST', 'DISQUALIFIED')""")
                .query((rs, n) -> new UUID[] {rs.getObject(1, UUID.class), rs.getObject(2, UUID.class)}).list();
    }

    public List<Disqualified> disqualified(UUID workspaceId, Instant from, Instant to) {
        return jdbc.sql("""
                SELECT d.id, d.title, c.display_name AS contact_name, d.owner_id, o.display_name AS owner_name,
                  d.close_reason, d.close_note, d.stage, d.closed_at,
                  extract(epoch FROM d.closed_at - d.opened_at) / 86400 AS days_open
                FROM deal d JOIN app_user o ON o.id = d.owner_id
                  LEFT JOIN contact c ON c.workspace_id = d.workspace_id AND c.id = d.contact_id
                WHERE d.workspace_id = ? AND d.status = 'DISQUALIFIED' AND d.closed_at >= ? AND d.closed_at < ?
                ORDER BY d.closed_at DESC""")
                .params(workspaceId, Timestamp.from(from), Timestamp.from(to))
                .query((rs, n) -> new Disqualified(rs.getObject("id", UUID.class), rs.getString("title"),
                        rs.getString("contact_name"), rs.getObject("owner_id", UUID.class), rs.getString("owner_name"),
                        rs.getString("close_reason"), rs.getString("close_note"), rs.getString("stage"),
                        rs.getTimestamp("closed_at").toInstant(), rs.getDouble("days_open")))
                .list();
    }

    /** Each rep's open deals now and how long closed ones stayed open, over deals closed since {@code since}. */
    public List<RepHistory> repHistory(UUID workspaceId, UUID ownerId, Instant since) {
        return jdbc.sql("""
                SELECT d.owner_id, o.display_name,
                  count(*) FILTER (WHERE d.status = 'OPEN') AS open,
                  count(*) FILTER (WHERE d.status = 'LOST' AND d.closed_at >= :since) AS lost,
                  count(*) FILTER (WHERE d.status = 'DISQUALIFIED' AND d.closed_at >= :since) AS dq,
                  percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM d.closed_at - d.opened_at) / 86400)
                    FILTER (WHERE d.status = 'LOST' AND d.closed_at >= :since) AS lost_days,
                  percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM d.closed_at - d.opened_at) / 86400)
                    FILTER (WHERE d.status = 'DISQUALIFIED' AND d.closed_at >= :since) AS dq_days,
                  percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM d.closed_at - d.opened_at) / 86400)
                    FILTER (WHERE d.status = 'WON' AND d.closed_at >= :since) AS won_days
                FROM deal d JOIN app_user o ON o.id = d.owner_id
                WHERE d.workspace_id = :ws
                  AND (CAST(:owner AS uuid) IS NULL OR d.owner_id = :owner)
                GROUP BY d.owner_id, o.display_name ORDER BY o.display_name""")
                .param("ws", workspaceId).param("owner", ownerId).param("since", Timestamp.from(since))
                .query((rs, n) -> new RepHistory(rs.getObject("owner_id", UUID.class), rs.getString("display_name"),
                        rs.getInt("open"), rs.getInt("lost"), rs.getInt("dq"), (Double) rs.getObject("lost_days"),
                        (Double) rs.getObject("dq_days"), (Double) rs.getObject("won_days")))
                .list();
    }

    /** Deals of a pipeline grouped by source, setter or closer: how many, won, lost, and what the wins brought. */
    public List<dev.callsheet.deals.DealFigures.Row> figures(UUID workspaceId, UUID pipelineId, String by) {
        String key = switch (by) {
            // a name the import matched to a member shows as that member, like the deals opened here
            case "setter" -> "CASE WHEN agent.id IS NOT NULL THEN agent.display_name ELSE d.features->>'setter' END";
            case "closer" -> "CASE WHEN d.features->>'owner' IS NULL OR lower(d.features->>'owner') IN "
                    + "(lower(owner.username), lower(owner.display_name)) THEN owner.display_name "
                    + "ELSE d.features->>'owner' END";
            default -> "d.source";
        };
        return jdbc.sql("""
                SELECT coalesce(%s, '') AS key, count(*) AS deals,
                  count(*) FILTER (WHERE d.status = 'WON') AS won,
                  count(*) FILTER (WHERE d.status IN ('LOST', 'DISQUALIFIED')) AS lost,
                  coalesce(sum(CASE WHEN d.features->>'revenue' ~ '^-?[0-9]+(\\.[0-9]+)?$'
                                    THEN (d.features->>'revenue')::numeric ELSE d.amount END)
                           FILTER (WHERE d.status = 'WON'), 0) AS revenue
                FROM deal d
                LEFT JOIN app_user owner ON owner.id = d.owner_id
                LEFT JOIN app_user agent ON agent.id = d.credited_agent_id
                WHERE d.workspace_id = ? AND d.pipeline_id = ? AND d.status <> 'CANCELLED'
                GROUP BY 1 ORDER BY won DESC, deals DESC, key""".formatted(key))
                .params(workspaceId, pipelineId)
                .query((rs, row) -> new dev.callsheet.deals.DealFigures.Row(rs.getString("key"), rs.getLong("deals"),
                        rs.getLong("won"), rs.getLong("lost"), rs.getBigDecimal("revenue")))
                .list();
    }
}

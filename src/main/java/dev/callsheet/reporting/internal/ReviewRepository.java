package dev.callsheet.reporting.internal;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Stored review reports: one per project and period. */
@Repository
public class ReviewRepository {

    /** A stored review; {@code figures} is the JSON of what it showed. */
    public record Stored(UUID id, UUID workspaceId, UUID projectId, String cadence, Instant periodStart, Instant periodEnd,
            String figures, List<String> recipients, Instant generatedAt, String decisions, UUID decidedBy,
            Instant decidedAt) {
    }

    private final JdbcClient jdbc;

    ReviewRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores the review unless one for the period exists (another instance was first): then empty. */
    public Optional<UUID> insert(UUID workspaceId, UUID projectId, String cadence, Instant start, Instant end,
            String figures, List<String> recipients, Instant now) {
        return jdbc.sql("""
                INSERT INTO report_review (workspace_id, project_id, cadence, period_start, period_end, figures,
                  recipients, generated_at)
                VALUES (?, ?, ?, ?, ?, ?::jsonb, ?, ?)
                ON CONFLICT (project_id, period_start) DO NOTHING RETURNING id""")
                .params(workspaceId, projectId, cadence, Timestamp.from(start), Timestamp.from(end), figures,
                        recipients.toArray(String[]::new), Timestamp.from(now))
                .query(UUID.class).optional();
    }

    public boolean exists(UUID projectId, Instant start) {
        return jdbc.sql("SELECT count(*) FROM report_review WHERE project_id = ? AND period_start = ?")
                .params(projectId, Timestamp.from(start)).query(Integer.class).single() > 0;
    }

    public List<Stored> list(UUID workspaceId, UUID projectId, int limit) {
        return jdbc.sql("""
                SELECT * FROM report_review WHERE workspace_id = :ws AND (CAST(:project AS uuid) IS NULL OR project_id = :project)
                ORDER BY period_start DESC, generated_at DESC LIMIT :limit""")
                .param("ws", workspaceId).param("project", projectId).param("limit", limit)
                .query(ReviewRepository::stored).list();
    }

    public Optional<Stored> find(UUID workspaceId, UUID id) {
        return jdbc.sql("SELECT * FROM report_review WHERE workspace_id = ? AND id = ?").params(workspaceId, id)
                .query(ReviewRepository::stored).optional();
    }

    public void decide(UUID workspaceId, UUID id, String decisions, UUID by, Instant at) {
        jdbc.sql("UPDATE report_review SET decisions = ?, decided_by = ?, decided_at = ? WHERE workspace_id = ? AND id = ?")
                .params(decisions, by, Timestamp.from(at), workspaceId, id).update();
    }

    private static Stored stored(ResultSet rs, int row) throws SQLException {
        Timestamp decided = rs.getTimestamp("decided_at");
        Array recipients = rs.getArray("recipients");
        return new Stored(rs.getObject("id", UUID.class), rs.getObject("workspace_id", UUID.class),
                rs.getObject("project_id", UUID.class),
                rs.getString("cadence"), rs.getTimestamp("period_start").toInstant(),
                rs.getTimestamp("period_end").toInstant(), rs.getString("figures"),
                Arrays.asList((String[]) recipients.getArray()), rs.getTimestamp("generated_at").toInstant(),
                rs.getString("decisions"), rs.getObject("decided_by", UUID.class),
                decided == null ? null : decided.toInstant());
    }
}

package dev.callsheet.contacts.internal;

import dev.callsheet.contacts.ImportOptions.OnDuplicate;
import dev.callsheet.contacts.ImportStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

/** The import_job table: the queue of uploads and their counters. */
@Repository
public class ImportJobs {

    /** A claimed job, as the worker needs it. */
    public record Job(UUID id, UUID workspaceId, UUID createdBy, String format, String encoding,
            Map<String, String> mapping, String country, String source, OnDuplicate onDuplicate, Integer rowsTotal,
            int rowsProcessed, UUID projectId, int attempts) {
    }

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    ImportJobs(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public void insert(UUID id, UUID workspaceId, UUID createdBy, String fileName, String sha256, long size,
            String format, String encoding, String delimiter, Map<String, String> mapping, String country,
            String source, OnDuplicate onDuplicate, UUID sameFileAs, UUID projectId, int rowsTotal) {
        jdbc.sql("""
                INSERT INTO import_job (id, workspace_id, created_by, file_name, file_sha256, file_size, format, encoding,
                  delimiter, mapping, country, source, on_duplicate, status, same_file_as, project_id, rows_total)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, 'QUEUED', ?, ?, ?)""")
                .params(id, workspaceId, createdBy, fileName, sha256, size, format, encoding, delimiter,
                        json.writeValueAsString(mapping == null ? Map.of() : mapping), country, source,
                        onDuplicate.name(), sameFileAs, projectId, rowsTotal)
                .update();
    }

    public Optional<UUID> earlierImportOf(UUID workspaceId, String sha256) {
        return jdbc.sql("""
                SELECT id FROM import_job WHERE workspace_id = ? AND file_sha256 = ? AND status = 'DONE'
                ORDER BY created_at LIMIT 1""").params(workspaceId, sha256).query(UUID.class).optional();
    }

    /**
     * Marks failed the running jobs whose worker stopped sending heartbeats (its process died) and
     * that have had all their attempts: a file that kills the process is not started again.
     *
     * @return how many
     */
    public int failExhausted(int staleSeconds, int maxAttempts) {
        return jdbc.sql("""
                UPDATE import_job SET status = 'FAILED', finished_at = now(), error_key = 'stopped',
                  error = 'the import stopped ' || attempts || ' times before it was done (the server restarted or '
                          || 'ran out of memory during it); split the file into smaller ones and try again'
                WHERE status = 'RUNNING' AND heartbeat_at < now() - make_interval(secs => ?) AND attempts >= ?""")
                .params(staleSeconds, maxAttempts).update();
    }

    /**
     * Takes a job: a queued one, or a running one whose worker stopped sending heartbeats (its
     * process died) and has attempts left. Workspaces take turns: a job of a workspace with no import
     * running comes first, oldest first; a workspace's second job only when no other one waits.
     * Several app instances may poll, each job goes to one.
     */
    public Optional<Job> claim(int staleSeconds, int maxAttempts) {
        return jdbc.sql("""
                UPDATE import_job SET status = 'RUNNING', started_at = coalesce(started_at, now()), heartbeat_at = now(),
                  attempts = attempts + 1
                WHERE id = (SELECT j.id FROM import_job j
                            WHERE j.status = 'QUEUED' OR (j.status = 'RUNNING' AND j.attempts < :attempts
                                  AND j.heartbeat_at < now() - make_interval(secs => :stale))
                            ORDER BY EXISTS (SELECT 1 FROM import_job r WHERE r.workspace_id = j.workspace_id
                                               AND r.status = 'RUNNING' AND r.id <> j.id
                                               AND r.heartbeat_at >= now() - make_interval(secs => :stale)),
                                     j.created_at
                            FOR UPDATE SKIP LOCKED LIMIT 1)
                RETURNING id, workspace_id, created_by, format, encoding, mapping::text AS mapping, country, source,
                          on_duplicate, rows_total, rows_processed, project_id, attempts""")
                .param("stale", staleSeconds).param("attempts", maxAttempts)
                .query((rs, n) -> new Job(rs.getObject("id", UUID.class), rs.getObject("workspace_id", UUID.class),
                        rs.getObject("created_by", UUID.class), rs.getString("format"), rs.getString("encoding"),
                        json.readValue(rs.getString("mapping"), new TypeReference<Map<String, String>>() { }),
                        rs.getString("country"), rs.getString("source"), OnDuplicate.valueOf(rs.getString("on_duplicate")),
                        rs.getObject("rows_total", Integer.class), rs.getInt("rows_processed"),
                        rs.getObject("project_id", UUID.class), rs.getInt("attempts")))
                .optional();
    }

    /** The jobs this process runs are alive: their heartbeats, written while a batch takes its time. */
    public void heartbeat(java.util.Collection<UUID> ids) {
        if (!ids.isEmpty()) {
            jdbc.sql("UPDATE import_job SET heartbeat_at = now() WHERE status = 'RUNNING' AND id = ANY(?)")
                    .param(ids.toArray(UUID[]::new)).update();
        }
    }

    /** Back in the queue after an attempt that failed on something other than the file: it resumes where it was. */
    public void requeue(UUID id) {
        jdbc.sql("UPDATE import_job SET status = 'QUEUED' WHERE id = ? AND status = 'RUNNING'").param(id).update();
    }

    public void setTotal(UUID id, int rows) {
        jdbc.sql("UPDATE import_job SET rows_total = ?, heartbeat_at = now() WHERE id = ?").params(rows, id).update();
    }

    /** Adds a committed batch's outcomes to the job's counters, in the batch's own transaction. */
    public void countBatch(UUID id, int from, int to) {
        jdbc.sql("""
                UPDATE import_job j SET created = j.created + s.created, merged = j.merged + s.merged,
                  flagged = j.flagged + s.flagged, skipped = j.skipped + s.skipped, rejected = j.rejected + s.rejected,
                  rows_processed = :to, heartbeat_at = now()
                FROM (SELECT count(*) FILTER (WHERE outcome = 'CREATED') AS created,
                             count(*) FILTER (WHERE outcome = 'MERGED') AS merged,
                             count(*) FILTER (WHERE outcome = 'FLAGGED') AS flagged,
                             count(*) FILTER (WHERE outcome = 'SKIPPED') AS skipped,
                             count(*) FILTER (WHERE outcome = 'REJECTED') AS rejected
                      FROM import_row WHERE job_id = :id AND row_no BETWEEN :from AND :to) s
                WHERE j.id = :id""")
                .param("id", id).param("from", from).param("to", to).update();
    }

    public void finish(UUID id) {
        jdbc.sql("UPDATE import_job SET status = 'DONE', finished_at = now(), heartbeat_at = now() WHERE id = ?")
                .param(id).update();
        // Only rejected rows are kept, for the download of what was not imported and why.
        jdbc.sql("DELETE FROM import_point WHERE job_id = ?").param(id).update();
        jdbc.sql("DELETE FROM import_row WHERE job_id = ? AND outcome <> 'REJECTED'").param(id).update();
    }

    /** Failed for good, with a reason a user can read ({@code key} names it for the pages). */
    public void fail(UUID id, String key, String error) {
        jdbc.sql("UPDATE import_job SET status = 'FAILED', error = ?, error_key = ?, finished_at = now() WHERE id = ?")
                .params(error.length() > 1000 ? error.substring(0, 1000) : error, key, id).update();
    }

    public Optional<ImportStatus> status(UUID workspaceId, UUID id) {
        return jdbc.sql("SELECT * FROM import_job WHERE workspace_id = ? AND id = ?").params(workspaceId, id)
                .query(ImportJobs::status).optional();
    }

    public List<ImportStatus> recent(UUID workspaceId) {
        return jdbc.sql("SELECT * FROM import_job WHERE workspace_id = ? ORDER BY created_at DESC LIMIT 50")
                .param(workspaceId).query(ImportJobs::status).list();
    }

    /** Rejected rows: row number, reason, and the original cells as JSON. */
    public List<Object[]> rejected(UUID workspaceId, UUID id) {
        return jdbc.sql("""
                SELECT r.row_no, r.reason, r.original::text FROM import_row r JOIN import_job j ON j.id = r.job_id
                WHERE j.workspace_id = ? AND r.job_id = ? AND r.outcome = 'REJECTED' ORDER BY r.row_no""")
                .params(workspaceId, id)
                .query((rs, n) -> new Object[] {rs.getInt(1), rs.getString(2), rs.getString(3)}).list();
    }

    /** What became of one row of a file. */
    public record RowOutcome(int row, String outcome, UUID contactId, String reason) {
    }

    /** A page of what became of the rows of a job, in row order; {@code outcome} null for every row. */
    public List<RowOutcome> outcomes(UUID id, String outcome, int offset, int limit) {
        return jdbc.sql("""
                SELECT row_no, outcome, contact_id, reason FROM import_outcome
                WHERE job_id = :id AND (CAST(:outcome AS text) IS NULL OR outcome = :outcome)
                ORDER BY row_no OFFSET :offset LIMIT :limit""")
                .param("id", id).param("outcome", outcome).param("offset", offset).param("limit", limit)
                .query((rs, n) -> new RowOutcome(rs.getInt(1), rs.getString(2), rs.getObject(3, UUID.class),
                        rs.getString(4))).list();
    }

    public long countOutcomes(UUID id, String outcome) {
        return jdbc.sql("""
                SELECT count(*) FROM import_outcome
                WHERE job_id = :id AND (CAST(:outcome AS text) IS NULL OR outcome = :outcome)""")
                .param("id", id).param("outcome", outcome).query(Long.class).single();
    }

    private static ImportStatus status(ResultSet rs, int row) throws SQLException {
        Timestamp finished = rs.getTimestamp("finished_at");
        return new ImportStatus(rs.getObject("id", UUID.class), rs.getString("file_name"), rs.getString("status"),
                rs.getObject("rows_total", Integer.class), rs.getInt("rows_processed"), rs.getInt("created"),
                rs.getInt("merged"), rs.getInt("flagged"), rs.getInt("skipped"), rs.getInt("rejected"),
                rs.getObject("same_file_as", UUID.class), rs.getString("error"),
                rs.getTimestamp("created_at").toInstant(), finished == null ? null : finished.toInstant(),
                rs.getString("error_key"));
    }
}

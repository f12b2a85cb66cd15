package dev.callsheet.intake.internal;

import dev.callsheet.intake.DutyPattern;
import dev.callsheet.intake.Person;
import dev.callsheet.intake.Task;
import dev.callsheet.intake.TaskTitle;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

/** The intake tables: roster, swaps, tasks, assignments, web submissions and their rate. */
@Repository
public class IntakeRepository {

    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() { };

    /** A pattern row as stored: minutes of the day. */
    public record PatternRow(UUID id, UUID regionId, Person user, int weekday, int starts, int ends, String zone) {
    }

    /** A swap row. */
    public record SwapRow(UUID id, UUID regionId, Person user, Instant from, Instant to, String note) {
    }

    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final MessageSource messages;

    IntakeRepository(JdbcClient jdbc, ObjectMapper json, MessageSource messages) {
        this.messages = messages;
        this.jdbc = jdbc;
        this.json = json;
    }

    // ------------------------------------------------------------------------------------------------ roster

    public void replacePatterns(UUID workspaceId, UUID regionId, List<PatternRow> rows, Instant now) {
        jdbc.sql("DELETE FROM duty_pattern WHERE workspace_id = ? AND region_id IS NOT DISTINCT FROM ?")
                .params(workspaceId, regionId).update();
        for (PatternRow row : rows) {
            jdbc.sql("""
                    INSERT INTO duty_pattern (workspace_id, region_id, user_id, weekday, starts, ends, time_zone, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(workspaceId, regionId, row.user().id(), row.weekday(), row.starts(), row.ends(), row.zone(),
                            Timestamp.from(now))
                    .update();
        }
    }

    public List<PatternRow> patterns(UUID workspaceId, UUID regionId) {
        return jdbc.sql("""
                SELECT p.*, u.username, u.display_name FROM duty_pattern p JOIN app_user u ON u.id = p.user_id
                WHERE p.workspace_id = ? AND p.region_id IS NOT DISTINCT FROM ? ORDER BY p.weekday, p.starts""")
                .params(workspaceId, regionId)
                .query((rs, n) -> new PatternRow(rs.getObject("id", UUID.class), rs.getObject("region_id", UUID.class),
                        person(rs, "user_id"), rs.getInt("weekday"), rs.getInt("starts"), rs.getInt("ends"),
                        rs.getString("time_zone")))
                .list();
    }

    public UUID addSwap(UUID workspaceId, UUID regionId, UUID userId, Instant from, Instant to, String note,
            UUID actor, Instant now) {
        return jdbc.sql("""
                INSERT INTO duty_swap (workspace_id, region_id, user_id, starts_at, ends_at, note, created_by, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""")
                .params(workspaceId, regionId, userId, Timestamp.from(from), Timestamp.from(to), note, actor,
                        Timestamp.from(now))
                .query(UUID.class).single();
    }

    public boolean deleteSwap(UUID workspaceId, UUID id) {
        return jdbc.sql("DELETE FROM duty_swap WHERE workspace_id = ? AND id = ?").params(workspaceId, id).update() == 1;
    }

    /** Swaps of a region that touch [from, to), latest first. */
    public List<SwapRow> swaps(UUID workspaceId, UUID regionId, Instant from, Instant to) {
        return jdbc.sql("""
                SELECT s.*, u.username, u.display_name FROM duty_swap s JOIN app_user u ON u.id = s.user_id
                WHERE s.workspace_id = ? AND s.region_id IS NOT DISTINCT FROM ? AND s.starts_at < ? AND s.ends_at > ?
                ORDER BY s.created_at DESC""")
                .params(workspaceId, regionId, Timestamp.from(to), Timestamp.from(from))
                .query((rs, n) -> new SwapRow(rs.getObject("id", UUID.class), rs.getObject("region_id", UUID.class),
                        person(rs, "user_id"), rs.getTimestamp("starts_at").toInstant(),
                        rs.getTimestamp("ends_at").toInstant(), rs.getString("note")))
                .list();
    }

    // ------------------------------------------------------------------------------------------------- tasks

    /** A task whose title is kept in English and, by key, in the reader's language ({@code titleKey}, {@code titleArgs}). */
    public UUID addTask(UUID workspaceId, UUID assignee, UUID contactId, String kind, TaskTitle title,
            Map<String, ?> details, Instant now) {
        Map<String, Object> withTitle = new LinkedHashMap<>(details);
        withTitle.put("titleKey", title.key());
        withTitle.put("titleArgs", title.args());
        return addTask(workspaceId, assignee, contactId, kind,
                messages.getMessage(title.key(), title.args().toArray(), Locale.ENGLISH), withTitle, now);
    }

    /**
     * Turns the person's open task for the lead (its {@code …_LEAD} task) into the speed-to-lead alert, title and
     * kind, keeping its details: one lead, one task. Empty when they have no such task open.
     */
    public Optional<UUID> alertOpenLeadTask(UUID workspaceId, UUID assignee, UUID contactId, TaskTitle title,
            Map<String, ?> details) {
        Map<String, Object> withTitle = new LinkedHashMap<>(details);
        withTitle.put("titleKey", title.key());
        withTitle.put("titleArgs", title.args());
        return jdbc.sql("""
                UPDATE intake_task SET kind = 'SPEED_TO_LEAD', title = ?, details = details || ?::jsonb
                WHERE id = (SELECT id FROM intake_task WHERE workspace_id = ? AND contact_id = ? AND assignee_id = ?
                  AND done_at IS NULL AND kind LIKE '%\\_LEAD' ESCAPE '\\' ORDER BY created_at LIMIT 1)
                RETURNING id""")
                .params(messages.getMessage(title.key(), title.args().toArray(), Locale.ENGLISH),
                        json.writeValueAsString(withTitle), workspaceId, contactId, assignee)
                .query(UUID.class).optional();
    }

    private UUID addTask(UUID workspaceId, UUID assignee, UUID contactId, String kind, String title,
            Map<String, ?> details, Instant now) {
        return jdbc.sql("""
                INSERT INTO intake_task (workspace_id, assignee_id, contact_id, kind, title, details, created_at)
                VALUES (?, ?, ?, ?, ?, ?::jsonb, ?) RETURNING id""")
                .params(workspaceId, assignee, contactId, kind, title, json.writeValueAsString(details),
                        Timestamp.from(now))
                .query(UUID.class).single();
    }

    public List<Task> openTasks(UUID workspaceId, UUID assignee) {
        return jdbc.sql("""
                SELECT t.*, c.display_name AS contact_name, u.username, u.display_name FROM intake_task t
                JOIN contact c ON c.id = t.contact_id JOIN app_user u ON u.id = t.assignee_id
                WHERE t.workspace_id = ? AND (?::uuid IS NULL OR t.assignee_id = ?) AND t.done_at IS NULL
                ORDER BY t.created_at LIMIT 500""")
                .params(workspaceId, assignee, assignee).query(this::task).list();
    }

    public List<Task> tasksOf(UUID workspaceId, UUID contactId) {
        return jdbc.sql("""
                SELECT t.*, c.display_name AS contact_name, u.username, u.display_name FROM intake_task t
                JOIN contact c ON c.id = t.contact_id JOIN app_user u ON u.id = t.assignee_id
                WHERE t.workspace_id = ? AND t.contact_id = ? ORDER BY t.created_at""")
                .params(workspaceId, contactId).query(this::task).list();
    }

    public Optional<Task> task(UUID workspaceId, UUID id) {
        return jdbc.sql("""
                SELECT t.*, c.display_name AS contact_name, u.username, u.display_name FROM intake_task t
                JOIN contact c ON c.id = t.contact_id JOIN app_user u ON u.id = t.assignee_id
                WHERE t.workspace_id = ? AND t.id = ?""")
                .params(workspaceId, id).query(this::task).optional();
    }

    public void done(UUID id, Instant now) {
        jdbc.sql("UPDATE intake_task SET done_at = coalesce(done_at, ?) WHERE id = ?").params(Timestamp.from(now), id)
                .update();
    }

    // ------------------------------------------------------------------------------------------- assignments

    public void assignment(UUID workspaceId, UUID contactId, String channel, UUID assignee, String path, String rule,
            Instant now) {
        jdbc.sql("""
                INSERT INTO assignment (workspace_id, contact_id, channel, assignee_id, path, rule, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)""")
                .params(workspaceId, contactId, channel, assignee, path, rule, Timestamp.from(now)).update();
    }

    /** A lead's routing history, oldest first. */
    public List<dev.callsheet.intake.Assignment> assignments(UUID workspaceId, UUID contactId) {
        return jdbc.sql("""
                SELECT a.*, u.username, u.display_name FROM assignment a LEFT JOIN app_user u ON u.id = a.assignee_id
                WHERE a.workspace_id = ? AND a.contact_id = ? ORDER BY a.created_at, a.id""")
                .params(workspaceId, contactId)
                .query((rs, n) -> new dev.callsheet.intake.Assignment(rs.getObject("id", UUID.class),
                        rs.getString("channel"), rs.getObject("assignee_id") == null ? null : person(rs, "assignee_id"),
                        rs.getString("path"), rs.getString("rule"), rs.getTimestamp("created_at").toInstant()))
                .list();
    }

    /** A routed lead nobody has touched yet. */
    public record Untouched(UUID id, UUID workspaceId, UUID contactId, String channel, Person assignee,
            Instant createdAt, Instant alertedOwnerAt) {
    }

    /** Routed web and phone leads still untouched and not yet escalated, created at or before the instant. */
    public List<Untouched> untouched(Instant createdBefore) {
        return jdbc.sql("""
                SELECT a.*, u.username, u.display_name FROM assignment a JOIN app_user u ON u.id = a.assignee_id
                WHERE a.touched_at IS NULL AND a.alerted_supervisor_at IS NULL AND a.channel IN ('WEB', 'INBOUND_CALL')
                  AND a.created_at <= ? ORDER BY a.created_at LIMIT 500 FOR UPDATE OF a SKIP LOCKED""")
                .param(Timestamp.from(createdBefore))
                .query((rs, n) -> {
                    Timestamp alerted = rs.getTimestamp("alerted_owner_at");
                    return new Untouched(rs.getObject("id", UUID.class), rs.getObject("workspace_id", UUID.class),
                            rs.getObject("contact_id", UUID.class), rs.getString("channel"), person(rs, "assignee_id"),
                            rs.getTimestamp("created_at").toInstant(), alerted == null ? null : alerted.toInstant());
                })
                .list();
    }

    public void touched(UUID id, Instant at) {
        jdbc.sql("UPDATE assignment SET touched_at = ? WHERE id = ?").params(Timestamp.from(at), id).update();
    }

    public void alerted(UUID id, boolean supervisor, Instant at) {
        jdbc.sql(supervisor ? "UPDATE assignment SET alerted_supervisor_at = ? WHERE id = ?"
                : "UPDATE assignment SET alerted_owner_at = ? WHERE id = ?").params(Timestamp.from(at), id).update();
    }

    /** Whether the lead's tasks for this person are all done. */
    public boolean tasksDone(UUID workspaceId, UUID contactId, UUID assignee) {
        return jdbc.sql("""
                SELECT NOT EXISTS (SELECT 1 FROM intake_task WHERE workspace_id = ? AND contact_id = ? AND assignee_id = ?
                  AND done_at IS NULL)""")
                .params(workspaceId, contactId, assignee).query(Boolean.class).single();
    }

    /** Serialises work on one thing (e.g. one list's distribution) until commit. */
    public void lock(String key) {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))").param(key).query((rs, n) -> 1).list();
    }

    /** The cards already given out through a channel (e.g. one exhibition list). */
    public List<UUID> assignedFrom(UUID workspaceId, String channel) {
        return jdbc.sql("SELECT contact_id FROM assignment WHERE workspace_id = ? AND channel = ?")
                .params(workspaceId, channel).query(UUID.class).list();
    }

    // ------------------------------------------------------------------------------------------------ web

    /** Claims an idempotency key; false when it was claimed before. */
    public boolean claim(UUID workspaceId, String key, Instant now) {
        return jdbc.sql("""
                INSERT INTO web_submission (workspace_id, idempotency_key, created_at) VALUES (?, ?, ?)
                ON CONFLICT DO NOTHING""")
                .params(workspaceId, key, Timestamp.from(now)).update() == 1;
    }

    public void submitted(UUID workspaceId, String key, UUID contactId) {
        jdbc.sql("UPDATE web_submission SET contact_id = ? WHERE workspace_id = ? AND idempotency_key = ?")
                .params(contactId, workspaceId, key).update();
    }

    /** Counts one post of a client in the current minute; returns the minute's count so far. */
    private Task task(ResultSet rs, int row) throws SQLException {
        Timestamp done = rs.getTimestamp("done_at");
        String details = rs.getString("details");
        return new Task(rs.getObject("id", UUID.class), rs.getString("kind"), rs.getString("title"),
                rs.getObject("contact_id", UUID.class), rs.getString("contact_name"), person(rs, "assignee_id"),
                details == null ? Map.of() : json.readValue(details, OBJECT), rs.getTimestamp("created_at").toInstant(),
                done == null ? null : done.toInstant());
    }

    private static Person person(ResultSet rs, String column) throws SQLException {
        return new Person(rs.getObject(column, UUID.class), rs.getString("username"), rs.getString("display_name"));
    }

    public static DayOfWeek day(int weekday) {
        return DayOfWeek.of(weekday);
    }
}

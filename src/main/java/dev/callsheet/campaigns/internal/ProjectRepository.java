package dev.callsheet.campaigns.internal;

import dev.callsheet.campaigns.TimeWindow;
import dev.callsheet.campaigns.Holiday;
import dev.callsheet.campaigns.Outcome;
import dev.callsheet.campaigns.LeadHours;
import dev.callsheet.campaigns.Project;
import dev.callsheet.campaigns.Script;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

/** The campaigns module's tables: projects, their outcomes and scripts, and public holidays. */
@Repository
public class ProjectRepository {

    private static final TypeReference<List<Project.MediaStep>> STEPS = new TypeReference<>() { };
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() { };
    private static final TypeReference<Map<DayOfWeek, List<TimeWindow>>> HOURS = new TypeReference<>() { };

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    ProjectRepository(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public UUID insert(UUID workspaceId, Project p, UUID actorId, Instant now) {
        return jdbc.sql("""
                INSERT INTO project (workspace_id, name, direction, audience, media_plan, starts_on, ends_on,
                  review_cadence, kpi_targets, primary_goal, secondary_goal, team_id, priority, time_zone,
                  calling_hours, max_attempts, max_calls_per_24h, callback_grace_minutes, status, created_by,
                  created_at, updated_at, lead_hours)
                VALUES (:ws, :name, :direction, :audience, :mediaPlan::jsonb, :startsOn, :endsOn, :cadence,
                  :kpi::jsonb, :primaryGoal, :secondaryGoal, :team, :priority::jsonb, :zone, :hours::jsonb,
                  :maxAttempts, :cap, :grace, :status, :actor, :now, :now, :leadHours::jsonb)
                RETURNING id""")
                .params(columns(workspaceId, p)).param("actor", actorId).param("now", Timestamp.from(now))
                .query(UUID.class).single();
    }

    public void update(UUID workspaceId, UUID id, Project p, Instant now) {
        jdbc.sql("""
                UPDATE project SET name = :name, direction = :direction, audience = :audience,
                  media_plan = :mediaPlan::jsonb, starts_on = :startsOn, ends_on = :endsOn, review_cadence = :cadence,
                  kpi_targets = :kpi::jsonb, primary_goal = :primaryGoal, secondary_goal = :secondaryGoal,
                  team_id = :team, priority = :priority::jsonb, time_zone = :zone, calling_hours = :hours::jsonb,
                  max_attempts = :maxAttempts, max_calls_per_24h = :cap, callback_grace_minutes = :grace,
                  status = :status, updated_at = :now, lead_hours = :leadHours::jsonb
                WHERE workspace_id = :ws AND id = :id""")
                .params(columns(workspaceId, p)).param("id", id).param("now", Timestamp.from(now)).update();
    }

    private Map<String, Object> columns(UUID workspaceId, Project p) {
        Map<String, Object> columns = new HashMap<>();
        columns.put("ws", workspaceId);
        columns.put("name", p.name());
        columns.put("direction", p.direction().name());
        columns.put("audience", p.audience().name());
        columns.put("mediaPlan", json.writeValueAsString(p.mediaPlan()));
        columns.put("startsOn", p.startsOn() == null ? null : Date.valueOf(p.startsOn()));
        columns.put("endsOn", p.endsOn() == null ? null : Date.valueOf(p.endsOn()));
        columns.put("cadence", p.reviewCadence().name());
        columns.put("kpi", json.writeValueAsString(p.kpiTargets()));
        columns.put("primaryGoal", p.primaryGoal());
        columns.put("secondaryGoal", p.secondaryGoal());
        columns.put("team", p.teamId());
        columns.put("priority", json.writeValueAsString(p.priority()));
        columns.put("zone", p.timeZone());
        columns.put("hours", json.writeValueAsString(p.callingHours()));
        columns.put("maxAttempts", p.maxAttempts());
        columns.put("cap", p.maxCallsPer24h());
        columns.put("grace", p.callbackGraceMinutes());
        columns.put("status", p.status().name());
        columns.put("leadHours", p.leadHours() == null || p.leadHours().equals(LeadHours.DEFAULT) ? null
                : json.writeValueAsString(p.leadHours()));
        return columns;
    }

    public Optional<Project> find(UUID workspaceId, UUID id) {
        return jdbc.sql("SELECT * FROM project WHERE workspace_id = ? AND id = ?").params(workspaceId, id)
                .query(this::project).optional();
    }

    /** A project's default meeting type (issue 25); empty when it has none or is not in the workspace. */
    public Optional<String> defaultMeetingType(UUID workspaceId, UUID id) {
        return jdbc.sql("SELECT default_meeting_type FROM project WHERE workspace_id = ? AND id = ?")
                .params(workspaceId, id).query(String.class).list().stream().filter(java.util.Objects::nonNull)
                .findFirst();
    }

    /** Sets or clears a project's default meeting type; false when the workspace has no such project. */
    public boolean setDefaultMeetingType(UUID workspaceId, UUID id, String code) {
        return jdbc.sql("UPDATE project SET default_meeting_type = ? WHERE workspace_id = ? AND id = ?")
                .params(code, workspaceId, id).update() == 1;
    }

    public List<Project> list(UUID workspaceId) {
        return jdbc.sql("SELECT * FROM project WHERE workspace_id = ? ORDER BY status, created_at DESC")
                .params(workspaceId).query(this::project).list();
    }

    /** Every active project of every workspace, by workspace. */
    public Map<UUID, List<Project>> active() {
        Map<UUID, List<Project>> active = new java.util.LinkedHashMap<>();
        jdbc.sql("SELECT * FROM project WHERE status = 'ACTIVE' ORDER BY workspace_id, created_at")
                .query(rs -> {
                    active.computeIfAbsent(rs.getObject("workspace_id", UUID.class), k -> new java.util.ArrayList<>())
                            .add(project(rs, 0));
                });
        return active;
    }

    private Project project(ResultSet rs, int row) throws SQLException {
        Date startsOn = rs.getDate("starts_on");
        Date endsOn = rs.getDate("ends_on");
        Map<DayOfWeek, List<TimeWindow>> hours = new EnumMap<>(DayOfWeek.class);
        hours.putAll(json.readValue(rs.getString("calling_hours"), HOURS));
        return new Project(rs.getObject("id", UUID.class), rs.getString("name"),
                Project.Direction.valueOf(rs.getString("direction")), Project.Audience.valueOf(rs.getString("audience")),
                json.readValue(rs.getString("media_plan"), STEPS), startsOn == null ? null : startsOn.toLocalDate(),
                endsOn == null ? null : endsOn.toLocalDate(),
                Project.ReviewCadence.valueOf(rs.getString("review_cadence")),
                json.readValue(rs.getString("kpi_targets"), Project.KpiTargets.class), rs.getString("primary_goal"),
                rs.getString("secondary_goal"), rs.getObject("team_id", UUID.class),
                json.readValue(rs.getString("priority"), STRINGS), rs.getString("time_zone"), hours,
                rs.getInt("max_attempts"), rs.getObject("max_calls_per_24h", Integer.class),
                rs.getInt("callback_grace_minutes"), Project.Status.valueOf(rs.getString("status")),
                rs.getTimestamp("created_at").toInstant(), leadHours(rs.getString("lead_hours")));
    }

    /** The leads' meeting hours as stored; null is {@link LeadHours#DEFAULT}. */
    private LeadHours leadHours(String text) {
        if (text == null) {
            return LeadHours.DEFAULT;
        }
        return json.readValue(text, LeadHours.class);
    }

    // --- outcomes ---

    public void saveOutcome(UUID workspaceId, UUID projectId, Outcome o) {
        jdbc.sql("""
                INSERT INTO project_outcome (workspace_id, project_id, code, label, node, connected, final, follow_up,
                  retry_delay_minutes, asks_reason, built_in, position)
                VALUES (:ws, :project, :code, :label, :node, :connected, :final, :followUp, :delay, :asksReason,
                  :builtIn, :position)
                ON CONFLICT (project_id, code) DO UPDATE SET label = excluded.label, node = excluded.node,
                  connected = excluded.connected, final = excluded.final, follow_up = excluded.follow_up,
                  retry_delay_minutes = excluded.retry_delay_minutes, asks_reason = excluded.asks_reason,
                  position = excluded.position""")
                .param("ws", workspaceId).param("project", projectId).param("code", o.code()).param("label", o.label())
                .param("node", o.node()).param("connected", o.connected()).param("final", o.isFinal())
                .param("followUp", o.followUp().name()).param("delay", o.retryDelayMinutes())
                .param("asksReason", o.asksReason()).param("builtIn", o.builtIn()).param("position", o.position())
                .update();
    }

    public boolean deleteOutcome(UUID workspaceId, UUID projectId, String code) {
        return jdbc.sql("DELETE FROM project_outcome WHERE workspace_id = ? AND project_id = ? AND code = ? AND NOT built_in")
                .params(workspaceId, projectId, code).update() == 1;
    }

    public List<Outcome> outcomes(UUID workspaceId, UUID projectId) {
        return jdbc.sql("""
                SELECT * FROM project_outcome WHERE workspace_id = ? AND project_id = ? ORDER BY node, position, code""")
                .params(workspaceId, projectId)
                .query((rs, n) -> new Outcome(rs.getString("code"), rs.getString("label"), rs.getInt("node"),
                        rs.getBoolean("connected"), rs.getBoolean("final"),
                        Outcome.FollowUp.valueOf(rs.getString("follow_up")),
                        rs.getObject("retry_delay_minutes", Integer.class), rs.getBoolean("asks_reason"),
                        rs.getBoolean("built_in"), rs.getInt("position")))
                .list();
    }

    // --- scripts ---

    public void saveScript(UUID workspaceId, UUID projectId, Script script, UUID actorId, Instant now) {
        jdbc.sql("""
                INSERT INTO project_script (workspace_id, project_id, language, word_for_word, body, updated_by,
                  updated_at)
                VALUES (?, ?, ?, ?, ?::jsonb, ?, ?)
                ON CONFLICT (project_id, language) DO UPDATE SET word_for_word = excluded.word_for_word,
                  body = excluded.body, updated_by = excluded.updated_by, updated_at = excluded.updated_at""")
                .params(workspaceId, projectId, script.language(), script.wordForWord(), json.writeValueAsString(script),
                        actorId, Timestamp.from(now))
                .update();
    }

    public List<Script> scripts(UUID workspaceId, UUID projectId) {
        return jdbc.sql("SELECT body::text FROM project_script WHERE workspace_id = ? AND project_id = ? ORDER BY language")
                .params(workspaceId, projectId).query(String.class).list().stream()
                .map(body -> json.readValue(body, Script.class)).toList();
    }

    // --- holidays ---

    public void saveHoliday(UUID workspaceId, Holiday h) {
        jdbc.sql("""
                INSERT INTO public_holiday (workspace_id, country, day, name) VALUES (?, ?, ?, ?)
                ON CONFLICT (workspace_id, country, day) DO UPDATE SET name = excluded.name""")
                .params(workspaceId, h.country(), Date.valueOf(h.day()), h.name()).update();
    }

    public boolean deleteHoliday(UUID workspaceId, String country, LocalDate day) {
        return jdbc.sql("DELETE FROM public_holiday WHERE workspace_id = ? AND country = ? AND day = ?")
                .params(workspaceId, country, Date.valueOf(day)).update() == 1;
    }

    public List<Holiday> holidays(UUID workspaceId, LocalDate from, LocalDate to) {
        return jdbc.sql("""
                SELECT country, day, name FROM public_holiday WHERE workspace_id = ? AND day BETWEEN ? AND ?
                ORDER BY day, country""")
                .params(workspaceId, Date.valueOf(from), Date.valueOf(to))
                .query((rs, n) -> new Holiday(rs.getString("country"), rs.getDate("day").toLocalDate(),
                        rs.getString("name")))
                .list();
    }
}

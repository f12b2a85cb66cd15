package dev.callsheet.reporting.internal;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reporting's own tables: counts per project, local hour, agent and source; outcomes per node; booked leads. */
@Repository
public class ReportRepository {

    /** Nobody: the agent of a count no agent earned (a deal won without a booking agent). */
    public static final UUID NOBODY = new UUID(0, 0);

    /** The counters of one hour's row; any may be negative to take a count back. */
    public record Counts(int dials, int connects, long talkSeconds, long handleSeconds, int successfulCalls,
            long successfulTalkSeconds, int qualified, int resolved, int resolvedFirstCall, int appointmentsSet,
            int appointmentsHeld, int appointmentsNoShow, int dealsWon, BigDecimal revenue, int gatekeepers) {

        public static Counts none() {
            return new Counts(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, BigDecimal.ZERO, 0);
        }
    }

    /** Sums over a period, grouped by one key (an agent id, a source, a day), or the total when the key is null. */
    public record Sums(String key, Counts counts) {
    }

    /** Calls per outcome and node over a period. */
    public record OutcomeCount(int node, String code, boolean connected, long calls) {
    }

    /** The second half of the funnel for leads that entered in a period, per source. */
    public record FunnelEnd(String source, String campaign, long booked, long held, long won) {
    }

    private final JdbcClient jdbc;

    ReportRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Adds the counts to the hour's row and to the day's (the reports over whole days read the days), in one statement. */
    public void add(UUID workspaceId, UUID projectId, LocalDateTime hour, UUID agentId, String source, Counts c) {
        counted("WITH by_hour AS (" + upsert("report_hour", "hour") + ")\n" + upsert("report_day", "day"),
                workspaceId, projectId, hour, agentId, source, c).update();
    }

    /**
     * A call: its counts on the hour's and the day's rows, and its outcome on the hour's outcome row, in
     * one statement (one round trip on the path of every call's outcome).
     */
    public void addCall(UUID workspaceId, UUID projectId, LocalDateTime hour, UUID agentId, String source, Counts c,
            String code, boolean connected) {
        counted("WITH by_hour AS (" + upsert("report_hour", "hour") + "),\nby_day AS (" + upsert("report_day", "day") + ")\n"
                + OUTCOME, workspaceId, projectId, hour, agentId, source, c)
                .param("node", 1).param("code", code).param("connected", connected).update();
    }

    /** A won deal's amount (negative to take a cancelled win back) on the hour's row of its currency. */
    public void addRevenue(UUID workspaceId, UUID projectId, LocalDateTime hour, UUID agentId, String source,
            String currency, int won, BigDecimal amount) {
        jdbc.sql("""
                INSERT INTO report_revenue_hour AS r (workspace_id, project_id, hour, agent_id, source, currency,
                  deals_won, amount)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (project_id, hour, agent_id, source, currency) DO UPDATE SET
                  deals_won = r.deals_won + EXCLUDED.deals_won, amount = r.amount + EXCLUDED.amount""")
                .params(workspaceId, projectId, Timestamp.valueOf(hour), agentId, source, currency, won, amount)
                .update();
    }

    /**
     * Revenue of the projects over local time [from, to) per currency, grouped as {@link #sums} groups (agent,
     * source, day, project; null for the total, under the key ""). Currencies are sorted by code.
     */
    public Map<String, List<dev.callsheet.web.Money>> revenue(List<UUID> projectIds, LocalDateTime from,
            LocalDateTime to, String group) {
        String key = switch (group == null ? "" : group) {
            case "agent" -> "agent_id::text";
            case "source" -> "source";
            case "day" -> "to_char(hour, 'YYYY-MM-DD')";
            case "project" -> "project_id::text";
            default -> "''";
        };
        Map<String, List<dev.callsheet.web.Money>> revenue = new java.util.LinkedHashMap<>();
        jdbc.sql("""
                SELECT %s AS key, currency, sum(amount) AS amount FROM report_revenue_hour
                WHERE project_id = ANY(?) AND hour >= ? AND hour < ?
                GROUP BY 1, 2 ORDER BY 1, 2""".formatted(key))
                .params(projectIds.toArray(UUID[]::new), Timestamp.valueOf(from), Timestamp.valueOf(to))
                .query(rs -> {
                    revenue.computeIfAbsent(rs.getString("key"), k -> new java.util.ArrayList<>())
                            .add(new dev.callsheet.web.Money(rs.getString("currency").strip(),
                                    rs.getBigDecimal("amount")));
                });
        return revenue;
    }

    /** One more call with this outcome on the hour's outcome row. */
    private static final String OUTCOME = """
            INSERT INTO report_outcome_hour AS r (workspace_id, project_id, hour, agent_id, node, code, connected, calls)
            VALUES (:ws, :project, :hour, :agent, :node, :code, :connected, 1)
            ON CONFLICT (project_id, hour, agent_id, node, code) DO UPDATE SET calls = r.calls + 1""";

    /** Adds a row's counts to {@code table}, keyed by its {@code time} column (:hour or :day). */
    private static String upsert(String table, String time) {
        return """
                INSERT INTO %1$s AS r (workspace_id, project_id, %2$s, agent_id, source, dials, connects,
                  talk_seconds, handle_seconds, successful_calls, successful_talk_seconds, qualified, resolved,
                  resolved_first_call, appointments_set, appointments_held, appointments_no_show, deals_won, revenue,
                  gatekeepers)
                VALUES (:ws, :project, :%2$s, :agent, :source, :dials, :connects, :talk, :handle, :successful,
                  :successfulTalk, :qualified, :resolved, :resolvedFirst, :set, :held, :noShow, :won, :revenue,
                  :gatekeepers)
                ON CONFLICT (project_id, %2$s, agent_id, source) DO UPDATE SET
                  dials = r.dials + EXCLUDED.dials, connects = r.connects + EXCLUDED.connects,
                  talk_seconds = r.talk_seconds + EXCLUDED.talk_seconds,
                  handle_seconds = r.handle_seconds + EXCLUDED.handle_seconds,
                  successful_calls = r.successful_calls + EXCLUDED.successful_calls,
                  successful_talk_seconds = r.successful_talk_seconds + EXCLUDED.successful_talk_seconds,
                  qualified = r.qualified + EXCLUDED.qualified, resolved = r.resolved + EXCLUDED.resolved,
                  resolved_first_call = r.resolved_first_call + EXCLUDED.resolved_first_call,
                  appointments_set = r.appointments_set + EXCLUDED.appointments_set,
                  appointments_held = r.appointments_held + EXCLUDED.appointments_held,
                  appointments_no_show = r.appointments_no_show + EXCLUDED.appointments_no_show,
                  deals_won = r.deals_won + EXCLUDED.deals_won, revenue = r.revenue + EXCLUDED.revenue,
                  gatekeepers = r.gatekeepers + EXCLUDED.gatekeepers""".formatted(table, time);
    }

    private JdbcClient.StatementSpec counted(String sql, UUID workspaceId, UUID projectId, LocalDateTime hour,
            UUID agentId, String source, Counts c) {
        return jdbc.sql(sql)
                .param("ws", workspaceId).param("project", projectId).param("hour", Timestamp.valueOf(hour))
                .param("day", java.sql.Date.valueOf(hour.toLocalDate()))
                .param("agent", agentId).param("source", source).param("dials", c.dials())
                .param("connects", c.connects()).param("talk", c.talkSeconds()).param("handle", c.handleSeconds())
                .param("successful", c.successfulCalls()).param("successfulTalk", c.successfulTalkSeconds())
                .param("qualified", c.qualified()).param("resolved", c.resolved())
                .param("resolvedFirst", c.resolvedFirstCall()).param("set", c.appointmentsSet())
                .param("held", c.appointmentsHeld()).param("noShow", c.appointmentsNoShow())
                .param("won", c.dealsWon()).param("revenue", c.revenue()).param("gatekeepers", c.gatekeepers());
    }

    public void addOutcome(UUID workspaceId, UUID projectId, LocalDateTime hour, UUID agentId, int node, String code,
            boolean connected) {
        jdbc.sql(OUTCOME).param("ws", workspaceId).param("project", projectId).param("hour", Timestamp.valueOf(hour))
                .param("agent", agentId).param("node", node).param("code", code).param("connected", connected).update();
    }

    /** The lead's source in the project's funnel, once a meeting is booked for it; the first booking counts. */
    public String booked(UUID workspaceId, UUID projectId, UUID contactId, String source, String campaign,
            Instant enteredAt,
            Instant at) {
        return jdbc.sql("""
                INSERT INTO report_lead AS r (workspace_id, project_id, contact_id, source, campaign, entered_at,
                  booked_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (project_id, contact_id) DO UPDATE SET booked_at = coalesce(r.booked_at, EXCLUDED.booked_at)
                RETURNING source""")
                .params(workspaceId, projectId, contactId, source, campaign, Timestamp.from(enteredAt), Timestamp.from(at))
                .query(String.class).single();
    }

    /** The source the funnel knows the lead by, or null when no meeting was ever booked for it. */
    public String sourceOf(UUID projectId, UUID contactId) {
        return jdbc.sql("SELECT source FROM report_lead WHERE project_id = ? AND contact_id = ?")
                .params(projectId, contactId).query(String.class).optional().orElse(null);
    }

    public void held(UUID projectId, UUID contactId, Instant at) {
        jdbc.sql("UPDATE report_lead SET held_at = ? WHERE project_id = ? AND contact_id = ?")
                .params(at == null ? null : Timestamp.from(at), projectId, contactId).update();
    }

    public void won(UUID projectId, UUID contactId, Instant at) {
        jdbc.sql("UPDATE report_lead SET won_at = ? WHERE project_id = ? AND contact_id = ?")
                .params(at == null ? null : Timestamp.from(at), projectId, contactId).update();
    }

    // --- reading ---

    /**
     * Counts of the projects over local time [from, to), grouped by {@code group}: agent, source, day, project,
     * agentday (one row per agent and day), or null for the total. Whole days read the daily rows.
     */
    public List<Sums> sums(List<UUID> projectIds, LocalDateTime from, LocalDateTime to, String group) {
        boolean days = from.toLocalTime().equals(java.time.LocalTime.MIDNIGHT)
                && to.toLocalTime().equals(java.time.LocalTime.MIDNIGHT);
        String table = days ? "report_day" : "report_hour";
        String time = days ? "day" : "hour";
        String key = switch (group == null ? "" : group) {
            case "agent" -> "agent_id::text";
            case "source" -> "source";
            case "day" -> days ? "day::text" : "to_char(hour, 'YYYY-MM-DD')";
            case "project" -> "project_id::text";
            case "agentday" -> days ? "agent_id::text || day" : "agent_id::text || hour::date";
            default -> "NULL::text";
        };
        return jdbc.sql("""
                SELECT %s AS key, sum(dials) AS dials, sum(connects) AS connects, sum(talk_seconds) AS talk,
                  sum(handle_seconds) AS handle, sum(successful_calls) AS successful,
                  sum(successful_talk_seconds) AS successful_talk, sum(qualified) AS qualified,
                  sum(resolved) AS resolved, sum(resolved_first_call) AS resolved_first,
                  sum(appointments_set) AS set, sum(appointments_held) AS held,
                  sum(appointments_no_show) AS no_show, sum(deals_won) AS won, sum(revenue) AS revenue,
                  sum(gatekeepers) AS gatekeepers
                FROM %s WHERE project_id = ANY(?) AND %s >= ? AND %s < ?
                GROUP BY 1 ORDER BY 1""".formatted(key, table, time, time))
                .params(projectIds.toArray(UUID[]::new), days ? java.sql.Date.valueOf(from.toLocalDate())
                        : Timestamp.valueOf(from), days ? java.sql.Date.valueOf(to.toLocalDate()) : Timestamp.valueOf(to))
                .query(this::sums).list();
    }

    /** Agent-days with at least one dial over whole days [from, to): what talk minutes per agent-day divide by. */
    public long agentDays(List<UUID> projectIds, java.time.LocalDate from, java.time.LocalDate to) {
        return jdbc.sql("""
                SELECT count(*) FROM (SELECT DISTINCT agent_id, day FROM report_day
                  WHERE project_id = ANY(?) AND day >= ? AND day < ? AND dials > 0) d""")
                .params(projectIds.toArray(UUID[]::new), java.sql.Date.valueOf(from), java.sql.Date.valueOf(to))
                .query(Long.class).single();
    }

    public List<OutcomeCount> outcomes(UUID projectId, LocalDateTime from, LocalDateTime to) {
        return jdbc.sql("""
                SELECT node, code, bool_or(connected) AS connected, sum(calls) AS calls FROM report_outcome_hour
                WHERE project_id = ? AND hour >= ? AND hour < ?
                GROUP BY node, code ORDER BY node, calls DESC, code""")
                .params(projectId, Timestamp.valueOf(from), Timestamp.valueOf(to))
                .query((rs, row) -> new OutcomeCount(rs.getInt("node"), rs.getString("code"),
                        rs.getBoolean("connected"), rs.getLong("calls")))
                .list();
    }

    public List<FunnelEnd> funnelEnd(UUID projectId, Instant from, Instant to) {
        return jdbc.sql("""
                SELECT source, campaign, count(booked_at) AS booked, count(held_at) AS held, count(won_at) AS won
                FROM report_lead WHERE project_id = ? AND entered_at >= ? AND entered_at < ?
                GROUP BY source, campaign""")
                .params(projectId, Timestamp.from(from), Timestamp.from(to))
                .query((rs, row) -> new FunnelEnd(rs.getString("source"), rs.getString("campaign"), rs.getLong("booked"), rs.getLong("held"),
                        rs.getLong("won")))
                .list();
    }

    /** Calls and appointments per agent on each project's own today (its local date). */
    public Map<UUID, long[]> today(Map<UUID, java.time.LocalDate> todayByProject) {
        Map<UUID, long[]> today = new java.util.HashMap<>();
        if (todayByProject.isEmpty()) {
            return today;
        }
        UUID[] projects = todayByProject.keySet().toArray(UUID[]::new);
        java.sql.Date[] days = java.util.Arrays.stream(projects).map(p -> java.sql.Date.valueOf(todayByProject.get(p)))
                .toArray(java.sql.Date[]::new);
        jdbc.sql("""
                SELECT r.agent_id, sum(r.dials) AS dials, sum(r.connects) AS connects, sum(r.appointments_set) AS set
                FROM unnest(?::uuid[], ?::date[]) AS p(project_id, day)
                JOIN report_day r ON r.project_id = p.project_id AND r.day = p.day
                GROUP BY r.agent_id""")
                .params(projects, days)
                .query(rs -> {
                    today.put(rs.getObject("agent_id", UUID.class),
                            new long[] {rs.getLong("dials"), rs.getLong("connects"), rs.getLong("set")});
                });
        return today;
    }

    private Sums sums(ResultSet rs, int row) throws SQLException {
        return new Sums(rs.getString("key"), new Counts(rs.getInt("dials"), rs.getInt("connects"), rs.getLong("talk"),
                rs.getLong("handle"), rs.getInt("successful"), rs.getLong("successful_talk"), rs.getInt("qualified"),
                rs.getInt("resolved"), rs.getInt("resolved_first"), rs.getInt("set"), rs.getInt("held"),
                rs.getInt("no_show"), rs.getInt("won"), rs.getBigDecimal("revenue"), rs.getInt("gatekeepers")));
    }
}

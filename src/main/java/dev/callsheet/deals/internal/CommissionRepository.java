package dev.callsheet.deals.internal;

import dev.callsheet.deals.Commissions;
import dev.callsheet.deals.Deal;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

/** {@code commission_rule} and the {@code commission_entry} ledger. */
@Repository
public class CommissionRepository {

    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() { };

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    CommissionRepository(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public List<Commissions.Rule> rules(UUID workspaceId) {
        return jdbc.sql("SELECT * FROM commission_rule WHERE workspace_id = ? ORDER BY project_id NULLS FIRST")
                .param(workspaceId).query(this::rule).list();
    }

    /** The project's rule, else the workspace's. */
    public Optional<Commissions.Rule> ruleFor(UUID workspaceId, UUID projectId) {
        return jdbc.sql("""
                SELECT * FROM commission_rule WHERE workspace_id = ? AND (project_id = ? OR project_id IS NULL)
                ORDER BY project_id NULLS LAST LIMIT 1""")
                .params(workspaceId, projectId).query(this::rule).optional();
    }

    public void replaceRules(UUID workspaceId, List<Commissions.Rule> rules, Instant now) {
        jdbc.sql("DELETE FROM commission_rule WHERE workspace_id = ?").param(workspaceId).update();
        for (Commissions.Rule r : rules) {
            jdbc.sql("""
                    INSERT INTO commission_rule (workspace_id, project_id, percent_of_amount, agent_split, rep_split,
                      agent_per_held, rep_per_held, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(workspaceId, r.projectId() == null ? null : UUID.fromString(r.projectId()),
                            r.percentOfAmount(), r.agentSplit(), r.repSplit(), r.agentPerHeld(), r.repPerHeld(),
                            Timestamp.from(now))
                    .update();
        }
    }

    /** Adds a ledger line once: a replay of the same win finds it there. */
    public void add(UUID workspaceId, Deal deal, UUID userId, String share, String kind, BigDecimal amount,
            String currency, Map<String, Object> basis, LocalDate period, Instant at) {
        jdbc.sql("""
                INSERT INTO commission_entry (workspace_id, deal_id, user_id, share, kind, amount, currency, basis,
                  period, at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?) ON CONFLICT DO NOTHING""")
                .params(workspaceId, deal.id(), userId, share, kind, amount, currency, json.writeValueAsString(basis),
                        Date.valueOf(period), Timestamp.from(at))
                .update();
    }

    /** Writes the opposite of every win line of the deal, in {@code period}. */
    public int reverse(UUID workspaceId, UUID dealId, LocalDate period, Instant at) {
        return jdbc.sql("""
                INSERT INTO commission_entry (workspace_id, deal_id, user_id, share, kind, amount, currency, basis,
                  period, at)
                SELECT workspace_id, deal_id, user_id, share, 'REVERSAL', -amount, currency,
                  basis || jsonb_build_object('reverses', id), ?, ?
                FROM commission_entry WHERE workspace_id = ? AND deal_id = ? AND kind = 'WIN'
                ON CONFLICT DO NOTHING""")
                .params(Date.valueOf(period), Timestamp.from(at), workspaceId, dealId).update();
    }

    /** Ledger lines of a period (first day of the month), of one person when given. */
    /** Commission entries (wins less reversals) on the project's deals booked in [from, to), per person. */
    public Map<UUID, List<dev.callsheet.web.Money>> earned(UUID workspaceId, UUID projectId, Instant from,
            Instant to) {
        Map<UUID, List<dev.callsheet.web.Money>> earned = new HashMap<>();
        jdbc.sql("""
                SELECT e.user_id, e.currency, sum(e.amount) AS amount FROM commission_entry e
                JOIN deal d ON d.id = e.deal_id
                WHERE e.workspace_id = ? AND d.project_id = ? AND e.at >= ? AND e.at < ?
                GROUP BY e.user_id, e.currency ORDER BY e.currency""")
                .params(workspaceId, projectId, Timestamp.from(from), Timestamp.from(to))
                .query(rs -> {
                    earned.computeIfAbsent(rs.getObject("user_id", UUID.class), k -> new java.util.ArrayList<>())
                            .add(new dev.callsheet.web.Money(rs.getString("currency").strip(),
                                    rs.getBigDecimal("amount")));
                });
        return earned;
    }

    public List<Commissions.Entry> ledger(UUID workspaceId, UUID userId, LocalDate from, LocalDate to) {
        return jdbc.sql("""
                SELECT e.*, u.username, u.display_name, d.title, c.display_name AS contact_name
                FROM commission_entry e JOIN app_user u ON u.id = e.user_id
                  JOIN deal d ON d.workspace_id = e.workspace_id AND d.id = e.deal_id
                  LEFT JOIN contact c ON c.workspace_id = d.workspace_id AND c.id = d.contact_id
                WHERE e.workspace_id = :ws AND (CAST(:user AS uuid) IS NULL OR e.user_id = :user)
                  AND e.period >= :from AND e.period < :to
                ORDER BY e.period, u.display_name, e.at, e.kind""")
                .param("ws", workspaceId).param("user", userId).param("from", Date.valueOf(from))
                .param("to", Date.valueOf(to))
                .query(this::entry).list();
    }

    private Commissions.Entry entry(ResultSet rs, int row) throws SQLException {
        String title = rs.getString("title");
        return new Commissions.Entry(rs.getObject("id", UUID.class), rs.getObject("deal_id", UUID.class),
                title != null ? title : rs.getString("contact_name"),
                new Deal.Person(rs.getObject("user_id", UUID.class), rs.getString("username"),
                        rs.getString("display_name")),
                rs.getString("share"), rs.getString("kind"), rs.getBigDecimal("amount"),
                rs.getString("currency").strip(), rs.getDate("period").toLocalDate().toString().substring(0, 7),
                json.readValue(rs.getString("basis"), OBJECT), rs.getTimestamp("at").toInstant());
    }

    private Commissions.Rule rule(ResultSet rs, int row) throws SQLException {
        UUID project = rs.getObject("project_id", UUID.class);
        return new Commissions.Rule(project == null ? null : project.toString(),
                Decimals.plain(rs.getBigDecimal("percent_of_amount")),
                Decimals.plain(rs.getBigDecimal("agent_split")), Decimals.plain(rs.getBigDecimal("rep_split")),
                rs.getBigDecimal("agent_per_held"), rs.getBigDecimal("rep_per_held"));
    }
}

package dev.callsheet.deals.internal;

import dev.callsheet.deals.Deal;
import dev.callsheet.deals.DealParts;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

/** The {@code deal} table and the tables of its parts: members, touches, notes, checks and stage changes. */
@Repository
public class DealRepository {

    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() { };
    private static final TypeReference<Map<String, String>> STRINGS = new TypeReference<>() { };
    private static final String SELECT = """
            SELECT d.*, o.username AS owner_username, o.display_name AS owner_name,
              a.username AS agent_username, a.display_name AS agent_name, c.display_name AS contact_name,
              coalesce(c.organisation_id, d.organisation_id) AS buyer_organisation_id
            FROM deal d JOIN app_user o ON o.id = d.owner_id LEFT JOIN app_user a ON a.id = d.credited_agent_id
              LEFT JOIN contact c ON c.workspace_id = d.workspace_id AND c.id = d.contact_id
            """;

    /** A deal as the pipeline board lists it, with its touches summed up. */
    public record BoardRow(Deal deal, Instant lastTwoWay, Instant lastOneWay, int touches, int twoWay) {
    }

    /** A new deal: by booking, by hand or from an import. */
    public record NewDeal(UUID workspaceId, UUID contactId, UUID ownerId, UUID agentId, UUID projectId,
            UUID appointmentId, String source, UUID pipelineId, String stage, String title, BigDecimal amount,
            String currency, LocalDate expectedClose, String qualification, Instant openedAt) {
    }

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    DealRepository(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /**
     * Opens a deal. With an appointment id it opens at most once (a redelivered booking event finds it); the
     * organisation is the card's. Returns the id, empty when the booking's deal was there already.
     */
    public Optional<UUID> open(NewDeal d) {
        return jdbc.sql("""
                INSERT INTO deal (workspace_id, contact_id, organisation_id, owner_id, credited_agent_id, project_id,
                  appointment_id, source, pipeline_id, stage, stage_entered_at, title, amount, currency, expected_close,
                  qualification, opened_at)
                SELECT :ws, c.id, c.organisation_id, :owner, :agent, :project, :appointment, :source, :pipeline, :stage,
                  :at, :title, :amount, :currency, :expectedClose, CAST(:qualification AS jsonb), :at
                FROM contact c WHERE c.workspace_id = :ws AND c.id = :contact
                ON CONFLICT (appointment_id) DO NOTHING RETURNING id""")
                .param("ws", d.workspaceId()).param("owner", d.ownerId()).param("agent", d.agentId())
                .param("project", d.projectId()).param("appointment", d.appointmentId()).param("source", d.source())
                .param("pipeline", d.pipelineId()).param("stage", d.stage()).param("at", Timestamp.from(d.openedAt()))
                .param("title", d.title()).param("amount", d.amount()).param("currency", d.currency())
                .param("expectedClose", d.expectedClose() == null ? null : Date.valueOf(d.expectedClose()))
                .param("qualification", d.qualification()).param("contact", d.contactId())
                .query(UUID.class).optional();
    }

    /** A historical deal from another system: no card; what was known rides in {@code features}. */
    public Optional<UUID> importDeal(NewDeal d, String externalId, String status, Instant closedAt, String reason,
            Map<String, String> features) {
        return jdbc.sql("""
                INSERT INTO deal (workspace_id, owner_id, source, pipeline_id, stage, stage_entered_at, title, amount,
                  currency, status, opened_at, closed_at, close_reason, external_id, features)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)
                ON CONFLICT (workspace_id, external_id) WHERE external_id IS NOT NULL DO NOTHING RETURNING id""")
                .params(d.workspaceId(), d.ownerId(), d.source(), d.pipelineId(), d.stage(),
                        Timestamp.from(d.openedAt()), d.title(), d.amount(), d.currency(), status,
                        Timestamp.from(d.openedAt()), closedAt == null ? null : Timestamp.from(closedAt), reason,
                        externalId, json.writeValueAsString(features))
                .query(UUID.class).optional();
    }

    public Optional<Deal> deal(UUID workspaceId, UUID id) {
        return jdbc.sql(SELECT + " WHERE d.workspace_id = ? AND d.id = ?").params(workspaceId, id)
                .query(this::deal).optional();
    }

    /** The deal, locked for a change; another change of it waits until this one commits. */
    public Optional<Deal> lock(UUID workspaceId, UUID id) {
        return jdbc.sql(SELECT + " WHERE d.workspace_id = ? AND d.id = ? FOR UPDATE OF d").params(workspaceId, id)
                .query(this::deal).optional();
    }

    public List<Deal> ofContact(UUID workspaceId, UUID contactId) {
        return jdbc.sql(SELECT + " WHERE d.workspace_id = ? AND d.contact_id = ? ORDER BY d.opened_at DESC, d.id")
                .params(workspaceId, contactId).query(this::deal).list();
    }

    /** Open deals of a pipeline (of one owner when given) with their touches summed up, for the board. */
    public List<BoardRow> board(UUID workspaceId, UUID pipelineId, UUID ownerId) {
        return jdbc.sql(SELECT.replace("FROM deal d", ", t.last_two_way, t.last_one_way, coalesce(t.n, 0) AS touches,"
                + " coalesce(t.two_way, 0) AS two_way FROM deal d") + """
                LEFT JOIN LATERAL (SELECT max(at) FILTER (WHERE two_way) AS last_two_way,
                    max(at) FILTER (WHERE NOT two_way) AS last_one_way, count(*) AS n,
                    count(*) FILTER (WHERE two_way) AS two_way
                  FROM deal_touch WHERE deal_id = d.id) t ON true
                WHERE d.workspace_id = :ws AND d.pipeline_id = :pipeline AND d.status = 'OPEN'
                  AND (CAST(:owner AS uuid) IS NULL OR d.owner_id = :owner)
                ORDER BY d.stage_entered_at, d.id""")
                .param("ws", workspaceId).param("pipeline", pipelineId).param("owner", ownerId)
                .query((rs, n) -> new BoardRow(deal(rs, n), instant(rs, "last_two_way"), instant(rs, "last_one_way"),
                        rs.getInt("touches"), rs.getInt("two_way")))
                .list();
    }

    /** A person's deals, open first: owned, or credited to them as the agent. */
    public List<Deal> of(UUID workspaceId, UUID userId, int limit) {
        return jdbc.sql(SELECT + """
                 WHERE d.workspace_id = ? AND (d.owner_id = ? OR d.credited_agent_id = ?)
                ORDER BY d.status <> 'OPEN', coalesce(d.closed_at, d.opened_at) DESC LIMIT ?""")
                .params(workspaceId, userId, userId, limit).query(this::deal).list();
    }

    public void update(UUID workspaceId, UUID id, String title, BigDecimal amount, String currency,
            LocalDate expectedClose, UUID ownerId) {
        jdbc.sql("""
                UPDATE deal SET title = ?, amount = ?, currency = ?, expected_close = ?, owner_id = ?,
                  version = version + 1
                WHERE workspace_id = ? AND id = ?""")
                .params(title, amount, currency, expectedClose == null ? null : Date.valueOf(expectedClose), ownerId,
                        workspaceId, id)
                .update();
    }

    public void moveTo(UUID workspaceId, UUID id, String stage, Instant at) {
        jdbc.sql("UPDATE deal SET stage = ?, stage_entered_at = ?, version = version + 1 WHERE workspace_id = ? AND id = ?")
                .params(stage, Timestamp.from(at), workspaceId, id).update();
    }

    public void close(UUID workspaceId, UUID id, String status, String reason, String note, Instant at) {
        jdbc.sql("""
                UPDATE deal SET status = ?, close_reason = ?, close_note = ?, closed_at = ?, version = version + 1
                WHERE workspace_id = ? AND id = ?""")
                .params(status, reason, note, Timestamp.from(at), workspaceId, id).update();
    }

    /** Records a move or a close, with the exit data known and missing then. */
    public void recordChange(UUID workspaceId, UUID dealId, String from, String to, String toStatus,
            Collection<String> known, Collection<String> missing, String justification, Double daysInStage,
            int touches, int twoWay, UUID byUserId, Instant at) {
        jdbc.sql("""
                INSERT INTO deal_stage_change (workspace_id, deal_id, from_stage, to_stage, to_status, known, missing,
                  justification, days_in_stage, touches, two_way, by_user_id, at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(workspaceId, dealId, from, to, toStatus, known.toArray(String[]::new),
                        missing.toArray(String[]::new), justification, daysInStage, touches, twoWay, byUserId,
                        Timestamp.from(at))
                .update();
    }

    public List<DealParts.StageChange> history(UUID workspaceId, UUID dealId) {
        return jdbc.sql("""
                SELECT h.*, u.username, u.display_name FROM deal_stage_change h LEFT JOIN app_user u ON u.id = h.by_user_id
                WHERE h.workspace_id = ? AND h.deal_id = ? ORDER BY h.id""")
                .params(workspaceId, dealId)
                .query((rs, n) -> new DealParts.StageChange(rs.getString("from_stage"), rs.getString("to_stage"),
                        rs.getString("to_status"), strings(rs.getArray("known")), strings(rs.getArray("missing")),
                        rs.getString("justification"), person(rs, "by_user_id", "username", "display_name"),
                        rs.getTimestamp("at").toInstant()))
                .list();
    }

    public List<DealParts.Member> members(UUID workspaceId, UUID dealId) {
        return jdbc.sql("""
                SELECT m.*, c.display_name FROM deal_member m JOIN contact c ON c.workspace_id = m.workspace_id
                  AND c.id = m.contact_id
                WHERE m.workspace_id = ? AND m.deal_id = ? ORDER BY m.added_at, c.display_name""")
                .params(workspaceId, dealId)
                .query((rs, n) -> new DealParts.Member(rs.getObject("contact_id", UUID.class),
                        rs.getString("display_name"), rs.getString("role"), rs.getString("personal_goal")))
                .list();
    }

    /** The buying teams of many deals at once, for the board. */
    public Map<UUID, List<DealParts.Member>> members(UUID workspaceId, Collection<UUID> dealIds) {
        Map<UUID, List<DealParts.Member>> out = new java.util.HashMap<>();
        if (dealIds.isEmpty()) {
            return out;
        }
        jdbc.sql("""
                SELECT m.*, c.display_name FROM deal_member m JOIN contact c ON c.workspace_id = m.workspace_id
                  AND c.id = m.contact_id
                WHERE m.workspace_id = ? AND m.deal_id = ANY(?)""")
                .params(workspaceId, dealIds.toArray(UUID[]::new))
                .query((ResultSet rs) -> {
                    out.computeIfAbsent(rs.getObject("deal_id", UUID.class), k -> new ArrayList<>())
                            .add(new DealParts.Member(rs.getObject("contact_id", UUID.class),
                                    rs.getString("display_name"), rs.getString("role"), rs.getString("personal_goal")));
                });
        return out;
    }

    /** The ticked checklist codes of many deals at once, for the board. */
    public Map<UUID, List<DealParts.Check>> checks(UUID workspaceId, Collection<UUID> dealIds) {
        Map<UUID, List<DealParts.Check>> out = new java.util.HashMap<>();
        if (dealIds.isEmpty()) {
            return out;
        }
        jdbc.sql("SELECT deal_id, code, done, note, at FROM deal_check WHERE workspace_id = ? AND deal_id = ANY(?)")
                .params(workspaceId, dealIds.toArray(UUID[]::new))
                .query((ResultSet rs) -> {
                    out.computeIfAbsent(rs.getObject("deal_id", UUID.class), k -> new ArrayList<>())
                            .add(new DealParts.Check(rs.getString("code"), rs.getBoolean("done"), rs.getString("note"),
                                    null, rs.getTimestamp("at").toInstant()));
                });
        return out;
    }

    public void saveMember(UUID workspaceId, UUID dealId, UUID contactId, String role, String goal, Instant at) {
        jdbc.sql("""
                INSERT INTO deal_member (workspace_id, deal_id, contact_id, role, personal_goal, added_at)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (deal_id, contact_id) DO UPDATE SET role = EXCLUDED.role,
                  personal_goal = EXCLUDED.personal_goal""")
                .params(workspaceId, dealId, contactId, role, goal, Timestamp.from(at)).update();
    }

    public boolean removeMember(UUID workspaceId, UUID dealId, UUID contactId) {
        return jdbc.sql("DELETE FROM deal_member WHERE workspace_id = ? AND deal_id = ? AND contact_id = ?")
                .params(workspaceId, dealId, contactId).update() == 1;
    }

    public UUID addTouch(UUID workspaceId, UUID dealId, String kind, boolean twoWay, Instant at, UUID by,
            String note) {
        return jdbc.sql("""
                INSERT INTO deal_touch (workspace_id, deal_id, kind, two_way, at, by_user_id, note)
                VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id""")
                .params(workspaceId, dealId, kind, twoWay, Timestamp.from(at), by, note).query(UUID.class).single();
    }

    public List<DealParts.Touch> touches(UUID workspaceId, UUID dealId) {
        return jdbc.sql("""
                SELECT t.*, u.username, u.display_name FROM deal_touch t LEFT JOIN app_user u ON u.id = t.by_user_id
                WHERE t.workspace_id = ? AND t.deal_id = ? ORDER BY t.at DESC, t.id""")
                .params(workspaceId, dealId)
                .query((rs, n) -> new DealParts.Touch(rs.getObject("id", UUID.class), rs.getString("kind"),
                        rs.getBoolean("two_way"), rs.getTimestamp("at").toInstant(),
                        person(rs, "by_user_id", "username", "display_name"), rs.getString("note")))
                .list();
    }

    public UUID addNote(UUID workspaceId, UUID dealId, String text, UUID by, Instant at) {
        return jdbc.sql("INSERT INTO deal_note (workspace_id, deal_id, text, by_user_id, at) VALUES (?, ?, ?, ?, ?) RETURNING id")
                .params(workspaceId, dealId, text, by, Timestamp.from(at)).query(UUID.class).single();
    }

    public List<DealParts.Note> notes(UUID workspaceId, UUID dealId) {
        return jdbc.sql("""
                SELECT n.*, u.username, u.display_name FROM deal_note n LEFT JOIN app_user u ON u.id = n.by_user_id
                WHERE n.workspace_id = ? AND n.deal_id = ? ORDER BY n.at DESC, n.id""")
                .params(workspaceId, dealId)
                .query((rs, n) -> new DealParts.Note(rs.getObject("id", UUID.class), rs.getString("text"),
                        person(rs, "by_user_id", "username", "display_name"), rs.getTimestamp("at").toInstant()))
                .list();
    }

    public void saveCheck(UUID workspaceId, UUID dealId, String code, boolean done, String note, UUID by, Instant at) {
        jdbc.sql("""
                INSERT INTO deal_check (workspace_id, deal_id, code, done, note, by_user_id, at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (deal_id, code) DO UPDATE SET done = EXCLUDED.done, note = EXCLUDED.note,
                  by_user_id = EXCLUDED.by_user_id, at = EXCLUDED.at""")
                .params(workspaceId, dealId, code, done, note, by, Timestamp.from(at)).update();
    }

    public List<DealParts.Check> checks(UUID workspaceId, UUID dealId) {
        return jdbc.sql("""
                SELECT k.*, u.username, u.display_name FROM deal_check k LEFT JOIN app_user u ON u.id = k.by_user_id
                WHERE k.workspace_id = ? AND k.deal_id = ? ORDER BY k.code""")
                .params(workspaceId, dealId)
                .query((rs, n) -> new DealParts.Check(rs.getString("code"), rs.getBoolean("done"), rs.getString("note"),
                        person(rs, "by_user_id", "username", "display_name"), rs.getTimestamp("at").toInstant()))
                .list();
    }

    /** How many meetings of the deal's lead were held (for commissions per held appointment). */
    public int heldMeetings(UUID workspaceId, UUID contactId) {
        if (contactId == null) {
            return 0;
        }
        return jdbc.sql("SELECT count(*) FROM appointment WHERE workspace_id = ? AND contact_id = ? AND status = 'HELD'")
                .params(workspaceId, contactId).query(Integer.class).single();
    }

    private Deal deal(ResultSet rs, int row) throws SQLException {
        String qualification = rs.getString("qualification");
        Date expected = rs.getDate("expected_close");
        String currency = rs.getString("currency");
        return new Deal(rs.getObject("id", UUID.class), rs.getObject("contact_id", UUID.class),
                rs.getString("contact_name"), rs.getObject("buyer_organisation_id", UUID.class),
                person(rs, "owner_id", "owner_username", "owner_name"),
                person(rs, "credited_agent_id", "agent_username", "agent_name"),
                rs.getObject("project_id", UUID.class), rs.getObject("appointment_id", UUID.class),
                rs.getString("source"), rs.getObject("pipeline_id", UUID.class), rs.getString("stage"),
                rs.getString("status"), rs.getString("title"), rs.getBigDecimal("amount"),
                currency == null ? null : currency.strip(), expected == null ? null : expected.toLocalDate(),
                instant(rs, "stage_entered_at"), rs.getTimestamp("opened_at").toInstant(), instant(rs, "closed_at"),
                rs.getString("close_reason"), rs.getString("close_note"),
                qualification == null ? null : json.readValue(qualification, OBJECT),
                json.readValue(rs.getString("features"), STRINGS), rs.getInt("version"));
    }

    static Deal.Person person(ResultSet rs, String id, String username, String name) throws SQLException {
        UUID userId = rs.getObject(id, UUID.class);
        return userId == null ? null : new Deal.Person(userId, rs.getString(username), rs.getString(name));
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : new ArrayList<>(Arrays.asList((String[]) array.getArray()));
    }
}

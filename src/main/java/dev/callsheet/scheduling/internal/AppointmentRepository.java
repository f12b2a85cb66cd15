package dev.callsheet.scheduling.internal;

import dev.callsheet.scheduling.Appointment;
import dev.callsheet.scheduling.Person;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

/** The {@code appointment} table: live meetings hold their rep's time, buffers included. */
@Repository
public class AppointmentRepository {

    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() { };

    /** A meeting to write. */
    public record NewAppointment(UUID workspaceId, UUID contactId, UUID projectId, UUID attemptId, UUID repId,
            UUID bookedBy, String type, String location, String notes, Instant start, Instant end, Instant blockedFrom,
            Instant blockedTo, String choice, String choiceReason, String repTimeZone, String leadTimeZone,
            boolean inviteLead, String leadEmail, String qualification, Instant now, Where where) {
    }

    /** Where a meeting is: its type's place (LEAD, OFFICE, PHONE, VIDEO) and, at the lead's, their country and postcode. */
    public record Where(String place, String country, String postcode) {
    }

    /**
     * A rep's live meeting: what it blocks, when it starts and ends, and where it is ({@link TravelTimes.Place}; null
     * for a call).
     */
    public record Held(UUID repId, Instant blockedFrom, Instant blockedTo, Instant start, Instant end,
            TravelTimes.Place place) {

        public Held(UUID repId, Instant blockedFrom, Instant blockedTo, Instant start) {
            this(repId, blockedFrom, blockedTo, start, start, null);
        }
    }

    private static final String SELECT = """
            SELECT a.*, lower(a.blocked) AS blocked_from, upper(a.blocked) AS blocked_to,
              r.username AS rep_username, r.display_name AS rep_name,
              b.username AS booker_username, b.display_name AS booker_name, c.display_name AS lead_name
            FROM appointment a JOIN app_user r ON r.id = a.rep_id JOIN app_user b ON b.id = a.booked_by
            JOIN contact c ON c.id = a.contact_id
            """;

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    AppointmentRepository(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /**
     * Serialises the bookings of a workspace until commit, so that caps and the owner/territory/round-robin choice
     * see every earlier booking. One lock per transaction: no lock-order deadlocks between bookings.
     */
    public void lockWorkspace(UUID workspaceId) {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended('booking:' || ?::text, 0))").param(workspaceId)
                .query((rs, n) -> 1).list();
    }

    /**
     * Writes the meeting unless its time (with buffers) overlaps a live meeting of the rep, or the lead already
     * has a live meeting at that start: then nothing is written and the result is empty.
     */
    public Optional<UUID> insert(NewAppointment a) {
        return jdbc.sql("""
                INSERT INTO appointment (workspace_id, contact_id, project_id, attempt_id, rep_id, booked_by, type,
                  location, notes, starts_at, ends_at, blocked, status, choice, choice_reason, rep_time_zone,
                  lead_time_zone, invite_lead, lead_email, qualification, created_at, updated_at, place, place_country,
                  place_postcode)
                VALUES (:ws, :contact, :project, :attempt, :rep, :bookedBy, :type, :location, :notes, :start, :end,
                  tstzrange(:blockedFrom, :blockedTo, '[)'), 'BOOKED', :choice, :reason, :repZone, :leadZone,
                  :inviteLead, :leadEmail, :qualification::jsonb, :now, :now, :place, :placeCountry, :placePostcode)
                ON CONFLICT DO NOTHING RETURNING id""")
                .param("ws", a.workspaceId()).param("contact", a.contactId()).param("project", a.projectId())
                .param("attempt", a.attemptId()).param("rep", a.repId()).param("bookedBy", a.bookedBy())
                .param("type", a.type()).param("location", a.location()).param("notes", a.notes())
                .param("start", Timestamp.from(a.start())).param("end", Timestamp.from(a.end()))
                .param("blockedFrom", Timestamp.from(a.blockedFrom())).param("blockedTo", Timestamp.from(a.blockedTo()))
                .param("choice", a.choice()).param("reason", a.choiceReason()).param("repZone", a.repTimeZone())
                .param("leadZone", a.leadTimeZone()).param("inviteLead", a.inviteLead())
                .param("leadEmail", a.leadEmail()).param("qualification", a.qualification())
                .param("now", Timestamp.from(a.now())).param("place", a.where().place())
                .param("placeCountry", a.where().country()).param("placePostcode", a.where().postcode())
                .query(UUID.class).optional();
    }

    /** The lead's live meeting at this start, if a double click already booked it. */
    public Optional<UUID> liveAt(UUID workspaceId, UUID contactId, Instant start) {
        return jdbc.sql("""
                SELECT id FROM appointment WHERE workspace_id = ? AND contact_id = ? AND starts_at = ?
                  AND status <> 'CANCELLED'""")
                .params(workspaceId, contactId, Timestamp.from(start)).query(UUID.class).optional();
    }

    /**
     * The live meetings of these reps starting in [from, to) (callers widen it by the buffers and the caps' week):
     * every workspace's, since a person cannot be in two meetings whichever company booked them.
     */
    public Map<UUID, List<Held>> held(Collection<UUID> reps, Instant from, Instant to, UUID except) {
        Map<UUID, List<Held>> held = new HashMap<>();
        // epoch milliseconds rather than timestamptz: thousands of rows, and the driver parses timestamps as text
        jdbc.sql("""
                SELECT rep_id, (extract(epoch FROM lower(blocked)) * 1000)::bigint AS f,
                  (extract(epoch FROM upper(blocked)) * 1000)::bigint AS t,
                  (extract(epoch FROM starts_at) * 1000)::bigint AS s,
                  (extract(epoch FROM ends_at) * 1000)::bigint AS e, place, place_country, place_postcode
                FROM appointment
                WHERE rep_id = ANY(?) AND status <> 'CANCELLED' AND starts_at < ? AND starts_at >= ?
                  AND id IS DISTINCT FROM ?""")
                .params(reps.toArray(UUID[]::new), Timestamp.from(to), Timestamp.from(from), except)
                .query((ResultSet rs) -> {
                    UUID rep = rs.getObject("rep_id", UUID.class);
                    held.computeIfAbsent(rep, k -> new ArrayList<>()).add(new Held(rep,
                            Instant.ofEpochMilli(rs.getLong("f")), Instant.ofEpochMilli(rs.getLong("t")),
                            Instant.ofEpochMilli(rs.getLong("s")), Instant.ofEpochMilli(rs.getLong("e")),
                            place(rs.getString("place"), rs.getString("place_country"), rs.getString("place_postcode"))));
                });
        return held;
    }

    /**
     * Each active rep's standing for round robin this month (see {@link RepChooser}), from one read of the month's
     * bookings (rep and time, in time order): counts since each rep's calibration point are binary searches.
     */
    public List<RepChooser.Standing> standings(UUID workspaceId, Instant monthStart) {
        record Rep(UUID id, int weight, Instant since) {
        }
        Timestamp month = Timestamp.from(monthStart);
        List<Rep> reps = jdbc.sql("""
                SELECT c.user_id, c.weight, greatest(c.calibrated_from, ?) AS since
                FROM rep_calendar c JOIN membership m ON m.workspace_id = c.workspace_id AND m.user_id = c.user_id
                WHERE c.workspace_id = ? AND c.active AND m.active AND 'REP' = ANY(m.roles)""")
                .params(month, workspaceId)
                .query((rs, n) -> new Rep(rs.getObject("user_id", UUID.class), rs.getInt("weight"),
                        rs.getTimestamp("since").toInstant()))
                .list();
        List<Instant> all = new ArrayList<>();
        Map<UUID, List<Instant>> byRep = new HashMap<>();
        jdbc.sql("""
                SELECT rep_id, created_at FROM appointment
                WHERE workspace_id = ? AND created_at >= ? AND status <> 'CANCELLED' ORDER BY created_at""")
                .params(workspaceId, month)
                .query((ResultSet rs) -> {
                    Instant at = rs.getTimestamp("created_at").toInstant();
                    all.add(at);
                    byRep.computeIfAbsent(rs.getObject("rep_id", UUID.class), k -> new ArrayList<>()).add(at);
                });
        List<RepChooser.Standing> standings = new ArrayList<>();
        for (Rep rep : reps) {
            List<Instant> mine = byRep.getOrDefault(rep.id(), List.of());
            int mineBefore = before(mine, rep.since());
            double calibration = 0;
            if (rep.since().isAfter(monthStart)) {
                long others = before(all, rep.since()) - mineBefore;
                double othersWeight = reps.stream().filter(o -> !o.id().equals(rep.id()) && o.since().isBefore(rep.since()))
                        .mapToInt(Rep::weight).sum();
                calibration = RepChooser.calibration(rep.weight(), others, othersWeight);
            }
            standings.add(new RepChooser.Standing(rep.id(), rep.weight(), mine.size() - mineBefore, calibration,
                    mine.isEmpty() ? null : mine.get(mine.size() - 1)));
        }
        return standings;
    }

    /** How many of the sorted instants fall before {@code at}. */
    private static int before(List<Instant> sorted, Instant at) {
        int low = 0;
        int high = sorted.size();
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (sorted.get(mid).isBefore(at)) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    public Optional<Appointment> find(UUID workspaceId, UUID id) {
        return jdbc.sql(SELECT + " WHERE a.workspace_id = ? AND a.id = ?").params(workspaceId, id)
                .query(this::appointment).optional();
    }

    /** Locks the row for a change. */
    public Optional<Appointment> lock(UUID workspaceId, UUID id) {
        return jdbc.sql(SELECT + " WHERE a.workspace_id = ? AND a.id = ? FOR UPDATE OF a").params(workspaceId, id)
                .query(this::appointment).optional();
    }

    /** Meetings starting in [from, to), of some reps (all when empty), optionally with cancelled ones. */
    public List<Appointment> between(UUID workspaceId, Collection<UUID> reps, Instant from, Instant to,
            boolean withCancelled) {
        UUID[] ids = reps.toArray(UUID[]::new);
        return jdbc.sql(SELECT + """
                 WHERE a.workspace_id = ? AND a.starts_at >= ? AND a.starts_at < ?
                  AND (cardinality(?::uuid[]) = 0 OR a.rep_id = ANY(?)) AND (? OR a.status <> 'CANCELLED')
                ORDER BY a.starts_at, r.display_name LIMIT 2000""")
                .params(workspaceId, Timestamp.from(from), Timestamp.from(to), ids, ids, withCancelled)
                .query(this::appointment).list();
    }

    public List<Appointment> ofLead(UUID workspaceId, UUID contactId) {
        return jdbc.sql(SELECT + " WHERE a.workspace_id = ? AND a.contact_id = ? ORDER BY a.starts_at DESC LIMIT 100")
                .params(workspaceId, contactId).query(this::appointment).list();
    }

    public void move(UUID id, UUID repId, String type, String location, Instant start, Instant end, Instant blockedFrom,
            Instant blockedTo, String repTimeZone, Instant now, Where where) {
        jdbc.sql("""
                UPDATE appointment SET rep_id = ?, type = ?, location = ?, starts_at = ?, ends_at = ?,
                  blocked = tstzrange(?, ?, '[)'), rep_time_zone = ?, sequence = sequence + 1,
                  reminder_sent_at = NULL, updated_at = ?, place = ?, place_country = ?, place_postcode = ?
                WHERE id = ?""")
                .params(repId, type, location, Timestamp.from(start), Timestamp.from(end), Timestamp.from(blockedFrom),
                        Timestamp.from(blockedTo), repTimeZone, Timestamp.from(now), where.place(), where.country(),
                        where.postcode(), id)
                .update();
    }

    /** A stored meeting's place for travel: null for calls and meetings booked before places were kept. */
    private static TravelTimes.Place place(String place, String country, String postcode) {
        return TravelTimes.Place.of(place, country, postcode);
    }

    /**
     * The live meetings of a workspace starting in [from, to) with what the rules of issue 25 need of each: the
     * lead's address as on the card now, whether the lead is an organisation, and the meeting's place and project.
     */
    public List<Checked> toCheck(UUID workspaceId, Instant from, Instant to) {
        return jdbc.sql("""
                SELECT a.id, a.rep_id, a.type, a.project_id, a.starts_at, a.ends_at, a.lead_time_zone, a.place,
                  a.place_country, a.place_postcode, c.country, c.postcode, c.address, c.city, r.name AS region,
                  c.organisation_id IS NOT NULL AS organisation
                FROM appointment a JOIN contact c ON c.workspace_id = a.workspace_id AND c.id = a.contact_id
                LEFT JOIN region r ON r.workspace_id = c.workspace_id AND r.id = c.region_id
                WHERE a.workspace_id = ? AND a.status = 'BOOKED' AND a.starts_at >= ? AND a.starts_at < ?
                ORDER BY a.starts_at""")
                .params(workspaceId, Timestamp.from(from), Timestamp.from(to))
                .query((rs, n) -> new Checked(rs.getObject("id", UUID.class), rs.getObject("rep_id", UUID.class),
                        rs.getString("type"), rs.getObject("project_id", UUID.class),
                        rs.getTimestamp("starts_at").toInstant(), rs.getTimestamp("ends_at").toInstant(),
                        rs.getString("lead_time_zone"), new Where(rs.getString("place"), rs.getString("place_country"),
                                rs.getString("place_postcode")),
                        rs.getString("country"), rs.getString("region"), rs.getString("postcode"),
                        rs.getString("address") != null || rs.getString("postcode") != null
                                || rs.getString("city") != null,
                        rs.getBoolean("organisation")))
                .list();
    }

    /** A booked meeting as the rules' check sees it. */
    public record Checked(UUID id, UUID repId, String type, UUID projectId, Instant start, Instant end,
            String leadTimeZone, Where where, String leadCountry, String leadRegion, String leadPostcode,
            boolean leadHasAddress, boolean leadIsOrganisation) {
    }

    public void setStatus(UUID id, String status, String cancelReason, boolean newSequence, Instant now) {
        jdbc.sql("""
                UPDATE appointment SET status = ?, cancel_reason = coalesce(?, cancel_reason),
                  sequence = sequence + CASE WHEN ? THEN 1 ELSE 0 END, updated_at = ?
                WHERE id = ?""")
                .params(status, cancelReason, newSequence, Timestamp.from(now), id).update();
    }

    /** Meetings starting within the reminder lead time that have had no reminder yet. */
    public List<Appointment> dueForReminder(Instant now, Instant until) {
        return jdbc.sql(SELECT + """
                 WHERE a.status = 'BOOKED' AND a.reminder_sent_at IS NULL AND a.starts_at > ? AND a.starts_at <= ?
                ORDER BY a.starts_at LIMIT 200 FOR UPDATE OF a SKIP LOCKED""")
                .params(Timestamp.from(now), Timestamp.from(until)).query(this::appointment).list();
    }

    public void reminded(UUID id, Instant now) {
        jdbc.sql("UPDATE appointment SET reminder_sent_at = ? WHERE id = ?").params(Timestamp.from(now), id).update();
    }

    public UUID workspaceOf(UUID id) {
        return jdbc.sql("SELECT workspace_id FROM appointment WHERE id = ?").param(id).query(UUID.class).single();
    }

    private Appointment appointment(ResultSet rs, int row) throws SQLException {
        Instant start = rs.getTimestamp("starts_at").toInstant();
        String repZone = rs.getString("rep_time_zone");
        String leadZone = rs.getString("lead_time_zone");
        String qualification = rs.getString("qualification");
        return new Appointment(rs.getObject("id", UUID.class),
                new Appointment.Lead(rs.getObject("contact_id", UUID.class), rs.getString("lead_name"),
                        rs.getString("lead_email")),
                rs.getObject("project_id", UUID.class),
                new Person(rs.getObject("rep_id", UUID.class), rs.getString("rep_username"), rs.getString("rep_name")),
                new Person(rs.getObject("booked_by", UUID.class), rs.getString("booker_username"),
                        rs.getString("booker_name")),
                rs.getString("type"), rs.getString("location"), rs.getString("notes"), start,
                rs.getTimestamp("ends_at").toInstant(), rs.getTimestamp("blocked_from").toInstant(),
                rs.getTimestamp("blocked_to").toInstant(), rs.getString("status"), rs.getString("choice"),
                rs.getString("choice_reason"), repZone, leadZone,
                start.atZone(ZoneId.of(repZone)).toOffsetDateTime(), start.atZone(ZoneId.of(leadZone)).toOffsetDateTime(),
                qualification == null ? null : json.readValue(qualification, OBJECT), rs.getString("cancel_reason"),
                rs.getInt("sequence"), rs.getBoolean("invite_lead"), rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }
}

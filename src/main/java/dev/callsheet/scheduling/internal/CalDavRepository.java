package dev.callsheet.scheduling.internal;

import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL of the reps' CalDAV calendars: the connection, its busy times, the outbox of writes and the copies written. */
@Repository
public class CalDavRepository {

    /** A rep's connected calendar; the password stays sealed. */
    public record Connection(UUID workspaceId, UUID userId, String url, String username, byte[] sealedPassword,
            Instant lastSyncAt, Instant lastAttemptAt, String lastError, Instant lastErrorAt, int busyCount) {
    }

    /** A write waiting for its rep's calendar. */
    public record Pending(long id, UUID workspaceId, UUID appointmentId, int attempts) {
    }

    /** Where a meeting's copy is. */
    public record Copy(UUID appointmentId, UUID workspaceId, UUID userId, String href, int sequence) {
    }

    private final JdbcClient jdbc;

    CalDavRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Connection> connection(UUID workspaceId, UUID userId) {
        return jdbc.sql("SELECT * FROM rep_caldav WHERE workspace_id = ? AND user_id = ?")
                .params(workspaceId, userId).query(CalDavRepository::connection).optional();
    }

    public List<Connection> dueForSync(Instant before, int limit) {
        return jdbc.sql("""
                SELECT * FROM rep_caldav WHERE last_attempt_at IS NULL OR last_attempt_at < ?
                ORDER BY last_attempt_at NULLS FIRST LIMIT ?""")
                .params(Timestamp.from(before), limit).query(CalDavRepository::connection).list();
    }

    public void save(UUID workspaceId, UUID userId, String url, String username, byte[] sealed, Instant now) {
        jdbc.sql("""
                INSERT INTO rep_caldav (workspace_id, user_id, url, username, password_secret, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (workspace_id, user_id) DO UPDATE SET url = excluded.url, username = excluded.username,
                  password_secret = excluded.password_secret, updated_at = excluded.updated_at,
                  last_attempt_at = NULL, last_error = NULL, last_error_at = NULL""")
                .params(workspaceId, userId, url, username, sealed, Timestamp.from(now), Timestamp.from(now)).update();
    }

    public boolean delete(UUID workspaceId, UUID userId) {
        boolean gone = jdbc.sql("DELETE FROM rep_caldav WHERE workspace_id = ? AND user_id = ?")
                .params(workspaceId, userId).update() > 0;
        if (gone) {
            bumpVersion(userId);
        }
        return gone;
    }

    /** Replaces the rep's busy times with a fresh read; moves availability's version only when they changed. */
    public void replaceBusy(UUID workspaceId, UUID userId, List<SlotFinder.Busy> busy, Instant now) {
        List<SlotFinder.Busy> before = jdbc.sql("""
                SELECT starts_at, ends_at FROM rep_busy WHERE workspace_id = ? AND user_id = ?
                ORDER BY starts_at, ends_at""").params(workspaceId, userId)
                .query((rs, n) -> new SlotFinder.Busy(rs.getTimestamp(1).toInstant(), rs.getTimestamp(2).toInstant()))
                .list();
        List<SlotFinder.Busy> after = new ArrayList<>(busy);
        after.sort((a, b) -> a.from().equals(b.from()) ? a.to().compareTo(b.to()) : a.from().compareTo(b.from()));
        if (!before.equals(after)) {
            jdbc.sql("DELETE FROM rep_busy WHERE workspace_id = ? AND user_id = ?").params(workspaceId, userId).update();
            for (SlotFinder.Busy b : after) {
                jdbc.sql("INSERT INTO rep_busy (workspace_id, user_id, starts_at, ends_at) VALUES (?, ?, ?, ?)")
                        .params(workspaceId, userId, Timestamp.from(b.from()), Timestamp.from(b.to())).update();
            }
            bumpVersion(userId);
        }
        jdbc.sql("""
                UPDATE rep_caldav SET last_sync_at = ?, last_attempt_at = ?, last_error = NULL, last_error_at = NULL,
                  busy_count = ? WHERE workspace_id = ? AND user_id = ?""")
                .params(Timestamp.from(now), Timestamp.from(now), after.size(), workspaceId, userId).update();
    }

    public void failed(UUID workspaceId, UUID userId, String error, Instant now, boolean sync) {
        jdbc.sql("UPDATE rep_caldav SET last_error = ?, last_error_at = ?" + (sync ? ", last_attempt_at = ?" : "")
                + " WHERE workspace_id = ? AND user_id = ?")
                .params(sync ? List.of(error, Timestamp.from(now), Timestamp.from(now), workspaceId, userId)
                        : List.of(error, Timestamp.from(now), workspaceId, userId)).update();
    }

    /** Busy times of the reps' own calendars that meet [from, to), by rep (of any workspace: one person, one time). */
    public Map<UUID, List<SlotFinder.Busy>> busy(Collection<UUID> reps, Instant from, Instant to) {
        Map<UUID, List<SlotFinder.Busy>> busy = new HashMap<>();
        if (reps.isEmpty()) {
            return busy;
        }
        jdbc.sql("""
                SELECT user_id, starts_at, ends_at FROM rep_busy
                WHERE user_id = ANY(?) AND starts_at < ? AND ends_at > ?""")
                .params(reps.toArray(UUID[]::new), Timestamp.from(to), Timestamp.from(from))
                .query((ResultSet rs) -> {
                    UUID rep = rs.getObject(1, UUID.class);
                    busy.computeIfAbsent(rep, k -> new ArrayList<>()).add(new SlotFinder.Busy(
                            rs.getTimestamp(2).toInstant(), rs.getTimestamp(3).toInstant()));
                });
        return busy;
    }

    /**
     * Queues a write of the meeting to its rep's calendar, in the caller's transaction, when that rep has a calendar
     * connected or an earlier copy must be updated or removed.
     */
    public void enqueue(UUID workspaceId, UUID appointmentId, UUID repId, Instant now) {
        jdbc.sql("""
                INSERT INTO caldav_outbox (workspace_id, appointment_id, created_at, next_attempt_at)
                SELECT ?, ?, ?, ?
                WHERE EXISTS (SELECT 1 FROM rep_caldav WHERE workspace_id = ? AND user_id = ?)
                   OR EXISTS (SELECT 1 FROM caldav_copy WHERE appointment_id = ?)""")
                .params(workspaceId, appointmentId, Timestamp.from(now), Timestamp.from(now), workspaceId, repId,
                        appointmentId).update();
    }

    /** Queues the rep's meetings still to come, when a calendar is connected. */
    public int enqueueUpcoming(UUID workspaceId, UUID repId, Instant now) {
        return jdbc.sql("""
                INSERT INTO caldav_outbox (workspace_id, appointment_id, created_at, next_attempt_at)
                SELECT workspace_id, id, ?, ? FROM appointment
                WHERE workspace_id = ? AND rep_id = ? AND status = 'BOOKED' AND ends_at > ?""")
                .params(Timestamp.from(now), Timestamp.from(now), workspaceId, repId, Timestamp.from(now)).update();
    }

    /**
     * Takes up to {@code limit} due writes, leasing them until {@code leaseUntil} so that another instance does not
     * take them meanwhile; a crash leaves them to be taken again after the lease.
     */
    public List<Pending> take(Instant now, Instant leaseUntil, int limit) {
        return jdbc.sql("""
                UPDATE caldav_outbox SET next_attempt_at = ?, attempts = attempts + 1
                WHERE id IN (SELECT id FROM caldav_outbox WHERE next_attempt_at <= ? ORDER BY id LIMIT ?
                             FOR UPDATE SKIP LOCKED)
                RETURNING id, workspace_id, appointment_id, attempts""")
                .params(Timestamp.from(leaseUntil), Timestamp.from(now), limit)
                .query((rs, n) -> new Pending(rs.getLong(1), rs.getObject(2, UUID.class), rs.getObject(3, UUID.class),
                        rs.getInt(4))).list();
    }

    public void done(long id) {
        jdbc.sql("DELETE FROM caldav_outbox WHERE id = ?").param(id).update();
    }

    public void retryLater(long id, Instant at, String error) {
        jdbc.sql("UPDATE caldav_outbox SET next_attempt_at = ?, last_error = ? WHERE id = ?")
                .params(Timestamp.from(at), error, id).update();
    }

    public int pending(UUID workspaceId, UUID userId) {
        return jdbc.sql("""
                SELECT count(*) FROM caldav_outbox o JOIN appointment a ON a.id = o.appointment_id
                WHERE o.workspace_id = ? AND a.rep_id = ?""").params(workspaceId, userId).query(Integer.class).single();
    }

    public Optional<Copy> copy(UUID appointmentId) {
        return jdbc.sql("SELECT appointment_id, workspace_id, user_id, href, sequence FROM caldav_copy WHERE appointment_id = ?")
                .param(appointmentId).query((rs, n) -> new Copy(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                        rs.getObject(3, UUID.class), rs.getString(4), rs.getInt(5))).optional();
    }

    public void saveCopy(UUID appointmentId, UUID workspaceId, UUID userId, String href, int sequence, Instant now) {
        jdbc.sql("""
                INSERT INTO caldav_copy (appointment_id, workspace_id, user_id, href, sequence, written_at)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (appointment_id) DO UPDATE SET workspace_id = excluded.workspace_id,
                  user_id = excluded.user_id, href = excluded.href, sequence = excluded.sequence,
                  written_at = excluded.written_at""")
                .params(appointmentId, workspaceId, userId, href, sequence, Timestamp.from(now)).update();
    }

    public void forgetCopy(UUID appointmentId) {
        jdbc.sql("DELETE FROM caldav_copy WHERE appointment_id = ?").param(appointmentId).update();
    }

    /** Availability of every workspace the rep works in reads again (their busy times changed). */
    private void bumpVersion(UUID userId) {
        jdbc.sql("""
                INSERT INTO scheduling_version AS v (workspace_id, version)
                SELECT m.workspace_id, 1 FROM membership m WHERE m.user_id = ?
                ON CONFLICT (workspace_id) DO UPDATE SET version = v.version + 1""").param(userId).update();
    }

    private static Connection connection(ResultSet rs, int n) throws java.sql.SQLException {
        return new Connection(rs.getObject("workspace_id", UUID.class), rs.getObject("user_id", UUID.class),
                rs.getString("url"), rs.getString("username"), rs.getBytes("password_secret"),
                instant(rs, "last_sync_at"), instant(rs, "last_attempt_at"), rs.getString("last_error"),
                instant(rs, "last_error_at"), rs.getInt("busy_count"));
    }

    private static Instant instant(ResultSet rs, String column) throws java.sql.SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}

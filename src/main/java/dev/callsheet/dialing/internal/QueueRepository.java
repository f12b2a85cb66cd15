package dev.callsheet.dialing.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The dialing module's tables: queue entries, call attempts and the do-not-call list. */
@Repository
public class QueueRepository {

    /** A lead's place in a project's queue. */
    public record Entry(long id, UUID workspaceId, UUID projectId, UUID contactId, String phone, String country,
            String timeZone, String state, int rank, Instant dueAt, int step, int attempts, UUID leasedTo,
            Instant leaseExpires, UUID attemptId, UUID callbackFor, String exitReason) {
    }

    /** A lead about to enter a queue. */
    public record NewEntry(UUID contactId, String phone, String country, String timeZone, String priority,
            Instant dueAt, int step, String source, String campaign) {

        String zoneKey() {
            return QueueRepository.zoneKey(timeZone, country);
        }
    }

    /** One call, from the lease to its outcome. */
    public record Attempt(UUID id, UUID workspaceId, UUID projectId, long entryId, UUID contactId, UUID agentId,
            String phone, int step, boolean inbound, Instant startedAt, String outcome, Instant endedAt,
            String notes, String reason, Instant callbackAt, String qualification, Boolean qualified,
            Integer talkSeconds, String confirmation, String revisit) {
    }

    /** A call's record as it opens: the lease's columns, no outcome yet. */
    private static final String NEW_ATTEMPT = """
            INSERT INTO call_attempt (id, workspace_id, project_id, queue_entry_id, contact_id, agent_id, phone, step,
              inbound, started_at)""";

    /** A call and the queue row of its lead, as {@link #lockCall} reads them. */
    public record Call(Attempt attempt, Entry entry) {
    }

    /** The queue row's columns under another name ({@code e_id}, …), beside the call's own in {@link #lockCall}. */
    private static final String ENTRY_AS_E = Stream.of("id", "workspace_id", "project_id", "contact_id", "phone",
                    "country", "time_zone", "state", "rank", "due_at", "step", "attempts", "leased_to", "lease_expires",
                    "attempt_id", "callback_for", "exit_reason")
            .map(column -> "e." + column + " AS e_" + column).collect(Collectors.joining(", "));

    private final JdbcClient jdbc;

    QueueRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public static String zoneKey(String timeZone, String country) {
        return timeZone + "|" + (country == null ? "" : country);
    }

    // --- filling ---

    /** Adds the leads not yet in the project's queue; numbers on the do-not-call list enter blocked. */
    public int add(UUID workspaceId, UUID projectId, List<NewEntry> entries, Instant now) {
        if (entries.isEmpty()) {
            return 0;
        }
        int size = entries.size();
        UUID[] contacts = new UUID[size];
        String[] phones = new String[size];
        String[] countries = new String[size];
        String[] zones = new String[size];
        String[] keys = new String[size];
        String[] priorities = new String[size];
        Timestamp[] due = new Timestamp[size];
        Integer[] steps = new Integer[size];
        String[] sources = new String[size];
        String[] campaigns = new String[size];
        for (int i = 0; i < size; i++) {
            NewEntry e = entries.get(i);
            contacts[i] = e.contactId();
            phones[i] = e.phone();
            countries[i] = e.country();
            zones[i] = e.timeZone();
            keys[i] = e.zoneKey();
            priorities[i] = e.priority();
            due[i] = Timestamp.from(e.dueAt());
            steps[i] = e.step();
            sources[i] = e.source();
            campaigns[i] = e.campaign();
        }
        Integer added = jdbc.sql("""
                WITH added AS (
                  INSERT INTO queue_entry (workspace_id, project_id, contact_id, phone, country, time_zone, zone_key,
                    state, priority, due_at, step, source, campaign, added_at, updated_at)
                  SELECT :ws, :project, t.contact, t.phone, t.country, t.zone, t.zone_key,
                    CASE WHEN EXISTS (SELECT 1 FROM dnc_number d WHERE d.workspace_id = :ws AND d.phone = t.phone)
                         THEN 'BLOCKED' WHEN t.due > :now THEN 'WAITING' ELSE 'READY' END,
                    t.priority, t.due, t.step, t.source, t.campaign, :now, :now
                  FROM unnest(:contacts::uuid[], :phones::text[], :countries::text[], :zones::text[], :keys::text[],
                              :priorities::text[], :due::timestamptz[], :steps::int[], :sources::text[],
                              :campaigns::text[])
                       AS t(contact, phone, country, zone, zone_key, priority, due, step, source, campaign)
                  ON CONFLICT (project_id, contact_id) DO NOTHING
                  RETURNING zone_key),
                zones AS (
                  INSERT INTO queue_zone (project_id, zone_key) SELECT DISTINCT :project, zone_key FROM added
                  ON CONFLICT DO NOTHING)
                SELECT count(*) FROM added""")
                .param("ws", workspaceId).param("project", projectId).param("now", Timestamp.from(now))
                .param("contacts", contacts).param("phones", phones).param("countries", countries)
                .param("zones", zones).param("keys", keys).param("priorities", priorities).param("due", due)
                .param("steps", steps).param("sources", sources).param("campaigns", campaigns)
                .query(Integer.class).single();
        return added;
    }

    public List<String> zoneKeys(UUID projectId) {
        return jdbc.sql("SELECT zone_key FROM queue_zone WHERE project_id = ?").params(projectId)
                .query(String.class).list();
    }

    // --- claiming ---

    /** Leases whose time is up become ready again, as they were: nothing of the lead is lost. */
    public int releaseExpired(UUID projectId, Instant now) {
        return jdbc.sql("""
                UPDATE queue_entry SET state = 'READY', leased_to = NULL, lease_expires = NULL, attempt_id = NULL,
                  updated_at = :now
                WHERE id IN (SELECT id FROM queue_entry
                             WHERE project_id = :project AND state = 'LEASED' AND lease_expires <= :now
                             FOR UPDATE SKIP LOCKED)""")
                .param("project", projectId).param("now", Timestamp.from(now)).update();
    }

    /**
     * Leads whose time has come move from WAITING to READY, a bounded batch at a time; rows another
     * agent is moving are skipped. Keeping the not-yet-due out of the READY index is what keeps
     * the claim from walking past every lead already called today.
     */
    public int promoteDue(UUID projectId, Instant now) {
        return jdbc.sql("""
                UPDATE queue_entry SET state = 'READY', updated_at = :now
                WHERE id IN (SELECT id FROM queue_entry
                             WHERE project_id = :project AND state = 'WAITING' AND due_at <= :now
                             ORDER BY due_at LIMIT 1000
                             FOR UPDATE SKIP LOCKED)""")
                .param("project", projectId).param("now", Timestamp.from(now)).update();
    }

    /**
     * The agent's live lease in the project when there is one (asking twice gives the same call), else
     * the first callable lead leased to them with the call's attempt opened, in one statement: due
     * callbacks first, then the project's order; only zones inside their window now; a "mine" callback
     * only to its agent until its grace ends; never a number on the do-not-call list. Rows another
     * agent is taking at this very moment are skipped, not waited for. With a live lease the claim's
     * scan does not run (a one-time filter).
     */
    public Optional<Entry> leaseFor(UUID projectId, UUID agentId, Collection<String> openZones, UUID attemptId,
            Instant now, Instant expires) {
        return jdbc.sql("""
                WITH held AS (
                  SELECT * FROM queue_entry
                  WHERE project_id = :project AND state = 'LEASED' AND leased_to = :agent AND lease_expires > :now
                  ORDER BY lease_expires DESC LIMIT 1),
                claimed AS (
                  UPDATE queue_entry q SET state = 'LEASED', leased_to = :agent, lease_expires = :expires,
                    attempt_id = :attempt, updated_at = :now
                  WHERE q.id = (
                    SELECT c.id FROM queue_entry c
                    WHERE NOT EXISTS (SELECT 1 FROM held)
                      AND c.project_id = :project AND c.state = 'READY' AND c.due_at <= :now
                      AND c.zone_key = ANY(:zones)
                      AND (c.callback_for IS NULL OR c.callback_for = :agent OR c.callback_until <= :now)
                      AND NOT EXISTS (SELECT 1 FROM dnc_number d WHERE d.workspace_id = c.workspace_id AND d.phone = c.phone)
                    ORDER BY c.rank, c.priority, c.due_at, c.id
                    LIMIT 1
                    FOR UPDATE SKIP LOCKED)
                  RETURNING q.*),
                attempt AS (
                  """ + NEW_ATTEMPT + """
                  SELECT :attempt, workspace_id, project_id, id, contact_id, :agent, phone, step, false, :now FROM claimed)
                SELECT * FROM held UNION ALL SELECT * FROM claimed""")
                .param("project", projectId).param("agent", agentId).param("zones", openZones.toArray(String[]::new))
                .param("attempt", attemptId).param("now", Timestamp.from(now)).param("expires", Timestamp.from(expires))
                .query(this::entry).optional();
    }

    public Optional<Entry> entry(UUID projectId, UUID contactId) {
        return jdbc.sql("SELECT * FROM queue_entry WHERE project_id = ? AND contact_id = ?").params(projectId, contactId)
                .query(this::entry).optional();
    }

    public Entry lockEntry(long id) {
        return jdbc.sql("SELECT * FROM queue_entry WHERE id = ? FOR UPDATE").params(id).query(this::entry).single();
    }

    /** Gives an inbound caller's entry to the agent who took the call. */
    public void lease(long entryId, UUID agentId, UUID attemptId, Instant now, Instant expires) {
        jdbc.sql("""
                UPDATE queue_entry SET state = 'LEASED', leased_to = ?, lease_expires = ?, attempt_id = ?, updated_at = ?
                WHERE id = ?""")
                .params(agentId, Timestamp.from(expires), attemptId, Timestamp.from(now), entryId).update();
    }

    // --- after the call ---

    /**
     * Due again at {@code due}; {@code callbackFor}/{@code callbackUntil} only for a callback. The call's progress is
     * marked in the same statement: one new version of the row per outcome, not two.
     */
    public Progress reschedule(long entryId, Instant due, int rank, int step, int attempts, UUID callbackFor,
            Instant callbackUntil, String phone, Mark mark) {
        return marked("""
                UPDATE queue_entry q SET state = CASE WHEN :due > :at THEN 'WAITING' ELSE 'READY' END, due_at = :due,
                  rank = :rank, step = :step, attempts = :attempts,
                  callback_for = :callbackFor, callback_until = :callbackUntil, phone = :phone, leased_to = NULL,
                  lease_expires = NULL, attempt_id = NULL, updated_at = :at,""", entryId, mark)
                .param("due", Timestamp.from(due)).param("rank", rank).param("step", step).param("attempts", attempts)
                .param("callbackFor", callbackFor)
                .param("callbackUntil", callbackUntil == null ? null : Timestamp.from(callbackUntil))
                .param("phone", phone)
                .query(QueueRepository::progress).single();
    }

    /** Out of the queue for good ({@code state} DONE or EXHAUSTED, with the reason), the call's progress marked. */
    public Progress close(long entryId, String state, String reason, int attempts, Mark mark) {
        return marked("""
                UPDATE queue_entry q SET state = :state, exit_reason = :reason, attempts = :attempts, leased_to = NULL,
                  lease_expires = NULL, attempt_id = NULL, callback_for = NULL, callback_until = NULL, updated_at = :at,""",
                entryId, mark)
                .param("state", state).param("reason", reason).param("attempts", attempts)
                .query(QueueRepository::progress).single();
    }

    /** An agent who left: their personal callbacks go to anyone at once. */
    public int releaseCallbacksOf(UUID workspaceId, UUID agentId, Instant now) {
        return jdbc.sql("""
                UPDATE queue_entry SET callback_for = NULL, callback_until = NULL, updated_at = ?
                WHERE workspace_id = ? AND callback_for = ? AND state IN ('WAITING', 'READY')""")
                .params(Timestamp.from(now), workspaceId, agentId).update();
    }

    /** Pulls these numbers out of every queue of the workspace; leased rows too, their outcome still lands. */
    public int blockPhones(UUID workspaceId, Collection<String> phones, Instant now) {
        return jdbc.sql("""
                UPDATE queue_entry SET state = 'BLOCKED', exit_reason = 'DO_NOT_CALL', updated_at = ?
                WHERE workspace_id = ? AND phone = ANY(?) AND state IN ('WAITING', 'READY', 'LEASED')""")
                .params(Timestamp.from(now), workspaceId, phones.toArray(String[]::new)).update();
    }

    public int blockContact(UUID workspaceId, UUID contactId, String reason, Instant now) {
        return blockContacts(workspaceId, List.of(contactId), reason, now);
    }

    public int blockContacts(UUID workspaceId, Collection<UUID> contactIds, String reason, Instant now) {
        if (contactIds.isEmpty()) {
            return 0;
        }
        return jdbc.sql("""
                UPDATE queue_entry SET state = 'BLOCKED', exit_reason = ?, updated_at = ?
                WHERE workspace_id = ? AND contact_id = ANY(?) AND state IN ('WAITING', 'READY', 'LEASED')""")
                .params(reason, Timestamp.from(now), workspaceId, contactIds.toArray(UUID[]::new)).update();
    }

    /** The lead is done with in the project (all projects when null), e.g. because a meeting was booked. */
    public int finish(UUID workspaceId, UUID projectId, UUID contactId, String reason, Instant now) {
        return jdbc.sql("""
                UPDATE queue_entry SET state = 'DONE', exit_reason = ?, leased_to = NULL, lease_expires = NULL,
                  callback_for = NULL, callback_until = NULL, updated_at = ?
                WHERE workspace_id = ? AND contact_id = ? AND (?::uuid IS NULL OR project_id = ?)
                  AND state IN ('WAITING', 'READY', 'LEASED')""")
                .params(reason, Timestamp.from(now), workspaceId, contactId, projectId, projectId).update();
    }

    /** Back in the queue after a block was lifted (the card left do-not-contact, the number left the list). */
    public int unblockContact(UUID workspaceId, UUID contactId, Instant now) {
        return jdbc.sql("""
                UPDATE queue_entry q SET state = CASE WHEN due_at > ? THEN 'WAITING' ELSE 'READY' END, exit_reason = NULL,
                  updated_at = ?
                WHERE workspace_id = ? AND contact_id = ? AND state = 'BLOCKED'
                  AND NOT EXISTS (SELECT 1 FROM dnc_number d WHERE d.workspace_id = q.workspace_id AND d.phone = q.phone)""")
                .params(Timestamp.from(now), Timestamp.from(now), workspaceId, contactId).update();
    }

    public int unblockPhone(UUID workspaceId, String phone, Instant now) {
        return jdbc.sql("""
                UPDATE queue_entry SET state = CASE WHEN due_at > ? THEN 'WAITING' ELSE 'READY' END, exit_reason = NULL,
                  updated_at = ?
                WHERE workspace_id = ? AND phone = ? AND state = 'BLOCKED' AND exit_reason = 'DO_NOT_CALL'""")
                .params(Timestamp.from(now), Timestamp.from(now), workspaceId, phone).update();
    }

    /** A merged-away card's queue places: kept where the surviving card is not queued yet, else closed. */
    public void repoint(UUID workspaceId, UUID mergedId, UUID keptId, Instant now) {
        jdbc.sql("""
                UPDATE queue_entry q SET contact_id = :kept, updated_at = :now
                WHERE q.workspace_id = :ws AND q.contact_id = :merged
                  AND NOT EXISTS (SELECT 1 FROM queue_entry k WHERE k.project_id = q.project_id AND k.contact_id = :kept)""")
                .param("ws", workspaceId).param("merged", mergedId).param("kept", keptId).param("now", Timestamp.from(now))
                .update();
        jdbc.sql("""
                UPDATE queue_entry SET state = 'DONE', exit_reason = 'MERGED', updated_at = ?
                WHERE workspace_id = ? AND contact_id = ? AND state IN ('WAITING', 'READY', 'BLOCKED')""")
                .params(Timestamp.from(now), workspaceId, mergedId).update();
        // Every call stays in the client's history, whichever entry it was made from.
        jdbc.sql("UPDATE call_attempt SET contact_id = :kept WHERE workspace_id = :ws AND contact_id = :merged")
                .param("ws", workspaceId).param("merged", mergedId).param("kept", keptId).update();
    }

    /** Start times of the entry's calls since {@code since}, newest first. */
    public List<Instant> callsSince(long entryId, Instant since) {
        return jdbc.sql("""
                SELECT started_at FROM call_attempt WHERE queue_entry_id = ? AND started_at > ? AND outcome IS NOT NULL
                ORDER BY started_at DESC""")
                .params(entryId, Timestamp.from(since)).query((rs, n) -> rs.getTimestamp(1).toInstant()).list();
    }

    // --- attempts ---

    public void insertAttempt(UUID id, Entry entry, UUID agentId, boolean inbound, Instant now) {
        jdbc.sql(NEW_ATTEMPT + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(id, entry.workspaceId(), entry.projectId(), entry.id(), entry.contactId(), agentId, entry.phone(),
                        entry.step(), inbound, Timestamp.from(now))
                .update();
    }

    /**
     * The call with its queue row, both locked for the outcome, in one round trip: the call first, then the row (a
     * nested loop from the call's primary key), the order in which an outcome always took them.
     */
    public Optional<Call> lockCall(UUID workspaceId, UUID id) {
        return jdbc.sql("SELECT a.*, " + ENTRY_AS_E + """

                FROM call_attempt a JOIN queue_entry e ON e.id = a.queue_entry_id
                WHERE a.workspace_id = ? AND a.id = ?
                FOR UPDATE""")
                .params(workspaceId, id).query((rs, row) -> new Call(attempt(rs, row), entry(rs, "e_"))).optional();
    }

    public Optional<Attempt> lockAttempt(UUID workspaceId, UUID id) {
        return jdbc.sql("SELECT * FROM call_attempt WHERE workspace_id = ? AND id = ? FOR UPDATE")
                .params(workspaceId, id).query(this::attempt).optional();
    }

    public Optional<Attempt> attempt(UUID workspaceId, UUID id) {
        return jdbc.sql("SELECT * FROM call_attempt WHERE workspace_id = ? AND id = ?")
                .params(workspaceId, id).query(this::attempt).optional();
    }

    /** How far a lead got, for the funnel: what the entry was before this call's outcome. */
    public record Progress(String source, String campaign, boolean firstCall, Instant enteredAt) {
    }

    /**
     * A call's outcome as its call record keeps it ({@code qualification} and {@code decisionMaker} as JSON) and as
     * the lead's funnel counts it: called, and perhaps reached and qualified, at {@code at}.
     */
    public record Mark(UUID attemptId, String outcome, boolean connected, String notes, String reason,
            Instant callbackAt, String callbackFor, String qualification, Boolean qualified, Integer talkSeconds,
            String decisionMaker, Instant at) {

        boolean qualifiedLead() {
            return Boolean.TRUE.equals(qualified);
        }
    }

    /**
     * Records the call's outcome and marks the lead called (connected, qualified), keeping the first time of each;
     * the row's place in the queue stays.
     */
    public Progress markProgress(long entryId, Mark mark) {
        return marked("UPDATE queue_entry q SET", entryId, mark).query(QueueRepository::progress).single();
    }

    /**
     * {@code update} (an {@code UPDATE queue_entry q SET} with a trailing comma after its own columns, if any)
     * completed with the progress columns, the entry's id and the progress as it was before: the self-join reads
     * the row as the statement found it. The call record's outcome is written by the same statement (a
     * data-modifying CTE): one round trip for the call and its lead. Its parameters are named {@code call…}, apart
     * from the queue row's own ({@code reason} and {@code callbackFor} are columns of both tables).
     */
    private JdbcClient.StatementSpec marked(String update, long entryId, Mark mark) {
        return jdbc.sql("""
                WITH recorded AS (
                  UPDATE call_attempt SET outcome = :callOutcome, connected = :connected, notes = :callNotes,
                    reason = :callReason, callback_at = :callCallbackAt, callback_for = :callCallbackFor,
                    qualification = :callQualification::jsonb, qualified = :callQualified, talk_seconds = :callTalk,
                    decision_maker = :callDecisionMaker::jsonb, ended_at = :at
                  WHERE id = :callId)
                """ + update + """

                  first_called_at = coalesce(q.first_called_at, :at),
                  connected_at = CASE WHEN :connected THEN coalesce(q.connected_at, :at) ELSE q.connected_at END,
                  qualified_at = CASE WHEN :qualified THEN coalesce(q.qualified_at, :at) ELSE q.qualified_at END
                FROM queue_entry old WHERE old.id = q.id AND q.id = :id
                RETURNING q.source, q.campaign, old.first_called_at IS NULL AS first, q.added_at""")
                .param("callId", mark.attemptId()).param("callOutcome", mark.outcome())
                .param("callNotes", mark.notes()).param("callReason", mark.reason())
                .param("callCallbackAt", mark.callbackAt() == null ? null : Timestamp.from(mark.callbackAt()))
                .param("callCallbackFor", mark.callbackFor()).param("callQualification", mark.qualification())
                .param("callQualified", mark.qualified()).param("callTalk", mark.talkSeconds())
                .param("callDecisionMaker", mark.decisionMaker())
                .param("at", Timestamp.from(mark.at())).param("connected", mark.connected())
                .param("qualified", mark.qualifiedLead()).param("id", entryId);
    }

    /** Leads who entered the project's queue in [from, to), per source, and how many were called, reached, qualified. */
    public List<dev.callsheet.dialing.Queue.FunnelStart> funnel(UUID projectId, Instant from, Instant to) {
        return jdbc.sql("""
                SELECT source, campaign, count(*) AS entered, count(first_called_at) AS contacted,
                       count(connected_at) AS connected, count(qualified_at) AS qualified
                FROM queue_entry WHERE project_id = ? AND added_at >= ? AND added_at < ?
                GROUP BY source, campaign ORDER BY source, campaign""")
                .params(projectId, Timestamp.from(from), Timestamp.from(to))
                .query((rs, row) -> new dev.callsheet.dialing.Queue.FunnelStart(rs.getString("source"),
                        rs.getString("campaign"),
                        rs.getLong("entered"), rs.getLong("contacted"), rs.getLong("connected"), rs.getLong("qualified")))
                .list();
    }

    /** The lead's source and when it entered the project's queue. */
    public Optional<Progress> progress(UUID projectId, UUID contactId) {
        return jdbc.sql("""
                SELECT source, campaign, first_called_at IS NULL AS first, added_at FROM queue_entry
                WHERE project_id = ? AND contact_id = ?""")
                .params(projectId, contactId)
                .query(QueueRepository::progress)
                .optional();
    }

    private static Progress progress(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Progress(rs.getString("source"), rs.getString("campaign"), rs.getBoolean("first"),
                rs.getTimestamp("added_at").toInstant());
    }

    /** The call's talk ended: the agent is wrapping up. False when the call is not open. */
    public boolean hangUp(UUID workspaceId, UUID attemptId, UUID agentId, Instant at) {
        return jdbc.sql("""
                UPDATE call_attempt SET hung_up_at = coalesce(hung_up_at, ?)
                WHERE workspace_id = ? AND id = ? AND agent_id = ? AND outcome IS NULL""")
                .params(Timestamp.from(at), workspaceId, attemptId, agentId).update() == 1;
    }

    /** Notes typed during the call, saved as they are typed. */
    public boolean saveNotes(UUID workspaceId, UUID id, String notes) {
        return jdbc.sql("UPDATE call_attempt SET notes = ? WHERE workspace_id = ? AND id = ?")
                .params(notes, workspaceId, id).update() == 1;
    }

    public void recordResult(UUID id, int node, String code) {
        jdbc.sql(node == 2 ? "UPDATE call_attempt SET confirmation = ? WHERE id = ?"
                : "UPDATE call_attempt SET revisit = ? WHERE id = ?").params(code, id).update();
    }

    /** The card's calls in any project of the workspace, newest first. */
    public List<Attempt> attemptsOf(UUID workspaceId, UUID contactId, int limit) {
        return jdbc.sql("""
                SELECT * FROM call_attempt WHERE workspace_id = ? AND contact_id = ? ORDER BY started_at DESC LIMIT ?""")
                .params(workspaceId, contactId, limit).query(this::attempt).list();
    }

    /**
     * Entries per state (READY here counts every lead still in the queue, due now or later), with
     * DUE (callable by time now) and CALLBACKS (agreed callbacks not yet made).
     */
    public Map<String, Integer> counts(UUID projectId, Instant now) {
        Map<String, Integer> counts = new TreeMap<>();
        jdbc.sql("""
                SELECT CASE WHEN state = 'WAITING' THEN 'READY' ELSE state END AS state, count(*) AS n,
                  count(*) FILTER (WHERE state IN ('READY', 'WAITING') AND due_at <= ?) AS due,
                  count(*) FILTER (WHERE state IN ('READY', 'WAITING') AND rank = 0) AS callbacks
                FROM queue_entry WHERE project_id = ? GROUP BY 1""")
                .params(Timestamp.from(now), projectId).query(rs -> {
                    counts.put(rs.getString("state"), rs.getInt("n"));
                    counts.merge("DUE", rs.getInt("due"), Integer::sum);
                    counts.merge("CALLBACKS", rs.getInt("callbacks"), Integer::sum);
                });
        return counts;
    }

    // --- the agent's outlook ---

    /** What one project's queue holds for an agent now: due leads per zone, and what comes later. */
    public record Outlook(Map<String, Integer> dueByZone, int laterToday, Instant nextDue, int heldForOthers,
            int open) {
    }

    /**
     * Due leads the agent could be given (per zone, so the caller can tell open zones from closed ones), leads
     * due later today, the next due time, callbacks kept for colleagues, and everything still in the queue.
     */
    public Outlook outlook(UUID projectId, UUID agentId, Instant now, Instant endOfDay) {
        Map<String, Integer> due = new TreeMap<>();
        jdbc.sql("""
                SELECT zone_key, count(*) AS n FROM queue_entry c
                WHERE c.project_id = :project AND c.state IN ('READY', 'WAITING') AND c.due_at <= :now
                  AND (c.callback_for IS NULL OR c.callback_for = :agent OR c.callback_until <= :now)
                  AND NOT EXISTS (SELECT 1 FROM dnc_number d WHERE d.workspace_id = c.workspace_id AND d.phone = c.phone)
                GROUP BY zone_key""")
                .param("project", projectId).param("agent", agentId).param("now", Timestamp.from(now))
                .query(rs -> {
                    due.put(rs.getString("zone_key"), rs.getInt("n"));
                });
        return jdbc.sql("""
                SELECT count(*) FILTER (WHERE due_at > :now AND due_at <= :end AND state <> 'LEASED') AS later,
                  min(due_at) FILTER (WHERE due_at > :now AND state <> 'LEASED') AS next_due,
                  count(*) FILTER (WHERE due_at <= :now AND callback_for IS NOT NULL AND callback_for <> :agent
                                   AND callback_until > :now AND state <> 'LEASED') AS held,
                  count(*) AS open
                FROM queue_entry WHERE project_id = :project AND state IN ('READY', 'WAITING', 'LEASED')""")
                .param("project", projectId).param("agent", agentId).param("now", Timestamp.from(now))
                .param("end", Timestamp.from(endOfDay))
                .query((rs, n) -> new Outlook(due, rs.getInt("later"),
                        rs.getTimestamp("next_due") == null ? null : rs.getTimestamp("next_due").toInstant(),
                        rs.getInt("held"), rs.getInt("open")))
                .single();
    }

    /** A callback kept for one agent ("mine"), still to be made. */
    public record KeptCallback(UUID projectId, UUID contactId, Instant dueAt, String zoneKey) {
    }

    /** The agent's own callbacks in every project of the workspace, soonest first. */
    public List<KeptCallback> callbacksFor(UUID workspaceId, UUID agentId, int limit) {
        return jdbc.sql("""
                SELECT project_id, contact_id, due_at, zone_key FROM queue_entry
                WHERE workspace_id = :ws AND callback_for = :agent AND state IN ('READY', 'WAITING', 'LEASED')
                ORDER BY due_at LIMIT :limit""")
                .param("ws", workspaceId).param("agent", agentId).param("limit", limit)
                .query((rs, n) -> new KeptCallback(rs.getObject("project_id", UUID.class),
                        rs.getObject("contact_id", UUID.class), rs.getTimestamp("due_at").toInstant(),
                        rs.getString("zone_key")))
                .list();
    }

    // --- do not call ---

    public record DncNumber(String phone, String raw, String source, Instant addedAt) {
    }

    /** Lists the numbers (E.164 to the text they came as); returns how many were not listed before. */
    public int addDnc(UUID workspaceId, Map<String, String> numbers, String source, UUID actorId, Instant now) {
        return jdbc.sql("""
                INSERT INTO dnc_number (workspace_id, phone, raw, source, added_by, added_at)
                SELECT :ws, t.phone, t.raw, :source, :actor, :now FROM unnest(:phones::text[], :raws::text[]) AS t(phone, raw)
                ON CONFLICT (workspace_id, phone) DO NOTHING""")
                .param("ws", workspaceId).param("source", source).param("actor", actorId).param("now", Timestamp.from(now))
                .param("phones", numbers.keySet().toArray(String[]::new))
                .param("raws", numbers.values().toArray(String[]::new))
                .update();
    }

    public boolean removeDnc(UUID workspaceId, String phone) {
        return jdbc.sql("DELETE FROM dnc_number WHERE workspace_id = ? AND phone = ?").params(workspaceId, phone)
                .update() == 1;
    }

    public boolean onDnc(UUID workspaceId, String phone) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM dnc_number WHERE workspace_id = ? AND phone = ?)")
                .params(workspaceId, phone).query(Boolean.class).single();
    }

    public List<DncNumber> dnc(UUID workspaceId, String startingWith, int limit) {
        return jdbc.sql("""
                SELECT phone, raw, source, added_at FROM dnc_number WHERE workspace_id = ? AND phone LIKE ?
                ORDER BY added_at DESC LIMIT ?""")
                .params(workspaceId, (startingWith == null ? "" : startingWith) + "%", limit)
                .query((rs, n) -> new DncNumber(rs.getString("phone"), rs.getString("raw"), rs.getString("source"),
                        rs.getTimestamp("added_at").toInstant()))
                .list();
    }

    public int dncCount(UUID workspaceId) {
        return jdbc.sql("SELECT count(*) FROM dnc_number WHERE workspace_id = ?").params(workspaceId)
                .query(Integer.class).single();
    }

    private Entry entry(ResultSet rs, int row) throws SQLException {
        return entry(rs, "");
    }

    /** The queue row from columns named {@code prefix} + its own column names. */
    private static Entry entry(ResultSet rs, String prefix) throws SQLException {
        Timestamp expires = rs.getTimestamp(prefix + "lease_expires");
        return new Entry(rs.getLong(prefix + "id"), rs.getObject(prefix + "workspace_id", UUID.class),
                rs.getObject(prefix + "project_id", UUID.class), rs.getObject(prefix + "contact_id", UUID.class),
                rs.getString(prefix + "phone"), rs.getString(prefix + "country"), rs.getString(prefix + "time_zone"),
                rs.getString(prefix + "state"), rs.getInt(prefix + "rank"), rs.getTimestamp(prefix + "due_at").toInstant(),
                rs.getInt(prefix + "step"), rs.getInt(prefix + "attempts"), rs.getObject(prefix + "leased_to", UUID.class),
                expires == null ? null : expires.toInstant(), rs.getObject(prefix + "attempt_id", UUID.class),
                rs.getObject(prefix + "callback_for", UUID.class), rs.getString(prefix + "exit_reason"));
    }

    private Attempt attempt(ResultSet rs, int row) throws SQLException {
        Timestamp ended = rs.getTimestamp("ended_at");
        Timestamp callback = rs.getTimestamp("callback_at");
        return new Attempt(rs.getObject("id", UUID.class), rs.getObject("workspace_id", UUID.class),
                rs.getObject("project_id", UUID.class), rs.getLong("queue_entry_id"),
                rs.getObject("contact_id", UUID.class), rs.getObject("agent_id", UUID.class), rs.getString("phone"),
                rs.getInt("step"), rs.getBoolean("inbound"), rs.getTimestamp("started_at").toInstant(),
                rs.getString("outcome"), ended == null ? null : ended.toInstant(), rs.getString("notes"),
                rs.getString("reason"), callback == null ? null : callback.toInstant(), rs.getString("qualification"),
                rs.getObject("qualified", Boolean.class), rs.getObject("talk_seconds", Integer.class),
                rs.getString("confirmation"), rs.getString("revisit"));
    }
}

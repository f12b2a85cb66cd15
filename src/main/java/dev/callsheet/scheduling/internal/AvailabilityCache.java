package dev.callsheet.scheduling.internal;

import dev.callsheet.scheduling.RepCalendar;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What availability reads on every request — the active reps' calendars and the meetings they hold — kept
 * between requests and read again only when the workspace's {@code scheduling_version} has moved (triggers
 * move it on every change of meetings, calendars, memberships, regions and names). The counter lives in
 * PostgreSQL, so instances that share the database see each other's changes at their next request.
 * Bookings never use it: they decide on fresh reads under the workspace's booking lock.
 */
@Component
public class AvailabilityCache {

    /** How far around now a snapshot holds meetings: more than any window availability is asked for. */
    private static final Duration BEFORE = Duration.ofDays(10);
    private static final Duration AFTER = Duration.ofDays(75);
    private static final int MAX_WORKSPACES = 500;

    /** The active reps' calendars, and each rep's calendar with the meetings it holds, by rep. */
    public record View(List<RepCalendar> calendars, Map<UUID, SlotFinder.Load> loads) {
    }

    private record Snapshot(long version, Instant from, Instant to, View view) {
    }

    private final Map<UUID, Snapshot> snapshots = new ConcurrentHashMap<>();
    private final JdbcClient jdbc;
    private final CalendarRepository calendars;
    private final AppointmentRepository appointments;
    private final Clock clock;

    AvailabilityCache(JdbcClient jdbc, CalendarRepository calendars, AppointmentRepository appointments, Clock clock) {
        this.jdbc = jdbc;
        this.calendars = calendars;
        this.appointments = appointments;
        this.clock = clock;
    }

    /** The active reps' calendars with the meetings they hold, as of now, covering at least [from, to). */
    public View read(UUID workspaceId, Instant from, Instant to) {
        // the version first, then the data: a change in between makes the snapshot newer than its label, and the
        // next request reads again — never older
        long version = jdbc.sql("SELECT version FROM scheduling_version WHERE workspace_id = ?").params(workspaceId)
                .query(Long.class).optional().orElse(0L);
        Snapshot snapshot = snapshots.get(workspaceId);
        if (snapshot == null || snapshot.version() != version || from.isBefore(snapshot.from())
                || to.isAfter(snapshot.to())) {
            Instant now = clock.instant();
            Instant lo = from.isBefore(now.minus(BEFORE)) ? from : now.minus(BEFORE);
            Instant hi = to.isAfter(now.plus(AFTER)) ? to : now.plus(AFTER);
            List<RepCalendar> active = List.copyOf(calendars.calendars(workspaceId, List.of(), true));
            Map<UUID, List<AppointmentRepository.Held>> held = active.isEmpty() ? Map.of()
                    : appointments.held(active.stream().map(c -> c.rep().id()).toList(), lo, hi, null);
            Map<UUID, SlotFinder.Load> loads = new HashMap<>();
            for (RepCalendar calendar : active) {
                UUID rep = calendar.rep().id();
                loads.put(rep, SlotFinder.Load.of(calendar, held.getOrDefault(rep, List.of())));
            }
            snapshot = new Snapshot(version, lo, hi, new View(active, Map.copyOf(loads)));
            if (snapshots.size() >= MAX_WORKSPACES) {
                snapshots.clear();
            }
            snapshots.put(workspaceId, snapshot);
        }
        return snapshot.view();
    }
}

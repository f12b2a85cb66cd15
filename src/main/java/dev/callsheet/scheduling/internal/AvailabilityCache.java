package dev.callsheet.scheduling.internal;

import dev.callsheet.scheduling.RepCalendar;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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

    /** The calendars and the meetings held in [from, to), per rep. */
    public record View(List<RepCalendar> calendars, Map<UUID, List<AppointmentRepository.Held>> held) {
    }

    private record Snapshot(long version, List<RepCalendar> calendars, Instant from, Instant to,
            Map<UUID, List<AppointmentRepository.Held>> held) {
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

    /** The active reps' calendars, and the meetings each holds starting in [from, to), as of now. */
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
            Map<UUID, List<AppointmentRepository.Held>> held = new HashMap<>();
            if (!active.isEmpty()) {
                appointments.held(active.stream().map(c -> c.rep().id()).toList(), lo, hi, null)
                        .forEach((rep, list) -> held.put(rep, List.copyOf(list)));
            }
            snapshot = new Snapshot(version, active, lo, hi, Map.copyOf(held));
            if (snapshots.size() >= MAX_WORKSPACES) {
                snapshots.clear();
            }
            snapshots.put(workspaceId, snapshot);
        }
        Map<UUID, List<AppointmentRepository.Held>> window = new HashMap<>();
        snapshot.held().forEach((rep, list) -> {
            List<AppointmentRepository.Held> in = new ArrayList<>();
            for (AppointmentRepository.Held h : list) {
                if (!h.start().isBefore(from) && h.start().isBefore(to)) {
                    in.add(h);
                }
            }
            window.put(rep, in);
        });
        return new View(snapshot.calendars(), window);
    }
}

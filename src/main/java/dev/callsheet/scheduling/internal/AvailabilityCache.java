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
import java.util.function.Function;
import java.util.stream.Collectors;
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

    /**
     * The active reps' calendars, each rep's calendar with the meetings it holds ({@link #loads()}, by rep), and the
     * reps' round-robin standings of a month, read at most once per snapshot.
     */
    public static final class View {

        private final List<RepCalendar> calendars;
        private final Map<UUID, SlotFinder.Load> loads;
        private final Function<Instant, Map<UUID, RepChooser.Standing>> standingsOf;
        private final Map<Instant, Map<UUID, RepChooser.Standing>> standings = new ConcurrentHashMap<>();

        View(List<RepCalendar> calendars, Map<UUID, SlotFinder.Load> loads,
                Function<Instant, Map<UUID, RepChooser.Standing>> standingsOf) {
            this.calendars = calendars;
            this.loads = loads;
            this.standingsOf = standingsOf;
        }

        public List<RepCalendar> calendars() {
            return calendars;
        }

        public Map<UUID, SlotFinder.Load> loads() {
            return loads;
        }

        /** Each rep's standing in the weighted round robin of the month that starts at {@code monthStart}. */
        public Map<UUID, RepChooser.Standing> standings(Instant monthStart) {
            return standings.computeIfAbsent(monthStart, standingsOf);
        }
    }

    private record Snapshot(long version, Instant from, Instant to, View view) {
    }

    private final Map<UUID, Snapshot> snapshots = new ConcurrentHashMap<>();
    private final JdbcClient jdbc;
    private final CalendarRepository calendars;
    private final AppointmentRepository appointments;
    private final Clock clock;
    private final CalDavRepository caldav;

    AvailabilityCache(JdbcClient jdbc, CalendarRepository calendars, AppointmentRepository appointments, Clock clock,
            CalDavRepository caldav) {
        this.caldav = caldav;
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
            // the reps' own calendars' busy times (CalDAV, issue 25.6): the sync moves the version when they change
            Map<UUID, List<SlotFinder.Busy>> own = active.isEmpty() ? Map.of()
                    : ownBusy(active.stream().map(c -> c.rep().id()).toList(), lo, hi);
            Map<UUID, SlotFinder.Load> loads = new HashMap<>();
            for (RepCalendar calendar : active) {
                UUID rep = calendar.rep().id();
                loads.put(rep, SlotFinder.Load.of(calendar, held.getOrDefault(rep, List.of()), own.get(rep)));
            }
            // standings move only with meetings, calendars and memberships, which all move the version
            snapshot = new Snapshot(version, lo, hi, new View(active, Map.copyOf(loads),
                    month -> standings(workspaceId, month)));
            if (snapshots.size() >= MAX_WORKSPACES) {
                snapshots.clear();
            }
            snapshots.put(workspaceId, snapshot);
        }
        return snapshot.view();
    }

    /** Busy times of the reps' own (CalDAV) calendars in [from, to), by rep: they block slots as meetings do. */
    public Map<UUID, List<SlotFinder.Busy>> ownBusy(List<UUID> reps, Instant from, Instant to) {
        return caldav.busy(reps, from, to);
    }

    /** Each rep's standing in the weighted round robin of the month that starts at {@code monthStart}, by rep. */
    public Map<UUID, RepChooser.Standing> standings(UUID workspaceId, Instant monthStart) {
        return appointments.standings(workspaceId, monthStart).stream()
                .collect(Collectors.toUnmodifiableMap(RepChooser.Standing::repId, Function.identity()));
    }
}

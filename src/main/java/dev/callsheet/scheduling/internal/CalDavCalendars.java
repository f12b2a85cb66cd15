package dev.callsheet.scheduling.internal;

import dev.callsheet.scheduling.Appointment;
import dev.callsheet.scheduling.Calendars;
import dev.callsheet.scheduling.RepCalendar;
import dev.callsheet.web.ApiProblem;
import dev.callsheet.workspace.CurrentUser;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A rep's own CalDAV calendar (issue 25.6): connecting it (the app password sealed by {@link SecretBox}), reading
 * its busy times into {@code rep_busy} (on a schedule, see {@link CalDavJob}, and on demand), and writing each booked,
 * moved or cancelled meeting to it from the {@code caldav_outbox} the booking's own transaction filled. A cancelled
 * meeting stays in the calendar as STATUS:CANCELLED with a higher SEQUENCE (as the cancellation invite has it), so
 * the rep sees what was cancelled; a meeting moved to another rep is deleted from the first rep's calendar.
 * No HTTP call runs inside a database transaction.
 */
@Service
public class CalDavCalendars {

    private static final Logger log = LoggerFactory.getLogger(CalDavCalendars.class);
    /** Busy times are read from a day ago to as far ahead as availability looks. */
    private static final Duration BEHIND = Duration.ofDays(1);
    private static final Duration AHEAD = Duration.ofDays(75);
    private static final Duration LEASE = Duration.ofMinutes(5);
    private static final Duration MAX_BACKOFF = Duration.ofHours(1);

    /** What the API and the settings page show: never the password. */
    public record Settings(boolean connected, String url, String username, boolean hasPassword, Instant lastSyncAt,
            String lastError, Instant lastErrorAt, int busyCount, int pendingWrites, boolean configured) {
    }

    /** What a rep sends: the password may be left out to keep the stored one. */
    public record Draft(String url, String username, String password) {
    }

    private final CalDavRepository repository;
    private final CalDavClient client;
    private final SecretBox secrets;
    private final Calendars calendars;
    private final AppointmentRepository appointments;
    private final Invites invites;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final Duration syncInterval;

    CalDavCalendars(CalDavRepository repository, CalDavClient client, SecretBox secrets, Calendars calendars,
            AppointmentRepository appointments, Invites invites, TransactionTemplate transactions, Clock clock,
            @Value("${callsheet.caldav.sync-interval:10m}") Duration syncInterval) {
        this.repository = repository;
        this.client = client;
        this.secrets = secrets;
        this.calendars = calendars;
        this.appointments = appointments;
        this.invites = invites;
        this.transactions = transactions;
        this.clock = clock;
        this.syncInterval = syncInterval;
    }

    // ------------------------------------------------------------------------------------------------ settings

    public Settings settings(CurrentUser user, UUID repId) {
        checkRep(user, repId);
        return settings(user.workspaceId(), repId);
    }

    public Settings settings(UUID workspaceId, UUID repId) {
        return repository.connection(workspaceId, repId)
                .map(c -> new Settings(true, c.url(), c.username(), true, c.lastSyncAt(), c.lastError(),
                        c.lastErrorAt(), c.busyCount(), repository.pending(workspaceId, repId), secrets.ready()))
                .orElse(new Settings(false, null, null, false, null, null, null, 0, 0, secrets.ready()));
    }

    /** Connects (or changes) the rep's calendar, then reads its busy times once; the answer says how that went. */
    public Settings connect(CurrentUser user, UUID repId, Draft draft) {
        checkRep(user, repId);
        if (draft == null) {
            throw ApiProblem.badRequest("url", "send the calendar as JSON: url, username, password");
        }
        String url = url(draft.url());
        String username = required("username", draft.username(), 200);
        Optional<CalDavRepository.Connection> existing = repository.connection(user.workspaceId(), repId);
        String password = draft.password() == null || draft.password().isEmpty() ? null : draft.password();
        if (password != null && password.length() > 500) {
            throw ApiProblem.badRequest("password", "password must be at most 500 characters");
        }
        if (password == null && existing.isEmpty()) {
            throw ApiProblem.badRequest("password", "password is required: the calendar's app password");
        }
        if (!secrets.ready()) {
            throw secrets.notReady("password");
        }
        byte[] sealed = password != null ? secrets.seal(password) : existing.get().sealedPassword();
        Instant now = clock.instant();
        transactions.executeWithoutResult(status -> {
            repository.save(user.workspaceId(), repId, url, username, sealed, now);
            repository.enqueueUpcoming(user.workspaceId(), repId, now);
        });
        sync(user.workspaceId(), repId);
        return settings(user.workspaceId(), repId);
    }

    public void disconnect(CurrentUser user, UUID repId) {
        checkRep(user, repId);
        if (!repository.delete(user.workspaceId(), repId)) {
            throw ApiProblem.notFound("calendar connection");
        }
    }

    /** "Sync now": reads the busy times and writes what waits for this rep's calendar. */
    public Settings syncNow(CurrentUser user, UUID repId) {
        checkRep(user, repId);
        if (repository.connection(user.workspaceId(), repId).isEmpty()) {
            throw ApiProblem.notFound("calendar connection");
        }
        sync(user.workspaceId(), repId);
        pushDue(50);
        return settings(user.workspaceId(), repId);
    }

    private void checkRep(CurrentUser user, UUID repId) {
        Calendars.checkMayEdit(user, repId);
        if (calendars.calendar(user.workspaceId(), repId).isEmpty()) {
            throw ApiProblem.notFound("calendar");
        }
    }

    // ---------------------------------------------------------------------------------------------- busy times

    /** Reads one rep's busy times; an error is kept for the settings page, not thrown. */
    public boolean sync(UUID workspaceId, UUID repId) {
        Optional<CalDavRepository.Connection> found = repository.connection(workspaceId, repId);
        Optional<RepCalendar> calendar = calendars.calendar(workspaceId, repId);
        if (found.isEmpty() || calendar.isEmpty()) {
            return false;
        }
        CalDavRepository.Connection c = found.get();
        Instant now = clock.instant();
        Instant from = now.minus(BEHIND);
        Instant to = now.plus(AHEAD);
        try {
            CalDavClient.Account account = account(c);
            List<String> events = client.events(account, from, to);
            List<SlotFinder.Busy> busy = BusyTimes.read(events, from, to, calendar.get().zone(), invites::ours);
            transactions.executeWithoutResult(status -> repository.replaceBusy(workspaceId, repId, busy, now));
            return true;
        } catch (CalDavClient.CalDavException | IllegalStateException e) {
            log.info("Reading the CalDAV calendar of rep {} failed: {}", repId, e.getMessage());
            repository.failed(workspaceId, repId, "read: " + e.getMessage(), now, true);
            return false;
        }
    }

    /** Reads the calendars not read for a sync interval, at most {@code limit} of them. */
    public int syncDue(int limit) {
        int done = 0;
        for (CalDavRepository.Connection c : repository.dueForSync(clock.instant().minus(syncInterval), limit)) {
            sync(c.workspaceId(), c.userId());
            done++;
        }
        return done;
    }

    /** Busy times of the reps' own calendars, by rep, for availability and bookings. */
    public java.util.Map<UUID, List<SlotFinder.Busy>> busy(java.util.Collection<UUID> reps, Instant from, Instant to) {
        return repository.busy(reps, from, to);
    }

    // ------------------------------------------------------------------------------------------------- writes

    /** Writes the due meetings to their reps' calendars; returns how many were written. */
    public int pushDue(int limit) {
        Instant now = clock.instant();
        int written = 0;
        for (CalDavRepository.Pending pending : repository.take(now, now.plus(LEASE), limit)) {
            try {
                push(pending);
                repository.done(pending.id());
                written++;
            } catch (CalDavClient.CalDavException | IllegalStateException e) {
                Duration wait = backoff(pending.attempts());
                repository.retryLater(pending.id(), clock.instant().plus(wait), e.getMessage());
                appointments.find(pending.workspaceId(), pending.appointmentId()).ifPresent(a -> repository.failed(
                        pending.workspaceId(), a.rep().id(), "write: " + e.getMessage(), clock.instant(), false));
                log.info("Writing meeting {} to its rep's calendar failed (attempt {}, again in {}): {}",
                        pending.appointmentId(), pending.attempts(), wait, e.getMessage());
            }
        }
        return written;
    }

    private void push(CalDavRepository.Pending pending) throws CalDavClient.CalDavException {
        Optional<Appointment> found = appointments.find(pending.workspaceId(), pending.appointmentId());
        if (found.isEmpty()) {
            return;
        }
        Appointment a = found.get();
        UUID rep = a.rep().id();
        Optional<CalDavRepository.Copy> copy = repository.copy(a.id());
        if (copy.isPresent() && !copy.get().userId().equals(rep)) {
            // moved to another rep: the first rep's calendar drops it
            Optional<CalDavRepository.Connection> old = repository.connection(copy.get().workspaceId(),
                    copy.get().userId());
            if (old.isPresent()) {
                client.delete(account(old.get()), copy.get().href());
            }
            repository.forgetCopy(a.id());
        }
        Optional<CalDavRepository.Connection> connection = repository.connection(pending.workspaceId(), rep);
        if (connection.isEmpty()) {
            return;
        }
        String ics = invites.resource(a, calendars.calendar(pending.workspaceId(), rep).orElse(null));
        String href = client.put(account(connection.get()), "callsheet-" + a.id() + ".ics", ics);
        repository.saveCopy(a.id(), pending.workspaceId(), rep, href, a.sequence(), clock.instant());
    }

    private CalDavClient.Account account(CalDavRepository.Connection c) {
        return new CalDavClient.Account(c.url(), c.username(), secrets.open(c.sealedPassword()));
    }

    /** 30 s, 1 min, 2 min … up to an hour. */
    static Duration backoff(int attempts) {
        long seconds = 30L << Math.min(Math.max(attempts - 1, 0), 10);
        return Duration.ofSeconds(Math.min(seconds, MAX_BACKOFF.toSeconds()));
    }

    // --------------------------------------------------------------------------------------------- validation

    /** The calendar's address: http or https, with a host, no user or password in it. */
    static String url(String given) {
        String text = given == null ? "" : given.strip();
        if (text.isEmpty()) {
            throw ApiProblem.badRequest("url", "url is required: the calendar's CalDAV address");
        }
        if (text.length() > 2000) {
            throw ApiProblem.badRequest("url", "url must be at most 2000 characters");
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw ApiProblem.badRequest("url", "url is not a valid address: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw ApiProblem.badRequest("url", "url must start with https:// (or http://)");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw ApiProblem.badRequest("url", "url must name a server, like https://cal.example.com/dav/me/work/");
        }
        if (uri.getRawUserInfo() != null) {
            throw ApiProblem.badRequest("url", "put the user name and password in their own fields, not in url");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw ApiProblem.badRequest("url", "url must be the calendar's address without ? or #");
        }
        return uri.toString();
    }

    private static String required(String field, String value, int max) {
        String text = value == null ? "" : value.strip();
        if (text.isEmpty()) {
            throw ApiProblem.badRequest(field, field + " is required");
        }
        if (text.length() > max) {
            throw ApiProblem.badRequest(field, field + " must be at most " + max + " characters");
        }
        return text;
    }
}

package dev.callsheet.dialing;

import dev.callsheet.campaigns.Project;
import dev.callsheet.campaigns.Projects;
import dev.callsheet.contacts.Contacts;
import dev.callsheet.contacts.Dialable;
import dev.callsheet.dialing.internal.CallingWindows;
import dev.callsheet.dialing.internal.ProjectCache;
import dev.callsheet.dialing.internal.QueueRepository;
import dev.callsheet.dialing.internal.QueueRepository.KeptCallback;
import dev.callsheet.workspace.CurrentUser;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What waits for an agent (docs/domain.md §5, §8): how many leads can be called now, how many are due later today,
 * when calling resumes if every due lead is outside its hours, and the agent's own callbacks. The console shows it
 * beside "Next lead", and says which of these holds when the queue gives nobody.
 */
@Service
public class QueueOutlook {

    /** How far ahead the next calling window is looked for. */
    private static final Duration HORIZON = Duration.ofDays(8);
    private static final Duration STEP = Duration.ofMinutes(5);

    /** Why "Next lead" gives nobody, in the order the console explains it. */
    public enum Empty { NONE_LEFT, OUTSIDE_HOURS, HELD_FOR_OTHERS, LATER }

    /**
     * @param nextWindow     when the first closed zone with due leads opens again (null when none is closed)
     * @param nextWindowZone that zone's time zone, to show the time as the lead sees it
     */
    public record Outlook(int readyNow, int dueOutsideHours, int laterToday, Instant nextDue, Instant nextWindow,
            String nextWindowZone, int heldForOthers, int open) {

        /** Which case holds when nobody can be called now (null while someone can). */
        public Empty empty() {
            if (readyNow > 0) {
                return null;
            }
            if (open == 0) {
                return Empty.NONE_LEFT;
            }
            if (dueOutsideHours > 0 && nextWindow != null) {
                return Empty.OUTSIDE_HOURS;
            }
            return heldForOthers > 0 ? Empty.HELD_FOR_OTHERS : Empty.LATER;
        }
    }

    /** One of the agent's own callbacks, as "my callbacks" lists it. */
    public record MyCallback(UUID projectId, String projectName, UUID contactId, String leadName, Instant dueAt,
            String timeZone, When when) {
    }

    public enum When { NOW, TODAY, LATER }

    private final QueueRepository repository;
    private final ProjectCache cache;
    private final Projects projects;
    private final Contacts contacts;
    private final Clock clock;

    QueueOutlook(QueueRepository repository, ProjectCache cache, Projects projects, Contacts contacts, Clock clock) {
        this.repository = repository;
        this.cache = cache;
        this.projects = projects;
        this.contacts = contacts;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public Outlook of(CurrentUser agent, UUID projectId) {
        Instant now = clock.instant();
        ProjectCache.Snapshot snapshot = cache.get(agent.workspaceId(), projectId, now);
        Project project = projects.workable(agent, snapshot.project());
        Instant endOfDay = LocalDate.ofInstant(now, agent.timeZone()).plusDays(1).atStartOfDay(agent.timeZone()).toInstant();
        QueueRepository.Outlook held = repository.outlook(projectId, agent.userId(), now, endOfDay);
        List<String> open = CallingWindows.open(project, held.dueByZone().keySet(), snapshot.holidays(), now);
        int readyNow = open.stream().mapToInt(z -> held.dueByZone().get(z)).sum();
        List<String> closed = held.dueByZone().keySet().stream().filter(z -> !open.contains(z)).toList();
        int outside = closed.stream().mapToInt(z -> held.dueByZone().get(z)).sum();
        Instant nextWindow = null;
        String nextZone = null;
        if (!closed.isEmpty()) {
            // The first step at which one of the closed zones opens (five minutes is finer than any calling window).
            // Steps on the five-minute grid (09:00, not 09:01): windows open on whole quarters in every zone's clock.
            long step = STEP.toSeconds();
            Instant first = Instant.ofEpochSecond((now.getEpochSecond() / step + 1) * step);
            for (Instant at = first; at.isBefore(now.plus(HORIZON)); at = at.plus(STEP)) {
                List<String> opening = CallingWindows.open(project, closed, snapshot.holidays(), at);
                if (!opening.isEmpty()) {
                    nextWindow = at;
                    nextZone = opening.get(0).substring(0, opening.get(0).indexOf('|'));
                    break;
                }
            }
        }
        return new Outlook(readyNow, outside, held.laterToday(), held.nextDue(), nextWindow, nextZone,
                held.heldForOthers(), held.open());
    }

    /** The agent's own ("mine") callbacks in every project, soonest first: due now, later today, later. */
    @Transactional(readOnly = true)
    public List<MyCallback> myCallbacks(CurrentUser agent) {
        Instant now = clock.instant();
        Instant endOfDay = LocalDate.ofInstant(now, agent.timeZone()).plusDays(1).atStartOfDay(agent.timeZone()).toInstant();
        List<KeptCallback> kept = repository.callbacksFor(agent.workspaceId(), agent.userId(), 50);
        if (kept.isEmpty()) {
            return List.of();
        }
        Map<UUID, String> names = contacts.dialables(agent.workspaceId(), kept.stream().map(KeptCallback::contactId)
                .distinct().toList()).stream().collect(Collectors.toMap(Dialable::contactId, Dialable::displayName,
                        (a, b) -> a));
        Map<UUID, String> projectNames = new HashMap<>();
        Function<UUID, String> projectName = id -> projectNames.computeIfAbsent(id,
                p -> projects.project(agent.workspaceId(), p).name());
        return kept.stream().map(k -> new MyCallback(k.projectId(), projectName.apply(k.projectId()), k.contactId(),
                names.getOrDefault(k.contactId(), ""), k.dueAt(), zoneOf(k.zoneKey()),
                !k.dueAt().isAfter(now) ? When.NOW : k.dueAt().isBefore(endOfDay) ? When.TODAY : When.LATER))
                .toList();
    }

    private static String zoneOf(String zoneKey) {
        String zone = zoneKey == null ? "" : zoneKey.substring(0, Math.max(0, zoneKey.indexOf('|')));
        try {
            return ZoneId.of(zone).getId();
        } catch (RuntimeException e) {
            return null;
        }
    }
}

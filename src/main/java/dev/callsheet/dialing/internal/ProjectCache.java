package dev.callsheet.dialing.internal;

import dev.callsheet.campaigns.Holiday;
import dev.callsheet.campaigns.Outcome;
import dev.callsheet.campaigns.Project;
import dev.callsheet.campaigns.ProjectChanged;
import dev.callsheet.campaigns.Projects;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * What every "next" and every outcome reads of a project — its settings, outcome tree, lead zones
 * and the holidays around today — kept for two seconds, so that the hot path reads only the queue.
 * A change made through this instance empties the cache at once; one made through another
 * instance is seen within the two seconds. Nothing about leases or leads is cached: those are
 * decided by the database alone.
 */
@Component
public class ProjectCache {

    private static final long TTL_NANOS = 2_000_000_000L;

    /** One project as the queue needs it. */
    public record Snapshot(Project project, List<Outcome> outcomes, List<String> zoneKeys, List<Holiday> holidays,
            LocalDate holidaysAround, long loadedAt) {
    }

    private final Projects projects;
    private final QueueRepository repository;
    /** Keyed by workspace too: a project id from another workspace must miss and fail as not found. */
    private record Key(UUID workspaceId, UUID projectId) {
    }

    private final Map<Key, Snapshot> snapshots = new ConcurrentHashMap<>();

    ProjectCache(Projects projects, QueueRepository repository) {
        this.projects = projects;
        this.repository = repository;
    }

    public Snapshot get(UUID workspaceId, UUID projectId, Instant now) {
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        Key key = new Key(workspaceId, projectId);
        Snapshot cached = snapshots.get(key);
        if (cached != null && System.nanoTime() - cached.loadedAt() < TTL_NANOS && cached.holidaysAround().equals(today)) {
            return cached;
        }
        Project project = projects.project(workspaceId, projectId);
        Snapshot fresh = new Snapshot(project, projects.outcomes(workspaceId, projectId),
                repository.zoneKeys(projectId), projects.holidays(workspaceId, today.minusDays(1), today.plusDays(1)),
                today, System.nanoTime());
        snapshots.put(key, fresh);
        return fresh;
    }

    /** Leads of new zones joined the queue. */
    public void forget(UUID projectId) {
        snapshots.keySet().removeIf(key -> key.projectId().equals(projectId));
    }

    @EventListener
    void on(ProjectChanged changed) {
        if (changed.projectId() == null) {
            snapshots.keySet().removeIf(key -> key.workspaceId().equals(changed.workspaceId()));
        } else {
            forget(changed.projectId());
        }
    }
}

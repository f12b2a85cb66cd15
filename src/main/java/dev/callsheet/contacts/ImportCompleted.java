package dev.callsheet.contacts;

import java.util.UUID;

/**
 * An import finished: its cards are saved. Published through the event publication registry, so
 * a listener interrupted by a crash runs again at the next start.
 *
 * @param projectId the project whose queue the new leads join, or null
 */
public record ImportCompleted(UUID workspaceId, UUID importId, UUID projectId, UUID actorId) {
}

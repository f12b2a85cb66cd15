package dev.callsheet.campaigns;

import java.util.UUID;

/**
 * A project's settings, outcomes or script changed, or (with a null {@code projectId}) the
 * workspace's public holidays: caches of them are stale.
 */
public record ProjectChanged(UUID workspaceId, UUID projectId) {
}

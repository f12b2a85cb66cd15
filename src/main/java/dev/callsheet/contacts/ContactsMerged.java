package dev.callsheet.contacts;

import java.util.UUID;

/** Two cards became one: {@code mergedId} lives on as {@code keptId}. Modules holding contact ids re-point them. */
public record ContactsMerged(UUID workspaceId, UUID keptId, UUID mergedId) {
}

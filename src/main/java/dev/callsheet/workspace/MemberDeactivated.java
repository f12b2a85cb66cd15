package dev.callsheet.workspace;

import java.util.UUID;

/** A member can no longer work in the workspace: what waited for them alone (a callback) goes to anyone. */
public record MemberDeactivated(UUID workspaceId, UUID userId) {
}

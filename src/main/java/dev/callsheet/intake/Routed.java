package dev.callsheet.intake;

import java.util.UUID;

/**
 * Where a first contact went.
 *
 * @param path     OPEN_DEAL (an existing client with an open process: a task to its owner), NO_OPEN_DEAL (an existing
 *                 client: the duty or regional manager opens a process), NEW_CLIENT (a new card and process)
 * @param rule     the rule that chose the person, in words
 */
public record Routed(UUID contactId, boolean created, String path, Person assignee, UUID dealId, String rule) implements java.io.Serializable {
}

package dev.callsheet.scheduling;

import java.util.UUID;

/** A rep or an agent as a booking shows them. */
public record Person(UUID id, String username, String displayName) {
}

package dev.callsheet.intake;

import java.util.UUID;

/** Someone a lead or a duty goes to. */
public record Person(UUID id, String username, String displayName) implements java.io.Serializable {
}

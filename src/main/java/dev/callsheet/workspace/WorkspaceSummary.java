package dev.callsheet.workspace;

import java.io.Serializable;
import java.util.UUID;

/** A workspace as people see it: its public key (used in web-form URLs) and name. */
public record WorkspaceSummary(UUID id, String key, String name) implements Serializable {
}

package dev.callsheet.intake;

import java.time.Instant;
import java.util.UUID;

/** One routing decision: through which channel a lead came, to whom it went, by which path and rule. */
public record Assignment(UUID id, String channel, Person assignee, String path, String rule, Instant at) {
}

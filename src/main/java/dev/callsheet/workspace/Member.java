package dev.callsheet.workspace;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/** A person's place in a workspace, as admins and other modules see it. */
public record Member(UUID id, String username, String displayName, Set<Role> roles, String locale, String timeZone,
        Named team, Named region, boolean active, boolean demo, Instant createdAt, String email,
        java.math.BigDecimal hourlyCost) {

    /** A team or region reference. */
    public record Named(UUID id, String name) {
    }
}

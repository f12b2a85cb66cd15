package dev.callsheet.contacts.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Pairs of cards a person decided are two clients: never offered as duplicates of each other again. */
@Component
public class NotDuplicates {

    private final JdbcClient jdbc;

    NotDuplicates(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores the decision; returns false when the pair was decided before (the first decision stands). */
    public boolean decide(UUID workspaceId, UUID one, UUID two, UUID actorId, Instant at) {
        UUID low = one.compareTo(two) < 0 ? one : two;
        UUID high = low.equals(one) ? two : one;
        return jdbc.sql("""
                INSERT INTO contact_not_duplicate (workspace_id, low_id, high_id, decided_by, decided_at)
                VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""")
                .params(workspaceId, low, high, actorId, Timestamp.from(at)).update() == 1;
    }

    /** The cards decided not to be duplicates of this one. */
    public Set<UUID> of(UUID workspaceId, UUID contactId) {
        List<UUID> ids = jdbc.sql("""
                SELECT high_id FROM contact_not_duplicate WHERE workspace_id = :ws AND low_id = :id
                UNION SELECT low_id FROM contact_not_duplicate WHERE workspace_id = :ws AND high_id = :id""")
                .param("ws", workspaceId).param("id", contactId).query(UUID.class).list();
        return Set.copyOf(ids);
    }
}

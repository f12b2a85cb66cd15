package dev.callsheet.contacts.internal;

import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** A person's saved lead lists. */
@Repository
public class SavedViews {

    public record View(UUID id, String name, String query) {
    }

    private final JdbcClient jdbc;

    SavedViews(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<View> of(UUID workspaceId, UUID userId) {
        return jdbc.sql("SELECT id, name, query FROM saved_view WHERE workspace_id = ? AND user_id = ? ORDER BY lower(name)")
                .params(workspaceId, userId).query(View.class).list();
    }

    public UUID save(UUID workspaceId, UUID userId, String name, String query) {
        return jdbc.sql("INSERT INTO saved_view (workspace_id, user_id, name, query) VALUES (?, ?, ?, ?) RETURNING id")
                .params(workspaceId, userId, name, query).query(UUID.class).single();
    }

    public boolean delete(UUID workspaceId, UUID userId, UUID id) {
        return jdbc.sql("DELETE FROM saved_view WHERE workspace_id = ? AND user_id = ? AND id = ?")
                .params(workspaceId, userId, id).update() > 0;
    }
}

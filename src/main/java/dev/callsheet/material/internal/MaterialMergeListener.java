package dev.callsheet.material.internal;

import dev.callsheet.contacts.ContactsMerged;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Two cards merged: what was sent to the merged card is listed on the kept card (and its consent basis with it). */
@Component
class MaterialMergeListener {

    private final JdbcClient jdbc;

    MaterialMergeListener(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventListener
    void on(ContactsMerged merged) {
        jdbc.sql("UPDATE material_send SET contact_id = :kept WHERE workspace_id = :ws AND contact_id = :merged")
                .param("ws", merged.workspaceId()).param("kept", merged.keptId()).param("merged", merged.mergedId())
                .update();
    }
}

package dev.callsheet.intake.internal;

import dev.callsheet.contacts.ContactsMerged;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Two cards merged: the merged card's tasks, routing decisions and web submissions follow to the kept card,
 * so an open task still opens a live card and a resubmitted form still finds its lead.
 */
@Component
class IntakeMergeListener {

    private final JdbcClient jdbc;

    IntakeMergeListener(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventListener
    void on(ContactsMerged merged) {
        for (String table : new String[] {"intake_task", "assignment", "web_submission"}) {
            jdbc.sql("UPDATE " + table + " SET contact_id = :kept WHERE workspace_id = :ws AND contact_id = :merged")
                    .param("ws", merged.workspaceId()).param("kept", merged.keptId())
                    .param("merged", merged.mergedId()).update();
        }
    }
}

package dev.callsheet.scheduling.internal;

import dev.callsheet.contacts.ContactsMerged;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Two cards merged: the meetings of the merged card follow to the kept card. A live meeting at the very same
 * start as one of the kept card's is the same meeting booked twice and stays on the merged card, for the record.
 */
@Component
class AppointmentsMergeListener {

    private final JdbcClient jdbc;

    AppointmentsMergeListener(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventListener
    void on(ContactsMerged merged) {
        jdbc.sql("""
                UPDATE appointment a SET contact_id = :kept WHERE a.workspace_id = :ws AND a.contact_id = :merged
                  AND (a.status = 'CANCELLED' OR NOT EXISTS (SELECT 1 FROM appointment k WHERE k.workspace_id = :ws
                    AND k.contact_id = :kept AND k.starts_at = a.starts_at AND k.status <> 'CANCELLED'))""")
                .param("ws", merged.workspaceId()).param("kept", merged.keptId()).param("merged", merged.mergedId())
                .update();
    }
}

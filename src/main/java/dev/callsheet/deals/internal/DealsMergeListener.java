package dev.callsheet.deals.internal;

import dev.callsheet.contacts.ContactsMerged;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Two cards merged: the deals of the merged card (with their commissions, which hang on the deal) and its
 * place among a deal's people follow to the kept card, so the kept card shows every deal of both.
 */
@Component
class DealsMergeListener {

    private final JdbcClient jdbc;

    DealsMergeListener(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventListener
    void on(ContactsMerged merged) {
        jdbc.sql("UPDATE deal SET contact_id = :kept WHERE workspace_id = :ws AND contact_id = :merged")
                .param("ws", merged.workspaceId()).param("kept", merged.keptId()).param("merged", merged.mergedId())
                .update();
        jdbc.sql("""
                UPDATE deal_member d SET contact_id = :kept WHERE d.workspace_id = :ws AND d.contact_id = :merged
                  AND NOT EXISTS (SELECT 1 FROM deal_member k WHERE k.deal_id = d.deal_id AND k.contact_id = :kept)""")
                .param("ws", merged.workspaceId()).param("kept", merged.keptId()).param("merged", merged.mergedId())
                .update();
    }
}

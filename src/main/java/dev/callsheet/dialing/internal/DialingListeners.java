package dev.callsheet.dialing.internal;

import dev.callsheet.contacts.ContactsMerged;
import dev.callsheet.contacts.ImportCompleted;
import dev.callsheet.contacts.LeadStatus;
import dev.callsheet.contacts.LeadStatusChanged;
import dev.callsheet.dialing.Queue;
import dev.callsheet.workspace.MemberDeactivated;
import java.time.Clock;
import org.springframework.context.annotation.Lazy;
import org.springframework.context.event.EventListener;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Keeps queues true to the cards, in the card's own transaction (a plain, synchronous listener):
 * a card set to do-not-contact leaves every queue the moment it is saved, not a moment later.
 * Finished imports that name a project fill its queue through the event publication registry.
 */
@Component
class DialingListeners {

    private final QueueRepository repository;
    private final Queue queue;
    private final Clock clock;

    DialingListeners(QueueRepository repository, @Lazy Queue queue,
            Clock clock) {
        this.repository = repository;
        this.queue = queue;
        this.clock = clock;
    }

    /** An import that named a project: its new leads join that project's queue (after the import's commit). */
    @ApplicationModuleListener
    void on(ImportCompleted completed) {
        if (completed.projectId() != null) {
            queue.addImport(completed.workspaceId(), completed.projectId(), completed.importId());
        }
    }

    @EventListener
    void on(LeadStatusChanged change) {
        if (change.to() == LeadStatus.DO_NOT_CONTACT) {
            repository.blockContact(change.workspaceId(), change.contactId(), "DO_NOT_CONTACT", clock.instant());
        } else if (change.from() == LeadStatus.DO_NOT_CONTACT) {
            repository.unblockContact(change.workspaceId(), change.contactId(), clock.instant());
        }
    }

    /** "Mine" callbacks fall back to anyone when their agent is off for good, not only after the grace period. */
    @EventListener
    void on(MemberDeactivated deactivated) {
        repository.releaseCallbacksOf(deactivated.workspaceId(), deactivated.userId(), clock.instant());
    }

    @EventListener
    void on(ContactsMerged merged) {
        repository.repoint(merged.workspaceId(), merged.mergedId(), merged.keptId(), clock.instant());
    }
}

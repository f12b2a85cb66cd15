package dev.callsheet.dialing.internal;

import dev.callsheet.contacts.ContactsMerged;
import dev.callsheet.contacts.LeadStatus;
import dev.callsheet.contacts.LeadStatusChanged;
import java.time.Clock;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Keeps queues true to the cards, in the card's own transaction (a plain, synchronous listener):
 * a card set to do-not-contact leaves every queue the moment it is saved, not a moment later.
 */
@Component
class DialingListeners {

    private final QueueRepository repository;
    private final Clock clock;

    DialingListeners(QueueRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    @EventListener
    void on(LeadStatusChanged change) {
        if (change.to() == LeadStatus.DO_NOT_CONTACT) {
            repository.blockContact(change.workspaceId(), change.contactId(), "DO_NOT_CONTACT", clock.instant());
        } else if (change.from() == LeadStatus.DO_NOT_CONTACT) {
            repository.unblockContact(change.workspaceId(), change.contactId(), clock.instant());
        }
    }

    @EventListener
    void on(ContactsMerged merged) {
        repository.repoint(merged.workspaceId(), merged.mergedId(), merged.keptId(), clock.instant());
    }
}

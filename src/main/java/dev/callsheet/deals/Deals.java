package dev.callsheet.deals;

import dev.callsheet.contacts.Contacts;
import dev.callsheet.deals.internal.DealRepository;
import dev.callsheet.workspace.CurrentUser;
import dev.callsheet.workspace.Role;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Deals as others read them. */
@Service
public class Deals {

    private final DealRepository repository;
    private final Contacts contacts;
    private final java.time.Clock clock;

    Deals(DealRepository repository, Contacts contacts, java.time.Clock clock) {
        this.repository = repository;
        this.contacts = contacts;
        this.clock = clock;
    }

    /** The lead's open sales process, if any (the newest when there are several). */
    @Transactional(readOnly = true)
    public java.util.Optional<Deal> openDealOf(UUID workspaceId, UUID contactId) {
        return repository.ofContact(workspaceId, contactId).stream().filter(d -> d.status().equals("OPEN")).findFirst();
    }

    /** Opens a sales process by hand or by routing (DOMAIN.md §3.3), owned by {@code ownerId}. */
    @Transactional
    public UUID open(UUID workspaceId, UUID contactId, UUID ownerId, String source) {
        return repository.open(workspaceId, contactId, ownerId, source, clock.instant());
    }

    /** A lead's deals, newest first: reps see those they own, agents those credited to them, supervisors all. */
    @Transactional(readOnly = true)
    public List<Deal> ofContact(CurrentUser user, UUID contactId) {
        contacts.card(user.workspaceId(), contactId); // 404 for a card of another workspace
        List<Deal> deals = repository.ofContact(user.workspaceId(), contactId);
        if (user.hasRole(Role.SUPERVISOR) || user.hasRole(Role.ADMIN)) {
            return deals;
        }
        return deals.stream().filter(d -> d.owner().id().equals(user.userId())
                || (d.creditedAgent() != null && d.creditedAgent().id().equals(user.userId()))).toList();
    }
}

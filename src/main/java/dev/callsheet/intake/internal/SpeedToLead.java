package dev.callsheet.intake.internal;

import dev.callsheet.contacts.ContactCard;
import dev.callsheet.contacts.Contacts;
import dev.callsheet.intake.TaskTitle;
import dev.callsheet.mail.Mail;
import dev.callsheet.mail.OutgoingMail;
import dev.callsheet.scheduling.Calendars;
import dev.callsheet.scheduling.RepCalendar;
import dev.callsheet.workspace.Member;
import dev.callsheet.workspace.People;
import dev.callsheet.workspace.Role;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Speed to lead (DOMAIN.md §3): a web or phone lead its owner has not touched (no call, edit or note on the card,
 * the task still open) {@code callsheet.intake.speed-to-lead} after it was routed (5 minutes; per channel with
 * {@code …-web} and {@code …-inbound-call}) alerts the owner; {@code …-escalation} later (10 minutes) the
 * supervisors. Alerts are tasks on their pages, and an e-mail where an address is known.
 */
@Component
public class SpeedToLead {

    private final IntakeRepository repository;
    private final Contacts contacts;
    private final People people;
    private final Calendars calendars;
    private final Mail mail;
    private final Clock clock;
    private final Duration web;
    private final Duration inbound;
    private final Duration escalation;

    SpeedToLead(IntakeRepository repository, Contacts contacts, People people, Calendars calendars, Mail mail,
            Clock clock, @Value("${callsheet.intake.speed-to-lead-web:${callsheet.intake.speed-to-lead:5m}}") Duration web,
            @Value("${callsheet.intake.speed-to-lead-inbound-call:${callsheet.intake.speed-to-lead:5m}}") Duration inbound,
            @Value("${callsheet.intake.speed-to-lead-escalation:10m}") Duration escalation) {
        this.repository = repository;
        this.contacts = contacts;
        this.people = people;
        this.calendars = calendars;
        this.mail = mail;
        this.clock = clock;
        this.web = web;
        this.inbound = inbound;
        this.escalation = escalation;
    }

    /** Alerts whoever is due an alert now; returns how many alerts went out. */
    @Scheduled(fixedDelayString = "${callsheet.intake.speed-poll:1m}", initialDelayString = "45s")
    @Transactional
    public int check() {
        Instant now = clock.instant();
        int alerts = 0;
        for (IntakeRepository.Untouched lead : repository.untouched(now.minus(Duration.ofMinutes(1)))) {
            if (contacts.touchedBy(lead.workspaceId(), lead.contactId(), lead.assignee().id(), lead.createdAt())
                    || repository.tasksDone(lead.workspaceId(), lead.contactId(), lead.assignee().id())) {
                repository.touched(lead.id(), now);
                continue;
            }
            Duration limit = lead.channel().equals("WEB") ? web : inbound;
            Instant ownerDue = lead.createdAt().plus(limit);
            if (lead.alertedOwnerAt() == null && !now.isBefore(ownerDue)) {
                alertOwner(lead, limit, now);
                alerts++;
            } else if (lead.alertedOwnerAt() != null && !now.isBefore(ownerDue.plus(escalation))) {
                alerts += alertSupervisors(lead, limit.plus(escalation), now);
            }
        }
        return alerts;
    }

    private void alertOwner(IntakeRepository.Untouched lead, Duration after, Instant now) {
        ContactCard card = contacts.card(lead.workspaceId(), lead.contactId());
        String title = "Untouched for " + after.toMinutes() + " min: " + card.displayName();
        repository.addTask(lead.workspaceId(), lead.assignee().id(), lead.contactId(), "SPEED_TO_LEAD",
                TaskTitle.of("task.untouched", after.toMinutes(), card.displayName()),
                Map.of("channel", lead.channel(), "routedAt", lead.createdAt().toString()), now);
        // the person's own address, else the one on their rep calendar
        people.member(lead.workspaceId(), lead.assignee().id()).map(Member::email).filter(e -> !e.isBlank())
                .or(() -> calendars.calendar(lead.workspaceId(), lead.assignee().id()).map(RepCalendar::email))
                .ifPresent(email -> mail.enqueue(new OutgoingMail(lead.workspaceId(), "contact:" + lead.contactId(),
                        "SPEED_TO_LEAD", email, lead.assignee().displayName(), title,
                        "A new " + lead.channel().toLowerCase().replace('_', ' ') + " lead routed to you at "
                                + lead.createdAt() + " has not been touched yet: " + card.displayName() + ".\n",
                        null, null)));
        repository.alerted(lead.id(), false, now);
    }

    private int alertSupervisors(IntakeRepository.Untouched lead, Duration after, Instant now) {
        ContactCard card = contacts.card(lead.workspaceId(), lead.contactId());
        int sent = 0;
        for (Member supervisor : people.members(lead.workspaceId())) {
            if (supervisor.active() && supervisor.roles().contains(Role.SUPERVISOR)) {
                String title = "Untouched for " + after.toMinutes() + " min (" + lead.assignee().displayName() + "): "
                        + card.displayName();
                repository.addTask(lead.workspaceId(), supervisor.id(), lead.contactId(), "SPEED_TO_LEAD",
                        TaskTitle.of("task.untouchedEscalated", after.toMinutes(), lead.assignee().displayName(),
                                card.displayName()),
                        Map.of("channel", lead.channel(), "owner", lead.assignee().displayName()), now);
                if (supervisor.email() != null && !supervisor.email().isBlank()) {
                    mail.enqueue(new OutgoingMail(lead.workspaceId(), "contact:" + lead.contactId(), "SPEED_TO_LEAD",
                            supervisor.email(), supervisor.displayName(), title, "A new "
                                    + lead.channel().toLowerCase().replace('_', ' ') + " lead routed to "
                                    + lead.assignee().displayName() + " at " + lead.createdAt()
                                    + " is still untouched after " + after.toMinutes() + " minutes: "
                                    + card.displayName() + ".\n", null, null));
                }
                sent++;
            }
        }
        repository.alerted(lead.id(), true, now);
        return sent;
    }
}

package dev.callsheet.intake.internal;

import dev.callsheet.contacts.ContactCard;
import dev.callsheet.contacts.Contacts;
import dev.callsheet.intake.TaskTitle;
import dev.callsheet.mail.Mail;
import dev.callsheet.mail.OutgoingMail;
import dev.callsheet.scheduling.Calendars;
import dev.callsheet.scheduling.RepCalendar;
import dev.callsheet.web.SupportedLocales;
import dev.callsheet.workspace.Member;
import dev.callsheet.workspace.People;
import dev.callsheet.workspace.Role;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Speed to lead (docs/domain.md §3): a web or phone lead its owner has not touched (no call, edit or note on the card,
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
    private final MessageSource messages;

    SpeedToLead(IntakeRepository repository, Contacts contacts, People people, Calendars calendars, Mail mail,
            MessageSource messages, Clock clock, @Value("${callsheet.intake.speed-to-lead-web:${callsheet.intake.speed-to-lead:5m}}") Duration web,
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
        this.messages = messages;
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
        TaskTitle title = TaskTitle.of("task.untouched", after.toMinutes(), card.displayName());
        // The alert is the lead's own task, raised (issue 26: a second task beside it made two tasks per lead).
        Map<String, Object> details = Map.of("channel", lead.channel(), "routedAt", lead.createdAt().toString());
        if (repository.alertOpenLeadTask(lead.workspaceId(), lead.assignee().id(), lead.contactId(), title, details)
                .isEmpty()) {
            repository.addTask(lead.workspaceId(), lead.assignee().id(), lead.contactId(), "SPEED_TO_LEAD", title,
                    details, now);
        }
        // the person's own address, else the one on their rep calendar; in their language, on their clock
        Optional<Member> owner = people.member(lead.workspaceId(), lead.assignee().id());
        owner.map(Member::email).filter(e -> !e.isBlank())
                .or(() -> calendars.calendar(lead.workspaceId(), lead.assignee().id()).map(RepCalendar::email))
                .ifPresent(email -> {
                    Reader reader = reader(owner);
                    mail.enqueue(new OutgoingMail(lead.workspaceId(), "contact:" + lead.contactId(), "SPEED_TO_LEAD",
                            email, lead.assignee().displayName(), reader.text(title),
                            reader.text(TaskTitle.of("mail.untouched.body", reader.channel(lead.channel()),
                                    reader.time(lead.createdAt()), card.displayName())) + "\n",
                            null, null));
                });
        repository.alerted(lead.id(), false, now);
    }

    private int alertSupervisors(IntakeRepository.Untouched lead, Duration after, Instant now) {
        ContactCard card = contacts.card(lead.workspaceId(), lead.contactId());
        TaskTitle title = TaskTitle.of("task.untouchedEscalated", after.toMinutes(), lead.assignee().displayName(),
                card.displayName());
        int sent = 0;
        for (Member supervisor : people.members(lead.workspaceId())) {
            if (supervisor.active() && supervisor.roles().contains(Role.SUPERVISOR)) {
                repository.addTask(lead.workspaceId(), supervisor.id(), lead.contactId(), "SPEED_TO_LEAD", title,
                        Map.of("channel", lead.channel(), "owner", lead.assignee().displayName()), now);
                if (supervisor.email() != null && !supervisor.email().isBlank()) {
                    Reader reader = reader(Optional.of(supervisor));
                    mail.enqueue(new OutgoingMail(lead.workspaceId(), "contact:" + lead.contactId(), "SPEED_TO_LEAD",
                            supervisor.email(), supervisor.displayName(), reader.text(title),
                            reader.text(TaskTitle.of("mail.untouchedEscalated.body", reader.channel(lead.channel()),
                                    lead.assignee().displayName(), reader.time(lead.createdAt()), after.toMinutes(),
                                    card.displayName())) + "\n",
                            null, null));
                }
                sent++;
            }
        }
        repository.alerted(lead.id(), true, now);
        return sent;
    }

    private Reader reader(Optional<Member> member) {
        Locale locale = member.map(m -> SupportedLocales.match(m.locale()).orElse(SupportedLocales.ENGLISH))
                .orElse(SupportedLocales.ENGLISH);
        ZoneId zone = member.map(Member::timeZone).map(ZoneId::of).orElse(ZoneOffset.UTC);
        return new Reader(locale, zone, messages);
    }

    /** The language and clock an alert is written in: the recipient's, else English and UTC. */
    private record Reader(Locale locale, ZoneId zone, MessageSource messages) {

        String text(TaskTitle title) {
            return messages.getMessage(title.key(), title.args().toArray(), locale);
        }

        String channel(String code) {
            return messages.getMessage("source." + code, null, code.toLowerCase(Locale.ROOT).replace('_', ' '), locale);
        }

        String time(Instant at) {
            return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT).withLocale(locale)
                    .format(at.atZone(zone));
        }
    }
}

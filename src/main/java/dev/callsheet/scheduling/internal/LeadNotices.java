package dev.callsheet.scheduling.internal;

import dev.callsheet.mail.Mail;
import dev.callsheet.mail.OutgoingMail;
import dev.callsheet.scheduling.Appointment;
import dev.callsheet.scheduling.RepCalendar;
import dev.callsheet.workspace.Member;
import dev.callsheet.workspace.People;
import dev.callsheet.web.Inputs;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Tells the rep and the agent who booked it what the lead did through their link: an e-mail to each (the rep also
 * gets the usual invite update or cancellation from the move or cancellation itself).
 */
@Component
public class LeadNotices {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy, HH:mm", Locale.ENGLISH);

    private final Mail mail;
    private final People people;

    LeadNotices(Mail mail, People people) {
        this.mail = mail;
        this.people = people;
    }

    /**
     * @param what CONFIRMED, MOVED or CANCELLED
     */
    public void tell(UUID workspaceId, Appointment a, RepCalendar rep, String what, String before, String reason) {
        String when = a.start().atZone(ZoneId.of(a.repTimeZone())).format(TIME) + " (" + a.repTimeZone() + ")";
        String subject = switch (what) {
            case "MOVED" -> a.lead().displayName() + " moved the meeting to " + when;
            case "CANCELLED" -> a.lead().displayName() + " cancelled the meeting of " + when;
            default -> a.lead().displayName() + " confirmed the meeting of " + when;
        };
        StringBuilder text = new StringBuilder(subject).append(", through the link in their invitation.\n");
        if (before != null) {
            text.append("It was: ").append(before).append('\n');
        }
        if (reason != null) {
            text.append("Their reason: ").append(reason).append('\n');
        }
        Map<String, String> to = new LinkedHashMap<>();
        if (rep != null && rep.email() != null) {
            to.put(rep.email(), a.rep().displayName());
        }
        people.member(workspaceId, a.bookedBy().id()).map(LeadNotices::email)
                .ifPresent(email -> to.putIfAbsent(email, a.bookedBy().displayName()));
        to.forEach((email, name) -> mail.enqueue(new OutgoingMail(workspaceId, Invites.reference(a), "LEAD_" + what,
                email, name, subject, text.toString(), null, null)));
    }

    /** The time as the rep reads it, for "it was". */
    public static String repTime(Appointment a) {
        return a.start().atZone(ZoneId.of(a.repTimeZone())).format(TIME) + " (" + a.repTimeZone() + ")";
    }

    private static String email(Member member) {
        if (member.email() != null && !member.email().isBlank()) {
            return member.email();
        }
        return Inputs.isEmail(member.username()) ? member.username() : null;
    }
}

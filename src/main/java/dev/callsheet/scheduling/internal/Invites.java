package dev.callsheet.scheduling.internal;

import dev.callsheet.mail.Mail;
import dev.callsheet.mail.OutgoingMail;
import dev.callsheet.scheduling.Appointment;
import dev.callsheet.scheduling.MeetingType;
import dev.callsheet.scheduling.RepCalendar;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneOffsetTransitionRule;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.Daylight;
import net.fortuna.ical4j.model.component.Observance;
import net.fortuna.ical4j.model.component.Standard;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.component.VTimeZone;
import net.fortuna.ical4j.model.parameter.Cn;
import net.fortuna.ical4j.model.parameter.PartStat;
import net.fortuna.ical4j.model.parameter.Role;
import net.fortuna.ical4j.model.parameter.Rsvp;
import net.fortuna.ical4j.model.parameter.TzId;
import net.fortuna.ical4j.model.property.Attendee;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.DtEnd;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.DtStart;
import net.fortuna.ical4j.model.property.Location;
import net.fortuna.ical4j.model.property.Method;
import net.fortuna.ical4j.model.property.Organizer;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.RRule;
import net.fortuna.ical4j.model.property.Sequence;
import net.fortuna.ical4j.model.property.Status;
import net.fortuna.ical4j.model.property.Summary;
import net.fortuna.ical4j.model.property.TzName;
import net.fortuna.ical4j.model.property.TzOffsetFrom;
import net.fortuna.ical4j.model.property.TzOffsetTo;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.Version;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * iCalendar invites (RFC 5545, sent as RFC 6047 iMIP) for a meeting, and the e-mails that carry them.
 *
 * <p>Times are written in the rep's zone with a VTIMEZONE built from {@code java.time}'s own rules, not
 * ical4j's bundled ones: ical4j 4.4.0 writes some zones (Europe/Moscow, Asia/Yekaterinburg) an hour off.
 * Every change keeps the UID and raises SEQUENCE, so calendar clients update the one event.
 */
@Component
public class Invites {

    private static final DateTimeFormatter TEXT_TIME = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy, HH:mm",
            Locale.ENGLISH);

    private final Mail mail;
    private final Clock clock;
    private final String from;
    private final String domain;

    private final LeadLinks links;

    Invites(Mail mail, Clock clock, @Value("${callsheet.mail.from:callsheet@localhost}") String from,
            LeadLinks links) {
        this.links = links;
        this.mail = mail;
        this.clock = clock;
        this.from = from;
        this.domain = from.substring(from.indexOf('@') + 1);
    }

    /**
     * Queues the invite for the rep and, where asked, the lead.
     *
     * @param kind INVITE, UPDATE or CANCEL
     */
    public void send(UUID workspaceId, Appointment appointment, String kind, RepCalendar rep, boolean toRep,
            boolean toLead) {
        String method = kind.equals("CANCEL") ? "CANCEL" : "REQUEST";
        String ics = calendar(appointment, method, rep, true);
        String when = appointment.start().atZone(ZoneId.of(appointment.repTimeZone())).format(TEXT_TIME);
        String subject = switch (kind) {
            case "CANCEL" -> "Cancelled: meeting with " + appointment.lead().displayName() + ", " + when;
            case "UPDATE" -> "Moved: meeting with " + appointment.lead().displayName() + ", " + when;
            default -> "Meeting with " + appointment.lead().displayName() + ", " + when;
        };
        if (toRep && rep != null && rep.email() != null) {
            mail.enqueue(new OutgoingMail(workspaceId, reference(appointment), kind, rep.email(),
                    appointment.rep().displayName(), subject, description(appointment), ics, method));
        }
        if (toLead && appointment.inviteLead() && appointment.lead().email() != null) {
            String leadWhen = appointment.start().atZone(ZoneId.of(appointment.leadTimeZone())).format(TEXT_TIME);
            String leadSubject = switch (kind) {
                case "CANCEL" -> "Cancelled: our meeting on " + leadWhen;
                case "UPDATE" -> "New time for our meeting: " + leadWhen;
                default -> "Our meeting: " + leadWhen;
            };
            // the lead's own link to confirm, move or cancel (issue 25.7); a cancellation needs none
            String text = kind.equals("CANCEL") ? leadText(appointment) : leadText(appointment)
                    + "\nConfirm, move or cancel this meeting yourself: " + links.url(workspaceId, appointment) + "\n";
            mail.enqueue(new OutgoingMail(workspaceId, reference(appointment), kind,
                    appointment.lead().email(), appointment.lead().displayName(), leadSubject,
                    text, calendar(appointment, method, rep, false), method));
        }
    }

    /** A reminder e-mail, some hours before the meeting. */
    public void remind(UUID workspaceId, Appointment appointment, RepCalendar rep) {
        String when = appointment.start().atZone(ZoneId.of(appointment.repTimeZone())).format(TEXT_TIME);
        if (rep != null && rep.email() != null) {
            mail.enqueue(new OutgoingMail(workspaceId, reference(appointment), "REMINDER", rep.email(),
                    appointment.rep().displayName(), "Reminder: meeting with " + appointment.lead().displayName()
                            + ", " + when, description(appointment), null, null));
        }
        if (appointment.inviteLead() && appointment.lead().email() != null) {
            mail.enqueue(new OutgoingMail(workspaceId, reference(appointment), "REMINDER", appointment.lead().email(),
                    appointment.lead().displayName(), "Reminder: our meeting on "
                            + appointment.start().atZone(ZoneId.of(appointment.leadTimeZone())).format(TEXT_TIME),
                    leadText(appointment), null, null));
        }
    }

    public static String reference(Appointment appointment) {
        return "appointment:" + appointment.id();
    }

    /**
     * The iCalendar object.
     *
     * @param method   REQUEST or CANCEL
     * @param internal whether the description carries the qualification notes (for the rep, not the lead)
     */
    public String calendar(Appointment a, String method, RepCalendar rep, boolean internal) {
        return build(a, method, rep, internal, true);
    }

    /**
     * The meeting as an event of the rep's own CalDAV calendar (RFC 4791 §4.1): the invite's UID, SEQUENCE, times
     * and text, STATUS:CANCELLED once cancelled, but no METHOD, and no ORGANIZER or ATTENDEE, so that a server
     * that schedules (RFC 6638) does not send the lead a second invite.
     */
    public String resource(Appointment a, RepCalendar rep) {
        return build(a, a.status().equals("CANCELLED") ? "CANCEL" : "REQUEST", rep, true, false);
    }

    /** Whether a UID is one of the meetings' (so a calendar's copy is not read back as busy time). */
    public boolean ours(String uid) {
        return uid != null && uid.endsWith("@" + domain) && uid.length() == 37 + domain.length();
    }

    private String build(Appointment a, String method, RepCalendar rep, boolean internal, boolean scheduling) {
        ZoneId zone = ZoneId.of(a.repTimeZone());
        VEvent event = new VEvent(false);
        event.add(new Uid(a.id() + "@" + domain));
        event.add(new DtStamp(clock.instant().truncatedTo(ChronoUnit.SECONDS)));
        event.add(new Sequence(a.sequence()));
        event.add(local(new DtStart<>(wall(a.start(), zone)), zone));
        event.add(local(new DtEnd<>(wall(a.end(), zone)), zone));
        event.add(new Summary((internal ? "Meeting: " + a.lead().displayName() : "Meeting with "
                + a.rep().displayName()) + " (" + typeName(a.type()) + ")"));
        if (a.location() != null) {
            event.add(new Location(a.location()));
        }
        event.add(new Description(internal ? description(a) : leadText(a)));
        event.add(new Status(method.equals("CANCEL") ? "CANCELLED" : "CONFIRMED"));
        Calendar calendar = new Calendar();
        calendar.add(new ProdId("-//Callsheet//Appointments//EN"));
        calendar.add(new Version("2.0", "2.0"));
        if (scheduling) {
            Organizer organizer = new Organizer("mailto:" + from);
            organizer.add(new Cn(a.bookedBy().displayName() + " (Callsheet)"));
            event.add(organizer);
            if (rep != null && rep.email() != null) {
                event.add(attendee(rep.email(), a.rep().displayName()));
            }
            if (a.inviteLead() && a.lead().email() != null) {
                event.add(attendee(a.lead().email(), a.lead().displayName()));
            }
            calendar.add(new Method(method));
        }
        calendar.add(timeZone(zone, a.start()));
        calendar.add(event);
        return calendar.toString();
    }

    /**
     * A VTIMEZONE from {@code java.time}'s rules: one observance per yearly transition rule (with its RRULE), or,
     * for a zone without daylight saving now, one STANDARD observance from its last change.
     */
    static VTimeZone timeZone(ZoneId zone, Instant around) {
        ZoneRules rules = zone.getRules();
        VTimeZone vtz = new VTimeZone();
        vtz.add(new net.fortuna.ical4j.model.property.TzId(zone.getId()));
        List<ZoneOffsetTransitionRule> yearly = rules.getTransitionRules();
        if (!yearly.isEmpty()) {
            int year = around.atZone(ZoneOffset.UTC).getYear() - 1;
            for (ZoneOffsetTransitionRule rule : yearly) {
                ZoneOffsetTransition first = rule.createTransition(year);
                Observance observance = first.isGap() ? new Daylight() : new Standard();
                observance.add(new DtStart<>(first.getDateTimeBefore()));
                observance.add(new TzOffsetFrom(first.getOffsetBefore()));
                observance.add(new TzOffsetTo(first.getOffsetAfter()));
                observance.add(new RRule<>(recurrence(rule)));
                observance.add(new TzName(name(first.getOffsetAfter())));
                vtz.add(observance);
            }
        } else {
            ZoneOffsetTransition last = rules.previousTransition(around.plusSeconds(1));
            ZoneOffset offset = rules.getOffset(around);
            Standard standard = new Standard();
            standard.add(new DtStart<>(last == null ? LocalDateTime.of(1970, 1, 1, 0, 0) : last.getDateTimeBefore()));
            standard.add(new TzOffsetFrom(last == null ? offset : last.getOffsetBefore()));
            standard.add(new TzOffsetTo(offset));
            standard.add(new TzName(name(offset)));
            vtz.add(standard);
        }
        return vtz;
    }

    /** The RRULE of a yearly transition: "last Sunday of March" is BYDAY=-1SU, "second Sunday" 2SU. */
    private static String recurrence(ZoneOffsetTransitionRule rule) {
        String month = "FREQ=YEARLY;BYMONTH=" + rule.getMonth().getValue();
        DayOfWeek day = rule.getDayOfWeek();
        int indicator = rule.getDayOfMonthIndicator();
        if (day == null) {
            return month + ";BYMONTHDAY=" + indicator;
        }
        String weekday = day.name().substring(0, 2);
        if (indicator == -1 || (indicator > 0 && indicator + 6 == rule.getMonth().maxLength()
                && rule.getMonth().maxLength() == rule.getMonth().minLength())) {
            return month + ";BYDAY=-1" + weekday; // the last <day> of the month (EU: "Sunday on or after the 25th")
        }
        if (indicator > 0 && (indicator - 1) % 7 == 0) {
            return month + ";BYDAY=" + ((indicator - 1) / 7 + 1) + weekday;
        }
        // "the first <day> on or after the <indicator>th" (or on or before, counting from the month's end)
        String days = indicator > 0
                ? IntStream.range(indicator, indicator + 7).mapToObj(Integer::toString).collect(Collectors.joining(","))
                : IntStream.rangeClosed(indicator - 6, indicator).mapToObj(Integer::toString)
                        .collect(Collectors.joining(","));
        return month + ";BYDAY=" + weekday + ";BYMONTHDAY=" + days;
    }

    private static String name(ZoneOffset offset) {
        return offset.getTotalSeconds() == 0 ? "UTC" : "UTC" + offset.getId();
    }

    private static LocalDateTime wall(Instant instant, ZoneId zone) {
        return LocalDateTime.ofInstant(instant, zone).truncatedTo(ChronoUnit.SECONDS);
    }

    /** A DTSTART or DTEND as the rep's wall-clock time with its TZID, written verbatim (no ical4j zone rules). */
    private static <P extends net.fortuna.ical4j.model.Property> P local(P property, ZoneId zone) {
        property.add(new TzId(zone.getId()));
        return property;
    }

    private static Attendee attendee(String email, String name) {
        Attendee attendee = new Attendee("mailto:" + email);
        attendee.add(new Cn(name));
        attendee.add(Role.REQ_PARTICIPANT);
        attendee.add(PartStat.NEEDS_ACTION);
        attendee.add(Rsvp.TRUE);
        return attendee;
    }

    private static String typeName(String code) {
        return MeetingType.DEFAULTS.stream().filter(t -> t.code().equals(code)).map(MeetingType::name).findFirst()
                .orElse(code);
    }

    /** What the rep reads: who, where, why, and what the agent learnt on the call. */
    private static String description(Appointment a) {
        StringBuilder text = new StringBuilder();
        text.append("Lead: ").append(a.lead().displayName()).append('\n');
        text.append("When: ").append(a.start().atZone(ZoneId.of(a.repTimeZone())).format(TEXT_TIME)).append(" (")
                .append(a.repTimeZone()).append("); the lead's time: ")
                .append(a.start().atZone(ZoneId.of(a.leadTimeZone())).format(TEXT_TIME)).append(" (")
                .append(a.leadTimeZone()).append(")\n");
        text.append("Type: ").append(typeName(a.type())).append('\n');
        if (a.location() != null) {
            text.append("Where: ").append(a.location()).append('\n');
        }
        text.append("Booked by: ").append(a.bookedBy().displayName()).append('\n');
        Map<String, Object> q = a.qualification();
        if (q != null) {
            text.append("Qualification: interest ").append(q.get("interest")).append("/5, ability ")
                    .append(q.get("ability")).append("/5, willingness ").append(q.get("willingness")).append("/5\n");
            if (q.get("notes") != null) {
                text.append("Agent's notes: ").append(q.get("notes")).append('\n');
            }
        }
        if (a.notes() != null) {
            text.append("Notes: ").append(a.notes()).append('\n');
        }
        if (a.status().equals("CANCELLED") && a.cancelReason() != null) {
            text.append("Cancelled: ").append(a.cancelReason()).append('\n');
        }
        return text.toString();
    }

    private static String leadText(Appointment a) {
        List<String> lines = new ArrayList<>();
        lines.add("Meeting with " + a.rep().displayName() + " (" + typeName(a.type()) + ")");
        lines.add("When: " + a.start().atZone(ZoneId.of(a.leadTimeZone())).format(TEXT_TIME) + " ("
                + a.leadTimeZone() + ")");
        if (a.location() != null) {
            lines.add("Where: " + a.location());
        }
        if (a.status().equals("CANCELLED")) {
            lines.add("This meeting is cancelled.");
        }
        return String.join("\n", lines) + "\n";
    }
}

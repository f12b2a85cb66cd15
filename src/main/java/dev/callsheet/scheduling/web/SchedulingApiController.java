package dev.callsheet.scheduling.web;

import dev.callsheet.mail.Mail;
import dev.callsheet.mail.MailStatus;
import dev.callsheet.scheduling.Appointment;
import dev.callsheet.scheduling.Appointments;
import dev.callsheet.scheduling.BookingRequest;
import dev.callsheet.scheduling.CalendarDraft;
import dev.callsheet.scheduling.Calendars;
import dev.callsheet.scheduling.RepCalendar;
import dev.callsheet.scheduling.RuleChecks;
import dev.callsheet.scheduling.internal.Invites;
import dev.callsheet.web.ApiProblem;
import dev.callsheet.workspace.CurrentUser;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Reps' calendars, free slots and appointments. Agents and reps book; a rep keeps their own calendar,
 * supervisors everyone's. Who sees and changes which meeting: {@link dev.callsheet.scheduling.MeetingAccess}.
 */
@RestController
@PreAuthorize("hasAnyRole('AGENT', 'REP')")
class SchedulingApiController {

    private final Calendars calendars;
    private final Appointments appointments;
    private final Mail mail;
    private final Clock clock;
    private final RuleChecks ruleChecks;

    SchedulingApiController(Calendars calendars, Appointments appointments, Mail mail, Clock clock,
            RuleChecks ruleChecks) {
        this.ruleChecks = ruleChecks;
        this.calendars = calendars;
        this.appointments = appointments;
        this.mail = mail;
        this.clock = clock;
    }

    @PutMapping("/api/v1/reps/{userId}/calendar")
    @PreAuthorize("hasRole('REP')")
    RepCalendar saveCalendar(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID userId,
            @RequestBody(required = false) CalendarDraft body) {
        return calendars.save(user, userId, body);
    }

    @GetMapping("/api/v1/reps/{userId}/calendar")
    RepCalendar calendar(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID userId) {
        return calendars.calendar(user.workspaceId(), userId).orElseThrow(() -> ApiProblem.notFound("calendar"));
    }

    @GetMapping("/api/v1/reps")
    Map<String, List<RepCalendar>> reps(@AuthenticationPrincipal CurrentUser user) {
        return Map.of("items", calendars.calendars(user.workspaceId()));
    }

    @GetMapping("/api/v1/availability")
    Appointments.Slots availability(@AuthenticationPrincipal CurrentUser user,
            @RequestParam(required = false) String project, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to, @RequestParam(required = false) String rep,
            @RequestParam(required = false) String type, @RequestParam(required = false) String lead,
            @RequestParam(required = false) Integer limit, @RequestParam(required = false) String day,
            @RequestParam(required = false) String partOfDay) {
        return appointments.availability(user, project, from, to, rep, type, lead, limit, day, partOfDay);
    }

    @PostMapping("/api/v1/appointments")
    ResponseEntity<Map<String, Object>> book(@AuthenticationPrincipal CurrentUser user,
            @RequestBody(required = false) BookingRequest body) {
        Appointments.Booked booked;
        try {
            booked = appointments.book(user, body);
        } catch (Appointments.Taken taken) {
            throw appointments.withNextSlots(user, taken);
        }
        Appointment a = booked.appointment();
        Map<String, Object> result = Map.of("id", a.id(), "rep", a.rep(), "start", a.start(), "choice", a.choice(),
                "choiceReason", a.choiceReason());
        return booked.created() ? ResponseEntity.created(URI.create("/api/v1/appointments/" + a.id())).body(result)
                : ResponseEntity.ok(result);
    }

    @GetMapping("/api/v1/appointments")
    Map<String, List<Appointment>> list(@AuthenticationPrincipal CurrentUser user,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(required = false) UUID rep, @RequestParam(defaultValue = "false") boolean cancelled) {
        Instant start = from == null ? clock.instant().minus(Duration.ofDays(1)) : Appointments.time("from", from, user);
        Instant end = to == null ? start.plus(Duration.ofDays(31)) : Appointments.time("to", to, user);
        if (!end.isAfter(start) || Duration.between(start, end).toDays() > 370) {
            throw ApiProblem.badRequest("to", "to must be after from, and at most a year later");
        }
        return Map.of("items", appointments.between(user, start, end, rep, cancelled));
    }

    /**
     * Booked meetings from now on that break a rule of booking (territory, travel, the lead's hours, a holiday, the
     * on-site limit), each with a free time to move it to; for supervisors.
     */
    @GetMapping("/api/v1/appointments/violations")
    @PreAuthorize("hasRole('SUPERVISOR')")
    Map<String, List<RuleChecks.Violation>> violations(@AuthenticationPrincipal CurrentUser user,
            @RequestParam(required = false) UUID rep) {
        return Map.of("items", ruleChecks.violations(user, rep, true));
    }

    @GetMapping("/api/v1/appointments/{id}")
    Appointment appointment(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        return appointments.appointment(user, id);
    }

    @PostMapping("/api/v1/appointments/{id}/reschedule")
    Appointment reschedule(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
            @RequestBody(required = false) Map<String, String> body) {
        Map<String, String> b = body == null ? Map.of() : body;
        try {
            return appointments.reschedule(user, id, b.get("start"), b.get("type"), b.get("repId"), b.get("location"));
        } catch (Appointments.Taken taken) {
            throw appointments.withNextSlots(user, taken);
        }
    }

    @PostMapping("/api/v1/appointments/{id}/cancel")
    Appointment cancel(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
            @RequestBody(required = false) Map<String, String> body) {
        return appointments.cancel(user, id, body == null ? null : body.get("reason"));
    }

    @PostMapping("/api/v1/appointments/{id}/held")
    Appointment held(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        return appointments.attended(user, id, true);
    }

    @PostMapping("/api/v1/appointments/{id}/no-show")
    Appointment noShow(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        return appointments.attended(user, id, false);
    }

    @GetMapping("/api/v1/appointments/{id}/invite.ics")
    ResponseEntity<String> invite(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("text/calendar; charset=UTF-8"))
                .header("Content-Disposition", "attachment; filename=\"meeting-" + id + ".ics\"")
                .body(appointments.invite(user, id));
    }

    @GetMapping("/api/v1/appointments/{id}/mail")
    Map<String, List<MailStatus>> mail(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        Appointment appointment = appointments.appointment(user, id);
        return Map.of("items", mail.about(user.workspaceId(), Invites.reference(appointment)));
    }

    @PostMapping("/api/v1/appointments/{id}/mail/{mailId}/retry")
    Map<String, List<MailStatus>> retry(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
            @PathVariable UUID mailId) {
        Appointment appointment = appointments.appointment(user, id);
        String reference = Invites.reference(appointment);
        if (mail.about(user.workspaceId(), reference).stream().noneMatch(m -> m.id().equals(mailId))) {
            throw ApiProblem.notFound("message");
        }
        mail.retry(user.workspaceId(), mailId);
        return Map.of("items", mail.about(user.workspaceId(), reference));
    }
}

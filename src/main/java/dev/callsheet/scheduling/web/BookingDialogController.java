package dev.callsheet.scheduling.web;

import dev.callsheet.campaigns.MeetingTypeCatalog;
import dev.callsheet.campaigns.Projects;
import dev.callsheet.dialing.Queue;
import dev.callsheet.scheduling.Appointment;
import dev.callsheet.scheduling.Appointments;
import dev.callsheet.scheduling.BookingRequest;
import dev.callsheet.scheduling.Calendars;
import dev.callsheet.scheduling.PartOfDay;
import dev.callsheet.scheduling.Person;
import dev.callsheet.web.ApiProblem;
import dev.callsheet.workspace.CurrentUser;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The console's booking dialog for the lead an agent just qualified: the best slots first, each one key away,
 * narrowed by day (the next four weeks), part of the lead's day and rep, each filter one key away too
 * (issue 25; the keys are in callsheet.js). The project's default meeting type is preselected; a project
 * without one makes the agent choose.
 */
@Controller
@PreAuthorize("hasRole('AGENT')")
class BookingDialogController {

    /** How far ahead the day picker reaches. */
    static final int DAYS = 28;
    /** How many slots the dialog shows, one digit key each. */
    static final int SLOTS = 9;

    /** A meeting type's code, as {@link dev.callsheet.scheduling.MeetingType} has them. */
    private static final Pattern MEETING_TYPE = Pattern.compile("[A-Za-z][A-Za-z0-9_]{1,29}");

    private final Appointments appointments;
    private final Calendars calendars;
    private final Projects projects;
    private final MeetingTypeCatalog types;
    private final Queue queue;
    private final Clock clock;

    BookingDialogController(Appointments appointments, Calendars calendars, Projects projects,
            MeetingTypeCatalog types, Queue queue, Clock clock) {
        this.appointments = appointments;
        this.calendars = calendars;
        this.projects = projects;
        this.types = types;
        this.queue = queue;
        this.clock = clock;
    }

    @GetMapping("/console/{projectId}/calls/{attemptId}/book")
    String booking(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID projectId,
            @PathVariable UUID attemptId, @RequestParam(required = false) String type,
            @RequestParam(required = false) String day, @RequestParam(required = false) String part,
            @RequestParam(required = false) String rep, Model model) {
        UUID ws = user.workspaceId();
        Queue.BookingContext call = queue.bookingContext(ws, attemptId).orElseThrow(() -> ApiProblem.notFound("call"));
        projects.project(ws, projectId);
        String code = type == null || type.isBlank() ? projects.defaultMeetingType(ws, projectId).orElse(null)
                : checkedType(type);
        PartOfDay partOfDay = PartOfDay.parse("part", part);
        UUID repId = rep == null || rep.isBlank() ? null : uuid("rep", rep);
        ZoneId leadZone = appointments.leadZone(ws, call.contactId(), user.timeZone());
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, leadZone);
        LocalDate chosenDay = day == null || day.isBlank() ? null : date(day, today);

        Appointments.Slots slots = null;
        if (code != null) {
            try {
                slots = appointments.availability(user, projectId.toString(),
                        chosenDay == null ? now.toString() : null,
                        chosenDay == null ? now.plus(Duration.ofDays(DAYS)).toString() : null,
                        repId == null ? null : repId.toString(), code, call.contactId().toString(), SLOTS,
                        chosenDay == null ? null : chosenDay.toString(), partOfDay == null ? null : partOfDay.code());
            } catch (ApiProblem problem) {
                if (!"address".equals(problem.field())) {
                    throw problem;
                }
                // issue 25: a visit needs the lead's address first; the dialog's form adds it
                slots = new Appointments.Slots(List.of(), leadZone.getId(), user.timeZone().getId(), false);
                model.addAttribute("addressNeeded", true);
            }
        }
        String chosen = code;
        List<Person> reps = code == null ? List.of() : calendars.bookable(ws).stream()
                .filter(c -> c.meetingType(chosen).isPresent()).map(c -> c.rep()).toList();
        BookingDialog dialog = new BookingDialog(projectId, attemptId, code, chosenDay, partOfDay, repId, today,
                DAYS);
        model.addAttribute("dialog", dialog);
        model.addAttribute("slots", slots);
        model.addAttribute("type", code);
        model.addAttribute("types", types.offered(ws));
        model.addAttribute("reps", reps);
        model.addAttribute("leadTimeZone", leadZone.getId());
        model.addAttribute("agentTimeZone", user.timeZone().getId());
        model.addAttribute("projectId", projectId);
        model.addAttribute("attemptId", attemptId);
        model.addAttribute("call", call);
        model.addAttribute("lead", appointments.leadName(ws, call.contactId()));
        return "calendar/book";
    }

    /** Adds the lead's address from the booking dialog, then shows the dialog again (issue 25). */
    @PostMapping("/console/{projectId}/calls/{attemptId}/address")
    String address(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID projectId, @PathVariable UUID attemptId,
            @RequestParam(required = false) String address, @RequestParam(required = false) String postcode,
            @RequestParam(required = false) String city, @RequestParam(required = false) String type,
            RedirectAttributes redirect) {
        Queue.BookingContext call = queue.bookingContext(user.workspaceId(), attemptId)
                .orElseThrow(() -> ApiProblem.notFound("call"));
        String code = type == null || type.isBlank() ? null : checkedType(type);
        try {
            appointments.setLeadAddress(user, call.contactId(), address, postcode, city);
        } catch (ApiProblem problem) {
            if (problem.status().value() != 400) {
                throw problem;
            }
            redirect.addFlashAttribute("bookingError", problem.getMessage());
        }
        return "redirect:" + new BookingDialog(projectId, attemptId, code, null, null, null, null, 0)
                .link(code, null, null, null);
    }

    @PostMapping("/console/{projectId}/calls/{attemptId}/book")
    String book(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID projectId, @PathVariable UUID attemptId,
            @RequestParam String start, @RequestParam(required = false) String type,
            @RequestParam(required = false) String location, @RequestParam(required = false) String repId,
            @RequestParam(required = false) String day, @RequestParam(required = false) String part,
            RedirectAttributes redirect) {
        Queue.BookingContext call = queue.bookingContext(user.workspaceId(), attemptId)
                .orElseThrow(() -> ApiProblem.notFound("call"));
        // checked first: they go back into the Location of a refused booking
        String code = type == null || type.isBlank() ? null : checkedType(type);
        UUID rep = repId == null || repId.isBlank() ? null : uuid("repId", repId);
        LocalDate onDay = day == null || day.isBlank() ? null : date(day, null);
        PartOfDay partOfDay = PartOfDay.parse("part", part);
        try {
            Appointments.Booked booked = appointments.book(user, new BookingRequest(call.contactId().toString(),
                    rep == null ? null : rep.toString(), start, code, location, null, projectId.toString(),
                    attemptId.toString(), false, null));
            Appointment a = booked.appointment();
            redirect.addFlashAttribute("booked", Map.of("rep", a.rep().displayName(), "start", a.start(),
                    "leadTimeZone", a.leadTimeZone(), "agentTimeZone", user.timeZone().getId(), "id", a.id()));
            return "redirect:/console/" + projectId;
        } catch (ApiProblem problem) {
            if (problem.status().value() != 409 && problem.status().value() != 400) {
                throw problem;
            }
            redirect.addFlashAttribute("bookingError", problem.getMessage());
            return "redirect:" + new BookingDialog(projectId, attemptId, code, onDay, partOfDay, rep, null, 0)
                    .link(code, onDay, partOfDay, rep);
        }
    }

    private static String checkedType(String type) {
        if (!MEETING_TYPE.matcher(type.strip()).matches()) {
            throw ApiProblem.badRequest("type", "type must be a meeting type code like VIDEO");
        }
        return type.strip().toUpperCase(java.util.Locale.ROOT);
    }

    /** A date of the picker; one outside the next four weeks is a 400 naming {@code day}. */
    private static LocalDate date(String text, LocalDate today) {
        LocalDate day;
        try {
            day = LocalDate.parse(text.strip());
        } catch (java.time.format.DateTimeParseException e) {
            throw ApiProblem.badRequest("day", "day must be a date like 2026-12-10");
        }
        if (today != null && (day.isBefore(today) || !day.isBefore(today.plusDays(DAYS)))) {
            throw ApiProblem.badRequest("day", "day must be within the next " + DAYS + " days");
        }
        return day;
    }

    private static UUID uuid(String field, String text) {
        try {
            return UUID.fromString(text.strip());
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest(field, field + " must be an id like 3f0c…");
        }
    }
}

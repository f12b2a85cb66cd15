package dev.callsheet.scheduling.web;

import dev.callsheet.scheduling.Appointment;
import dev.callsheet.scheduling.Appointments;
import dev.callsheet.scheduling.Calendars;
import dev.callsheet.scheduling.Slot;
import dev.callsheet.scheduling.internal.LeadLinks;
import dev.callsheet.scheduling.internal.LeadNotices;
import dev.callsheet.web.ApiProblem;
import dev.callsheet.web.Rate;
import dev.callsheet.web.RateLimiter;
import dev.callsheet.workspace.CurrentUser;
import dev.callsheet.workspace.Role;
import dev.callsheet.workspace.WorkspaceSummary;
import dev.callsheet.workspace.Workspaces;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The lead's own page for their meeting (issue 25.7), reached without signing in through the signed link in their
 * invitation ({@link LeadLinks}): the meeting in the lead's time and language, the free times of the same rep for the
 * same type of meeting (the console's availability, so the same rules hold), and confirm, move and cancel. Every
 * request is rate-limited per client address and per link; a used, expired or forged link says so and does nothing.
 * The move and the cancellation go through {@link Appointments} acting as the meeting's rep, so they are checked,
 * written to the invite and the rep's calendar, and announced exactly as the rep's own would be; the rep and the
 * agent who booked it are also told that the lead did it.
 */
@Controller
class LeadLinkController {

    private static final int DAYS = 14;

    private final LeadLinks links;
    private final LeadNotices notices;
    private final Appointments appointments;
    private final Calendars calendars;
    private final Workspaces workspaces;
    private final RateLimiter limiter;
    private final Clock clock;
    private final List<Rate> perAddress;
    private final List<Rate> perLink;

    LeadLinkController(LeadLinks links, LeadNotices notices, Appointments appointments, Calendars calendars,
            Workspaces workspaces, RateLimiter limiter, Clock clock,
            @Value("${callsheet.scheduling.lead-link.per-address:30/1m,300/1h}") String perAddress,
            @Value("${callsheet.scheduling.lead-link.per-link:60/1h}") String perLink) {
        this.links = links;
        this.notices = notices;
        this.appointments = appointments;
        this.calendars = calendars;
        this.workspaces = workspaces;
        this.limiter = limiter;
        this.clock = clock;
        this.perAddress = Rate.parse("callsheet.scheduling.lead-link.per-address", perAddress);
        this.perLink = Rate.parse("callsheet.scheduling.lead-link.per-link", perLink);
    }

    @GetMapping("/meet/{token}")
    String page(@PathVariable String token, @RequestParam(required = false) String done, HttpServletRequest request,
            HttpServletResponse response, Model model, Locale locale) {
        Optional<String> limited = limited(token, request, response, model);
        if (limited.isPresent()) {
            return limited.get();
        }
        LeadLinks.Checked link = links.check(token);
        if (link.state() != LeadLinks.State.VALID) {
            return refused(link, response, model, "cancelled".equals(done) ? "lead.cancelled" : null);
        }
        Appointment a = link.appointment();
        ZoneId zone = ZoneId.of(a.leadTimeZone());
        DateTimeFormatter format = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.FULL, FormatStyle.SHORT)
                .withLocale(locale).withZone(zone);
        model.addAttribute("token", token);
        model.addAttribute("meeting", a);
        model.addAttribute("when", format.format(a.start()));
        model.addAttribute("zone", zone.getId());
        model.addAttribute("confirmed", links.confirmedAt(a.id()).isPresent());
        model.addAttribute("done", done == null ? null : switch (done) {
            case "confirmed" -> "lead.confirmed";
            case "moved" -> "lead.moved";
            default -> null;
        });
        Instant from = clock.instant();
        List<Slot> slots;
        try {
            slots = appointments.availability(actingRep(link), null, from.toString(),
                    from.plus(Duration.ofDays(DAYS)).toString(), a.rep().id().toString(), a.type(),
                    a.lead().id().toString(), 200).items();
        } catch (ApiProblem repTakesNoMeetingsNow) {
            slots = List.of();
        }
        model.addAttribute("slots", slots.stream().filter(s -> !s.start().equals(a.start()))
                .map(s -> new Choice(s.start().toString(), format.format(s.start()))).toList());
        return "meet/link";
    }

    /** A free time as the lead picks it. */
    record Choice(String start, String text) {
    }

    @PostMapping("/meet/{token}/confirm")
    String confirm(@PathVariable String token, HttpServletRequest request, HttpServletResponse response,
            Model model) {
        Optional<String> limited = limited(token, request, response, model);
        if (limited.isPresent()) {
            return limited.get();
        }
        LeadLinks.Checked link = links.check(token);
        if (link.state() != LeadLinks.State.VALID) {
            return refused(link, response, model, null);
        }
        if (links.confirm(link.workspaceId(), link.appointment().id())) {
            notices.tell(link.workspaceId(), link.appointment(), rep(link), "CONFIRMED", null, null);
        }
        return "redirect:/meet/" + token + "?done=confirmed";
    }

    @PostMapping("/meet/{token}/move")
    String move(@PathVariable String token, @RequestParam(required = false) String start,
            HttpServletRequest request, HttpServletResponse response, Model model, RedirectAttributes redirect) {
        Optional<String> limited = limited(token, request, response, model);
        if (limited.isPresent()) {
            return limited.get();
        }
        LeadLinks.Checked link = links.check(token);
        if (link.state() != LeadLinks.State.VALID) {
            return refused(link, response, model, null);
        }
        if (start == null || start.isBlank()) {
            redirect.addFlashAttribute("problem", "lead.pickSlot");
            return "redirect:/meet/" + token;
        }
        Appointment before = link.appointment();
        Appointment moved;
        try {
            moved = appointments.reschedule(actingRep(link), before.id(), start, null, null, null);
        } catch (ApiProblem problem) {
            if (problem.status().is5xxServerError() || problem.status().value() == 404) {
                throw problem;
            }
            redirect.addFlashAttribute("problem", problem.status().value() == 409 ? "lead.taken" : "lead.pickSlot");
            return "redirect:/meet/" + token;
        }
        notices.tell(link.workspaceId(), moved, rep(link), "MOVED", LeadNotices.repTime(before), null);
        return "redirect:/meet/" + links.token(link.workspaceId(), moved) + "?done=moved";
    }

    @PostMapping("/meet/{token}/cancel")
    String cancel(@PathVariable String token, @RequestParam(required = false) String reason,
            HttpServletRequest request, HttpServletResponse response, Model model) {
        Optional<String> limited = limited(token, request, response, model);
        if (limited.isPresent()) {
            return limited.get();
        }
        LeadLinks.Checked link = links.check(token);
        if (link.state() != LeadLinks.State.VALID) {
            return refused(link, response, model, null);
        }
        String why = reason == null || reason.isBlank() ? null : reason.strip();
        if (why != null && why.length() > 400) {
            why = why.substring(0, 400);
        }
        Appointment cancelled = appointments.cancel(actingRep(link), link.appointment().id(),
                "cancelled by the lead through their link" + (why == null ? "" : ": " + why));
        notices.tell(link.workspaceId(), cancelled, rep(link), "CANCELLED", null, why);
        return "redirect:/meet/" + token + "?done=cancelled";
    }

    // ------------------------------------------------------------------------------------------------ helpers

    /** The page for a link that does nothing now, with a status a client understands. */
    private static String refused(LeadLinks.Checked link, HttpServletResponse response, Model model, String done) {
        String message = switch (link.state()) {
            case EXPIRED -> "lead.expired";
            case USED -> "lead.used";
            case CANCELLED -> done != null ? done : "lead.isCancelled";
            default -> "lead.invalid";
        };
        response.setStatus(switch (link.state()) {
            case CANCELLED -> done != null ? 200 : 410;
            case EXPIRED, USED -> 410;
            default -> 404;
        });
        model.addAttribute("message", message);
        model.addAttribute("state", link.state().name());
        return "meet/gone";
    }

    /** The 429 page when this address or this link has asked too often. */
    private Optional<String> limited(String token, HttpServletRequest request, HttpServletResponse response,
            Model model) {
        Optional<Duration> wait = limiter.take("meet:address:" + request.getRemoteAddr(), perAddress);
        if (wait.isEmpty()) {
            String key = token == null ? "" : token.substring(0, Math.min(token.length(), 40));
            wait = limiter.take("meet:link:" + key, perLink);
        }
        if (wait.isEmpty()) {
            return Optional.empty();
        }
        long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
        response.setStatus(429);
        response.setHeader("Retry-After", String.valueOf(seconds));
        model.addAttribute("message", "lead.tooMany");
        model.addAttribute("seconds", seconds);
        model.addAttribute("state", "LIMITED");
        return Optional.of("meet/gone");
    }

    /**
     * Who acts for the lead: the meeting's rep, in the lead's zone — so the rules of the rep's own changes apply,
     * and the meeting stays with its rep.
     */
    private CurrentUser actingRep(LeadLinks.Checked link) {
        Appointment a = link.appointment();
        WorkspaceSummary workspace = workspaces.byId(link.workspaceId());
        return new CurrentUser(a.rep().id(), a.rep().username(), a.rep().displayName(), workspace, Set.of(Role.REP),
                Locale.ENGLISH, ZoneId.of(a.leadTimeZone()), false, List.of(workspace));
    }

    private dev.callsheet.scheduling.RepCalendar rep(LeadLinks.Checked link) {
        return calendars.calendar(link.workspaceId(), link.appointment().rep().id()).orElse(null);
    }

}

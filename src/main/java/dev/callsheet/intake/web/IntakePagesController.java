package dev.callsheet.intake.web;

import dev.callsheet.contacts.NormalizedPhone;
import dev.callsheet.contacts.Phones;
import dev.callsheet.dialing.QueueOutlook;
import dev.callsheet.intake.FirstCall;
import dev.callsheet.intake.InboundCall;
import dev.callsheet.intake.Intake;
import dev.callsheet.intake.Routed;
import dev.callsheet.web.ApiProblem;
import dev.callsheet.workspace.CurrentUser;
import dev.callsheet.workspace.People;
import java.time.Clock;
import java.time.LocalTime;
import java.time.ZoneId;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The screen for whoever takes a call (docs/domain.md §3.1): type or paste the number, see the card and its owner and
 * what to do, or fill the first-call form as the conversation goes; and the person's open tasks.
 */
@Controller
@PreAuthorize("hasAnyRole('AGENT', 'REP')")
class IntakePagesController {

    /** The hours in which people expect calls, in their own time, when no project says otherwise. */
    private static final LocalTime CALLER_DAY_STARTS = LocalTime.of(8, 0);
    private static final LocalTime CALLER_DAY_ENDS = LocalTime.of(20, 0);

    private final Intake intake;
    private final People people;

    private final QueueOutlook queueOutlook;
    private final Clock clock;

    IntakePagesController(Intake intake, People people, QueueOutlook queueOutlook, Clock clock) {
        this.clock = clock;
        this.intake = intake;
        this.people = people;
        this.queueOutlook = queueOutlook;
    }

    @GetMapping("/calls/incoming")
    String incoming(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String phone,
            Model model) {
        model.addAttribute("phone", phone);
        model.addAttribute("regions", people.regions(user.workspaceId()));
        if (phone != null && !phone.isBlank()) {
            try {
                InboundCall call = intake.lookup(user, phone);
                model.addAttribute("call", call);
                callerClock(user, call, model);
            } catch (ApiProblem problem) {
                if (problem.status().value() != 400) {
                    throw problem;
                }
                model.addAttribute("error", problem.getMessage());
            }
        }
        return "intake/incoming";
    }

    /**
     * The caller's own clock, from their number (a card's address may say better, but the number is what rings):
     * a call back at 02:43 for the caller is one to warn about (docs/domain.md §8, the lead's calling hours).
     */
    private void callerClock(CurrentUser user, InboundCall call, Model model) {
        NormalizedPhone number = Phones.normalize(call.phone(), null);
        if (number.timeZones().size() != 1) {
            return; // a mobile of a large country rings in any of its zones: no one local time to show
        }
        ZoneId zone = ZoneId.of(number.timeZones().get(0));
        LocalTime local = LocalTime.ofInstant(clock.instant(), zone);
        model.addAttribute("callerZone", zone.getId());
        model.addAttribute("callerNow", clock.instant());
        model.addAttribute("callerAtNight", local.isBefore(CALLER_DAY_STARTS) || !local.isBefore(CALLER_DAY_ENDS));
    }

    @PostMapping("/calls/incoming")
    String take(@AuthenticationPrincipal CurrentUser user, @ModelAttribute FirstCall form,
            RedirectAttributes redirect, Model model) {
        try {
            Routed routed = intake.takeCall(user, form);
            redirect.addFlashAttribute("routed", routed);
            return "redirect:/leads/" + routed.contactId();
        } catch (ApiProblem problem) {
            if (problem.status().value() != 400) {
                throw problem;
            }
            model.addAttribute("phone", form.phone());
            model.addAttribute("form", form);
            model.addAttribute("regions", people.regions(user.workspaceId()));
            model.addAttribute("error", problem.field() + ": " + problem.getMessage());
            if (form.phone() != null && !form.phone().isBlank()) {
                model.addAttribute("call", intake.lookup(user, form.phone()));
            }
            return "intake/incoming";
        }
    }

    @GetMapping("/tasks")
    String tasks(@AuthenticationPrincipal CurrentUser user, @RequestParam(defaultValue = "false") boolean all,
            Model model) {
        model.addAttribute("tasks", intake.openTasks(user, all));
        model.addAttribute("myCallbacks", queueOutlook.myCallbacks(user));
        model.addAttribute("all", all);
        return "intake/tasks";
    }

    @PostMapping("/tasks/{id}/done")
    String done(@AuthenticationPrincipal CurrentUser user, @PathVariable java.util.UUID id) {
        intake.done(user, id);
        return "redirect:/tasks";
    }
}

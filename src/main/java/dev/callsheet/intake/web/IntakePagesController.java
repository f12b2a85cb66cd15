package dev.callsheet.intake.web;

import dev.callsheet.dialing.QueueOutlook;
import dev.callsheet.intake.FirstCall;
import dev.callsheet.intake.InboundCall;
import dev.callsheet.intake.Intake;
import dev.callsheet.intake.Routed;
import dev.callsheet.web.ApiProblem;
import dev.callsheet.workspace.CurrentUser;
import dev.callsheet.workspace.People;
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
 * The screen for whoever takes a call (DOMAIN.md §3.1): type or paste the number, see the card and its owner and
 * what to do, or fill the first-call form as the conversation goes; and the person's open tasks.
 */
@Controller
@PreAuthorize("hasAnyRole('AGENT', 'REP')")
class IntakePagesController {

    private final Intake intake;
    private final People people;

    private final QueueOutlook queueOutlook;

    IntakePagesController(Intake intake, People people, QueueOutlook queueOutlook) {
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
            } catch (ApiProblem problem) {
                if (problem.status().value() != 400) {
                    throw problem;
                }
                model.addAttribute("error", problem.getMessage());
            }
        }
        return "intake/incoming";
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

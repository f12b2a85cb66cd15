package dev.callsheet.intake.web;

import dev.callsheet.intake.Exhibitions;
import dev.callsheet.intake.Routing;
import dev.callsheet.intake.RoutingRule;
import dev.callsheet.web.ApiProblem;
import dev.callsheet.web.FormErrors;
import dev.callsheet.workspace.CurrentUser;
import dev.callsheet.workspace.Member;
import dev.callsheet.workspace.People;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
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

/** Supervisors' pages: the assignment rules with their dry run, and an exhibition list's distribution. */
@Controller
@PreAuthorize("hasRole('SUPERVISOR')")
class RoutingPagesController {

    private final Routing routing;
    private final Exhibitions exhibitions;
    private final People people;
    private final dev.callsheet.contacts.Imports imports;

    RoutingPagesController(Routing routing, Exhibitions exhibitions, People people,
            dev.callsheet.contacts.Imports imports) {
        this.imports = imports;
        this.routing = routing;
        this.exhibitions = exhibitions;
        this.people = people;
    }

    @GetMapping("/routing")
    String rules(@AuthenticationPrincipal CurrentUser user, @RequestParam(defaultValue = "false") boolean dryRun,
            Model model) {
        model.addAttribute("rules", routing.rules(user.workspaceId()));
        model.addAttribute("people", people.members(user.workspaceId()).stream().filter(Member::active).toList());
        model.addAttribute("teams", people.teams(user.workspaceId()));
        model.addAttribute("regions", people.regions(user.workspaceId()));
        if (dryRun) {
            model.addAttribute("dryRun", routing.dryRun(user));
        }
        return "intake/routing";
    }

    @PostMapping("/routing/rules")
    String addRule(@AuthenticationPrincipal CurrentUser user, @ModelAttribute RoutingRule rule,
            RedirectAttributes redirect) {
        Routing.Rules current = routing.rules(user.workspaceId());
        List<RoutingRule> rules = new ArrayList<>(current.items());
        rules.add(blankToNull(rule));
        return save(user, new Routing.Rules(rules, current.fallbackUserId()), redirect);
    }

    @PostMapping("/routing/rules/{index}/{action}")
    String change(@AuthenticationPrincipal CurrentUser user, @PathVariable int index, @PathVariable String action,
            RedirectAttributes redirect) {
        Routing.Rules current = routing.rules(user.workspaceId());
        List<RoutingRule> rules = new ArrayList<>(current.items());
        if (index < 0 || index >= rules.size()) {
            throw ApiProblem.notFound("rule");
        }
        switch (action) {
            case "delete" -> rules.remove(index);
            case "up" -> {
                if (index > 0) {
                    rules.add(index - 1, rules.remove(index));
                }
            }
            default -> throw ApiProblem.notFound("action");
        }
        return save(user, new Routing.Rules(rules, current.fallbackUserId()), redirect);
    }

    @PostMapping("/routing/fallback")
    String fallback(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String userId,
            RedirectAttributes redirect) {
        return save(user, new Routing.Rules(routing.rules(user.workspaceId()).items(), userId), redirect);
    }

    @GetMapping("/exhibitions/{importId}")
    String exhibition(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID importId,
            @RequestParam(required = false) String homeRegion,
            @RequestParam(defaultValue = "false") boolean countExisting, Model model) {
        imports.status(user.workspaceId(), importId); // another workspace's import is a 404
        model.addAttribute("importId", importId);
        model.addAttribute("regions", people.regions(user.workspaceId()));
        model.addAttribute("homeRegion", homeRegion);
        model.addAttribute("countExisting", countExisting);
        if (homeRegion != null && !homeRegion.isBlank()) {
            try {
                model.addAttribute("plan", exhibitions.preview(user, importId, homeRegion, countExisting));
            } catch (ApiProblem problem) {
                if (problem.status().value() == 404) {
                    throw problem;
                }
                model.addAttribute("error", problem.getMessage());
            }
        }
        return "intake/exhibition";
    }

    @PostMapping("/exhibitions/{importId}")
    String distribute(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID importId,
            @RequestParam String homeRegion, @RequestParam(defaultValue = "false") boolean countExisting,
            RedirectAttributes redirect) {
        Exhibitions.Plan plan = exhibitions.distribute(user, importId, homeRegion, countExisting);
        int given = plan.shares().stream().mapToInt(s -> s.leads().size()).sum();
        redirect.addFlashAttribute("distributed", given);
        return "redirect:/tasks?all=true";
    }

    private String save(CurrentUser user, Routing.Rules rules, RedirectAttributes redirect) {
        try {
            routing.save(user, rules);
            redirect.addFlashAttribute("flash", "calendar.saved");
        } catch (ApiProblem problem) {
            FormErrors.fixable(problem);
            redirect.addFlashAttribute("flashError", (problem.field() == null ? "" : problem.field() + ": ")
                    + problem.getMessage());
        }
        return "redirect:/routing";
    }

    private static RoutingRule blankToNull(RoutingRule r) {
        return new RoutingRule(blank(r.name()), blank(r.channel()), blank(r.region()), blank(r.language()),
                blank(r.lineOfBusiness()), r.minEmployees(), r.maxEmployees(), blank(r.projectId()), blank(r.target()),
                blank(r.userId()), blank(r.teamId()));
    }

    private static String blank(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}

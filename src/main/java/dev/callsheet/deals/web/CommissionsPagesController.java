package dev.callsheet.deals.web;

import dev.callsheet.campaigns.Projects;
import dev.callsheet.deals.Commissions;
import dev.callsheet.deals.Deals;
import dev.callsheet.web.ApiProblem;
import dev.callsheet.workspace.CurrentUser;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** A person's commission ledger (docs/domain.md §3.2); supervisors see everyone's, set the rules and take the payout. */
@Controller
@PreAuthorize("hasAnyRole('AGENT', 'REP')")
class CommissionsPagesController {

    private final Commissions commissions;
    private final Projects projects;
    private final Clock clock;

    CommissionsPagesController(Commissions commissions, Projects projects, Clock clock) {
        this.commissions = commissions;
        this.projects = projects;
        this.clock = clock;
    }

    @GetMapping("/commissions")
    String ledger(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to, @RequestParam(name = "user", required = false) String who,
            Model model) {
        String month = YearMonth.now(clock.withZone(user.timeZone())).toString();
        String first = from == null || from.isBlank() ? month : from;
        String last = to == null || to.isBlank() ? first : to;
        List<Commissions.Entry> lines;
        try {
            lines = commissions.ledger(user, who, first, last);
        } catch (ApiProblem problem) {
            if (problem.status().value() != 400) {
                throw problem;
            }
            model.addAttribute("flashError", problem.field() + ": " + problem.getMessage());
            first = month;
            last = month;
            lines = commissions.ledger(user, null, month, month);
        }
        model.addAttribute("from", first);
        model.addAttribute("to", last);
        model.addAttribute("user", who);
        model.addAttribute("lines", lines);
        model.addAttribute("totals", Commissions.payout(lines));
        model.addAttribute("byCurrency", Commissions.byCurrency(lines));
        if (Deals.supervises(user)) {
            List<Commissions.Rule> rules = new ArrayList<>(commissions.rules(user.workspaceId()));
            rules.add(new Commissions.Rule(null, null, null, null, null, null));
            model.addAttribute("rulesForm", rules);
            model.addAttribute("projects", projects.visibleTo(user));
        }
        return "deals/commissions";
    }

    @PostMapping("/commissions/rules")
    @PreAuthorize("hasRole('SUPERVISOR')")
    String saveRules(@AuthenticationPrincipal CurrentUser user,
            @RequestParam(name = "projectId", required = false) List<String> project,
            @RequestParam(name = "percentOfAmount", required = false) List<BigDecimal> percent,
            @RequestParam(name = "agentSplit", required = false) List<BigDecimal> agentSplit,
            @RequestParam(name = "repSplit", required = false) List<BigDecimal> repSplit,
            @RequestParam(name = "agentPerHeld", required = false) List<BigDecimal> agentPerHeld,
            @RequestParam(name = "repPerHeld", required = false) List<BigDecimal> repPerHeld,
            RedirectAttributes redirect) {
        List<Commissions.Rule> rules = new ArrayList<>();
        int rows = percent == null ? 0 : percent.size();
        for (int i = 0; i < rows; i++) {
            if (percent.get(i) == null) {
                continue;
            }
            rules.add(new Commissions.Rule(at(project, i), percent.get(i), at(agentSplit, i), at(repSplit, i),
                    at(agentPerHeld, i), at(repPerHeld, i)));
        }
        try {
            commissions.saveRules(user, rules);
            redirect.addFlashAttribute("flash", "deals.saved");
        } catch (ApiProblem problem) {
            if (problem.status().value() != 400) {
                throw problem;
            }
            redirect.addFlashAttribute("flashError", problem.field() + ": " + problem.getMessage());
        }
        return "redirect:/commissions";
    }

    private static <T> T at(List<T> values, int i) {
        return values == null || i >= values.size() ? null : values.get(i);
    }
}

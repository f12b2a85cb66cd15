package dev.callsheet.answers.web;

import dev.callsheet.answers.Answers;
import dev.callsheet.workspace.CurrentUser;
import java.util.List;
import java.util.UUID;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/** The console's answer box: what the agent types (htmx) → the best answers in the agent's language. */
@Controller
@PreAuthorize("hasRole('AGENT')")
class AnswersPagesController {

    private final Answers answers;
    private final dev.callsheet.campaigns.Projects projects;

    AnswersPagesController(Answers answers, dev.callsheet.campaigns.Projects projects) {
        this.answers = answers;
        this.projects = projects;
    }

    @GetMapping("/console/{projectId}/answers")
    String hits(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID projectId,
            @RequestParam(required = false) String q, @RequestParam(required = false) UUID attempt, Model model) {
        projects.workable(user, projectId); // another workspace's (or team's) project is a 404
        List<Answers.Hit> hits = q == null || q.isBlank() ? List.of()
                : answers.search(user.workspaceId(), q.length() > 200 ? q.substring(0, 200) : q,
                        Answers.languageOf(user.locale()), projectId, 3);
        model.addAttribute("hits", hits);
        model.addAttribute("attempt", attempt);
        model.addAttribute("q", q);
        return "console/answers :: hits";
    }

    /** The lead asked this on the call (an answer's button, or the typed question when none was found). */
    @org.springframework.web.bind.annotation.PostMapping("/console/calls/{attemptId}/questions")
    String asked(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID attemptId,
            @RequestParam(required = false) UUID answerId, @RequestParam(required = false) String text) {
        answers.asked(user, attemptId, answerId, text);
        return "console/answers :: noted";
    }
}

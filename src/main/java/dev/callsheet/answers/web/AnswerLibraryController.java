package dev.callsheet.answers.web;

import dev.callsheet.answers.Answers;
import dev.callsheet.campaigns.Project;
import dev.callsheet.campaigns.Projects;
import dev.callsheet.web.ApiProblem;
import dev.callsheet.web.FormErrors;
import dev.callsheet.workspace.CurrentUser;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
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
 * The supervisors' page for the answer library: the answers per language, the catalogue, and the questions
 * leads asked in the last four weeks that the library has no answer for yet, one click from writing it.
 */
@Controller
@PreAuthorize("hasRole('SUPERVISOR')")
class AnswerLibraryController {

    private static final Duration RECENT = Duration.ofDays(28);

    private final Answers answers;
    private final Projects projects;
    private final Clock clock;

    AnswerLibraryController(Answers answers, Projects projects, Clock clock) {
        this.answers = answers;
        this.projects = projects;
        this.clock = clock;
    }

    /** The answer form as posted, kept to show it again with its error. */
    record Form(UUID id, String language, String question, String body, UUID productId, List<UUID> projectIds)
            implements java.io.Serializable {
    }

    /** A question asked on calls in a project, still without an answer. */
    record Open(String question, String project, long times) {
    }

    @GetMapping("/library")
    String library() {
        return "redirect:/library/answers";
    }

    @GetMapping("/library/answers")
    String page(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String language,
            @RequestParam(required = false) UUID edit, @RequestParam(required = false) String question, Model model) {
        String shown = language == null || language.isBlank() ? null : language;
        List<Answers.Answer> all;
        try {
            all = answers.answers(user.workspaceId(), shown);
        } catch (ApiProblem unknownLanguage) {
            shown = null;
            all = answers.answers(user.workspaceId(), null);
        }
        List<Project> visible = projects.visibleTo(user);
        Instant now = clock.instant();
        List<Open> open = new ArrayList<>();
        for (Project project : visible) {
            answers.asked(user, project.id(), now.minus(RECENT), now).stream().filter(Answers.Asked::unanswered)
                    .forEach(a -> open.add(new Open(a.question(), project.name(), a.times())));
        }
        open.sort(Comparator.comparingLong(Open::times).reversed());
        model.addAttribute("answers", all);
        model.addAttribute("language", shown);
        model.addAttribute("languages", dev.callsheet.web.SupportedLocales.LANGUAGES);
        model.addAttribute("products", answers.products(user.workspaceId()));
        model.addAttribute("projects", visible);
        model.addAttribute("open", open.size() > 20 ? open.subList(0, 20) : open);
        if (!model.containsAttribute("form")) {
            Answers.Answer editing = edit == null ? null : answers.answer(user.workspaceId(), edit);
            model.addAttribute("form", editing == null
                    ? new Form(null, shown == null ? Answers.languageOf(user.locale()) : shown,
                            question == null ? "" : question, "", null, List.of())
                    : new Form(editing.id(), editing.language(), editing.question(), editing.body(),
                            editing.productId(), editing.projectIds()));
        }
        return "answers/library";
    }

    @PostMapping("/library/answers")
    String save(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) UUID id,
            @RequestParam(required = false) String language, @RequestParam(required = false) String question,
            @RequestParam(required = false) String body, @RequestParam(required = false) String productId,
            @RequestParam(required = false) String[] projectIds, RedirectAttributes redirect) {
        UUID product = null;
        List<UUID> projectList = new ArrayList<>();
        try {
            product = productId == null || productId.isBlank() ? null : uuid("productId", productId);
            for (String p : projectIds == null ? new String[0] : projectIds) {
                projectList.add(uuid("projectIds", p));
            }
            answers.save(user, id, new Answers.Answer(id, language, question, body, product, null, projectList));
            redirect.addFlashAttribute("flash", "flash.saved");
            return "redirect:/library/answers";
        } catch (ApiProblem problem) {
            FormErrors.fixable(problem);
            redirect.addFlashAttribute("form", new Form(id, language, question, body, product, projectList));
            redirect.addFlashAttribute("error", problem.getMessage());
            return "redirect:/library/answers" + (id == null ? "" : "?edit=" + id);
        }
    }

    @PostMapping("/library/answers/{id}/delete")
    String delete(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, RedirectAttributes redirect) {
        answers.delete(user, id);
        redirect.addFlashAttribute("flash", "flash.saved");
        return "redirect:/library/answers";
    }

    @PostMapping("/library/products")
    String addProduct(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String name,
            @RequestParam(required = false) String description, @RequestParam(required = false) String priceFrom,
            @RequestParam(required = false) String priceTo, @RequestParam(required = false) String currency,
            @RequestParam(required = false) String audience, RedirectAttributes redirect) {
        try {
            answers.addProduct(user, new Answers.Product(null, name, description, money("priceFrom", priceFrom),
                    money("priceTo", priceTo), currency, audience));
            redirect.addFlashAttribute("flash", "flash.saved");
        } catch (ApiProblem problem) {
            FormErrors.fixable(problem);
            redirect.addFlashAttribute("productError", problem.getMessage());
        }
        return "redirect:/library/answers";
    }

    /** The questions asked in one week of a report's period: the most asked first. */
    record Week(java.time.LocalDate monday, List<Answers.Asked> top, long asked) {
    }

    /**
     * The project report's questions panel: per week (Monday first, the project's own days) the most asked
     * questions, and over the whole period those the library has no answer for yet.
     */
    @GetMapping("/reports/projects/{id}/questions")
    String questions(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to, Model model) {
        Project project = projects.project(user.workspaceId(), id);
        java.time.ZoneId zone = java.time.ZoneId.of(project.timeZone());
        java.time.LocalDate last = to == null || to.isBlank() ? java.time.LocalDate.now(clock.withZone(zone))
                : dev.callsheet.web.Inputs.date("to", to);
        java.time.LocalDate first = from == null || from.isBlank() ? last.minusDays(6)
                : dev.callsheet.web.Inputs.date("from", from);
        if (first.isAfter(last) || first.plusDays(366).isBefore(last)) {
            throw ApiProblem.badRequest("from", "from must be on or before to, at most a year apart");
        }
        java.time.Instant start = first.atStartOfDay(zone).toInstant();
        java.time.Instant end = last.plusDays(1).atStartOfDay(zone).toInstant();
        List<Week> weeks = new ArrayList<>();
        answers.askedByWeek(user, id, start, end, zone).forEach((monday, asked) -> weeks.add(new Week(monday,
                asked.size() > 5 ? asked.subList(0, 5) : asked, asked.stream().mapToLong(Answers.Asked::times).sum())));
        model.addAttribute("weeks", weeks);
        model.addAttribute("unanswered", answers.asked(user, id, start, end).stream()
                .filter(Answers.Asked::unanswered).toList());
        return "answers/questions :: questions";
    }

    private static UUID uuid(String field, String text) {
        try {
            return UUID.fromString(text.strip());
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest(field, field + " must be an id");
        }
    }

    private static BigDecimal money(String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return new BigDecimal(text.strip().replace(" ", "").replace(',', '.'));
        } catch (NumberFormatException e) {
            throw ApiProblem.badRequest(field, field + " must be a number such as 90000");
        }
    }
}

package dev.callsheet.deals.web;

import dev.callsheet.contacts.ContactSearch;
import dev.callsheet.contacts.ContactSummary;
import dev.callsheet.contacts.Contacts;
import dev.callsheet.deals.Commissions;
import dev.callsheet.deals.Deal;
import dev.callsheet.deals.DealImports;
import dev.callsheet.deals.DealInsights;
import dev.callsheet.deals.DealStages;
import dev.callsheet.deals.DealView;
import dev.callsheet.deals.Deals;
import dev.callsheet.deals.Labels;
import dev.callsheet.deals.Pipeline;
import dev.callsheet.deals.Pipelines;
import dev.callsheet.web.ApiProblem;
import dev.callsheet.web.Inputs;
import dev.callsheet.workspace.CurrentUser;
import dev.callsheet.workspace.People;
import dev.callsheet.workspace.Role;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The rep's and the supervisor's deal pages (docs/domain.md §2, §9): the pipeline board (drag a card, or move it from the
 * keyboard), a deal's page, "my deals", the evidence, the published exit criteria, the cost of bad deals, the DQ
 * review and the pipeline settings. A move that leaves exit data missing asks for a one-line justification first.
 */
@Controller
@PreAuthorize("hasRole('REP')")
class DealsPagesController {

    private final Deals deals;
    private final DealStages stages;
    private final DealInsights insights;
    private final Pipelines pipelines;
    private final DealImports imports;
    private final Contacts contacts;
    private final People people;
    private final Labels labels;

    DealsPagesController(Deals deals, DealStages stages, DealInsights insights, Pipelines pipelines,
            DealImports imports, Contacts contacts, People people, Labels labels) {
        this.deals = deals;
        this.stages = stages;
        this.insights = insights;
        this.pipelines = pipelines;
        this.imports = imports;
        this.contacts = contacts;
        this.people = people;
        this.labels = labels;
    }

    @GetMapping("/deals")
    String board(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) UUID pipeline,
            @RequestParam(required = false) String owner, Model model) {
        Pipeline chosen = pipelines.pipeline(user.workspaceId(), pipeline);
        boolean supervisor = Deals.supervises(user);
        UUID ownerId = "me".equals(owner) || !supervisor ? user.userId()
                : owner == null || owner.isBlank() || "all".equals(owner) ? null : UUID.fromString(owner);
        model.addAttribute("pipeline", chosen);
        model.addAttribute("pipelines", pipelines.pipelines(user.workspaceId()));
        model.addAttribute("columns", insights.board(user, chosen.id(), ownerId));
        model.addAttribute("owner", ownerId == null ? "all" : ownerId.equals(user.userId()) ? "me"
                : ownerId.toString());
        model.addAttribute("reps", supervisor ? reps(user) : List.of());
        return "deals/board";
    }

    /** A move from the board or the deal page; with exit data missing and no justification yet, it asks first. */
    @PostMapping("/deals/{id}/move")
    String move(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, @RequestParam String stage,
            @RequestParam(required = false) String justification, @RequestParam(defaultValue = "board") String back,
            Model model, RedirectAttributes redirect) {
        String target = "deal".equals(back) ? "redirect:/deals/" + id : "redirect:/deals";
        DealView view = insights.view(user, id);
        Pipeline pipeline = pipelines.pipeline(user.workspaceId(), view.deal().pipelineId());
        List<DealView.CriterionView> missing = missing(view, pipeline, stage);
        if (!missing.isEmpty() && justification == null) {
            model.addAttribute("view", view);
            model.addAttribute("stage", pipeline.stage(stage).map(labels::stage).orElse(stage));
            model.addAttribute("stageCode", stage);
            model.addAttribute("missing", missing);
            model.addAttribute("evidence", insights.evidence(user.workspaceId(), pipeline.id()));
            model.addAttribute("back", back);
            return "deals/justify";
        }
        return act(redirect, target, () -> {
            DealStages.Moved moved = stages.move(user, id, stage, justification);
            redirect.addFlashAttribute("flash", moved.alerts().isEmpty() ? "deals.moved" : "deals.movedWithAlerts");
        });
    }

    private static List<DealView.CriterionView> missing(DealView view, Pipeline pipeline, String stage) {
        int from = pipeline.position(view.deal().stage());
        int to = pipeline.stage(stage).map(s -> pipeline.position(s.code())).orElse(-1);
        List<DealView.CriterionView> missing = new ArrayList<>();
        for (int i = Math.max(0, from); i < to; i++) {
            for (DealView.CriterionView c : view.pipeline().details().get(i).exitCriteria()) {
                if (!c.known() && missing.stream().noneMatch(m -> m.code().equals(c.code()))) {
                    missing.add(c);
                }
            }
        }
        return missing;
    }

    @GetMapping("/deals/mine")
    String mine(@AuthenticationPrincipal CurrentUser user, Model model) {
        model.addAttribute("deals", deals.mine(user, 300));
        model.addAttribute("stageNames", stageNames(user));
        return "deals/mine";
    }

    @GetMapping("/deals/new")
    String newDeal(@AuthenticationPrincipal CurrentUser user, @RequestParam UUID contact, Model model) {
        model.addAttribute("contact", contacts.card(user.workspaceId(), contact));
        model.addAttribute("pipelines", pipelines.pipelines(user.workspaceId()));
        model.addAttribute("reps", Deals.supervises(user) ? reps(user) : List.of());
        return "deals/new";
    }

    @PostMapping("/deals")
    String open(@AuthenticationPrincipal CurrentUser user, @RequestParam String contactId,
            @RequestParam(required = false) String title, @RequestParam(required = false) BigDecimal amount,
            @RequestParam(required = false) String currency, @RequestParam(required = false) String expectedClose,
            @RequestParam(required = false) String pipelineId, @RequestParam(required = false) String ownerId,
            RedirectAttributes redirect) {
        UUID contact = Inputs.uuid("contactId", contactId);
        try {
            Deal deal = deals.open(user, new Deals.Draft(contact.toString(), ownerId, title, amount, currency, expectedClose,
                    "MANUAL", pipelineId));
            redirect.addFlashAttribute("flash", "deals.openedFlash");
            return "redirect:/deals/" + deal.id();
        } catch (ApiProblem problem) {
            rethrowUnlessFixable(problem);
            redirect.addFlashAttribute("flashError", problem.field() + ": " + problem.getMessage());
            return "redirect:/deals/new?contact=" + contact;
        }
    }

    @GetMapping("/deals/{id}")
    String deal(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
            @RequestParam(required = false) String who, Model model) {
        DealView view = insights.view(user, id);
        model.addAttribute("view", view);
        model.addAttribute("deal", view.deal());
        model.addAttribute("settings", pipelines.settings(user.workspaceId()));
        model.addAttribute("mayChange", view.deal().ownedBy(user.userId()) || Deals.supervises(user));
        model.addAttribute("who", who);
        if (who != null && !who.isBlank()) {
            model.addAttribute("found", contacts.search(user.workspaceId(), new ContactSearch(who.strip(), null, null,
                    null, null, null, null, null, null, null, null, null, 0, 8)).items());
        } else if (view.deal().contactId() != null) {
            var card = contacts.card(user.workspaceId(), view.deal().contactId());
            List<ContactSummary> colleagues = card.organisation() == null ? List.of()
                    : contacts.search(user.workspaceId(), new ContactSearch(card.organisation().name(), null, null,
                            null, null, null, null, null, null, null, null, null, 0, 8)).items();
            model.addAttribute("found", colleagues);
        }
        model.addAttribute("memberRoles", Deals.MEMBER_ROLES);
        model.addAttribute("touchKinds", Deals.TOUCH_KINDS);
        return "deals/deal";
    }

    @PostMapping("/deals/{id}/edit")
    String edit(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
            @RequestParam(required = false) String title, @RequestParam(required = false) BigDecimal amount,
            @RequestParam(required = false) String currency, @RequestParam(required = false) String expectedClose,
            RedirectAttributes redirect) {
        return act(redirect, "redirect:/deals/" + id, () -> deals.update(user, id,
                new Deals.Changes(title == null ? "" : title, amount, currency, expectedClose == null ? ""
                        : expectedClose, null)));
    }

    @PostMapping("/deals/{id}/checks")
    String check(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, @RequestParam String code,
            @RequestParam(defaultValue = "false") boolean done, @RequestParam(required = false) String note,
            RedirectAttributes redirect) {
        return act(redirect, "redirect:/deals/" + id, () -> deals.check(user, id, code, done, note));
    }

    @PostMapping("/deals/{id}/members")
    String member(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, @RequestParam String contactId,
            @RequestParam String role, @RequestParam(required = false) String personalGoal,
            RedirectAttributes redirect) {
        return act(redirect, "redirect:/deals/" + id, () -> deals.saveMember(user, id, contactId, role, personalGoal));
    }

    @PostMapping("/deals/{id}/members/{contactId}/remove")
    String removeMember(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, @PathVariable UUID contactId,
            RedirectAttributes redirect) {
        return act(redirect, "redirect:/deals/" + id, () -> deals.removeMember(user, id, contactId));
    }

    @PostMapping("/deals/{id}/touches")
    String touch(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, @RequestParam String kind,
            @RequestParam(defaultValue = "false") boolean twoWay, @RequestParam(required = false) String note,
            RedirectAttributes redirect) {
        return act(redirect, "redirect:/deals/" + id, () -> deals.addTouch(user, id, kind, twoWay, null, note));
    }

    @PostMapping("/deals/{id}/notes")
    String note(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, @RequestParam String text,
            RedirectAttributes redirect) {
        return act(redirect, "redirect:/deals/" + id, () -> deals.addNote(user, id, text));
    }

    @PostMapping("/deals/{id}/won")
    String won(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
            @RequestParam(required = false) BigDecimal amount, RedirectAttributes redirect) {
        return act(redirect, "redirect:/deals/" + id, () -> {
            stages.win(user, id, amount);
            redirect.addFlashAttribute("flash", "deals.wonFlash");
        });
    }

    @PostMapping("/deals/{id}/lost")
    String lost(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
            @RequestParam(required = false) String reason, @RequestParam(required = false) String note,
            RedirectAttributes redirect) {
        return act(redirect, "redirect:/deals/" + id, () -> stages.lose(user, id, reason, note));
    }

    @PostMapping("/deals/{id}/disqualify")
    String disqualify(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
            @RequestParam(required = false) String reason, @RequestParam(required = false) String note,
            RedirectAttributes redirect) {
        return act(redirect, "redirect:/deals/" + id, () -> {
            stages.disqualify(user, id, reason, note);
            redirect.addFlashAttribute("flash", "deals.disqualifiedFlash");
        });
    }

    @PostMapping("/deals/{id}/cancel")
    String cancel(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
            @RequestParam(required = false) String note, RedirectAttributes redirect) {
        return act(redirect, "redirect:/deals/" + id, () -> stages.cancelWin(user, id, note));
    }

    @GetMapping("/deals/insights")
    String evidence(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) UUID pipeline,
            Model model) {
        Pipeline chosen = pipelines.pipeline(user.workspaceId(), pipeline);
        model.addAttribute("pipeline", chosen);
        model.addAttribute("pipelines", pipelines.pipelines(user.workspaceId()));
        model.addAttribute("evidence", insights.evidence(user.workspaceId(), chosen.id()));
        model.addAttribute("model", insights.modelReport(user.workspaceId(), chosen.id()).orElse(null));
        return "deals/insights";
    }

    /** The one-page sheet supervisors publish: each stage's exit data, the buyer questions, the DQ reasons. */
    @GetMapping("/deals/criteria")
    String criteria(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) UUID pipeline,
            Model model) {
        model.addAttribute("pipeline", pipelines.pipeline(user.workspaceId(), pipeline));
        model.addAttribute("pipelines", pipelines.pipelines(user.workspaceId()));
        model.addAttribute("questions", Pipeline.BUYER_QUESTIONS);
        model.addAttribute("settings", pipelines.settings(user.workspaceId()));
        return "deals/criteria";
    }

    @GetMapping("/deals/cost")
    String cost(@AuthenticationPrincipal CurrentUser user, @RequestParam(defaultValue = "1000000") double quota,
            @RequestParam(defaultValue = "500") double sellingHours,
            @RequestParam(defaultValue = "2") double sellingHoursPerDay,
            @RequestParam(defaultValue = "10") int openDeals, @RequestParam(required = false) Integer badDeals,
            @RequestParam(defaultValue = "15") double dqDay, @RequestParam(defaultValue = "45") double deathDay,
            Model model) {
        try {
            DealInsights.Cost cost = DealInsights.cost(quota, sellingHours, sellingHoursPerDay, openDeals,
                    badDeals == null ? openDeals : badDeals, dqDay, deathDay);
            model.addAttribute("cost", cost);
            model.addAttribute("reps", insights.repCosts(user, cost.valuePerDay()));
        } catch (ApiProblem problem) {
            rethrowUnlessFixable(problem);
            model.addAttribute("flashError", problem.field() + ": " + problem.getMessage());
            DealInsights.Cost fallback = DealInsights.cost(1_000_000, 500, 2, 10, 10, 15, 45);
            model.addAttribute("cost", fallback);
            model.addAttribute("reps", insights.repCosts(user, fallback.valuePerDay()));
        }
        return "deals/cost";
    }

    @GetMapping("/deals/dq-review")
    @PreAuthorize("hasRole('SUPERVISOR')")
    String dqReview(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to, Model model) {
        model.addAttribute("review", insights.dqReview(user, Inputs.date("from", from),
                Inputs.date("to", to)));
        model.addAttribute("stageNames", stageNames(user));
        return "deals/dq-review";
    }

    @GetMapping("/deals/settings")
    @PreAuthorize("hasRole('SUPERVISOR')")
    String settings(@AuthenticationPrincipal CurrentUser user, Model model) {
        List<Pipeline> all = pipelines.pipelines(user.workspaceId());
        model.addAttribute("pipelines", all);
        model.addAttribute("specs", all.stream().collect(java.util.stream.Collectors.toMap(p -> p.id().toString(),
                DealsPagesController::spec)));
        model.addAttribute("settings", pipelines.settings(user.workspaceId()));
        model.addAttribute("people", people.members(user.workspaceId()).stream().filter(m -> m.active()).toList());
        return "deals/settings";
    }

    /** A pipeline as the settings page edits it: a stage per line, "CODE | Name | point, code=Label". */
    static String spec(Pipeline pipeline) {
        StringBuilder out = new StringBuilder();
        for (Pipeline.Stage s : pipeline.stages()) {
            out.append(s.code()).append(" | ").append(s.name() == null ? "" : s.name()).append(" | ");
            out.append(String.join(", ", s.exitCriteria().stream().map(c -> c.label() == null ? c.code()
                    : c.code() + "=" + c.label()).toList()));
            out.append('\n');
        }
        return out.toString();
    }

    static List<Pipeline.Stage> parse(String spec) {
        List<Pipeline.Stage> parsed = new ArrayList<>();
        for (String line : (spec == null ? "" : spec).split("\\R")) {
            if (line.isBlank()) {
                continue;
            }
            String[] parts = line.split("\\|", -1);
            String code = parts[0].strip();
            String name = parts.length > 1 && !parts[1].isBlank() ? parts[1].strip() : null;
            List<Pipeline.Criterion> criteria = new ArrayList<>();
            if (parts.length > 2) {
                for (String c : parts[2].split(",")) {
                    if (c.isBlank()) {
                        continue;
                    }
                    String[] kv = c.split("=", 2);
                    criteria.add(new Pipeline.Criterion(kv[0].strip().isEmpty() ? null : kv[0].strip(),
                            kv.length > 1 ? kv[1].strip() : null));
                }
            }
            parsed.add(new Pipeline.Stage(code.isEmpty() ? null : code, name, criteria));
        }
        return parsed;
    }

    @PostMapping("/deals/settings/pipelines")
    @PreAuthorize("hasRole('SUPERVISOR')")
    String savePipeline(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) UUID id,
            @RequestParam String name, @RequestParam String stages,
            @RequestParam(required = false) Integer goneDarkDays,
            @RequestParam(required = false) BigDecimal stalledFactor,
            @RequestParam(required = false) Integer minClosedDeals, RedirectAttributes redirect) {
        return act(redirect, "redirect:/deals/settings", () -> {
            Pipelines.Draft draft = new Pipelines.Draft(name, parse(stages), goneDarkDays, stalledFactor,
                    minClosedDeals);
            if (id == null) {
                pipelines.create(user, draft);
            } else {
                pipelines.update(user, id, draft);
            }
            redirect.addFlashAttribute("flash", "deals.saved");
        });
    }

    @PostMapping("/deals/settings/general")
    @PreAuthorize("hasRole('SUPERVISOR')")
    String saveSettings(@AuthenticationPrincipal CurrentUser user, @RequestParam String dqReasons,
            @RequestParam(required = false) String accountManagerId, RedirectAttributes redirect) {
        return act(redirect, "redirect:/deals/settings", () -> {
            pipelines.saveSettings(user, new Pipelines.Settings(Arrays.stream(dqReasons.split("[,\\n]"))
                    .map(String::strip).filter(s -> !s.isEmpty()).toList(), accountManagerId));
            redirect.addFlashAttribute("flash", "deals.saved");
        });
    }

    @PostMapping("/deals/settings/import")
    @PreAuthorize("hasRole('SUPERVISOR')")
    String importHistory(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) UUID pipelineId,
            @RequestParam(name = "file", required = false) MultipartFile file, RedirectAttributes redirect)
            throws IOException {
        if (file == null || file.isEmpty()) {
            redirect.addFlashAttribute("flashError", "file: choose a CSV or XLSX file");
            return "redirect:/deals/settings";
        }
        return act(redirect, "redirect:/deals/settings", () -> {
            try {
                DealImports.Report report = imports.importFile(user, pipelineId, file.getOriginalFilename(),
                        file.getBytes());
                redirect.addFlashAttribute("report", report);
            } catch (IOException e) {
                throw ApiProblem.badRequest("file", "the upload could not be read");
            }
        });
    }

    /** Every stage code of the workspace's pipelines with its name, for lists of deals from several pipelines. */
    private java.util.Map<String, String> stageNames(CurrentUser user) {
        java.util.Map<String, String> names = new java.util.HashMap<>();
        pipelines.pipelines(user.workspaceId()).forEach(p -> p.stages().forEach(s -> names.putIfAbsent(s.code(),
                labels.stage(s))));
        return names;
    }

    private List<dev.callsheet.workspace.Member> reps(CurrentUser user) {
        return people.members(user.workspaceId()).stream().filter(m -> m.active() && m.roles().contains(Role.REP))
                .toList();
    }

    /** Runs a change; a mistake the user can fix comes back as the page's error, anything else is thrown. */
    private static String act(RedirectAttributes redirect, String target, Runnable change) {
        try {
            change.run();
        } catch (ApiProblem problem) {
            rethrowUnlessFixable(problem);
            redirect.addFlashAttribute("flashError", (problem.field() == null ? "" : problem.field() + ": ")
                    + problem.getMessage());
        }
        return target;
    }

    private static void rethrowUnlessFixable(ApiProblem problem) {
        if (problem.status() != HttpStatus.BAD_REQUEST && problem.status() != HttpStatus.CONFLICT) {
            throw problem;
        }
    }
}

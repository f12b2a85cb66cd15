package dev.callsheet.reporting.web;

import dev.callsheet.campaigns.Project;
import dev.callsheet.campaigns.Projects;
import dev.callsheet.deals.DealFigures;
import dev.callsheet.deals.Pipelines;
import dev.callsheet.reporting.Reports;
import dev.callsheet.reporting.Reviews;
import dev.callsheet.web.ApiProblem;
import dev.callsheet.workspace.CurrentUser;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.databind.ObjectMapper;

/** The report pages: projects at a glance, a project's report with its charts, the live floor, the reviews. */
@Controller
@PreAuthorize("hasRole('SUPERVISOR')")
class ReportsPagesController {

    /** The KPI tiles of a project report, in order. */
    static final List<String> TILES = List.of("dials", "connectRate", "talkSeconds", "averageSuccessfulCallSeconds",
            "appointmentsSet", "appointmentsPerHour", "appointmentsHeld", "showRate", "oneCallResolutionRate",
            "qualificationRate", "decisionMakerReachRate", "dealsWon", "revenue", "commission", "costPerAppointment");

    private final Reports reports;
    private final Reviews reviews;
    private final Projects projects;
    private final MessageSource messages;
    private final ObjectMapper json;

    private final DealFigures dealFigures;
    private final Pipelines pipelines;

    ReportsPagesController(Reports reports, Reviews reviews, Projects projects, MessageSource messages,
            ObjectMapper json, DealFigures dealFigures, Pipelines pipelines) {
        this.dealFigures = dealFigures;
        this.pipelines = pipelines;
        this.messages = messages;
        this.json = json;
        this.reports = reports;
        this.reviews = reviews;
        this.projects = projects;
    }

    @GetMapping("/reports")
    String index(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to, Model model) {
        List<Reports.Funnel> funnels;
        try {
            funnels = reports.funnels(user, from, to);
        } catch (ApiProblem problem) {
            if (problem.status().value() != 400) {
                throw problem;
            }
            model.addAttribute("flashError", problem.field() + ": " + problem.getMessage());
            funnels = reports.funnels(user, null, null);
            from = null;
            to = null;
        }
        model.addAttribute("funnels", funnels);
        model.addAttribute("steps", Reports.STEPS);
        model.addAttribute("from", from);
        model.addAttribute("to", to);
        return "reports/index";
    }

    @GetMapping("/reports/projects/{id}")
    String project(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(required = false, defaultValue = "agent") String groupBy, Model model) {
        Project project = projects.project(user.workspaceId(), id);
        Reports.Period period;
        try {
            period = reports.period(project, from, to);
        } catch (ApiProblem problem) {
            model.addAttribute("flashError", problem.field() + ": " + problem.getMessage());
            period = reports.period(project, null, null);
        }
        String group = Reports.GROUPS.contains(groupBy) && !groupBy.equals("day") ? groupBy : "agent";
        Reports.KpiReport kpis = reports.kpis(user.workspaceId(), project, period, group);
        Reports.KpiReport trend = reports.kpis(user.workspaceId(), project, period, "day");
        Reports.Funnel funnel = reports.funnel(user.workspaceId(), project, period);
        Reports.Breakdown breakdown = reports.breakdown(user.workspaceId(), project, period);
        model.addAttribute("project", project);
        model.addAttribute("period", period);
        model.addAttribute("report", kpis);
        model.addAttribute("figures", kpis.totals().asMap());
        model.addAttribute("tiles", TILES);
        model.addAttribute("trend", trend);
        // the leaderboard is by agent whatever the table below is split by
        Reports.KpiReport byAgent = group.equals("agent") ? kpis
                : reports.kpis(user.workspaceId(), project, period, "agent");
        model.addAttribute("leaders", byAgent.rows().stream().limit(15).toList());
        model.addAttribute("funnel", funnel);
        model.addAttribute("breakdown", breakdown);
        Map<String, List<Reports.OutcomeShare>> groups = new LinkedHashMap<>();
        groups.put("connected", breakdown.connected());
        groups.put("notConnected", breakdown.notConnected());
        groups.put("confirmation", breakdown.confirmation());
        groups.put("revisit", breakdown.revisit());
        model.addAttribute("outcomeGroups", groups);
        model.addAttribute("groupBy", group);
        Map<String, Object> charts = charts(trend, funnel, byAgent, breakdown);
        charts.put("labels", labels(breakdown));
        model.addAttribute("chartsJson", json.writeValueAsString(charts));
        model.addAttribute("query", "from=" + period.firstDay() + "&to=" + period.lastDay());
        return "reports/project";
    }

    /** What each chart draws, as the page's script reads it (labels are translated in the page). */
    private static Map<String, Object> charts(Reports.KpiReport trend, Reports.Funnel funnel, Reports.KpiReport kpis,
            Reports.Breakdown breakdown) {
        Map<String, Object> charts = new LinkedHashMap<>();
        charts.put("trend", Map.of("days", trend.rows().stream().map(Reports.Row::key).toList(),
                "dials", trend.rows().stream().map(r -> r.kpis().dials()).toList(),
                "connects", trend.rows().stream().map(r -> r.kpis().connects()).toList(),
                "appointmentsSet", trend.rows().stream().map(r -> r.kpis().appointmentsSet()).toList()));
        charts.put("funnel", funnel.steps().stream().map(Reports.Step::count).toList());
        List<Reports.Row> leaders = kpis.rows().stream().limit(15).toList();
        charts.put("leaderboard", Map.of("labels", leaders.stream().map(Reports.Row::label).toList(),
                "appointmentsSet", leaders.stream().map(r -> r.kpis().appointmentsSet()).toList(),
                "dials", leaders.stream().map(r -> r.kpis().dials()).toList()));
        List<Reports.OutcomeShare> node1 = new ArrayList<>(breakdown.connected());
        node1.addAll(breakdown.notConnected());
        charts.put("outcomes", Map.of("codes", node1.stream().map(Reports.OutcomeShare::code).toList(),
                "calls", node1.stream().map(Reports.OutcomeShare::calls).toList(),
                "connected", node1.stream().map(s -> breakdown.connected().contains(s)).toList()));
        return charts;
    }

    /** The charts' words in the reader's language: series, funnel steps, outcomes. */
    private Map<String, Object> labels(Reports.Breakdown breakdown) {
        java.util.Locale locale = LocaleContextHolder.getLocale();
        Map<String, Object> labels = new LinkedHashMap<>();
        for (String key : List.of("dials", "connects", "appointmentsSet")) {
            labels.put(key, messages.getMessage("kpi." + key, null, key, locale));
        }
        labels.put("funnel", Reports.STEPS.stream().map(s -> messages.getMessage("funnel." + s, null, s, locale)).toList());
        List<Reports.OutcomeShare> node1 = new ArrayList<>(breakdown.connected());
        node1.addAll(breakdown.notConnected());
        labels.put("outcomes", node1.stream().map(s -> s.label() != null ? s.label()
                : messages.getMessage("outcome." + s.code(), null, s.code(), locale)).toList());
        labels.put("connected", messages.getMessage("report.group.connected", null, "connected", locale));
        labels.put("notConnected", messages.getMessage("report.group.notConnected", null, "not connected", locale));
        return labels;
    }

    @GetMapping("/reports/deals")
    String deals(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) UUID pipeline, Model model) {
        model.addAttribute("figures", dealFigures.figures(user, pipeline));
        model.addAttribute("pipelines", pipelines.pipelines(user.workspaceId()));
        return "reports/deals";
    }

    @GetMapping("/reports/floor")
    String floor(@AuthenticationPrincipal CurrentUser user, Model model) {
        model.addAttribute("floor", reports.floor(user));
        return "reports/floor";
    }

    /** The floor's table alone, for the page to refresh every few seconds. */
    @GetMapping("/reports/floor/live")
    String floorLive(@AuthenticationPrincipal CurrentUser user, Model model) {
        model.addAttribute("floor", reports.floor(user));
        return "reports/floor :: live";
    }

    @GetMapping("/reports/reviews")
    String reviews(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) UUID projectId,
            Model model) {
        model.addAttribute("reviews", reviews.list(user, projectId));
        model.addAttribute("projects", projects.visibleTo(user));
        model.addAttribute("projectId", projectId);
        return "reports/reviews";
    }

    @PostMapping("/reports/projects/{id}/reviews")
    String makeReview(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        Reviews.Review review = reviews.makeLatest(user, id);
        return "redirect:/reports/reviews/" + review.id();
    }

    @GetMapping("/reports/reviews/{id}")
    String review(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, Model model) {
        model.addAttribute("review", reviews.review(user, id));
        model.addAttribute("tiles", TILES);
        return "reports/review";
    }

    @PostMapping("/reports/reviews/{id}/decisions")
    String decide(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
            @RequestParam(required = false) String decisions, RedirectAttributes redirect) {
        try {
            reviews.decide(user, id, decisions);
            redirect.addFlashAttribute("flash", "flash.saved");
        } catch (ApiProblem problem) {
            if (problem.status().value() != 400) {
                throw problem;
            }
            redirect.addFlashAttribute("flashError", problem.field() + ": " + problem.getMessage());
        }
        return "redirect:/reports/reviews/" + id;
    }
}

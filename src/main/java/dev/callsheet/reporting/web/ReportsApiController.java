package dev.callsheet.reporting.web;

import dev.callsheet.deals.DealFigures;
import dev.callsheet.reporting.Reports;
import dev.callsheet.reporting.Reviews;
import dev.callsheet.web.Sheets;
import dev.callsheet.workspace.CurrentUser;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Reports over HTTP, for supervisors: every report as JSON, or with {@code format=csv} or
 * {@code format=xlsx} as a download. Periods are {@code from} and {@code to}, ISO dates, both
 * included, in the project's time zone; by default the last seven days.
 */
@RestController
@PreAuthorize("hasRole('SUPERVISOR')")
class ReportsApiController {

    private final Reports reports;
    private final Reviews reviews;
    private final DealFigures dealFigures;

    ReportsApiController(Reports reports, Reviews reviews, DealFigures dealFigures) {
        this.reports = reports;
        this.reviews = reviews;
        this.dealFigures = dealFigures;
    }

    @GetMapping("/api/v1/reports/projects/{id}/kpis")
    ResponseEntity<?> kpis(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(required = false) String groupBy, @RequestParam(required = false) String format) {
        return kpiReport(user, id, from, to, groupBy, format, "kpis");
    }

    @GetMapping("/api/v1/reports/projects/{id}/trend")
    ResponseEntity<?> trend(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(required = false) String format) {
        return kpiReport(user, id, from, to, "day", format, "trend");
    }

    @GetMapping("/api/v1/reports/projects/{id}/leaderboard")
    ResponseEntity<?> leaderboard(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(required = false) String format) {
        return kpiReport(user, id, from, to, "agent", format, "leaderboard");
    }

    private ResponseEntity<?> kpiReport(CurrentUser user, UUID id, String from, String to, String groupBy,
            String format, String name) {
        Reports.KpiReport report = reports.kpis(user, id, from, to, groupBy);
        return Sheets.respond(format, ReportTables.fileName(name, report.project(), report.period()),
                () -> ReportTables.json(report), () -> ReportTables.kpis(report));
    }

    @GetMapping("/api/v1/reports/projects/{id}/funnel")
    ResponseEntity<?> funnel(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(required = false) String format) {
        Reports.Funnel funnel = reports.funnel(user, id, from, to);
        return Sheets.respond(format, ReportTables.fileName("funnel", funnel.project(), funnel.period()),
                () -> ReportTables.json(funnel), () -> List.of(ReportTables.funnel(List.of(funnel), true)));
    }

    @GetMapping("/api/v1/reports/funnel")
    ResponseEntity<?> funnels(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to, @RequestParam(required = false) String format) {
        List<Reports.Funnel> funnels = reports.funnels(user, from, to);
        return Sheets.respond(format, "funnel-by-project",
                () -> Map.of("items", funnels.stream().map(ReportTables::json).toList()),
                () -> List.of(ReportTables.funnel(funnels, false)));
    }

    @GetMapping("/api/v1/reports/projects/{id}/outcomes")
    ResponseEntity<?> outcomes(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(required = false) String format) {
        Reports.Breakdown breakdown = reports.breakdown(user, id, from, to);
        return Sheets.respond(format, ReportTables.fileName("outcomes", breakdown.project(), breakdown.period()),
                () -> ReportTables.json(breakdown), () -> List.of(ReportTables.outcomes(breakdown)));
    }

    @GetMapping("/api/v1/reports/floor")
    ResponseEntity<?> floor(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String format) {
        Reports.FloorView floor = reports.floor(user);
        return Sheets.respond(format, "floor", () -> floor, () -> List.of(ReportTables.floor(floor)));
    }

    /** A pipeline's deals by source, setter and closer: the funnel of a deal history, imported ones too. */
    @GetMapping("/api/v1/reports/deals")
    ResponseEntity<?> deals(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) UUID pipelineId,
            @RequestParam(required = false) String format) {
        DealFigures.Figures figures = dealFigures.figures(user, pipelineId);
        return Sheets.respond(format, "deals-" + figures.pipeline().name().replaceAll("[^\\p{L}\\p{N}]+", "-"),
                () -> ReportTables.json(figures), () -> ReportTables.deals(figures));
    }

    // --- reviews ---

    @GetMapping("/api/v1/reports/reviews")
    Map<String, List<Reviews.Review>> reviews(@AuthenticationPrincipal CurrentUser user,
            @RequestParam(required = false) UUID projectId) {
        return Map.of("items", reviews.list(user, projectId));
    }

    @PostMapping("/api/v1/reports/projects/{id}/reviews")
    Reviews.Review makeReview(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        return reviews.makeLatest(user, id);
    }

    @GetMapping("/api/v1/reports/reviews/{id}")
    Reviews.Review review(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        return reviews.review(user, id);
    }

    record Decisions(String decisions) {
    }

    @PutMapping("/api/v1/reports/reviews/{id}/decisions")
    Reviews.Review decide(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
            @RequestBody Decisions body) {
        return reviews.decide(user, id, body == null ? null : body.decisions());
    }
}

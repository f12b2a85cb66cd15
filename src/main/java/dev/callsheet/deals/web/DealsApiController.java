package dev.callsheet.deals.web;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.callsheet.deals.Commissions;
import dev.callsheet.deals.Deal;
import dev.callsheet.deals.DealImports;
import dev.callsheet.deals.DealInsights;
import dev.callsheet.deals.DealParts;
import dev.callsheet.deals.DealStages;
import dev.callsheet.deals.DealView;
import dev.callsheet.deals.Deals;
import dev.callsheet.deals.Insights;
import dev.callsheet.deals.Pipeline;
import dev.callsheet.deals.Pipelines;
import dev.callsheet.web.ApiProblem;
import dev.callsheet.web.Sheets;
import dev.callsheet.web.Inputs;
import dev.callsheet.workspace.CurrentUser;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.util.LinkedHashMap;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * Deals through the API (docs/domain.md §2, §3.2, §9). Reps work their own deals, supervisors everyone's; an agent reads
 * the deals credited to them and their own commissions.
 */
@RestController
@PreAuthorize("hasAnyRole('AGENT', 'REP')")
class DealsApiController {

    record StageBody(String stage, String justification) {
    }

    record ReasonBody(String reason, String note) {
    }

    record WonBody(BigDecimal amount) {
    }

    record MemberBody(String contactId, String role, String personalGoal) {
    }

    record TouchBody(String kind, Boolean twoWay, String at, String note) {
    }

    record NoteBody(String text) {
    }

    record CheckBody(Boolean done, String note) {
    }

    record RulesBody(List<Commissions.Rule> items) {
    }

    /** A move's answer: the deal as it is now, and the alerts the move raised. */
    record MovedView(@JsonUnwrapped Deal deal, List<Insights.Alert> alerts) {
    }

    private final Deals deals;
    private final DealStages stages;
    private final DealInsights insights;
    private final Pipelines pipelines;
    private final Commissions commissions;
    private final DealImports imports;

    DealsApiController(Deals deals, DealStages stages, DealInsights insights, Pipelines pipelines,
            Commissions commissions, DealImports imports) {
        this.deals = deals;
        this.stages = stages;
        this.insights = insights;
        this.pipelines = pipelines;
        this.commissions = commissions;
        this.imports = imports;
    }

    /** A lead's deals with {@code contactId}; else the person's own (owned, or credited to them). */
    @GetMapping("/api/v1/deals")
    Map<String, List<Deal>> list(@AuthenticationPrincipal CurrentUser user,
            @RequestParam(required = false) UUID contactId, @RequestParam(defaultValue = "200") int limit) {
        return Map.of("items", contactId != null ? deals.ofContact(user, contactId) : deals.mine(user, limit));
    }

    @PostMapping("/api/v1/deals")
    @PreAuthorize("hasRole('REP')")
    ResponseEntity<Deal> open(@AuthenticationPrincipal CurrentUser user, @RequestBody(required = false) Deals.Draft body) {
        Deal deal = deals.open(user, body);
        return ResponseEntity.created(URI.create("/api/v1/deals/" + deal.id())).body(deal);
    }

    @GetMapping("/api/v1/deals/{id}")
    DealView deal(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        return insights.view(user, id);
    }

    @PatchMapping("/api/v1/deals/{id}")
    @PreAuthorize("hasRole('REP')")
    Deal update(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
            @RequestBody(required = false) Deals.Changes body) {
        return deals.update(user, id, body);
    }

    @PostMapping("/api/v1/deals/{id}/stage")
    @PreAuthorize("hasRole('REP')")
    MovedView move(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
            @RequestBody(required = false) StageBody body) {
        if (body == null) {
            throw ApiProblem.badRequest("stage", "stage is required");
        }
        DealStages.Moved moved = stages.move(user, id, body.stage(), body.justification());
        return new MovedView(moved.deal(), moved.alerts());
    }

    @PostMapping("/api/v1/deals/{id}/disqualify")
    @PreAuthorize("hasRole('REP')")
    Deal disqualify(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
            @RequestBody(required = false) ReasonBody body) {
        return stages.disqualify(user, id, body == null ? null : body.reason(), body == null ? null : body.note());
    }

    @PostMapping("/api/v1/deals/{id}/won")
    @PreAuthorize("hasRole('REP')")
    Deal won(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
            @RequestBody(required = false) WonBody body) {
        return stages.win(user, id, body == null ? null : body.amount());
    }

    @PostMapping("/api/v1/deals/{id}/lost")
    @PreAuthorize("hasRole('REP')")
    Deal lost(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
            @RequestBody(required = false) ReasonBody body) {
        return stages.lose(user, id, body == null ? null : body.reason(), body == null ? null : body.note());
    }

    @PostMapping("/api/v1/deals/{id}/cancel")
    @PreAuthorize("hasRole('REP')")
    Deal cancel(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
            @RequestBody(required = false) ReasonBody body) {
        return stages.cancelWin(user, id, body == null ? null : body.note());
    }

    @PostMapping("/api/v1/deals/{id}/members")
    @PreAuthorize("hasRole('REP')")
    Map<String, List<DealParts.Member>> member(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
            @RequestBody(required = false) MemberBody body) {
        if (body == null) {
            throw ApiProblem.badRequest("contactId", "send contactId and role");
        }
        return Map.of("items", deals.saveMember(user, id, body.contactId(), body.role(), body.personalGoal()));
    }

    @DeleteMapping("/api/v1/deals/{id}/members/{contactId}")
    @PreAuthorize("hasRole('REP')")
    Map<String, List<DealParts.Member>> removeMember(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
            @PathVariable UUID contactId) {
        return Map.of("items", deals.removeMember(user, id, contactId));
    }

    @PostMapping("/api/v1/deals/{id}/touches")
    @PreAuthorize("hasRole('REP')")
    ResponseEntity<DealParts.Touch> touch(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
            @RequestBody(required = false) TouchBody body) {
        if (body == null) {
            throw ApiProblem.badRequest("kind", "send kind and twoWay");
        }
        return ResponseEntity.status(201).body(deals.addTouch(user, id, body.kind(), body.twoWay(), body.at(),
                body.note()));
    }

    @PostMapping("/api/v1/deals/{id}/notes")
    @PreAuthorize("hasRole('REP')")
    ResponseEntity<DealParts.Note> note(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
            @RequestBody(required = false) NoteBody body) {
        return ResponseEntity.status(201).body(deals.addNote(user, id, body == null ? null : body.text()));
    }

    @PutMapping("/api/v1/deals/{id}/checks/{code}")
    @PreAuthorize("hasRole('REP')")
    DealParts.Check check(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
            @PathVariable String code, @RequestBody(required = false) CheckBody body) {
        return deals.check(user, id, code, body == null ? null : body.done(), body == null ? null : body.note());
    }

    @GetMapping("/api/v1/deals/board")
    @PreAuthorize("hasRole('REP')")
    Map<String, Object> board(@AuthenticationPrincipal CurrentUser user,
            @RequestParam(required = false) UUID pipelineId, @RequestParam(required = false) UUID ownerId) {
        return Map.of("pipelineId", pipelines.pipeline(user.workspaceId(), pipelineId).id(),
                "columns", insights.board(user, pipelineId, ownerId));
    }

    @PostMapping(path = "/api/v1/deals/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @PreAuthorize("hasRole('SUPERVISOR')")
    DealImports.Report importDeals(@AuthenticationPrincipal CurrentUser user,
            @RequestParam(required = false) UUID pipelineId,
            @RequestPart(name = "file", required = false) MultipartFile file) throws IOException {
        if (file == null || file.isEmpty()) {
            throw ApiProblem.badRequest("file", "file must be a non-empty CSV or XLSX upload");
        }
        return imports.importFile(user, pipelineId, file.getOriginalFilename(), file.getBytes());
    }

    @GetMapping("/api/v1/pipelines")
    Map<String, List<Pipeline>> pipelines(@AuthenticationPrincipal CurrentUser user) {
        return Map.of("items", pipelines.pipelines(user.workspaceId()));
    }

    @GetMapping("/api/v1/pipelines/{id}")
    Pipeline pipeline(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        return pipelines.pipeline(user.workspaceId(), id);
    }

    @PostMapping("/api/v1/pipelines")
    @PreAuthorize("hasRole('SUPERVISOR')")
    ResponseEntity<Pipeline> createPipeline(@AuthenticationPrincipal CurrentUser user,
            @RequestBody(required = false) Pipelines.Draft body) {
        Pipeline created = pipelines.create(user, body);
        return ResponseEntity.created(URI.create("/api/v1/pipelines/" + created.id())).body(created);
    }

    @PutMapping("/api/v1/pipelines/{id}")
    @PreAuthorize("hasRole('SUPERVISOR')")
    Pipeline savePipeline(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
            @RequestBody(required = false) Pipelines.Draft body) {
        return pipelines.update(user, id, body);
    }

    @PostMapping("/api/v1/pipelines/{id}/model")
    @PreAuthorize("hasRole('SUPERVISOR')")
    Map<String, Object> train(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        Pipeline pipeline = pipelines.pipeline(user.workspaceId(), id);
        int closed = insights.train(user.workspaceId(), pipeline.id());
        return Map.of("closedDeals", closed, "minClosedDeals", pipeline.minClosedDeals(),
                "trained", closed >= pipeline.minClosedDeals());
    }

    /** The pipeline's win model: its inputs and weights, and how it scored on the deals closed last. */
    @GetMapping("/api/v1/pipelines/{id}/model")
    @PreAuthorize("hasRole('SUPERVISOR')")
    Map<String, Object> model(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        Pipeline pipeline = pipelines.pipeline(user.workspaceId(), id);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("minClosedDeals", pipeline.minClosedDeals());
        insights.modelReport(user.workspaceId(), id).ifPresentOrElse(m -> {
            body.put("closedDeals", m.closedDeals());
            body.put("examples", m.model().examples());
            body.put("baseRate", m.model().baseRate());
            body.put("heldOut", m.heldOut());
            body.put("weights", m.model().weightsByInput());
        }, () -> body.put("unavailable", "NOT_TRAINED_YET"));
        return body;
    }

    @GetMapping("/api/v1/deal-settings")
    Pipelines.Settings settings(@AuthenticationPrincipal CurrentUser user) {
        return pipelines.settings(user.workspaceId());
    }

    @PutMapping("/api/v1/deal-settings")
    @PreAuthorize("hasRole('SUPERVISOR')")
    Pipelines.Settings saveSettings(@AuthenticationPrincipal CurrentUser user,
            @RequestBody(required = false) Pipelines.Settings body) {
        // Both absent would quietly reset the reasons and drop the account manager: say what to send instead.
        if (body == null || body.dqReasons() == null && body.accountManagerId() == null) {
            throw ApiProblem.badRequest("dqReasons", "send dqReasons, accountManagerId or both");
        }
        return pipelines.saveSettings(user, body);
    }

    @GetMapping("/api/v1/insights/disqualification")
    @PreAuthorize("hasRole('REP')")
    Insights.Evidence evidence(@AuthenticationPrincipal CurrentUser user,
            @RequestParam(required = false) UUID pipelineId) {
        return insights.evidence(user.workspaceId(), pipelineId);
    }

    @GetMapping("/api/v1/dq-review")
    @PreAuthorize("hasRole('SUPERVISOR')")
    DealInsights.DqReview dqReview(@AuthenticationPrincipal CurrentUser user,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        return insights.dqReview(user, Inputs.date("from", from), Inputs.date("to", to));
    }

    @GetMapping("/api/v1/deals/cost")
    @PreAuthorize("hasRole('REP')")
    Map<String, Object> cost(@AuthenticationPrincipal CurrentUser user,
            @RequestParam(defaultValue = "1000000") double quota,
            @RequestParam(defaultValue = "500") double sellingHours,
            @RequestParam(defaultValue = "2") double sellingHoursPerDay,
            @RequestParam(defaultValue = "10") int openDeals, @RequestParam(required = false) Integer badDeals,
            @RequestParam(defaultValue = "15") double dqDay, @RequestParam(defaultValue = "45") double deathDay) {
        DealInsights.Cost cost = DealInsights.cost(quota, sellingHours, sellingHoursPerDay, openDeals,
                badDeals == null ? openDeals : badDeals, dqDay, deathDay);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("calculator", cost);
        body.put("reps", insights.repCosts(user, cost.valuePerDay()));
        return body;
    }

    @GetMapping("/api/v1/commissions/rules")
    Map<String, List<Commissions.Rule>> rules(@AuthenticationPrincipal CurrentUser user) {
        return Map.of("items", commissions.rules(user.workspaceId()));
    }

    @PutMapping("/api/v1/commissions/rules")
    @PreAuthorize("hasRole('SUPERVISOR')")
    Map<String, List<Commissions.Rule>> saveRules(@AuthenticationPrincipal CurrentUser user,
            @RequestBody(required = false) RulesBody body) {
        return Map.of("items", commissions.saveRules(user, body == null ? null : body.items()));
    }

    @GetMapping("/api/v1/commissions/ledger")
    Map<String, Object> ledger(@AuthenticationPrincipal CurrentUser user,
            @RequestParam(required = false) String userId, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to) {
        List<Commissions.Entry> lines = commissions.ledger(user, userId, from, to);
        return Map.of("items", lines, "totals", Commissions.payout(lines), "byCurrency", Commissions.byCurrency(lines));
    }

    @GetMapping("/api/v1/commissions/payout")
    @PreAuthorize("hasRole('SUPERVISOR')")
    ResponseEntity<?> payout(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to, @RequestParam(defaultValue = "json") String format) {
        List<Commissions.Entry> lines = commissions.ledger(user, "all", from, to);
        List<Commissions.Payout> totals = Commissions.payout(lines);
        // the file name from the months as read (the ledger has checked them), never the raw parameters
        String name = "payout-" + (from == null || from.isBlank() ? "this-month" : YearMonth.parse(from.strip()))
                + (to == null || to.isBlank() ? "" : "-" + YearMonth.parse(to.strip()));
        return Sheets.respond(format, name, () -> Map.of("items", totals, "lines", lines),
                () -> PayoutExport.sheets(totals, lines));
    }

}

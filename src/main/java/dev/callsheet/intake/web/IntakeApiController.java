package dev.callsheet.intake.web;

import dev.callsheet.intake.Assignment;
import dev.callsheet.intake.DutyPattern;
import dev.callsheet.intake.DutyRoster;
import dev.callsheet.intake.DutyShift;
import dev.callsheet.intake.Exhibitions;
import dev.callsheet.intake.FirstCall;
import dev.callsheet.intake.InboundCall;
import dev.callsheet.intake.Intake;
import dev.callsheet.intake.Routed;
import dev.callsheet.intake.Routing;
import dev.callsheet.intake.Task;
import dev.callsheet.web.ApiProblem;
import dev.callsheet.workspace.CurrentUser;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The duty roster and people's tasks. Everyone may ask who is on duty; supervisors draw the roster. */
@RestController
@PreAuthorize("hasAnyRole('AGENT', 'REP')")
class IntakeApiController {

    /** A week of duties as a client sends it. */
    record RosterBody(List<DutyRoster.PatternDraft> items) {
    }

    /** A swap as a client sends it. */
    record SwapBody(String region, String userId, String from, String to, String note) {
    }

    private final DutyRoster roster;
    private final Intake intake;
    private final Exhibitions exhibitions;
    private final Routing routing;
    private final Clock clock;

    IntakeApiController(DutyRoster roster, Intake intake, Exhibitions exhibitions, Routing routing, Clock clock) {
        this.routing = routing;
        this.roster = roster;
        this.intake = intake;
        this.exhibitions = exhibitions;
        this.clock = clock;
    }

    @GetMapping("/api/v1/duty")
    DutyShift duty(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String region,
            @RequestParam(required = false) String at) {
        Instant when = at == null || at.isBlank() ? clock.instant() : dev.callsheet.scheduling.Appointments
                .time("at", at, user);
        return roster.onDuty(user.workspaceId(), region, when)
                .orElseThrow(() -> ApiProblem.notFound("nobody on duty then; duty"));
    }

    @GetMapping("/api/v1/duty/roster")
    Map<String, Object> roster(@AuthenticationPrincipal CurrentUser user,
            @RequestParam(required = false) String region) {
        return Map.of("items", roster.patterns(user.workspaceId(), region),
                "gaps", roster.gaps(user.workspaceId(), region, 14, user.timeZone()));
    }

    @PutMapping("/api/v1/duty/roster")
    @PreAuthorize("hasRole('SUPERVISOR')")
    Map<String, List<DutyPattern>> saveRoster(@AuthenticationPrincipal CurrentUser user,
            @RequestParam(required = false) String region, @RequestBody(required = false) RosterBody body) {
        // The week is replaced whole: only an explicit list (empty to clear) may do that, never a missing one.
        if (body == null || body.items() == null) {
            throw ApiProblem.badRequest("items", "items is required: the list of duties, [] to clear the week");
        }
        return Map.of("items", roster.savePatterns(user, region, body.items()));
    }

    @PostMapping("/api/v1/duty/swaps")
    @PreAuthorize("hasRole('SUPERVISOR')")
    ResponseEntity<Map<String, UUID>> swap(@AuthenticationPrincipal CurrentUser user,
            @RequestBody(required = false) SwapBody body) {
        if (body == null) {
            throw ApiProblem.badRequest("userId", "send userId, from and to");
        }
        UUID id = roster.addSwap(user, body.region(), body.userId(), body.from(), body.to(), body.note());
        return ResponseEntity.created(URI.create("/api/v1/duty/swaps/" + id)).body(Map.of("id", id));
    }

    @DeleteMapping("/api/v1/duty/swaps/{id}")
    @PreAuthorize("hasRole('SUPERVISOR')")
    ResponseEntity<Void> deleteSwap(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        roster.deleteSwap(user, id);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/api/v1/inbound/lookup")
    InboundCall lookup(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String phone) {
        return intake.lookup(user, phone);
    }

    @PostMapping("/api/v1/inbound/calls")
    ResponseEntity<Routed> takeCall(@AuthenticationPrincipal CurrentUser user,
            @RequestBody(required = false) FirstCall body) {
        Routed routed = intake.takeCall(user, body);
        return ResponseEntity.created(URI.create("/api/v1/contacts/" + routed.contactId())).body(routed);
    }

    /** How an exhibition list is spread. */
    record DistributionBody(String homeRegion, Boolean countExisting) {
    }

    @PostMapping("/api/v1/exhibitions/{importId}/preview")
    @PreAuthorize("hasRole('SUPERVISOR')")
    Exhibitions.Plan preview(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID importId,
            @RequestBody(required = false) DistributionBody body) {
        return exhibitions.preview(user, importId, body == null ? null : body.homeRegion(),
                body != null && Boolean.TRUE.equals(body.countExisting()));
    }

    @PostMapping("/api/v1/exhibitions/{importId}/distribute")
    @PreAuthorize("hasRole('SUPERVISOR')")
    Exhibitions.Plan distribute(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID importId,
            @RequestBody(required = false) DistributionBody body) {
        return exhibitions.distribute(user, importId, body == null ? null : body.homeRegion(),
                body != null && Boolean.TRUE.equals(body.countExisting()));
    }

    @GetMapping("/api/v1/routing/rules")
    @PreAuthorize("hasRole('SUPERVISOR')")
    Routing.Rules rules(@AuthenticationPrincipal CurrentUser user) {
        return routing.rules(user.workspaceId());
    }

    @PutMapping("/api/v1/routing/rules")
    @PreAuthorize("hasRole('SUPERVISOR')")
    Routing.Rules saveRules(@AuthenticationPrincipal CurrentUser user,
            @RequestBody(required = false) Routing.Rules body) {
        // The rules are replaced whole: only an explicit list (empty to clear) may do that, never a missing one.
        if (body == null || body.items() == null) {
            throw ApiProblem.badRequest("items", "items is required: the ordered list of rules, [] to clear them");
        }
        return routing.save(user, body);
    }

    @PostMapping("/api/v1/routing/dry-run")
    @PreAuthorize("hasRole('SUPERVISOR')")
    Map<String, List<Routing.DryRun>> dryRun(@AuthenticationPrincipal CurrentUser user) {
        return Map.of("items", routing.dryRun(user));
    }

    @GetMapping("/api/v1/assignments")
    Map<String, List<Assignment>> assignments(@AuthenticationPrincipal CurrentUser user,
            @RequestParam UUID contactId) {
        return Map.of("items", intake.assignments(user.workspaceId(), contactId));
    }

    @GetMapping("/api/v1/tasks")
    Map<String, List<Task>> tasks(@AuthenticationPrincipal CurrentUser user,
            @RequestParam(defaultValue = "false") boolean all) {
        return Map.of("items", intake.openTasks(user, all));
    }

    @PostMapping("/api/v1/tasks/{id}/done")
    Task done(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        return intake.done(user, id);
    }
}

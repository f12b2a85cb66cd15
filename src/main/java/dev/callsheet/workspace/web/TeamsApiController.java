package dev.callsheet.workspace.web;

import dev.callsheet.workspace.CurrentUser;
import dev.callsheet.workspace.Member.Named;
import dev.callsheet.workspace.People;
import dev.callsheet.workspace.Team;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Teams and regions: every member may read them, admins change them. */
@RestController
@RequestMapping("/api/v1")
class TeamsApiController {

    record NewTeam(String name, String region, java.math.BigDecimal hourlyCost) {
    }

    record TeamCost(java.math.BigDecimal hourlyCost) {
    }

    record NewRegion(String name) {
    }

    private final People people;
    private final dev.callsheet.workspace.Workspaces workspaces;

    TeamsApiController(People people, dev.callsheet.workspace.Workspaces workspaces) {
        this.people = people;
        this.workspaces = workspaces;
    }

    @GetMapping("/teams")
    Map<String, List<Team>> teams(@AuthenticationPrincipal CurrentUser user) {
        return Map.of("items", people.teams(user.workspaceId()));
    }

    @PostMapping("/teams")
    @PreAuthorize("hasRole('ADMIN')")
    ResponseEntity<Map<String, UUID>> createTeam(@AuthenticationPrincipal CurrentUser admin, @RequestBody NewTeam body) {
        UUID id = people.createTeam(admin.workspaceId(), body.name(), body.region());
        if (body.hourlyCost() != null) {
            people.setTeamHourlyCost(admin.workspaceId(), id, body.hourlyCost());
        }
        return ResponseEntity.created(URI.create("/api/v1/teams/" + id)).body(Map.of("id", id));
    }

    /** The team's hourly cost, for its members without their own (null clears it). */
    @org.springframework.web.bind.annotation.PutMapping("/teams/{id}/cost")
    @PreAuthorize("hasRole('ADMIN')")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void setCost(@AuthenticationPrincipal CurrentUser admin, @PathVariable UUID id, @RequestBody TeamCost body) {
        people.setTeamHourlyCost(admin.workspaceId(), id, body == null ? null : body.hourlyCost());
    }

    /** {@code currency} (ISO 4217) is what every hourly cost is in; absent leaves it as it is. */
    record Costs(java.math.BigDecimal hourlyCost, String currency) {
    }

    /** The workspace's hourly cost: for members with neither their own nor their team's. */
    @GetMapping("/workspace/costs")
    @PreAuthorize("hasRole('ADMIN')")
    Map<String, Object> costs(@AuthenticationPrincipal CurrentUser admin) {
        java.util.Map<String, Object> costs = new java.util.HashMap<>();
        costs.put("hourlyCost", people.workspaceHourlyCost(admin.workspaceId()));
        costs.put("currency", workspaces.currency(admin.workspaceId()));
        return costs;
    }

    @org.springframework.web.bind.annotation.PutMapping("/workspace/costs")
    @PreAuthorize("hasRole('ADMIN')")
    Map<String, Object> setCosts(@AuthenticationPrincipal CurrentUser admin, @RequestBody Costs body) {
        if (body != null && body.currency() != null) {
            workspaces.setCurrency(admin.workspaceId(), body.currency());
        }
        people.setWorkspaceHourlyCost(admin.workspaceId(), body == null ? null : body.hourlyCost());
        return costs(admin);
    }

    @DeleteMapping("/teams/{id}")
    @PreAuthorize("hasRole('ADMIN')")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void deleteTeam(@AuthenticationPrincipal CurrentUser admin, @PathVariable UUID id) {
        people.deleteTeam(admin.workspaceId(), id);
    }

    @GetMapping("/regions")
    Map<String, List<Named>> regions(@AuthenticationPrincipal CurrentUser user) {
        return Map.of("items", people.regions(user.workspaceId()));
    }

    @PostMapping("/regions")
    @PreAuthorize("hasRole('ADMIN')")
    ResponseEntity<Map<String, UUID>> createRegion(@AuthenticationPrincipal CurrentUser admin,
            @RequestBody NewRegion body) {
        UUID id = people.createRegion(admin.workspaceId(), body.name());
        return ResponseEntity.created(URI.create("/api/v1/regions/" + id)).body(Map.of("id", id));
    }

    @DeleteMapping("/regions/{id}")
    @PreAuthorize("hasRole('ADMIN')")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void deleteRegion(@AuthenticationPrincipal CurrentUser admin, @PathVariable UUID id) {
        people.deleteRegion(admin.workspaceId(), id);
    }
}

package dev.callsheet.workspace.web;

import dev.callsheet.workspace.CurrentUser;
import dev.callsheet.workspace.WorkspaceSummary;
import dev.callsheet.workspace.Workspaces;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Tenants: the platform administrator creates a workspace (e.g. an agency's client) with its first admin. */
@RestController
@RequestMapping("/api/v1/workspaces")
class WorkspacesApiController {

    record NewWorkspace(String name, String adminUsername, String adminPassword) {
    }

    private final Workspaces workspaces;

    WorkspacesApiController(Workspaces workspaces) {
        this.workspaces = workspaces;
    }

    @PostMapping
    @PreAuthorize("hasAuthority('PLATFORM_ADMIN')")
    ResponseEntity<Map<String, Object>> create(@RequestBody NewWorkspace body) {
        WorkspaceSummary created = workspaces.create(body.name(), body.adminUsername(), body.adminPassword());
        return ResponseEntity.created(URI.create("/api/v1/workspaces/" + created.id()))
                .body(Map.of("id", created.id(), "key", created.key()));
    }

    /** The workspaces the caller belongs to. */
    @GetMapping
    Map<String, List<WorkspaceSummary>> mine(@AuthenticationPrincipal CurrentUser user) {
        return Map.of("items", user.workspaces());
    }
}

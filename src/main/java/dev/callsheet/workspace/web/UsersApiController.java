package dev.callsheet.workspace.web;

import dev.callsheet.web.ApiProblem;
import dev.callsheet.workspace.CurrentUser;
import dev.callsheet.workspace.Member;
import dev.callsheet.workspace.NewUser;
import dev.callsheet.workspace.People;
import dev.callsheet.workspace.Role;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The workspace's people, managed by its admins. */
@RestController
@RequestMapping("/api/v1/users")
@PreAuthorize("hasRole('ADMIN')")
class UsersApiController {

    record CreateUser(String username, String password, Set<Role> roles, String displayName, String timeZone,
            String locale, String region, String team, String email, java.math.BigDecimal hourlyCost) {
    }

    record UpdateUser(String displayName, Set<Role> roles, String team, String region, String email,
            java.math.BigDecimal hourlyCost) {
    }

    private final People people;

    UsersApiController(People people) {
        this.people = people;
    }

    @PostMapping
    ResponseEntity<Map<String, UUID>> create(@AuthenticationPrincipal CurrentUser admin, @RequestBody CreateUser body) {
        UUID id = people.createUser(admin.workspaceId(), new NewUser(body.username(), body.password(), body.roles(),
                body.displayName(), body.timeZone(), body.locale(), body.region(), body.team(), body.email(),
                body.hourlyCost()));
        return ResponseEntity.created(URI.create("/api/v1/users/" + id)).body(Map.of("id", id));
    }

    @GetMapping
    Map<String, List<Member>> list(@AuthenticationPrincipal CurrentUser admin) {
        return Map.of("items", people.members(admin.workspaceId()));
    }

    @GetMapping("/{id}")
    Member get(@AuthenticationPrincipal CurrentUser admin, @PathVariable UUID id) {
        return people.member(admin.workspaceId(), id).orElseThrow(() -> ApiProblem.notFound("user"));
    }

    @PatchMapping("/{id}")
    Member update(@AuthenticationPrincipal CurrentUser admin, @PathVariable UUID id, @RequestBody UpdateUser body) {
        return people.updateMember(admin.workspaceId(), id, body.displayName(), body.roles(), body.team(),
                body.region(), body.email(), body.hourlyCost(), body.hourlyCost() != null);
    }

    /** As PATCH, except that the hourly cost is what the body says: left out (or null), there is none of the person's own. */
    @PutMapping("/{id}")
    Member replace(@AuthenticationPrincipal CurrentUser admin, @PathVariable UUID id, @RequestBody UpdateUser body) {
        return people.updateMember(admin.workspaceId(), id, body.displayName(), body.roles(), body.team(),
                body.region(), body.email(), body.hourlyCost(), true);
    }


    @PostMapping("/{id}/deactivate")
    Member deactivate(@AuthenticationPrincipal CurrentUser admin, @PathVariable UUID id) {
        people.setActive(admin.workspaceId(), id, false, admin.userId());
        return get(admin, id);
    }

    @PostMapping("/{id}/activate")
    Member activate(@AuthenticationPrincipal CurrentUser admin, @PathVariable UUID id) {
        people.setActive(admin.workspaceId(), id, true, admin.userId());
        return get(admin, id);
    }
}

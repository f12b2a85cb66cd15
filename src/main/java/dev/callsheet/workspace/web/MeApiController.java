package dev.callsheet.workspace.web;

import dev.callsheet.workspace.CurrentUser;
import dev.callsheet.workspace.Role;
import dev.callsheet.workspace.internal.ApiTokens;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Who the caller is, and their personal API tokens. Open to every signed-in role. */
@RestController
@RequestMapping("/api/v1/me")
class MeApiController {

    record Me(UUID id, String username, String displayName, String workspace, String workspaceKey, List<Role> roles,
            String locale, String timeZone) {
    }

    record TokenRequest(String name) {
    }

    private final ApiTokens tokens;

    MeApiController(ApiTokens tokens) {
        this.tokens = tokens;
    }

    @GetMapping
    Me me(@AuthenticationPrincipal CurrentUser user) {
        return new Me(user.userId(), user.username(), user.displayName(), user.workspace().name(),
                user.workspace().key(), user.roles().stream().sorted().toList(), user.locale().toLanguageTag(),
                user.timeZone().getId());
    }

    @GetMapping("/tokens")
    List<ApiTokens.Listed> tokens(@AuthenticationPrincipal CurrentUser user) {
        return tokens.list(user.workspaceId(), user.userId());
    }

    /** The response is the only place the token's secret ever appears. */
    @PostMapping("/tokens")
    ResponseEntity<ApiTokens.Created> createToken(@AuthenticationPrincipal CurrentUser user,
            @RequestBody TokenRequest request) {
        ApiTokens.Created created = tokens.create(user.workspaceId(), user.userId(), request.name());
        return ResponseEntity.created(URI.create("/api/v1/me/tokens/" + created.id())).body(created);
    }

    @DeleteMapping("/tokens/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void revokeToken(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        tokens.revoke(user.workspaceId(), user.userId(), id);
    }
}

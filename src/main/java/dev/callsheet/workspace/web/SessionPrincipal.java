package dev.callsheet.workspace.web;

import dev.callsheet.workspace.CurrentUser;
import dev.callsheet.workspace.internal.Principals;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.UUID;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Component;

/** Replaces the signed-in principal in the session after the person changed something about themselves. */
@Component
class SessionPrincipal {

    private final Principals principals;
    private final SecurityContextRepository repository = new HttpSessionSecurityContextRepository();

    SessionPrincipal(Principals principals) {
        this.principals = principals;
    }

    CurrentUser refresh(CurrentUser user, UUID workspaceId, HttpServletRequest request, HttpServletResponse response) {
        CurrentUser fresh = principals.reload(user, workspaceId);
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(fresh, null, fresh.authorities()));
        SecurityContextHolder.setContext(context);
        repository.saveContext(context, request, response);
        return fresh;
    }
}

package dev.callsheet.workspace.web;

import dev.callsheet.workspace.CurrentUser;
import dev.callsheet.workspace.Role;
import dev.callsheet.workspace.internal.UserRepository;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.Set;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A session outlives changes an admin makes: on each page request the signed-in member's
 * membership is re-read (one primary-key lookup), so a deactivated person is signed out at
 * once and changed roles apply on the next click. API requests authenticate afresh anyway.
 */
@Component
class MembershipRevalidationFilter extends OncePerRequestFilter {

    private final UserRepository users;
    private final SessionPrincipal sessionPrincipal;

    MembershipRevalidationFilter(UserRepository users, SessionPrincipal sessionPrincipal) {
        this.users = users;
        this.sessionPrincipal = sessionPrincipal;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.startsWith("/css/") || path.startsWith("/js/") || path.startsWith("/img/")
                || path.startsWith("/webjars/") || path.startsWith("/api/") || path.startsWith("/actuator/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        HttpSession session = request.getSession(false);
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (session != null && authentication != null && authentication.getPrincipal() instanceof CurrentUser user) {
            Set<Role> roles = users.activeRoles(user.workspaceId(), user.userId());
            if (roles.isEmpty()) {
                session.invalidate();
                SecurityContextHolder.clearContext();
                response.sendRedirect(request.getContextPath() + "/login?expired");
                return;
            }
            if (!roles.equals(user.roles())) {
                sessionPrincipal.refresh(user, user.workspaceId(), request, response);
            }
        }
        chain.doFilter(request, response);
    }
}

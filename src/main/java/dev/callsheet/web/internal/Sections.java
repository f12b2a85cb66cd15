package dev.callsheet.web.internal;

import java.util.Map;
import java.util.Set;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.stereotype.Component;

/** Which roles see which section of the navigation (the layout shows the same rules). */
@Component("sections")
class Sections {

    private static final Map<String, Set<String>> ROLES = Map.of(
            "console", Set.of("ROLE_AGENT"),
            "projects", Set.of("ROLE_SUPERVISOR"),
            "calendar", Set.of("ROLE_AGENT", "ROLE_REP"),
            "deals", Set.of("ROLE_REP"),
            "reports", Set.of("ROLE_SUPERVISOR"));

    private final RoleHierarchy roles;

    Sections(RoleHierarchy roles) {
        this.roles = roles;
    }

    public boolean allowed(String section, Authentication authentication) {
        Set<String> needed = ROLES.getOrDefault(section, Set.of());
        return roles.getReachableGrantedAuthorities(authentication.getAuthorities()).stream()
                .map(GrantedAuthority::getAuthority).anyMatch(needed::contains);
    }
}

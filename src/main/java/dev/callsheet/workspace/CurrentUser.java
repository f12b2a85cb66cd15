package dev.callsheet.workspace;

import dev.callsheet.web.LocalePreference;
import java.io.Serializable;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.springframework.security.core.AuthenticatedPrincipal;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * The signed-in person acting in one workspace: the principal of every authenticated request.
 * Every query of a business module is scoped by {@link #workspaceId()}.
 *
 * @param workspaces every workspace the person may switch to, this one included
 */
public record CurrentUser(UUID userId, String username, String displayName, WorkspaceSummary workspace,
        Set<Role> roles, Locale locale, ZoneId timeZone, boolean platformAdmin, List<WorkspaceSummary> workspaces)
        implements LocalePreference, AuthenticatedPrincipal, Serializable {

    public static final String PLATFORM_ADMIN = "PLATFORM_ADMIN";

    public CurrentUser {
        roles = Set.copyOf(roles);
        workspaces = List.copyOf(workspaces);
    }

    /** The name a session is filed under (and Spring Security's {@code Authentication.getName()}): the username. */
    @Override
    public String getName() {
        return username;
    }

    public UUID workspaceId() {
        return workspace.id();
    }

    public boolean hasRole(Role role) {
        return roles.contains(role);
    }

    public Collection<GrantedAuthority> authorities() {
        List<GrantedAuthority> authorities = new ArrayList<>();
        roles.forEach(role -> authorities.add(role.authority()));
        if (platformAdmin) {
            authorities.add(new SimpleGrantedAuthority(PLATFORM_ADMIN));
        }
        return authorities;
    }
}

package dev.callsheet.workspace;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** What a person does in a workspace. A user may hold several; ADMIN includes SUPERVISOR, which includes AGENT and REP. */
public enum Role {
    /** Works the call queue, qualifies leads, books meetings. */
    AGENT,
    /** Sales rep: holds the meetings and owns the deals. */
    REP,
    /** Runs projects, scripts and reviews. */
    SUPERVISOR,
    /** Manages the workspace's people and settings. */
    ADMIN;

    public GrantedAuthority authority() {
        return new SimpleGrantedAuthority("ROLE_" + name());
    }
}

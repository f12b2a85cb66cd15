package dev.callsheet.workspace.internal;

import dev.callsheet.web.ApiTokenAuthentication;
import dev.callsheet.workspace.CurrentUser;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/** Turns a presented personal API token into its owner, acting in the token's workspace. */
@Component
class ApiTokenAuthenticationProvider implements AuthenticationProvider {

    private final ApiTokens tokens;
    private final Principals principals;
    ApiTokenAuthenticationProvider(ApiTokens tokens, Principals principals) {
        this.tokens = tokens;
        this.principals = principals;
    }

    /**
     * Every API call checks its token afresh, so a revoked token or a removed member is refused at once: one
     * statement reads the token, its owner and the owner's memberships (no transaction to open and commit).
     */
    @Override
    public Authentication authenticate(Authentication authentication) {
        ApiTokens.Owner owner = tokens.authenticate(((ApiTokenAuthentication) authentication).token())
                .orElseThrow(() -> new BadCredentialsException("Unknown or revoked API token"));
        CurrentUser user = principals.of(owner.account(), owner.workspaceId(), owner.memberships());
        if (!user.workspaceId().equals(owner.workspaceId())) {
            throw new BadCredentialsException("Unknown or revoked API token");
        }
        return UsernamePasswordAuthenticationToken.authenticated(user, null, user.authorities());
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return ApiTokenAuthentication.class.isAssignableFrom(authentication);
    }
}

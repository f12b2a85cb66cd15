package dev.callsheet.workspace.internal;

import dev.callsheet.web.ApiTokenAuthentication;
import dev.callsheet.workspace.CurrentUser;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/** Turns a presented personal API token into its owner, acting in the token's workspace. */
@Component
class ApiTokenAuthenticationProvider implements AuthenticationProvider {

    private final ApiTokens tokens;
    private final Principals principals;
    private final TransactionTemplate transactions;

    ApiTokenAuthenticationProvider(ApiTokens tokens, Principals principals,
            TransactionTemplate transactions) {
        this.tokens = tokens;
        this.principals = principals;
        this.transactions = transactions;
    }

    /** Every API call checks its token afresh (a revoked token or a removed member is refused at once), in one transaction. */
    @Override
    public Authentication authenticate(Authentication authentication) {
        return transactions.execute(status -> check(authentication));
    }

    private Authentication check(Authentication authentication) {
        ApiTokens.Owner owner = tokens.authenticate(((ApiTokenAuthentication) authentication).token())
                .orElseThrow(() -> new BadCredentialsException("Unknown or revoked API token"));
        CurrentUser user = principals.load(owner.account(), owner.workspaceId());
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

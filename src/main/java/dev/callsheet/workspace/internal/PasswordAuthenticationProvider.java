package dev.callsheet.workspace.internal;

import dev.callsheet.workspace.CurrentUser;
import java.util.Optional;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/** Username and password, for the sign-in form and HTTP Basic, guarded by the {@link LoginThrottle}. */
@Component
class PasswordAuthenticationProvider implements AuthenticationProvider {

    private final UserRepository users;
    private final Principals principals;
    private final PasswordEncoder passwords;
    private final LoginThrottle throttle;
    /** Compared against when the username is unknown, so that timing does not reveal which usernames exist. */
    private final String decoyHash;

    PasswordAuthenticationProvider(UserRepository users, Principals principals, PasswordEncoder passwords,
            LoginThrottle throttle) {
        this.users = users;
        this.principals = principals;
        this.passwords = passwords;
        this.throttle = throttle;
        this.decoyHash = passwords.encode("decoy-password-never-matches");
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String username = authentication.getName() == null ? "" : authentication.getName().strip();
        String password = authentication.getCredentials() == null ? "" : authentication.getCredentials().toString();
        Optional<UserRepository.Account> account = users.account(username);
        LoginThrottle.Attempt attempt = LoginThrottle.attempt(username, account.isPresent(),
                account.map(UserRepository.Account::currentWorkspaceId).orElse(null),
                address(authentication).orElse(null));
        boolean failuresOnRecord = throttle.check(attempt);

        boolean matches = passwords.matches(password, account.map(UserRepository.Account::passwordHash).orElse(decoyHash));
        if (account.isEmpty() || !matches) {
            throttle.failed(attempt);
            throw new BadCredentialsException("Bad credentials");
        }
        CurrentUser user = principals.load(account.get(), null);
        if (failuresOnRecord) {
            throttle.succeeded(attempt);
        }
        UsernamePasswordAuthenticationToken result = UsernamePasswordAuthenticationToken.authenticated(user, null,
                user.authorities());
        result.setDetails(authentication.getDetails());
        return result;
    }

    private static Optional<String> address(Authentication authentication) {
        return authentication.getDetails() instanceof WebAuthenticationDetails details
                ? Optional.ofNullable(details.getRemoteAddress())
                : Optional.empty();
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}

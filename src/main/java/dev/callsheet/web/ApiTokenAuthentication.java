package dev.callsheet.web;

import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;

/**
 * An unauthenticated request carrying a personal API token ({@code Authorization: Bearer …});
 * an {@code AuthenticationProvider} of the module owning tokens turns it into a user.
 */
public final class ApiTokenAuthentication extends AbstractAuthenticationToken {

    private final String token;

    public ApiTokenAuthentication(String token) {
        super(List.of());
        this.token = token;
        setAuthenticated(false);
    }

    public String token() {
        return token;
    }

    @Override
    public Object getCredentials() {
        return token;
    }

    @Override
    public Object getPrincipal() {
        return null;
    }
}

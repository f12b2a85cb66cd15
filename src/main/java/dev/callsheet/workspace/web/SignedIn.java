package dev.callsheet.workspace.web;

import dev.callsheet.web.SupportedLocales;
import dev.callsheet.workspace.CurrentUser;
import dev.callsheet.workspace.People;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.stereotype.Component;

/**
 * What a sign-in does before the first page (issue 26):
 * <ul>
 * <li>a language picked on the sign-in page is kept: it becomes the person's language (as if set on their account
 * page), and the picker's cookie is used up, so the next sign-in starts in their stored language again;</li>
 * <li>a platform administrator who never chose the workspace to work in is asked (the chooser page) rather than
 * put in the one created for them on the first start.</li>
 * </ul>
 */
@Component
public class SignedIn extends SavedRequestAwareAuthenticationSuccessHandler {

    /** The sign-in page's language picker's cookie (see the web module's locale resolver). */
    static final String LANGUAGE_COOKIE = "callsheet-lang";

    /** Set on the session of a platform administrator who has a workspace to choose. */
    static final String CHOOSE = "callsheet.chooseWorkspace";

    private final People people;
    private final SessionPrincipal sessionPrincipal;

    SignedIn(People people, SessionPrincipal sessionPrincipal) {
        this.people = people;
        this.sessionPrincipal = sessionPrincipal;
        setDefaultTargetUrl("/");
    }

    @Override
    public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
            Authentication authentication) throws IOException, jakarta.servlet.ServletException {
        if (authentication.getPrincipal() instanceof CurrentUser user) {
            Optional<Locale> picked = picked(request);
            if (picked.isPresent()) {
                Cookie used = new Cookie(LANGUAGE_COOKIE, "");
                used.setPath("/");
                used.setMaxAge(0);
                used.setHttpOnly(true);
                response.addCookie(used);
                if (!picked.get().getLanguage().equals(user.locale().getLanguage())) {
                    people.updatePreferences(user.userId(), picked.get().toLanguageTag(), user.timeZone().getId());
                    user = sessionPrincipal.refresh(user, user.workspaceId(), request, response);
                }
            }
            if (user.platformAdmin() && !people.workspaceChosen(user.userId())) {
                request.getSession().setAttribute(CHOOSE, Boolean.TRUE);
                getRedirectStrategy().sendRedirect(request, response, "/workspace/choose");
                return;
            }
        }
        super.onAuthenticationSuccess(request, response, authentication);
    }

    private static Optional<Locale> picked(HttpServletRequest request) {
        if (request.getCookies() == null) {
            return Optional.empty();
        }
        for (Cookie cookie : request.getCookies()) {
            if (LANGUAGE_COOKIE.equals(cookie.getName()) && !cookie.getValue().isBlank()) {
                return SupportedLocales.match(cookie.getValue());
            }
        }
        return Optional.empty();
    }
}

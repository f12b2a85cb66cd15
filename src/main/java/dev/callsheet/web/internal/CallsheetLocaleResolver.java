package dev.callsheet.web.internal;

import dev.callsheet.web.LocalePreference;
import dev.callsheet.web.SupportedLocales;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.TimeZone;
import org.springframework.context.i18n.LocaleContext;
import org.springframework.context.i18n.SimpleTimeZoneAwareLocaleContext;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.LocaleContextResolver;

/**
 * A signed-in user sees their own language and time zone; before sign-in the language comes
 * from the picker's cookie, else the browser's preferences, else English.
 */
class CallsheetLocaleResolver implements LocaleContextResolver {

    static final String COOKIE = "callsheet-lang";

    @Override
    public LocaleContext resolveLocaleContext(HttpServletRequest request) {
        Optional<LocalePreference> user = currentUser();
        if (user.isPresent()) {
            Locale locale = SupportedLocales.match(user.get().locale().toLanguageTag()).orElse(SupportedLocales.ENGLISH);
            return new SimpleTimeZoneAwareLocaleContext(locale, TimeZone.getTimeZone(user.get().timeZone()));
        }
        return new SimpleTimeZoneAwareLocaleContext(anonymousLocale(request), null);
    }

    @Override
    public Locale resolveLocale(HttpServletRequest request) {
        return resolveLocaleContext(request).getLocale();
    }

    private static Locale anonymousLocale(HttpServletRequest request) {
        if (request.getAttribute(COOKIE) instanceof Locale justChosen) {
            return justChosen;
        }
        if (request.getCookies() != null) {
            for (Cookie cookie : request.getCookies()) {
                if (COOKIE.equals(cookie.getName())) {
                    Optional<Locale> chosen = SupportedLocales.match(cookie.getValue());
                    if (chosen.isPresent()) {
                        return chosen.get();
                    }
                }
            }
        }
        var accepted = request.getLocales();
        while (accepted.hasMoreElements()) {
            Optional<Locale> match = SupportedLocales.match(accepted.nextElement().toLanguageTag());
            if (match.isPresent()) {
                return match.get();
            }
        }
        return SupportedLocales.ENGLISH;
    }

    private static Optional<LocalePreference> currentUser() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.getPrincipal() instanceof LocalePreference preference
                ? Optional.of(preference)
                : Optional.empty();
    }

    @Override
    public void setLocaleContext(HttpServletRequest request, HttpServletResponse response, LocaleContext context) {
        setLocale(request, response, context == null ? null : context.getLocale());
    }

    @Override
    public void setLocale(HttpServletRequest request, HttpServletResponse response, Locale locale) {
        Locale chosen = locale == null ? SupportedLocales.ENGLISH
                : SupportedLocales.match(locale.toLanguageTag()).orElse(SupportedLocales.ENGLISH);
        request.setAttribute(COOKIE, chosen); // this request already renders in the chosen language
        Cookie cookie = new Cookie(COOKIE, chosen.toLanguageTag());
        cookie.setPath("/");
        cookie.setHttpOnly(true);
        cookie.setMaxAge((int) Duration.ofDays(365).toSeconds());
        cookie.setAttribute("SameSite", "Lax");
        response.addCookie(cookie);
    }
}

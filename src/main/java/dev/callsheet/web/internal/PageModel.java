package dev.callsheet.web.internal;

import dev.callsheet.web.SupportedLocales;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What every page's layout needs: where we are, the time now, and the language list. */
@ControllerAdvice(annotations = Controller.class)
class PageModel {

    private static final Map<String, String> LANGUAGES = new LinkedHashMap<>();

    static {
        SupportedLocales.ALL.forEach(l -> LANGUAGES.put(l.getLanguage(), SupportedLocales.nativeName(l)));
    }

    private final Clock clock;

    PageModel(Clock clock) {
        this.clock = clock;
    }

    @ModelAttribute("currentPath")
    String currentPath(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }

    @ModelAttribute("now")
    Instant now() {
        return clock.instant();
    }

    @ModelAttribute("languages")
    Map<String, String> languages() {
        return LANGUAGES;
    }
}

package dev.callsheet.web.internal;

import dev.callsheet.web.SupportedLocales;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * What every page's layout needs: where we are, the time now, and the language list. Added once the handler has
 * chosen a view, and only then: an API call that answers JSON pays nothing for it (as model attributes of a
 * controller advice, these were computed for every request, 7 % of the application's CPU in the call-queue
 * benchmark). A value the handler set itself is kept.
 */
@Component
class PageModel implements HandlerInterceptor, WebMvcConfigurer {

    private static final Map<String, String> LANGUAGES = new LinkedHashMap<>();

    static {
        SupportedLocales.ALL.forEach(l -> LANGUAGES.put(l.getLanguage(), SupportedLocales.nativeName(l)));
    }

    private final Clock clock;

    PageModel(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this);
    }

    @Override
    public void postHandle(HttpServletRequest request, HttpServletResponse response, Object handler,
            ModelAndView page) {
        if (page == null || page.getViewName() != null && page.getViewName().startsWith("redirect:")) {
            return;
        }
        Map<String, Object> model = page.getModel();
        model.putIfAbsent("currentPath", request.getRequestURI().substring(request.getContextPath().length()));
        model.putIfAbsent("now", clock.instant());
        model.putIfAbsent("languages", LANGUAGES);
    }
}

package dev.callsheet.workspace.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Until a platform administrator has chosen the workspace to work in, every page sends them to the chooser:
 * nothing (an import, a project) lands silently in a workspace they did not pick.
 */
@Configuration
class WorkspaceChoice implements WebMvcConfigurer, HandlerInterceptor {

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).excludePathPatterns("/workspace/**", "/login", "/logout", "/error",
                "/language", "/api/**", "/webjars/**", "/css/**", "/js/**", "/img/**", "/favicon.ico");
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws java.io.IOException {
        HttpSession session = request.getSession(false);
        if (session != null && session.getAttribute(SignedIn.CHOOSE) != null) {
            response.sendRedirect(request.getContextPath() + "/workspace/choose");
            return false;
        }
        return true;
    }
}

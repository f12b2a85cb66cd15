package dev.callsheet.intake.web;

import dev.callsheet.intake.internal.IntakeSettings;
import dev.callsheet.intake.internal.PostLimits;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
class PublicFormConfiguration {

    /**
     * Ahead of every filter that might read parameters or the body (Spring Security's among them), after only the
     * request's character encoding is set; Tomcat has put the client's address in place before any filter.
     */
    @Bean
    FilterRegistrationBean<PublicFormGuard> publicFormGuard(PostLimits limits, IntakeSettings settings,
            JsonMapper json) {
        FilterRegistrationBean<PublicFormGuard> registration = new FilterRegistrationBean<>(
                new PublicFormGuard(limits, settings, json));
        registration.addUrlPatterns("/api/v1/public/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }
}

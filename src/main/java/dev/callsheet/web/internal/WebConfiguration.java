package dev.callsheet.web.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import org.springframework.boot.http.converter.autoconfigure.ServerHttpMessageConvertersCustomizer;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.autoconfigure.WebMvcRegistrations;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

    @Bean
    LocaleResolver localeResolver() {
        return new CallsheetLocaleResolver();
    }

    /**
     * Request bodies name only fields the endpoint knows: a misspelt or unsupported field is a 400 naming it, not
     * silently dropped; every string is checked for control characters and length ({@link EdgeStrings}). Only for
     * what the API reads; JSON the application stores and reads back stays lenient.
     */
    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    ServerHttpMessageConvertersCustomizer strictRequestBodies(JsonMapper jsonMapper) {
        JsonMapper strict = jsonMapper.rebuild().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .addModule(EdgeStrings.module()).build();
        return converters -> converters.withJsonConverter(new JacksonJsonHttpMessageConverter(strict));
    }

    /** Instants and offset date-times written as before, with less garbage: see {@link IsoTimes}. */
    @Bean
    JacksonModule isoTimes() {
        SimpleModule module = new SimpleModule("callsheet-iso-times");
        module.addSerializer(Instant.class, new ValueSerializer<Instant>() {
            @Override
            public void serialize(Instant value, JsonGenerator generator, SerializationContext context) {
                generator.writeString(IsoTimes.instant(value));
            }
        });
        module.addSerializer(OffsetDateTime.class, new ValueSerializer<OffsetDateTime>() {
            @Override
            public void serialize(OffsetDateTime value, JsonGenerator generator, SerializationContext context) {
                generator.writeString(IsoTimes.offsetDateTime(value));
            }
        });
        return module;
    }

    /** Spring MVC's request mappings, with a cheap test of the path first: see {@link PrefixCheckedHandlerMapping}. */
    @Bean
    WebMvcRegistrations prefixCheckedMappings() {
        return new WebMvcRegistrations() {
            @Override
            public RequestMappingHandlerMapping getRequestMappingHandlerMapping() {
                return new PrefixCheckedHandlerMapping();
            }
        };
    }

    /** The sign-in form's fields, checked as every page's are, before Spring Security reads them. */
    @Bean
    FilterRegistrationBean<LoginInputs> loginInputs(WebSettings settings) {
        FilterRegistrationBean<LoginInputs> registration = new FilterRegistrationBean<>(new LoginInputs(settings));
        registration.addUrlPatterns("/login");
        registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER - 1);
        return registration;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        LocaleChangeInterceptor languagePicker = new LocaleChangeInterceptor();
        languagePicker.setParamName("lang");
        languagePicker.setIgnoreInvalidLocale(true);
        registry.addInterceptor(languagePicker).addPathPatterns("/login");
        registry.addInterceptor(new ApiParameterCheck()).addPathPatterns("/api/**");
    }
}

package dev.callsheet.web.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code callsheet.web.*}: the longest value one parameter of a page request may carry, 10,000 characters by
 * default (see {@link PageInputs}).
 */
@ConfigurationProperties("callsheet.web")
record WebSettings(Integer maxParameterLength) {

    WebSettings {
        maxParameterLength = maxParameterLength == null ? 10_000 : maxParameterLength;
        if (maxParameterLength < 1) {
            throw new IllegalArgumentException("callsheet.web.max-parameter-length must be positive");
        }
    }
}

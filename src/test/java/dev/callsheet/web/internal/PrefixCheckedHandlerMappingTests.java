package dev.callsheet.web.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PrefixCheckedHandlerMappingTests {

    @Test
    void theLiteralPartEndsBeforeTheSegmentOfTheFirstVariableOrWildcard() {
        assertThat(PrefixCheckedHandlerMapping.literalPrefix("/api/v1/projects/{id}/next")).isEqualTo("/api/v1/projects/");
        assertThat(PrefixCheckedHandlerMapping.literalPrefix("/api/v1/me")).isEqualTo("/api/v1/me");
        assertThat(PrefixCheckedHandlerMapping.literalPrefix("/{section:calendar}")).isEqualTo("/");
        assertThat(PrefixCheckedHandlerMapping.literalPrefix("/leads/export-{id}.csv")).isEqualTo("/leads/");
        assertThat(PrefixCheckedHandlerMapping.literalPrefix("/webjars/**")).isEqualTo("/webjars/");
        assertThat(PrefixCheckedHandlerMapping.literalPrefix("/files/a?c.txt")).isEqualTo("/files/");
    }
}

package dev.callsheet.contacts.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BlockingTests {

    @Test
    void blocksOnTheWordsACompanyIsKnownBy() {
        assertThat(Blocking.significantWords("chicago public schools cockrell"))
                .containsExactly("chicago", "public", "schools", "cockrell");
        assertThat(Blocking.significantWords("the ritz carlton restaurant")).containsExactly("ritz", "carlton");
        assertThat(Blocking.significantWords("ab cd")).isEmpty();
    }
}

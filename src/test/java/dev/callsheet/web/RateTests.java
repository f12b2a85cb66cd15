package dev.callsheet.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RateTests {

    @Test
    void ratesAreReadAsCountsPerDuration() {
        assertThat(Rate.parse("x", "5/5m, 30/1h")).containsExactly(new Rate(5, Duration.ofMinutes(5)),
                new Rate(30, Duration.ofHours(1)));
        assertThat(Rate.parse("x", "20 / PT1M")).containsExactly(new Rate(20, Duration.ofMinutes(1)));
        assertThat(new Rate(200, Duration.ofHours(1))).hasToString("200 per 1h");
        assertThat(new Rate(50, Duration.ofMinutes(15))).hasToString("50 per 15m");
        assertThat(new Rate(3, Duration.ofSeconds(90))).hasToString("3 per 90s");
    }

    @Test
    void aWrongRateNamesTheSetting() {
        assertThatThrownBy(() -> Rate.parse("callsheet.intake.per-address", "twenty a minute"))
                .hasMessageContaining("callsheet.intake.per-address").hasMessageContaining("twenty a minute");
        assertThatThrownBy(() -> Rate.parse("callsheet.login.per-account", "0/1m"))
                .hasMessageContaining("callsheet.login.per-account");
        assertThatThrownBy(() -> Rate.parse("callsheet.login.per-account", " ")).hasMessageContaining("at least one");
    }
}

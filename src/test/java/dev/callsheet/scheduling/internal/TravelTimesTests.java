package dev.callsheet.scheduling.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.callsheet.scheduling.Travel;
import org.junit.jupiter.api.Test;

class TravelTimesTests {

    private static final Travel TRAVEL = new Travel(60, 20, 3);

    @Test
    void placesOfOnePostcodeAreaTakeTheShorterTime() {
        var a = TravelTimes.Place.of("LEAD", "NO", "0150");
        var b = TravelTimes.Place.of("LEAD", "NO", "0187");
        var c = TravelTimes.Place.of("LEAD", "NO", "5003");
        assertThat(TravelTimes.minutes(TRAVEL, a, b)).isEqualTo(20);
        assertThat(TravelTimes.minutes(TRAVEL, a, c)).isEqualTo(60);
        assertThat(TravelTimes.minutes(TRAVEL, a, TravelTimes.Place.OFFICE)).isEqualTo(60);
        assertThat(TravelTimes.minutes(TRAVEL, TravelTimes.Place.OFFICE, TravelTimes.Place.OFFICE)).isZero();
        assertThat(TravelTimes.minutes(TRAVEL, a, TravelTimes.Place.of("PHONE", null, null))).as("a call is nowhere")
                .isZero();
        assertThat(TravelTimes.minutes(Travel.NONE, a, c)).isZero();
    }

    @Test
    void anAreaIsTheLeadingLettersOrTwoDigits() {
        assertThat(TravelTimes.area("GB", "BS1 4DJ")).isEqualTo("GB|BS");
        assertThat(TravelTimes.area("NO", "0150")).isEqualTo("NO|01");
        assertThat(TravelTimes.area("NO", null)).isNull();
    }
}

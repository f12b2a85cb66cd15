package dev.callsheet.scheduling.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.callsheet.scheduling.MeetingType;
import dev.callsheet.scheduling.Territory;
import dev.callsheet.web.ApiProblem;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TerritoriesTests {

    private static final Territory OSLO = new Territory(List.of("ON_SITE"), List.of("NO"), List.of(), List.of("0", "10-12"));
    private static final Territory VESTLAND = new Territory(List.of("ON_SITE"), List.of(), List.of("Vestland"), List.of());

    @Test
    void aPostcodePrefixOrRangeInTheCountryHoldsTheLead() {
        assertThat(Territories.covers(List.of(OSLO), "ON_SITE", new Territories.Address("NO", null, "0150"))).isTrue();
        assertThat(Territories.covers(List.of(OSLO), "ON_SITE", new Territories.Address("NO", null, "1163"))).isTrue();
        assertThat(Territories.covers(List.of(OSLO), "ON_SITE", new Territories.Address("NO", null, "1300"))).isFalse();
        assertThat(Territories.covers(List.of(OSLO), "ON_SITE", new Territories.Address("NO", null, "5003"))).isFalse();
        assertThat(Territories.covers(List.of(OSLO), "ON_SITE", new Territories.Address("SE", null, "0150")))
                .as("every kind an entry gives must hold").isFalse();
        assertThat(Territories.covers(List.of(OSLO), "ON_SITE", new Territories.Address("NO", null, null))).isFalse();
    }

    @Test
    void regionsMatchByNameAndEntriesAreAlternatives() {
        List<Territory> both = List.of(OSLO, VESTLAND);
        assertThat(Territories.covers(both, "ON_SITE", new Territories.Address("NO", "vestland", "5003"))).isTrue();
        assertThat(Territories.covers(both, "ON_SITE", new Territories.Address("NO", "Troms", "9008"))).isFalse();
    }

    @Test
    void aTypeWithoutEntriesIsNotBound() {
        assertThat(Territories.binds(List.of(OSLO), "SURVEY")).isFalse();
        assertThat(Territories.covers(List.of(OSLO), "SURVEY", new Territories.Address("KR", null, null))).isTrue();
        assertThat(Territories.covers(List.of(), "ON_SITE", new Territories.Address(null, null, null))).isTrue();
    }

    @Test
    void checkingNamesTheOffendingValue() {
        Map<String, String> regions = Map.of("vestland", "r-1");
        List<MeetingType> types = MeetingType.DEFAULTS;
        assertThat(Territories.checked(List.of(new Territory(List.of("on_site"), List.of("no"), List.of("Vestland"),
                List.of("0", "10-12", "bs1 "))), types, regions))
                .containsExactly(new Territory(List.of("ON_SITE"), List.of("NO"), List.of("r-1"), List.of("0", "10-12", "BS1")));
        assertThatThrownBy(() -> Territories.checked(List.of(new Territory(List.of("ON_SITE"), List.of("NO"), List.of(),
                List.of("0", "12-10"))), types, regions))
                .isInstanceOfSatisfying(ApiProblem.class, p -> assertThat(p.field()).isEqualTo("territories[0].postcodes[1]"));
        assertThatThrownBy(() -> Territories.checked(List.of(OSLO, new Territory(List.of("PHONE"), List.of("NO"),
                List.of(), List.of())), types, regions))
                .isInstanceOfSatisfying(ApiProblem.class, p -> assertThat(p.field()).isEqualTo("territories[1].meetingTypes[0]"));
        assertThatThrownBy(() -> Territories.checked(List.of(new Territory(List.of("ON_SITE"), List.of("XX"), List.of(),
                List.of())), types, regions))
                .isInstanceOfSatisfying(ApiProblem.class, p -> assertThat(p.field()).isEqualTo("territories[0].countries[0]"));
        assertThatThrownBy(() -> Territories.checked(List.of(new Territory(List.of("ON_SITE"), List.of(), List.of("Atlantis"),
                List.of())), types, regions))
                .isInstanceOfSatisfying(ApiProblem.class, p -> assertThat(p.field()).isEqualTo("territories[0].regions[0]"));
        assertThatThrownBy(() -> Territories.checked(List.of(new Territory(List.of("ON_SITE"), null, null, null)), types,
                regions))
                .isInstanceOfSatisfying(ApiProblem.class, p -> assertThat(p.field()).isEqualTo("territories[0].countries"));
    }
}

package dev.callsheet.contacts.internal;

import static dev.callsheet.contacts.internal.LinkageFixtures.person;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ComparisonsTests {

    @Test
    void companyNamesLandOnTheirLevels() {
        assertThat(Comparisons.company("schlumberger technology", "schlumberger technology").level())
                .isEqualTo(Level.EXACT);
        assertThat(Comparisons.company("schlumberger technology", "schlumberger").level()).isEqualTo(Level.CONTAINS);
        assertThat(Comparisons.company("dsm", "dsm ip assets").level()).isEqualTo(Level.CONTAINS);
        assertThat(Comparisons.company("junilever", "unilever").level()).isEqualTo(Level.CLOSE);
        assertThat(Comparisons.company("bosch robert", "robert bosch").level()).isEqualTo(Level.CLOSE);
        assertThat(Comparisons.company("steak house", "circus circus").level()).isEqualTo(Level.DIFFERENT);
        assertThat(Comparisons.company("", "acme").level()).isEqualTo(Level.MISSING);
        assertThat(Comparisons.company("norway trading 01", "norway trading 02").level()).isEqualTo(Level.DIFFERENT);
        assertThat(Comparisons.surname("strand0", "strand1").level()).isEqualTo(Level.DIFFERENT);
    }

    @Test
    void firstNamesKnowNicknamesInitialsAndTypos() {
        assertThat(Comparisons.firstName("bill", "william").level()).isEqualTo(Level.NICKNAME);
        assertThat(Comparisons.firstName("sasha", "aleksandr").level()).isEqualTo(Level.NICKNAME);
        assertThat(Comparisons.firstName("pepe", "jose").level()).isEqualTo(Level.NICKNAME);
        assertThat(Comparisons.firstName("j", "john").level()).isEqualTo(Level.INITIAL);
        assertThat(Comparisons.firstName("kristofer", "kristoffer").level()).isEqualTo(Level.CLOSE);
        assertThat(Comparisons.firstName("kristofer", "kristian").level()).isIn(Level.SIMILAR, Level.DIFFERENT);
        assertThat(Comparisons.firstName("mary", "peter").level()).isEqualTo(Level.DIFFERENT);
    }

    @Test
    void swappedNamesCountAsTheirSwappedReading() {
        var vector = Comparisons.compare(person("johannessen", "kristoffer"), person("kristoffer", "johannessen"));
        assertThat(vector.get(Field.FIRST_NAME).level()).isEqualTo(Level.EXACT);
        assertThat(vector.get(Field.SURNAME).level()).isEqualTo(Level.EXACT);
    }

    @Test
    void postcodesAndDatesForgiveOneSlip() {
        assertThat(Comparisons.typoLevel("2706", "2760").level()).isEqualTo(Level.CLOSE);
        assertThat(Comparisons.typoLevel("2706", "3912").level()).isEqualTo(Level.DIFFERENT);
        assertThat(Comparisons.birthDate("19840307", "19840703").level()).isEqualTo(Level.CLOSE);
        assertThat(LinkageRecord.birthDate("07.03.1984")).isEqualTo(LinkageRecord.birthDate("1984-03-07"));
    }

    @Test
    void anotherHouseNumberIsAnotherAddress() {
        assertThat(Comparisons.address("12 storgata", "14 storgata").level()).isNotIn(Level.EXACT, Level.CLOSE);
        assertThat(Comparisons.address("12 storgata", "12 storgaten").level()).isEqualTo(Level.CLOSE);
    }
}

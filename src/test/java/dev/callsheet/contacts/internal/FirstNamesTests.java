package dev.callsheet.contacts.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.callsheet.contacts.NameKeys;
import org.junit.jupiter.api.Test;

class FirstNamesTests {

    private static boolean same(String a, String b) {
        return FirstNames.equivalent(NameKeys.person(a), NameKeys.person(b));
    }

    @Test
    void knowsShortFormsInTheSixLanguages() {
        assertThat(same("Bill", "William")).isTrue();
        assertThat(same("Саша", "Aleksandr")).isTrue();
        assertThat(same("Sasha", "Александра")).isTrue();
        assertThat(same("Pepe", "José")).isTrue();
        assertThat(same("Kari", "Katarina")).isTrue();
        assertThat(same("Costel", "Constantin")).isTrue();
        assertThat(same("Jihoon", "Jihun")).isTrue();
    }

    @Test
    void twoNamesThatShareNoLineAreNotOne() {
        assertThat(same("William", "Robert")).isFalse();
        assertThat(same("Aleksandr", "Aleksey")).isFalse();
        assertThat(same("", "")).isFalse();
    }
}

package dev.callsheet.web.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.callsheet.web.ApiProblem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PageInputsTests {

    @ParameterizedTest
    @ValueSource(chars = {'\u0000', '\u0001', '\u0007', '\u000B', '\u001B', '\u001F', '\u007F', '\u0080', '\u0085',
            '\u009F'})
    void aC0OrC1ControlCharacterOrDelIsRefusedNamingTheField(char control) {
        assertThatThrownBy(() -> PageInputs.check("phones", "22 33" + control + "44", 100))
                .isInstanceOfSatisfying(ApiProblem.class, problem -> {
                    assertThat(problem.status().value()).isEqualTo(400);
                    assertThat(problem.field()).isEqualTo("phones");
                    assertThat(problem.properties()).containsEntry("reason", "control");
                });
    }

    @Test
    void tabsLineBreaksAndEveryOtherCharacterAreText() {
        assertThatCode(() -> PageInputs.check("notes", "a\tb\r\nc\nd \u00A0 æøå Ромашка 안녕 🙂 \u200B", 100))
                .doesNotThrowAnyException();
    }

    @Test
    void aValueLongerThanTheCapIsRefusedWithTheCap() {
        assertThatCode(() -> PageInputs.check("email", "x".repeat(10), 10)).doesNotThrowAnyException();
        assertThatThrownBy(() -> PageInputs.check("email", "x".repeat(11), 10))
                .isInstanceOfSatisfying(ApiProblem.class, problem -> {
                    assertThat(problem.field()).isEqualTo("email");
                    assertThat(problem.properties()).containsEntry("reason", "tooLong").containsEntry("max", 10);
                });
    }
}

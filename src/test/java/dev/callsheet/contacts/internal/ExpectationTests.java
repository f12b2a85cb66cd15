package dev.callsheet.contacts.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExpectationTests {

    private static Map<Field, Level> pair(Level surname, Level postcode) {
        Map<Field, Level> vector = new EnumMap<>(Field.class);
        for (Field field : Field.values()) {
            vector.put(field, Level.MISSING);
        }
        vector.put(Field.SURNAME, surname);
        vector.put(Field.POSTCODE, postcode);
        return vector;
    }

    @Test
    void learnsFromTheCandidatePairsButNeverWeakensADisagreement() {
        List<Map<Field, Level>> pairs = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            // Duplicates whose postcodes mostly differ: a disagreement may not come to weigh less than its prior says.
            pairs.add(pair(Level.EXACT, i % 2 == 0 ? Level.DIFFERENT : Level.EXACT));
            pairs.add(pair(Level.DIFFERENT, Level.DIFFERENT));
        }
        LinkageModel priors = LinkageModel.priors(1000);

        Expectation.Estimate estimate = Expectation.estimate(pairs, priors);

        double before = priors.m().get(Field.POSTCODE).get(Level.DIFFERENT);
        double after = estimate.m().get(Field.POSTCODE).get(Level.DIFFERENT);
        assertThat(after).isLessThanOrEqualTo(before);
        assertThat(estimate.matchShare()).isBetween(0.3, 0.7);
    }

    @Test
    void theSamePairsGiveTheSameEstimate() {
        List<Map<Field, Level>> pairs = List.of(pair(Level.EXACT, Level.EXACT), pair(Level.CLOSE, Level.DIFFERENT),
                pair(Level.DIFFERENT, Level.DIFFERENT));
        LinkageModel priors = LinkageModel.priors(300);
        assertThat(Expectation.estimate(pairs, priors)).isEqualTo(Expectation.estimate(pairs, priors));
    }
}

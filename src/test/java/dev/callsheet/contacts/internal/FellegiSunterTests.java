package dev.callsheet.contacts.internal;

import static dev.callsheet.contacts.internal.LinkageFixtures.company;
import static dev.callsheet.contacts.internal.LinkageFixtures.person;
import static dev.callsheet.contacts.internal.LinkageFixtures.withPhone;
import static dev.callsheet.contacts.internal.LinkageFixtures.withPlace;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class FellegiSunterTests {

    private final LinkageModel model = LinkageModel.priors(1000);

    private double score(LinkageRecord probe, LinkageRecord candidate, TermFrequencies.Counts points) {
        FellegiSunter.Frequencies frequencies = new FellegiSunter.Frequencies(points, TermFrequencies.Counts.NONE, false);
        return FellegiSunter.score(probe, candidate, Comparisons.compare(probe, candidate), model, frequencies)
                .probability();
    }

    private static TermFrequencies.Counts phoneSharedBy(String phone, int cards) {
        return new TermFrequencies.Counts(Map.of(Field.PHONE, Map.of(phone, cards)));
    }

    @Test
    void aSwitchboardSharedByThirtyCardsWeighsLessThanAPhoneSharedByTwo() {
        LinkageRecord probe = withPhone(person("ola", "nordmann"), "+4722110099");
        LinkageRecord candidate = withPhone(person("kari", "nordmann"), "+4722110099");

        double switchboard = score(probe, candidate, phoneSharedBy("+4722110099", 30));
        double shared = score(probe, candidate, phoneSharedBy("+4722110099", 2));

        assertThat(switchboard).isLessThan(shared);
    }

    @Test
    void anExactAgreementOnARareValueWeighsMoreThanOnACommonOne() {
        assertThat(model.weight(Field.FIRST_NAME, Level.EXACT, 0))
                .isGreaterThan(model.weight(Field.FIRST_NAME, Level.EXACT, 150));
        assertThat(model.weight(Field.FIRST_NAME, Level.EXACT, 999)).isPositive();
    }

    @Test
    void theIdenticalCompanyOutranksTheContainingOneHoweverCommonItsName() {
        LinkageRecord probe = company("x");
        double identical = model.weight(Field.COMPANY, Level.EXACT, 900);
        assertThat(identical).isGreaterThan(model.weight(Field.COMPANY, Level.CONTAINS));
        assertThat(score(probe, company("x"), TermFrequencies.Counts.NONE))
                .isGreaterThan(score(probe, company("x holdings"), TermFrequencies.Counts.NONE));
    }

    @Test
    void aParentAndItsSubsidiaryAreNoDuplicateOnTheirNamesAlone() {
        assertThat(score(company("dsm"), company("dsm ip assets"), TermFrequencies.Counts.NONE)).isLessThan(0.5);
    }

    @Test
    void twoSitesBehindOneSwitchboardAtOneAddressCountThePlaceOnce() {
        LinkageRecord probe = withPlace(withPhone(person("", "ritz carlton cafe"), "+14045551212"), "1 peachtree st",
                "30305", "atlanta");
        LinkageRecord candidate = withPlace(withPhone(person("", "ritz carlton dining room"), "+14045551212"),
                "1 peachtree st", "30305", "atlanta");
        var vector = Comparisons.compare(probe, candidate);
        var frequencies = new FellegiSunter.Frequencies(TermFrequencies.Counts.NONE, TermFrequencies.Counts.NONE, false);
        var scored = FellegiSunter.score(probe, candidate, vector, model, frequencies);
        double address = scored.fields().stream().filter(w -> w.field() == Field.ADDRESS).findFirst().orElseThrow()
                .weight();
        assertThat(address).isLessThan(model.weight(Field.ADDRESS, Level.EXACT, 0));
    }

    @Test
    void aNicknameIsEvidenceAndAnotherFirstNameIsNot() {
        // One card in 25 is a Hansen, one in 10 lives in Bergen.
        var names = new TermFrequencies.Counts(Map.of(Field.SURNAME, Map.of("hansen", 40), Field.CITY,
                Map.of("bergen", 100)));
        var frequencies = new FellegiSunter.Frequencies(TermFrequencies.Counts.NONE, names, false);
        LinkageRecord probe = withPlace(person("bill", "hansen"), "", "", "bergen");
        LinkageRecord william = withPlace(person("william", "hansen"), "", "", "bergen");
        LinkageRecord peter = withPlace(person("peter", "hansen"), "", "", "bergen");
        double nickname = FellegiSunter.score(probe, william, Comparisons.compare(probe, william), model, frequencies)
                .probability();
        double other = FellegiSunter.score(probe, peter, Comparisons.compare(probe, peter), model, frequencies)
                .probability();
        assertThat(nickname).isGreaterThanOrEqualTo(0.5);
        assertThat(other).isLessThan(0.5);
    }
}

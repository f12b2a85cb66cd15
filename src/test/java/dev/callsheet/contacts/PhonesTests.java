package dev.callsheet.contacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Phone numbers as people type them in the six markets. The expected values are what libphonenumber 9.0.43 answers;
 * where that surprised us, the test name or a comment says so.
 */
class PhonesTests {

    @ParameterizedTest(name = "[{index}] {0} ({1})")
    @CsvSource(nullValues = "null", textBlock = """
            # Norway: no area codes since 1993, but libphonenumber still gives Oslo's 22 as a destination code
            '+47 22 12 34 56',              NO,   +4722123456,   123456,  NO
            '0047 22123456',                NO,   +4722123456,   123456,  NO
            '22 12 34 56',                  NO,   +4722123456,   123456,  NO
            '(+47) 22 12 34 56',            NO,   +4722123456,   123456,  NO
            'tlf. 22 12 34 56',             NO,   +4722123456,   123456,  NO
            '0047 22123456',                null, +4722123456,   123456,  NO
            # Russia: 8 is the trunk prefix, (495) Moscow's code
            '8 (495) 123-45-67',            RU,   +74951234567,  1234567, RU
            '+7 495 123-45-67',             RU,   +74951234567,  1234567, RU
            '+7 (495) 123-45-67',           null, +74951234567,  1234567, RU
            '495 123 45 67',                RU,   +74951234567,  1234567, RU
            'тел. 8 (495) 123-45-67',       RU,   +74951234567,  1234567, RU
            # Korea: Seoul is 02, a one-digit area code
            '02-312-3456',                  KR,   +8223123456,   3123456, KR
            '+82 2-312-3456',               KR,   +8223123456,   3123456, KR
            '(02) 312 3456',                KR,   +8223123456,   3123456, KR
            # Spain: closed numbering, but libphonenumber reads 912 as the destination code
            '+34 912 34 56 78',             ES,   +34912345678,  345678,  ES
            '91 234 56 78',                 ES,   +34912345678,  345678,  ES
            '0034 912 345 678',             null, +34912345678,  345678,  ES
            # Romania: Bucharest is (0)21
            '+40 21 312 3456',              RO,   +40213123456,  3123456, RO
            '(021) 312.34.56',              RO,   +40213123456,  3123456, RO
            '+40 (0)21 312 34 56',          null, +40213123456,  3123456, RO
            '021-312-34-56',                RO,   +40213123456,  3123456, RO
            # United Kingdom and United States
            '020 7946 0958',                GB,   +442079460958, 79460958, GB
            '+44 (0)20 7946 0958',          GB,   +442079460958, 79460958, GB
            '(212) 555-0123',               US,   +12125550123,  5550123, US
            '212.555.0123',                 US,   +12125550123,  5550123, US
            '+1 212-555-0123',              null, +12125550123,  5550123, US
            """)
    void sameNumberWrittenAnyWayGetsOneE164AndKey(String raw, String region, String e164, String key,
            String numberRegion) {
        NormalizedPhone phone = Phones.normalize(raw, region);

        assertThat(phone.raw()).isEqualTo(raw);
        assertThat(phone.e164()).isEqualTo(e164);
        assertThat(phone.key()).isEqualTo(key);
        assertThat(phone.region()).isEqualTo(numberRegion);
        assertThat(phone.valid()).isTrue();
    }

    @ParameterizedTest(name = "[{index}] {0} ({1})")
    @CsvSource(textBlock = """
            '8-916-123-45-67',              RU, +79161234567,  1234567
            '+7 916 123 45 67',             RU, +79161234567,  1234567
            '010-1234-5678',                KR, +821012345678, 12345678
            '+82 10-1234-5678',             KR, +821012345678, 12345678
            '+82 (0)10 1234 5678',          KR, +821012345678, 12345678
            '０１０－１２３４－５６７８',     KR, +821012345678, 12345678
            '612 34 56 78',                 ES, +34612345678,  345678
            '+34 612-34-56-78',             ES, +34612345678,  345678
            '0722 123 456',                 RO, +40722123456,  123456
            '0040 722 123 456',             RO, +40722123456,  123456
            '412 34 567',                   NO, +4741234567,   234567
            '+44 7911 123456',              GB, +447911123456, 123456
            """)
    void mobileKeyDropsTheMobileNetworkCode(String raw, String region, String e164, String key) {
        NormalizedPhone phone = Phones.normalize(raw, region);

        assertThat(phone.e164()).isEqualTo(e164);
        assertThat(phone.key()).isEqualTo(key);
        assertThat(phone.valid()).isTrue();
    }

    @Test
    void russianMobileHasANetworkCodeButNoAreaCode() {
        // STACK_NOTES trap 8: getLengthOfGeographicalAreaCode is 0 for 916, the destination code is 3 digits
        NormalizedPhone mobile = Phones.normalize("8-916-123-45-67", "RU");

        assertThat(mobile.key()).isEqualTo("1234567").isNotEqualTo("9161234567");
        assertThat(mobile.region()).isEqualTo("RU");
    }

    @Test
    void britishMobileRange7911IsGivenToGuernseyNotGreatBritain() {
        // surprise: libphonenumber assigns +44 7911 to the Crown dependency, so region says GG
        NormalizedPhone phone = Phones.normalize("07911 123456", "GB");

        assertThat(phone.region()).isEqualTo("GG");
        assertThat(phone.timeZones()).contains("Europe/London", "Europe/Guernsey");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(textBlock = """
            '22 12 34 56',          NO, Europe/Oslo
            '8 (495) 123-45-67',    RU, Europe/Moscow
            '8 (812) 123-45-67',    RU, Europe/Moscow
            '02-312-3456',          KR, Asia/Seoul
            '010-1234-5678',        KR, Asia/Seoul
            '91 234 56 78',         ES, Europe/Madrid
            '(021) 312.34.56',      RO, Europe/Bucharest
            '0722 123 456',         RO, Europe/Bucharest
            '020 7946 0958',        GB, Europe/London
            '(212) 555-0123',       US, America/New_York
            """)
    void geographicNumbersHaveOneTimeZone(String raw, String region, String zone) {
        assertThat(Phones.normalize(raw, region).timeZones()).containsExactly(zone);
    }

    @Test
    void norwegianMobileAlsoRingsOnSvalbard() {
        assertThat(Phones.normalize("412 34 567", "NO").timeZones())
            .containsExactly("Arctic/Longyearbyen", "Europe/Oslo");
    }

    @Test
    void spanishMobileMayBeOnTheCanaries() {
        assertThat(Phones.normalize("612 34 56 78", "ES").timeZones())
            .containsExactly("Atlantic/Canary", "Europe/Madrid");
    }

    @Test
    void russianMobileMapsToEveryZoneOfCountryCode7() {
        // surprise: the 16 zones are those of +7 as a whole, so Kazakhstan's Almaty and Aqtobe come along, and
        // UTC+2 (Kaliningrad) is represented by Europe/Bucharest; no Europe/Kaliningrad
        NormalizedPhone mobile = Phones.normalize("+7 916 123-45-67", null);

        assertThat(mobile.timeZones()).hasSize(16)
            .contains("Europe/Moscow", "Asia/Vladivostok", "Asia/Almaty", "Europe/Bucharest")
            .doesNotContain("Europe/Kaliningrad");
    }

    @Test
    void kazakhNumbersShareCountryCode7() {
        assertThat(Phones.normalize("+7 (700) 123-45-67", "RU").region()).isEqualTo("KZ");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(textBlock = """
            '8 (495) 123-45-67 доб. 123',    RU, +74951234567
            '8 (495) 123-45-67, доб. 123',   RU, +74951234567
            '93 123 45 67 ext. 5',           ES, +34931234567
            '021 312 34 56 int. 12',         RO, +40213123456
            '+1 (212) 555-0123 ext. 12',     US, +12125550123
            '212.555.0123 x12',              US, +12125550123
            '020 7946 0958 ext 204',         GB, +442079460958
            """)
    void extensionIsLeftOutOfE164AndKeyButKeptInRaw(String raw, String region, String e164) {
        NormalizedPhone phone = Phones.normalize(raw, region);

        assertThat(phone.e164()).isEqualTo(e164);
        assertThat(phone.key()).isEqualTo(Phones.normalize(e164, null).key());
        assertThat(phone.raw()).isEqualTo(raw);
        assertThat(phone.valid()).isTrue();
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @NullAndEmptySource
    @ValueSource(strings = { "call me", "n/a", "   ", "-", "+47", "ring meg", "звонить после обеда", "없음", "llamar",
        "nu are", "tbd", "+999 1234567" })
    void garbageIsKeptRawAndFlaggedInvalid(String raw) {
        NormalizedPhone phone = Phones.normalize(raw, "NO");

        assertThat(phone.raw()).isEqualTo(raw == null ? "" : raw.strip());
        assertThat(phone.e164()).isNull();
        assertThat(phone.key()).isNull();
        assertThat(phone.region()).isNull();
        assertThat(phone.timeZones()).isEmpty();
        assertThat(phone.valid()).isFalse();
    }

    @Test
    void rawIsTrimmedOfNoBreakAndZeroWidthSpaces() {
        NormalizedPhone phone = Phones.normalize("\uFEFF\u00A022\u00A012\u00A034\u00A056 \u200B", "NO");

        assertThat(phone.raw()).isEqualTo("22\u00A012\u00A034\u00A056");
        assertThat(phone.e164()).isEqualTo("+4722123456");
    }

    @Test
    void ofcomDramaNumbersParseButAreNotValid() {
        // 07700 900000-900999 is reserved by Ofcom for films and TV: it parses, but no region claims it
        NormalizedPhone phone = Phones.normalize("+44 7700 900123", "GB");

        assertThat(phone.e164()).isEqualTo("+447700900123");
        assertThat(phone.key()).isEqualTo("900123");
        assertThat(phone.region()).isNull();
        assertThat(phone.timeZones()).isEmpty();
        assertThat(phone.valid()).isFalse();
    }

    @Test
    void tooShortNumberKeepsE164AndWholeNumberAsKey() {
        NormalizedPhone phone = Phones.normalize("123", "NO");

        assertThat(phone.e164()).isEqualTo("+47123");
        assertThat(phone.key()).isEqualTo("123");
        assertThat(phone.valid()).isFalse();
    }

    @Test
    void twoNumbersInOneCellRunTogetherIntoOneInvalidNumber() {
        NormalizedPhone phone = Phones.normalize("22 12 34 56 / 412 34 567", "NO");

        assertThat(phone.e164()).isEqualTo("+472212345641234567");
        assertThat(phone.valid()).isFalse();
    }

    @Test
    void invalidNumberMayStillGetARegionFromLibphonenumber() {
        // surprise: for "00000000" libphonenumber names NO (by leading digits) though the number is not valid,
        // while for "123" it names none
        NormalizedPhone zeros = Phones.normalize("00000000", "NO");

        assertThat(zeros.region()).isEqualTo("NO");
        assertThat(zeros.valid()).isFalse();
        assertThat(Phones.normalize("123", "NO").region()).isNull();
    }

    @Test
    void numberWithoutCountryCodeNeedsARegion() {
        assertThat(Phones.normalize("22 12 34 56", null).e164()).isNull();
        assertThat(Phones.normalize("22 12 34 56", " ").e164()).isNull();
        assertThat(Phones.normalize("22 12 34 56", "XX").e164()).isNull();
        assertThat(Phones.normalize("+47 22 12 34 56", "XX").e164()).isEqualTo("+4722123456");
    }

    @Test
    void regionIsCaseInsensitiveAndUkMeansGb() {
        assertThat(Phones.normalize("22 12 34 56", "no").e164()).isEqualTo("+4722123456");
        assertThat(Phones.normalize("020 7946 0958", "uk").e164()).isEqualTo("+442079460958");
    }

    @ParameterizedTest(name = "[{index}] {0} ({1})")
    @CsvSource(textBlock = """
            '0047 22 12 34 56',       US
            '8 10 47 22 12 34 56',    RU
            '001-47-22123456',        KR
            '00 47 22 12 34 56',      ES
            """)
    void internationalPrefixOfTheRegionOr00ReachesNorway(String raw, String region) {
        // Russia dials abroad with 8 10, Korea with 001; 00 is also read in a US workspace, where it would be 011
        NormalizedPhone phone = Phones.normalize(raw, region);

        assertThat(phone.e164()).isEqualTo("+4722123456");
        assertThat(phone.region()).isEqualTo("NO");
    }

    @Test
    void keyAloneCanBeSharedByDifferentNumbers() {
        // the key leaves out the destination code, so Madrid's 91 234 56 78 and the mobile 612 34 56 78 share it:
        // it finds candidates, the e164 tells them apart
        NormalizedPhone madrid = Phones.normalize("91 234 56 78", "ES");
        NormalizedPhone mobile = Phones.normalize("612 34 56 78", "ES");

        assertThat(madrid.key()).isEqualTo(mobile.key()).isEqualTo("345678");
        assertThat(madrid.e164()).isNotEqualTo(mobile.e164());
    }

    @Test
    void tollFreeNumbersHaveADestinationCodeToo() {
        assertThat(Phones.normalize("8 800 555-35-35", "RU").key()).isEqualTo("5553535");
        assertThat(Phones.normalize("900 123 456", "ES").key()).isEqualTo("123456");
        assertThat(Phones.normalize("1-800-FLOWERS", "US").e164()).isEqualTo("+18003569377");
    }

    @Test
    void timeZonesCannotBeChanged() {
        NormalizedPhone phone = Phones.normalize("22 12 34 56", "NO");

        assertThatThrownBy(() -> phone.timeZones().add("Europe/Berlin"))
            .isInstanceOf(UnsupportedOperationException.class);
    }

    @ParameterizedTest(name = "[{index}] {0} ({1}) is a number: {2}")
    @CsvSource(nullValues = "null", textBlock = """
            '+47 22 12 34 56',              NO,   true
            '22 12 34 56',                  NO,   true
            '0047 22123456',                null, true
            '8 (495) 123-45-67',            RU,   true
            '+47 22 12 34 56 ext. 12',      NO,   true
            'call me 2026-02-30',           NO,   false
            'call me never',                NO,   false
            '22 12 34 56 after five',       NO,   false
            '22 12 34 56, 22 12 34 57',     NO,   false
            '',                             NO,   false
            """)
    void aNumberOnlyIsANumberWithNothingAroundIt(String raw, String region, boolean numberOnly) {
        assertThat(Phones.isNumberOnly(raw, region)).isEqualTo(numberOnly);
    }
}

package dev.callsheet.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** Company and person name keys for names written in the six markets' scripts and habits. */
class NameKeysTests {

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            # Russia: the legal form first, the name in guillemets or quotes; or in Latin letters after it
            ООО «Ромашка»                   | romashka
            ООО "Ромашка"                   | romashka
            "Ромашка", ООО                  | romashka
            ЗАО „Ромашка“                   | romashka
            ПАО «Ромашка»                   | romashka
            OOO Romashka                    | romashka
            Romashka LLC                    | romashka
            Romashka, Ltd.                  | romashka
            ROMASHKA LTD                    | romashka
            # Korea: 주식회사 or (주) before or after, with or without a space
            주식회사 한빛                     | hanbit
            (주)한빛                         | hanbit
            ㈜한빛                           | hanbit
            （주）한빛                        | hanbit
            한빛(주)                         | hanbit
            한빛 주식회사                     | hanbit
            주식회사한빛                      | hanbit
            Hanbit Co., Ltd.                | hanbit
            HANBIT CO.,LTD                  | hanbit
            # Spain
            Construcciones García, S.L.     | construcciones garcia
            CONSTRUCCIONES GARCIA SL        | construcciones garcia
            Construcciones García S.L.U.    | construcciones garcia
            Construcciones García, S. L.    | construcciones garcia
            Construcciones García SA        | construcciones garcia
            # Romania: S.C. ... S.R.L. in any spelling, ș with comma or cedilla
            Ștefan & Fiii S.R.L.            | stefan fiii
            S.C. Ştefan & Fiii SRL          | stefan fiii
            STEFAN & FIII S. R. L.          | stefan fiii
            Ștefan & Fiii SRL-D             | stefan fiii
            # Norway
            Nordlys Solar AS                | nordlys solar
            NORDLYS SOLAR ASA               | nordlys solar
            Nordlys Solar A/S               | nordlys solar
            Nordlys Solar as                | nordlys solar
            # English
            Acme Inc.                       | acme
            ACME, INC                       | acme
            Acme Incorporated               | acme
            Acme Corp.                      | acme
            Acme Co., Ltd.                  | acme
            Acme Limited                    | acme
            Acme PLC                        | acme
            Acme L.L.C.                     | acme
            """)
    void companyKeyDropsLegalFormsQuotesCaseAndScript(String raw, String key) {
        assertThat(NameKeys.company(raw)).isEqualTo(key);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            Ærø Fisk DA                        | aero fisk
            Søndre Ås Bygg AS                  | sondre as bygg
            Ørsted ASA                         | orsted
            Peñalara Muñoz Hermanos S.A.       | penalara munoz hermanos
            Col·legi d'Advocats                | collegi dadvocats
            Țesătoria Bucovina S.A.            | tesatoria bucovina
            Müller GmbH & Co. KG               | muller
            Объединённая компания              | obyedinennaya kompaniya
            АО «Детский мир»                   | detskiy mir
            Банк ВТБ (ПАО)                     | bank vtb
            ИП Соколов Иван Петрович           | sokolov ivan petrovich
            삼성전자 주식회사                    | samseongjeonja
            McDonald’s Norge AS                | mcdonalds norge
            O'Brien & Sons Ltd                 | obrien sons
            Coca-Cola Company                  | coca cola
            3M Norge AS                        | 3m norge
            """)
    void companyKeyInEachScript(String raw, String key) {
        assertThat(NameKeys.company(raw)).isEqualTo(key);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            Aspen AS            | aspen
            Assistanse AS       | assistanse
            Hotel & Spa AS      | hotel spa
            SAS AB              | sas
            Coop Norge SA       | coop norge
            Incognito Ltd       | incognito
            Limitless Co        | limitless
            """)
    void legalFormsMatchWholeWordsOnly(String raw, String key) {
        // S.p.A. and SAS are not in the list on purpose: they would eat "Spa" and the airline
        assertThat(NameKeys.company(raw)).isEqualTo(key);
    }

    @Test
    void legalFormsAnywhereInTheNameGoEvenWhenTheyAreWords() {
        // the price of matching anywhere: Norwegian DA is also "da" in Spanish, Italian, Romanian
        assertThat(NameKeys.company("Pizzeria da Mario")).isEqualTo("pizzeria mario");
        assertThat(NameKeys.company("Romashka LLC Moscow")).isEqualTo("romashka moscow");
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @NullAndEmptySource
    @ValueSource(strings = { "   ", "«»", "“ ”", "---", "LLC", "ООО", "(주)", "주식회사", "S.R.L.", "AS", "Co., Ltd.",
        "ООО «»" })
    void companyKeyIsEmptyWhenNothingRemains(String raw) {
        assertThat(NameKeys.company(raw)).isEmpty();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("legalForms")
    void everyListedLegalFormIsRemovedBeforeAndAfterAName(String form) {
        assertThat(NameKeys.company(form)).as("alone").isEmpty();
        assertThat(NameKeys.company("Nordlys " + form)).as("after").isEqualTo("nordlys");
        assertThat(NameKeys.company(form + " Nordlys")).as("before").isEqualTo("nordlys");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            Соколов          | sokolov
            СОКОЛОВ          | sokolov
            Sokolov          | sokolov
            SOKOLOV          | sokolov
            Щукин            | shchukin
            Юлия Соколова    | yuliya sokolova
            Андрей           | andrey
            Игорь            | igor
            Подъячев         | podyachev
            Елена            | yelena
            Ёлкин            | yelkin
            García           | garcia
            GARCÍA           | garcia
            García-López     | garcia lopez
            Muñoz            | munoz
            Ștefan           | stefan
            Şerban           | serban
            Ionuț Popescu    | ionut popescu
            Ørsted           | orsted
            Ærø              | aero
            Ødegård          | odegard
            Straße           | strasse
            O'Brien          | obrien
            O’Brien          | obrien
            ' Ivan   Petrov '| ivan petrov
            """)
    void personKeyFoldsAndTransliterates(String raw, String key) {
        // BGN writes an initial Е as "ye": Елена is "yelena", not the passport's "elena"
        assertThat(NameKeys.person(raw)).isEqualTo(key);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            김      | kim
            이      | lee
            박      | park
            최      | choi
            정      | jung
            강      | kang
            조      | cho
            윤      | yoon
            장      | jang
            임      | lim
            한      | han
            오      | oh
            서      | seo
            신      | shin
            권      | kwon
            황      | hwang
            안      | ahn
            류      | yoo
            유      | yoo
            노      | noh
            남궁    | namgung
            """)
    void koreanSurnamesTakeTheirUsualSpelling(String hangul, String key) {
        // a transliteration would give gim, i, bak, choe, jeong...
        assertThat(NameKeys.person(hangul)).isEqualTo(key);
    }

    @Test
    void koreanSurnameAndItsLatinSpellingMatch() {
        assertThat(NameKeys.person("김")).isEqualTo(NameKeys.person("Kim")).isEqualTo(NameKeys.person("KIM"));
        assertThat(NameKeys.person("박")).isEqualTo(NameKeys.person("Park"));
        assertThat(NameKeys.person("이")).isEqualTo(NameKeys.person("Lee"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            김민준      | kim minjun
            김 민준     | kim minjun
            Kim Minjun | kim minjun
            이서연      | lee seoyeon
            박지훈      | park jihun
            최민석      | choi minseok
            남궁민수    | namgung minsu
            """)
    void koreanFullNameWrittenSurnameFirstStartsWithTheSurname(String raw, String key) {
        assertThat(NameKeys.person(raw)).isEqualTo(key);
    }

    @Test
    void twoSyllableHangulIsNotSplit() {
        // could be a given name or a rare two-syllable full name: romanised as one word
        assertThat(NameKeys.person("서연")).isEqualTo("seoyeon");
        assertThat(NameKeys.person("민석")).isEqualTo("minseok");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            한빛          | hanbit
            한국          | hanguk
            설리          | seolli
            현대          | hyeondae
            좋은 아침      | joeun achim
            """)
    void hangulFollowsRevisedRomanizationSyllableBySyllable(String raw, String key) {
        // not ICU's Hangul-Latin (hanbich, hangug); brands that chose older spellings (Hyundai) will not match
        assertThat(NameKeys.company(raw)).isEqualTo(key);
    }

    @Test
    void otherScriptsGoThroughIcuAnyLatin() {
        assertThat(NameKeys.company("Θεσσαλονίκη")).isEqualTo("thessalonike");
        // surprise: Any-Latin reads Han characters as Mandarin pinyin, so Japanese 東京 is "dong jing", not "tokyo"
        assertThat(NameKeys.company("東京")).isEqualTo("dong jing");
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @NullAndEmptySource
    @ValueSource(strings = { "   ", "\u00A0", "-", "«»", "'", "...", "()" })
    void personKeyOfNothingIsEmpty(String raw) {
        assertThat(NameKeys.person(raw)).isEmpty();
    }

    @Test
    void fullWidthAndLigaturesAreFolded() {
        assertThat(NameKeys.company("ＮＯＲＤＬＹＳ ＡＳ")).isEqualTo("nordlys");
        assertThat(NameKeys.person("Ruﬁno")).isEqualTo("rufino");
    }

    @Test
    void sameResultsFromManyThreads() {
        List<String> names = List.of("ООО «Ромашка»", "주식회사 한빛", "Ștefan & Fiii S.R.L.", "김민준", "Соколов",
                "Construcciones García, S.L.", "Ørsted ASA", "Θεσσαλονίκη");
        List<String> expected = names.stream().map(NameKeys::company).toList();

        List<String> concurrent = IntStream.range(0, 20_000)
            .parallel()
            .mapToObj(i -> NameKeys.company(names.get(i % names.size())))
            .toList();

        assertThat(concurrent).hasSize(20_000)
            .allSatisfy(key -> assertThat(expected).contains(key));
        assertThat(IntStream.range(0, concurrent.size()).filter(i -> !concurrent.get(i).equals(expected.get(i % 8))))
            .isEmpty();
    }

    static List<String> legalForms() throws IOException {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                NameKeysTests.class.getResourceAsStream("/contacts/legal-forms.txt"), StandardCharsets.UTF_8))) {
            return reader.lines()
                .map(line -> line.contains("#") ? line.substring(0, line.indexOf('#')) : line)
                .map(String::strip)
                .filter(line -> !line.isEmpty())
                .toList();
        }
    }
}

package dev.callsheet.contacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import com.google.common.net.InternetDomainName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** E-mail addresses as they arrive from forms, signatures and spreadsheets in the six markets. */
class EmailsTests {

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            <ola.nordmann@nordlys.no>                       | ola.nordmann@nordlys.no
            mailto:ola.nordmann@nordlys.no                  | ola.nordmann@nordlys.no
            MAILTO:Ola.Nordmann@Nordlys.NO?subject=Tilbud   | ola.nordmann@nordlys.no
            E-post: ola.nordmann@nordlys.no (kontor)        | ola.nordmann@nordlys.no
            Ola Nordmann ola.nordmann@nordlys.no            | ola.nordmann@nordlys.no
            Ana Pop <ana@x.ro>                              | ana@x.ro
            "Pop, Ana" <Ana.Pop@Firma.RO>                   | ana.pop@firma.ro
            ana.pop@firma.ro;                               | ana.pop@firma.ro
            ana.pop@firma.ro.                               | ana.pop@firma.ro
            ana.pop@firma.ro; ion.pop@firma.ro              | ana.pop@firma.ro
            Juan García <JGarcia@ConstruccionesGarcia.es>   | jgarcia@construccionesgarcia.es
            'correo: jgarcia@construccionesgarcia.es,'      | jgarcia@construccionesgarcia.es
            Соколов Иван <Sokolov@Romashka.ru>              | sokolov@romashka.ru
            e-mail: ivan.sokolov@romashka.ru.               | ivan.sokolov@romashka.ru
            김민준 <mj.kim@Hanbit.co.kr>                     | mj.kim@hanbit.co.kr
            이메일: mj.kim@hanbit.co.kr                      | mj.kim@hanbit.co.kr
            John Smith <John.Smith@Acme.co.uk>              | john.smith@acme.co.uk
            "john.smith@acme.com" <john.smith@acme.com>     | john.smith@acme.com
            """)
    void takesTheAddressOutOfWhatPeoplePaste(String raw, String address) {
        NormalizedEmail email = Emails.normalize(raw);

        assertThat(email.raw()).isEqualTo(raw);
        assertThat(email.address()).isEqualTo(address);
        assertThat(email.valid()).isTrue();
    }

    @Test
    void trimsNoBreakSpacesFromSpreadsheets() {
        NormalizedEmail email = Emails.normalize("\u00A0ola@nordlys.no\u00A0");

        assertThat(email.raw()).isEqualTo("ola@nordlys.no");
        assertThat(email.address()).isEqualTo("ola@nordlys.no");
    }

    @Test
    void internationalisedDomainIsStoredInPunycode() {
        NormalizedEmail email = Emails.normalize("Info@Ромашка.РФ");

        assertThat(email.address()).isEqualTo("info@xn--80aa3agjl3d.xn--p1ai");
        assertThat(email.domain()).isEqualTo("xn--80aa3agjl3d.xn--p1ai");
        assertThat(email.corporateDomain()).isEqualTo("xn--80aa3agjl3d.xn--p1ai");
        assertThat(email.valid()).isTrue();
        assertThat(Emails.normalize("info@xn--80aa3agjl3d.xn--p1ai").address()).isEqualTo(email.address());
    }

    @Test
    void koreanDomainAndLocalPart() {
        // internationalised local parts (RFC 6531) are kept as written; only the domain becomes ASCII
        NormalizedEmail email = Emails.normalize("영업@한빛.한국");

        assertThat(email.address()).isEqualTo("영업@xn--xx3br43b.xn--3e0b707e");
        assertThat(email.corporateDomain()).isEqualTo("xn--xx3br43b.xn--3e0b707e");
    }

    @Test
    void localPartIsOnlyCaseFolded() {
        // dots and +tags are kept: that gmail ignores them is gmail's rule, not e-mail's
        NormalizedEmail email = Emails.normalize("Ola.Nordmann+CRM@Gmail.com");

        assertThat(email.address()).isEqualTo("ola.nordmann+crm@gmail.com");
    }

    @Test
    void fullWidthDotsInDomainAreDots() {
        assertThat(Emails.normalize("mj.kim@hanbit。co。kr").address()).isEqualTo("mj.kim@hanbit.co.kr");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(textBlock = """
            post@nordlys.no,                     nordlys.no,                  nordlys.no
            ola@oslo.nordlys.no,                 oslo.nordlys.no,             nordlys.no
            ventas@construccionesgarcia.es,      construccionesgarcia.es,     construccionesgarcia.es
            jgarcia@madrid.garcia.com.es,        madrid.garcia.com.es,        garcia.com.es
            info@romashka.ru,                    romashka.ru,                 romashka.ru
            info@spb.romashka.msk.ru,            spb.romashka.msk.ru,         romashka.msk.ru
            sales@hanbit.co.kr,                  hanbit.co.kr,                hanbit.co.kr
            office@stefanfiii.com.ro,            stefanfiii.com.ro,           stefanfiii.com.ro
            office@stefanfiii.ro,                stefanfiii.ro,               stefanfiii.ro
            sales@mail.acme.co.uk,               mail.acme.co.uk,             acme.co.uk
            sales@acme.com,                      acme.com,                    acme.com
            """)
    void corporateDomainIsTheRegistrableDomain(String raw, String domain, String corporateDomain) {
        NormalizedEmail email = Emails.normalize(raw);

        assertThat(email.domain()).isEqualTo(domain);
        assertThat(email.corporateDomain()).isEqualTo(corporateDomain);
        assertThat(email.valid()).isTrue();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = { "ola@online.no", "kari@start.no", "per@gmail.com", "juan@telefonica.net",
        "maria@hotmail.es", "lucia@yahoo.es", "ivan@mail.ru", "olga@bk.ru", "petr@yandex.ru", "anna@ya.ru",
        "kim@naver.com", "lee@hanmail.net", "park@daum.net", "ana@yahoo.ro", "ion@rdslink.ro", "john@hotmail.co.uk",
        "jane@outlook.com", "bob@icloud.com", "ana@googlemail.com", "john@mx.hotmail.co.uk", "Ivan@Mail.RU" })
    void publicMailboxesHaveNoCorporateDomain(String raw) {
        NormalizedEmail email = Emails.normalize(raw);

        assertThat(email.address()).isNotNull();
        assertThat(email.domain()).isNotNull();
        assertThat(email.corporateDomain()).isNull();
        assertThat(email.valid()).isTrue();
    }

    @Test
    void workspaceCanAddItsOwnPublicProviders() {
        Set<String> ours = Set.of("firma.ro");
        Predicate<String> isPublic = domain -> Emails.publicProviders().contains(domain) || ours.contains(domain);

        assertThat(Emails.normalize("ana@firma.ro", isPublic).corporateDomain()).isNull();
        assertThat(Emails.normalize("ana@gmail.com", isPublic).corporateDomain()).isNull();
        assertThat(Emails.normalize("ana@stefanfiii.ro", isPublic).corporateDomain()).isEqualTo("stefanfiii.ro");
    }

    @Test
    void predicateIsAskedWithRegistrableAndFullDomain() {
        List<String> asked = new ArrayList<>();
        Emails.normalize("sales@mail.acme.co.uk", domain -> {
            asked.add(domain);
            return false;
        });

        assertThat(asked).containsExactly("acme.co.uk", "mail.acme.co.uk");
    }

    @Test
    void predicateMayMatchTheFullDomainOnly() {
        NormalizedEmail email = Emails.normalize("ola@epost.kommune.no", domain -> domain.equals("epost.kommune.no"));

        assertThat(email.corporateDomain()).isNull();
    }

    @Test
    void nullPredicateMeansTheBuiltInList() {
        assertThat(Emails.normalize("per@gmail.com", null).corporateDomain()).isNull();
        assertThat(Emails.normalize("per@nordlys.no", null).corporateDomain()).isEqualTo("nordlys.no");
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @NullAndEmptySource
    @ValueSource(strings = { "   ", "n/a", "-", "нет", "없음", "no tiene", "nu are", "ola(at)nordlys.no",
        "ola.nordmann at nordlys dot no", "@nordlys.no", "ola@", "ola.@nordlys.no", ".ola@nordlys.no",
        "o..la@nordlys.no", "ola@nordlys", "ola@localhost", "ola@ex_ample.com", "ola@-nordlys.no",
        "ola@nordlys..no", "ola@[127.0.0.1]", "ivan@@mail.ru" })
    void notAnAddress(String raw) {
        NormalizedEmail email = Emails.normalize(raw);

        assertThat(email.raw()).isEqualTo(raw == null ? "" : raw.strip());
        assertThat(email.address()).isNull();
        assertThat(email.domain()).isNull();
        assertThat(email.corporateDomain()).isNull();
        assertThat(email.valid()).isFalse();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = { "ola@nordlys.local", "ola@nordlys.intern", "ola@co.uk", "ana@com.ro" })
    void addressOutsideAnyPublicSuffixIsKeptButInvalid(String raw) {
        NormalizedEmail email = Emails.normalize(raw);

        assertThat(email.address()).isEqualTo(raw);
        assertThat(email.corporateDomain()).isNull();
        assertThat(email.valid()).isFalse();
    }

    @Test
    void builtInProvidersCoverTheSixMarkets() {
        assertThat(Emails.publicProviders()).contains("gmail.com", "outlook.com", "hotmail.co.uk", "yahoo.com",
                "online.no", "telefonica.net", "terra.es", "mail.ru", "yandex.ru", "naver.com", "hanmail.net",
                "yahoo.ro");
    }

    @Test
    void builtInProvidersCannotBeChanged() {
        assertThatThrownBy(() -> Emails.publicProviders().add("nordlys.no"))
            .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void everyBuiltInProviderIsARegistrableDomain() {
        // matching is on the registrable domain, so an entry that is not one (a subdomain, a public suffix) would
        // only ever match itself
        assertThat(Emails.publicProviders()).allSatisfy(domain -> {
            assertThat(domain).matches("[a-z0-9.-]+");
            assertThat(InternetDomainName.from(domain).topPrivateDomain().toString()).isEqualTo(domain);
        });
    }
}

package dev.callsheet.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** Website addresses as typed into a client card or imported from a lead list. */
class WebsitesTests {

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            # Norway
            WWW.Example.NO                                   | example.no
            nordlys.no                                       | nordlys.no
            Nordlys.no/kontakt-oss                           | nordlys.no
            https://www.nordlys.no:443/?utm_source=x#top     | nordlys.no
            https://bergen.nordlys.no/                       | nordlys.no
            NORDLYS.NO.                                      | nordlys.no
            # Spain
            www.construccionesgarcia.es                      | construccionesgarcia.es
            https://construccionesgarcia.es/es/contacto      | construccionesgarcia.es
            http://tienda.garcia.com.es                      | garcia.com.es
            # Russia
            https://ромашка.рф                               | xn--80aa3agjl3d.xn--p1ai
            www.ромашка.рф/контакты                          | xn--80aa3agjl3d.xn--p1ai
            http://xn--80aa3agjl3d.xn--p1ai/                 | xn--80aa3agjl3d.xn--p1ai
            https://www.romashka.ru/catalog?id=5             | romashka.ru
            http://romashka.msk.ru                           | romashka.msk.ru
            # Korea
            http://www.hanbit.co.kr/main.do                  | hanbit.co.kr
            https://한빛.한국                                  | xn--xx3br43b.xn--3e0b707e
            Ｗｗｗ．ｈａｎｂｉｔ．ｃｏ．ｋｒ                    | hanbit.co.kr
            # Romania
            http://www.stefanfiii.ro                         | stefanfiii.ro
            https://www.stefanfiii.com.ro/despre-noi         | stefanfiii.com.ro
            # United Kingdom and United States
            https://www.shop.acme.co.uk/contact              | acme.co.uk
            HTTPS://WWW.ACME.COM/                            | acme.com
            ftp://ftp.acme.com/pub                           | acme.com
            """)
    void registrableDomainOfAWebsiteAsTyped(String raw, String domain) {
        assertThat(Websites.registrableDomain(raw)).hasValue(domain);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            <https://nordlys.no>             | nordlys.no
            (www.nordlys.no)                 | nordlys.no
            '  www.nordlys.no  '             | nordlys.no
            www.nordlys.no, www.nordlys.com  | nordlys.no
            nordlys.no nordlys.com           | nordlys.no
            https//nordlys.no                | nordlys.no
            http:/nordlys.no                 | nordlys.no
            http://user:secret@nordlys.no    | nordlys.no
            post@nordlys.no                  | nordlys.no
            mailto:post@nordlys.no           | nordlys.no
            """)
    void messyInputStillGivesTheDomain(String raw, String domain) {
        assertThat(Websites.registrableDomain(raw)).hasValue(domain);
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @NullAndEmptySource
    @ValueSource(strings = { "  ", "n/a", "-", "нет", "없음", "no tiene", "Romashka", "Nordlys Solar AS", "localhost",
        "localhost:8080", "192.168.0.1", "http://192.168.0.1/admin", "co.uk", "com.ro", "nordlys.local", "www.nordlys",
        "https://", "ex_ample.com", "nordlys..no" })
    void notAWebAddress(String raw) {
        assertThat(Websites.registrableDomain(raw)).isEmpty();
    }

    @Test
    void internationalisedAndPunycodeFormsAreTheSame() {
        assertThat(Websites.registrableDomain("https://ромашка.рф"))
            .isEqualTo(Websites.registrableDomain("xn--80aa3agjl3d.xn--p1ai"));
    }

    @Test
    void pagesOnSharedPlatformsGiveThePlatform() {
        // the registrable domain of a Facebook page is facebook.com: callers must not match companies on it
        assertThat(Websites.registrableDomain("https://www.facebook.com/nordlys")).hasValue("facebook.com");
        assertThat(Websites.registrableDomain("vk.com/romashka")).hasValue("vk.com");
        assertThat(Websites.registrableDomain("https://blog.naver.com/hanbit")).hasValue("naver.com");
    }

    @Test
    void privatePublicSuffixesKeepShopsApart() {
        // myshopify.com and blogspot.com are in the private part of the Public Suffix List
        assertThat(Websites.registrableDomain("https://nordlys.myshopify.com/products"))
            .hasValue("nordlys.myshopify.com");
        assertThat(Websites.registrableDomain("garcia.blogspot.com")).hasValue("garcia.blogspot.com");
    }
}

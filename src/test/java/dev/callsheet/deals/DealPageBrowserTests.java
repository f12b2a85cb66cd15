package dev.callsheet.deals;

import static org.assertj.core.api.Assertions.assertThat;

import dev.callsheet.support.Api;
import dev.callsheet.support.Browser;
import dev.callsheet.support.IntegrationTest;
import dev.callsheet.support.Tenant;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The deal page tidy (issue 26, point 8) in a real Chromium: every checklist point once, "Won" a step that asks for
 * the amount (not one click above Disqualify), money in the viewer's locale, and the deal tabs all on screen in
 * Russian and Korean.
 */
class DealPageBrowserTests extends IntegrationTest {

    @Test
    void wonAsksForTheAmountAndTheChecklistListsEachPointOnce() {
        Tenant tenant = Tenant.create(api, "Deal Page AS");
        Tenant.User rep = tenant.user("REP");
        Tenant.User russian = user(tenant, "SUPERVISOR", "ru");
        Tenant.User korean = user(tenant, "SUPERVISOR", "ko");
        Api asRep = api.as(rep);
        String lead = asRep.post("/api/v1/contacts", Map.of("firstName", "Sigrid", "surname", "Lunde",
                "organisation", "Lunde Bakeri AS", "country", "NO")).json().get("id").asText();
        Api.Response opened = asRep.post("/api/v1/deals", Map.of("contactId", lead, "amount", 48000,
                "currency", "NOK"));
        assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
        String deal = opened.json().get("id").asText();

        try (Browser browser = Browser.open(baseUrl())) {
            browser.signIn(rep.username(), rep.password());
            browser.go("/deals/" + deal);
            browser.waitFor(By.id("checklist"));
            // "need confirmed" ends both the meeting and discovery: the checklist asks for it once
            List<String> codes = browser.driver().findElements(By.cssSelector("#checklist .check-row input[name=code]"))
                    .stream().map(e -> e.getAttribute("value")).toList();
            assertThat(codes).doesNotHaveDuplicates().contains("need_confirmed");
            assertThat(browser.text(By.id("checklist")).split("Need confirmed", -1)).hasSize(2);
            // each point's box sits on the row of its label
            WebElement box = browser.driver().findElement(By.cssSelector("#checklist .check-row input[type=checkbox]"));
            WebElement label = browser.driver().findElement(By.cssSelector("#checklist .check-row label span"));
            assertThat(Math.abs(box.getRect().getY() + box.getRect().getHeight() / 2
                    - label.getRect().getY() - label.getRect().getHeight() / 2)).isLessThan(8);

            // "Won" only opens the step; nothing is closed until the amount is confirmed
            WebElement confirm = browser.driver().findElement(By.id("won-confirm"));
            assertThat(confirm.isDisplayed()).isFalse();
            browser.driver().findElement(By.id("won")).click();
            new WebDriverWait(browser.driver(), Duration.ofSeconds(5)).until(d -> confirm.isDisplayed());
            assertThat(asRep.get("/api/v1/deals/" + deal).json().get("status").asText()).isEqualTo("OPEN");
            WebElement amount = browser.field("won-amount");
            assertThat(amount.getAttribute("value")).isEqualTo("48000.00");
            assertThat(browser.text(By.cssSelector("label[for=won-amount]"))).contains("NOK");
            // Disqualify is apart: below the step, not the next thing under the pointer
            assertThat(browser.driver().findElement(By.cssSelector("#dq-form button.danger")).getRect().getY())
                    .isGreaterThan(confirm.getRect().getY() + 60);
            browser.screenshot("deal-won-step-en");
            amount.clear();
            amount.sendKeys("52000");
            confirm.click();
            browser.waitFor(By.id("cancel-win"));
            Api.Response won = asRep.get("/api/v1/deals/" + deal);
            assertThat(won.json().get("status").asText()).isEqualTo("WON");
            assertThat(won.json().get("amount").decimalValue()).isEqualByComparingTo("52000");
            assertThat(won.json().get("currency").asText()).isEqualTo("NOK");
            browser.go("/deals/mine");
            browser.waitFor(By.tagName("h1"));
        }

        // Russian and Korean: the deal page and the deal tabs fit, Settings included; money in the reader's locale
        for (Tenant.User reader : List.of(russian, korean)) {
            String lang = reader == russian ? "ru" : "ko";
            try (Browser browser = Browser.open(baseUrl())) {
                browser.signIn(reader.username(), reader.password());
                browser.go("/deals/" + deal);
                browser.waitFor(By.id("checklist"));
                assertNoHorizontalOverflow(browser);
                browser.screenshot("deal-page-" + lang);
                browser.go("/deals/mine");
                browser.waitFor(By.cssSelector("nav.tabs"));
                WebElement settings = browser.driver().findElement(By.cssSelector("nav.tabs a[href$='/deals/settings']"));
                long viewport = ((Number) ((org.openqa.selenium.JavascriptExecutor) browser.driver())
                        .executeScript("return document.documentElement.clientWidth")).longValue();
                assertThat(settings.isDisplayed()).isTrue();
                assertThat(settings.getRect().getX() + settings.getRect().getWidth()).as(lang).isLessThanOrEqualTo(
                        (int) viewport);
                // the tab strip shows every tab: nothing scrolled out of sight
                assertThat((Boolean) ((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeScript(
                        "const t = document.querySelector('nav.tabs'); return t.scrollWidth <= t.clientWidth + 1;"))
                        .as(lang).isTrue();
                browser.screenshot("deal-tabs-" + lang);
            }
        }
    }

    private static void assertNoHorizontalOverflow(Browser browser) {
        assertThat((Boolean) ((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeScript(
                "return document.documentElement.scrollWidth <= document.documentElement.clientWidth + 1;"))
                .as("the page is no wider than the window").isTrue();
    }

    private Tenant.User user(Tenant tenant, String role, String locale) {
        String username = role.toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 8);
        String password = "pw-" + UUID.randomUUID();
        Api.Response created = tenant.asAdmin().post("/api/v1/users", Map.of("username", username, "password",
                password, "roles", List.of(role), "displayName", "Reader " + locale, "locale", locale));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return new Tenant.User(created.json().get("id").asText(), username, password);
    }
}

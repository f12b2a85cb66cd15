package dev.callsheet.intake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.callsheet.support.Api;
import dev.callsheet.support.Browser;
import dev.callsheet.support.IntegrationTest;
import dev.callsheet.support.Tenant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.interactions.Actions;

/** Whoever takes a call types the caller's number as they hear it and lands on the caller's card. */
class IntakeBrowserTests extends IntegrationTest {

    private static Browser browser;

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
            browser = null;
        }
    }

    @Test
    void anInboundCallFromAKnownNumberLandsOnItsCard() {
        Tenant tenant = Tenant.create(api, "Inbound Browser AS");
        Api boss = api.as(tenant.user("SUPERVISOR"));
        Tenant.User rep = tenant.user("REP");
        String card = boss.post("/api/v1/contacts", Map.of("firstName", "Ragnhild", "surname", "Sæther", "phone",
                "+47 22 86 75 30", "country", "NO", "ownerId", rep.id())).json().get("id").asText();
        Tenant.User agent = tenant.user("AGENT");

        browser = Browser.open(baseUrl());
        browser.signIn(agent.username(), agent.password());
        browser.waitFor(By.id("nav-incoming"));
        new Actions(browser.driver()).sendKeys("g", "i").perform();
        browser.waitForPath("/calls/incoming");
        assertThat(browser.driver().switchTo().activeElement().getAttribute("id")).isEqualTo("caller-phone");
        new Actions(browser.driver()).sendKeys("(+47) 228 67 530", Keys.ENTER).perform();
        browser.waitFor(By.id("caller"));
        assertThat(browser.text(By.id("caller-card"))).isEqualTo("Ragnhild Sæther");
        assertThat(browser.text(By.id("caller-owner"))).isEqualTo("Test rep");
        assertThat(browser.text(By.id("advice"))).contains("Test rep");
        browser.screenshot("incoming-call");
        browser.driver().findElement(By.id("caller-card")).click();
        browser.waitForPath("/leads/" + card);
        assertThat(browser.pageText()).contains("Ragnhild Sæther");
    }
}

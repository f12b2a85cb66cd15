package dev.callsheet.deals;

import static org.assertj.core.api.Assertions.assertThat;

import dev.callsheet.support.Api;
import dev.callsheet.support.Browser;
import dev.callsheet.support.IntegrationTest;
import dev.callsheet.support.Tenant;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/**
 * A rep runs a deal in a real Chromium: opens it from the lead's card, ticks what is known, moves it along the board
 * from the keyboard, is asked for a justification when data is missing, and disqualifies it; a supervisor reads the
 * evidence, prints the criteria, reviews the disqualified deals and sets the commission rules.
 */
class DealsBrowserTests extends IntegrationTest {

    private static Browser browser;

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
            browser = null;
        }
    }

    private WebElement card(String stage) {
        return browser.driver().findElement(By.cssSelector(".board-column[data-stage='" + stage + "'] .deal-card"));
    }

    @Test
    void aRepMovesADealFromTheKeyboardAndJustifiesWhatIsMissing() {
        Tenant tenant = Tenant.create(api, "Deal Board AS");
        Api boss = api.as(tenant.user("SUPERVISOR"));
        Tenant.User rep = tenant.user("REP");
        String lead = boss.post("/api/v1/contacts", Map.of("firstName", "Sigrid", "surname", "Lunde", "organisation",
                "Lunde Bakeri AS", "country", "NO")).json().get("id").asText();

        browser = Browser.open(baseUrl());
        browser.signIn(rep.username(), rep.password());
        browser.go("/leads/" + lead);
        browser.driver().findElement(By.id("open-deal")).click();
        browser.waitFor(By.id("new-deal"));
        browser.field("deal-amount").sendKeys("48000");
        browser.driver().findElement(By.cssSelector("#new-deal button[type=submit]")).click();
        browser.waitFor(By.id("stages"));
        String dealPath = browser.path();
        assertThat(browser.text(By.tagName("h1"))).isEqualTo("Lunde Bakeri AS");
        // tick "need confirmed": the checkbox saves itself
        browser.driver().findElement(By.cssSelector("#checklist input[name=done]")).click();
        browser.waitFor(By.cssSelector("#stages li.current .criteria li.known"));

        browser.go("/deals");
        browser.waitFor(By.id("board"));
        card("MEETING").sendKeys("]");
        browser.waitFor(By.cssSelector(".board-column[data-stage='DISCOVERY'] .deal-card"));
        assertThat(browser.has(By.cssSelector(".board-column[data-stage='MEETING'] .deal-card"))).isFalse();

        card("DISCOVERY").sendKeys("]");
        browser.waitFor(By.id("justify-form"));
        assertThat(browser.text(By.id("missing"))).contains("Budget known").contains("Economic buyer identified");
        browser.screenshot("deals-justify");
        browser.field("justification").sendKeys("Budget comes with the proposal", Keys.ENTER);
        browser.waitFor(By.cssSelector(".board-column[data-stage='PROPOSAL'] .deal-card"));
        assertThat(browser.text(By.cssSelector(".board-column[data-stage='PROPOSAL'] .deal-card")))
                .contains("Exit data missing").contains("€48,000.00");
        browser.screenshot("deals-board");

        // the workspace's administrator (a supervisor by the role hierarchy) sees everyone's board
        browser.signOut();
        browser.signIn(tenant.admin().username(), tenant.admin().password());
        browser.go("/deals");
        assertThat(browser.text(By.cssSelector(".board-column[data-stage='PROPOSAL'] .deal-card")))
                .contains("Lunde Bakeri AS");
        browser.signOut();
        browser.signIn(rep.username(), rep.password());

        browser.go(dealPath);
        assertThat(browser.text(By.id("alerts"))).contains("Budget known").contains("Budget comes with the proposal");
        assertThat(browser.text(By.id("flags"))).contains("Exit data missing").contains("Budget known, Buying team known");
        assertThat(browser.text(By.id("chance"))).contains("Not shown yet");
        browser.screenshot("deals-deal");

        new org.openqa.selenium.support.ui.Select(browser.driver().findElement(By.id("dq-reason")))
                .selectByValue("NO_BUDGET");
        browser.driver().findElement(By.cssSelector("#dq-form button[type=submit]")).click();
        browser.waitFor(By.cssSelector(".flash.success"));
        assertThat(browser.text(By.id("deal-status"))).isEqualTo("Disqualified");
        assertThat(boss.get("/api/v1/contacts/" + lead).json().get("status").asText()).isEqualTo("NURTURE");
    }

    @Test
    void aSupervisorReadsTheEvidencePrintsTheCriteriaAndSetsCommissions() {
        Tenant tenant = Tenant.create(api, "Deal Review AS");
        Tenant.User supervisor = tenant.user("SUPERVISOR");
        Api boss = api.as(supervisor);
        String pipeline = boss.get("/api/v1/pipelines").json().get("items").get(0).get("id").asText();
        StringBuilder csv = new StringBuilder("id,status,last_stage,opened,closed,discovery:budget_known,product\n");
        for (int i = 0; i < 40; i++) {
            boolean budget = i % 2 == 0;
            boolean won = budget ? i % 8 != 0 : i % 8 == 1;
            csv.append("h").append(i).append(',').append(won ? "Won" : "Lost").append(",NEGOTIATION,2026-01-05,")
                    .append("2026-03-0").append(1 + i % 9).append(',').append(budget ? "yes" : "no").append(',')
                    .append(i % 3 == 0 ? "Pro" : "Basic").append('\n');
        }
        Api.Response imported = boss.upload("/api/v1/deals/import?pipelineId=" + pipeline, "history.csv",
                csv.toString().getBytes(StandardCharsets.UTF_8), Map.of());
        assertThat(imported.status()).as(imported.toString()).isEqualTo(200);

        browser = Browser.open(baseUrl());
        browser.signIn(supervisor.username(), supervisor.password());
        browser.go("/deals/insights");
        browser.waitFor(By.id("evidence"));
        assertThat(browser.text(By.id("evidence"))).contains("Budget known");
        assertThat(browser.has(By.cssSelector("#evidence tr.clear"))).isTrue();
        assertThat(browser.text(By.id("model"))).contains("40 closed deals");
        assertThat(browser.driver().findElements(By.cssSelector(".calibration .bin"))).isNotEmpty();
        browser.screenshot("deals-evidence");

        browser.go("/deals/criteria");
        assertThat(browser.text(By.id("sheet"))).contains("Discovery").contains("Budget known")
                .contains("Who is the buying team?").contains("No budget");
        browser.screenshot("deals-criteria");

        browser.go("/deals/cost");
        assertThat(browser.text(By.id("money-freed"))).isEqualTo("120 000");
        browser.screenshot("deals-cost");

        browser.go("/commissions");
        browser.field("r-pct-0").sendKeys("10");
        browser.field("r-agent-0").sendKeys("30");
        browser.field("r-rep-0").sendKeys("70");
        browser.driver().findElement(By.cssSelector("#rules button[type=submit]")).click();
        browser.waitFor(By.cssSelector(".flash.success"));
        assertThat(boss.get("/api/v1/commissions/rules").json().get("items").get(0).get("agentSplit").asInt())
                .isEqualTo(30);
        browser.screenshot("deals-commissions");

        browser.go("/deals/settings");
        WebElement stages = browser.driver().findElement(By.cssSelector(".pipeline-form textarea[name=stages]"));
        assertThat(stages.getAttribute("value")).contains("DISCOVERY |  | need_confirmed, budget_known");
        browser.go("/deals/dq-review");
        assertThat(browser.text(By.id("dq-count"))).isEqualTo("0");
        new Actions(browser.driver()).sendKeys("g", "d").perform();
        browser.waitForPath("/deals");
        assertThat(List.of(browser.path())).containsExactly("/deals");
    }
}

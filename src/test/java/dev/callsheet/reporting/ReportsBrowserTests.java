package dev.callsheet.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.callsheet.support.Api;
import dev.callsheet.support.Browser;
import dev.callsheet.support.IntegrationTest;
import dev.callsheet.support.Tenant;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;

/** The report pages in a real headless Chromium: the charts draw, their tables open, the floor follows the agents live. */
class ReportsBrowserTests extends IntegrationTest {

    @Test
    void theProjectReportDrawsItsChartsAndTheFloorFollowsTheAgentsLive() {
        Tenant tenant = Tenant.create(api, "Report Pages AS");
        Tenant.User supervisor = tenant.user("SUPERVISOR");
        Tenant.User agent = tenant.user("AGENT");
        Api boss = api.as(supervisor);
        LocalDate monday = LocalDate.ofInstant(clock.instant().plus(Duration.ofDays(7)), ZoneOffset.UTC)
                .with(TemporalAdjusters.next(DayOfWeek.MONDAY));
        clock.set(monday.atTime(9, 0).toInstant(ZoneOffset.UTC));
        String project = boss.post("/api/v1/projects", Map.of("name", "Chart project", "direction", "OUTBOUND",
                "audience", "NEW_CUSTOMERS", "reviewCadence", "DAILY", "timeZone", "Europe/Oslo",
                "kpiTargets", Map.of("connectRate", 0.4))).json().get("id").asText();
        for (String source : List.of("WEB", "WEB", "EXHIBITION")) {
            String lead = boss.post("/api/v1/contacts", Map.of("firstName", "Chart", "surname", "Lead" + System.nanoTime(),
                    "phone", "+47 22 " + (100000 + (int) (Math.random() * 899999)), "country", "NO", "source", source))
                    .json().get("id").asText();
            boss.post("/api/v1/projects/" + project + "/leads", Map.of("contactIds", List.of(lead)));
        }
        Api me = api.as(agent);
        JsonNode lease = me.post("/api/v1/projects/" + project + "/next", null).json();
        clock.advance(Duration.ofSeconds(40));
        me.post("/api/v1/attempts/" + lease.get("attemptId").asText() + "/outcome", Map.of("outcome", "NO_ANSWER"));
        lease = me.post("/api/v1/projects/" + project + "/next", null).json();
        clock.advance(Duration.ofMinutes(4));
        String asking = lease.get("attemptId").asText();
        String price = boss.post("/api/v1/answers", Map.of("language", "en", "question", "What does it cost?",
                "body", "From 90,000 kroner.")).json().get("id").asText();
        me.post("/api/v1/attempts/" + asking + "/questions", Map.of("answerId", price));
        me.post("/api/v1/attempts/" + asking + "/questions", Map.of("text", "Is there a warranty?"));
        me.post("/api/v1/attempts/" + asking + "/outcome", Map.of("outcome", "INTERESTED",
                "talkSeconds", 200, "qualification", Map.of("interest", 5, "ability", 4, "willingness", 4)));

        try (Browser browser = Browser.open(baseUrl())) {
            browser.signIn(supervisor.username(), supervisor.password());
            browser.waitFor(By.cssSelector(".sidebar"));
            browser.go("/reports");
            assertThat(browser.text(By.id("funnel-by-project"))).containsIgnoringCase("Chart project");
            browser.go("/reports/projects/" + project + "?from=" + monday + "&to=" + monday);
            for (String chart : List.of("funnel", "trend", "leaderboard", "outcomes")) {
                browser.waitFor(By.cssSelector("#chart-" + chart + "[data-drawn='true'] svg"));
                assertThat(browser.driver().findElements(By.cssSelector("#chart-" + chart + " svg path")))
                        .as(chart).isNotEmpty();
            }
            assertThat(browser.text(By.cssSelector(".tile[data-kpi='dials'] .tile-value"))).isEqualTo("2");
            assertThat(browser.text(By.cssSelector(".tile[data-kpi='connectRate'] .tile-value"))).isEqualTo("50%");
            assertThat(browser.driver().findElement(By.cssSelector(".tile[data-kpi='connectRate']"))
                    .getAttribute("title")).isEqualTo("Connects divided by dials.");
            assertThat(browser.driver().findElement(By.cssSelector(".tile[data-kpi='connectRate'] .tile-target"))
                    .getAttribute("class")).contains("met");
            // the funnel's table is one click away
            assertThat(browser.driver().findElement(By.id("funnel-table")).isDisplayed()).isFalse();
            browser.driver().findElement(By.cssSelector("#chart-funnel-panel summary")).click();
            assertThat(browser.driver().findElement(By.id("funnel-table")).isDisplayed()).isTrue();
            assertThat(browser.text(By.id("funnel-table"))).containsIgnoringCase("Leads 3").containsIgnoringCase("Qualified 1 100%");
            // the questions leads asked this week, and the one the library cannot answer yet
            browser.waitFor(By.cssSelector("#questions .questions-week"));
            assertThat(browser.text(By.id("questions"))).contains("Week of " + monday)
                    .contains("What does it cost?").contains("Is there a warranty?");
            assertThat(browser.text(By.id("unanswered-questions"))).contains("Is there a warranty?")
                    .doesNotContain("What does it cost?");
            assertThat(browser.text(By.id("meeting-cost"))).contains("time on the phone");
            browser.screenshot("report-project");

            browser.go("/reports/floor");
            By state = By.cssSelector("tr[data-agent='" + agent.id() + "'] .agent-state");
            browser.waitFor(state);
            assertThat(browser.text(state)).isEqualTo("Waiting");
            JsonNode call = me.post("/api/v1/projects/" + project + "/next", null).json();
            waitForText(browser, state, "On a call");
            me.post("/api/v1/attempts/" + call.get("attemptId").asText() + "/hangup", null);
            waitForText(browser, state, "Wrap-up");
            assertThat(browser.text(By.id("calls-today"))).isEqualTo("2");
            browser.screenshot("report-floor");
        }
    }

    /** The floor refreshes itself every five seconds: the change shows without reloading the page. */
    private static void waitForText(Browser browser, By by, String text) {
        // the swap may replace the element between finding it and reading it: look again
        new WebDriverWait(browser.driver(), Duration.ofSeconds(15))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(d -> text.equals(d.findElement(by).getText()));
    }
}

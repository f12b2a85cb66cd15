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
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import tools.jackson.databind.JsonNode;

/**
 * The report page keeps its Content-Security-Policy (issue 26, point 9a): its charts draw with classes and SVG
 * attributes, no inline style, so Chromium's console holds no error at all, in English, Russian and Korean.
 */
class ReportPageConsoleBrowserTests extends IntegrationTest {

    @Test
    void theReportPageLogsNoConsoleErrorInAnyLanguage() {
        Tenant tenant = Tenant.create(api, "Clean Charts AS");
        Tenant.User agent = tenant.user("AGENT");
        Api admin = tenant.asAdmin();
        LocalDate monday = LocalDate.ofInstant(clock.instant().plus(Duration.ofDays(7)), ZoneOffset.UTC)
                .with(TemporalAdjusters.next(DayOfWeek.MONDAY));
        clock.set(monday.atTime(9, 0).toInstant(ZoneOffset.UTC));
        Map<String, Tenant.User> readers = new java.util.LinkedHashMap<>();
        for (String lang : List.of("en", "ru", "ko")) {
            String username = "boss-" + lang + "-" + UUID.randomUUID().toString().substring(0, 6);
            String password = "pw-" + UUID.randomUUID();
            Api.Response created = admin.post("/api/v1/users", Map.of("username", username, "password", password,
                    "roles", List.of("SUPERVISOR"), "displayName", "Boss " + lang, "locale", lang));
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            readers.put(lang, new Tenant.User(created.json().get("id").asText(), username, password));
        }
        Api boss = api.as(readers.get("en"));
        String project = boss.post("/api/v1/projects", Map.of("name", "Clean project", "direction", "OUTBOUND",
                "audience", "NEW_CUSTOMERS", "reviewCadence", "DAILY", "timeZone", "Europe/Oslo")).json()
                .get("id").asText();
        for (String source : List.of("WEB", "EXHIBITION")) {
            String lead = boss.post("/api/v1/contacts", Map.of("firstName", "Clean", "surname", "Lead"
                    + System.nanoTime(), "phone", "+47 22 " + (100000 + (int) (Math.random() * 899999)), "country",
                    "NO", "source", source)).json().get("id").asText();
            boss.post("/api/v1/projects/" + project + "/leads", Map.of("contactIds", List.of(lead)));
        }
        Api me = api.as(agent);
        JsonNode lease = me.post("/api/v1/projects/" + project + "/next", null).json();
        clock.advance(Duration.ofSeconds(40));
        me.post("/api/v1/attempts/" + lease.get("attemptId").asText() + "/outcome", Map.of("outcome", "NO_ANSWER"));
        lease = me.post("/api/v1/projects/" + project + "/next", null).json();
        clock.advance(Duration.ofMinutes(3));
        me.post("/api/v1/attempts/" + lease.get("attemptId").asText() + "/outcome", Map.of("outcome", "INTERESTED",
                "talkSeconds", 150, "qualification", Map.of("interest", 5, "ability", 4, "willingness", 4)));

        for (Map.Entry<String, Tenant.User> reader : readers.entrySet()) {
            try (Browser browser = Browser.open(baseUrl())) {
                browser.signIn(reader.getValue().username(), reader.getValue().password());
                browser.waitFor(By.cssSelector(".sidebar"));
                browser.consoleErrors(); // what the sign-in logged is not the report's
                browser.go("/reports/projects/" + project + "?from=" + monday + "&to=" + monday.plusDays(6));
                for (String chart : List.of("funnel", "trend", "leaderboard", "outcomes")) {
                    browser.waitFor(By.cssSelector("#chart-" + chart + "[data-drawn='true'] svg path"));
                }
                // no shape of a chart carries a style attribute
                assertThat(browser.driver().findElements(By.cssSelector(".chart [style]"))).isEmpty();
                assertThat(browser.driver().findElements(By.cssSelector("#chart-outcomes svg path.chart-bar")))
                        .hasSizeGreaterThanOrEqualTo(2);
                assertThat(browser.consoleErrors()).as(reader.getKey()).isEmpty();
                assertThat((Boolean) ((JavascriptExecutor) browser.driver()).executeScript(
                        "return document.documentElement.scrollWidth <= document.documentElement.clientWidth + 1;"))
                        .as(reader.getKey() + ": the page is no wider than the window").isTrue();
                browser.screenshot("report-" + reader.getKey());
            }
        }
    }
}

package dev.callsheet.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.callsheet.support.Api;
import dev.callsheet.support.Browser;
import dev.callsheet.support.IntegrationTest;
import dev.callsheet.support.Tenant;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The lead's own page in a real Chromium, opened from the link in their invitation, without signing in. */
class LeadLinkBrowserTests extends IntegrationTest {

    private static Browser browser;

    @Autowired
    JdbcClient jdbc;

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
            browser = null;
        }
    }

    private static String time(java.time.ZonedDateTime at) {
        return java.time.format.DateTimeFormatter.ofLocalizedTime(java.time.format.FormatStyle.SHORT)
                .withLocale(java.util.Locale.ENGLISH).format(at);
    }

    @Test
    void theLeadConfirmsThenMovesThenCancelsTheirMeetingOnTheirPage() throws Exception {
        ZoneId seoul = ZoneId.of("Asia/Seoul");
        LocalDate monday = LocalDate.ofInstant(clock.instant().plus(Duration.ofDays(7)), ZoneOffset.UTC)
                .with(TemporalAdjusters.next(DayOfWeek.MONDAY));
        clock.set(monday.atTime(6, 0).toInstant(ZoneOffset.UTC));
        Tenant tenant = Tenant.create(api, "Lead Page AS");
        Api boss = api.as(tenant.user("SUPERVISOR"));
        Tenant.User rep = tenant.user("REP");
        assertThat(boss.send("PUT", "/api/v1/reps/" + rep.id() + "/calendar", Map.of("timeZone", "Europe/Oslo",
                "email", "rep-" + UUID.randomUUID() + "@reps.test", "minNoticeMinutes", 0)).status()).isEqualTo(200);
        String leadEmail = "minjun-" + UUID.randomUUID() + "@lead.test";
        // a lead in Seoul: their page shows their own time
        Api.Response lead = boss.post("/api/v1/contacts", Map.of("firstName", "Minjun", "surname", "Kim",
                "phone", "+82 2 312 3456", "country", "KR", "email", leadEmail));
        assertThat(lead.status()).as(lead.toString()).isEqualTo(201);
        Instant start = monday.plusDays(1).atTime(LocalTime.of(9, 0)).atZone(ZoneId.of("Europe/Oslo")).toInstant();
        Api.Response booked = api.as(tenant.user("AGENT")).post("/api/v1/appointments", Map.of("leadId",
                lead.json().get("id").asText(), "start", start.toString(), "type", "VIDEO", "repId", rep.id(),
                "inviteLead", true));
        assertThat(booked.status()).as(booked.toString()).isEqualTo(201);
        String id = booked.json().get("id").asText();
        String link = LeadLinkIntegrationTests.link(leadEmail, 1);

        browser = Browser.open(baseUrl());
        browser.go(link);
        browser.waitFor(By.id("lead-confirm"));
        assertThat(browser.text(By.tagName("h1"))).contains("Meeting with");
        assertThat(browser.text(By.id("lead-zone"))).contains("Asia/Seoul");
        // 09:00 in Oslo is 17:00 in Seoul, written as the lead's language writes a time
        assertThat(browser.text(By.id("lead-when"))).contains(time(start.atZone(seoul)));
        assertThat(start.atZone(seoul).getHour()).isEqualTo(17);

        browser.field("lead-confirm").click();
        browser.waitFor(By.id("lead-confirmed"));
        assertThat(browser.text(By.id("lead-done"))).contains("confirmed");

        List<WebElement> slots = browser.driver().findElements(By.cssSelector("input[name=start]"));
        assertThat(slots).isNotEmpty();
        WebElement second = slots.get(1);
        Instant chosen = Instant.parse(second.getAttribute("value"));
        second.click();
        browser.field("lead-move").click();
        browser.waitFor(By.id("lead-done"));
        assertThat(browser.text(By.id("lead-done"))).contains("moved");
        assertThat(((java.sql.Timestamp) jdbc.sql("SELECT starts_at FROM appointment WHERE id = ?::uuid").param(id)
                .query().singleValue()).toInstant()).isEqualTo(chosen);
        assertThat(browser.text(By.id("lead-when"))).contains(time(chosen.atZone(seoul)));

        browser.field("lead-reason").sendKeys("Found another supplier");
        browser.field("lead-cancel").click();
        browser.waitFor(By.id("lead-message"));
        assertThat(browser.text(By.id("lead-message"))).contains("cancelled");
        assertThat(jdbc.sql("SELECT status FROM appointment WHERE id = ?::uuid").param(id).query(String.class)
                .single()).isEqualTo("CANCELLED");

        // the first link, used up by the move
        browser.go(link);
        browser.waitFor(By.id("lead-message"));
        assertThat(browser.text(By.id("lead-message"))).contains("cancelled");
    }
}

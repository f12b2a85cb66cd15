package dev.callsheet.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.callsheet.dialing.QueueApiIntegrationTests;
import dev.callsheet.support.Api;
import dev.callsheet.support.Browser;
import dev.callsheet.support.IntegrationTest;
import dev.callsheet.support.Tenant;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.interactions.Actions;
import tools.jackson.databind.JsonNode;

/**
 * An agent qualifies a lead in the console and books the first slot offered with one key; the rep then
 * finds the meeting in their week, in a real Chromium.
 */
class BookingBrowserTests extends IntegrationTest {

    private static Browser browser;

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
            browser = null;
        }
    }

    private void keys(CharSequence... keys) {
        new Actions(browser.driver()).sendKeys(keys).perform();
    }

    @Test
    void anAgentBooksFromTheConsoleAndTheRepSeesItInTheirWeek() {
        ZoneId oslo = ZoneId.of("Europe/Oslo");
        LocalDate monday = LocalDate.ofInstant(clock.instant().plus(Duration.ofDays(7)), ZoneOffset.UTC)
                .with(TemporalAdjusters.next(DayOfWeek.MONDAY));
        clock.set(monday.atTime(8, 0).atZone(oslo).toInstant());

        Tenant tenant = Tenant.create(api, "Booking Browser AS");
        Api boss = api.as(tenant.user("SUPERVISOR"));
        Tenant.User rep = tenant.user("REP");
        Api.Response calendar = boss.send("PUT", "/api/v1/reps/" + rep.id() + "/calendar", Map.of("timeZone",
                "Europe/Oslo", "email", "rep@booking.test", "minNoticeMinutes", 60));
        assertThat(calendar.status()).as(calendar.toString()).isEqualTo(200);
        String project = boss.post("/api/v1/projects", Map.of("name", "Heat pumps", "callingHours",
                QueueApiIntegrationTests.allDay())).json().get("id").asText();
        String lead = boss.post("/api/v1/contacts", Map.of("firstName", "Dagny", "surname", "Fjell", "phone",
                QueueApiIntegrationTests.oslo(), "country", "NO", "address", "Fjellveien 3", "city", "Bergen"))
                .json().get("id").asText();
        boss.post("/api/v1/projects/" + project + "/leads", Map.of("contactIds", List.of(lead)));
        // the project books on site by default (issue 25: without a default, the agent would choose first)
        assertThat(boss.send("PUT", "/api/v1/projects/" + project + "/booking-defaults",
                Map.of("defaultMeetingType", "ON_SITE")).status()).isEqualTo(200);
        Tenant.User agent = tenant.user("AGENT");

        browser = Browser.open(baseUrl());
        browser.signIn(agent.username(), agent.password());
        browser.go("/console/" + project);
        browser.waitFor(By.id("next-lead"));
        keys("n");
        browser.waitFor(By.id("outcome-form"));
        keys("b");
        keys("5", Keys.TAB, "4", Keys.TAB, "4", Keys.TAB, "Wants a quote for two pumps", Keys.ENTER);

        // the booking dialog: best slots first, on the lead's clock; the first is 09:00 (an hour's notice)
        browser.waitFor(By.id("slots"));
        assertThat(browser.text(By.id("handed-off"))).isNotBlank();
        String first = browser.text(By.cssSelector(".slot[data-key='1']"));
        assertThat(first).contains("9:00").contains(rep.username().isEmpty() ? "" : "Test rep");
        browser.screenshot("booking-dialog");
        keys("1");
        browser.waitFor(By.id("booked"));
        assertThat(browser.text(By.id("booked"))).contains("Test rep");

        JsonNode meetings = boss.get("/api/v1/appointments?from=" + monday + "&to=" + monday.plusDays(7)).json()
                .get("items");
        assertThat(meetings).hasSize(1);
        JsonNode meeting = meetings.get(0);
        assertThat(meeting.get("lead").get("id").asText()).isEqualTo(lead);
        assertThat(Instant.parse(meeting.get("start").asText())).isEqualTo(monday.atTime(9, 0).atZone(oslo).toInstant());
        assertThat(meeting.get("location").asText()).isEqualTo("Fjellveien 3, Bergen");
        assertThat(meeting.get("qualification").get("notes").asText()).isEqualTo("Wants a quote for two pumps");

        browser.signOut();
        browser.signIn(rep.username(), rep.password());
        browser.go("/calendar?week=" + monday);
        browser.waitFor(By.id("week"));
        String day = browser.text(By.cssSelector(".day[data-date='" + monday + "']"));
        assertThat(day).contains("Dagny Fjell").contains("9:00").contains("Wants a quote for two pumps");
        browser.screenshot("rep-week");
    }

    @Test
    void aSupervisorSeesTheTeamWeekAndKeepsARepsHours() {
        Tenant tenant = Tenant.create(api, "Team Calendar AS");
        Tenant.User supervisor = tenant.user("SUPERVISOR");
        Tenant.User rep = tenant.user("REP");
        Api boss = api.as(supervisor);
        boss.send("PUT", "/api/v1/reps/" + rep.id() + "/calendar", Map.of("timeZone", "Asia/Seoul"));
        if (browser == null) {
            browser = Browser.open(baseUrl());
        } else {
            browser.signOut();
        }
        browser.signIn(supervisor.username(), supervisor.password());
        browser.go("/calendar");
        browser.waitForPath("/calendar/team");
        assertThat(browser.text(By.id("team-week"))).contains("Test rep").contains("Asia/Seoul");
        browser.screenshot("team-week");

        browser.go("/calendar/reps/" + rep.id() + "/settings");
        browser.waitFor(By.id("calendar-form"));
        assertThat(browser.field("tuesday").getAttribute("value")).isEqualTo("09:00-17:00");
        browser.field("timeZone").clear();
        browser.field("timeZone").sendKeys("Mars/Olympus");
        browser.field("monday").clear();
        browser.field("monday").sendKeys("10:00-12:00, 13:00-15:00");
        browser.field("exceptions").sendKeys("2030-12-24 off");
        browser.driver().findElement(By.id("save-calendar")).click();
        browser.waitFor(By.cssSelector(".flash.error"));
        assertThat(browser.text(By.cssSelector(".flash.error"))).startsWith("timeZone");
        assertThat(browser.field("monday").getAttribute("value")).isEqualTo("10:00-12:00, 13:00-15:00");
        browser.field("timeZone").clear();
        browser.field("timeZone").sendKeys("Europe/Oslo");
        browser.screenshot("rep-settings");
        browser.driver().findElement(By.id("save-calendar")).click();
        browser.waitForPath("/calendar/team");

        JsonNode calendar = boss.get("/api/v1/reps/" + rep.id() + "/calendar").json();
        assertThat(calendar.get("timeZone").asText()).isEqualTo("Europe/Oslo");
        assertThat(calendar.get("weeklyHours").get("MONDAY")).hasSize(2);
        assertThat(calendar.get("weeklyHours").get("MONDAY").get(1).get("to").asText()).isEqualTo("15:00");
        assertThat(calendar.get("exceptions").get(0).get("date").asText()).isEqualTo("2030-12-24");
        assertThat(calendar.get("exceptions").get(0).get("hours")).isEmpty();
    }
}

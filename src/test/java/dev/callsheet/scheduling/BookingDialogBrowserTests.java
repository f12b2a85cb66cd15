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
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;

/**
 * The console's booking dialog in a real Chromium (issue 25, point 4): "Thursday afternoon" in three keys
 * after the dialog opens, both zones on every time, the project's default meeting type preselected (and chosen
 * by the agent when the project has none), and no overflow in Russian or Korean.
 */
class BookingDialogBrowserTests extends IntegrationTest {

    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");

    private Browser browser;
    private Tenant tenant;
    private Api boss;
    private Tenant.User supervisor;
    private Tenant.User rep;
    private LocalDate monday;

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    /** A workspace with one rep in Oslo (09:00–17:00 Oslo, Monday to Friday), on a Monday 08:00 in London. */
    private void workspace(String name) {
        monday = LocalDate.ofInstant(clock.instant().plus(Duration.ofDays(7)), ZoneOffset.UTC)
                .with(TemporalAdjusters.next(DayOfWeek.MONDAY));
        clock.set(monday.atTime(8, 0).atZone(LONDON).toInstant());
        tenant = Tenant.create(api, name);
        supervisor = tenant.user("SUPERVISOR");
        boss = api.as(supervisor);
        rep = tenant.user("REP");
        Api.Response calendar = boss.send("PUT", "/api/v1/reps/" + rep.id() + "/calendar", Map.of("timeZone",
                "Europe/Oslo", "email", "rep@dialog.test", "minNoticeMinutes", 60));
        assertThat(calendar.status()).as(calendar.toString()).isEqualTo(200);
    }

    private String project(int leads) {
        String project = boss.post("/api/v1/projects", Map.of("name", "Heat pumps UK", "callingHours",
                QueueApiIntegrationTests.allDay())).json().get("id").asText();
        for (int i = 0; i < leads; i++) {
            String lead = boss.post("/api/v1/contacts", Map.of("firstName", "Harriet", "surname", "Hughes" + i,
                    "phone", "+44 20 7946 0" + (100 + ThreadLocalRandom.current().nextInt(899)), "country", "GB"))
                    .json().get("id").asText();
            boss.post("/api/v1/projects/" + project + "/leads", Map.of("contactIds", List.of(lead)));
        }
        return project;
    }

    /** An agent in Oslo who reads the pages in the given language. */
    private Tenant.User agent(String locale) {
        String username = "agent-" + UUID.randomUUID().toString().substring(0, 8);
        String password = "pw-" + UUID.randomUUID();
        Api.Response created = tenant.asAdmin().post("/api/v1/users", Map.of("username", username, "password",
                password, "roles", List.of("AGENT"), "displayName", "Agent " + locale, "locale", locale,
                "timeZone", "Europe/Oslo"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return new Tenant.User(created.json().get("id").asText(), username, password);
    }

    /** A time of day as an English reader sees it (the viewer's locale decides, e.g. 12:00 PM). */
    private static String time(java.time.LocalDateTime at) {
        return java.time.format.DateTimeFormatter.ofLocalizedTime(java.time.format.FormatStyle.SHORT)
                .withLocale(java.util.Locale.ENGLISH).format(at);
    }

    private void keys(CharSequence... keys) {
        new Actions(browser.driver()).sendKeys(keys).perform();
    }

    private void waitUntil(java.util.function.Function<org.openqa.selenium.WebDriver, Boolean> condition) {
        new WebDriverWait(browser.driver(), Duration.ofSeconds(10)).until(condition);
    }

    /** Signs in, takes the next lead of the project, qualifies them and lands in the booking dialog. */
    private void openDialog(Tenant.User agent, String project) {
        if (browser == null) {
            browser = Browser.open(baseUrl());
        } else {
            browser.signOut();
        }
        browser.signIn(agent.username(), agent.password());
        browser.go("/console/" + project);
        browser.waitFor(By.id("next-lead"));
        keys("n");
        browser.waitFor(By.id("outcome-form"));
        keys("b");
        keys("5", Keys.TAB, "4", Keys.TAB, "4", Keys.TAB, "Wants a quote", Keys.ENTER);
        browser.waitFor(By.cssSelector("[data-console='book']"));
    }

    private void setDefaultTypeOnTheSettingsPage(String project, String visibleName) {
        browser = Browser.open(baseUrl());
        browser.signIn(supervisor.username(), supervisor.password());
        browser.go("/projects/" + project + "/edit");
        browser.waitFor(By.id("defaultMeetingType"));
        Select picker = new Select(browser.field("defaultMeetingType"));
        // the picker names the types in the viewer's language, never by code
        assertThat(picker.getOptions().stream().map(WebElement::getText).toList())
                .contains("On site", "Video").noneMatch(t -> t.matches("[A-Z_]{3,}"));
        assertThat(picker.getFirstSelectedOption().getAttribute("value")).isEmpty();
        picker.selectByVisibleText(visibleName);
        browser.driver().findElement(By.cssSelector("#project-form button[type=submit]")).click();
        browser.waitForPath("/projects/" + project);
        browser.go("/projects/" + project + "/edit");
        browser.waitFor(By.id("defaultMeetingType"));
        assertThat(new Select(browser.field("defaultMeetingType")).getFirstSelectedOption().getText())
                .isEqualTo(visibleName);
    }

    @Test
    void anAgentBooksThursdayAfternoonInThreeKeysAndSeesBothZones() {
        workspace("Thursday Afternoon AS");
        String project = project(1);
        setDefaultTypeOnTheSettingsPage(project, "Video");
        assertThat(boss.get("/api/v1/projects/" + project + "/booking-defaults").json().get("defaultMeetingType")
                .asText()).isEqualTo("VIDEO");

        openDialog(agent("en"), project);
        // the project's default type is preselected, by name; the best slots come first (Monday, on the lead's clock)
        assertThat(browser.text(By.cssSelector("#meeting-types a.active"))).isEqualTo("Video");
        assertThat(browser.has(By.id("choose-type"))).isFalse();
        assertThat(browser.text(By.cssSelector(".slot[data-key='1']"))).contains("Europe/London")
                .contains("your time, Europe/Oslo");
        String before = browser.driver().getCurrentUrl();

        // three keys after the dialog opens: T (Thursday), A (afternoon), Enter on the first slot
        keys("t");
        waitUntil(d -> !d.getCurrentUrl().equals(before) && browser.has(By.cssSelector(".days a.day.active")));
        LocalDate thursday = monday.plusDays(3);
        assertThat(browser.driver().findElement(By.cssSelector(".days a.day.active")).getAttribute("data-date"))
                .isEqualTo(thursday.toString());
        keys("a");
        waitUntil(d -> browser.has(By.cssSelector(".part.active[data-part='afternoon']")));
        assertThat(browser.has(By.cssSelector(".days a.day.active[data-date='" + thursday + "']"))).isTrue();
        WebElement first = browser.driver().switchTo().activeElement();
        assertThat(first.getAttribute("data-key")).isEqualTo("1");
        // the rep works 09:00–17:00 in Oslo: the lead's first free afternoon time is 12:00 London, 13:00 Oslo
        String leadClock = time(thursday.atTime(12, 0));
        String agentClock = time(thursday.atTime(13, 0));
        String chosen = first.getText();
        assertThat(chosen).contains(leadClock + " Europe/London").contains("(" + agentClock + " your time, Europe/Oslo)")
                .contains("Test rep");
        browser.screenshot("booking-dialog-thursday-afternoon");
        keys(Keys.ENTER);

        browser.waitFor(By.id("booked"));
        assertThat(browser.text(By.id("booked"))).contains(leadClock + " Europe/London")
                .contains("(" + agentClock + " your time, Europe/Oslo)").contains("Test rep");
        JsonNode meetings = boss.get("/api/v1/appointments?from=" + monday + "&to=" + monday.plusDays(7)).json()
                .get("items");
        assertThat(meetings).hasSize(1);
        assertThat(Instant.parse(meetings.get(0).get("start").asText()))
                .isEqualTo(thursday.atTime(12, 0).atZone(LONDON).toInstant())
                .isEqualTo(thursday.atTime(13, 0).atZone(OSLO).toInstant());
        assertThat(meetings.get(0).get("type").asText()).isEqualTo("VIDEO");
    }

    @Test
    void withoutADefaultTheAgentChoosesTheTypeAndOtherFiltersFollowTheKeys() {
        workspace("No Default AS");
        String project = project(1);
        openDialog(agent("en"), project);

        // no type is assumed: nothing is offered until the agent chooses one
        assertThat(browser.has(By.id("choose-type"))).isTrue();
        assertThat(browser.has(By.id("slots"))).isFalse();
        assertThat(browser.has(By.cssSelector("#meeting-types a.active"))).isFalse();
        assertThat(browser.text(By.id("meeting-types"))).contains("On site").contains("Phone")
                .doesNotContain("ON_SITE");
        String phoneKey = browser.driver().findElements(By.cssSelector(".type-choice")).stream()
                .filter(a -> a.getText().contains("Phone")).findFirst().orElseThrow().getAttribute("data-key");
        keys(phoneKey);
        browser.waitFor(By.id("slots"));
        assertThat(browser.text(By.cssSelector("#meeting-types a.active"))).isEqualTo("Phone");

        // E: evening on the lead's clock; the rep's day ends at 16:00 London, so none; B: the best slots again
        keys("e");
        waitUntil(d -> browser.has(By.cssSelector(".part.active[data-part='evening']")));
        assertThat(browser.has(By.id("no-slots"))).isTrue();
        keys("b");
        waitUntil(d -> !browser.has(By.cssSelector(".part.active")) && browser.has(By.cssSelector(".slot")));
        // F twice: Friday, then the Friday a week later; ArrowLeft: the Thursday before it
        keys("f");
        waitUntil(d -> browser.has(By.cssSelector(".days a.day.active[data-date='" + monday.plusDays(4) + "']")));
        keys("f");
        waitUntil(d -> browser.has(By.cssSelector(".days a.day.active[data-date='" + monday.plusDays(11) + "']")));
        keys(Keys.ARROW_LEFT);
        waitUntil(d -> browser.has(By.cssSelector(".days a.day.active[data-date='" + monday.plusDays(10) + "']")));
        assertThat(browser.text(By.cssSelector(".slot[data-key='1']"))).contains("Europe/London");
        // R: the rep picker; choosing the rep keeps the day
        keys("r");
        assertThat(browser.driver().switchTo().activeElement().getAttribute("id")).isEqualTo("rep-picker");
        new Select(browser.field("rep-picker")).selectByValue(rep.id());
        waitUntil(d -> d.getCurrentUrl().contains("rep=" + rep.id()));
        assertThat(browser.has(By.cssSelector(".days a.day.active[data-date='" + monday.plusDays(10) + "']"))).isTrue();
        assertThat(browser.text(By.cssSelector(".slot[data-key='1']"))).contains("Test rep");
        keys("1");
        browser.waitFor(By.id("booked"));
        JsonNode meeting = boss.get("/api/v1/appointments?from=" + monday + "&to=" + monday.plusDays(14)).json()
                .get("items").get(0);
        assertThat(meeting.get("type").asText()).isEqualTo("PHONE");
        assertThat(LocalDate.ofInstant(Instant.parse(meeting.get("start").asText()), LONDON))
                .isEqualTo(monday.plusDays(10));
        assertThat(meeting.get("choice").asText()).isEqualTo("CHOSEN");
    }

    @Test
    void theDialogFitsTheWindowInRussianAndKorean() {
        workspace("Languages AS");
        String project = project(2);
        assertThat(boss.send("PUT", "/api/v1/projects/" + project + "/booking-defaults",
                Map.of("defaultMeetingType", "ON_SITE")).status()).isEqualTo(200);
        for (String locale : List.of("ru", "ko")) {
            openDialog(agent(locale), project);
            keys("t");
            waitUntil(d -> browser.has(By.cssSelector(".days a.day.active")));
            keys("a");
            waitUntil(d -> browser.has(By.cssSelector(".part.active")));
            browser.screenshot("booking-dialog-" + locale);
            assertThat(browser.pageText()).doesNotContain("ON_SITE").doesNotContain("AFTERNOON")
                    .doesNotContain("ROUND_ROBIN").doesNotContain("??");
            JavascriptExecutor js = (JavascriptExecutor) browser.driver();
            // nothing of the dialog sticks out of its box, nor the page out of the window
            Object overflowing = js.executeScript("""
                    const out = [];
                    if (document.documentElement.scrollWidth > document.documentElement.clientWidth) out.push('page');
                    document.querySelectorAll('.booking .slot, .booking .day, .booking .part, .booking .weekday,'
                        + ' .booking #best-slots, .booking .rep-picker, .booking .tabs a').forEach(e => {
                      if (e.scrollWidth > e.clientWidth + 1) out.push(e.className + ': ' + e.textContent.trim());
                      const r = e.getBoundingClientRect();
                      const box = e.closest('section').getBoundingClientRect();
                      if (r.right > box.right + 1) out.push('outside ' + e.className + ': ' + e.textContent.trim());
                    });
                    return out.join('\\n');""");
            assertThat(overflowing).as(locale).isEqualTo("");
        }
    }
}

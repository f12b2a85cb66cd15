package dev.callsheet.dialing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.callsheet.support.Api;
import dev.callsheet.support.Browser;
import dev.callsheet.support.IntegrationTest;
import dev.callsheet.support.Tenant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.interactions.Actions;
import tools.jackson.databind.JsonNode;

/** An agent works three leads through the console in a real Chromium, with the keyboard alone. */
class ConsoleBrowserTests extends IntegrationTest {

    private static Browser browser;

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
            browser = null;
        }
    }

    /** One browser for the class, signed in afresh as {@code user}. */
    private void signInAs(Tenant.User user) {
        if (browser == null) {
            browser = Browser.open(baseUrl());
        } else {
            browser.signOut();
        }
        browser.signIn(user.username(), user.password());
    }

    /** Leads in Oslo, one per first name, put in the project's queue in that order. */
    private static List<String> osloLeads(Api boss, String project, String surname, String... firstNames) {
        List<String> ids = new java.util.ArrayList<>();
        for (String name : firstNames) {
            ids.add(boss.post("/api/v1/contacts", Map.of("firstName", name, "surname", surname,
                    "phone", QueueApiIntegrationTests.oslo(), "country", "NO")).json().get("id").asText());
        }
        boss.post("/api/v1/projects/" + project + "/leads", Map.of("contactIds", ids));
        return ids;
    }

    private void keys(CharSequence... keys) {
        new Actions(browser.driver()).sendKeys(keys).perform();
    }

    @Test
    void anAgentWorksThreeLeadsWithTheKeyboardAlone() {
        Tenant tenant = Tenant.create(api, "Console Browser AS");
        Api boss = api.as(tenant.user("SUPERVISOR"));
        String project = boss.post("/api/v1/projects", Map.of("name", "Solar autumn", "primaryGoal", "Book a roof visit",
                "callingHours", QueueApiIntegrationTests.allDay())).json().get("id").asText();
        boss.send("PUT", "/api/v1/projects/" + project + "/scripts/en", Map.of("start", "open", "nodes", List.of(
                Map.of("id", "open", "stage", "OPENING", "text", "Hello, this is Nordlys Solar. Do you have a minute?",
                        "answers", List.of(Map.of("label", "Yes", "next", "roof"), Map.of("label", "No time"))),
                Map.of("id", "roof", "stage", "DIALOGUE", "text", "How old is your roof?", "answers", List.of())),
                "objections", List.of(Map.of("objection", "Too expensive", "answer", "We offer financing over 10 years."))));
        List<String> names = List.of("Astrid Berg", "Bjørn Dahl", "Camilla Eik");
        List<String> ids = new java.util.ArrayList<>();
        for (String name : names) {
            String[] parts = name.split(" ");
            ids.add(boss.post("/api/v1/contacts", Map.of("firstName", parts[0], "surname", parts[1],
                    "phone", QueueApiIntegrationTests.oslo(), "country", "NO")).json().get("id").asText());
        }
        boss.post("/api/v1/projects/" + project + "/leads", Map.of("contactIds", ids));
        Tenant.User agent = tenant.user("AGENT");

        browser = Browser.open(baseUrl());
        browser.signIn(agent.username(), agent.password());
        browser.waitFor(By.id("nav-console"));
        keys("g", "c");
        browser.waitForPath("/console");
        keys("1");
        browser.waitFor(By.id("next-lead"));

        // Lead 1: no answer.
        keys("n");
        browser.waitFor(By.id("outcome-form"));
        assertThat(browser.text(By.id("lead-name"))).isEqualTo(names.get(0));
        assertThat(browser.text(By.id("time-zone"))).isEqualTo("Europe/Oslo");
        assertThat(browser.driver().findElement(By.id("dial")).getAttribute("href")).startsWith("tel:+4722");
        browser.screenshot("console-call");
        keys("6");
        browser.waitFor(By.id("recorded"));
        assertThat(browser.text(By.id("recorded"))).contains("No answer");

        // Lead 2: call back tomorrow at 10:30, the lead's time.
        keys("n");
        browser.waitFor(By.id("outcome-form"));
        assertThat(browser.text(By.id("lead-name"))).isEqualTo(names.get(1));
        keys("4");
        String tomorrow = LocalDateTime.ofInstant(clock.instant(), ZoneId.of("Europe/Oslo")).plusDays(1)
                .withHour(10).withMinute(30).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"));
        assertThat(browser.driver().switchTo().activeElement().getAttribute("id")).isEqualTo("callbackAt");
        keys(tomorrow, Keys.ENTER);
        browser.waitFor(By.id("recorded"));
        assertThat(browser.text(By.id("recorded"))).contains("Call back");

        // Lead 3: the script, an objection, then qualified and handed over to booking.
        keys("n");
        browser.waitFor(By.id("outcome-form"));
        assertThat(browser.text(By.id("lead-name"))).isEqualTo(names.get(2));
        keys("s", Keys.ENTER);
        assertThat(browser.text(By.cssSelector(".script-node:not([hidden]) .script-text"))).isEqualTo("How old is your roof?");
        keys(Keys.ESCAPE, "o");
        assertThat(browser.driver().findElement(By.id("objections")).isDisplayed()).isTrue();
        keys(Keys.ESCAPE, "b");
        assertThat(browser.driver().switchTo().activeElement().getAttribute("id")).isEqualTo("interest");
        keys("5", Keys.TAB, "4", Keys.TAB, "4", Keys.TAB, "Roof from 1998, south facing");
        browser.screenshot("console-qualification");
        keys(Keys.ENTER);
        browser.waitFor(By.id("handed-off"));
        browser.screenshot("console-ready");

        JsonNode first = boss.get("/api/v1/contacts/" + ids.get(0) + "/calls").json().get("items").get(0);
        assertThat(first.get("outcome").asText()).isEqualTo("NO_ANSWER");
        JsonNode second = boss.get("/api/v1/contacts/" + ids.get(1) + "/calls").json().get("items").get(0);
        assertThat(second.get("outcome").asText()).isEqualTo("FOLLOW_UP");
        assertThat(second.get("callbackAt").asText()).isNotBlank();
        assertThat(boss.get("/api/v1/contacts/" + ids.get(2)).json().get("status").asText()).isEqualTo("QUALIFIED");
        JsonNode third = boss.get("/api/v1/contacts/" + ids.get(2) + "/calls").json().get("items").get(0);
        assertThat(third.get("talkSeconds").asInt()).isGreaterThanOrEqualTo(0);
    }
    /**
     * Issue #26 point 1, the callback trap: a bad callback time shows its error, and "No answer" after it still
     * saves a no-answer; a valid time typed and then abandoned does not turn "No answer" into a callback; the talk
     * timer keeps counting through the page's re-render.
     */
    @Test
    void aCallbackTimeNeverRidesAlongWithAnotherOutcome() throws InterruptedException {
        Tenant tenant = Tenant.create(api, "Console Trap AS");
        Api boss = api.as(tenant.user("SUPERVISOR"));
        String project = boss.post("/api/v1/projects", Map.of("name", "Trap", "callingHours",
                QueueApiIntegrationTests.allDay())).json().get("id").asText();
        List<String> ids = osloLeads(boss, project, "Fjell", "Dag", "Eva");
        Tenant.User agent = tenant.user("AGENT");
        signInAs(agent);
        browser.go("/console/" + project);
        browser.waitFor(By.id("next-lead"));

        // Lead 1: a callback time that is no time, then "No answer".
        keys("n");
        browser.waitFor(By.id("outcome-form"));
        Thread.sleep(2100);
        keys("4");
        keys("tomorrow-ish", Keys.ENTER);
        browser.waitFor(By.id("outcome-error"));
        assertThat(browser.driver().findElement(By.id("outcome-error")).getAttribute("data-field")).isEqualTo("callbackAt");
        assertThat(browser.text(By.id("timer"))).as("the timer survives the re-render").isNotEqualTo("0:00");
        keys(Keys.ESCAPE, "6");
        browser.waitFor(By.id("recorded"));
        assertThat(browser.text(By.id("recorded"))).contains("No answer");

        // Lead 2: a valid time typed and abandoned, then "No answer".
        keys("n");
        browser.waitFor(By.id("outcome-form"));
        keys("4");
        String tomorrow = LocalDateTime.ofInstant(clock.instant(), ZoneId.of("Europe/Oslo")).plusDays(1)
                .withHour(10).withMinute(30).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"));
        keys(tomorrow, Keys.ESCAPE, "6");
        browser.waitFor(By.id("recorded"));
        assertThat(browser.text(By.id("recorded"))).contains("No answer");

        for (String id : ids) {
            JsonNode call = boss.get("/api/v1/contacts/" + id + "/calls").json().get("items").get(0);
            assertThat(call.get("outcome").asText()).as(id).isEqualTo("NO_ANSWER");
            assertThat(call.get("callbackAt").isNull()).as(id).isTrue();
        }
    }
    /** A key as a Russian or Korean layout (or Caps Lock) sends it: the character differs, the key's place does not. */
    private void press(String character, String code) {
        ((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeScript(
                "document.activeElement.dispatchEvent(new KeyboardEvent('keydown',"
                        + " {key: arguments[0], code: arguments[1], bubbles: true, cancelable: true}));",
                character, code);
    }

    /** Issue #26 point 2: every console shortcut works by the key's place, on Cyrillic and Hangul layouts and with Caps Lock. */
    @Test
    void shortcutsWorkOnRussianAndKoreanLayoutsAndWithCapsLock() {
        Tenant tenant = Tenant.create(api, "Console Layouts AS");
        Api boss = api.as(tenant.user("SUPERVISOR"));
        String project = boss.post("/api/v1/projects", Map.of("name", "Layouts", "callingHours",
                QueueApiIntegrationTests.allDay())).json().get("id").asText();
        boss.send("PUT", "/api/v1/projects/" + project + "/scripts/en", Map.of("start", "open", "nodes", List.of(
                Map.of("id", "open", "stage", "OPENING", "text", "Hello!", "answers", List.of(Map.of("label", "Yes")))),
                "objections", List.of(Map.of("objection", "Too expensive", "answer", "Financing."))));
        osloLeads(boss, project, "Lund", "Gro", "Hans");
        Tenant.User agent = tenant.user("AGENT");
        signInAs(agent);
        browser.waitFor(By.id("nav-console"));

        // Russian: "g" then "c" are п and с on ЙЦУКЕН; "n" is т.
        press("п", "KeyG");
        press("с", "KeyC");
        browser.waitForPath("/console");
        browser.go("/console/" + project);
        browser.waitFor(By.id("next-lead"));
        press("т", "KeyN");
        browser.waitFor(By.id("outcome-form"));

        // Korean (두벌식): s, o, t are ㄴ, ㅐ, ㅅ.
        press("ㄴ", "KeyS");
        assertThat(browser.driver().switchTo().activeElement().getAttribute("class")).contains("answer");
        press("Escape", "Escape");
        press("ㅐ", "KeyO");
        assertThat(browser.driver().findElement(By.id("objections")).isDisplayed()).isTrue();
        press("Escape", "Escape");
        press("ㅅ", "KeyT");
        assertThat(browser.driver().findElement(By.id("timer")).getAttribute("class")).contains("paused");
        press("ㅅ", "KeyT");
        // Caps Lock: "K", the gatekeeper's key (the eleventh outcome), opens the gatekeeper's fields.
        assertThat(browser.driver().findElement(By.cssSelector("[data-outcome=GATEKEEPER]")).getAttribute("data-key"))
                .isEqualTo("k");
        press("K", "KeyK");
        assertThat(browser.driver().findElement(By.id("extra-gatekeeper")).isDisplayed()).isTrue();
        press("Escape", "Escape");
        // Korean "6" is a digit on every layout; Russian "b" (и) books.
        press("6", "Digit6");
        browser.waitFor(By.id("recorded"));
        assertThat(browser.text(By.id("recorded"))).contains("No answer");
        press("т", "KeyN");
        browser.waitFor(By.id("outcome-form"));
        press("и", "KeyB");
        assertThat(browser.driver().switchTo().activeElement().getAttribute("id")).isEqualTo("interest");
    }
    /**
     * Issue #26 point 3: a Norwegian agent calling a British homeowner gets the English script with the agent's own
     * name filled in, switches it with one key, and a script naming a placeholder no call can fill is refused.
     */
    @Test
    void theScriptFollowsTheLeadWithItsPlaceholdersFilled() {
        Tenant tenant = Tenant.create(api, "Console Scripts AS");
        Api boss = api.as(tenant.user("SUPERVISOR"));
        String project = boss.post("/api/v1/projects", Map.of("name", "Scripts", "callingHours",
                QueueApiIntegrationTests.allDay())).json().get("id").asText();
        for (String[] variant : new String[][] {{"en", "Hello {lead.firstName}, this is {agent} from {company}."},
                {"nb", "Hei {lead.firstName}, dette er {agent} fra {company}."}}) {
            assertThat(boss.send("PUT", "/api/v1/projects/" + project + "/scripts/" + variant[0], Map.of("start", "open",
                    "nodes", List.of(Map.of("id", "open", "stage", "OPENING", "text", variant[1], "answers", List.of()))))
                    .status()).isEqualTo(200);
        }
        Api.Response unknown = boss.send("PUT", "/api/v1/projects/" + project + "/scripts/en", Map.of("start", "open",
                "nodes", List.of(Map.of("id", "open", "stage", "OPENING", "text", "Hi {firstname}", "answers", List.of()))));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("field").asText()).isEqualTo("nodes[0].text");
        assertThat(unknown.json().get("detail").asText()).contains("{firstname}");

        String lead = boss.post("/api/v1/contacts", Map.of("firstName", "Oliver", "surname", "Smith",
                "phone", "+44 20 7946 0018", "country", "GB")).json().get("id").asText();
        boss.post("/api/v1/projects/" + project + "/leads", Map.of("contactIds", List.of(lead)));
        String username = "sofie" + System.nanoTime();
        Api.Response created = tenant.asAdmin().post("/api/v1/users", Map.of("username", username,
                "password", "a-long-password", "roles", List.of("AGENT"), "displayName", "Sofie Nilsen", "locale", "nb"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        Tenant.User agent = new Tenant.User(created.json().get("id").asText(), username, "a-long-password");
        signInAs(agent);
        browser.go("/console/" + project);
        browser.waitFor(By.id("next-lead"));
        assertThat(browser.driver().findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("nb");
        keys("n");
        browser.waitFor(By.id("outcome-form"));
        assertThat(browser.text(By.cssSelector(".script-node:not([hidden]) .script-text")))
                .isEqualTo("Hello Oliver, this is Sofie Nilsen from Console Scripts AS.");
        keys("l");
        browser.waitFor(By.cssSelector(".script-text[lang='nb']"));
        assertThat(browser.text(By.cssSelector(".script-node:not([hidden]) .script-text")))
                .isEqualTo("Hei Oliver, dette er Sofie Nilsen fra Console Scripts AS.");
    }
    /**
     * Issue #26 point 4: a callback just set is under "My callbacks" on the console and in Tasks, and when the only
     * lead due is in Seoul at night the empty queue says so and names the next window, in Seoul's time and the
     * agent's.
     */
    @Test
    void myCallbacksAndAnEmptyQueueThatNamesTheNextWindow() {
        java.time.LocalDate monday = java.time.LocalDate.ofInstant(clock.instant().plus(java.time.Duration.ofDays(7)),
                java.time.ZoneOffset.UTC).with(java.time.temporal.TemporalAdjusters.next(java.time.DayOfWeek.MONDAY));
        clock.set(monday.atTime(10, 0).toInstant(java.time.ZoneOffset.UTC)); // 11:00 in Oslo, 19:00 in Seoul
        Tenant tenant = Tenant.create(api, "Console Outlook AS");
        Api boss = api.as(tenant.user("SUPERVISOR"));
        Map<String, Object> hours = new java.util.HashMap<>();
        for (java.time.DayOfWeek day : java.time.DayOfWeek.values()) {
            hours.put(day.name(), List.of(Map.of("from", "09:00", "to", "17:00")));
        }
        String project = boss.post("/api/v1/projects", Map.of("name", "Outlook", "callingHours", hours,
                "timeZone", "Europe/Oslo")).json().get("id").asText();
        String oslo = boss.post("/api/v1/contacts", Map.of("firstName", "Ida", "surname", "Moe",
                "phone", QueueApiIntegrationTests.oslo(), "country", "NO")).json().get("id").asText();
        String seoul = boss.post("/api/v1/contacts", Map.of("firstName", "Ji-woo", "surname", "Kim",
                "phone", QueueApiIntegrationTests.seoul(), "country", "KR")).json().get("id").asText();
        boss.post("/api/v1/projects/" + project + "/leads", Map.of("contactIds", List.of(oslo, seoul)));
        Tenant.User agent = tenant.user("AGENT");
        signInAs(agent);
        browser.go("/console/" + project);
        browser.waitFor(By.id("next-lead"));
        assertThat(browser.text(By.id("queue-counts"))).contains("1").contains("outside their calling hours");

        keys("n");
        browser.waitFor(By.id("outcome-form"));
        assertThat(browser.text(By.id("lead-name"))).isEqualTo("Ida Moe");
        keys("4");
        String tomorrow = monday.plusDays(1) + " 09:00";
        keys(tomorrow, Keys.ENTER);
        browser.waitFor(By.id("recorded"));

        assertThat(browser.text(By.id("my-callbacks"))).contains("Ida Moe").contains("Outlook");
        keys("n");
        browser.waitFor(By.id("queue-empty"));
        String empty = browser.text(By.id("queue-empty"));
        assertThat(empty).contains("outside their calling hours").contains("9:00 AM Asia/Seoul");
        assertThat(browser.has(By.cssSelector("#queue-empty.success"))).isFalse();
        browser.screenshot("console-empty-queue");

        browser.go("/tasks");
        browser.waitFor(By.id("my-callbacks"));
        assertThat(browser.text(By.id("my-callbacks"))).contains("Ida Moe");
        assertThat(browser.pageText()).doesNotContain("Nothing to do");
    }
}

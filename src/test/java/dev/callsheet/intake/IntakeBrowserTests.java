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
import org.openqa.selenium.support.ui.Select;
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

    /** One browser for the class, signed in afresh as {@code user}. */
    private void signInAs(Tenant.User user) {
        if (browser == null) {
            browser = Browser.open(baseUrl());
        } else {
            browser.signOut();
        }
        browser.signIn(user.username(), user.password());
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

    @Test
    void aSupervisorDrawsTheRosterAndSeesTheGapsAheadAndTheAdminCopiesTheWebForm() {
        Tenant tenant = Tenant.create(api, "Roster Browser AS");
        tenant.asAdmin().post("/api/v1/regions", Map.of("name", "Oslo"));
        Tenant.User supervisor = tenant.user("SUPERVISOR");
        tenant.user("REP");
        signInAs(supervisor);
        browser.go("/duty?region=Oslo");
        browser.waitFor(By.id("add-pattern"));
        assertThat(browser.has(By.id("gaps"))).as("nobody on duty yet: every weekday is a gap").isTrue();
        new org.openqa.selenium.support.ui.Select(browser.driver().findElement(By.id("pattern-weekday")))
                .selectByValue("MONDAY");
        browser.field("pattern-from").clear();
        browser.field("pattern-from").sendKeys("08:00");
        browser.field("pattern-to").clear();
        browser.field("pattern-to").sendKeys("17:00");
        browser.driver().findElement(By.cssSelector("#add-pattern button")).click();
        browser.waitFor(By.cssSelector("#patterns tbody tr"));
        assertThat(browser.text(By.id("patterns"))).contains("08:00–17:00").contains("Test rep");
        // The week drawn: Monday 08:00-17:00 is one cell of 18 half hours with the rep's name; Tuesday's
        // cover hours are one red gap.
        var monday = browser.driver().findElement(By.cssSelector("#week-grid td.slot.duty[data-day='0']"));
        assertThat(monday.getText()).contains("Test rep").contains("08:00–17:00");
        assertThat(monday.getAttribute("rowspan")).isEqualTo("18");
        var tuesday = browser.driver().findElement(By.cssSelector("#week-grid td.slot.gap[data-day='1']"));
        assertThat(tuesday.getAttribute("data-from")).isEqualTo("08:00");
        assertThat(tuesday.getAttribute("data-to")).isEqualTo("17:00");
        assertThat(browser.driver().findElements(By.cssSelector("#week-grid td.slot.gap[data-day='5']")))
                .as("no cover is asked for on Saturdays").isEmpty();
        // Drawing from the grid: a click on Tuesday's gap fills the form; adding it covers Tuesday.
        tuesday.click();
        assertThat(browser.field("pattern-weekday").getAttribute("value")).isEqualTo("TUESDAY");
        assertThat(browser.field("pattern-from").getAttribute("value")).isEqualTo("08:00");
        assertThat(browser.field("pattern-to").getAttribute("value")).isEqualTo("17:00");
        browser.driver().findElement(By.cssSelector("#add-pattern button")).click();
        browser.waitFor(By.cssSelector("#week-grid td.slot.duty[data-day='1']"));
        assertThat(browser.driver().findElement(By.cssSelector("#week-grid td.slot.duty[data-day='1']"))
                .getAttribute("rowspan")).isEqualTo("18");
        browser.driver().findElement(By.id("week-after")).click();
        browser.waitFor(By.cssSelector("#week-grid td.slot.duty[data-day='0']"));
        assertThat(browser.driver().getCurrentUrl()).contains("week=");
        browser.screenshot("duty-roster");
        assertThat(api.as(supervisor).get("/api/v1/duty/roster?region=Oslo").json().get("items")).hasSize(2);

        browser.signOut();
        browser.signIn(tenant.admin().username(), tenant.admin().password());
        browser.go("/admin/web-form");
        browser.waitFor(By.id("snippet"));
        assertThat(browser.text(By.id("snippet"))).contains("/api/v1/public/" + tenant.key() + "/leads")
                .contains("_gotcha");
        browser.screenshot("web-form");
    }

    @Test
    void aSupervisorAddsARuleSeesTheDryRunAndDistributesAnExhibitionListAfterAPreview() throws Exception {
        Tenant tenant = Tenant.create(api, "Routing Browser AS");
        String oslo = tenant.asAdmin().post("/api/v1/regions", Map.of("name", "Oslo")).json().get("id").asText();
        Tenant.User supervisor = tenant.user("SUPERVISOR");
        Tenant.User first = tenant.user("REP");
        Tenant.User second = tenant.user("REP");
        for (Tenant.User rep : java.util.List.of(first, second)) {
            tenant.asAdmin().patch("/api/v1/users/" + rep.id(), Map.of("region", oslo));
        }
        Api boss = api.as(supervisor);
        StringBuilder csv = new StringBuilder("name;phone;region\n");
        for (int i = 0; i < 7; i++) {
            csv.append("Expo Visitor ").append(i).append(";+47 22 70 ").append(10 + i).append(" 00;Oslo\n");
        }
        String importId = boss.upload("/api/v1/imports", "expo.csv",
                csv.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8), Map.of("country", "NO")).json()
                .get("id").asText();
        for (int i = 0; i < 300 && !boss.get("/api/v1/imports/" + importId).json().get("status").asText()
                .equals("DONE"); i++) {
            Thread.sleep(100);
        }
        signInAs(supervisor);
        browser.go("/routing");
        browser.waitFor(By.id("add-rule"));
        browser.field("rule-name").sendKeys("Exhibition leads to the first rep");
        new org.openqa.selenium.support.ui.Select(browser.driver().findElement(By.id("rule-channel")))
                .selectByValue("EXHIBITION");
        new org.openqa.selenium.support.ui.Select(browser.driver().findElement(By.id("rule-target")))
                .selectByValue("USER");
        new org.openqa.selenium.support.ui.Select(browser.driver().findElement(By.id("rule-user")))
                .selectByValue(first.id());
        browser.driver().findElement(By.id("save-rule")).click();
        browser.waitFor(By.cssSelector("#rules tbody tr"));
        assertThat(browser.text(By.id("rules"))).contains("Exhibition leads to the first rep");
        browser.driver().findElement(By.id("dry-run")).click();
        browser.waitFor(By.id("dry-run-result"));
        assertThat(browser.text(By.id("dry-run-result"))).contains("Expo Visitor");
        browser.screenshot("routing-rules");

        browser.go("/leads/imports/" + importId);
        browser.waitFor(By.id("distribute"));
        browser.driver().findElement(By.id("distribute")).click();
        browser.waitFor(By.id("preview-form"));
        browser.driver().findElement(By.id("preview")).click();
        browser.waitFor(By.id("plan"));
        assertThat(browser.text(By.id("plan"))).contains("Test rep");
        browser.screenshot("exhibition-preview");
        assertThat(api.as(first).get("/api/v1/tasks").json().get("items")).as("nothing given out yet").isEmpty();
        browser.driver().findElement(By.id("distribute-now")).click();
        browser.waitForPath("/tasks");
        int a = api.as(first).get("/api/v1/tasks").json().get("items").size();
        int b = api.as(second).get("/api/v1/tasks").json().get("items").size();
        assertThat(a + b).isEqualTo(7);
        assertThat(Math.abs(a - b)).isLessThanOrEqualTo(1);

        // one of them calls back with a question while their manager is out: a task of another kind, with details
        String visitor = boss.get("/api/v1/contacts?q=Expo%20Visitor").json().get("items").get(0).get("id").asText();
        assertThat(boss.post("/api/v1/inbound/calls", Map.of("contactId", visitor,
                "question", "Do you install in winter?")).status()).isEqualTo(201);

        // the supervisor's view of everyone's tasks lists all eight, whatever each task's details hold
        browser.go("/tasks?all=true");
        browser.waitFor(By.id("tasks"));
        assertThat(browser.driver().findElements(By.cssSelector("#tasks tbody tr"))).hasSize(8);
        assertThat(browser.text(By.id("tasks"))).contains("Exhibition contact: Expo Visitor")
                .contains("Call from Expo Visitor").contains("Do you install in winter?");
        browser.screenshot("tasks-everyone");

        // the same tasks read in Norwegian: their titles are kept by key, not only as English text
        browser.go("/account");
        new Select(browser.driver().findElement(By.id("locale"))).selectByValue("nb");
        browser.driver().findElement(By.id("locale")).submit();
        browser.waitFor(By.cssSelector("html[lang='nb']"));
        browser.go("/tasks?all=true");
        browser.waitFor(By.id("tasks"));
        assertThat(browser.text(By.id("tasks"))).contains("Messekontakt: Expo Visitor")
                .contains("Anrop fra Expo Visitor").doesNotContain("Exhibition contact");
    }

    @Test
    void anInboundCallListsEveryCardTheNumberMatchesWithItsReason() {
        Tenant tenant = Tenant.create(api, "Two Matches Browser AS");
        Api boss = api.as(tenant.user("SUPERVISOR"));
        String first = boss.post("/api/v1/contacts", Map.of("firstName", "Ingrid", "surname", "Bakke", "phone",
                "+47 22 40 50 60", "country", "NO", "organisation", "Bakke Regnskap AS")).json().get("id").asText();
        String second = boss.post("/api/v1/contacts", Map.of("firstName", "Jon", "surname", "Bakke", "phone",
                "+47 22 40 50 60", "country", "NO", "organisation", "Bakke Regnskap AS")).json().get("id").asText();
        Tenant.User agent = tenant.user("AGENT");
        signInAs(agent);
        browser.go("/calls/incoming?phone=%2B4722405060");
        browser.waitFor(By.id("caller-matches"));
        var matches = browser.driver().findElements(By.cssSelector("#caller-matches .caller-match"));
        assertThat(matches).hasSize(2);
        assertThat(matches.stream().map(m -> m.getAttribute("data-id")).toList()).containsExactlyInAnyOrder(first, second);
        assertThat(browser.text(By.id("caller-matches"))).contains("Ingrid Bakke").contains("Jon Bakke")
                .contains("+4722405060");
        assertThat(matches.stream().map(m -> m.findElement(By.className("reason")).getText()).toList())
                .allSatisfy(reason -> assertThat(reason).contains("+4722405060"));
    }

    /** Issue #26 point 4: a known caller is not "a new caller", and a caller for whom it is 02:43 comes with a warning. */
    @Test
    void anInboundCallShowsTheCallersClockAndWarnsAtNight() {
        clock.set(java.time.LocalDate.ofInstant(clock.instant(), java.time.ZoneOffset.UTC).plusDays(1)
                .atTime(17, 43).toInstant(java.time.ZoneOffset.UTC)); // 02:43 in Seoul
        Tenant tenant = Tenant.create(api, "Night Caller AS");
        Api boss = api.as(tenant.user("SUPERVISOR"));
        boss.post("/api/v1/contacts", Map.of("firstName", "Min-seo", "surname", "Park", "phone", "+82 2 312 3456",
                "country", "KR"));
        Tenant.User agent = tenant.user("AGENT");
        signInAs(agent);
        browser.go("/calls/incoming?phone=%2B8223123456");
        browser.waitFor(By.id("caller-clock"));
        assertThat(browser.text(By.id("caller-clock"))).contains("2:43").contains("Asia/Seoul");
        assertThat(browser.has(By.cssSelector("#caller-clock.warn"))).isTrue();
        assertThat(browser.text(By.id("caller"))).contains("Min-seo Park").doesNotContain("A new caller");
    }
}

package dev.callsheet.campaigns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.callsheet.support.Api;
import dev.callsheet.support.Browser;
import dev.callsheet.support.IntegrationTest;
import dev.callsheet.support.Tenant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.Select;
import tools.jackson.databind.JsonNode;

/** A supervisor sets up a project through the pages: settings, script, outcomes, holidays and do-not-call. */
class ProjectPagesBrowserTests extends IntegrationTest {

    private static Browser browser;

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
            browser = null;
        }
    }

    private void submit(String css) {
        browser.driver().findElement(By.cssSelector(css)).click();
    }

    @Test
    void aSupervisorSetsUpAProjectThroughThePages() {
        Tenant tenant = Tenant.create(api, "Project Pages AS");
        Tenant.User supervisor = tenant.user("SUPERVISOR");
        Api asSupervisor = api.as(supervisor);
        browser = Browser.open(baseUrl());
        browser.signIn(supervisor.username(), supervisor.password());
        browser.waitFor(By.id("nav-projects"));

        browser.go("/projects/new");
        browser.field("name").sendKeys("Heat pumps, winter");
        new Select(browser.field("reviewCadence")).selectByValue("TWICE_DAILY");
        browser.field("primaryGoal").sendKeys("Book a home visit");
        browser.field("mediaPlan").clear();
        browser.field("mediaPlan").sendKeys("CATALOGUE 0 winter catalogue\nCALL 5 follow-up call");
        browser.field("priority").clear();
        browser.field("priority").sendKeys("POSTCODE, SCORE");
        browser.field("SATURDAY-from").sendKeys("10:00");
        browser.field("SATURDAY-to").sendKeys("14:00");
        browser.field("kpi-connect").sendKeys("35");
        submit("#save-project");
        browser.waitFor(By.id("queue-counts"));
        String projectId = browser.path().substring("/projects/".length());
        browser.screenshot("project-page");

        JsonNode project = asSupervisor.get("/api/v1/projects/" + projectId).json();
        assertThat(project.get("reviewCadence").asText()).isEqualTo("TWICE_DAILY");
        assertThat(project.get("mediaPlan").get(1).get("kind").asText()).isEqualTo("CALL");
        assertThat(project.get("mediaPlan").get(1).get("afterDays").asInt()).isEqualTo(5);
        assertThat(project.get("priority").toString()).isEqualTo("[\"POSTCODE\",\"SCORE\"]");
        assertThat(project.get("callingHours").get("SATURDAY").get(0).get("to").asText()).isEqualTo("14:00");
        assertThat(project.get("callingHours").get("MONDAY").get(0).get("from").asText()).isEqualTo("09:00");
        assertThat(project.get("kpiTargets").get("connectRate").asDouble()).isEqualTo(0.35);

        // A bad zone comes back to the form with the field marked.
        browser.go("/projects/" + projectId + "/edit");
        browser.field("timeZone").clear();
        browser.field("timeZone").sendKeys("Mars/Olympus");
        submit("#save-project");
        browser.waitFor(By.cssSelector(".field.invalid #timeZone"));

        browser.go("/projects/" + projectId + "/script/en");
        browser.field("node-text-0").sendKeys("Hello, this is Nordlys. Is the house heated with electricity?");
        browser.field("node-answers-0").sendKeys("Yes => pump\nNo");
        browser.field("node-id-1").sendKeys("pump");
        browser.field("node-text-1").sendKeys("A heat pump would cut that bill by half. May we visit?");
        browser.field("objection-0").sendKeys("Too noisy");
        browser.field("answer-0").sendKeys("Today's outdoor units are quieter than a fridge.");
        submit("#save-script");
        browser.waitFor(By.cssSelector(".flash.success"));
        browser.screenshot("script-editor");
        JsonNode script = asSupervisor.get("/api/v1/projects/" + projectId + "/scripts/en").json();
        assertThat(script.get("nodes").get(0).get("answers").get(0).get("next").asText()).isEqualTo("pump");
        assertThat(script.get("nodes").get(0).get("answers").get(1).get("next").isNull()).isTrue();
        assertThat(script.get("nodes").get(1).get("stage").asText()).isEqualTo("DIALOGUE");
        assertThat(script.get("objections").get(0).get("objection").asText()).isEqualTo("Too noisy");

        browser.go("/projects/" + projectId + "/outcomes");
        browser.field("new-code").sendKeys("VISIT_LATER");
        browser.field("new-label").sendKeys("Visit after New Year");
        new Select(browser.field("new-followUp")).selectByValue("RETRY");
        browser.field("new-delay").sendKeys("10080");
        submit("#new-outcome button[type=submit]");
        browser.waitFor(By.cssSelector(".flash.success"));
        assertThat(browser.text(By.id("outcomes"))).contains("VISIT_LATER");

        browser.go("/holidays");
        browser.field("h-country").sendKeys("NO");
        // The page lists holidays around the (test-controlled) today.
        String day = java.time.LocalDate.ofInstant(clock.instant(), java.time.ZoneOffset.UTC).plusDays(30).toString();
        ((JavascriptExecutor) browser.driver()).executeScript("document.getElementById('h-day').value = '" + day + "'");
        browser.field("h-name").sendKeys("Boxing Day");
        submit("#new-holiday button[type=submit]");
        browser.waitFor(By.cssSelector(".flash.success"));
        assertThat(browser.text(By.id("holidays"))).contains("Boxing Day");

        browser.go("/dnc");
        browser.field("dnc-phone").sendKeys("22 12 34 56");
        browser.field("dnc-country").sendKeys("NO");
        submit("#dnc-form button[type=submit]");
        browser.waitFor(By.id("dnc-added"));
        assertThat(browser.text(By.id("dnc-numbers"))).contains("+4722123456");
        assertThat(asSupervisor.get("/api/v1/dnc/check?phone=%2B4722123456").json().get("listed").asBoolean()).isTrue();
    }
}

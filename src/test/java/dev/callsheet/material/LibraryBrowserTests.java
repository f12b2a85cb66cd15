package dev.callsheet.material;

import static org.assertj.core.api.Assertions.assertThat;

import dev.callsheet.support.Browser;
import dev.callsheet.support.IntegrationTest;
import dev.callsheet.support.Tenant;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

/** A supervisor keeps the library by hand: writes an answer, uploads a brochure, makes a template that attaches it. */
class LibraryBrowserTests extends IntegrationTest {

    @Test
    void aSupervisorWritesAnAnswerUploadsABrochureAndMakesATemplate() throws Exception {
        Tenant tenant = Tenant.create(api, "Library AS");
        Tenant.User supervisor = tenant.user("SUPERVISOR");
        Tenant.User agent = tenant.user("AGENT");
        Path brochure = Files.createTempFile("brochure-", ".pdf");
        Files.writeString(brochure, "%PDF-1.4\n% Library brochure\n");

        try (Browser browser = Browser.open(baseUrl())) {
            browser.signIn(supervisor.username(), supervisor.password());
            browser.waitFor(By.id("nav-library"));
            browser.driver().findElement(By.id("nav-library")).click();
            browser.waitFor(By.id("answer-form"));
            new Select(browser.field("ans-language")).selectByValue("en");
            browser.field("ans-question").sendKeys("Is there a warranty?");
            browser.field("ans-body").sendKeys("Yes: 25 years on the panels' output.");
            browser.driver().findElement(By.cssSelector("#answer-form button[type=submit]")).click();
            browser.waitFor(By.id("answers-table"));
            assertThat(browser.text(By.id("answers-table"))).contains("Is there a warranty?").contains("25 years");

            browser.go("/library/material");
            browser.waitFor(By.id("material-file"));
            browser.field("material-file").sendKeys(brochure.toAbsolutePath().toString());
            browser.driver().findElement(By.cssSelector("form[enctype] button[type=submit]")).click();
            browser.waitFor(By.cssSelector("#files li"));
            assertThat(browser.text(By.id("files"))).contains(brochure.getFileName().toString());

            browser.field("tpl-name").sendKeys("Brochure");
            new Select(browser.field("tpl-language")).selectByValue("en");
            browser.field("tpl-subject").sendKeys("${contact.firstName}, the brochure");
            browser.field("tpl-body").sendKeys("As promised, ${agent.name}");
            browser.driver().findElement(By.cssSelector("#template-form input[name=attachmentIds]")).click();
            browser.driver().findElement(By.cssSelector("#template-form button[type=submit]")).click();
            browser.waitFor(By.id("templates"));
            assertThat(browser.text(By.id("templates"))).contains("Brochure").contains(brochure.getFileName().toString());

            // A merge field the template cannot fill is refused with the field named, the text kept.
            browser.field("tpl-name").sendKeys("Broken");
            browser.field("tpl-subject").sendKeys("Hello");
            browser.field("tpl-body").sendKeys("Your age: ${contact.age}");
            browser.driver().findElement(By.cssSelector("#template-form button[type=submit]")).click();
            browser.waitFor(By.cssSelector("#template-form .flash.error"));
            assertThat(browser.text(By.cssSelector("#template-form .flash.error"))).contains("${contact.age}");
            assertThat(browser.field("tpl-body").getAttribute("value")).isEqualTo("Your age: ${contact.age}");
            browser.screenshot("library-material");
        }
        try (Browser browser = Browser.open(baseUrl())) {
            browser.signIn(agent.username(), agent.password());
            browser.waitFor(By.cssSelector(".sidebar"));
            assertThat(browser.has(By.id("nav-library"))).as("agents read the library on the console only").isFalse();
            browser.go("/library/material");
            assertThat(browser.pageText()).doesNotContain("Brochure");
        }
        assertThat(api.as(agent).get("/api/v1/material/templates").json().get("items")).hasSize(1);
    }
}

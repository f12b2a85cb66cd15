package dev.callsheet.answers;

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
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * On a call, the agent presses /, types the lead's question with a typo, reads the answer, and sends the
 * brochure the lead asks for to the address the lead gives.
 */
class AnswersBrowserTests extends IntegrationTest {

    @Test
    void slashFindsTheAnswerWhileTheAgentTypesAndTheBrochureGoesByEmail() throws Exception {
        Tenant tenant = Tenant.create(api, "Answer Console AS");
        Tenant.User supervisor = tenant.user("SUPERVISOR");
        Tenant.User agent = tenant.user("AGENT");
        Api boss = api.as(supervisor);
        clock.set(LocalDate.ofInstant(clock.instant().plus(Duration.ofDays(7)), ZoneOffset.UTC)
                .with(TemporalAdjusters.next(DayOfWeek.TUESDAY)).atTime(10, 0).toInstant(ZoneOffset.UTC));
        boss.post("/api/v1/answers", Map.of("language", "en", "question", "Do you offer financing?",
                "body", "Yes: a green loan over up to 10 years through our partner bank."));
        boss.post("/api/v1/answers", Map.of("language", "en", "question", "How much does the installation cost?",
                "body", "From 90,000 kroner, mounting included."));
        String project = boss.post("/api/v1/projects", Map.of("name", "Answers project", "direction", "OUTBOUND",
                "audience", "NEW_CUSTOMERS", "reviewCadence", "DAILY", "timeZone", "Europe/Oslo"))
                .json().get("id").asText();
        String lead = boss.post("/api/v1/contacts", Map.of("firstName", "Asking", "surname", "Lead" + System.nanoTime(),
                "phone", "+47 22 " + (100000 + (int) (Math.random() * 899999)), "country", "NO")).json().get("id").asText();
        boss.post("/api/v1/projects/" + project + "/leads", Map.of("contactIds", List.of(lead)));
        byte[] pdf = "%PDF-1.4\n% brochure\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        String file = boss.upload("/api/v1/material/files", "brochure.pdf", pdf, Map.of()).json().get("id").asText();
        Api.Response template = boss.post("/api/v1/material/templates", Map.of("name", "Brochure", "language", "en",
                "subject", "${contact.firstName}, your brochure", "body", "As promised on the phone, ${agent.name}",
                "attachmentIds", List.of(file)));
        assertThat(template.status()).as(template.toString()).isEqualTo(201);
        String address = "asking." + System.nanoTime() + "@fjordsolar.no";
        String attempt = api.as(agent).post("/api/v1/projects/" + project + "/next", null).json().get("attemptId")
                .asText();

        try (Browser browser = Browser.open(baseUrl())) {
            browser.signIn(agent.username(), agent.password());
            browser.waitFor(By.cssSelector(".sidebar"));
            browser.go("/console/" + project + "/calls/" + attempt);
            browser.waitFor(By.id("answer-q"));
            new Actions(browser.driver()).sendKeys("/").perform();
            assertThat(browser.driver().switchTo().activeElement().getAttribute("id")).isEqualTo("answer-q");
            new Actions(browser.driver()).sendKeys("can I get finansing").perform();
            new WebDriverWait(browser.driver(), Duration.ofSeconds(10))
                    .until(d -> !d.findElements(By.cssSelector("#answer-hits .answer-hit")).isEmpty());
            assertThat(browser.text(By.cssSelector("#answer-hits .answer-hit summary")))
                    .contains("Do you offer financing?");
            assertThat(browser.text(By.cssSelector("#answer-hits .answer-hit p"))).contains("green loan");
            browser.screenshot("console-answers");

            // The lead wants the brochure and spells out an address: the agent sends it from the console.
            browser.waitFor(By.id("material-form"));
            assertThat(browser.text(By.id("card-emails"))).doesNotContain(address);
            browser.driver().findElement(By.id("material-to")).clear();
            browser.driver().findElement(By.id("material-to")).sendKeys(address);
            browser.driver().findElement(By.id("material-requested")).click();
            browser.driver().findElement(By.id("material-send")).click();
            new WebDriverWait(browser.driver(), Duration.ofSeconds(20))
                    .until(d -> !d.findElements(By.cssSelector("#material-sent li[data-status=SENT]")).isEmpty());
            assertThat(browser.text(By.cssSelector("#material-sent li"))).contains("Brochure").contains(address);
            // the address the lead gave is on the card now, and the console's card shows it without a reload
            assertThat(browser.driver().findElements(By.id("card-emails"))).hasSize(1);
            assertThat(browser.text(By.id("card-emails"))).contains(address);
            ((org.openqa.selenium.JavascriptExecutor) browser.driver())
                    .executeScript("document.getElementById('material').scrollIntoView()");
            browser.screenshot("console-material");
        }
        var received = mailTo(address, 1);
        assertThat(received).hasSize(1);
        assertThat(received.get(0).getSubject()).isEqualTo("Asking, your brochure");
        assertThat(((jakarta.mail.Multipart) received.get(0).getContent()).getCount()).isEqualTo(2);
        assertThat(boss.get("/api/v1/contacts/" + lead).body()).contains(address);
        {
        }
    }
}

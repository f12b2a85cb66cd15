package dev.callsheet.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.callsheet.support.Api;
import dev.callsheet.support.Browser;
import dev.callsheet.support.IntegrationTest;
import dev.callsheet.support.Tenant;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;

/** A review list of five flagged pairs, finished with the keyboard alone in a real headless Chromium. */
class DuplicateReviewBrowserTests extends IntegrationTest {

    private static Browser browser;

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
            browser = null;
        }
    }

    private record Pair(String older, String newer) {
    }

    @Test
    void aReviewListOfFivePairsIsFinishedWithTheKeyboard() throws Exception {
        Tenant tenant = Tenant.create(api, "Review Browser AS");
        Tenant.User agent = tenant.user("AGENT");
        Api as = api.as(agent);
        StringBuilder csv = new StringBuilder("First name,Surname,Phone,City\n");
        for (int i = 1; i <= 5; i++) {
            csv.append("Anne,Strand").append(i).append(",+47 4000000").append(i).append(",Oslo\n");
            csv.append("Anders,Strand").append(i).append(",+47 4000000").append(i).append(",Bergen\n");
        }
        importAndWait(as, csv.toString().getBytes(StandardCharsets.UTF_8));

        browser = Browser.open(baseUrl());
        browser.signIn(agent.username(), agent.password());
        browser.go("/leads/review");
        browser.waitFor(By.id("review"));
        assertThat(browser.driver().findElements(By.cssSelector("#review .pair"))).hasSize(5);
        assertThat(browser.text(By.id("review-keys"))).contains("J").contains("M").contains("N").contains("S");

        Pair merged = current();
        String olderName = as.get("/api/v1/contacts/" + merged.older()).json().get("firstName").asText();
        press("m");
        Pair chosen = awaitNext(merged);
        press("f");
        // The focus is on the city choice's checked value ("this"): the arrow picks the other card's city.
        WebElement focused = browser.driver().switchTo().activeElement();
        assertThat(focused.getAttribute("name")).startsWith("keep.");
        String field = focused.getAttribute("name");
        new Actions(browser.driver()).sendKeys(Keys.ARROW_RIGHT).perform();
        assertThat(browser.driver().switchTo().activeElement().getAttribute("value")).isEqualTo("other");
        press("m");
        Pair firstNot = awaitNext(chosen);
        press("n");
        Pair secondNot = awaitNext(firstNot);
        press("n");
        Pair skipped = awaitNext(secondNot);
        press("s");
        new WebDriverWait(browser.driver(), Duration.ofSeconds(5)).until(d ->
                d.findElements(By.cssSelector("#review .pair:not(.skipped)")).isEmpty());

        // Two merges: the newer card lives on in the older; the second took the other card's value of one field.
        assertThat(as.get("/api/v1/contacts/" + merged.newer()).json().get("mergedInto").asText()).isEqualTo(merged.older());
        JsonNode kept = as.get("/api/v1/contacts/" + merged.older()).json();
        assertThat(kept.get("firstName").asText()).as("a plain merge keeps the older card's values").isEqualTo(olderName);
        assertThat(kept.get("flaggedDuplicate").asBoolean()).isFalse();
        assertThat(as.get("/api/v1/contacts/" + chosen.newer()).json().get("mergedInto").asText()).isEqualTo(chosen.older());
        JsonNode choseFields = as.get("/api/v1/contacts/" + chosen.older()).json();
        JsonNode newerCard = as.get("/api/v1/contacts/" + chosen.newer()).json();
        String apiField = field.substring("keep.".length());
        assertThat(choseFields.get(apiField).asText()).isEqualTo(newerCard.get(apiField).asText());
        // Two "not a duplicate": neither card lists the other any more.
        for (Pair pair : List.of(firstNot, secondNot)) {
            assertThat(candidates(as, pair.older())).doesNotContain(pair.newer());
            assertThat(candidates(as, pair.newer())).doesNotContain(pair.older());
            assertThat(as.get("/api/v1/contacts/" + pair.newer()).json().get("mergedInto").isNull()).isTrue();
        }
        // The skipped pair is untouched: still a pair, still flagged.
        assertThat(candidates(as, skipped.newer())).contains(skipped.older());
        // (the import flags the row that met the other; both rows come from one file, so which of the two the list
        // calls "newer" is a tie of their creation times)
        assertThat(as.get("/api/v1/contacts/" + skipped.newer()).json().get("flaggedDuplicate").asBoolean()
                || as.get("/api/v1/contacts/" + skipped.older()).json().get("flaggedDuplicate").asBoolean()).isTrue();
        assertThat(as.get("/api/v1/contacts?flagged=true").json().get("total").asInt()).isEqualTo(1);
    }

    private static Pair current() {
        return new WebDriverWait(browser.driver(), Duration.ofSeconds(10))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(d -> {
                    WebElement pair = d.findElement(By.cssSelector("#review .pair.current"));
                    return new Pair(pair.getAttribute("data-older"), pair.getAttribute("data-newer"));
                });
    }

    private static void press(String key) {
        new Actions(browser.driver()).sendKeys(key).perform();
    }

    /** After an action reloads the page: the current pair is another one. */
    private static Pair awaitNext(Pair before) {
        // the page may reload between finding the pair and reading it: a stale element means "look again"
        new WebDriverWait(browser.driver(), Duration.ofSeconds(10))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(d -> {
            List<WebElement> now = d.findElements(By.cssSelector("#review .pair.current"));
            return !now.isEmpty() && !now.get(0).getAttribute("data-older").equals(before.older())
                    && d.findElements(By.cssSelector(".pair[data-older='" + before.older() + "'][data-newer='"
                            + before.newer() + "']")).isEmpty();
        });
        return current();
    }

    private static List<String> candidates(Api as, String id) {
        List<String> ids = new ArrayList<>();
        as.get("/api/v1/contacts/" + id + "/duplicates").json().get("candidates").forEach(c -> ids.add(c.get("id").asText()));
        return ids;
    }

    private static void importAndWait(Api as, byte[] content) throws InterruptedException {
        Api.Response started = as.upload("/api/v1/imports", "pairs.csv", content,
                Map.of("country", "NO", "source", "AGENT", "onDuplicate", "FLAG"));
        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        String id = started.json().get("id").asText();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            String status = as.get("/api/v1/imports/" + id).json().get("status").asText();
            if (status.equals("DONE")) {
                return;
            }
            assertThat(status).isNotEqualTo("FAILED");
            Thread.sleep(200);
        }
        throw new AssertionError("import " + id + " did not finish");
    }
}

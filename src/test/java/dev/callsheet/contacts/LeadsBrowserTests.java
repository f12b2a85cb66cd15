package dev.callsheet.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.callsheet.support.Browser;
import dev.callsheet.support.IntegrationTest;
import dev.callsheet.support.Tenant;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Lead lists, cards, imports and merging in a real headless Chromium. */
class LeadsBrowserTests extends IntegrationTest {

    private static Browser browser;
    private Tenant tenant;
    private Tenant.User agent;

    @BeforeEach
    void signIn() {
        if (browser == null) {
            browser = Browser.open(baseUrl());
        }
        browser.signOut();
        tenant = Tenant.create(api, "Leads Browser AS");
        agent = tenant.user("AGENT");
        browser.signIn(agent.username(), agent.password());
        browser.waitFor(By.id("nav-leads"));
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
            browser = null;
        }
    }

    @Test
    void importAnXlsxWatchItFinishAndCompareAFlaggedDuplicate() throws Exception {
        api.as(agent).post("/api/v1/contacts", Map.of("firstName", "Sofie", "surname", "Lund",
                "phone", "+47 900 11 222", "organisation", "Nordlys Solar AS"));
        Path xlsx = Files.createTempFile("leads", ".xlsx");
        try (XSSFWorkbook workbook = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(xlsx)) {
            var sheet = workbook.createSheet("Messe");
            String[][] rows = {{"Navn", "Firma", "Mobil", "E-post"},
                {"Sofie Lund", "Nordlys Solar", "900 11 222", "sofie@nordlys.no"},
                {"Kari Nordmann", "Fjordkraft Service AS", "+47 911 22 333", "kari@fjordservice.no"},
                {"Ola Hansen", "Hansen Bygg AS", "22 33 44 55", ""}};
            for (int r = 0; r < rows.length; r++) {
                var row = sheet.createRow(r);
                for (int c = 0; c < rows[r].length; c++) {
                    row.createCell(c).setCellValue(rows[r][c]);
                }
            }
            workbook.write(out);
        }

        browser.go("/leads/imports");
        browser.field("file").sendKeys(xlsx.toAbsolutePath().toString());
        browser.field("country").clear();
        browser.field("country").sendKeys("NO");
        new Select(browser.field("onDuplicate")).selectByValue("FLAG");
        new Select(browser.field("source")).selectByValue("EXHIBITION");
        browser.field("preview-button").click();

        browser.waitFor(By.id("mapping-form"));
        assertThat(new Select(browser.driver().findElement(By.name("map[Mobil]"))).getFirstSelectedOption()
                .getAttribute("value")).isEqualTo("phone");
        assertThat(new Select(browser.driver().findElement(By.name("map[Navn]"))).getFirstSelectedOption()
                .getAttribute("value")).isEqualTo("fullName");
        browser.screenshot("import-preview");
        browser.field("start-import").click();

        browser.waitFor(By.id("import-bar"));
        new WebDriverWait(browser.driver(), Duration.ofSeconds(30))
                .until(d -> "100".equals(d.findElement(By.id("import-bar")).getAttribute("value")));
        assertThat(browser.text(By.id("count-created"))).isEqualTo("2");
        assertThat(browser.text(By.id("count-flagged"))).isEqualTo("1");
        browser.screenshot("import-done");

        browser.field("show-flagged").click();
        browser.waitFor(By.id("lead-table"));
        browser.driver().findElement(By.linkText("Sofie Lund")).click();
        browser.waitFor(By.cssSelector(".candidates-list"));
        assertThat(browser.text(By.cssSelector(".candidates"))).contains("Sofie Lund");
        browser.driver().findElement(By.cssSelector(".candidates-list a.button")).click();

        browser.waitFor(By.id("compare"));
        assertThat(browser.driver().findElements(By.cssSelector("#compare .panel"))).hasSize(2);
        assertThat(browser.text(By.id("compare"))).contains("+47 900 11 222").contains("900 11 222");
        browser.screenshot("compare");
        browser.field("keep-1").click();

        browser.waitFor(By.cssSelector(".flash.success"));
        assertThat(browser.text(By.cssSelector(".facts"))).contains("sofie@nordlys.no").contains("+47 900 11 222");
        assertThat(browser.text(By.id("timeline"))).contains("Merged");
    }

    @Test
    void thePreviewWarnsOfBrokenRowsAndABinaryFileIsRefusedOnTheForm() throws Exception {
        Path csv = Files.createTempFile("leads", ".csv");
        Files.writeString(csv, "name,phone,city\nSofie Lund,+47 22 12 34 56,Oslo\n\"Ola Nordmann,+47 22 11 11 11,Oslo\n"
                + "Ola Mix;+47 22 11 12 11;Oslo\nLars Berg,+47 90 00 00 01,Bergen\n");
        browser.go("/leads/imports");
        browser.field("file").sendKeys(csv.toAbsolutePath().toString());
        new Select(browser.field("source")).selectByValue("AGENT");
        browser.field("preview-button").click();

        browser.waitFor(By.id("mapping-form"));
        assertThat(browser.text(By.id("warn-quotes"))).contains("3").contains("quote");
        assertThat(browser.text(By.id("warn-delimiters"))).contains("4").contains("delimiter");
        assertThat(browser.text(By.id("row-count"))).contains("4");

        Path elf = Files.createTempFile("leads", ".csv");
        byte[] bytes = new byte[2048];
        System.arraycopy(new byte[] {0x7F, 'E', 'L', 'F', 2, 1, 1, 0}, 0, bytes, 0, 8);
        Files.write(elf, bytes);
        browser.go("/leads/imports");
        browser.field("file").sendKeys(elf.toAbsolutePath().toString());
        new Select(browser.field("source")).selectByValue("AGENT");
        browser.field("preview-button").click();

        browser.waitFor(By.id("upload-form"));
        assertThat(browser.driver().findElements(By.id("mapping-form"))).isEmpty();
        assertThat(browser.driver().findElement(By.cssSelector(".field.invalid .error-text")).getText()).isNotBlank();
    }

    @Test
    void theImportPageAsksForASourceAndRefusesAFileWithoutOne() throws Exception {
        Path csv = Files.createTempFile("leads", ".csv");
        Files.writeString(csv, "name,phone\nSofie Lund,+47 22 12 34 56\n");
        browser.go("/leads/imports");
        Select source = new Select(browser.field("source"));
        assertThat(source.getFirstSelectedOption().getAttribute("value")).as("nothing chosen for the user").isEmpty();
        assertThat(source.getOptions()).noneMatch(o -> o.getAttribute("value").equals("UNKNOWN"));
        assertThat(browser.field("source").getAttribute("required")).isNotNull();
        assertThat(browser.text(By.id("source-hint"))).contains("inbound");

        // Past the browser's own check, the server refuses it too, on the source field.
        ((org.openqa.selenium.JavascriptExecutor) browser.driver())
                .executeScript("document.getElementById('source').removeAttribute('required')");
        browser.field("file").sendKeys(csv.toAbsolutePath().toString());
        browser.field("preview-button").click();

        browser.waitFor(By.cssSelector(".field.invalid #source"));
        assertThat(browser.driver().findElements(By.id("mapping-form"))).isEmpty();
        assertThat(browser.text(By.cssSelector(".field.invalid .error-text"))).contains("came from");
    }

    @Test
    void newCardShowsItsDuplicatesBeforeItIsSaved() {
        api.as(agent).post("/api/v1/contacts", Map.of("firstName", "Ana", "surname", "Popescu",
                "phone", "+40 722 123 456"));

        browser.go("/leads/new");
        browser.field("firstName").sendKeys("Ana");
        browser.field("surname").sendKeys("Popescu");
        browser.field("phones").sendKeys("0722 123 456");
        browser.field("emails").sendKeys("ana@popescu-consult.ro");
        browser.field("country").sendKeys("RO");
        browser.field("save-card").click();

        browser.waitFor(By.cssSelector(".candidates-list li"));
        assertThat(browser.text(By.cssSelector(".candidates"))).contains("Ana Popescu");
        assertThat(browser.text(By.id("save-card"))).isEqualTo("Save anyway");
        browser.screenshot("new-card-duplicates");
        browser.field("save-card").click();
        browser.waitFor(By.cssSelector(".facts"));
        assertThat(browser.pageText()).contains("0722 123 456").contains("ana@popescu-consult.ro");

        browser.go("/leads/new");
        browser.field("firstName").sendKeys("Ana");
        browser.field("surname").sendKeys("Popescu");
        browser.field("phones").sendKeys("+40 722 123 456");
        browser.field("save-card").click();
        browser.waitFor(By.cssSelector(".candidates-list li"));
        browser.field("save-card").click();
        browser.waitFor(By.cssSelector(".flash.error"));
        assertThat(browser.text(By.cssSelector(".flash.error"))).contains("identical card already exists");
    }

    @Test
    void leadListFiltersAsYouType() {
        api.as(agent).post("/api/v1/contacts", Map.of("firstName", "Дмитрий", "surname", "Соколов",
                "phone", "+7 495 123-45-67", "organisation", "ООО «Ромашка»"));
        api.as(agent).post("/api/v1/contacts", Map.of("firstName", "Lars", "surname", "Berg", "phone", "+47 22 00 00 01"));

        browser.go("/leads");
        browser.field("q").sendKeys("Romashka");

        new WebDriverWait(browser.driver(), Duration.ofSeconds(10))
                .until(d -> d.findElement(By.id("results")).getText().contains("Соколов")
                        && !d.findElement(By.id("results")).getText().contains("Berg"));
        browser.screenshot("lead-list");
    }
}

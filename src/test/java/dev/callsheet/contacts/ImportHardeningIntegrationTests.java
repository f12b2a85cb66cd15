package dev.callsheet.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.callsheet.support.Api;
import dev.callsheet.support.IntegrationTest;
import dev.callsheet.support.Tenant;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Imports that hold whatever a file holds: limits, binaries, bad rows, dead jobs, a 300,000-row workbook. */
class ImportHardeningIntegrationTests extends IntegrationTest {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Imports imports;

    private Tenant tenant;
    private Api agent;

    @BeforeEach
    void tenant() {
        tenant = Tenant.create(api, "Import Hardening AS");
        agent = api.as(tenant.user("AGENT"));
    }

    private JsonNode importAndWait(String fileName, byte[] content, Map<String, String> fields, Duration timeout) {
        Api.Response started = agent.upload("/api/v1/imports", fileName, content, fields);
        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        return waitFor(started.json().get("id").asText(), timeout);
    }

    private JsonNode waitFor(String id, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            JsonNode status = agent.get("/api/v1/imports/" + id).json();
            String state = status.get("status").asText();
            if (state.equals("DONE") || state.equals("FAILED")) {
                return status;
            }
            sleep(250);
        }
        throw new AssertionError("import " + id + " did not finish");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private int cards() {
        return jdbc.sql("SELECT count(*) FROM contact WHERE workspace_id = ?::uuid").param(tenant.id())
                .query(Integer.class).single();
    }

    @Test
    void aNulInRow500Of1000RejectsThatRowAloneWithItsReason() {
        StringBuilder csv = new StringBuilder("name,phone\n");
        for (int row = 1; row <= 1_000; row++) {
            csv.append(row == 500 ? "Nora\u0000Dahl" : "Nora Dahl " + row).append(",+47 4%07d\n".formatted(row));
        }

        JsonNode done = importAndWait("nul.csv", csv.toString().getBytes(StandardCharsets.UTF_8), Map.of("country", "NO"),
                Duration.ofSeconds(60));

        assertThat(done.get("status").asText()).isEqualTo("DONE");
        assertThat(done.get("created").asInt()).isEqualTo(999);
        assertThat(done.get("rejected").asInt()).isEqualTo(1);
        assertThat(cards()).isEqualTo(999);
        String rejected = agent.get("/api/v1/imports/" + done.get("id").asText() + "/rejected", "text/csv").body();
        assertThat(rejected).startsWith("row,reason,cells").contains("500,").contains("control character")
                .contains("Nora\u2400Dahl");
    }

    @Test
    void binaryFilesAreRefusedAtUploadWhateverTheirName() throws Exception {
        byte[] elf = new byte[4096];
        new java.util.Random(7).nextBytes(elf);
        System.arraycopy(new byte[] {0x7F, 'E', 'L', 'F', 2, 1, 1, 0}, 0, elf, 0, 8);
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
        byte[] random = new byte[8192];
        new java.util.Random(11).nextBytes(random);
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(zip)) {
            out.putNextEntry(new ZipEntry("notes.txt"));
            out.write("name,phone\nOla,+47 22 11 12 11\n".getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }

        for (var file : Map.of("leads.csv", elf, "image.csv", png, "noise.csv", random, "archive.xlsx",
                zip.toByteArray()).entrySet()) {
            Api.Response answer = agent.upload("/api/v1/imports", file.getKey(), file.getValue(), Map.of());
            assertThat(answer.status()).as(file.getKey() + ": " + answer).isEqualTo(400);
            assertThat(answer.json().get("field").asText()).isEqualTo("file");
        }
        assertThat(agent.upload("/api/v1/imports", "leads.csv", elf, Map.of()).json().get("detail").asText())
                .contains("ELF");
        assertThat(jdbc.sql("SELECT count(*) FROM import_job WHERE workspace_id = ?::uuid").param(tenant.id())
                .query(Integer.class).single()).isZero();
        // The page refuses it the same way, before anything is kept.
        Imports.Preview ignored = null;
        try {
            imports.preview(UUID.fromString(tenant.id()), "leads.csv", new ByteArrayInputStream(elf), null);
        } catch (dev.callsheet.web.ApiProblem problem) {
            assertThat(problem.status().value()).isEqualTo(400);
            assertThat(problem.field()).isEqualTo("file");
            return;
        }
        throw new AssertionError("the preview accepted an ELF file: " + ignored);
    }

    @Test
    void anUploadOverTheSizeLimitIsA413NamingTheLimit() {
        byte[] big = new byte[25 * 1024 * 1024];
        byte[] line = "Ola Nordmann,+47 22 11 12 11\n".getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i + line.length <= big.length; i += line.length) {
            System.arraycopy(line, 0, big, i, line.length);
        }

        Api.Response answer = agent.upload("/api/v1/imports", "big.csv", big, Map.of());

        assertThat(answer.status()).as(answer.toString()).isEqualTo(413);
        assertThat(answer.json().get("field").asText()).isEqualTo("file");
        assertThat(answer.json().get("detail").asText()).contains("24MB").contains("callsheet.imports.max-file-size");
    }

    @Test
    void tooManyColumnsOrRowsAreA400NamingTheLimit() {
        String wide = String.join(",", java.util.Collections.nCopies(501, "c")) + "\n1\n";
        Api.Response columns = agent.upload("/api/v1/imports", "wide.csv", wide.getBytes(StandardCharsets.UTF_8), Map.of());
        assertThat(columns.status()).isEqualTo(400);
        assertThat(columns.json().get("field").asText()).isEqualTo("file");
        assertThat(columns.json().get("detail").asText()).contains("500 columns").contains("max-columns");

        StringBuilder tall = new StringBuilder("n\n");
        for (int row = 0; row <= 400_000; row++) {
            tall.append(row).append('\n');
        }
        Api.Response rows = agent.upload("/api/v1/imports", "tall.csv", tall.toString().getBytes(StandardCharsets.UTF_8),
                Map.of());
        assertThat(rows.status()).isEqualTo(400);
        assertThat(rows.json().get("field").asText()).isEqualTo("file");
        assertThat(rows.json().get("detail").asText()).contains("400000 rows").contains("max-rows");
    }

    @Test
    void anUnbalancedQuoteCostsItsOwnRowAndNotTheLinesAfterIt() {
        String csv = """
                name,phone
                "Ola Nordmann,+47 22 11 11 11
                Kari Nordmann,+47 22 22 22 22
                Per Hansen,+47 22 33 33 33
                """;

        JsonNode done = importAndWait("quote.csv", csv.getBytes(StandardCharsets.UTF_8), Map.of("country", "NO"),
                Duration.ofSeconds(60));

        assertThat(done.get("rows").asInt()).isEqualTo(3);
        assertThat(done.get("created").asInt()).isEqualTo(2);
        assertThat(done.get("rejected").asInt()).isEqualTo(1);
        assertThat(agent.get("/api/v1/contacts?q=%2B4722222222").json().get("total").asInt()).isEqualTo(1);
        assertThat(agent.get("/api/v1/imports/" + done.get("id").asText() + "/rejected", "text/csv").body())
                .contains("quote that is not closed");
    }

    @Test
    void aRowInAnotherDelimiterIsRejectedAndTheRestImports() {
        String csv = """
                name,phone,company,city
                Sofie Lund,+47 22 12 34 56,Nordlys,Oslo
                Ola Mix;+47 22 11 12 11;Acme;Oslo
                Lars Berg,+47 90 00 00 01,Berg AS,Bergen
                """;

        JsonNode done = importAndWait("mixed.csv", csv.getBytes(StandardCharsets.UTF_8), Map.of("country", "NO"),
                Duration.ofSeconds(60));

        assertThat(done.get("created").asInt()).isEqualTo(2);
        assertThat(done.get("rejected").asInt()).isEqualTo(1);
        assertThat(agent.get("/api/v1/contacts?q=Mix").json().get("total").asInt()).isZero();
        assertThat(agent.get("/api/v1/imports/" + done.get("id").asText() + "/rejected", "text/csv").body())
                .contains("another delimiter");
    }

    @Test
    void thePreviewWarnsOfBrokenQuotesAndOtherDelimitersWithTheirLines() {
        String csv = "name,phone,city\nSofie Lund,+47 22 12 34 56,Oslo\n\"Ola Nordmann,+47 22 11 11 11,Oslo\n"
                + "Ola Mix;+47 22 11 12 11;Oslo\nLars Berg,+47 90 00 00 01,Bergen\n";

        Imports.Preview preview = imports.preview(UUID.fromString(tenant.id()), "warn.csv",
                new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), null);

        assertThat(preview.unbalancedQuotes()).containsExactly(3);
        assertThat(preview.otherDelimiters()).containsExactly(4);
        assertThat(preview.rowCount()).isEqualTo(4);
        assertThat(preview.headers()).containsExactly("name", "phone", "city");
    }

    @Test
    void aDeadJobWithItsAttemptsUsedUpIsFailedWithItsReasonAndNotRunAgain() {
        Api.Response started = agent.upload("/api/v1/imports", "dead.csv",
                "name,phone\nOla Hansen,+47 22 00 11 22\n".getBytes(StandardCharsets.UTF_8), Map.of("country", "NO"));
        String id = started.json().get("id").asText();
        // As after restarts that each died during this job: running, its attempts used, its heartbeat long gone.
        jdbc.sql("""
                UPDATE import_job SET status = 'RUNNING', attempts = 3, heartbeat_at = now() - interval '10 minutes'
                WHERE id = ?::uuid AND status = 'QUEUED'""").param(id).update();

        JsonNode failed = waitFor(id, Duration.ofSeconds(30));

        assertThat(failed.get("status").asText()).isEqualTo("FAILED");
        assertThat(failed.get("error").asText()).contains("stopped 3 times").doesNotContain("SQL");
        sleep(1_500);
        assertThat(cards()).as("not run again").isZero();
        assertThat(jdbc.sql("SELECT attempts FROM import_job WHERE id = ?::uuid").param(id).query(Integer.class)
                .single()).isEqualTo(3);
    }

    private static byte[] people(int seed, int rows) {
        StringBuilder csv = new StringBuilder("name,phone\n");
        for (int row = 1; row <= rows; row++) {
            csv.append("Person ").append(seed).append('-').append(row).append(",+47 9%d%06d\n".formatted(seed, row));
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    private record Run(Instant started, Instant finished) {
    }

    private Run run(String id) {
        return jdbc.sql("SELECT started_at, finished_at FROM import_job WHERE id = ?::uuid").param(id)
                .query((rs, n) -> new Run(rs.getTimestamp(1).toInstant(), rs.getTimestamp(2).toInstant())).single();
    }

    @Test
    void importsRunSideBySideAndAnotherWorkspaceDoesNotWaitBehindOne() {
        Tenant other = Tenant.create(api, "Import Fairness AS");
        Api otherAgent = api.as(other.user("AGENT"));
        String a1 = agent.upload("/api/v1/imports", "a1.csv", people(1, 8_000), Map.of("country", "NO")).json()
                .get("id").asText();
        String a2 = agent.upload("/api/v1/imports", "a2.csv", people(2, 8_000), Map.of("country", "NO")).json()
                .get("id").asText();
        String a3 = agent.upload("/api/v1/imports", "a3.csv", people(3, 8_000), Map.of("country", "NO")).json()
                .get("id").asText();
        String b = otherAgent.upload("/api/v1/imports", "b.csv", people(4, 2_000), Map.of("country", "NO")).json()
                .get("id").asText();

        for (String id : List.of(a1, a2, a3)) {
            assertThat(waitFor(id, Duration.ofMinutes(5)).get("status").asText()).isEqualTo("DONE");
        }
        Instant deadline = Instant.now().plusSeconds(120);
        while (!otherAgent.get("/api/v1/imports/" + b).json().get("status").asText().equals("DONE")
                && Instant.now().isBefore(deadline)) {
            sleep(250);
        }

        assertThat(run(a2).started()).as("two imports at once").isBefore(run(a1).finished());
        // When both workers free up at once, the two claims run side by side and either may stamp its start first,
        // a millisecond apart: the other workspace must not start later than that.
        assertThat(run(b).started()).as("the other workspace goes before this one's third file")
                .isBeforeOrEqualTo(run(a3).started().plusMillis(500));
    }

    @Test
    void aWorkbookOf300000RowsFromAnAgentImportsWhileHealthKeepsAnswering() throws Exception {
        ByteArrayOutputStream xlsx = new ByteArrayOutputStream();
        try (SXSSFWorkbook workbook = new SXSSFWorkbook(null, 200, true, true)) {
            var sheet = workbook.createSheet("Leads");
            var header = sheet.createRow(0);
            header.createCell(0).setCellValue("name");
            header.createCell(1).setCellValue("phone");
            header.createCell(2).setCellValue("city");
            for (int r = 1; r <= 300_000; r++) {
                var row = sheet.createRow(r);
                row.createCell(0).setCellValue("Kari Nordmann " + r);
                row.createCell(1).setCellValue("+47 4%07d".formatted(r));
                row.createCell(2).setCellValue(r % 2 == 0 ? "Oslo" : "Bergen");
            }
            workbook.write(xlsx);
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong slowest = new AtomicLong();
        AtomicInteger failures = new AtomicInteger();
        AtomicInteger probes = new AtomicInteger();
        Thread health = new Thread(() -> {
            while (running.get()) {
                long start = System.nanoTime();
                try {
                    HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(baseUrl()
                            + "/actuator/health")).timeout(Duration.ofSeconds(2)).build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (answer.statusCode() != 200) {
                        failures.incrementAndGet();
                    }
                } catch (Exception e) {
                    failures.incrementAndGet();
                }
                probes.incrementAndGet();
                slowest.accumulateAndGet((System.nanoTime() - start) / 1_000_000, Math::max);
                sleep(250);
            }
        }, "health-probe");
        health.start();
        JsonNode done;
        try {
            done = importAndWait("300k.xlsx", xlsx.toByteArray(), Map.of("country", "NO"), Duration.ofMinutes(15));
        } finally {
            running.set(false);
            health.join();
        }

        assertThat(failures.get()).as("health probes that failed or took over 2 s, of " + probes.get()).isZero();
        assertThat(slowest.get()).as("the slowest health answer, ms").isLessThan(2_000);
        assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("DONE");
        assertThat(done.get("rows").asInt()).isEqualTo(300_000);
        assertThat(done.get("created").asInt()).isEqualTo(300_000);
        assertThat(agent.get("/api/v1/contacts?q=%2B4740300000").json().get("items").get(0).get("displayName")
                .asText()).isEqualTo("Kari Nordmann 300000");
    }
}

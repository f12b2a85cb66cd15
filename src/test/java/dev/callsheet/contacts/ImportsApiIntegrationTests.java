package dev.callsheet.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.callsheet.support.Api;
import dev.callsheet.support.IntegrationTest;
import dev.callsheet.support.Tenant;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

class ImportsApiIntegrationTests extends IntegrationTest {

    @Autowired
    JdbcClient jdbc;

    private Tenant tenant;
    private Api agent;

    @BeforeEach
    void tenant() {
        tenant = Tenant.create(api, "Imports Test AS");
        agent = api.as(tenant.user("AGENT"));
    }

    private JsonNode importAndWait(String fileName, byte[] content, Map<String, String> fields) {
        Api.Response started = agent.upload("/api/v1/imports", fileName, content, fields);
        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        return waitFor(started.json().get("id").asText());
    }

    private JsonNode waitFor(String id) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            JsonNode status = agent.get("/api/v1/imports/" + id).json();
            String state = status.get("status").asText();
            if (state.equals("DONE") || state.equals("FAILED")) {
                return status;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        throw new AssertionError("import " + id + " did not finish");
    }

    @Test
    void russianWindows1251FileWithSemicolonsMapsItsHeaders() {
        String csv = """
                Фамилия;Имя;Компания;Телефон;Эл. почта;Город
                Соколов;Дмитрий;ООО «Ромашка»;8 (495) 123-45-67;d.sokolov@romashka.ru;Москва
                Иванова;Анна;АО "Вектор";+7 916 555-44-33;anna@vector.ru;Казань
                """;
        JsonNode done = importAndWait("клиенты.csv", csv.getBytes(Charset.forName("windows-1251")),
                Map.of("country", "RU", "source", "AGENT"));

        assertThat(done.get("status").asText()).isEqualTo("DONE");
        assertThat(done.get("rows").asInt()).isEqualTo(2);
        assertThat(done.get("created").asInt()).isEqualTo(2);
        JsonNode found = agent.get("/api/v1/contacts?q=%2B74951234567").json();
        assertThat(found.get("total").asInt()).isEqualTo(1);
        JsonNode card = agent.get("/api/v1/contacts/" + found.get("items").get(0).get("id").asText()).json();
        assertThat(card.get("surname").asText()).isEqualTo("Соколов");
        assertThat(card.get("city").asText()).isEqualTo("Москва");
        assertThat(card.get("organisation").get("name").asText()).isEqualTo("ООО «Ромашка»");
        assertThat(card.get("source").asText()).isEqualTo("AGENT");
        assertThat(agent.get("/api/v1/contacts/" + card.get("id").asText() + "/activities").body()).contains("IMPORTED");
    }

    @Test
    void sameFileTwiceCreatesNothingNew() {
        byte[] file = """
                name,phone,email
                Sofie Lund,+47 22 12 34 56,sofie@nordlys.no
                Lars Berg,+47 90 00 00 01,lars@berg.no
                """.getBytes(StandardCharsets.UTF_8);
        assertThat(importAndWait("list.csv", file, Map.of("country", "NO")).get("created").asInt()).isEqualTo(2);

        for (String policy : List.of("SKIP", "MERGE", "FLAG")) {
            JsonNode again = importAndWait("list-again.csv", file, Map.of("country", "NO", "onDuplicate", policy));
            assertThat(again.get("created").asInt()).as(policy).isZero();
            assertThat(again.get("flagged").asInt()).as(policy).isZero();
            assertThat(again.get("skipped").asInt()).as(policy).isEqualTo(2);
            assertThat(again.get("sameFileAs").isNull()).isFalse();
        }
        assertThat(agent.get("/api/v1/contacts").json().get("total").asInt()).isEqualTo(2);
    }

    @Test
    void duplicatesFollowThePolicyAndBadRowsAreRejectedWithAReason() {
        importAndWait("first.csv", "name,phone\nKim Minjun,010-1234-5678\n".getBytes(StandardCharsets.UTF_8),
                Map.of("country", "KR"));
        String file = """
                name,phone,email
                Minjun Kim,+82 10-1234-5678,minjun@hanbit.co.kr
                ,,
                Park Jiwoo,+82 2-312-3456,jiwoo@hanbit.co.kr
                Jiwoo Park,02-312-3456,
                """;

        JsonNode flagged = importAndWait("second.csv", file.getBytes(StandardCharsets.UTF_8),
                Map.of("country", "KR", "onDuplicate", "FLAG"));
        assertThat(flagged.get("rows").asInt()).isEqualTo(4);
        assertThat(flagged.get("rejected").asInt()).isEqualTo(1);
        assertThat(flagged.get("created").asInt()).isEqualTo(1);
        assertThat(flagged.get("flagged").asInt()).isEqualTo(2);
        assertThat(agent.get("/api/v1/contacts?flagged=true").json().get("total").asInt()).isEqualTo(2);

        JsonNode merged = importAndWait("third.csv", "name,phone,city\nMinjun K.,01012345678,Seoul\nX,,\n"
                .getBytes(StandardCharsets.UTF_8), Map.of("country", "KR", "onDuplicate", "MERGE"));
        assertThat(merged.get("merged").asInt()).isEqualTo(1);
        assertThat(merged.get("rejected").asInt()).isZero();

        JsonNode rejected = importAndWait("fourth.csv", "name,phone\n,\n!!!,\n".getBytes(StandardCharsets.UTF_8),
                Map.of("country", "KR"));
        assertThat(rejected.get("rejected").asInt()).as("an empty row, and a name with no letters").isEqualTo(2);
        Api.Response csv = agent.get("/api/v1/imports/" + rejected.get("id").asText() + "/rejected", "text/csv");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.body()).startsWith("row,reason,cells").contains("!!!");
    }

    @Test
    void aFileOfSeveralBatchesFindsItsDuplicatesAcrossThem() {
        StringBuilder file = new StringBuilder("first name,surname,phone\n");
        for (int row = 1; row <= 12_000; row++) {
            String phone = row == 5_001 ? "+47 40000001" : "+47 4%07d".formatted(row);
            String person = row == 10_500 ? "Nora,Dahl 4999" : "Nora,Dahl " + row;
            file.append(person).append(',').append(row == 10_500 ? "+47 4%07d".formatted(4_999) : phone).append('\n');
        }

        JsonNode done = importAndWait("batches.csv", file.toString().getBytes(StandardCharsets.UTF_8),
                Map.of("country", "NO", "onDuplicate", "FLAG"));

        assertThat(done.get("status").asText()).isEqualTo("DONE");
        assertThat(done.get("rows").asInt()).isEqualTo(12_000);
        assertThat(done.get("skipped").asInt()).as("row 10,500 repeats row 4,999, two batches back").isEqualTo(1);
        assertThat(done.get("flagged").asInt()).as("row 5,001 has row 1's number, one batch back").isEqualTo(1);
        assertThat(done.get("created").asInt()).isEqualTo(11_998);
        assertThat(jdbc.sql("""
                SELECT flagged_duplicate FROM contact WHERE workspace_id = ?::uuid AND surname = 'Dahl 5001'""")
                .param(tenant.id()).query(Boolean.class).single()).isTrue();
        assertThat(jdbc.sql("SELECT count(*) FROM contact WHERE workspace_id = ?::uuid AND surname = 'Dahl 4999'")
                .param(tenant.id()).query(Integer.class).single()).isEqualTo(1);
        for (int row : new int[] {1, 5_000, 5_002, 10_001, 12_000}) {
            assertThat(jdbc.sql("""
                    SELECT (a.details ->> 'row')::int FROM contact_activity a JOIN contact c ON c.id = a.contact_id
                    WHERE c.workspace_id = ?::uuid AND c.surname = ? AND a.kind = 'IMPORTED'""")
                    .params(tenant.id(), "Dahl " + row).query(Integer.class).single())
                    .as("the card of row %d, numbered as that row", row).isEqualTo(row);
        }
    }

    @Test
    void koreanEucKrAndUtf16FilesAreDetected() {
        String korean = "이름,회사,전화번호\n김민준,(주)한빛,010-9876-5432\n";
        assertThat(importAndWait("kr.csv", korean.getBytes(Charset.forName("EUC-KR")), Map.of("country", "KR"))
                .get("created").asInt()).isEqualTo(1);
        assertThat(agent.get("/api/v1/contacts?q=01098765432").json().get("items").get(0).get("organisation").asText())
                .isEqualTo("(주)한빛");

        String spanish = "Nombre\tApellidos\tEmpresa\tTeléfono\nMaría\tGarcía\tConstrucciones García, S.L.\t912 34 56 78\n";
        byte[] utf16 = ("\uFEFF" + spanish).getBytes(StandardCharsets.UTF_16LE);
        assertThat(importAndWait("es.txt", utf16, Map.of("country", "ES")).get("created").asInt()).isEqualTo(1);
        assertThat(agent.get("/api/v1/contacts?q=%2B34912345678").json().get("items").get(0).get("displayName").asText())
                .isEqualTo("María García");
    }

    @Test
    void xlsxWithAnExplicitMappingAndCustomFields() throws Exception {
        ByteArrayOutputStream xlsx = new ByteArrayOutputStream();
        try (XSSFWorkbook workbook = new XSSFWorkbook()) {
            var sheet = workbook.createSheet("Leads");
            String[][] rows = {{"Firma", "Kontakt", "Mobil", "Bransje", "Messe"},
                {"Nordlys Solar AS", "Sofie Lund", "+47 900 11 222", "Energi", "Solar Expo 2026"}};
            for (int r = 0; r < rows.length; r++) {
                var row = sheet.createRow(r);
                for (int c = 0; c < rows[r].length; c++) {
                    row.createCell(c).setCellValue(rows[r][c]);
                }
            }
            workbook.write(xlsx);
        }
        JsonNode done = importAndWait("messe.xlsx", xlsx.toByteArray(), Map.of("country", "NO",
                "mapping", "{\"Kontakt\":\"fullName\"}"));

        assertThat(done.get("created").asInt()).isEqualTo(1);
        JsonNode found = agent.get("/api/v1/contacts?field=Messe&value=Solar%20Expo%202026").json();
        assertThat(found.get("total").asInt()).isEqualTo(1);
        JsonNode card = agent.get("/api/v1/contacts/" + found.get("items").get(0).get("id").asText()).json();
        assertThat(card.get("firstName").asText()).isEqualTo("Sofie");
        assertThat(card.get("lineOfBusiness").asText()).isEqualTo("Energi");
        assertThat(card.get("phones").get(0).get("value").asText()).isEqualTo("+4790011222");
    }

    @Test
    void aJobWhoseWorkerDiedIsResumed() {
        Api.Response started = agent.upload("/api/v1/imports", "resume.csv",
                "name,phone\nOla Hansen,+47 22 00 11 22\n".getBytes(StandardCharsets.UTF_8), Map.of("country", "NO"));
        String id = started.json().get("id").asText();
        // As if a process had claimed it and then died: running, with a heartbeat long gone.
        jdbc.sql("UPDATE import_job SET status = 'RUNNING', heartbeat_at = now() - interval '10 minutes' "
                + "WHERE id = ?::uuid AND status = 'QUEUED'").param(id).update();

        JsonNode done = waitFor(id);

        assertThat(done.get("status").asText()).isEqualTo("DONE");
        assertThat(done.get("created").asInt()).isEqualTo(1);
    }

    @Test
    void badUploadsAreA400NamingTheField() {
        assertThat(agent.upload("/api/v1/imports", "x.csv", new byte[0], Map.of()).json().get("field").asText())
                .isEqualTo("file");
        assertThat(agent.upload("/api/v1/imports", "x.csv", "a\n1\n".getBytes(), Map.of("country", "Narnia"))
                .json().get("field").asText()).isEqualTo("country");
        assertThat(agent.upload("/api/v1/imports", "x.csv", "a\n1\n".getBytes(), Map.of("onDuplicate", "MAYBE"))
                .json().get("field").asText()).isEqualTo("onDuplicate");
        assertThat(agent.upload("/api/v1/imports", "x.csv", "a\n1\n".getBytes(), Map.of("mapping", "{not json"))
                .json().get("field").asText()).isEqualTo("mapping");
        assertThat(agent.upload("/api/v1/imports", "x.csv", "a\n1\n".getBytes(), Map.of("encoding", "klingon"))
                .json().get("field").asText()).isEqualTo("encoding");
    }
}

package dev.callsheet.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.callsheet.support.Api;
import dev.callsheet.support.IntegrationTest;
import dev.callsheet.support.Tenant;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Issue #24: no row of a file is lost, each says what became of it, and a list's source is never assumed. */
class ImportRowsIntegrationTests extends IntegrationTest {

    private static final String HEADER = "name,phone,email,address,postcode,city\n";

    @Autowired
    JdbcClient jdbc;

    private Tenant tenant;
    private Api agent;

    @BeforeEach
    void tenant() {
        tenant = Tenant.create(api, "Import Rows AS");
        agent = api.as(tenant.user("AGENT"));
    }

    private JsonNode importAndWait(String content, Map<String, String> fields) {
        Api.Response started = agent.upload("/api/v1/imports", "rows.csv", content.getBytes(StandardCharsets.UTF_8),
                fields);
        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        String id = started.json().get("id").asText();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            JsonNode status = agent.get("/api/v1/imports/" + id).json();
            if (status.get("status").asText().equals("DONE") || status.get("status").asText().equals("FAILED")) {
                assertThat(status.get("status").asText()).isEqualTo("DONE");
                assertAddsUp(status);
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

    /** created + merged + flagged + skipped + rejected = rows, on the job and on the rows it lists. */
    private void assertAddsUp(JsonNode status) {
        int sum = status.get("created").asInt() + status.get("merged").asInt() + status.get("flagged").asInt()
                + status.get("skipped").asInt() + status.get("rejected").asInt();
        assertThat(sum).as(status.toString()).isEqualTo(status.get("rows").asInt());
        JsonNode rows = agent.get("/api/v1/imports/" + status.get("id").asText() + "/rows?size=1000").json();
        assertThat(rows.get("total").asInt()).isEqualTo(status.get("rows").asInt());
    }

    private JsonNode rows(JsonNode job, String outcome) {
        return agent.get("/api/v1/imports/" + job.get("id").asText() + "/rows?outcome=" + outcome).json();
    }

    private String cardWithPhone(String e164) {
        JsonNode found = agent.get("/api/v1/contacts?q=" + e164.replace("+", "%2B")).json();
        return found.get("items").get(0).get("id").asText();
    }

    private int cards() {
        return agent.get("/api/v1/contacts").json().get("total").asInt();
    }

    @Test
    void everyKindOfRowAddsUpAndEachRowSaysWhatBecameOfIt() {
        importAndWait(HEADER + "Anna Berg,+47 22 12 34 56,anna@nordlys.no,Storgata 1,0155,Oslo\n",
                Map.of("country", "NO", "source", "AGENT"));
        String anna = cardWithPhone("+4722123456");

        String file = HEADER
                + "Anna Berg,+47 22 12 34 56,anna@nordlys.no,Storgata 1,0155,Oslo\n" // 1: identical to Anna's card
                + "Anna Berg,+47 22 12 34 56,,,,\n" // 2: her phone, nothing else: merged
                + "Anna Berg,+47 22 12 34 56,,Kongens gate 9,0153,Oslo\n" // 3: her phone, another site: flagged
                + "Lars Dahl,+47 90 00 00 01,,,,\n" // 4: new
                + "Bad Row,12,bad@,,,\n" // 5: no usable phone or e-mail: rejected
                + "Kari Nord,12,kari@nord.no,,,\n" // 6: a bad phone, kept by the e-mail
                + "Anna Berg,+47 22 12 34 56,anna@nordlys.no,Storgata 1,0150,Oslo\n"; // 7: only the postcode differs
        JsonNode job = importAndWait(file, Map.of("country", "NO", "source", "AGENT", "onDuplicate", "MERGE"));

        assertThat(job.get("rows").asInt()).isEqualTo(7);
        assertThat(job.get("created").asInt()).isEqualTo(2);
        assertThat(job.get("merged").asInt()).isEqualTo(1);
        assertThat(job.get("flagged").asInt()).isEqualTo(2);
        assertThat(job.get("skipped").asInt()).isEqualTo(1);
        assertThat(job.get("rejected").asInt()).isEqualTo(1);

        JsonNode skipped = rows(job, "SKIPPED");
        assertThat(skipped.get("total").asInt()).isEqualTo(1);
        assertThat(skipped.get("items").get(0).get("row").asInt()).isEqualTo(1);
        assertThat(skipped.get("items").get(0).get("contactId").asText()).isEqualTo(anna);
        assertThat(skipped.get("items").get(0).get("reason").asText()).contains("identical");

        JsonNode merged = rows(job, "merged");
        assertThat(merged.get("items").get(0).get("row").asInt()).isEqualTo(2);
        assertThat(merged.get("items").get(0).get("contactId").asText()).isEqualTo(anna);
        assertThat(merged.get("items").get(0).get("reason").asText()).contains("same phone");

        JsonNode flagged = rows(job, "FLAGGED");
        assertThat(flagged.get("total").asInt()).isEqualTo(2);
        assertThat(flagged.get("items").get(0).get("row").asInt()).isEqualTo(3);
        assertThat(flagged.get("items").get(1).get("row").asInt()).as("a postcode apart is not identical").isEqualTo(7);
        for (JsonNode row : flagged.get("items")) {
            assertThat(row.get("contactId").asText()).isNotEqualTo(anna);
            assertThat(agent.get("/api/v1/contacts/" + row.get("contactId").asText()).status()).isEqualTo(200);
            assertThat(row.get("reason").asText()).containsPattern("same (phone number|e-mail)")
                    .contains("another address or postcode");
        }

        JsonNode created = rows(job, "CREATED");
        assertThat(created.get("total").asInt()).isEqualTo(2);
        assertThat(created.get("items").get(0).get("row").asInt()).isEqualTo(4);
        assertThat(created.get("items").get(0).get("reason").isNull()).isTrue();
        JsonNode kari = created.get("items").get(1);
        assertThat(kari.get("row").asInt()).isEqualTo(6);
        assertThat(kari.get("reason").asText()).contains("phone '12' is not a valid number").contains("kept by e-mail");
        assertThat(agent.get("/api/v1/contacts/" + kari.get("contactId").asText()).json().get("surname").asText())
                .isEqualTo("Nord");

        JsonNode rejected = rows(job, "REJECTED");
        assertThat(rejected.get("items").get(0).get("row").asInt()).isEqualTo(5);
        assertThat(rejected.get("items").get(0).get("contactId").isNull()).isTrue();
        assertThat(rejected.get("items").get(0).get("reason").asText()).contains("phone '12'").contains("e-mail 'bad@'");
        assertThat(agent.get("/api/v1/imports/" + job.get("id").asText() + "/rejected", "text/csv").body())
                .startsWith("row,reason,cells").contains("Bad Row").contains("e-mail 'bad@'");
        assertThat(agent.get("/api/v1/contacts?q=Bad%20Row").json().get("total").asInt()).isZero();

        JsonNode all = agent.get("/api/v1/imports/" + job.get("id").asText() + "/rows?page=2&size=3").json();
        assertThat(all.get("total").asInt()).isEqualTo(7);
        assertThat(all.get("items")).hasSize(1);
        assertThat(all.get("items").get(0).get("row").asInt()).isEqualTo(7);
        assertThat(agent.get("/api/v1/imports/" + job.get("id").asText() + "/rows?outcome=LOST").json()
                .get("field").asText()).isEqualTo("outcome");
        assertThat(agent.get("/api/v1/imports/" + job.get("id").asText() + "/rows?size=x").json()
                .get("field").asText()).isEqualTo("size");

        // The same file again: what was created or flagged is identical to its card now; nothing new.
        int before = cards();
        JsonNode again = importAndWait(file, Map.of("country", "NO", "source", "AGENT", "onDuplicate", "MERGE"));
        assertThat(again.get("created").asInt()).isZero();
        assertThat(again.get("flagged").asInt()).isZero();
        assertThat(again.get("rejected").asInt()).isEqualTo(1);
        assertThat(again.get("skipped").asInt()).isEqualTo(5);
        assertThat(cards()).isEqualTo(before);
    }

    @Test
    void twoSitesSharingASwitchboardAreTwoCards() {
        JsonNode job = importAndWait("""
                company,phone,address,postcode,city
                Solsikken barnehage,+47 22 12 34 56,Storgata 1,0155,Oslo
                Blåklokka barnehage,+47 22 12 34 56,Parkveien 2,0350,Oslo
                """, Map.of("country", "NO", "source", "AGENT"));

        assertThat(job.get("created").asInt()).isEqualTo(1);
        assertThat(job.get("flagged").asInt()).as("the second site, flagged as a possible duplicate").isEqualTo(1);
        assertThat(job.get("skipped").asInt()).isZero();
        assertThat(cards()).isEqualTo(2);
    }

    @Test
    void namesakesWithoutPhoneOrEmailAreTwoCardsAndAnIdenticalRowStandsOnItsCard() {
        JsonNode job = importAndWait("""
                name,city
                Ola Hansen,Oslo
                Ola Hansen,Bergen
                Ola Hansen,Oslo
                """, Map.of("country", "NO", "source", "AGENT"));

        assertThat(job.get("created").asInt()).isEqualTo(2);
        assertThat(job.get("skipped").asInt()).isEqualTo(1);
        assertThat(cards()).isEqualTo(2);
        JsonNode created = rows(job, "CREATED").get("items");
        JsonNode skipped = rows(job, "SKIPPED").get("items").get(0);
        assertThat(skipped.get("row").asInt()).isEqualTo(3);
        assertThat(skipped.get("contactId").asText()).as("the card of row 1")
                .isEqualTo(created.get(0).get("contactId").asText());
        assertThat(agent.get("/api/v1/contacts/" + skipped.get("contactId").asText()).json().get("city").asText())
                .isEqualTo("Oslo");
    }

    @Test
    void anApiImportWithoutASourceRecordsItAsUnknownNeverAsAnInboundCall() {
        Map<String, String> fields = new HashMap<>(Map.of("country", "NO"));
        importAndWait("name,phone\nPer Vik,+47 90 00 00 02\n", fields);

        JsonNode card = agent.get("/api/v1/contacts/" + cardWithPhone("+4790000002")).json();
        assertThat(card.get("source").asText()).isEqualTo("UNKNOWN");
        assertThat(jdbc.sql("SELECT count(*) FROM contact WHERE workspace_id = ?::uuid AND source = 'INBOUND_CALL'")
                .param(tenant.id()).query(Integer.class).single()).isZero();
        assertThat(jdbc.sql("SELECT source FROM import_job WHERE workspace_id = ?::uuid").param(tenant.id())
                .query(String.class).single()).isEqualTo("UNKNOWN");
    }
}

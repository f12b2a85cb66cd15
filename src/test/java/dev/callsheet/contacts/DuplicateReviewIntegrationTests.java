package dev.callsheet.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.callsheet.support.Api;
import dev.callsheet.support.IntegrationTest;
import dev.callsheet.support.Tenant;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Issue #24 point 4: "not a duplicate" and a merge choosing each field's value, against the real database. */
class DuplicateReviewIntegrationTests extends IntegrationTest {

    private Tenant tenant;
    private Api agent;
    private Api rep;

    @BeforeEach
    void tenant() {
        if (tenant == null) {
            tenant = Tenant.create(api, "Review Test AS");
            agent = api.as(tenant.user("AGENT"));
            rep = api.as(tenant.user("REP"));
        }
    }

    private String create(Map<String, Object> card) {
        Api.Response created = agent.post("/api/v1/contacts", card);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    private List<String> duplicatesOf(String id) {
        Api.Response response = agent.get("/api/v1/contacts/" + id + "/duplicates");
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        response.json().get("candidates").forEach(c -> ids.add(c.get("id").asText()));
        return ids;
    }

    private JsonNode importAndWait(byte[] content) {
        Api.Response started = agent.upload("/api/v1/imports", "pairs.csv", content,
                Map.of("country", "NO", "source", "AGENT", "onDuplicate", "FLAG"));
        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        String id = started.json().get("id").asText();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            JsonNode status = agent.get("/api/v1/imports/" + id).json();
            if (status.get("status").asText().equals("DONE") || status.get("status").asText().equals("FAILED")) {
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
    void notADuplicateHidesThePairBothWaysIsOnBothTimelinesAndSurvivesAReimport() {
        byte[] csv = """
                First name,Surname,Company,Phone,City
                Kari,Nordmann,Fjord Kafe AS,+47 22 11 00 99,Oslo
                Ola,Hansen,Fjord Kafe AS,+47 22 11 00 99,Oslo
                """.getBytes(StandardCharsets.UTF_8);
        JsonNode first = importAndWait(csv);
        assertThat(first.get("status").asText()).as(first.toString()).isEqualTo("DONE");
        JsonNode found = agent.get("/api/v1/contacts?q=%2B4722110099").json();
        assertThat(found.get("total").asInt()).as(found.toString()).isEqualTo(2);
        String a = found.get("items").get(0).get("id").asText();
        String b = found.get("items").get(1).get("id").asText();
        assertThat(duplicatesOf(a)).contains(b);
        assertThat(duplicatesOf(b)).contains(a);
        boolean flaggedBefore = agent.get("/api/v1/contacts/" + a).json().get("flaggedDuplicate").asBoolean()
                || agent.get("/api/v1/contacts/" + b).json().get("flaggedDuplicate").asBoolean();
        assertThat(flaggedBefore).as("the import flagged one of the pair").isTrue();

        Api.Response decided = agent.post("/api/v1/contacts/" + a + "/not-duplicate/" + b, null);
        assertThat(decided.status()).as(decided.toString()).isEqualTo(200);
        assertThat(agent.post("/api/v1/contacts/" + b + "/not-duplicate/" + a, null).status()).isEqualTo(200);

        assertThat(duplicatesOf(a)).doesNotContain(b);
        assertThat(duplicatesOf(b)).doesNotContain(a);
        for (String id : List.of(a, b)) {
            assertThat(agent.get("/api/v1/contacts/" + id).json().get("flaggedDuplicate").asBoolean()).isFalse();
            JsonNode timeline = agent.get("/api/v1/contacts/" + id + "/activities").json().get("items");
            List<JsonNode> decisions = new ArrayList<>();
            timeline.forEach(line -> {
                if (line.get("kind").asText().equals("NOT_DUPLICATE")) {
                    decisions.add(line);
                }
            });
            assertThat(decisions).as("one decision on the timeline of " + id).hasSize(1);
            assertThat(decisions.get(0).get("actor").asText()).isNotBlank();
            assertThat(decisions.get(0).get("at").asText()).isNotBlank();
            assertThat(decisions.get(0).get("details").get("otherId").asText()).isEqualTo(id.equals(a) ? b : a);
        }

        JsonNode again = importAndWait(csv);
        assertThat(again.get("status").asText()).as(again.toString()).isEqualTo("DONE");
        assertThat(agent.get("/api/v1/contacts?q=%2B4722110099").json().get("total").asInt()).isEqualTo(2);
        assertThat(duplicatesOf(a)).doesNotContain(b);
        assertThat(duplicatesOf(b)).doesNotContain(a);
        assertThat(agent.get("/api/v1/contacts?flagged=true&q=%2B4722110099").json().get("total").asInt()).isZero();
    }

    @Test
    void notADuplicateRefusesTheSameCardAndAnotherWorkspacesCards() {
        String mine = create(Map.of("firstName", "Eva", "surname", "Lund", "phone", "+47 91 23 45 67"));
        Api.Response same = agent.post("/api/v1/contacts/" + mine + "/not-duplicate/" + mine, null);
        assertThat(same.status()).isEqualTo(400);
        assertThat(same.json().get("field").asText()).isEqualTo("otherId");

        Tenant elsewhere = Tenant.create(api, "Other Review AS");
        Api stranger = api.as(elsewhere.user("AGENT"));
        String theirs = stranger.post("/api/v1/contacts", Map.of("firstName", "Eva", "surname", "Lund",
                "phone", "+47 91 23 45 67")).json().get("id").asText();
        assertThat(agent.post("/api/v1/contacts/" + mine + "/not-duplicate/" + theirs, null).status()).isEqualTo(404);
        assertThat(agent.post("/api/v1/contacts/" + theirs + "/not-duplicate/" + mine, null).status()).isEqualTo(404);
        assertThat(agent.post("/api/v1/contacts/" + mine + "/merge/" + theirs, null).status()).isEqualTo(404);
    }

    @Test
    void aMergeTakesTheChosenFieldsAndKeepsTheDealsOfBothCards() {
        String keep = create(Map.of("firstName", "Per", "surname", "Olsen", "phone", "+47 93 00 00 01",
                "city", "Tromsø", "jobTitle", "CEO", "postcode", "9008"));
        String other = create(Map.of("firstName", "Peder", "surname", "Olsen", "phone", "+47 93 00 00 02",
                "city", "Bodø", "jobTitle", "Daglig leder", "address", "Storgata 1"));
        String dealOfKeep = rep.post("/api/v1/deals", Map.of("contactId", keep)).json().get("id").asText();
        String dealOfOther = rep.post("/api/v1/deals", Map.of("contactId", other)).json().get("id").asText();

        Api.Response merged = agent.post("/api/v1/contacts/" + keep + "/merge/" + other,
                Map.of("keep", Map.of("firstName", "other", "city", "other", "jobTitle", "this")));

        assertThat(merged.status()).as(merged.toString()).isEqualTo(200);
        JsonNode card = merged.json();
        assertThat(card.get("firstName").asText()).isEqualTo("Peder");
        assertThat(card.get("city").asText()).isEqualTo("Bodø");
        assertThat(card.get("jobTitle").asText()).isEqualTo("CEO");
        assertThat(card.get("postcode").asText()).as("kept from this card").isEqualTo("9008");
        assertThat(card.get("address").asText()).as("filled from the other").isEqualTo("Storgata 1");
        assertThat(card.get("displayName").asText()).contains("Peder");
        assertThat(card.get("phones")).hasSize(2);
        List<String> deals = new ArrayList<>();
        rep.get("/api/v1/deals?contactId=" + keep).json().get("items").forEach(d -> deals.add(d.get("id").asText()));
        assertThat(deals).containsExactlyInAnyOrder(dealOfKeep, dealOfOther);
        assertThat(agent.get("/api/v1/contacts/" + keep + "/activities").body()).contains("MERGED").contains(other);
    }

    @Test
    void aMergeNamingAFieldACardDoesNotHaveIsA400NamingIt() {
        String keep = create(Map.of("firstName", "Siri", "surname", "Dahl", "phone", "+47 94 00 00 01"));
        String other = create(Map.of("firstName", "Siri", "surname", "Dahl", "phone", "+47 94 00 00 02"));
        Api.Response unknown = agent.post("/api/v1/contacts/" + keep + "/merge/" + other,
                Map.of("keep", Map.of("shoeSize", "other")));
        assertThat(unknown.status()).as(unknown.toString()).isEqualTo(400);
        assertThat(unknown.json().get("field").asText()).isEqualTo("keep.shoeSize");
        Api.Response badSide = agent.post("/api/v1/contacts/" + keep + "/merge/" + other,
                Map.of("keep", Map.of("city", "both")));
        assertThat(badSide.status()).isEqualTo(400);
        assertThat(badSide.json().get("field").asText()).isEqualTo("keep.city");
        assertThat(agent.get("/api/v1/contacts/" + other).json().get("mergedInto").isNull()).isTrue();
    }
}

package dev.callsheet.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.callsheet.support.Api;
import dev.callsheet.support.IntegrationTest;
import dev.callsheet.support.Tenant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ContactsApiIntegrationTests extends IntegrationTest {

    @org.springframework.beans.factory.annotation.Autowired
    private org.springframework.jdbc.core.simple.JdbcClient jdbc;

    private Tenant tenant;
    private Api agent;

    @BeforeEach
    void tenant() {
        if (tenant == null) {
            tenant = Tenant.create(api, "Cards Test AS");
            agent = api.as(tenant.user("AGENT"));
        }
    }

    private String create(Map<String, Object> card) {
        Api.Response created = agent.post("/api/v1/contacts", card);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    private JsonNode candidates(Map<String, Object> query) {
        Api.Response response = agent.post("/api/v1/duplicates/check", query);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json().get("candidates");
    }

    @Test
    void cardKeepsWhatWasTypedAndWhatWasReadFromIt() {
        String id = create(Map.of("firstName", "Dmitri", "surname", "Sokolov", "organisation", "ООО «Ромашка»",
                "phones", List.of("8 (495) 123-45-67", "call me maybe"), "email", " Dmitri@Romashka.RU ",
                "website", "https://www.romashka.ru/contacts", "country", "RU", "source", "EXHIBITION",
                "heardOfUs", "Expo Moscow"));

        JsonNode card = agent.get("/api/v1/contacts/" + id).json();
        assertThat(card.get("displayName").asText()).isEqualTo("Dmitri Sokolov");
        assertThat(card.get("organisation").get("name").asText()).isEqualTo("ООО «Ромашка»");
        JsonNode phone = card.get("phones").get(0);
        assertThat(phone.get("raw").asText()).isEqualTo("8 (495) 123-45-67");
        assertThat(phone.get("value").asText()).isEqualTo("+74951234567");
        assertThat(phone.get("matchKey").asText()).isEqualTo("1234567");
        assertThat(phone.get("timeZones").toString()).contains("Europe/Moscow");
        JsonNode garbage = card.get("phones").get(1);
        assertThat(garbage.get("raw").asText()).isEqualTo("call me maybe");
        assertThat(garbage.get("valid").asBoolean()).isFalse();
        assertThat(card.get("emails").get(0).get("value").asText()).isEqualTo("dmitri@romashka.ru");
        assertThat(card.get("websites").get(0).get("value").asText()).isEqualTo("romashka.ru");
        assertThat(card.get("source").asText()).isEqualTo("EXHIBITION");
        assertThat(agent.get("/api/v1/contacts/" + id + "/activities").json().get("items").get(0).get("kind").asText())
                .isEqualTo("CREATED");
    }

    @Test
    void identicalCardIsNeverStoredTwice() {
        Map<String, Object> card = Map.of("firstName", "Ingrid", "surname", "Haugen", "phone", "+47 22 11 00 99");
        create(card);

        Api.Response again = agent.post("/api/v1/contacts", Map.of("firstName", "INGRID", "surname", "haugen",
                "phone", "22 11 00 99", "country", "NO"));

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("field").asText()).isEqualTo("card");
    }

    @Test
    void duplicateCheckFindsEachKeyWithItsReason() {
        String id = create(Map.of("firstName", "Ana", "surname", "Popescu", "organisation", "Ștefan & Fiii S.R.L.",
                "phone", "+40 21 312 3456", "email", "ana.popescu@stefan-fiii.ro", "website", "www.stefan-fiii.ro"));

        JsonNode byPhone = candidates(Map.of("phone", "021 312 3456", "country", "RO"));
        assertThat(byPhone.get(0).get("id").asText()).isEqualTo(id);
        assertThat(byPhone.get(0).get("type").asText()).isEqualTo("contact");
        assertThat(byPhone.get(0).get("reasons").toString()).contains("same phone +40213123456");
        assertThat(byPhone.get(0).get("score").asDouble()).isGreaterThan(0.9);

        JsonNode byDomain = candidates(Map.of("email", "office@stefan-fiii.ro"));
        assertThat(byDomain.toString()).contains("same corporate domain stefan-fiii.ro");

        JsonNode byCompany = candidates(Map.of("company", "STEFAN SI FIII SRL"));
        assertThat(byCompany.toString()).contains("\"type\":\"organisation\"").contains("company name")
                .contains(id);

        JsonNode bySurname = candidates(Map.of("firstName", "Ana", "surname", "POPESCU"));
        assertThat(bySurname.get(0).get("reasons").toString()).contains("same name");

        assertThat(candidates(Map.of("surname", "Nobodyelse", "phone", "+47 99 99 99 99"))).isEmpty();
    }

    @Test
    void aSlipInANameIsFoundWithNoOtherKey() {
        String id = create(Map.of("firstName", "Kristoffer", "surname", "Johannessen", "postcode", "0150",
                "organisation", "Fjordkraft Handel AS"));
        // Neighbours in both name orders that are not the same person.
        create(Map.of("firstName", "Kristian", "surname", "Johannessen"));
        create(Map.of("firstName", "Kristoffer", "surname", "Johansen"));

        assertThat(topOf(Map.of("firstName", "Kristofer", "surname", "Johannessen"))).isEqualTo(id);
        assertThat(topOf(Map.of("firstName", "Kristoffer", "surname", "Johanessen"))).isEqualTo(id);
        assertThat(topOf(Map.of("firstName", "Johannessen", "surname", "Kristoffer"))).isEqualTo(id);
        // Both names mistyped: found through the postcode.
        JsonNode both = candidates(Map.of("firstName", "Kristopher", "surname", "Johanessen", "postcode", "0150"));
        assertThat(both.get(0).get("id").asText()).isEqualTo(id);
        assertThat(both.get(0).get("reasons").toString()).contains("same postcode 0150");
        JsonNode company = candidates(Map.of("company", "Fjordkraf Handel"));
        assertThat(company.toString()).contains("\"type\":\"organisation\"").contains("company name");
    }

    private String topOf(Map<String, Object> query) {
        JsonNode found = candidates(query);
        assertThat(found).as(query.toString()).isNotEmpty();
        assertThat(found.get(0).get("reasons").toString()).as(query.toString()).contains("name");
        return found.get(0).get("id").asText();
    }

    @Test
    void aMailboxProviderTheWorkspaceAddedIsNoCorporateDomain() {
        create(Map.of("firstName", "Siri", "surname", "Lunde", "email", "siri.lunde@fjordpost.no"));
        assertThat(candidates(Map.of("email", "ola@fjordpost.no")).toString()).contains("same corporate domain");

        jdbc.sql("INSERT INTO public_mail_provider (workspace_id, domain) VALUES (?, 'fjordpost.no')")
                .param(java.util.UUID.fromString(tenant.id())).update();

        assertThat(candidates(Map.of("email", "ola@fjordpost.no"))).isEmpty();
        assertThat(candidates(Map.of("email", "Siri.Lunde@FjordPost.no")).get(0).get("reasons").toString())
                .contains("same email siri.lunde@fjordpost.no");
    }

    @Test
    void cyrillicAndLatinCompanyNamesMeetOnOneKey() {
        create(Map.of("surname", "Ivanova", "organisation", "ООО «Ромашка Трейд»"));

        JsonNode found = candidates(Map.of("company", "Romashka Trade LLC"));

        assertThat(found).isNotEmpty();
        assertThat(found.toString()).contains("\"type\":\"organisation\"");
        assertThat(found.get(0).get("reasons").toString()).contains("company name");
    }

    @Test
    void mergeKeepsEveryPhoneEmailAndActivity() {
        String keep = create(Map.of("firstName", "Lars", "surname", "Berg", "phone", "+47 90 00 00 01"));
        String other = create(Map.of("firstName", "Lars", "surname", "Berg", "phone", "+47 90 00 00 02",
                "email", "lars@berg-bygg.no", "city", "Bergen"));

        Api.Response merged = agent.post("/api/v1/contacts/" + keep + "/merge/" + other, null);

        assertThat(merged.status()).as(merged.toString()).isEqualTo(200);
        assertThat(merged.json().get("phones")).hasSize(2);
        assertThat(merged.json().get("emails").get(0).get("raw").asText()).isEqualTo("lars@berg-bygg.no");
        assertThat(merged.json().get("city").asText()).isEqualTo("Bergen");
        String timeline = agent.get("/api/v1/contacts/" + keep + "/activities").body();
        assertThat(timeline).contains("MERGED").contains(other);
        assertThat(agent.get("/api/v1/contacts/" + other).json().get("mergedInto").asText()).isEqualTo(keep);
        assertThat(agent.get("/api/v1/contacts?q=90000002").json().get("total").asInt()).isEqualTo(1);
        assertThat(agent.post("/api/v1/contacts/" + keep + "/merge/" + other, null).status()).isEqualTo(409);
    }

    @Test
    void searchFindsAPhoneInAnyFormatAnEmailADomainAndAName() {
        String id = create(Map.of("firstName", "María", "surname", "García", "organisation", "Construcciones García, S.L.",
                "phone", "+34 912 34 56 78", "email", "maria@construcciones-garcia.es", "postcode", "28013",
                "country", "ES", "status", "QUALIFIED"));

        for (String q : List.of("91 234 56 78", "0034912345678", "maria@construcciones-garcia.es",
                "construcciones-garcia.es", "garcia", "Maria Garcia", "28013")) {
            JsonNode page = agent.get("/api/v1/contacts?q=" + java.net.URLEncoder.encode(q,
                    java.nio.charset.StandardCharsets.UTF_8)).json();
            assertThat(page.get("items").toString()).as(q).contains(id);
        }
        JsonNode filtered = agent.get("/api/v1/contacts?status=QUALIFIED&areaCode=91&sort=areaCode").json();
        assertThat(filtered.get("items").toString()).contains(id);
        assertThat(filtered.get("items").get(0).get("status").asText()).isEqualTo("QUALIFIED");
        assertThat(agent.get("/api/v1/contacts?status=NURTURE&q=garcia").json().get("total").asInt()).isZero();
    }

    @Test
    void badInputIsA400NamingTheField() {
        Map<String, Object> card = new HashMap<>(Map.of("surname", "Test"));
        card.put("country", "Norway");
        assertThat(agent.post("/api/v1/contacts", card).json().get("field").asText()).isEqualTo("country");
        card.put("country", "NO");
        card.put("status", "HOT");
        assertThat(agent.post("/api/v1/contacts", card).json().get("field").asText()).isEqualTo("status");
        assertThat(agent.post("/api/v1/contacts", Map.of()).json().get("field").asText()).isEqualTo("surname");
        assertThat(agent.get("/api/v1/contacts?size=9999").json().get("field").asText()).isEqualTo("size");
        assertThat(agent.get("/api/v1/contacts/not-an-id").status()).isEqualTo(400);
        assertThat(agent.post("/api/v1/duplicates/check", Map.of("country", "XX")).json().get("field").asText())
                .isEqualTo("country");
    }

    @org.junit.jupiter.api.Test
    void aPersonCarriesTheirRoleInTheBuyingProcess() {
        String id = agent.post("/api/v1/contacts", java.util.Map.of("firstName", "Guri", "surname",
                "Portvakt" + System.nanoTime(), "organisation", "Fjellkraft AS")).json().get("id").asText();
        assertThat(agent.get("/api/v1/contacts/" + id).json().get("buyingRole").isNull()).isTrue();
        Api.Response set = agent.send("PUT", "/api/v1/contacts/" + id + "/buying-role",
                java.util.Map.of("buyingRole", "gatekeeper"));
        assertThat(set.status()).as(set.toString()).isEqualTo(200);
        assertThat(set.json().get("buyingRole").asText()).isEqualTo("GATEKEEPER");
        Api.Response bad = agent.send("PUT", "/api/v1/contacts/" + id + "/buying-role",
                java.util.Map.of("buyingRole", "BOSS"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("field").asText()).isEqualTo("buyingRole");
        assertThat(agent.send("PUT", "/api/v1/contacts/" + java.util.UUID.randomUUID() + "/buying-role",
                java.util.Map.of("buyingRole", "USER")).status()).isEqualTo(404);
    }
}

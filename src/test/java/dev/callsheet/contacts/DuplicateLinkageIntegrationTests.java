package dev.callsheet.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.callsheet.support.Api;
import dev.callsheet.support.IntegrationTest;
import dev.callsheet.support.Tenant;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The duplicate check as record linkage (issue 24, ADR 0006), through the API on the real database: the same data
 * gives the same verdicts, shared values weigh by how many cards share them, company names meet however they are
 * written, and nicknames count.
 */
class DuplicateLinkageIntegrationTests extends IntegrationTest {

    private Api agentOf(String name) {
        return api.as(Tenant.create(api, name).user("AGENT"));
    }

    private static String create(Api agent, Map<String, Object> card) {
        Api.Response created = agent.post("/api/v1/contacts", card);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    private static JsonNode check(Api agent, Map<String, Object> query) {
        Api.Response response = agent.post("/api/v1/duplicates/check", query);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json().get("candidates");
    }

    private static double scoreOf(JsonNode candidates, String id) {
        for (JsonNode candidate : candidates) {
            if (candidate.get("id").asText().equals(id)) {
                return candidate.get("score").asDouble();
            }
        }
        return 0;
    }

    /** Eighty people: families of near-duplicates, namesakes, a busy postcode, a shared switchboard. */
    private static String peopleFile() {
        StringBuilder csv = new StringBuilder("ref,firstName,surname,phone,address,postcode,city\n");
        String[] first = {"Ola", "Kari", "Per", "Ingrid", "Lars", "Siri", "Jon", "Anne", "Knut", "Liv"};
        String[] last = {"Hansen", "Johansen", "Olsen", "Larsen", "Andersen", "Pedersen", "Nilsen", "Kristiansen"};
        int ref = 0;
        for (int i = 0; i < 40; i++) {
            String f = first[i % first.length];
            String s = last[(i * 3) % last.length];
            String street = (10 + i) + " Storgata";
            String postcode = i % 4 == 0 ? "0150" : String.valueOf(5000 + i);
            String phone = i % 5 == 0 ? "+47 22 00 00 00" : "+47 9" + String.format("%07d", 1000 + i);
            csv.append(ref++).append(',').append(f).append(',').append(s).append(',').append(phone).append(',')
                    .append(street).append(',').append(postcode).append(",Oslo\n");
            // A near-duplicate: a letter dropped from the surname, no phone.
            csv.append(ref++).append(',').append(f).append(',').append(s.substring(0, s.length() - 1) + "n")
                    .append(",,").append(street).append(',').append(postcode).append(",Oslo\n");
        }
        return csv.toString();
    }

    private static JsonNode importAndWait(Api agent, String csv) {
        Api.Response started = agent.upload("/api/v1/imports", "people.csv", csv.getBytes(StandardCharsets.UTF_8),
                Map.of("country", "NO", "onDuplicate", "FLAG", "mapping", "{\"ref\":\"custom\",\"organisation\":\"organisation\"}"));
        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        String id = started.json().get("id").asText();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (Instant.now().isBefore(deadline)) {
            JsonNode status = agent.get("/api/v1/imports/" + id).json();
            if (status.get("status").asText().equals("DONE")) {
                return status;
            }
            assertThat(status.get("status").asText()).isNotEqualTo("FAILED");
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        throw new AssertionError("import " + id + " did not finish");
    }

    /** Per row of the file (its ref): whether its card is flagged, and its candidates as refs with their scores. */
    private static Map<String, String> verdicts(Api agent) {
        Map<String, String> refOf = new HashMap<>();
        List<JsonNode> cards = new ArrayList<>();
        for (JsonNode item : agent.get("/api/v1/contacts?size=500").json().get("items")) {
            JsonNode card = agent.get("/api/v1/contacts/" + item.get("id").asText()).json();
            refOf.put(card.get("id").asText(), card.get("custom").get("ref").asText());
            cards.add(card);
        }
        Map<String, String> verdicts = new TreeMap<>();
        for (JsonNode card : cards) {
            JsonNode candidates = agent.get("/api/v1/contacts/" + card.get("id").asText() + "/duplicates").json()
                    .get("candidates");
            List<String> found = new ArrayList<>();
            for (JsonNode candidate : candidates) {
                if (candidate.get("type").asText().equals("contact")) {
                    found.add(refOf.get(candidate.get("id").asText()) + "@" + candidate.get("score").asText());
                }
            }
            verdicts.put(refOf.get(card.get("id").asText()),
                    card.get("flaggedDuplicate").asBoolean() + " " + String.join(",", found));
        }
        return verdicts;
    }

    @Test
    void theSameFileImportedIntoTwoFreshWorkspacesGivesTheSameFlagsAndCandidates() {
        Api one = agentOf("Linkage One AS");
        Api two = agentOf("Linkage Two AS");
        importAndWait(one, peopleFile());
        importAndWait(two, peopleFile());

        Map<String, String> first = verdicts(one);
        Map<String, String> second = verdicts(two);

        assertThat(first).hasSize(80);
        assertThat(second).isEqualTo(first);
        // The near-duplicates are found, with a score that says so.
        assertThat(first.get("3")).contains("2@");
        assertThat(first.values().stream().filter(v -> v.contains("@")).count()).isGreaterThanOrEqualTo(60);
    }

    @Test
    void aSwitchboardSharedByThirtyCardsScoresLowerThanAPhoneSharedByTwo() {
        Api agent = agentOf("Switchboard AS");
        String[] names = {"Nora", "Emma", "Sofie", "Ella", "Maja", "Olivia", "Leah", "Ingrid", "Sara", "Frida"};
        String switchboard = null;
        for (int i = 0; i < 30; i++) {
            String id = create(agent, Map.of("firstName", names[i % 10], "surname", "Berg" + (char) ('a' + i),
                    "phone", "+47 22 33 44 55"));
            if (i == 0) {
                switchboard = id;
            }
        }
        String shared = create(agent, Map.of("firstName", "Nora", "surname", "Bergz", "phone", "+47 22 99 88 77"));
        create(agent, Map.of("firstName", "Henrik", "surname", "Dahl", "phone", "+47 22 99 88 77"));

        double bySwitchboard = scoreOf(check(agent, Map.of("firstName", "Nora", "surname", "Berga",
                "phone", "+47 22 33 44 55")), switchboard);
        double byShared = scoreOf(check(agent, Map.of("firstName", "Nora", "surname", "Bergz",
                "phone", "+47 22 99 88 77")), shared);

        assertThat(bySwitchboard).isPositive().isLessThan(byShared);
    }

    @Test
    void theIdenticalNameOutranksTheContainingOne() {
        Api agent = agentOf("Outrank AS");
        String holdings = create(agent, Map.of("surname", "Nilsen", "organisation", "Vesta Holdings AS"));
        String plain = create(agent, Map.of("surname", "Berg", "organisation", "Vesta AS"));
        assertThat(holdings).isNotEqualTo(plain);

        JsonNode found = check(agent, Map.of("company", "Vesta"));

        List<String> organisations = new ArrayList<>();
        found.forEach(c -> {
            if (c.get("type").asText().equals("organisation")) {
                organisations.add(c.get("name").asText());
            }
        });
        assertThat(organisations).first().isEqualTo("Vesta AS");
    }

    @Test
    void aNicknameIsTheSamePerson() {
        Api agent = agentOf("Nickname AS");
        String william = create(agent, Map.of("firstName", "William", "surname", "Thornbury", "city", "Bristol"));
        create(agent, Map.of("firstName", "Peter", "surname", "Thornbury", "city", "Leeds"));

        JsonNode found = check(agent, Map.of("firstName", "Bill", "surname", "Thornbury", "city", "Bristol"));

        assertThat(found.get(0).get("id").asText()).isEqualTo(william);
        assertThat(found.get(0).get("score").asDouble()).isGreaterThanOrEqualTo(Contacts.FLAG_THRESHOLD);
        assertThat(found.get(0).get("reasons").toString()).contains("bill = william");
        assertThat(found.get(0).get("comparisons").toString()).contains("\"field\":\"first_name\"")
                .contains("\"level\":\"nickname\"").contains("\"weight\"");
    }

    @Test
    void companyNamesReorderedPrefixedOrWithATypoInTheFirstLetterAreComparedAndFound() {
        Api agent = agentOf("Blocking AS");
        String bosch = create(agent, Map.of("surname", "Weber", "organisation", "Robert Bosch GmbH"));
        String unilever = create(agent, Map.of("surname", "Jansen", "organisation", "Unilever N.V."));
        String cockrell = create(agent, Map.of("surname", "Moore", "organisation", "Cockrell"));
        String schools = create(agent, Map.of("surname", "Brown", "organisation", "Evanston Public Schools Dewey"));
        // Twenty names sorting between each pair, so that no sorted neighbourhood holds both.
        StringBuilder fillers = new StringBuilder("ref,surname,organisation\n");
        for (int i = 0; i < 20; i++) {
            for (String name : List.of("Norway Trading", "Cobalt Mining", "Dundee Works")) {
                fillers.append(name.charAt(0)).append(i).append(",Filler,").append(String.format("%s %02d", name, i))
                        .append('\n');
            }
        }
        importAndWait(agent, fillers.toString());

        assertThat(organisationNamed(check(agent, Map.of("company", "BOSCH GMBH ROBERT")), "Robert Bosch GmbH"))
                .as("reordered").isTrue();
        assertThat(organisationNamed(check(agent, Map.of("company", "JUNILEVER")), "Unilever N.V."))
                .as("a typo in the first letter").isTrue();
        assertThat(organisationNamed(check(agent, Map.of("company", "Chicago Public Schools Cockrell")), "Cockrell"))
                .as("a prefix added").isTrue();
        assertThat(organisationNamed(check(agent, Map.of("company", "Dewey")), "Evanston Public Schools Dewey"))
                .as("a prefix dropped").isTrue();
        assertThat(List.of(bosch, unilever, cockrell, schools)).doesNotHaveDuplicates();
    }

    @Test
    void aParentAndItsSubsidiaryAreNoDuplicateAtTheThreshold() {
        Api agent = agentOf("Groups AS");
        create(agent, Map.of("surname", "de Vries", "organisation", "DSM IP Assets B.V."));

        JsonNode found = check(agent, Map.of("company", "DSM N.V."));

        TreeSet<Double> scores = new TreeSet<>();
        found.forEach(c -> scores.add(c.get("score").asDouble()));
        assertThat(scores).allMatch(score -> score < Contacts.FLAG_THRESHOLD);
    }

    private static boolean organisationNamed(JsonNode candidates, String name) {
        for (JsonNode candidate : candidates) {
            if (candidate.get("type").asText().equals("organisation") && candidate.get("name").asText().equals(name)) {
                return true;
            }
        }
        return false;
    }
}

package dev.callsheet.intake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.callsheet.support.Api;
import dev.callsheet.support.IntegrationTest;
import dev.callsheet.support.Tenant;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The duty roster and the web-lead paths of docs/domain.md §3.3, through real HTTP posts to the public endpoint.
 * Each test gets its own workspace (a roster, a region with its manager) and a fresh minute on the clock.
 */
class IntakeApiIntegrationTests extends IntegrationTest {

    private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @org.springframework.beans.factory.annotation.Autowired
    dev.callsheet.intake.internal.SpeedToLead speedToLead;

    private Tenant tenant;
    private Api boss;
    private Tenant.User supervisor;
    private Tenant.User morning;
    private Tenant.User afternoon;
    private Tenant.User regional;
    private String region;
    private LocalDate monday;

    @BeforeEach
    void setUp() {
        tenant = Tenant.create(api, "Intake AS");
        supervisor = tenant.user("SUPERVISOR");
        boss = api.as(supervisor);
        region = tenant.asAdmin().post("/api/v1/regions", Map.of("name", "Oslo")).json().get("id").asText();
        morning = tenant.user("REP");
        afternoon = tenant.user("REP");
        regional = tenant.user("REP");
        tenant.asAdmin().patch("/api/v1/users/" + regional.id(), Map.of("region", region));
        monday = LocalDate.ofInstant(clock.instant().plus(Duration.ofDays(7)), ZoneOffset.UTC)
                .with(TemporalAdjusters.next(DayOfWeek.MONDAY));
        clock.set(at(monday, 9, 0));
        Api.Response roster = boss.send("PUT", "/api/v1/duty/roster?region=Oslo", Map.of("items", List.of(
                Map.of("weekday", "MONDAY", "from", "08:00", "to", "12:00", "userId", morning.id(), "timeZone", "Europe/Oslo"),
                Map.of("weekday", "MONDAY", "from", "12:00", "to", "17:00", "userId", afternoon.id(),
                        "timeZone", "Europe/Oslo"))));
        assertThat(roster.status()).as(roster.toString()).isEqualTo(200);
    }

    /** Issue #26 point 5: the page lists the roster's gaps on the roster's clock, as its window says, and all of them. */
    @Test
    void theRosterPageListsGapsOnTheRostersOwnClock() {
        // Vestland: one hour of duty on Mondays, so two weeks hold a dozen gaps.
        tenant.asAdmin().post("/api/v1/regions", Map.of("name", "Vestland"));
        assertThat(boss.send("PUT", "/api/v1/duty/roster?region=Vestland", Map.of("items", List.of(Map.of("weekday",
                "MONDAY", "from", "10:00", "to", "11:00", "userId", morning.id(), "timeZone", "Europe/Oslo"))))
                .status()).isEqualTo(200);
        dev.callsheet.support.Pages pages = dev.callsheet.support.Pages.signIn(port, supervisor);
        String page = pages.get("/duty?region=Vestland").body();
        // Tuesday has no duty at all: the gap is 08:00-17:00 Oslo time (07:00-16:00 UTC, the viewer's clock).
        assertThat(page).contains("8:00 AM – 5:00 PM").contains("Europe/Oslo").doesNotContain("7:00 AM – 4:00 PM");
        int gaps = boss.get("/api/v1/duty/roster?region=Vestland").json().get("gaps").size();
        assertThat(gaps).isGreaterThan(8);
        assertThat(page).contains("and " + (gaps - 8) + " more");
    }

    private static Instant at(LocalDate day, int hour, int minute) {
        return day.atTime(hour, minute).atZone(OSLO).toInstant();
    }

    private HttpResponse<String> post(String contentType, String body, String key) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + "/api/v1/public/" + tenant.key()
                + "/leads")).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> postJson(Map<String, Object> fields, String key) throws Exception {
        return post("application/json", JSON.writeValueAsString(fields), key);
    }

    private JsonNode card(String query) {
        JsonNode found = boss.get("/api/v1/contacts?q=" + query).json();
        assertThat(found.get("total").asInt()).as(query).isEqualTo(1);
        return boss.get("/api/v1/contacts/" + found.get("items").get(0).get("id").asText()).json();
    }

    private JsonNode deals(String contactId) {
        return boss.get("/api/v1/deals?contactId=" + contactId).json().get("items");
    }

    private JsonNode tasks(Tenant.User who) {
        return api.as(who).get("/api/v1/tasks").json().get("items");
    }

    // ---------------------------------------------------------------------------------------------- roster

    @Test
    void theRosterSaysWhoIsOnDutyWithSwapsAndGaps() {
        assertThat(boss.get("/api/v1/duty?region=Oslo&at=" + at(monday, 9, 30)).json().get("user").get("id").asText())
                .isEqualTo(morning.id());
        JsonNode later = boss.get("/api/v1/duty?region=Oslo&at=" + at(monday, 13, 0)).json();
        assertThat(later.get("user").get("id").asText()).isEqualTo(afternoon.id());
        assertThat(later.get("source").asText()).isEqualTo("PATTERN");
        assertThat(Instant.parse(later.get("to").asText())).isEqualTo(at(monday, 17, 0));
        assertThat(boss.get("/api/v1/duty?region=Oslo&at=" + at(monday, 18, 0)).status()).isEqualTo(404);
        // the same Monday a week later, across whatever the clocks do: still 08:00 Oslo time
        assertThat(boss.get("/api/v1/duty?region=Oslo&at=" + at(monday.plusWeeks(1), 8, 0)).json().get("user")
                .get("id").asText()).isEqualTo(morning.id());

        Api.Response swap = boss.post("/api/v1/duty/swaps", Map.of("region", "Oslo", "userId", afternoon.id(),
                "from", at(monday, 9, 0).toString(), "to", at(monday, 10, 0).toString(), "note", "dentist"));
        assertThat(swap.status()).isEqualTo(201);
        JsonNode swapped = api.as(morning).get("/api/v1/duty?region=Oslo&at=" + at(monday, 9, 30)).json();
        assertThat(swapped.get("user").get("id").asText()).isEqualTo(afternoon.id());
        assertThat(swapped.get("source").asText()).isEqualTo("SWAP");

        // Tuesday to Friday nobody is on duty: flagged ahead of time
        JsonNode roster = boss.get("/api/v1/duty/roster?region=Oslo").json();
        assertThat(roster.get("items")).hasSize(2);
        assertThat(roster.get("gaps")).isNotEmpty();
        assertThat(roster.get("gaps").toString()).contains(at(monday.plusDays(1), 8, 0).toString());

        Api.Response bad = boss.send("PUT", "/api/v1/duty/roster?region=Oslo", Map.of("items", List.of(
                Map.of("weekday", "FUNDAY", "from", "08:00", "to", "12:00", "userId", morning.id()))));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("field").asText()).isEqualTo("items[0].weekday");
        assertThat(boss.send("PUT", "/api/v1/duty/roster?region=Atlantis", Map.of("items", List.of())).json()
                .get("field").asText()).isEqualTo("region");
        assertThat(api.as(morning).send("PUT", "/api/v1/duty/roster?region=Oslo", Map.of("items", List.of()))
                .status()).isEqualTo(403);
    }

    // ------------------------------------------------------------------------------------------- web leads

    @Test
    void aNewClientGetsACardAProcessAndTheDutyManagerOnce() throws Exception {
        Map<String, Object> form = new HashMap<>(Map.of("name", "Kari Nordmann", "company", "Fjord Bygg AS",
                "phone", "+47 22 11 22 33", "email", "kari@fjordbygg.no", "message", "Please send prices",
                "region", "Oslo", "consent", true, "budget", "50-100k", "campaign", "radio-nov"));
        String key = UUID.randomUUID().toString();
        HttpResponse<String> first = postJson(form, key);
        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(first.body()).isEqualTo("{\"status\":\"received\"}");
        assertThat(postJson(form, key).statusCode()).as("the resubmit").isEqualTo(202);

        JsonNode card = card("kari@fjordbygg.no");
        assertThat(card.get("source").asText()).isEqualTo("WEB");
        assertThat(card.get("owner").get("id").asText()).isEqualTo(morning.id());
        assertThat(card.get("custom").get("budget").asText()).isEqualTo("50-100k");
        assertThat(card.get("custom").has("campaign")).as("a known field, not an extra one").isFalse();
        assertThat(card.get("campaignCode").asText()).isEqualTo("RADIO-NOV");
        assertThat(postJson(Map.of("name", "Bad Code", "phone", "+47 22 11 22 99", "campaign", "two words"), null)
                .body()).contains("\"field\":\"campaign\"");
        JsonNode deals = deals(card.get("id").asText());
        assertThat(deals).hasSize(1);
        assertThat(deals.get(0).get("owner").get("id").asText()).isEqualTo(morning.id());
        assertThat(tasks(morning)).hasSize(1);
        assertThat(tasks(morning).get(0).get("details").get("message").asText()).isEqualTo("Please send prices");
    }

    @Test
    void aKnownClientWithoutAProcessGoesToTheDutyManagerWhoGetsOne() throws Exception {
        clock.set(at(monday, 13, 0));
        String id = boss.post("/api/v1/contacts", Map.of("firstName", "Ola", "surname", "Hansen", "phone",
                "+47 22 44 55 66", "country", "NO")).json().get("id").asText();
        assertThat(postJson(Map.of("name", "Ola H", "phone", "22 44 55 66", "country", "NO"), null).statusCode())
                .isEqualTo(202);
        assertThat(boss.get("/api/v1/contacts?q=Hansen").json().get("total").asInt()).as("no second card").isEqualTo(1);
        JsonNode deals = deals(id);
        assertThat(deals).hasSize(1);
        assertThat(deals.get(0).get("owner").get("id").asText()).isEqualTo(afternoon.id());
        assertThat(tasks(afternoon)).hasSize(1);
    }

    @Test
    void aKnownClientWithAnOpenProcessGoesToItsOwnerAsATask() throws Exception {
        String id = boss.post("/api/v1/contacts", Map.of("firstName", "Per", "surname", "Berg", "email",
                "per@berg.no", "phone", "+47 22 77 88 99", "country", "NO")).json().get("id").asText();
        postJson(Map.of("name", "Per Berg", "email", "per@berg.no"), null);
        String owner = deals(id).get(0).get("owner").get("id").asText();
        assertThat(owner).isEqualTo(morning.id());
        // later the same day, another duty manager: the enquiry still goes to the process's owner
        clock.set(at(monday, 14, 0));
        postJson(Map.of("name", "Per Berg", "email", "PER@berg.no", "message", "Any news?"), null);
        assertThat(deals(id)).hasSize(1);
        assertThat(tasks(morning)).hasSize(2);
        assertThat(tasks(afternoon)).isEmpty();
    }

    @Test
    void outsideDutyHoursTheRegionsManagerAndElseTheSupervisorAnswer() throws Exception {
        clock.set(at(monday, 19, 0));
        postJson(Map.of("name", "Eva Lie", "email", "eva@lie.no", "region", "Oslo"), null);
        assertThat(card("eva@lie.no").get("owner").get("id").asText()).isEqualTo(regional.id());
        postJson(Map.of("name", "Nils Dal", "email", "nils@dal.no"), null);
        assertThat(card("nils@dal.no").get("owner").get("id").asText()).isEqualTo(supervisor.id());
    }

    @Test
    void formPostsBotsAndBadInputAreHandledAsAWebsiteNeeds() throws Exception {
        HttpResponse<String> form = post("application/x-www-form-urlencoded",
                "name=Liv+Aas&email=liv%40aas.no&message=Hei&newsletter=on", null);
        assertThat(form.statusCode()).isEqualTo(202);
        assertThat(card("liv@aas.no").get("custom").get("newsletter").asText()).isEqualTo("on");

        HttpResponse<String> bot = post("application/x-www-form-urlencoded",
                "name=Bot&email=bot%40spam.example&_gotcha=http%3A%2F%2Fspam", null);
        assertThat(bot.statusCode()).isEqualTo(202);
        assertThat(boss.get("/api/v1/contacts?q=spam.example").json().get("total").asInt()).isZero();

        HttpResponse<String> broken = post("application/json", "{\"name\": \"Kari", null);
        assertThat(broken.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(broken.body()).get("field").asText()).isEqualTo("body");
        HttpResponse<String> noWay = postJson(Map.of("name", "No Contact"), null);
        assertThat(noWay.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(noWay.body()).get("field").asText()).isEqualTo("phone");
        assertThat(JSON.readTree(postJson(Map.of("email", "not-an-address"), null).body()).get("field").asText())
                .isEqualTo("email");
        assertThat(JSON.readTree(postJson(Map.of("email", "a@b.no", "message", "x".repeat(6000)), null).body())
                .get("field").asText()).isEqualTo("message");
        assertThat(JSON.readTree(postJson(Map.of("email", "a@b.no", "name", Map.of("first", "x")), null).body())
                .get("field").asText()).isEqualTo("name");
        HttpResponse<String> nowhere = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl()
                + "/api/v1/public/no-such-workspace/leads")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"a@b.no\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(nowhere.statusCode()).isEqualTo(404);
    }

    @Test
    void aFloodOfPostsFromOneAddressIsAnswered429() throws Exception {
        clock.set(at(monday, 10, 30));
        int accepted = 0;
        HttpResponse<String> last = null;
        for (int i = 0; i < 25; i++) {
            last = postJson(Map.of("email", "flood" + i + "@example.no"), null);
            if (last.statusCode() == 202) {
                accepted++;
            } else {
                break;
            }
        }
        assertThat(accepted).isEqualTo(20);
        assertThat(last.statusCode()).isEqualTo(429);
        assertThat(last.headers().firstValue("Retry-After")).isPresent();
        clock.set(at(monday, 10, 31));
        assertThat(postJson(Map.of("email", "after@example.no"), null).statusCode()).isEqualTo(202);
    }

    /** A post as a reverse proxy (127.0.0.1, trusted in tests) forwards it from {@code client}. */
    private HttpResponse<String> postFrom(String client, String workspaceKey, Map<String, Object> fields)
            throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/public/"
                + workspaceKey + "/leads")).header("Content-Type", "application/json")
                .header("X-Forwarded-For", client)
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(fields))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String head(String workspaceKey, String contentType, String... headers) {
        StringBuilder head = new StringBuilder("POST /api/v1/public/" + workspaceKey + "/leads HTTP/1.1\r\n"
                + "Host: localhost\r\nContent-Type: " + contentType + "\r\n");
        for (String header : headers) {
            head.append(header).append("\r\n");
        }
        return head.toString();
    }

    private int cards() {
        return boss.get("/api/v1/contacts").json().get("total").asInt();
    }

    @Test
    void theLimitSlidesSoTwiceItNeverPassesAcrossAMinuteBoundary() throws Exception {
        clock.set(at(monday, 10, 30).plusSeconds(59));
        for (int i = 0; i < 20; i++) {
            assertThat(postJson(Map.of("_gotcha", "bot" + i), null).statusCode()).isEqualTo(202);
        }

        clock.set(at(monday, 10, 31)); // a second later, in a new minute: a fixed window would let 20 more in
        HttpResponse<String> refused = postJson(Map.of("email", "boundary@example.no"), null);
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(JSON.readTree(refused.body()).get("field").asText()).isEqualTo("address");
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("2");
        clock.advance(Duration.ofSeconds(3)); // 20 a minute: one more every three seconds
        assertThat(postJson(Map.of("email", "boundary@example.no"), null).statusCode()).isEqualTo(202);
        assertThat(postJson(Map.of("email", "boundary2@example.no"), null).statusCode()).isEqualTo(429);
    }

    @Test
    void clientsBehindTheProxyHaveLimitsOfTheirOwnAndTheWorkspaceACap() throws Exception {
        clock.set(at(monday, 11, 0));
        // 200 posts from ten clients behind the proxy, twenty each: the proxy's address limits nobody
        for (int client = 1; client <= 10; client++) {
            for (int i = 0; i < 20; i++) {
                HttpResponse<String> posted = postFrom("198.51.100." + client, tenant.key(), Map.of("_gotcha", "x"));
                assertThat(posted.statusCode()).as(posted.body()).isEqualTo(202);
            }
        }
        assertThat(postFrom("198.51.100.1", tenant.key(), Map.of("_gotcha", "x")).statusCode()).isEqualTo(429);

        // the workspace has taken 200 this hour: an eleventh client is refused, naming the cap
        HttpResponse<String> capped = postFrom("198.51.100.11", tenant.key(), Map.of("email", "cap@example.no"));
        assertThat(capped.statusCode()).isEqualTo(429);
        JsonNode problem = JSON.readTree(capped.body());
        assertThat(problem.get("field").asText()).isEqualTo("workspaceKey");
        assertThat(problem.get("detail").asText()).contains("200 per 1h");
        assertThat(capped.headers().firstValue("Retry-After")).hasValue("18");
        // another workspace takes posts from the same client
        Tenant other = Tenant.create(api, "Intake Other AS");
        assertThat(postFrom("198.51.100.11", other.key(), Map.of("_gotcha", "x")).statusCode()).isEqualTo(202);
        // 200 an hour: one more every 18 s
        clock.advance(Duration.ofSeconds(18));
        assertThat(postFrom("198.51.100.11", tenant.key(), Map.of("email", "cap@example.no")).statusCode())
                .isEqualTo(202);
        assertThat(postFrom("198.51.100.12", tenant.key(), Map.of("email", "cap2@example.no")).statusCode())
                .isEqualTo(429);
    }

    @Test
    void aPostOverTheSizeLimitIsRefusedWith413BeforeItsBodyIsRead() throws Exception {
        clock.set(at(monday, 12, 0));
        int before = cards();

        // a declared length over 64 KB: answered on the head alone (the body never comes)
        RawPost.Answer declared = RawPost.send("127.0.0.1", port, head(tenant.key(), "application/json",
                "Content-Length: 70000"), new byte[0], false, false);
        assertThat(declared.status()).isEqualTo(413);
        assertThat(JSON.readTree(declared.body()).get("field").asText()).isEqualTo("body");
        // chunked, so no length: counted as it arrives and answered while the client is still sending
        byte[] fiveMegabytes = ("{\"message\":\"" + "x".repeat(5 * 1024 * 1024) + "\"}").getBytes();
        RawPost.Answer chunked = RawPost.send("127.0.0.1", port, head(tenant.key(), "application/json",
                "Transfer-Encoding: chunked"), java.util.Arrays.copyOf(fiveMegabytes, 256 * 1024), true, false);
        assertThat(chunked.status()).isEqualTo(413);
        assertThat(JSON.readTree(chunked.body()).get("field").asText()).isEqualTo("body");
        RawPost.Answer wholeChunked = RawPost.send("127.0.0.1", port, head(tenant.key(), "application/json",
                "Transfer-Encoding: chunked"), fiveMegabytes, true, true);
        assertThat(wholeChunked.status()).isEqualTo(413);
        // a URL-encoded form over 2 MB (Tomcat's own limit for parsing forms): 413, not a 500
        byte[] form = ("email=big%40example.no&message=" + "y".repeat(3 * 1024 * 1024)).getBytes();
        RawPost.Answer bigForm = RawPost.send("127.0.0.1", port, head(tenant.key(),
                "application/x-www-form-urlencoded", "Content-Length: " + form.length), form, false, false);
        assertThat(bigForm.status()).isEqualTo(413);
        RawPost.Answer chunkedForm = RawPost.send("127.0.0.1", port, head(tenant.key(),
                "application/x-www-form-urlencoded", "Transfer-Encoding: chunked"), form, true, true);
        assertThat(chunkedForm.status()).isEqualTo(413);
        assertThat(cards()).isEqualTo(before);

        // within the limit, a chunked post and a form are read and taken
        RawPost.Answer small = RawPost.send("127.0.0.1", port, head(tenant.key(), "application/json",
                "Transfer-Encoding: chunked"), "{\"email\":\"chunked@example.no\"}".getBytes(), true, true);
        assertThat(small.status()).as(small.body()).isEqualTo(202);
        byte[] smallForm = "name=Ola+Form&email=ola.form%40example.no&region=Oslo".getBytes();
        RawPost.Answer formPost = RawPost.send("127.0.0.1", port, head(tenant.key(),
                "application/x-www-form-urlencoded", "Content-Length: " + smallForm.length), smallForm, false, false);
        assertThat(formPost.status()).as(formPost.body()).isEqualTo(202);
        assertThat(cards()).isEqualTo(before + 2);
        assertThat(card("ola.form@example.no").get("firstName").asText()).isEqualTo("Ola");
        RawPost.Answer badEscape = RawPost.send("127.0.0.1", port, head(tenant.key(),
                "application/x-www-form-urlencoded", "Content-Length: 9"), "email=%zz".getBytes(), false, false);
        assertThat(badEscape.status()).isEqualTo(400);
        assertThat(JSON.readTree(badEscape.body()).get("field").asText()).isEqualTo("body");
    }

    @Test
    void aLimitedAddressIsRefusedWithoutItsBodyBeingRead() throws Exception {
        clock.set(at(monday, 13, 0));
        for (int i = 0; i < 20; i++) {
            assertThat(postFrom("203.0.113.50", tenant.key(), Map.of("_gotcha", "x")).statusCode()).isEqualTo(202);
        }

        // 20 MB announced; not a byte of it sent: the answer cannot have waited for it
        RawPost.Answer limited = RawPost.send("127.0.0.1", port, head(tenant.key(), "application/json",
                "Content-Length: " + 20 * 1024 * 1024, "X-Forwarded-For: 203.0.113.50"), new byte[0], false, false);
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.headers()).containsKey("retry-after");
        assertThat(JSON.readTree(limited.body()).get("field").asText()).isEqualTo("address");
        // an unknown workspace is a 404 the same way
        RawPost.Answer nowhere = RawPost.send("127.0.0.1", port, head("no-such-workspace", "application/json",
                "Content-Length: " + 20 * 1024 * 1024), new byte[0], false, false);
        assertThat(nowhere.status()).isEqualTo(404);
    }

    @Test
    void anUntrustedPeerCannotPickItsAddressWithXForwardedFor() throws Exception {
        clock.set(at(monday, 14, 0));
        // ::1 is not a trusted proxy in tests: every post counts against ::1, whatever address it claims
        int accepted = 0;
        int status = 0;
        for (int i = 0; i < 21 && status != 429; i++) {
            status = HTTP.send(HttpRequest.newBuilder(URI.create("http://[::1]:" + port + "/api/v1/public/"
                    + tenant.key() + "/leads")).header("Content-Type", "application/json")
                    .header("X-Forwarded-For", "192.0.2." + (i + 1))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"_gotcha\":\"x\"}")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode();
            accepted += status == 202 ? 1 : 0;
        }
        assertThat(accepted).isEqualTo(20);
        assertThat(status).isEqualTo(429);
    }

    // ------------------------------------------------------------------------------------------ inbound calls

    @Test
    void anInboundCallerIsFoundByAnyFormatAndRoutedToTheirManagerOrTheDutyManager() {
        Api agent = api.as(tenant.user("AGENT"));
        // the afternoon rep works now and owns Siri's card; the morning rep owns Tor's but has no hours today
        boss.send("PUT", "/api/v1/reps/" + afternoon.id() + "/calendar", Map.of("timeZone", "Europe/Oslo",
                "minNoticeMinutes", 0));
        String siri = boss.post("/api/v1/contacts", Map.of("firstName", "Siri", "surname", "Moe", "phone",
                "+47 22 31 41 51", "country", "NO", "ownerId", afternoon.id())).json().get("id").asText();
        String tor = boss.post("/api/v1/contacts", Map.of("firstName", "Tor", "surname", "Vik", "phone",
                "+47 22 32 42 52", "country", "NO", "ownerId", morning.id())).json().get("id").asText();

        JsonNode known = agent.get("/api/v1/inbound/lookup?phone=22%2031%2041%2051").json();
        assertThat(known.get("contactId").asText()).isEqualTo(siri);
        assertThat(known.get("owner").get("id").asText()).isEqualTo(afternoon.id());
        assertThat(known.get("ownerPresence").asText()).isEqualTo("AVAILABLE");
        assertThat(known.get("advice").asText()).isEqualTo("TRANSFER");

        JsonNode absent = agent.get("/api/v1/inbound/lookup?phone=%2B4722324252").json();
        assertThat(absent.get("advice").asText()).isEqualTo("DUTY_ANSWERS");
        assertThat(absent.get("ownerPresence").asText()).isEqualTo("ABSENT");
        assertThat(absent.get("duty").get("user").get("id").asText()).isEqualTo(morning.id());
        Api.Response taken = agent.post("/api/v1/inbound/calls", Map.of("phone", "+4722324252", "contactId", tor,
                "question", "When can you come?", "answer", "We will call back today"));
        assertThat(taken.status()).as(taken.toString()).isEqualTo(201);
        assertThat(taken.json().get("path").asText()).isEqualTo("OWNER_ABSENT");
        assertThat(tasks(morning).toString()).contains("When can you come?");

        JsonNode fresh = agent.get("/api/v1/inbound/lookup?phone=22%2099%2088%2077").json();
        assertThat(fresh.get("advice").asText()).isEqualTo("NEW_CALLER");
        assertThat(fresh.get("contactId").isNull()).isTrue();
        Api.Response created = agent.post("/api/v1/inbound/calls", Map.of("phone", fresh.get("phone").asText(),
                "question", "Do you install in Drammen?", "answer", "Yes", "email", "anne@berg.no", "material",
                "price list", "name", "Anne Berg", "organisation", "Berg Eiendom", "lineOfBusiness", "Property",
                "heardOfUs", "a neighbour", "campaign", "COUPON-7"));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("path").asText()).isEqualTo("NEW_CLIENT");
        JsonNode card = card("anne@berg.no");
        assertThat(card.get("source").asText()).isEqualTo("INBOUND_CALL");
        assertThat(card.get("heardOfUs").asText()).isEqualTo("a neighbour");
        assertThat(card.get("campaignCode").asText()).isEqualTo("COUPON-7");
        assertThat(card.get("owner").get("id").asText()).isEqualTo(morning.id());

        assertThat(agent.get("/api/v1/inbound/lookup?phone=hello").json().get("field").asText()).isEqualTo("phone");
        assertThat(agent.post("/api/v1/inbound/calls", Map.of("phone", "+4722998877")).json().get("field").asText())
                .isEqualTo("name");
    }

    // -------------------------------------------------------------------------------------- exhibition lists

    @Test
    void anExhibitionListGoesToRegionalManagersAndSpreadsEvenlyAtHome() throws Exception {
        String vestland = tenant.asAdmin().post("/api/v1/regions", Map.of("name", "Vestland")).json().get("id").asText();
        Tenant.User bergen = tenant.user("REP");
        tenant.asAdmin().patch("/api/v1/users/" + bergen.id(), Map.of("region", vestland));
        for (Tenant.User oslo : List.of(morning, afternoon)) {
            tenant.asAdmin().patch("/api/v1/users/" + oslo.id(), Map.of("region", region));
        }
        // three Oslo managers (morning, afternoon, regional), one in Vestland; one card exists already
        boss.post("/api/v1/contacts", Map.of("firstName", "Known", "surname", "Visitor", "phone", "+47 22 00 00 01",
                "country", "NO"));
        StringBuilder csv = new StringBuilder("name;phone;region\n");
        for (int i = 0; i < 25; i++) {
            csv.append("Oslo Visitor ").append(i).append(";+47 22 10 ").append(10 + i).append(" 00;")
                    .append(i % 5 == 0 ? "" : "Oslo").append('\n');
        }
        for (int i = 0; i < 6; i++) {
            csv.append("Bergen Visitor ").append(i).append(";+47 55 10 ").append(10 + i).append(" 00;Vestland\n");
        }
        csv.append("Known Visitor;+47 22 00 00 01;Oslo\n");
        Api.Response started = boss.upload("/api/v1/imports", "expo.csv",
                csv.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                Map.of("country", "NO", "onDuplicate", "SKIP"));
        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        String importId = started.json().get("id").asText();
        for (int i = 0; i < 300 && !boss.get("/api/v1/imports/" + importId).json().get("status").asText()
                .equals("DONE"); i++) {
            Thread.sleep(100);
        }
        assertThat(boss.get("/api/v1/imports/" + importId).json().get("skipped").asInt()).as("duplicate-checked first")
                .isEqualTo(1);

        JsonNode preview = boss.post("/api/v1/exhibitions/" + importId + "/preview", Map.of("homeRegion", "Oslo"))
                .json();
        Map<String, Integer> counts = new HashMap<>();
        preview.get("shares").forEach(sh -> counts.put(sh.get("manager").get("id").asText(), sh.get("leads").size()));
        assertThat(counts.get(bergen.id())).isEqualTo(6);
        List<Integer> home = List.of(counts.get(morning.id()), counts.get(afternoon.id()), counts.get(regional.id()));
        assertThat(home.stream().mapToInt(Integer::intValue).sum()).isEqualTo(25);
        assertThat(java.util.Collections.max(home) - java.util.Collections.min(home)).isLessThanOrEqualTo(1);
        assertThat(preview.get("unassigned")).isEmpty();
        assertThat(tasks(bergen)).as("a preview gives nothing out").isEmpty();

        JsonNode done = boss.post("/api/v1/exhibitions/" + importId + "/distribute", Map.of("homeRegion", "Oslo")).json();
        assertThat(done.get("shares").toString()).isEqualTo(preview.get("shares").toString());
        assertThat(tasks(bergen)).hasSize(6);
        assertThat(card("Bergen%20Visitor%203").get("owner").get("id").asText()).isEqualTo(bergen.id());
        // committed once: again, nothing is left to give
        JsonNode again = boss.post("/api/v1/exhibitions/" + importId + "/distribute", Map.of("homeRegion", "Oslo")).json();
        again.get("shares").forEach(sh -> assertThat(sh.get("leads")).isEmpty());
        assertThat(tasks(bergen)).hasSize(6);

        assertThat(boss.post("/api/v1/exhibitions/" + importId + "/preview", Map.of()).json().get("field").asText())
                .isEqualTo("homeRegion");
        assertThat(api.as(morning).post("/api/v1/exhibitions/" + importId + "/preview", Map.of("homeRegion", "Oslo"))
                .status()).isEqualTo(403);
    }

    // ------------------------------------------------------------------------------------------------ rules

    /** A body that is empty, null, {} or not an object is a 400 naming items; the rules and the week stay. */
    @Test
    void anEmptyOrNullBodyNeverDeletesTheRulesOrTheRoster() {
        Api.Response saved = boss.send("PUT", "/api/v1/routing/rules", Map.of("items", List.of(
                Map.of("name", "Oslo web", "channel", "WEB", "target", "USER", "userId", regional.id()))));
        assertThat(saved.status()).as(saved.toString()).isEqualTo(200);
        for (String body : new String[] {null, "null", "\"\"", "{}", "[]", "{\"fallbackUserId\":null}",
                "{\"items\":null}"}) {
            Api.Response rules = boss.send("PUT", "/api/v1/routing/rules", body);
            assertThat(rules.status()).as("rules, body " + body + ": " + rules).isEqualTo(400);
            assertThat(rules.json().get("field").asText()).as("rules, body " + body).isIn("items", "body");
            Api.Response week = boss.send("PUT", "/api/v1/duty/roster?region=Oslo", body);
            assertThat(week.status()).as("roster, body " + body + ": " + week).isEqualTo(400);
            // the roster takes no fallbackUserId: that body is refused for naming it
            assertThat(week.json().get("field").asText()).as("roster, body " + body)
                    .isIn("items", "body", "fallbackUserId");
        }
        assertThat(boss.get("/api/v1/routing/rules").json().get("items")).as("the rules kept").hasSize(1);
        assertThat(boss.get("/api/v1/duty/roster?region=Oslo").json().get("items")).as("the week kept").hasSize(2);

        // an explicit empty list still clears them, as documented
        assertThat(boss.send("PUT", "/api/v1/routing/rules", Map.of("items", List.of())).status()).isEqualTo(200);
        assertThat(boss.get("/api/v1/routing/rules").json().get("items")).isEmpty();
        assertThat(boss.send("PUT", "/api/v1/duty/roster?region=Oslo", Map.of("items", List.of())).status())
                .isEqualTo(200);
        assertThat(boss.get("/api/v1/duty/roster?region=Oslo").json().get("items")).isEmpty();
    }

    @Test
    void orderedRulesDecideAndRecordWhichOneFiredWithADryRun() throws Exception {
        String team = tenant.asAdmin().post("/api/v1/teams", Map.of("name", "Hotels")).json().get("id").asText();
        Tenant.User first = tenant.user("REP");
        Tenant.User second = tenant.user("REP");
        for (Tenant.User u : List.of(first, second)) {
            tenant.asAdmin().patch("/api/v1/users/" + u.id(), Map.of("team", team));
        }
        Api.Response bad = boss.send("PUT", "/api/v1/routing/rules", Map.of("items", List.of(Map.of("target", "MOON"))));
        assertThat(bad.json().get("field").asText()).isEqualTo("items[0].target");
        assertThat(boss.send("PUT", "/api/v1/routing/rules", Map.of("items", List.of(Map.of("target", "TEAM",
                "teamId", UUID.randomUUID().toString())))).json().get("field").asText()).isEqualTo("items[0].teamId");
        Api.Response saved = boss.send("PUT", "/api/v1/routing/rules", Map.of("items", List.of(
                Map.of("name", "Oslo web", "channel", "WEB", "region", "Oslo", "target", "USER", "userId", regional.id()),
                Map.of("name", "Everything else from the web", "channel", "WEB", "target", "TEAM", "teamId", team)),
                "fallbackUserId", supervisor.id()));
        assertThat(saved.status()).as(saved.toString()).isEqualTo(200);
        assertThat(saved.json().get("items")).hasSize(2);

        postJson(Map.of("name", "Oda Holm", "email", "oda@holm.no", "region", "Oslo"), null);
        JsonNode oda = card("oda@holm.no");
        assertThat(oda.get("owner").get("id").asText()).isEqualTo(regional.id());
        JsonNode history = boss.get("/api/v1/assignments?contactId=" + oda.get("id").asText()).json().get("items");
        assertThat(history.get(0).get("rule").asText()).isEqualTo("rule 1 \"Oslo web\" (user)");
        assertThat(history.get(0).get("path").asText()).isEqualTo("NEW_CLIENT");

        // the team's round robin: two leads, one each
        postJson(Map.of("name", "Hotel One", "email", "one@hotel.no"), null);
        postJson(Map.of("name", "Hotel Two", "email", "two@hotel.no"), null);
        List<String> owners = List.of(card("one@hotel.no").get("owner").get("id").asText(),
                card("two@hotel.no").get("owner").get("id").asText());
        assertThat(owners).containsExactlyInAnyOrder(first.id(), second.id());

        JsonNode dryRun = boss.post("/api/v1/routing/dry-run", null).json().get("items");
        assertThat(dryRun.size()).isBetween(3, 100);
        assertThat(dryRun.toString()).contains("Oslo web").contains("Everything else from the web");
        assertThat(api.as(first).post("/api/v1/routing/dry-run", null).status()).isEqualTo(403);
    }

    // ---------------------------------------------------------------------------------------------- speed to lead

    @Test
    void anUntouchedWebLeadAlertsItsOwnerThenTheSupervisor() throws Exception {
        Instant routed = at(monday, 9, 10);
        clock.set(routed);
        // both have an address of their own: the alerts go there as well as to their task lists
        String ownerAddress = "owner." + System.nanoTime() + "@fjordbygg.no";
        String supervisorAddress = "supervisor." + System.nanoTime() + "@fjordbygg.no";
        assertThat(tenant.asAdmin().patch("/api/v1/users/" + morning.id(), Map.of("email", ownerAddress)).status())
                .isEqualTo(200);
        assertThat(tenant.asAdmin().patch("/api/v1/users/" + supervisor.id(), Map.of("email", supervisorAddress))
                .status()).isEqualTo(200);
        // a second supervisor reads Norwegian: the escalation reaches them in their language, on their clock
        String norwegianAddress = "tilsyn." + System.nanoTime() + "@fjordbygg.no";
        Api.Response norwegian = tenant.asAdmin().post("/api/v1/users", Map.of("username",
                "tilsyn-" + System.nanoTime(), "password", "a-long-enough-password", "roles", List.of("SUPERVISOR"),
                "displayName", "Tone Tilsyn", "locale", "nb", "timeZone", "Europe/Oslo", "email", norwegianAddress));
        assertThat(norwegian.status()).as(norwegian.toString()).isEqualTo(201);
        postJson(Map.of("name", "Slow Lead", "email", "slow@lead.no"), null);
        postJson(Map.of("name", "Quick Lead", "email", "quick@lead.no"), null);
        String quick = card("quick@lead.no").get("id").asText();
        // the owner works the quick one: an edit of the card counts as a touch
        clock.set(routed.plus(Duration.ofMinutes(2)));
        JsonNode quickCard = api.as(morning).get("/api/v1/contacts/" + quick).json();
        Api.Response edited = api.as(morning).send("PUT", "/api/v1/contacts/" + quick, Map.of("firstName", "Quick",
                "surname", "Lead", "emails", List.of("quick@lead.no"), "lineOfBusiness", "Bakery"));
        assertThat(edited.status()).as(edited.toString()).isIn(200, 204);
        assertThat(quickCard.get("id").asText()).isEqualTo(quick);

        clock.set(routed.plus(Duration.ofMinutes(4)));
        speedToLead.check();
        assertThat(tasks(morning).toString()).doesNotContain("Untouched");
        clock.set(routed.plus(Duration.ofMinutes(6)));
        speedToLead.check();
        assertThat(tasks(morning).toString()).contains("Untouched for 5 min: Slow Lead")
                .doesNotContain("Untouched for 5 min: Quick Lead");
        assertThat(tasks(supervisor).toString()).doesNotContain("Untouched");
        clock.set(routed.plus(Duration.ofMinutes(16)));
        speedToLead.check();
        assertThat(tasks(supervisor).toString()).contains("Untouched for 15 min").contains("Slow Lead");
        assertThat(mailTo(ownerAddress, 1)).hasSize(1).first()
                .satisfies(m -> assertThat(m.getSubject()).isEqualTo("Untouched for 5 min: Slow Lead"));
        assertThat(mailTo(supervisorAddress, 1)).hasSize(1).first()
                .satisfies(m -> assertThat(m.getSubject()).startsWith("Untouched for 15 min").endsWith("Slow Lead"));
        assertThat(mailTo(norwegianAddress, 1)).hasSize(1).first().satisfies(m -> {
            assertThat(m.getSubject()).startsWith("Ubehandlet i 15 min").endsWith("Slow Lead");
            assertThat(com.icegreen.greenmail.util.GreenMailUtil.getBody(m)).contains("fortsatt ubehandlet etter 15")
                    .contains("09:10"); // routed at 09:10 in Oslo, and shown on the reader's Oslo clock
        });
        clock.set(routed.plus(Duration.ofMinutes(30)));
        assertThat(speedToLead.check()).as("alerted once each").isZero();
    }

    /** Issue 26: a web lead made two tasks, its own and the speed-to-lead alert beside it; now the alert is the task. */
    @Test
    void oneWebLeadMakesOneTaskEvenOnceItsAlertIsDue() throws Exception {
        Instant routed = at(monday, 9, 10);
        clock.set(routed);
        String name = "Single Task " + System.nanoTime();
        postJson(Map.of("name", name, "email", "single" + System.nanoTime() + "@lead.no"), null);
        List<JsonNode> before = tasksAbout(name);
        assertThat(before).as(before.toString()).hasSize(1);
        assertThat(before.get(0).get("kind").asText()).isEqualTo("WEB_LEAD");
        String contact = before.get(0).get("contactId").asText();

        clock.set(routed.plus(Duration.ofMinutes(6)));
        assertThat(speedToLead.check()).isGreaterThanOrEqualTo(1);
        List<JsonNode> after = tasksAbout(name);
        assertThat(after).as(after.toString()).hasSize(1);
        assertThat(after.get(0).get("contactId").asText()).isEqualTo(contact);
        assertThat(after.get(0).get("kind").asText()).isEqualTo("SPEED_TO_LEAD");
        assertThat(after.get(0).get("title").asText()).isEqualTo("Untouched for 5 min: " + name);
        // the lead's own details (its message, consent) stay on the one task
        assertThat(after.get(0).get("details").has("consent")).isTrue();
    }

    /** Everyone's open tasks about the lead of that name. */
    private List<JsonNode> tasksAbout(String name) {
        List<JsonNode> about = new java.util.ArrayList<>();
        api.as(supervisor).get("/api/v1/tasks?all=true").json().get("items").forEach(t -> {
            if (name.equals(t.get("contactName").asText())) {
                about.add(t);
            }
        });
        return about;
    }

}

package dev.callsheet.dialing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.callsheet.support.Api;
import dev.callsheet.support.IntegrationTest;
import dev.callsheet.support.Tenant;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The call queue through its API, with the clock in the test's hand: the time is set to a Monday
 * 12:00 UTC (13:00 in Oslo, 07:00 in New York, 21:00 in Seoul) before each test, always forward.
 */
public class QueueApiIntegrationTests extends IntegrationTest {

    private static Tenant tenant;
    private static Tenant.User supervisor;
    private static Tenant.User agent;
    private static Tenant.User otherAgent;
    private Api boss;
    private Api me;
    private Api other;

    @BeforeEach
    void setUp() {
        if (tenant == null) {
            tenant = Tenant.create(api, "Queue Test AS");
            supervisor = tenant.user("SUPERVISOR");
            agent = tenant.user("AGENT");
            otherAgent = tenant.user("AGENT");
        }
        boss = api.as(supervisor);
        me = api.as(agent);
        other = api.as(otherAgent);
        LocalDate monday = LocalDate.ofInstant(clock.instant().plus(Duration.ofDays(7)), ZoneOffset.UTC)
                .with(TemporalAdjusters.next(DayOfWeek.MONDAY));
        clock.set(monday.atTime(12, 0).toInstant(ZoneOffset.UTC));
    }

    private String project(Map<String, Object> extra) {
        Map<String, Object> body = new HashMap<>(Map.of("name", "Solar " + System.nanoTime(), "direction", "OUTBOUND",
                "audience", "NEW_CUSTOMERS", "reviewCadence", "DAILY", "timeZone", "Europe/Oslo"));
        body.putAll(extra);
        Api.Response created = boss.post("/api/v1/projects", body);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    public static String oslo() {
        return "+47 22 " + digits(6);
    }

    static String newYork() {
        return "+1 212 " + (200 + ThreadLocalRandom.current().nextInt(700)) + " " + digits(4);
    }

    static String seoul() {
        return "+82 2 3" + digits(3) + " " + digits(4);
    }

    static String digits(int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            s.append(ThreadLocalRandom.current().nextInt(10));
        }
        return s.toString();
    }

    private String lead(String phone) {
        Api.Response created = boss.post("/api/v1/contacts", Map.of("firstName", "Lead", "surname",
                "Person" + System.nanoTime(), "phone", phone, "country", "NO"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    private void add(String project, String... contacts) {
        Api.Response added = boss.post("/api/v1/projects/" + project + "/leads", Map.of("contactIds", List.of(contacts)));
        assertThat(added.status()).as(added.toString()).isEqualTo(200);
        assertThat(added.json().get("added").asInt()).isEqualTo(contacts.length);
    }

    private JsonNode next(Api who, String project) {
        Api.Response next = who.post("/api/v1/projects/" + project + "/next", null);
        assertThat(next.status()).as(next.toString()).isIn(200, 204);
        return next.status() == 204 ? null : next.json();
    }

    private JsonNode outcome(Api who, JsonNode lease, Map<String, Object> body) {
        Api.Response recorded = who.post("/api/v1/attempts/" + lease.get("attemptId").asText() + "/outcome", body);
        assertThat(recorded.status()).as(recorded.toString()).isEqualTo(200);
        return recorded.json();
    }

    @Test
    void nextLeadIsLeasedToOneAgentWithItsLocalTime() {
        String project = project(Map.of());
        String lead = lead(oslo());
        add(project, lead);

        JsonNode lease = next(me, project);
        assertThat(lease.get("attemptId").asText()).isNotBlank();
        assertThat(lease.get("lead").get("id").asText()).isEqualTo(lead);
        assertThat(lease.get("lead").get("timeZone").asText()).isEqualTo("Europe/Oslo");
        JsonNode card = boss.get("/api/v1/contacts/" + lead).json();
        assertThat(lease.get("lead").get("name").asText()).as("the card's name").isEqualTo(card.get("displayName").asText())
                .startsWith("Lead Person");
        assertThat(lease.get("lead").get("status").asText()).isEqualTo("NEW");
        // 12:00 UTC on the clock: 13:00 in Oslo in winter, 14:00 in summer
        String oslo = java.time.LocalDateTime.ofInstant(clock.instant(), java.time.ZoneId.of("Europe/Oslo")).toString();
        assertThat(lease.get("lead").get("localTime").asText()).isEqualTo(oslo.substring(0, 16));
        assertThat(next(other, project)).as("the only lead is leased to the first agent").isNull();
        assertThat(next(me, project).get("attemptId").asText()).as("asking again returns the same lease")
                .isEqualTo(lease.get("attemptId").asText());
    }

    @Test
    void anOutcomePostedTwiceIsRecordedOnceAndAnotherOneIsRefused() {
        String project = project(Map.of());
        String lead = lead(oslo());
        add(project, lead);
        JsonNode lease = next(me, project);

        JsonNode first = outcome(me, lease, Map.of("outcome", "NO_ANSWER", "talkSeconds", 0));
        JsonNode second = outcome(me, lease, Map.of("outcome", "NO_ANSWER", "talkSeconds", 0));
        assertThat(second).isEqualTo(first);
        assertThat(first.get("leadState").asText()).isEqualTo("READY");
        Api.Response changed = me.post("/api/v1/attempts/" + lease.get("attemptId").asText() + "/outcome",
                Map.of("outcome", "BUSY"));
        assertThat(changed.status()).isEqualTo(409);
        assertThat(me.get("/api/v1/contacts/" + lead + "/calls").json().get("items")).hasSize(1);
        long calledLines = 0;
        for (JsonNode activity : me.get("/api/v1/contacts/" + lead + "/activities").json().get("items")) {
            calledLines += activity.get("kind").asText().equals("CALLED") ? 1 : 0;
        }
        assertThat(calledLines).isEqualTo(1);
    }

    @Test
    void retryDelaysAndTheAttemptLimitAreHonoured() {
        String project = project(Map.of("maxAttempts", 3));
        String lead = lead(oslo());
        add(project, lead);

        JsonNode lease = next(me, project);
        JsonNode busy = outcome(me, lease, Map.of("outcome", "BUSY"));
        assertThat(Instant.parse(busy.get("dueAt").asText())).isEqualTo(clock.instant().plus(Duration.ofMinutes(15)));
        assertThat(next(me, project)).as("busy: not before 15 minutes").isNull();
        clock.advance(Duration.ofMinutes(14));
        assertThat(next(me, project)).isNull();
        clock.advance(Duration.ofMinutes(1));
        lease = next(me, project);
        assertThat(lease).isNotNull();

        outcome(me, lease, Map.of("outcome", "NO_ANSWER"));
        clock.advance(Duration.ofMinutes(119));
        assertThat(next(me, project)).as("no answer: not before 2 hours").isNull();
        clock.advance(Duration.ofMinutes(1));
        lease = next(me, project);
        JsonNode third = outcome(me, lease, Map.of("outcome", "NO_ANSWER"));
        assertThat(third.get("leadState").asText()).isEqualTo("EXHAUSTED");
        assertThat(third.get("exitReason").asText()).isEqualTo("MAX_ATTEMPTS");
        clock.advance(Duration.ofHours(3));
        assertThat(next(me, project)).as("an exhausted lead leaves the queue").isNull();
    }

    @Test
    void theCapOfCallsPerDayPushesTheNextCallOut() {
        String project = project(Map.of("maxCallsPer24h", 2, "callingHours", allDay()));
        String lead = lead(oslo());
        add(project, lead);
        Instant first = clock.instant();
        outcome(me, next(me, project), Map.of("outcome", "BUSY"));
        clock.advance(Duration.ofMinutes(15));
        JsonNode second = outcome(me, next(me, project), Map.of("outcome", "BUSY"));
        assertThat(Instant.parse(second.get("dueAt").asText())).isEqualTo(first.plus(Duration.ofHours(24)));
    }

    @Test
    void aDueCallbackGoesToItsAgentFirstAndToAnyoneAfterTheGracePeriod() {
        String project = project(Map.of("callbackGraceMinutes", 10));
        String callback = lead(oslo());
        String plain = lead(oslo());
        add(project, callback);
        JsonNode lease = next(me, project);
        JsonNode recorded = outcome(me, lease, Map.of("outcome", "FOLLOW_UP", "callbackAt",
                clock.instant().plus(Duration.ofHours(1)).toString(), "callbackFor", "ME"));
        assertThat(recorded.get("leadState").asText()).isEqualTo("READY");
        add(project, plain);

        clock.advance(Duration.ofHours(1));
        JsonNode otherLease = next(other, project);
        assertThat(otherLease.get("lead").get("id").asText()).as("another agent gets the plain lead").isEqualTo(plain);
        JsonNode mine = next(me, project);
        assertThat(mine.get("lead").get("id").asText()).isEqualTo(callback);
        assertThat(mine.get("lead").get("callback").asBoolean()).isTrue();

        // Once more, this time the agent is away: after the grace period anyone gets it.
        outcome(me, mine, Map.of("outcome", "FOLLOW_UP", "callbackAt",
                clock.instant().plus(Duration.ofHours(1)).toString()));
        outcome(other, otherLease, Map.of("outcome", "REJECTED", "reason", "has solar already"));
        clock.advance(Duration.ofMinutes(65));
        assertThat(next(other, project)).as("still within the grace period").isNull();
        clock.advance(Duration.ofMinutes(5));
        assertThat(next(other, project).get("lead").get("id").asText()).isEqualTo(callback);
    }

    @Test
    void aCallbackGoesToAnyoneAtOnceWhenItsAgentLeaves() {
        String project = project(Map.of("callbackGraceMinutes", 600));
        Tenant.User leaving = tenant.user("AGENT");
        Api leaver = api.as(leaving);
        add(project, lead(oslo()));
        JsonNode lease = next(leaver, project);
        outcome(leaver, lease, Map.of("outcome", "FOLLOW_UP", "callbackAt",
                clock.instant().plus(Duration.ofHours(1)).toString()));
        clock.advance(Duration.ofHours(1));
        assertThat(next(other, project)).as("the callback waits for its agent").isNull();
        assertThat(tenant.asAdmin().post("/api/v1/users/" + leaving.id() + "/deactivate", null).status()).isEqualTo(200);
        assertThat(next(other, project).get("lead").get("id").asText()).isEqualTo(lease.get("lead").get("id").asText());
    }

    @Test
    void aCallbackInTheLeadsLocalTimeNeedsAFutureTime() {
        String project = project(Map.of());
        add(project, lead(oslo()));
        JsonNode lease = next(me, project);
        String attempt = "/api/v1/attempts/" + lease.get("attemptId").asText() + "/outcome";
        Api.Response missing = me.post(attempt, Map.of("outcome", "FOLLOW_UP"));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().get("field").asText()).isEqualTo("callbackAt");
        Api.Response past = me.post(attempt, Map.of("outcome", "FOLLOW_UP", "callbackAt", "2001-01-01T10:00"));
        assertThat(past.json().get("field").asText()).isEqualTo("callbackAt");
        // A time on an outcome that is no callback is refused, never turned into a callback.
        Api.Response notACallback = me.post(attempt, Map.of("outcome", "NO_ANSWER", "callbackAt", "2099-01-01T10:00"));
        assertThat(notACallback.status()).isEqualTo(400);
        assertThat(notACallback.json().get("field").asText()).isEqualTo("callbackAt");
        // 15:30 on the lead's clock in Oslo (14:30 UTC in winter, 13:30 in summer: the shared clock may be in either)
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        JsonNode recorded = outcome(me, lease, Map.of("outcome", "FOLLOW_UP", "callbackAt", today + "T15:30"));
        assertThat(Instant.parse(recorded.get("dueAt").asText()))
                .isEqualTo(today.atTime(15, 30).atZone(java.time.ZoneId.of("Europe/Oslo")).toInstant());
    }

    @Test
    void leadsOutsideTheirCallingHoursOrOnAHolidayAreNotServed() {
        String project = project(Map.of());
        String ny = lead(newYork());
        String kr = lead(seoul());
        add(project, ny, kr);
        assertThat(next(me, project)).as("07:00 in New York, 21:00 in Seoul").isNull();
        clock.advance(Duration.ofHours(2));
        JsonNode lease = next(me, project);
        assertThat(lease.get("lead").get("id").asText()).as("09:00 in New York").isEqualTo(ny);
        assertThat(lease.get("lead").get("timeZone").asText()).isEqualTo("America/New_York");
        outcome(me, lease, Map.of("outcome", "REJECTED", "reason", "not interested"));

        String oslo = lead(oslo());
        add(project, oslo);
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        Api.Response holiday = boss.post("/api/v1/holidays", Map.of("country", "NO", "day", today.toString(),
                "name", "Test day"));
        assertThat(holiday.status()).as(holiday.toString()).isEqualTo(201);
        try {
            assertThat(next(me, project)).as("a public holiday in Norway").isNull();
        } finally {
            assertThat(boss.delete("/api/v1/holidays/NO/" + today).status()).isEqualTo(204);
        }
        assertThat(next(me, project).get("lead").get("id").asText()).isEqualTo(oslo);
    }

    @Test
    void doNotCallNumbersAndDoNotContactCardsAreNeverServed() {
        String project = project(Map.of());
        String listedPhone = oslo();
        String listed = lead(listedPhone);
        String refused = lead(oslo());
        add(project, listed, refused);

        Api.Response dnc = me.post("/api/v1/dnc", Map.of("phone", listedPhone.replace("+47 ", ""), "country", "NO"));
        assertThat(dnc.status()).as(dnc.toString()).isEqualTo(201);
        assertThat(dnc.json().get("phone").asText()).isEqualTo(listedPhone.replace(" ", ""));
        assertThat(dnc.json().get("removedFromQueues").asInt()).isEqualTo(1);

        JsonNode card = boss.get("/api/v1/contacts/" + refused).json();
        Api.Response edited = boss.send("PUT", "/api/v1/contacts/" + refused, Map.of("firstName", "Lead", "surname",
                card.get("surname").asText(), "phone", card.get("phones").get(0).get("raw").asText(), "country", "NO",
                "status", "DO_NOT_CONTACT"));
        assertThat(edited.status()).as(edited.toString()).isEqualTo(200);

        assertThat(next(me, project)).isNull();
        String fresh = lead(listedPhone);
        Api.Response added = boss.post("/api/v1/projects/" + project + "/leads", Map.of("contactIds", List.of(fresh)));
        assertThat(added.json().get("added").asInt()).as("enters the queue, blocked").isEqualTo(1);
        assertThat(next(me, project)).isNull();
        assertThat(boss.get("/api/v1/projects/" + project + "/queue").json().get("BLOCKED").asInt()).isEqualTo(3);

        String other = oslo();
        String viaFile = lead(other);
        add(project, viaFile);
        String file = "phone\n" + other.replace("+47 ", "") + "\n" + other + "\nnot a number 1\n" + listedPhone + "\n";
        Api.Response uploaded = boss.upload("/api/v1/dnc/import", "dnc.csv",
                file.getBytes(java.nio.charset.StandardCharsets.UTF_8), Map.of("country", "NO"));
        assertThat(uploaded.status()).as(uploaded.toString()).isEqualTo(200);
        assertThat(uploaded.json().get("added").asInt()).as("one new number, written twice").isEqualTo(1);
        assertThat(uploaded.json().get("alreadyListed").asInt()).isEqualTo(1);
        assertThat(uploaded.json().get("rejected").get(0).get("line").asInt()).isEqualTo(4);
        assertThat(boss.get("/api/v1/projects/" + project + "/queue").json().get("BLOCKED").asInt()).isEqualTo(4);

        Api.Response bad = me.post("/api/v1/dnc", Map.of("phone", "call me never"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("field").asText()).isEqualTo("phone");
        // digits inside free text are no number: libphonenumber would read +4720260230 out of it
        long listedBefore = me.get("/api/v1/dnc").json().get("total").asLong();
        Api.Response text = me.post("/api/v1/dnc", Map.of("phone", "call me 2026-02-30", "country", "NO"));
        assertThat(text.status()).as(text.toString()).isEqualTo(400);
        assertThat(text.json().get("field").asText()).isEqualTo("phone");
        assertThat(me.get("/api/v1/dnc").json().get("total").asLong()).as("nothing listed").isEqualTo(listedBefore);
    }

    @Test
    void aLeadWaitingForItsRetryIsPulledOutWhenItsCardOrNumberIsBarred() {
        String project = project(Map.of());
        String phone = oslo();
        String refused = lead(oslo());
        String listed = lead(phone);
        add(project, refused, listed);
        outcome(me, next(me, project), Map.of("outcome", "NO_ANSWER"));
        outcome(me, next(me, project), Map.of("outcome", "NO_ANSWER"));

        JsonNode card = boss.get("/api/v1/contacts/" + refused).json();
        boss.send("PUT", "/api/v1/contacts/" + refused, Map.of("firstName", "Lead", "surname",
                card.get("surname").asText(), "phone", card.get("phones").get(0).get("raw").asText(), "country", "NO",
                "status", "DO_NOT_CONTACT"));
        assertThat(me.post("/api/v1/dnc", Map.of("phone", phone, "country", "NO")).json().get("removedFromQueues")
                .asInt()).isEqualTo(1);
        assertThat(boss.get("/api/v1/projects/" + project + "/queue").json().get("BLOCKED").asInt()).isEqualTo(2);
        clock.advance(Duration.ofHours(3));
        assertThat(next(me, project)).as("both were due again, neither may be called").isNull();
    }

    @Test
    void anExpiredLeaseReturnsTheLeadWithNothingLost() {
        String project = project(Map.of());
        String lead = lead(oslo());
        add(project, lead);
        JsonNode lease = next(me, project);
        assertThat(next(other, project)).isNull();
        clock.advance(Duration.ofMinutes(11));
        JsonNode again = next(other, project);
        assertThat(again.get("lead").get("id").asText()).isEqualTo(lead);
        assertThat(again.get("lead").get("attempts").asInt()).isZero();
        // The first agent's late outcome is still recorded on the card, without taking the lead back.
        outcome(me, lease, Map.of("outcome", "NO_ANSWER"));
        assertThat(me.get("/api/v1/contacts/" + lead + "/calls").json().get("items")).hasSize(2);
        assertThat(outcome(other, again, Map.of("outcome", "BUSY")).get("leadState").asText()).isEqualTo("READY");
    }

    @Test
    void aNumberThatDoesNotExistIsNeverCalledAgainAndFlaggedOnTheCard() {
        String project = project(Map.of());
        String lead = lead(oslo());
        add(project, lead);
        JsonNode recorded = outcome(me, next(me, project), Map.of("outcome", "INVALID_NUMBER"));
        assertThat(recorded.get("leadState").asText()).isEqualTo("EXHAUSTED");
        assertThat(recorded.get("exitReason").asText()).isEqualTo("INVALID_NUMBER");
        assertThat(me.get("/api/v1/contacts/" + lead).json().get("phones").get(0).get("flag").asText())
                .isEqualTo("INVALID_NUMBER");
        clock.advance(Duration.ofDays(3));
        assertThat(next(me, project)).isNull();
    }

    @Test
    void aQualifiedLeadIsHandedToBookingAndAWeakOneGoesToNurture() {
        String project = project(Map.of());
        String strong = lead(oslo());
        String weak = lead(oslo());
        add(project, strong, weak);
        JsonNode first = next(me, project);
        Api.Response noRating = me.post("/api/v1/attempts/" + first.get("attemptId").asText() + "/outcome",
                Map.of("outcome", "INTERESTED"));
        assertThat(noRating.status()).isEqualTo(400);
        assertThat(noRating.json().get("field").asText()).isEqualTo("qualification");
        Api.Response badRating = me.post("/api/v1/attempts/" + first.get("attemptId").asText() + "/outcome",
                Map.of("outcome", "INTERESTED", "qualification", Map.of("interest", 6, "ability", 3, "willingness", 3)));
        assertThat(badRating.json().get("field").asText()).isEqualTo("qualification.interest");

        JsonNode booked = outcome(me, first, Map.of("outcome", "INTERESTED", "talkSeconds", 210,
                "qualification", Map.of("interest", 5, "ability", 4, "willingness", 3, "notes", "roof replaced 2024")));
        assertThat(booked.get("qualified").asBoolean()).isTrue();
        assertThat(booked.get("handOff").asText()).isEqualTo("BOOKING");
        assertThat(booked.get("leadState").asText()).isEqualTo("DONE");
        JsonNode second = next(me, project);
        JsonNode nurtured = outcome(me, second, Map.of("outcome", "INTERESTED",
                "qualification", Map.of("interest", 4, "ability", 1, "willingness", 2)));
        assertThat(nurtured.get("qualified").asBoolean()).isFalse();
        assertThat(nurtured.has("handOff") && !nurtured.get("handOff").isNull()).isFalse();
        String firstId = first.get("lead").get("id").asText();
        String secondId = second.get("lead").get("id").asText();
        assertThat(me.get("/api/v1/contacts/" + firstId).json().get("status").asText()).isEqualTo("QUALIFIED");
        assertThat(me.get("/api/v1/contacts/" + secondId).json().get("status").asText()).isEqualTo("NURTURE");
    }

    @Test
    void aMultiCallPlanSchedulesItsNextStep() {
        String project = project(Map.of("mediaPlan", List.of(Map.of("kind", "CALL", "afterDays", 0, "note", "survey"),
                Map.of("kind", "CALL", "afterDays", 3, "note", "sale"))));
        Api.Response outcome = boss.send("PUT", "/api/v1/projects/" + project + "/outcomes/TARGET_CONFIRMED",
                Map.of("label", "Target confirmed", "connected", true, "followUp", "NEXT_STEP"));
        assertThat(outcome.status()).as(outcome.toString()).isEqualTo(200);
        String lead = lead(oslo());
        add(project, lead);
        JsonNode survey = next(me, project);
        assertThat(survey.get("lead").get("step").asInt()).isZero();
        JsonNode recorded = outcome(me, survey, Map.of("outcome", "TARGET_CONFIRMED"));
        assertThat(Instant.parse(recorded.get("dueAt").asText())).isEqualTo(clock.instant().plus(Duration.ofDays(3)));
        clock.advance(Duration.ofDays(3));
        JsonNode sale = next(me, project);
        assertThat(sale.get("lead").get("id").asText()).isEqualTo(lead);
        assertThat(sale.get("lead").get("step").asInt()).isEqualTo(1);
    }

    @Test
    void theQueueFollowsTheProjectsPriorityOrder() {
        String project = project(Map.of("priority", List.of("AREA_CODE")));
        List<String> leads = new ArrayList<>();
        for (String phone : List.of("+47 55 " + digits(6), "+47 22 " + digits(6), "+47 33 " + digits(6))) {
            leads.add(lead(phone));
        }
        add(project, leads.toArray(String[]::new));
        List<String> served = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            JsonNode lease = next(me, project);
            served.add(lease.get("lead").get("phone").asText().substring(0, 5));
            outcome(me, lease, Map.of("outcome", "REJECTED", "reason", "no"));
        }
        assertThat(served).containsExactly("+4722", "+4733", "+4755");
    }

    @Test
    void projectsAreCheckedFieldByFieldAndOnlySupervisorsMakeThem() {
        Api.Response noName = boss.post("/api/v1/projects", Map.of("direction", "OUTBOUND"));
        assertThat(noName.status()).isEqualTo(400);
        assertThat(noName.json().get("field").asText()).isEqualTo("name");
        Api.Response badHours = boss.post("/api/v1/projects", Map.of("name", "X", "callingHours",
                Map.of("MONDAY", List.of(Map.of("from", "20:00", "to", "09:00")))));
        assertThat(badHours.json().get("field").asText()).isEqualTo("callingHours.MONDAY[0]");
        Api.Response badZone = boss.post("/api/v1/projects", Map.of("name", "X", "timeZone", "Mars/Olympus"));
        assertThat(badZone.json().get("field").asText()).isEqualTo("timeZone");
        Api.Response badCadence = boss.post("/api/v1/projects", Map.of("name", "X", "reviewCadence", "HOURLY"));
        assertThat(badCadence.json().get("field").asText()).isEqualTo("reviewCadence");
        assertThat(me.post("/api/v1/projects", Map.of("name", "Mine")).status()).isEqualTo(403);

        String project = project(Map.of("callingHours", Map.of("SATURDAY", List.of(Map.of("from", "10:00", "to", "14:00")))));
        JsonNode read = me.get("/api/v1/projects/" + project).json();
        assertThat(read.get("callingHours").toString()).isEqualTo("{\"SATURDAY\":[{\"from\":\"10:00\",\"to\":\"14:00\"}]}");
        assertThat(read.get("maxAttempts").asInt()).isEqualTo(6);
        JsonNode outcomes = me.get("/api/v1/projects/" + project + "/outcomes").json().get("items");
        List<String> codes = new ArrayList<>();
        outcomes.forEach(o -> codes.add(o.get("code").asText()));
        assertThat(codes).startsWith("REJECTED", "INTERESTED", "DEAL", "FOLLOW_UP", "HUNG_UP", "NO_ANSWER",
                "SWITCHED_OFF", "BUSY", "INVALID_NUMBER", "OUT_OF_AREA");
        assertThat(outcomes.get(5).get("retryDelayMinutes").asInt()).isEqualTo(120);
        assertThat(outcomes.get(5).get("final").asBoolean()).isFalse();
        assertThat(me.post("/api/v1/projects/" + project + "/leads", Map.of("contactIds", List.of())).status())
                .isEqualTo(403);
    }

    @Test
    void supervisorsWriteScriptsWithBranchesAndObjections() {
        String project = project(Map.of());
        Map<String, Object> script = Map.of("wordForWord", true, "start", "open", "nodes", List.of(
                Map.of("id", "open", "stage", "OPENING", "text", "Hei, dette er Kari fra Nordlys Solar.",
                        "answers", List.of(Map.of("label", "Har tid", "next", "needs"), Map.of("label", "Travel"))),
                Map.of("id", "needs", "stage", "DIALOGUE", "text", "Hvor gammelt er taket?", "answers", List.of())),
                "objections", List.of(Map.of("objection", "For dyrt", "answer", "Vi tilbyr finansiering.")));
        Api.Response saved = boss.send("PUT", "/api/v1/projects/" + project + "/scripts/nb", script);
        assertThat(saved.status()).as(saved.toString()).isEqualTo(200);
        JsonNode read = me.get("/api/v1/projects/" + project + "/scripts/nb").json();
        assertThat(read.get("nodes").get(0).get("answers").get(0).get("next").asText()).isEqualTo("needs");
        assertThat(read.get("objections").get(0).get("answer").asText()).isEqualTo("Vi tilbyr finansiering.");
        assertThat(read.get("wordForWord").asBoolean()).isTrue();

        Map<String, Object> broken = Map.of("nodes", List.of(Map.of("id", "open", "stage", "OPENING", "text", "Hi",
                "answers", List.of(Map.of("label", "Yes", "next", "nowhere")))));
        Api.Response refused = boss.send("PUT", "/api/v1/projects/" + project + "/scripts/en", broken);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("field").asText()).isEqualTo("nodes[0].answers[0].next");
        assertThat(me.send("PUT", "/api/v1/projects/" + project + "/scripts/en", script).status()).isEqualTo(403);
    }

    @Test
    void anInboundCallerLandsOnTheirCardInTheSameConsole() {
        String project = project(Map.of("direction", "INBOUND"));
        String phone = oslo();
        String caller = lead(phone);
        JsonNode found = me.get("/api/v1/contacts?q=" + phone.replace("+47 22 ", "22").replace(" ", "")).json();
        assertThat(found.get("items").get(0).get("id").asText()).isEqualTo(caller);
        Api.Response taken = me.post("/api/v1/projects/" + project + "/inbound", Map.of("contactId", caller));
        assertThat(taken.status()).as(taken.toString()).isEqualTo(200);
        assertThat(taken.json().get("lead").get("inbound").asBoolean()).isTrue();
        JsonNode recorded = outcome(me, taken.json(), Map.of("outcome", "DEAL", "talkSeconds", 180));
        assertThat(recorded.get("leadState").asText()).isEqualTo("DONE");
        assertThat(me.get("/api/v1/contacts/" + caller).json().get("status").asText()).isEqualTo("CUSTOMER");
    }

    @Test
    void anImportNamingAProjectFillsItsQueueWhenDone() throws InterruptedException {
        String project = project(Map.of());
        String csv = "name;phone\nAnne Import;" + oslo() + "\nBård Import;" + oslo() + "\nNo Phone;\n";
        Api.Response badProject = boss.upload("/api/v1/imports", "queue.csv", csv.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                Map.of("country", "NO", "projectId", java.util.UUID.randomUUID().toString()));
        assertThat(badProject.status()).isEqualTo(400);
        assertThat(badProject.json().get("field").asText()).isEqualTo("projectId");
        Api.Response started = boss.upload("/api/v1/imports", "queue.csv",
                csv.getBytes(java.nio.charset.StandardCharsets.UTF_8), Map.of("country", "NO", "projectId", project));
        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        Instant deadline = Instant.now().plusSeconds(60);
        JsonNode counts = boss.get("/api/v1/projects/" + project + "/queue").json();
        while (!counts.has("READY") && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
            counts = boss.get("/api/v1/projects/" + project + "/queue").json();
        }
        assertThat(counts.get("READY").asInt()).as("the two leads with a phone").isEqualTo(2);
    }

    public static Map<String, Object> allDay() {
        Map<String, Object> hours = new HashMap<>();
        for (DayOfWeek day : DayOfWeek.values()) {
            hours.put(day.name(), List.of(Map.of("from", "00:00", "to", "24:00")));
        }
        return hours;
    }
}

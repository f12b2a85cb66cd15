package dev.callsheet.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.callsheet.scheduling.internal.Reminders;
import dev.callsheet.support.Api;
import dev.callsheet.support.IntegrationTest;
import dev.callsheet.support.Tenant;
import jakarta.mail.internet.MimeMessage;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Reps' calendars, availability and bookings through the API, against the real database and a real SMTP
 * server (GreenMail). Each test gets its own reps (so round robin and caps start clean) and moves the
 * clock forward to a Monday 06:00 UTC.
 */
class SchedulingApiIntegrationTests extends IntegrationTest {

    private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");
    private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");

    private static Tenant tenant;
    private static Tenant.User supervisor;
    private static Tenant.User agent;
    private Api boss;
    private Api me;
    private LocalDate monday;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Reminders reminders;

    @BeforeEach
    void setUp() {
        if (tenant == null) {
            tenant = Tenant.create(api, "Booking Test AS");
            supervisor = tenant.user("SUPERVISOR");
            agent = tenant.user("AGENT");
        }
        boss = api.as(supervisor);
        me = api.as(agent);
        monday = LocalDate.ofInstant(clock.instant().plus(Duration.ofDays(7)), ZoneOffset.UTC)
                .with(TemporalAdjusters.next(DayOfWeek.MONDAY));
        clock.set(monday.atTime(6, 0).toInstant(ZoneOffset.UTC));
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private Tenant.User rep(String zone, Map<String, Object> extra) {
        return rep(tenant, boss, zone, extra);
    }

    private static Tenant.User rep(Tenant tenant, Api boss, String zone, Map<String, Object> extra) {
        Tenant.User rep = tenant.user("REP");
        Map<String, Object> body = new HashMap<>(Map.of("timeZone", zone, "email", rep.username() + "@reps.test",
                "minNoticeMinutes", 0));
        body.putAll(extra);
        Api.Response saved = boss.send("PUT", "/api/v1/reps/" + rep.id() + "/calendar", body);
        assertThat(saved.status()).as(saved.toString()).isEqualTo(200);
        return rep;
    }

    private String lead(String phone, Map<String, Object> extra) {
        Map<String, Object> body = new HashMap<>(Map.of("firstName", "Lead", "surname", "Person" + System.nanoTime(),
                "phone", phone, "country", "NO"));
        body.putAll(extra);
        Api.Response created = boss.post("/api/v1/contacts", body);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    private String lead() {
        return lead("+47 22 " + (10 + (System.nanoTime() % 89)) + " " + (10 + (System.nanoTime() / 7 % 89)) + " "
                + (10 + (System.nanoTime() / 13 % 89)), Map.of());
    }

    private static Instant at(LocalDate day, String time, ZoneId zone) {
        return day.atTime(LocalTime.parse(time)).atZone(zone).toInstant();
    }

    private Api.Response book(Api who, String lead, Instant start, Map<String, Object> extra) {
        Map<String, Object> body = new HashMap<>(Map.of("leadId", lead, "start", start.toString()));
        body.putAll(extra);
        return who.post("/api/v1/appointments", body);
    }

    private List<Instant> starts(JsonNode slots) {
        List<Instant> starts = new ArrayList<>();
        slots.get("items").forEach(s -> starts.add(Instant.parse(s.get("start").asText())));
        return starts;
    }

    private JsonNode availability(String query) {
        Api.Response found = me.get("/api/v1/availability?" + query);
        assertThat(found.status()).as(found.toString()).isEqualTo(200);
        return found.json();
    }


    private static String calendarPart(MimeMessage message) throws Exception {
        String raw = new String(message.getInputStream().readAllBytes());
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        message.writeTo(out);
        String all = out.toString(java.nio.charset.StandardCharsets.UTF_8);
        int begin = all.indexOf("BEGIN:VCALENDAR");
        int end = all.indexOf("END:VCALENDAR");
        assertThat(begin).as("a calendar part in " + raw).isNotNegative();
        return all.substring(begin, end + "END:VCALENDAR".length()).replace("\r\n ", "").replace("\r\n", "\n");
    }

    private static String property(String ics, String name) {
        if (ics.contains("BEGIN:VEVENT") && !name.equals("METHOD")) {
            ics = ics.substring(ics.indexOf("BEGIN:VEVENT"));
        }
        Matcher m = Pattern.compile("(?m)^" + name + "[:;](.*)$").matcher(ics);
        return m.find() ? m.group(1).strip() : null;
    }

    // ---------------------------------------------------------------------------------------------- calendars

    @Test
    void aCalendarIsCheckedFieldByFieldAndKeptByItsRepOrASupervisor() {
        Tenant.User rep = rep("Europe/Oslo", Map.of());
        String path = "/api/v1/reps/" + rep.id() + "/calendar";
        Api.Response badZone = boss.send("PUT", path, Map.of("timeZone", "Mars/Olympus"));
        assertThat(badZone.status()).isEqualTo(400);
        assertThat(badZone.json().get("field").asText()).isEqualTo("timeZone");
        Api.Response badHours = boss.send("PUT", path, Map.of("timeZone", "Europe/Oslo", "weeklyHours",
                Map.of("MONDAY", List.of(Map.of("from", "17:00", "to", "09:00")))));
        assertThat(badHours.json().get("field").asText()).isEqualTo("weeklyHours.MONDAY[0]");
        Api.Response badDay = boss.send("PUT", path, Map.of("weeklyHours", Map.of("FUNDAY", List.of())));
        assertThat(badDay.json().get("field").asText()).isEqualTo("weeklyHours.FUNDAY");
        Api.Response badType = boss.send("PUT", path, Map.of("meetingTypes",
                List.of(Map.of("code", "ON_SITE", "durationMinutes", 0))));
        assertThat(badType.json().get("field").asText()).isEqualTo("meetingTypes[0].durationMinutes");
        Api.Response badRegion = boss.send("PUT", path, Map.of("regions", List.of("Atlantis")));
        assertThat(badRegion.json().get("field").asText()).isEqualTo("regions[0]");
        Api.Response badException = boss.send("PUT", path, Map.of("exceptions", List.of(Map.of("date", "24.12."))));
        assertThat(badException.json().get("field").asText()).isEqualTo("exceptions[0].date");
        assertThat(boss.send("PUT", path, Map.of("minNoticeMinutes", -5)).json().get("field").asText())
                .isEqualTo("minNoticeMinutes");

        assertThat(me.send("PUT", path, Map.of("timeZone", "Europe/Oslo")).status()).isEqualTo(403);
        Tenant.User otherRep = tenant.user("REP");
        assertThat(api.as(otherRep).send("PUT", path, Map.of("timeZone", "Europe/Oslo")).status()).isEqualTo(403);
        Api.Response own = api.as(rep).send("PUT", path, Map.of("timeZone", "Asia/Seoul", "weeklyHours",
                Map.of("TUESDAY", List.of(Map.of("from", "10:00", "to", "12:00"))), "dailyCap", 3,
                "exceptions", List.of(Map.of("date", monday.plusDays(1).toString(), "hours", List.of()))));
        assertThat(own.status()).as(own.toString()).isEqualTo(200);
        JsonNode calendar = me.get(path).json();
        assertThat(calendar.get("timeZone").asText()).isEqualTo("Asia/Seoul");
        assertThat(calendar.get("weeklyHours").get("TUESDAY").get(0).get("from").asText()).isEqualTo("10:00");
        assertThat(calendar.get("weeklyHours").has("MONDAY")).isFalse();
        assertThat(calendar.get("dailyCap").asInt()).isEqualTo(3);
        assertThat(calendar.get("meetingTypes")).hasSize(4);
        assertThat(calendar.get("minNoticeMinutes").asInt()).isEqualTo(120);

        // an agent cannot be given a calendar
        assertThat(boss.send("PUT", "/api/v1/reps/" + agent.id() + "/calendar", Map.of()).status()).isEqualTo(404);
    }

    // ------------------------------------------------------------------------------------ time zones and DST

    @Test
    void aRepInSeoulAndALeadInOsloSeeTheSameInstantsAcrossADaylightSavingChange() {
        // the next time Oslo's clocks change, whichever way
        Instant change = OSLO.getRules().nextTransition(clock.instant()).getInstant();
        LocalDate before = LocalDate.ofInstant(change, OSLO).minusDays(3);
        clock.set(before.atStartOfDay(OSLO).toInstant().minus(Duration.ofDays(1)));
        Tenant.User seoul = rep("Asia/Seoul", Map.of("weeklyHours", Map.of(
                "MONDAY", List.of(Map.of("from", "09:00", "to", "17:00")),
                "TUESDAY", List.of(Map.of("from", "09:00", "to", "17:00")),
                "WEDNESDAY", List.of(Map.of("from", "09:00", "to", "17:00")),
                "THURSDAY", List.of(Map.of("from", "09:00", "to", "17:00")),
                "FRIDAY", List.of(Map.of("from", "09:00", "to", "17:00")),
                "SATURDAY", List.of(Map.of("from", "09:00", "to", "17:00")),
                "SUNDAY", List.of(Map.of("from", "09:00", "to", "17:00"))),
                "meetingTypes", List.of(Map.of("code", "VIDEO", "durationMinutes", 60, "bufferAfterMinutes", 0))));
        String lead = lead("+47 22 33 44 55", Map.of());
        JsonNode slots = availability("rep=" + seoul.id() + "&type=VIDEO&lead=" + lead + "&from=" + before
                + "&to=" + before.plusDays(7) + "&limit=5000");
        assertThat(slots.get("leadTimeZone").asText()).isEqualTo("Europe/Oslo");

        ZoneOffset osloBefore = OSLO.getRules().getOffset(change.minusSeconds(1));
        ZoneOffset osloAfter = OSLO.getRules().getOffset(change);
        boolean sawBefore = false;
        boolean sawAfter = false;
        for (JsonNode slot : slots.get("items")) {
            Instant start = Instant.parse(slot.get("start").asText());
            OffsetDateTime repLocal = OffsetDateTime.parse(slot.get("repLocalStart").asText());
            OffsetDateTime leadLocal = OffsetDateTime.parse(slot.get("leadLocalStart").asText());
            // the rep's day is 09:00-17:00 Seoul time whatever Oslo does
            assertThat(repLocal.getOffset()).isEqualTo(ZoneOffset.ofHours(9));
            assertThat(repLocal.toLocalTime()).isBetween(LocalTime.of(9, 0), LocalTime.of(16, 0));
            assertThat(repLocal.toInstant()).isEqualTo(start);
            assertThat(leadLocal.toInstant()).isEqualTo(start);
            assertThat(leadLocal.getOffset()).isEqualTo(start.isBefore(change) ? osloBefore : osloAfter);
            sawBefore |= start.isBefore(change);
            sawAfter |= !start.isBefore(change);
        }
        assertThat(sawBefore && sawAfter).as("slots on both sides of the change").isTrue();
        // 09:00 in Seoul is the same UTC hour every day, so the Oslo clock reading moves by the change
        List<Instant> firsts = new ArrayList<>();
        slots.get("items").forEach(s -> {
            if (OffsetDateTime.parse(s.get("repLocalStart").asText()).toLocalTime().equals(LocalTime.of(9, 0))) {
                firsts.add(Instant.parse(s.get("start").asText()));
            }
        });
        assertThat(firsts).allSatisfy(i -> assertThat(i.atZone(ZoneOffset.UTC).getHour()).isZero());

        // a rep in Oslo works 09:00 local on both sides: the UTC start moves instead
        Tenant.User oslo = rep("Europe/Oslo", Map.of("weeklyHours", Map.of(
                "MONDAY", List.of(Map.of("from", "09:00", "to", "10:00")),
                "TUESDAY", List.of(Map.of("from", "09:00", "to", "10:00")),
                "WEDNESDAY", List.of(Map.of("from", "09:00", "to", "10:00")),
                "THURSDAY", List.of(Map.of("from", "09:00", "to", "10:00")),
                "FRIDAY", List.of(Map.of("from", "09:00", "to", "10:00")),
                "SATURDAY", List.of(Map.of("from", "09:00", "to", "10:00")),
                "SUNDAY", List.of(Map.of("from", "09:00", "to", "10:00"))),
                "meetingTypes", List.of(Map.of("code", "PHONE", "durationMinutes", 60, "bufferAfterMinutes", 0))));
        List<Instant> osloStarts = starts(availability("rep=" + oslo.id() + "&type=PHONE&from=" + before + "&to="
                + before.plusDays(7)));
        assertThat(osloStarts).hasSize(7).allSatisfy(i -> assertThat(i.atZone(OSLO).toLocalTime())
                .isEqualTo(LocalTime.of(9, 0)));
        assertThat(osloStarts.stream().map(i -> i.atZone(ZoneOffset.UTC).getHour()).distinct()).hasSize(2);
    }

    // -------------------------------------------------------------------------------- buffers, notice, caps

    @Test
    void buffersKeepTravelTimeFreeAroundAMeetingOnSite() {
        Tenant.User rep = rep("Europe/Oslo", Map.of());
        LocalDate day = monday.plusDays(1);
        String first = lead();
        assertThat(book(me, first, at(day, "10:00", OSLO), Map.of("repId", rep.id(), "type", "ON_SITE")).status())
                .isEqualTo(201);
        // ON_SITE: 60 minutes with 30 before and 30 after; the next on-site meeting may start at 12:00
        List<LocalTime> onSite = starts(availability("rep=" + rep.id() + "&type=ON_SITE&from=" + day + "&to="
                + day.plusDays(1))).stream().map(i -> i.atZone(OSLO).toLocalTime()).toList();
        // (09:00 would need 08:30-10:30 clear, and the booked meeting holds 09:30-11:30)
        assertThat(onSite).contains(LocalTime.of(12, 0)).doesNotContain(LocalTime.of(9, 0), LocalTime.of(9, 30),
                LocalTime.of(10, 0), LocalTime.of(11, 0), LocalTime.of(11, 30));
        // a phone call (no buffer before) fits right after the travel time
        List<LocalTime> phone = starts(availability("rep=" + rep.id() + "&type=PHONE&from=" + day + "&to="
                + day.plusDays(1))).stream().map(i -> i.atZone(OSLO).toLocalTime()).toList();
        assertThat(phone).contains(LocalTime.of(11, 30)).doesNotContain(LocalTime.of(11, 0));
        Api.Response clash = book(me, lead(), at(day, "11:30", OSLO), Map.of("repId", rep.id(), "type", "ON_SITE"));
        assertThat(clash.status()).isEqualTo(409);
        assertThat(clash.json().get("reason").asText()).isEqualTo("TAKEN");
        assertThat(clash.json().get("nextSlots").get(0).get("start").asText())
                .isEqualTo(at(day, "12:00", OSLO).toString());
    }

    @Test
    void minimumNoticeAndCapsAreHonoured() {
        Tenant.User rep = rep("Europe/Oslo", Map.of("minNoticeMinutes", 120, "dailyCap", 1, "weeklyCap", 2));
        // now: Monday 08:00 in Oslo
        clock.set(at(monday, "08:00", OSLO));
        List<Instant> today = starts(availability("rep=" + rep.id() + "&type=PHONE&from=" + monday + "&to="
                + monday.plusDays(1)));
        assertThat(today.get(0)).isEqualTo(at(monday, "10:00", OSLO));
        Api.Response tooSoon = book(me, lead(), at(monday, "09:30", OSLO), Map.of("repId", rep.id(), "type", "PHONE"));
        assertThat(tooSoon.status()).isEqualTo(409);
        assertThat(tooSoon.json().get("reason").asText()).isEqualTo("NOTICE");

        assertThat(book(me, lead(), at(monday, "13:00", OSLO), Map.of("repId", rep.id(), "type", "PHONE")).status())
                .isEqualTo(201);
        assertThat(starts(availability("rep=" + rep.id() + "&type=PHONE&from=" + monday + "&to=" + monday.plusDays(1))))
                .as("the day is full").isEmpty();
        Api.Response daily = book(me, lead(), at(monday, "15:00", OSLO), Map.of("repId", rep.id(), "type", "PHONE"));
        assertThat(daily.json().get("reason").asText()).isEqualTo("DAILY_CAP");
        assertThat(book(me, lead(), at(monday.plusDays(1), "09:00", OSLO), Map.of("repId", rep.id(), "type", "PHONE"))
                .status()).isEqualTo(201);
        Api.Response weekly = book(me, lead(), at(monday.plusDays(2), "09:00", OSLO),
                Map.of("repId", rep.id(), "type", "PHONE"));
        assertThat(weekly.status()).isEqualTo(409);
        assertThat(weekly.json().get("reason").asText()).isEqualTo("WEEKLY_CAP");
        // next week is free again
        assertThat(book(me, lead(), at(monday.plusDays(7), "09:00", OSLO), Map.of("repId", rep.id(), "type", "PHONE"))
                .status()).isEqualTo(201);
    }

    @Test
    void aDayOffAndChangedHoursOverrideTheWeek() {
        LocalDate off = monday.plusDays(2);
        LocalDate shortDay = monday.plusDays(3);
        Tenant.User rep = rep("Europe/Oslo", Map.of("exceptions", List.of(
                Map.of("date", off.toString(), "hours", List.of(), "note", "dentist"),
                Map.of("date", shortDay.toString(), "hours", List.of(Map.of("from", "12:00", "to", "13:00"))))));
        List<Instant> week = starts(availability("rep=" + rep.id() + "&type=PHONE&from=" + monday + "&to="
                + monday.plusDays(7)));
        assertThat(week).noneMatch(i -> i.atZone(OSLO).toLocalDate().equals(off));
        assertThat(week.stream().filter(i -> i.atZone(OSLO).toLocalDate().equals(shortDay))
                .map(i -> i.atZone(OSLO).toLocalTime())).containsExactly(LocalTime.of(12, 0), LocalTime.of(12, 30));
        assertThat(week).noneMatch(i -> i.atZone(OSLO).getDayOfWeek() == DayOfWeek.SATURDAY);
    }

    /**
     * Availability keeps calendars and meetings between requests; every change must show at the next request:
     * a booking, a cancellation, new hours, a renamed or deactivated rep — and a meeting written straight
     * into the database, as another instance would.
     */
    @Test
    void availabilityFollowsEveryChangeAtOnce() {
        Tenant own = Tenant.create(api, "Availability Cache AS");
        Api ownBoss = api.as(own.user("SUPERVISOR"));
        Api ownAgent = api.as(own.user("AGENT"));
        Tenant.User rep = rep(own, ownBoss, "Europe/Oslo", Map.of());
        String query = "type=PHONE&from=" + monday.plusDays(1) + "&to=" + monday.plusDays(2);
        java.util.function.Supplier<List<Instant>> free = () -> starts(ownAgent.get("/api/v1/availability?" + query)
                .json());
        List<Instant> before = free.get();
        Instant nine = at(monday.plusDays(1), "09:00", OSLO);
        assertThat(before).contains(nine);

        String lead = ownBoss.post("/api/v1/contacts", Map.of("firstName", "Cache", "surname", "Lead",
                "phone", "+47 22 33 44 55", "country", "NO")).json().get("id").asText();
        Api.Response booked = ownAgent.post("/api/v1/appointments", Map.of("leadId", lead, "start", nine.toString(),
                "type", "PHONE"));
        assertThat(booked.status()).as(booked.toString()).isEqualTo(201);
        assertThat(free.get()).doesNotContain(nine);

        assertThat(ownAgent.post("/api/v1/appointments/" + booked.json().get("id").asText() + "/cancel",
                Map.of("reason", "changed plans")).status()).isEqualTo(200);
        assertThat(free.get()).contains(nine);

        Api.Response hours = ownBoss.send("PUT", "/api/v1/reps/" + rep.id() + "/calendar", Map.of("timeZone",
                "Europe/Oslo", "minNoticeMinutes", 0, "weeklyHours", Map.of("TUESDAY", List.of(Map.of("from", "13:00",
                        "to", "15:00")))));
        assertThat(hours.status()).as(hours.toString()).isEqualTo(200);
        assertThat(free.get()).allMatch(i -> i.atZone(OSLO).getHour() >= 13 && i.atZone(OSLO).getHour() < 15)
                .isNotEmpty();

        jdbc.sql("""
                INSERT INTO appointment (workspace_id, contact_id, rep_id, booked_by, type, starts_at, ends_at, blocked,
                  status, choice, choice_reason, rep_time_zone, lead_time_zone, sequence, created_at, updated_at)
                SELECT workspace_id, contact_id, rep_id, booked_by, type, ?, ?, tstzrange(?, ?), 'BOOKED', choice,
                  choice_reason, rep_time_zone, lead_time_zone, 0, now(), now()
                FROM appointment WHERE id = ?""")
                .params(java.sql.Timestamp.from(at(monday.plusDays(1), "13:00", OSLO)),
                        java.sql.Timestamp.from(at(monday.plusDays(1), "13:30", OSLO)),
                        java.sql.Timestamp.from(at(monday.plusDays(1), "13:00", OSLO)),
                        java.sql.Timestamp.from(at(monday.plusDays(1), "13:30", OSLO)),
                        java.util.UUID.fromString(booked.json().get("id").asText()))
                .update();
        assertThat(free.get()).doesNotContain(at(monday.plusDays(1), "13:00", OSLO));

        assertThat(own.asAdmin().patch("/api/v1/users/" + rep.id(), Map.of("displayName", "Renamed Rep")).status())
                .isEqualTo(200);
        assertThat(ownAgent.get("/api/v1/availability?" + query).body()).contains("Renamed Rep");
        Api.Response deactivated = own.asAdmin().post("/api/v1/users/" + rep.id() + "/deactivate", null);
        assertThat(deactivated.status()).as(deactivated.toString()).isLessThan(300);
        assertThat(free.get()).isEmpty();
    }

    // ------------------------------------------------------------------------------------------ which rep

    @Test
    void theOwnerComesFirstThenTheTerritoryThenRoundRobin() {
        // a workspace of its own, so that only these reps are in the pool
        Tenant own = Tenant.create(api, "Routing AS");
        Api boss = own.asAdmin();
        Api me = api.as(own.user("AGENT"));
        String region = boss.post("/api/v1/regions", Map.of("name", "Vestland")).json().get("id").asText();
        Tenant.User owner = rep(own, boss, "Europe/Oslo", Map.of("weight", 0));
        Tenant.User local = rep(own, boss, "Europe/Oslo", Map.of("regions", List.of(region), "weight", 0));
        LocalDate day = monday.plusDays(1);
        java.util.function.BiFunction<String, Map<String, Object>, String> lead = (phone, extra) -> {
            Map<String, Object> body = new HashMap<>(Map.of("surname", "Person" + System.nanoTime(), "phone", phone,
                    "country", "NO"));
            body.putAll(extra);
            return boss.post("/api/v1/contacts", body).json().get("id").asText();
        };

        String owned = lead.apply("+47 22 40 40 40", Map.of("ownerId", owner.id(), "region", region));
        JsonNode ownedBooking = book(me, owned, at(day, "09:00", OSLO), Map.of("type", "PHONE")).json();
        assertThat(ownedBooking.get("rep").get("id").asText()).isEqualTo(owner.id());
        assertThat(ownedBooking.get("choice").asText()).isEqualTo("OWNER");

        String regional = lead.apply("+47 22 41 41 41", Map.of("region", region));
        JsonNode regionalBooking = book(me, regional, at(day, "09:00", OSLO), Map.of("type", "PHONE")).json();
        assertThat(regionalBooking.get("rep").get("id").asText()).isEqualTo(local.id());
        assertThat(regionalBooking.get("choice").asText()).isEqualTo("TERRITORY");
        // the regional lead now belongs to the rep it was booked for
        assertThat(boss.get("/api/v1/contacts/" + regional).json().get("owner").get("id").asText()).isEqualTo(local.id());

        // the owner is busy at 09:00 now: the same owned lead's next booking at 09:00 elsewhere waits for round robin
        Tenant.User pool = rep(own, boss, "Europe/Oslo", Map.of());
        JsonNode other = book(me, lead.apply("+47 22 42 42 42", Map.of()), at(day, "09:00", OSLO),
                Map.of("type", "PHONE")).json();
        assertThat(other.get("rep").get("id").asText()).isEqualTo(pool.id());
        assertThat(other.get("choice").asText()).isEqualTo("ROUND_ROBIN");

        // a supervisor pins a rep; the reason is recorded
        JsonNode pinned = book(boss, lead.apply("+47 22 43 43 43", Map.of()), at(day, "14:00", OSLO),
                Map.of("type", "PHONE", "repId", owner.id())).json();
        JsonNode appointment = boss.get("/api/v1/appointments/" + pinned.get("id").asText()).json();
        assertThat(appointment.get("choice").asText()).isEqualTo("PINNED");
        assertThat(appointment.get("choiceReason").asText()).contains("pinned by");
    }

    @Test
    void roundRobinFollowsTheWeightsAndCalibratesANewRep() {
        // a workspace of its own, so that only these reps share the bookings
        Tenant own = Tenant.create(api, "Round Robin AS");
        Tenant.User setter = own.user("AGENT");
        Api admin = own.asAdmin();
        List<Tenant.User> reps = new ArrayList<>();
        for (int weight : new int[] {100, 100, 50}) {
            Tenant.User rep = own.user("REP");
            admin.send("PUT", "/api/v1/reps/" + rep.id() + "/calendar", Map.of("timeZone", "Europe/Oslo",
                    "minNoticeMinutes", 0, "weight", weight, "weeklyHours", Map.of(
                            "TUESDAY", List.of(Map.of("from", "00:00", "to", "24:00")),
                            "WEDNESDAY", List.of(Map.of("from", "00:00", "to", "24:00")))));
            reps.add(rep);
        }
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < 50; i++) {
            String lead = admin.post("/api/v1/contacts", Map.of("surname", "Robin" + i, "phone", "+47 22 50 " + (10 + i)
                    + " 00", "country", "NO")).json().get("id").asText();
            Instant start = at(monday.plusDays(1), "00:00", OSLO).plus(Duration.ofMinutes(30L * i));
            clock.advance(Duration.ofSeconds(1));
            Api.Response booked = book(api.as(setter), lead, start, Map.of("type", "PHONE"));
            assertThat(booked.status()).as(booked.toString()).isEqualTo(201);
            counts.merge(booked.json().get("rep").get("id").asText(), 1, Integer::sum);
        }
        assertThat(counts.get(reps.get(0).id())).isEqualTo(20);
        assertThat(counts.get(reps.get(1).id())).isEqualTo(20);
        assertThat(counts.get(reps.get(2).id())).isEqualTo(10);

        // a new rep with a full weight joins: credited with the others' load, not flooded to catch up
        clock.advance(Duration.ofMinutes(1));
        Tenant.User newcomer = own.user("REP");
        admin.send("PUT", "/api/v1/reps/" + newcomer.id() + "/calendar", Map.of("timeZone", "Europe/Oslo",
                "minNoticeMinutes", 0, "weeklyHours", Map.of("WEDNESDAY", List.of(Map.of("from", "00:00", "to", "24:00")))));
        Map<String, Integer> after = new HashMap<>();
        for (int i = 0; i < 7; i++) {
            String lead = admin.post("/api/v1/contacts", Map.of("surname", "Late" + i, "phone", "+47 22 60 " + (10 + i)
                    + " 00", "country", "NO")).json().get("id").asText();
            Instant start = at(monday.plusDays(2), "00:00", OSLO).plus(Duration.ofMinutes(30L * i));
            clock.advance(Duration.ofSeconds(1));
            after.merge(book(api.as(setter), lead, start, Map.of("type", "PHONE")).json().get("rep").get("id").asText(),
                    1, Integer::sum);
        }
        // shares 100:100:50:100 of 7 bookings: 2, 2, 1, 2 (the newcomer would take all 7 without calibration)
        assertThat(after.get(newcomer.id())).isBetween(1, 3);
        assertThat(after.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(7);
    }

    // ------------------------------------------------------------------------------------------- the race

    @Test
    void fiftyAgentsRacingForOneSlotGetOneBooking() throws Exception {
        Tenant.User rep = rep("Europe/Oslo", Map.of());
        Instant start = at(monday.plusDays(1), "10:00", OSLO);
        List<String> leads = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            leads.add(lead("+47 23 " + (10 + i) + " 55 66", Map.of()));
        }
        ExecutorService pool = Executors.newFixedThreadPool(50);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Api.Response>> results = new ArrayList<>();
        for (String lead : leads) {
            results.add(pool.submit(() -> {
                go.await();
                return book(me, lead, start, Map.of("repId", rep.id(), "type", "ON_SITE"));
            }));
        }
        go.countDown();
        List<Integer> statuses = new ArrayList<>();
        for (Future<Api.Response> result : results) {
            statuses.add(result.get().status());
        }
        pool.shutdown();
        assertThat(statuses.stream().filter(s -> s == 201)).hasSize(1);
        assertThat(statuses.stream().filter(s -> s == 409)).hasSize(49);
        assertThat(me.get("/api/v1/appointments?rep=" + rep.id() + "&from=" + monday + "&to=" + monday.plusDays(7))
                .json().get("items")).hasSize(1);
    }

    @Test
    void theDatabaseItselfRefusesOverlappingMeetingsOfOneRep() {
        Tenant.User rep = rep("Europe/Oslo", Map.of());
        Instant start = at(monday.plusDays(1), "10:00", OSLO);
        String id = book(me, lead(), start, Map.of("repId", rep.id(), "type", "PHONE")).json().get("id").asText();
        // a write that skips every check above the database still cannot double-book
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> jdbc.sql("""
                INSERT INTO appointment (workspace_id, contact_id, rep_id, booked_by, type, starts_at, ends_at, blocked,
                  status, choice, choice_reason, rep_time_zone, lead_time_zone, created_at, updated_at)
                SELECT workspace_id, contact_id, rep_id, booked_by, type, starts_at + interval '10 minutes', ends_at,
                  tstzrange(starts_at, ends_at), 'BOOKED', choice, choice_reason, rep_time_zone, lead_time_zone, now(),
                  now()
                FROM appointment WHERE id = ?::uuid""").param(id).update())
                .hasMessageContaining("appointment_no_double_booking");
    }

    @Test
    void aDoubleClickBooksOnce() {
        Tenant.User rep = rep("Europe/Oslo", Map.of());
        String lead = lead();
        Instant start = at(monday.plusDays(1), "11:00", OSLO);
        Api.Response first = book(me, lead, start, Map.of("repId", rep.id()));
        Api.Response second = book(me, lead, start, Map.of("repId", rep.id()));
        assertThat(first.status()).isEqualTo(201);
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.json().get("id").asText()).isEqualTo(first.json().get("id").asText());
    }

    // ------------------------------------------------------------------------------------------ bad input

    @Test
    void badBookingsAreRefusedNamingTheField() {
        rep("Europe/Oslo", Map.of());
        String lead = lead();
        assertThat(me.post("/api/v1/appointments", Map.of("start", "2030-01-01T10:00:00Z")).json().get("field").asText())
                .isEqualTo("leadId");
        assertThat(me.post("/api/v1/appointments", Map.of("leadId", "nope", "start", "x")).json().get("field").asText())
                .isEqualTo("leadId");
        assertThat(me.post("/api/v1/appointments", Map.of("leadId", lead)).json().get("field").asText())
                .isEqualTo("start");
        assertThat(me.post("/api/v1/appointments", Map.of("leadId", lead, "start", "tomorrow")).json().get("field")
                .asText()).isEqualTo("start");
        assertThat(me.post("/api/v1/appointments", Map.of("leadId", lead, "start", "2001-01-01T10:00:00Z")).json()
                .get("field").asText()).isEqualTo("start");
        assertThat(me.post("/api/v1/appointments", Map.of("leadId", lead, "start", at(monday.plusDays(1), "10:00", OSLO)
                .toString(), "type", "TELEPATHY")).json().get("field").asText()).isEqualTo("type");
        assertThat(me.post("/api/v1/appointments", Map.of("leadId", lead, "start", at(monday.plusDays(1), "10:00", OSLO)
                .toString(), "inviteLead", true)).json().get("field").asText()).isEqualTo("inviteLead");
        assertThat(me.get("/api/v1/availability?from=2030-01-10&to=2030-01-01").json().get("field").asText())
                .isEqualTo("to");
        assertThat(me.get("/api/v1/availability?lead=xyz").json().get("field").asText()).isEqualTo("lead");
        assertThat(me.get("/api/v1/availability?limit=0").json().get("field").asText()).isEqualTo("limit");
        assertThat(me.post("/api/v1/appointments", null).status()).isEqualTo(400);
    }

    // ------------------------------------------------------------------------- life of a meeting, invites

    @Test
    void rescheduleAndCancelSendUpdatesOfTheSameInviteWithARisingSequence() throws Exception {
        Tenant.User rep = rep("Europe/Oslo", Map.of());
        String email = rep.username() + "@reps.test";
        String lead = lead("+47 22 77 66 55", Map.of("email", "kari.lead" + System.nanoTime() + "@example.no"));
        Api.Response booked = book(me, lead, at(monday.plusDays(1), "10:00", OSLO),
                Map.of("repId", rep.id(), "type", "OFFICE", "inviteLead", true, "notes", "bring the price list"));
        assertThat(booked.status()).as(booked.toString()).isEqualTo(201);
        String id = booked.json().get("id").asText();

        Api.Response moved = me.post("/api/v1/appointments/" + id + "/reschedule",
                Map.of("start", at(monday.plusDays(2), "13:00", OSLO).toString()));
        assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
        assertThat(moved.json().get("sequence").asInt()).isEqualTo(1);
        assertThat(me.post("/api/v1/appointments/" + id + "/cancel", Map.of()).json().get("field").asText())
                .isEqualTo("reason");
        Api.Response cancelled = me.post("/api/v1/appointments/" + id + "/cancel", Map.of("reason", "lead fell ill"));
        assertThat(cancelled.json().get("status").asText()).isEqualTo("CANCELLED");
        assertThat(me.post("/api/v1/appointments/" + id + "/reschedule", Map.of("start",
                at(monday.plusDays(3), "13:00", OSLO).toString())).status()).isEqualTo(409);

        List<MimeMessage> received = mailTo(email, 3);
        assertThat(received).hasSize(3);
        List<String> calendars = new ArrayList<>();
        for (MimeMessage message : received) {
            calendars.add(calendarPart(message));
        }
        calendars.sort((a, b) -> property(a, "SEQUENCE").compareTo(property(b, "SEQUENCE")));
        assertThat(calendars).extracting(c -> property(c, "SEQUENCE")).containsExactly("0", "1", "2");
        assertThat(calendars).extracting(c -> property(c, "UID")).containsOnly(id + "@localhost");
        assertThat(calendars).extracting(c -> property(c, "METHOD")).containsExactly("REQUEST", "REQUEST", "CANCEL");
        assertThat(property(calendars.get(0), "DTSTART")).isEqualTo("TZID=Europe/Oslo:"
                + monday.plusDays(1).toString().replace("-", "") + "T100000");
        assertThat(property(calendars.get(1), "DTSTART")).isEqualTo("TZID=Europe/Oslo:"
                + monday.plusDays(2).toString().replace("-", "") + "T130000");
        assertThat(calendars.get(0)).contains("ATTENDEE").contains(email).contains("bring the price list");
        // the lead was invited too, and got the same three
        assertThat(mailTo("kari.lead", 3)).hasSizeGreaterThanOrEqualTo(3);

        Api.Response status = me.get("/api/v1/appointments/" + id + "/mail");
        assertThat(status.json().get("items")).allSatisfy(m -> assertThat(m.get("status").asText()).isEqualTo("SENT"));
    }

    @Test
    void invitesCarryTheRightLocalTimeInEveryZone() {
        for (String zone : List.of("Europe/Moscow", "Asia/Yekaterinburg", "Europe/Oslo", "Asia/Seoul",
                "America/New_York", "Australia/Sydney")) {
            Tenant.User rep = rep(zone, Map.of("minNoticeMinutes", 0));
            ZoneId z = ZoneId.of(zone);
            Instant start = monday.plusDays(1).atTime(10, 0).atZone(z).toInstant();
            if (start.isBefore(clock.instant())) {
                start = start.plus(Duration.ofDays(1));
            }
            Api.Response booked = book(me, lead(), start, Map.of("repId", rep.id(), "type", "PHONE"));
            assertThat(booked.status()).as(zone + " " + booked).isEqualTo(201);
            Api.Response invite = me.get("/api/v1/appointments/" + booked.json().get("id").asText() + "/invite.ics",
                    "text/calendar");
            assertThat(invite.status()).isEqualTo(200);
            assertThat(invite.header("Content-Type")).startsWith("text/calendar");
            String ics = invite.body().replace("\r\n ", "").replace("\r\n", "\n");
            assertThat(property(ics, "DTSTART")).isEqualTo("TZID=" + zone + ":"
                    + start.atZone(z).toLocalDateTime().toString().replace("-", "").replace(":", "") + "00");
            // read back by an independent reading of the VTIMEZONE: the offset it gives that day is java.time's
            assertThat(IcsReader.instant(ics, "DTSTART")).as(zone + "\n" + ics).isEqualTo(start);
        }
    }

    @Test
    void theRepMarksAMeetingHeldOrNoShowOnceItHasStarted() {
        Tenant.User rep = rep("Europe/Oslo", Map.of());
        Instant start = at(monday.plusDays(1), "10:00", OSLO);
        String id = book(me, lead(), start, Map.of("repId", rep.id(), "type", "PHONE")).json().get("id").asText();
        Api.Response early = api.as(rep).post("/api/v1/appointments/" + id + "/held", null);
        assertThat(early.status()).isEqualTo(409);
        clock.set(start.plus(Duration.ofMinutes(40)));
        assertThat(me.post("/api/v1/appointments/" + id + "/held", null).status()).isEqualTo(403);
        Tenant.User otherRep = rep("Europe/Oslo", Map.of());
        assertThat(api.as(otherRep).post("/api/v1/appointments/" + id + "/no-show", null).status()).isIn(403, 404);
        Api.Response held = api.as(rep).post("/api/v1/appointments/" + id + "/held", null);
        assertThat(held.json().get("status").asText()).isEqualTo("HELD");
        assertThat(api.as(rep).get("/api/v1/appointments?from=" + monday + "&to=" + monday.plusDays(7)).json()
                .get("items")).extracting(a -> a.get("id").asText()).contains(id);
        assertThat(api.as(otherRep).get("/api/v1/appointments/" + id).status()).isEqualTo(404);
    }

    @Test
    void aReminderGoesOutADayBefore() throws Exception {
        Tenant.User rep = rep("Europe/Oslo", Map.of());
        Instant start = at(monday.plusDays(3), "10:00", OSLO);
        book(me, lead(), start, Map.of("repId", rep.id(), "type", "PHONE"));
        assertThat(reminders.remindDue()).isZero();
        clock.set(start.minus(Duration.ofHours(23)));
        assertThat(reminders.remindDue()).isEqualTo(1);
        assertThat(reminders.remindDue()).isZero();
        assertThat(mailTo(rep.username() + "@reps.test", 2)).extracting(MimeMessage::getSubject)
                .anyMatch(s -> s.startsWith("Reminder: meeting with"));
    }

    // ------------------------------------------------------------------------------------------- hand-off

    @Test
    void aBookingFromACallHandsTheLeadToTheRepAsADeal() {
        Tenant.User rep = rep("Europe/Oslo", Map.of());
        String project = boss.post("/api/v1/projects", Map.of("name", "Booking " + System.nanoTime(), "direction",
                "OUTBOUND", "audience", "NEW_CUSTOMERS", "reviewCadence", "DAILY", "timeZone", "Europe/Oslo",
                "callingHours", Map.of(monday.getDayOfWeek().name(), List.of(Map.of("from", "00:00", "to", "24:00")))))
                .json().get("id").asText();
        String lead = lead("+47 22 12 21 12", Map.of());
        boss.post("/api/v1/projects/" + project + "/leads", Map.of("contactIds", List.of(lead)));
        JsonNode lease = me.post("/api/v1/projects/" + project + "/next", null).json();
        String attempt = lease.get("attemptId").asText();
        Api.Response outcome = me.post("/api/v1/attempts/" + attempt + "/outcome", Map.of("outcome", "INTERESTED",
                "qualification", Map.of("interest", 4, "ability", 3, "willingness", 5, "notes", "roof faces south"),
                "talkSeconds", 200));
        assertThat(outcome.status()).as(outcome.toString()).isEqualTo(200);

        Api.Response booked = book(me, lead, at(monday.plusDays(1), "10:00", OSLO),
                Map.of("attemptId", attempt, "repId", rep.id(), "type", "ON_SITE")); // the project has no default type
        assertThat(booked.status()).as(booked.toString()).isEqualTo(201);
        JsonNode appointment = me.get("/api/v1/appointments/" + booked.json().get("id").asText()).json();
        assertThat(appointment.get("projectId").asText()).isEqualTo(project);
        assertThat(appointment.get("qualification").get("notes").asText()).isEqualTo("roof faces south");

        // the deal opens (after commit, through the event registry)
        JsonNode deals = null;
        for (int i = 0; i < 100; i++) {
            deals = boss.get("/api/v1/deals?contactId=" + lead).json().get("items");
            if (!deals.isEmpty()) {
                break;
            }
            sleep(50);
        }
        assertThat(deals).hasSize(1);
        assertThat(deals.get(0).get("owner").get("id").asText()).isEqualTo(rep.id());
        assertThat(deals.get(0).get("creditedAgent").get("id").asText()).isEqualTo(agent.id());
        assertThat(deals.get(0).get("creditedAgent").get("username").asText()).isEqualTo(agent.username());
        assertThat(deals.get(0).get("status").asText()).isEqualTo("OPEN");
        assertThat(deals.get(0).get("qualification").get("interest").asInt()).isEqualTo(4);
        assertThat(api.as(rep).get("/api/v1/deals?contactId=" + lead).json().get("items")).hasSize(1);

        // the card tells the story
        String timeline = boss.get("/api/v1/contacts/" + lead + "/activities").body();
        assertThat(timeline).contains("BOOKED");

        // booked straight from the call, before any outcome: the lead leaves the queue all the same
        String second = lead("+47 22 12 21 13", Map.of());
        boss.post("/api/v1/projects/" + project + "/leads", Map.of("contactIds", List.of(second)));
        JsonNode secondLease = me.post("/api/v1/projects/" + project + "/next", null).json();
        assertThat(secondLease.get("lead").get("id").asText()).isEqualTo(second);
        assertThat(boss.get("/api/v1/projects/" + project + "/queue").json().path("LEASED").asInt()).isEqualTo(1);
        assertThat(book(me, second, at(monday.plusDays(1), "12:00", OSLO),
                Map.of("projectId", project, "repId", rep.id(), "type", "ON_SITE")).status()).isEqualTo(201);
        JsonNode counts = boss.get("/api/v1/projects/" + project + "/queue").json();
        assertThat(counts.path("LEASED").asInt()).as(counts.toString()).isZero();
        assertThat(counts.path("READY").asInt()).as(counts.toString()).isZero();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package dev.callsheet.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.callsheet.support.Api;
import dev.callsheet.support.IntegrationTest;
import dev.callsheet.support.Pages;
import dev.callsheet.support.Radicale;
import dev.callsheet.support.Tenant;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * A rep's own CalDAV calendar against a real CalDAV server (Debian's Radicale, started here): its busy times block
 * slots and bookings, and each booked, moved or cancelled meeting lands in it with the invite's UID and SEQUENCE.
 */
class CalDavIntegrationTests extends IntegrationTest {

    private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss");

    private static Radicale radicale;
    private static Tenant tenant;
    private static Tenant.User supervisor;
    private static Tenant.User agent;
    private Api boss;
    private Api me;
    private LocalDate monday;

    @Autowired
    JdbcClient jdbc;

    @BeforeAll
    static void startRadicale() throws Exception {
        List<String> command = Radicale.find();
        assumeTrue(command != null, "Radicale is not installed (apt-get install radicale; see .ci/test-tools)");
        radicale = Radicale.start(command, List.of("lars", "ana", "ida", "ola"));
    }

    @AfterAll
    static void stopRadicale() {
        if (radicale != null) {
            radicale.close();
        }
    }

    @BeforeEach
    void setUp() {
        if (tenant == null) {
            tenant = Tenant.create(api, "CalDAV Test AS");
            supervisor = tenant.user("SUPERVISOR");
            agent = tenant.user("AGENT");
        }
        boss = api.as(supervisor);
        me = api.as(agent);
        monday = LocalDate.ofInstant(clock.instant().plus(Duration.ofDays(7)), ZoneOffset.UTC)
                .with(TemporalAdjusters.next(DayOfWeek.MONDAY));
        clock.set(monday.atTime(6, 0).toInstant(ZoneOffset.UTC));
    }

    // ---------------------------------------------------------------------------------------------- helpers

    private Tenant.User rep() {
        Tenant.User rep = tenant.user("REP");
        Api.Response saved = boss.send("PUT", "/api/v1/reps/" + rep.id() + "/calendar", Map.of("timeZone",
                "Europe/Oslo", "email", rep.username() + "@reps.test", "minNoticeMinutes", 0));
        assertThat(saved.status()).as(saved.toString()).isEqualTo(200);
        return rep;
    }

    private String lead() {
        Api.Response created = boss.post("/api/v1/contacts", Map.of("firstName", "Lead", "surname",
                "Person" + System.nanoTime(), "phone", "+47 22 " + (10 + System.nanoTime() % 89) + " 45 67",
                "country", "NO"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    private Instant at(int dayOffset, String time) {
        return monday.plusDays(dayOffset).atTime(LocalTime.parse(time)).atZone(OSLO).toInstant();
    }

    private String wall(int dayOffset, String time) {
        return LOCAL.format(monday.plusDays(dayOffset).atTime(LocalTime.parse(time)));
    }

    private static String event(String uid, String... lines) {
        return "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//EN\r\nBEGIN:VEVENT\r\nUID:" + uid
                + "\r\nDTSTAMP:20260101T000000Z\r\n" + String.join("\r\n", lines) + "\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    }

    private List<Instant> free(Tenant.User rep, String type) {
        Api.Response found = me.get("/api/v1/availability?rep=" + rep.id() + "&type=" + type + "&from="
                + monday.atStartOfDay(OSLO).toInstant() + "&to=" + monday.plusDays(5).atStartOfDay(OSLO).toInstant());
        assertThat(found.status()).as(found.toString()).isEqualTo(200);
        List<Instant> starts = new ArrayList<>();
        found.json().get("items").forEach(s -> starts.add(Instant.parse(s.get("start").asText())));
        return starts;
    }

    private Api.Response connect(Tenant.User rep, String user, String url) {
        Map<String, Object> body = new HashMap<>(Map.of("url", url, "username", user, "password",
                radicale.user(user).password()));
        return boss.send("PUT", "/api/v1/reps/" + rep.id() + "/caldav", body);
    }

    private static String property(String ics, String name) {
        String event = ics.substring(ics.indexOf("BEGIN:VEVENT")).replace("\r\n ", "").replace("\r\n", "\n");
        Matcher m = Pattern.compile("(?m)^" + name + "[:;](.*)$").matcher(event);
        return m.find() ? m.group(1).strip() : null;
    }

    /** The event at {@code url} once it satisfies {@code ready}, waiting up to 20 s. */
    private String waitForEvent(String user, String url, Predicate<String> ready) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        String ics = null;
        while (System.nanoTime() < deadline) {
            ics = radicale.get(user, url);
            if (ics != null && ready.test(ics)) {
                return ics;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the calendar never held the expected event at " + url + "; last: " + ics);
    }

    // ------------------------------------------------------------------------------------------------- tests

    @Test
    void busyTimesInTheRepsCalendarBlockSlotsAndBookings() throws Exception {
        Tenant.User rep = rep();
        String calendar = radicale.makeCalendar("lars", "work");
        // Tuesday 10:00–11:30 in Oslo (TZID), a lunch every day at 13:00 but Wednesday's, a free (transparent)
        // hour on Tuesday at 15:00, a cancelled one at 16:00, and all of Thursday away
        radicale.put("lars", calendar + "dentist.ics", event("dentist",
                "DTSTART;TZID=Europe/Oslo:" + wall(1, "10:00"), "DTEND;TZID=Europe/Oslo:" + wall(1, "11:30"),
                "SUMMARY:Dentist"));
        radicale.put("lars", calendar + "lunch.ics", event("lunch",
                "DTSTART;TZID=Europe/Oslo:" + wall(0, "13:00"), "DURATION:PT30M", "RRULE:FREQ=DAILY;COUNT=5",
                "EXDATE;TZID=Europe/Oslo:" + wall(2, "13:00"), "SUMMARY:Lunch"));
        radicale.put("lars", calendar + "free.ics", event("free",
                "DTSTART;TZID=Europe/Oslo:" + wall(1, "15:00"), "DTEND;TZID=Europe/Oslo:" + wall(1, "16:00"),
                "TRANSP:TRANSPARENT"));
        radicale.put("lars", calendar + "off.ics", event("off",
                "DTSTART;TZID=Europe/Oslo:" + wall(1, "16:00"), "DTEND;TZID=Europe/Oslo:" + wall(1, "16:30"),
                "STATUS:CANCELLED"));
        radicale.put("lars", calendar + "away.ics", event("away",
                "DTSTART;VALUE=DATE:" + monday.plusDays(3).format(DateTimeFormatter.BASIC_ISO_DATE),
                "DTEND;VALUE=DATE:" + monday.plusDays(4).format(DateTimeFormatter.BASIC_ISO_DATE)));
        assertThat(free(rep, "PHONE")).contains(at(1, "10:00"), at(3, "10:00"));

        Api.Response connected = connect(rep, "lars", calendar);
        assertThat(connected.status()).as(connected.toString()).isEqualTo(200);
        assertThat(connected.json().get("connected").asBoolean()).isTrue();
        assertThat(connected.json().get("lastError").isNull()).as(connected.toString()).isTrue();
        assertThat(connected.json().get("lastSyncAt").isNull()).isFalse();
        assertThat(connected.body()).doesNotContain(radicale.user("lars").password());

        List<Instant> free = free(rep, "PHONE"); // 30 min, 5 min after
        assertThat(free).contains(at(1, "09:00"), at(1, "11:30"), at(1, "13:30"), at(1, "15:00"), at(1, "16:00"),
                at(2, "13:00"), at(4, "13:30"));
        assertThat(free).doesNotContain(at(1, "09:30"), at(1, "10:00"), at(1, "11:00"), at(1, "12:30"),
                at(1, "13:00"), at(0, "13:00"), at(4, "13:00"));
        assertThat(free).noneMatch(s -> LocalDate.ofInstant(s, OSLO).equals(monday.plusDays(3)));

        Api.Response refused = me.post("/api/v1/appointments", Map.of("leadId", lead(), "start",
                at(1, "10:30").toString(), "type", "PHONE", "repId", rep.id()));
        assertThat(refused.status()).as(refused.toString()).isEqualTo(409);

        // "Sync now" sees a new event at once
        radicale.put("lars", calendar + "late.ics", event("late",
                "DTSTART:" + LOCAL.format(at(4, "09:00").atZone(ZoneOffset.UTC)) + "Z",
                "DTEND:" + LOCAL.format(at(4, "10:00").atZone(ZoneOffset.UTC)) + "Z"));
        assertThat(free(rep, "PHONE")).contains(at(4, "09:00"));
        Api.Response synced = api.as(rep).post("/api/v1/reps/" + rep.id() + "/caldav/sync", Map.of());
        assertThat(synced.status()).as(synced.toString()).isEqualTo(200);
        assertThat(free(rep, "PHONE")).doesNotContain(at(4, "09:00"), at(4, "09:30")).contains(at(4, "10:00"));
    }

    @Test
    void bookedMovedAndCancelledMeetingsReachTheCalendarWithTheInvitesUidAndSequence() throws Exception {
        Tenant.User rep = rep();
        String calendar = radicale.makeCalendar("ana", "work");
        assertThat(connect(rep, "ana", calendar).status()).isEqualTo(200);

        Api.Response booked = me.post("/api/v1/appointments", Map.of("leadId", lead(), "start",
                at(2, "13:00").toString(), "type", "VIDEO", "repId", rep.id()));
        assertThat(booked.status()).as(booked.toString()).isEqualTo(201);
        String id = booked.json().get("id").asText();
        String href = calendar + "callsheet-" + id + ".ics";
        String invite = me.get("/api/v1/appointments/" + id + "/invite.ics").body();
        String uid = property(invite, "UID");
        assertThat(uid).startsWith(id + "@");

        String first = waitForEvent("ana", href, ics -> "0".equals(property(ics, "SEQUENCE")));
        assertThat(property(first, "UID")).isEqualTo(uid);
        assertThat(property(first, "DTSTART")).isEqualTo("TZID=Europe/Oslo:" + wall(2, "13:00"));
        assertThat(property(first, "STATUS")).isEqualTo("CONFIRMED");
        assertThat(first).doesNotContain("METHOD:").doesNotContain("ATTENDEE").doesNotContain("ORGANIZER");

        Api.Response moved = me.post("/api/v1/appointments/" + id + "/reschedule", Map.of("start",
                at(2, "15:00").toString()));
        assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
        String second = waitForEvent("ana", href, ics -> "1".equals(property(ics, "SEQUENCE")));
        assertThat(property(second, "UID")).isEqualTo(uid);
        assertThat(property(second, "DTSTART")).isEqualTo("TZID=Europe/Oslo:" + wall(2, "15:00"));
        assertThat(property(me.get("/api/v1/appointments/" + id + "/invite.ics").body(), "SEQUENCE")).isEqualTo("1");

        // the calendar's copy of a meeting is not read back as busy time: the meeting can move within its own time
        Api.Response sync = api.as(rep).post("/api/v1/reps/" + rep.id() + "/caldav/sync", Map.of());
        assertThat(sync.json().get("busyCount").asInt()).as(sync.toString()).isZero();
        Api.Response nudged = me.post("/api/v1/appointments/" + id + "/reschedule", Map.of("start",
                at(2, "15:30").toString()));
        assertThat(nudged.status()).as(nudged.toString()).isEqualTo(200);
        waitForEvent("ana", href, ics -> "2".equals(property(ics, "SEQUENCE")));

        Api.Response cancelled = me.post("/api/v1/appointments/" + id + "/cancel", Map.of("reason", "lead ill"));
        assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
        String last = waitForEvent("ana", href, ics -> "CANCELLED".equals(property(ics, "STATUS")));
        assertThat(property(last, "UID")).isEqualTo(uid);
        assertThat(property(last, "SEQUENCE")).isEqualTo("3");
    }

    @Test
    void aWriteThatFailsIsKeptAndRetriedAndTheErrorIsShown() throws Exception {
        Tenant.User rep = rep();
        String calendar = radicale.makeCalendar("ida", "work");
        // a wrong password: the read fails, and the settings say why
        Api.Response wrong = boss.send("PUT", "/api/v1/reps/" + rep.id() + "/caldav", Map.of("url", calendar,
                "username", "ida", "password", "not-the-password"));
        assertThat(wrong.status()).as(wrong.toString()).isEqualTo(200);
        assertThat(wrong.json().get("lastError").asText()).contains("401");
        assertThat(wrong.json().get("lastSyncAt").isNull()).isTrue();

        Api.Response booked = me.post("/api/v1/appointments", Map.of("leadId", lead(), "start",
                at(1, "09:00").toString(), "type", "PHONE", "repId", rep.id()));
        assertThat(booked.status()).as(booked.toString()).isEqualTo(201);
        String id = booked.json().get("id").asText();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (jdbc.sql("SELECT count(*) FROM caldav_outbox WHERE appointment_id = ?::uuid AND last_error IS NOT NULL")
                .param(id).query(Integer.class).single() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(jdbc.sql("SELECT last_error FROM caldav_outbox WHERE appointment_id = ?::uuid").param(id)
                .query(String.class).single()).contains("401");
        assertThat(radicale.get("ida", calendar + "callsheet-" + id + ".ics")).isNull();
        Pages page = Pages.signIn(port, rep);
        String settings = page.get("/calendar/settings").body();
        assertThat(settings).contains("id=\"caldav-error\"").contains("401").contains("caldav-sync");
        assertThat(settings).doesNotContain("not-the-password");

        // the right password, kept by a supervisor; the write waits for its next attempt, then lands
        assertThat(connect(rep, "ida", calendar).json().get("lastError").isNull()).isTrue();
        clock.set(clock.instant().plus(Duration.ofMinutes(2)));
        String ics = waitForEvent("ida", calendar + "callsheet-" + id + ".ics", x -> true);
        assertThat(property(ics, "SEQUENCE")).isEqualTo("0");
        assertThat(page.get("/calendar/settings").body()).contains("id=\"caldav-last-sync\"")
                .doesNotContain("id=\"caldav-error\"");
    }

    @Test
    void theConnectionIsCheckedFieldByFieldAndOnlyTheRepOrASupervisorKeepsIt() {
        Tenant.User rep = rep();
        String path = "/api/v1/reps/" + rep.id() + "/caldav";
        assertThat(boss.send("PUT", path, Map.of("url", "ftp://cal.test/x", "username", "u", "password", "p"))
                .json().get("field").asText()).isEqualTo("url");
        assertThat(boss.send("PUT", path, Map.of("url", "https://u:p@cal.test/x", "username", "u", "password", "p"))
                .json().get("field").asText()).isEqualTo("url");
        assertThat(boss.send("PUT", path, Map.of("url", "not a url", "username", "u", "password", "p"))
                .json().get("field").asText()).isEqualTo("url");
        assertThat(boss.send("PUT", path, Map.of("url", "https://cal.test/x", "password", "p"))
                .json().get("field").asText()).isEqualTo("username");
        assertThat(boss.send("PUT", path, Map.of("url", "https://cal.test/x", "username", "u"))
                .json().get("field").asText()).isEqualTo("password");
        assertThat(boss.get(path).json().get("connected").asBoolean()).isFalse();
        assertThat(me.get(path).status()).isEqualTo(403);
        assertThat(me.send("PUT", path, Map.of("url", "https://cal.test/x", "username", "u", "password", "p"))
                .status()).isEqualTo(403);
        assertThat(api.as(tenant.user("REP")).get(path).status()).isEqualTo(403);
        assertThat(boss.post(path + "/sync", Map.of()).status()).isEqualTo(404);
        assertThat(boss.delete(path).status()).isEqualTo(404);

        Api.Response saved = api.as(rep).send("PUT", path, Map.of("url", radicale.calendarUrl("ola", "none"),
                "username", "ola", "password", radicale.user("ola").password()));
        assertThat(saved.status()).as(saved.toString()).isEqualTo(200);
        JsonNode read = api.as(rep).get(path).json();
        assertThat(read.get("url").asText()).isEqualTo(radicale.calendarUrl("ola", "none"));
        assertThat(read.has("password")).isFalse();
        assertThat(read.get("hasPassword").asBoolean()).isTrue();
        assertThat(read.toString()).doesNotContain(radicale.user("ola").password());
        assertThat(jdbc.sql("SELECT password_secret FROM rep_caldav WHERE user_id = ?::uuid").param(rep.id())
                .query(byte[].class).single()).asString().doesNotContain(radicale.user("ola").password());
        // the password may be left out to keep the stored one
        assertThat(api.as(rep).send("PUT", path, Map.of("url", radicale.calendarUrl("ola", "none"), "username",
                "ola")).status()).isEqualTo(200);
        assertThat(api.as(rep).delete(path).status()).isEqualTo(204);
        assertThat(api.as(rep).get(path).json().get("connected").asBoolean()).isFalse();
    }
}

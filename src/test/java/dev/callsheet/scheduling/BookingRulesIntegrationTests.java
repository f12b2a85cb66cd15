package dev.callsheet.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.callsheet.support.Api;
import dev.callsheet.support.IntegrationTest;
import dev.callsheet.support.Pages;
import dev.callsheet.support.Tenant;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The rules of issue 25 through the API, against the real database: territories, travel and the on-site limit, the
 * lead's hours and holidays (a lead in Seoul, a rep in Oslo, across a daylight-saving change), refusals naming the
 * rule, and the check of booked meetings after a rep's territory changes. Each test has a workspace of its own.
 */
class BookingRulesIntegrationTests extends IntegrationTest {

    private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");
    private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
    private static final Map<String, Object> ON_SITE_NO_BUFFERS = Map.of("code", "ON_SITE", "durationMinutes", 60,
            "bufferBeforeMinutes", 0, "bufferAfterMinutes", 0);
    private static final Map<String, Object> PHONE = Map.of("code", "PHONE");

    private Tenant tenant;
    private Api boss;
    private Api me;
    private LocalDate monday;

    @BeforeEach
    void setUp() {
        tenant = Tenant.create(api, "Rules " + System.nanoTime() + " AS");
        Tenant.User supervisor = tenant.user("SUPERVISOR");
        boss = api.as(supervisor);
        me = api.as(tenant.user("AGENT"));
        monday = LocalDate.ofInstant(clock.instant().plus(Duration.ofDays(7)), ZoneOffset.UTC)
                .with(TemporalAdjusters.next(DayOfWeek.MONDAY));
        clock.set(monday.atTime(6, 0).toInstant(ZoneOffset.UTC));
    }

    private Tenant.User rep(Map<String, Object> extra) {
        Tenant.User rep = tenant.user("REP");
        Map<String, Object> body = new HashMap<>(Map.of("timeZone", "Europe/Oslo", "minNoticeMinutes", 0,
                "email", rep.username() + "@reps.test"));
        body.putAll(extra);
        Api.Response saved = boss.send("PUT", "/api/v1/reps/" + rep.id() + "/calendar", body);
        assertThat(saved.status()).as(saved.toString()).isEqualTo(200);
        return rep;
    }

    private String lead(String phone, String country, String postcode, String city) {
        Map<String, Object> body = new HashMap<>(Map.of("firstName", "Lead", "surname", "Rules" + System.nanoTime(),
                "phone", phone, "country", country));
        if (postcode != null) {
            body.put("postcode", postcode);
            body.put("city", city);
            body.put("address", "Street 1");
        }
        Api.Response created = boss.post("/api/v1/contacts", body);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    private String osloLead(String postcode) {
        return lead("+47 22 " + (10 + System.nanoTime() % 89) + " " + (10 + System.nanoTime() / 7 % 89) + " 12",
                "NO", postcode, "Oslo");
    }

    private static Instant at(LocalDate day, String time, ZoneId zone) {
        return day.atTime(LocalTime.parse(time)).atZone(zone).toInstant();
    }

    private Api.Response book(String lead, Instant start, Map<String, Object> extra) {
        Map<String, Object> body = new HashMap<>(Map.of("leadId", lead, "start", start.toString()));
        body.putAll(extra);
        return me.post("/api/v1/appointments", body);
    }

    private JsonNode availability(String query) {
        Api.Response found = me.get("/api/v1/availability?" + query);
        assertThat(found.status()).as(found.toString()).isEqualTo(200);
        return found.json();
    }

    private List<LocalTime> osloStarts(String query) {
        List<LocalTime> starts = new ArrayList<>();
        availability(query).get("items").forEach(s -> starts.add(Instant.parse(s.get("start").asText()).atZone(OSLO)
                .toLocalTime()));
        return starts;
    }

    private static void assertRefused(Api.Response refused, String rule, String field) {
        assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
        assertThat(refused.json().get("rule").asText()).as(refused.toString()).isEqualTo(rule);
        assertThat(refused.json().get("field").asText()).isEqualTo(field);
    }

    // ---------------------------------------------------------------------------------------------- territories

    @Test
    void anOnSiteSlotIsOfferedOnlyByRepsWhoseTerritoryHoldsTheLead() {
        Tenant.User oslo = rep(Map.of("territories", List.of(Map.of("meetingTypes", List.of("ON_SITE"),
                "countries", List.of("NO"), "postcodes", List.of("0", "10-12")))));
        Tenant.User romania = rep(Map.of("territories", List.of(Map.of("meetingTypes", List.of("ON_SITE"),
                "countries", List.of("RO")))));
        JsonNode saved = me.get("/api/v1/reps/" + oslo.id() + "/calendar").json().get("territories");
        assertThat(saved).hasSize(1);
        assertThat(saved.get(0).get("meetingTypes").get(0).asText()).isEqualTo("ON_SITE");
        assertThat(saved.get(0).get("countries").get(0).asText()).isEqualTo("NO");
        assertThat(saved.get(0).get("postcodes").toString()).isEqualTo("[\"0\",\"10-12\"]");
        assertThat(saved.get(0).get("regions")).isEmpty();
        Api.Response bad = boss.send("PUT", "/api/v1/reps/" + oslo.id() + "/calendar", Map.of("territories",
                List.of(Map.of("meetingTypes", List.of("ON_SITE"), "postcodes", List.of("0", "12-10")))));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("field").asText()).isEqualTo("territories[0].postcodes[1]");
        Api.Response phoneArea = boss.send("PUT", "/api/v1/reps/" + oslo.id() + "/calendar", Map.of("territories",
                List.of(Map.of("meetingTypes", List.of("PHONE"), "countries", List.of("NO")))));
        assertThat(phoneArea.json().get("field").asText()).isEqualTo("territories[0].meetingTypes[0]");

        String inOslo = osloLead("0150");
        String inLillestrom = osloLead("2000");
        String tuesday = "&from=" + monday.plusDays(1) + "T00:00:00Z&to=" + monday.plusDays(2) + "T00:00:00Z&limit=5000";
        JsonNode offered = availability("type=ON_SITE&lead=" + inOslo + tuesday);
        assertThat(offered.get("items")).isNotEmpty().allSatisfy(s ->
                assertThat(s.get("rep").get("id").asText()).isEqualTo(oslo.id()));
        assertThat(availability("type=ON_SITE&lead=" + inLillestrom + tuesday).get("items")).isEmpty();
        assertThat(availability("type=ON_SITE&rep=" + romania.id() + "&lead=" + inOslo + tuesday).get("items")).isEmpty();
        assertThat(availability("type=PHONE&lead=" + inLillestrom + tuesday).get("items")).as("a call needs no area")
                .isNotEmpty();

        Instant ten = at(monday.plusDays(1), "10:00", OSLO);
        assertRefused(book(inLillestrom, ten, Map.of("type", "ON_SITE")), "territory", "leadId");
        assertRefused(book(inLillestrom, ten, Map.of("type", "ON_SITE", "repId", oslo.id())), "territory", "leadId");
        assertThat(book(inLillestrom, ten, Map.of("type", "PHONE", "repId", romania.id())).status()).isEqualTo(201);
        Api.Response booked = book(inOslo, ten, Map.of("type", "ON_SITE"));
        assertThat(booked.status()).as(booked.toString()).isEqualTo(201);
        assertThat(booked.json().get("rep").get("id").asText()).isEqualTo(oslo.id());

        // a lead without an address: the territory cannot place them
        String nowhere = lead("+47 22 33 44 55", "NO", null, null);
        Api.Response needed = me.get("/api/v1/availability?type=ON_SITE&lead=" + nowhere + tuesday);
        assertThat(needed.status()).as(needed.toString()).isEqualTo(409);
        assertThat(needed.json().get("field").asText()).isEqualTo("address");
        assertThat(needed.json().get("detail").asText()).contains("address needed for an on-site meeting");
        Api.Response notBooked = book(nowhere, ten.plus(Duration.ofHours(3)), Map.of("type", "ON_SITE"));
        assertThat(notBooked.status()).isEqualTo(409);
        assertThat(notBooked.json().get("field").asText()).isEqualTo("address");
    }

    // ---------------------------------------------------------------------------------------------------- travel

    @Test
    void aMeetingElsewhereIsOfferedOnlyWhenTheTravelFitsAndTheDayHasRoom() {
        Tenant.User rep = rep(Map.of("meetingTypes", List.of(ON_SITE_NO_BUFFERS, PHONE),
                "travel", Map.of("minutes", 60, "samePostcodeAreaMinutes", 20, "onSitePerDay", 2)));
        assertThat(me.get("/api/v1/reps/" + rep.id() + "/calendar").json().get("travel").get("minutes").asInt())
                .isEqualTo(60);
        LocalDate day = monday.plusDays(1);
        assertThat(book(osloLead("0150"), at(day, "12:00", OSLO), Map.of("type", "ON_SITE")).status()).isEqualTo(201);

        String query = "type=ON_SITE&from=" + day + "T00:00:00Z&to=" + day.plusDays(1) + "T00:00:00Z&lead=";
        String farAway = osloLead("1163"); // another postcode area: an hour
        List<LocalTime> far = osloStarts(query + farAway);
        assertThat(far).contains(LocalTime.of(10, 0), LocalTime.of(14, 0))
                .doesNotContain(LocalTime.of(10, 30), LocalTime.of(11, 0), LocalTime.of(12, 0), LocalTime.of(13, 0),
                        LocalTime.of(13, 30));
        String nearby = osloLead("0187"); // the same area: twenty minutes
        assertThat(osloStarts(query + nearby)).contains(LocalTime.of(10, 30), LocalTime.of(13, 30))
                .doesNotContain(LocalTime.of(11, 0), LocalTime.of(13, 0));

        assertRefused(book(farAway, at(day, "13:30", OSLO), Map.of("type", "ON_SITE")), "travel", "start");
        assertThat(book(nearby, at(day, "13:30", OSLO), Map.of("type", "ON_SITE")).status()).isEqualTo(201);
        // two on-site meetings that day: the limit
        assertRefused(book(farAway, at(day, "16:00", OSLO), Map.of("type", "ON_SITE")), "dailyLimit", "start");
        assertThat(osloStarts(query + farAway)).isEmpty();
        assertThat(book(farAway, at(day, "16:00", OSLO), Map.of("type", "PHONE")).status()).as("a call is no visit")
                .isEqualTo(201);

        // the week shows the travel around each visit, and the settings page the rep's travel and areas
        Pages pages = Pages.signIn(port, tenant.user("SUPERVISOR"));
        String week = pages.get("/calendar?rep=" + rep.id() + "&week=" + monday).body();
        assertThat(week).contains("data-travel=\"before\"").contains("data-travel=\"after\"");
        assertThat(boss.send("PUT", "/api/v1/reps/" + rep.id() + "/calendar", Map.of("timeZone", "Europe/Oslo",
                "minNoticeMinutes", 0, "meetingTypes", List.of(ON_SITE_NO_BUFFERS, PHONE), "travel", Map.of("minutes", 60),
                "territories", List.of(Map.of("meetingTypes", List.of("ON_SITE"), "countries", List.of("NO"),
                        "postcodes", List.of("0", "10-12"))))).status()).isEqualTo(200);
        String settings = pages.get("/calendar/reps/" + rep.id() + "/settings").body();
        assertThat(settings).contains("ON_SITE | NO |  | 0, 10-12").contains("id=\"travelMinutes\"");
    }

    // ------------------------------------------------------------------------------------------ the lead's hours

    @Test
    void aLeadInSeoulIsOfferedOnlyTheirOwnHoursOffTheirHolidaysAcrossOslosClockChange() {
        Instant change = OSLO.getRules().nextTransition(clock.instant()).getInstant();
        LocalDate first = LocalDate.ofInstant(change, SEOUL).minusDays(4);
        clock.set(first.atStartOfDay(SEOUL).toInstant());
        Map<String, Object> allDay = new HashMap<>();
        for (DayOfWeek d : DayOfWeek.values()) {
            allDay.put(d.name(), List.of(Map.of("from", "00:00", "to", "24:00")));
        }
        Tenant.User rep = rep(Map.of("weeklyHours", allDay, "meetingTypes", List.of(ON_SITE_NO_BUFFERS),
                "territories", List.of(Map.of("meetingTypes", List.of("ON_SITE"), "countries", List.of("KR")))));
        Api.Response project = boss.post("/api/v1/projects", Map.of("name", "Seoul visits"));
        assertThat(project.status()).as(project.toString()).isEqualTo(201);
        String projectId = project.json().get("id").asText();
        assertThat(boss.get("/api/v1/projects/" + projectId).json().get("leadHours").get("people").get("SUNDAY")
                .get(0).get("to").asText()).isEqualTo("20:00");
        Api.Response badHours = boss.send("PUT", "/api/v1/projects/" + projectId, Map.of("name", "Seoul visits",
                "leadHours", Map.of("people", Map.of("MONDAY", List.of(Map.of("from", "20:00", "to", "08:00"))))));
        assertThat(badHours.status()).as(badHours.toString()).isEqualTo(400);
        assertThat(badHours.json().get("field").asText()).isEqualTo("leadHours.people.MONDAY[0]");
        String lead = lead("+82 2 312 3456", "KR", "04524", "Seoul");
        LocalDate holiday = LocalDate.ofInstant(change, SEOUL).plusDays(2);
        assertThat(boss.post("/api/v1/holidays", Map.of("country", "KR", "day", holiday.toString(), "name",
                "A test holiday")).status()).isEqualTo(201);

        JsonNode slots = availability("type=ON_SITE&project=" + projectId + "&lead=" + lead + "&from="
                + first.atStartOfDay(SEOUL).toInstant() + "&to=" + first.plusDays(9).atStartOfDay(SEOUL).toInstant()
                + "&limit=5000");
        assertThat(slots.get("leadTimeZone").asText()).isEqualTo("Asia/Seoul");
        TreeMap<LocalDate, Set<LocalTime>> bySeoulDay = new TreeMap<>();
        Map<LocalDate, LocalTime> osloOfEight = new HashMap<>();
        for (JsonNode s : slots.get("items")) {
            ZonedDateTime seoul = Instant.parse(s.get("start").asText()).atZone(SEOUL);
            bySeoulDay.computeIfAbsent(seoul.toLocalDate(), k -> new TreeSet<>()).add(seoul.toLocalTime());
            if (seoul.toLocalTime().equals(LocalTime.of(8, 0))) {
                osloOfEight.put(seoul.toLocalDate(), seoul.withZoneSameInstant(OSLO).toLocalTime());
            }
        }
        Set<LocalTime> day = new TreeSet<>();
        for (LocalTime t = LocalTime.of(8, 0); !t.isAfter(LocalTime.of(19, 0)); t = t.plusMinutes(30)) {
            day.add(t);
        }
        for (LocalDate d = first; d.isBefore(first.plusDays(9)); d = d.plusDays(1)) {
            if (d.equals(holiday)) {
                assertThat(bySeoulDay).as("no slot on the lead's holiday").doesNotContainKey(d);
            } else {
                assertThat(bySeoulDay.get(d)).as("08:00-20:00 in Seoul on " + d).isEqualTo(day);
            }
        }
        // the rep's clock moved by an hour against the lead's between the first and the last day
        assertThat(osloOfEight.get(first)).isNotEqualTo(osloOfEight.get(first.plusDays(8)));

        Map<String, Object> onSite = Map.of("type", "ON_SITE", "projectId", projectId);
        assertRefused(book(lead, at(holiday, "10:00", SEOUL), onSite), "holiday", "start");
        assertRefused(book(lead, at(holiday.plusDays(1), "19:30", SEOUL), onSite), "leadHours", "start");
        assertRefused(book(lead, at(first.plusDays(1), "07:00", SEOUL), onSite), "leadHours", "start");
        assertThat(book(lead, at(holiday.plusDays(1), "19:00", SEOUL), onSite).status()).isEqualTo(201);
    }

    // --------------------------------------------------------------------------------- checks on what exists

    @Test
    void aMeetingOutsideItsRepsNewTerritoryIsListedWithATimeToMoveItTo() {
        Map<String, Object> osloArea = Map.of("meetingTypes", List.of("ON_SITE"), "countries", List.of("NO"),
                "postcodes", List.of("0"));
        Tenant.User lars = rep(Map.of("territories", List.of(osloArea)));
        String lead = osloLead("0150");
        Api.Response booked = book(lead, at(monday.plusDays(1), "10:00", OSLO), Map.of("type", "ON_SITE"));
        assertThat(booked.status()).as(booked.toString()).isEqualTo(201);
        String id = booked.json().get("id").asText();
        assertThat(boss.get("/api/v1/appointments/violations").json().get("items")).isEmpty();
        assertThat(me.get("/api/v1/appointments/violations").status()).isEqualTo(403);

        // Lars now covers Bergen only: his meeting in Oslo is flagged
        assertThat(boss.send("PUT", "/api/v1/reps/" + lars.id() + "/calendar", Map.of("timeZone", "Europe/Oslo",
                "minNoticeMinutes", 0, "territories", List.of(Map.of("meetingTypes", List.of("ON_SITE"),
                        "countries", List.of("NO"), "postcodes", List.of("5"))))).status()).isEqualTo(200);
        JsonNode flagged = boss.get("/api/v1/appointments/violations").json().get("items");
        assertThat(flagged).hasSize(1);
        assertThat(flagged.get(0).get("appointment").get("id").asText()).isEqualTo(id);
        assertThat(flagged.get(0).get("rules").toString()).isEqualTo("[\"territory\"]");
        assertThat(flagged.get(0).get("proposal").isNull()).as("no rep covers Oslo now").isTrue();

        // a rep for Oslo joins: the page proposes her, and one click moves the meeting
        Tenant.User kari = rep(Map.of("territories", List.of(osloArea)));
        Pages pages = Pages.signIn(port, tenant.user("SUPERVISOR"));
        Pages.Response page = pages.get("/calendar/violations");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("data-meeting=\"" + id + "\"").contains("data-rule=\"territory\"");
        JsonNode proposal = boss.get("/api/v1/appointments/violations").json().get("items").get(0).get("proposal");
        assertThat(proposal.get("rep").get("id").asText()).isEqualTo(kari.id());
        Pages.Response moved = pages.post("/calendar/violations/" + id + "/move", Map.of("start",
                proposal.get("start").asText(), "repId", kari.id()));
        assertThat(moved.status()).isEqualTo(302);
        assertThat(boss.get("/api/v1/appointments/violations").json().get("items")).isEmpty();
        assertThat(pages.get("/calendar/violations").body()).contains("id=\"no-violations\"");
        assertThat(boss.get("/api/v1/appointments/" + id).json().get("rep").get("id").asText()).isEqualTo(kari.id());
    }
}

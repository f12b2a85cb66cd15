package dev.callsheet.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.callsheet.dialing.QueueApiIntegrationTests;
import dev.callsheet.support.Api;
import dev.callsheet.support.IntegrationTest;
import dev.callsheet.support.Tenant;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
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
 * The availability API's filters for the console's dialog (a day and a part of the lead's day, on the lead's
 * clock) and the project's default meeting type (issue 25, point 4), against the real database.
 */
class BookingFiltersIntegrationTests extends IntegrationTest {

    private static final ZoneId LONDON = ZoneId.of("Europe/London");

    private static Tenant tenant;
    private static Tenant.User supervisor;
    private static Tenant.User agent;
    private static Tenant.User rep;
    private Api boss;
    private Api me;
    private LocalDate monday;

    @BeforeEach
    void setUp() {
        if (tenant == null) {
            tenant = Tenant.create(api, "Booking Filters AS");
            supervisor = tenant.user("SUPERVISOR");
            agent = tenant.user("AGENT");
            rep = tenant.user("REP");
            // a rep in Oslo who works around the clock, so every part of a London day has free time
            Api.Response saved = api.as(supervisor).send("PUT", "/api/v1/reps/" + rep.id() + "/calendar",
                    Map.of("timeZone", "Europe/Oslo", "email", "filters-rep@reps.test", "minNoticeMinutes", 0,
                            "weeklyHours", QueueApiIntegrationTests.allDay()));
            assertThat(saved.status()).as(saved.toString()).isEqualTo(200);
        }
        boss = api.as(supervisor);
        me = api.as(agent);
        monday = LocalDate.ofInstant(clock.instant().plus(Duration.ofDays(7)), ZoneOffset.UTC)
                .with(TemporalAdjusters.next(DayOfWeek.MONDAY));
        clock.set(monday.atTime(6, 0).atZone(LONDON).toInstant());
    }

    private String londonLead() {
        Map<String, Object> body = new HashMap<>(Map.of("firstName", "Lead", "surname", "Londoner" + System.nanoTime(),
                "phone", "+44 20 7946 0" + (100 + ThreadLocalRandom.current().nextInt(899)), "country", "GB"));
        Api.Response created = boss.post("/api/v1/contacts", body);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    private String project() {
        Api.Response created = boss.post("/api/v1/projects", Map.of("name", "Filters " + System.nanoTime()));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    private JsonNode availability(String query) {
        Api.Response found = me.get("/api/v1/availability?" + query);
        assertThat(found.status()).as(found.toString()).isEqualTo(200);
        return found.json();
    }

    private static List<LocalDateTime> leadTimes(JsonNode slots) {
        List<LocalDateTime> times = new ArrayList<>();
        slots.get("items").forEach(s -> times.add(LocalDateTime.ofInstant(Instant.parse(s.get("start").asText()), LONDON)));
        return times;
    }

    @Test
    void aDayAndAPartOfTheLeadsDayNarrowTheSlotsOnTheLeadsClock() {
        String lead = londonLead();
        LocalDate thursday = monday.plusDays(3);
        String base = "type=PHONE&rep=" + rep.id() + "&lead=" + lead + "&limit=5000";

        JsonNode day = availability(base + "&day=" + thursday);
        assertThat(day.get("leadTimeZone").asText()).isEqualTo("Europe/London");
        List<LocalDateTime> onThursday = leadTimes(day);
        // the whole London day, 48 half hours (the rep in Oslo works all day), and nothing of any other day
        assertThat(onThursday).hasSize(48).allMatch(t -> t.toLocalDate().equals(thursday));
        assertThat(onThursday.get(0).toLocalTime()).hasToString("00:00");

        List<LocalDateTime> afternoon = leadTimes(availability(base + "&day=" + thursday + "&partOfDay=afternoon"));
        assertThat(afternoon).hasSize(10).allMatch(t -> t.getHour() >= 12 && t.getHour() < 17)
                .allMatch(t -> t.toLocalDate().equals(thursday));
        assertThat(afternoon.get(0).toLocalTime()).hasToString("12:00");
        assertThat(afternoon.get(afternoon.size() - 1).toLocalTime()).hasToString("16:30");
        assertThat(leadTimes(availability(base + "&day=" + thursday + "&partOfDay=MORNING")))
                .hasSize(24).allMatch(t -> t.getHour() < 12);
        assertThat(leadTimes(availability(base + "&day=" + thursday + "&partOfDay=evening")))
                .hasSize(14).allMatch(t -> t.getHour() >= 17);

        // a part of the day without a day: every day of the window, afternoons only, in time order
        List<LocalDateTime> afternoons = leadTimes(availability(base + "&from=" + monday + "T00:00:00Z&to="
                + monday.plusDays(7) + "T00:00:00Z&partOfDay=afternoon"));
        assertThat(afternoons).hasSize(70).allMatch(t -> t.getHour() >= 12 && t.getHour() < 17).isSorted();

        // no filters: the fields as they were
        JsonNode plain = availability(base + "&limit=1");
        assertThat(plain.propertyNames()).containsExactlyInAnyOrder("items", "leadTimeZone", "agentTimeZone",
                "truncated");
        assertThat(plain.get("items").get(0).propertyNames()).containsExactlyInAnyOrder("start", "end", "rep", "type",
                "leadLocalStart", "agentLocalStart", "repLocalStart", "choice");
    }

    @Test
    void badFiltersAreA400NamingTheField() {
        String lead = londonLead();
        String base = "type=PHONE&lead=" + lead;
        for (String[] bad : new String[][] {
                {"day=2026-13-45", "day"}, {"day=thursday", "day"}, {"day=" + monday.minusDays(3), "day"},
                {"day=" + monday.plusYears(3), "day"}, {"partOfDay=night", "partOfDay"}, {"partOfDay=%00", "partOfDay"}}) {
            Api.Response response = me.get("/api/v1/availability?" + base + "&" + bad[0]);
            assertThat(response.status()).as(bad[0] + " -> " + response).isEqualTo(400);
            assertThat(response.json().get("field").asText()).as(bad[0]).isEqualTo(bad[1]);
        }
    }

    @Test
    void theProjectsDefaultMeetingTypeIsUsedAndWithoutOneTheTypeMustBeChosen() {
        String project = project();
        String lead = londonLead();
        LocalDate tuesday = monday.plusDays(1);

        // none yet: the API says so, and leaving the type out is a 400 naming it, for slots and for bookings
        assertThat(me.get("/api/v1/projects/" + project + "/booking-defaults").json().get("defaultMeetingType").isNull())
                .isTrue();
        Api.Response noType = me.get("/api/v1/availability?project=" + project + "&lead=" + lead + "&day=" + tuesday);
        assertThat(noType.status()).as(noType.toString()).isEqualTo(400);
        assertThat(noType.json().get("field").asText()).isEqualTo("type");
        Instant start = tuesday.atTime(10, 0).atZone(LONDON).toInstant();
        Api.Response refused = me.post("/api/v1/appointments", Map.of("leadId", lead, "start", start.toString(),
                "projectId", project));
        assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
        assertThat(refused.json().get("field").asText()).isEqualTo("type");

        // only a supervisor sets it, only to a type the reps take
        assertThat(me.send("PUT", "/api/v1/projects/" + project + "/booking-defaults",
                Map.of("defaultMeetingType", "VIDEO")).status()).isEqualTo(403);
        Api.Response unknown = boss.send("PUT", "/api/v1/projects/" + project + "/booking-defaults",
                Map.of("defaultMeetingType", "TELEPATHY"));
        assertThat(unknown.status()).as(unknown.toString()).isEqualTo(400);
        assertThat(unknown.json().get("field").asText()).isEqualTo("defaultMeetingType");
        Api.Response notText = boss.send("PUT", "/api/v1/projects/" + project + "/booking-defaults",
                Map.of("defaultMeetingType", 42));
        assertThat(notText.status()).as(notText.toString()).isEqualTo(400);
        assertThat(notText.json().get("field").asText()).isEqualTo("defaultMeetingType");
        Api.Response set = boss.send("PUT", "/api/v1/projects/" + project + "/booking-defaults",
                Map.of("defaultMeetingType", "video"));
        assertThat(set.status()).as(set.toString()).isEqualTo(200);
        assertThat(set.json().get("defaultMeetingType").asText()).isEqualTo("VIDEO");
        assertThat(me.get("/api/v1/projects/" + project + "/booking-defaults").json().get("defaultMeetingType")
                .asText()).isEqualTo("VIDEO");

        // with it, slots and bookings that leave the type out are of that type
        JsonNode slots = availability("project=" + project + "&lead=" + lead + "&day=" + tuesday + "&partOfDay=morning");
        assertThat(slots.get("items")).isNotEmpty();
        slots.get("items").forEach(s -> assertThat(s.get("type").asText()).isEqualTo("VIDEO"));
        Api.Response booked = me.post("/api/v1/appointments", Map.of("leadId", lead, "start", start.toString(),
                "projectId", project));
        assertThat(booked.status()).as(booked.toString()).isEqualTo(201);
        assertThat(me.get("/api/v1/appointments/" + booked.json().get("id").asText()).json().get("type").asText())
                .isEqualTo("VIDEO");

        // cleared again: back to choosing
        Api.Response cleared = boss.send("PUT", "/api/v1/projects/" + project + "/booking-defaults",
                java.util.Collections.singletonMap("defaultMeetingType", null));
        assertThat(cleared.status()).as(cleared.toString()).isEqualTo(200);
        assertThat(cleared.json().get("defaultMeetingType").isNull()).isTrue();
        assertThat(me.get("/api/v1/availability?project=" + project + "&lead=" + lead).status()).isEqualTo(400);

        // another workspace's project is not found
        Tenant other = Tenant.create(api, "Other Filters AS");
        Api.Response foreign = other.asAdmin().send("PUT", "/api/v1/projects/" + project + "/booking-defaults",
                Map.of("defaultMeetingType", "PHONE"));
        assertThat(foreign.status()).as(foreign.toString()).isEqualTo(404);
        assertThat(other.asAdmin().get("/api/v1/projects/" + project + "/booking-defaults").status()).isEqualTo(404);
    }
}

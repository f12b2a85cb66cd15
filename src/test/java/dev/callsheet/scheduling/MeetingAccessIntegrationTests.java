package dev.callsheet.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.callsheet.support.Api;
import dev.callsheet.support.IntegrationTest;
import dev.callsheet.support.Pages;
import dev.callsheet.support.Tenant;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link MeetingAccess}'s rule, through the API and the calendar pages: a rep sees and changes the meetings in their
 * calendar, an agent those they booked, supervisors and admins all; another's meeting is a 404, as if it did not
 * exist.
 */
class MeetingAccessIntegrationTests extends IntegrationTest {

    private Tenant tenant;
    private Tenant.User rep1;
    private Tenant.User rep2;
    private Tenant.User agent1;
    private Tenant.User agent2;
    private Tenant.User supervisor;
    private String meeting1;
    private String meeting2;
    private LocalDate day;

    @BeforeEach
    void twoMeetingsBookedByTwoAgentsWithTwoReps() {
        tenant = Tenant.create(api, "Meeting Access AS");
        rep1 = tenant.user("REP");
        rep2 = tenant.user("REP");
        agent1 = tenant.user("AGENT");
        agent2 = tenant.user("AGENT");
        supervisor = tenant.user("SUPERVISOR");
        Map<String, Object> allDay = new HashMap<>();
        for (DayOfWeek d : DayOfWeek.values()) {
            allDay.put(d.name(), List.of(Map.of("from", "00:00", "to", "24:00")));
        }
        for (Tenant.User rep : List.of(rep1, rep2)) {
            assertThat(tenant.asAdmin().send("PUT", "/api/v1/reps/" + rep.id() + "/calendar", Map.of("timeZone", "UTC",
                    "minNoticeMinutes", 0, "weeklyHours", allDay)).status()).isEqualTo(200);
        }
        day = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).plusWeeks(1)
                .with(TemporalAdjusters.previousOrSame(DayOfWeek.WEDNESDAY));
        meeting1 = book(agent1, rep1, "Meetingone");
        meeting2 = book(agent2, rep2, "Meetingtwo");
    }

    private String book(Tenant.User agent, Tenant.User rep, String surname) {
        String lead = tenant.asAdmin().post("/api/v1/contacts", Map.of("surname", surname)).json().get("id").asText();
        Api.Response booked = api.as(agent).post("/api/v1/appointments", Map.of("leadId", lead, "repId", rep.id(),
                "start", day.atTime(10, 0).toInstant(ZoneOffset.UTC).toString()));
        assertThat(booked.status()).as(booked.toString()).isEqualTo(201);
        return booked.json().get("id").asText();
    }

    private List<String> listed(Tenant.User user) {
        String from = day.minusDays(1).toString();
        String to = day.plusDays(1).toString();
        Api.Response list = api.as(user).get("/api/v1/appointments?from=" + from + "&to=" + to);
        assertThat(list.status()).isEqualTo(200);
        return list.json().get("items").valueStream().map(m -> m.get("id").asText()).toList();
    }

    @Test
    void anAgentSeesAndChangesTheMeetingsTheyBookedAndGets404ForAnotherAgents() {
        Api me = api.as(agent1);

        assertThat(me.get("/api/v1/appointments/" + meeting1).status()).isEqualTo(200);
        assertThat(listed(agent1)).containsExactly(meeting1);
        for (String path : List.of("", "/invite.ics", "/mail")) {
            assertThat(me.get("/api/v1/appointments/" + meeting2 + path).status()).as(path).isEqualTo(404);
        }
        assertThat(me.post("/api/v1/appointments/" + meeting2 + "/reschedule", Map.of("start",
                day.atTime(14, 0).toInstant(ZoneOffset.UTC).toString())).status()).isEqualTo(404);
        assertThat(me.post("/api/v1/appointments/" + meeting2 + "/cancel", Map.of("reason", "mine now"))
                .status()).isEqualTo(404);
        assertThat(me.post("/api/v1/appointments/" + meeting2 + "/held", null).status()).isEqualTo(404);
        assertThat(me.post("/api/v1/appointments/" + meeting2 + "/no-show", null).status()).isEqualTo(404);
        assertThat(api.as(agent2).get("/api/v1/appointments/" + meeting2).json().get("status").asText())
                .isEqualTo("BOOKED");

        // whether it was held is the rep's word: the agent sees the meeting, so a 403, not a 404
        assertThat(me.post("/api/v1/appointments/" + meeting1 + "/held", null).status()).isEqualTo(403);
        Api.Response moved = me.post("/api/v1/appointments/" + meeting1 + "/reschedule", Map.of("start",
                day.atTime(11, 0).toInstant(ZoneOffset.UTC).toString()));
        assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
        assertThat(me.post("/api/v1/appointments/" + meeting1 + "/cancel", Map.of("reason", "lead asked"))
                .json().get("status").asText()).isEqualTo("CANCELLED");
    }

    @Test
    void aRepSeesAndChangesTheMeetingsInTheirCalendarOnly() {
        Api me = api.as(rep1);

        assertThat(me.get("/api/v1/appointments/" + meeting1).status()).isEqualTo(200);
        assertThat(me.get("/api/v1/appointments/" + meeting2).status()).isEqualTo(404);
        assertThat(listed(rep1)).containsExactly(meeting1);
        assertThat(me.post("/api/v1/appointments/" + meeting2 + "/cancel", Map.of("reason", "x")).status())
                .isEqualTo(404);
        assertThat(me.post("/api/v1/appointments/" + meeting1 + "/cancel", Map.of("reason", "ill")).json()
                .get("status").asText()).isEqualTo("CANCELLED");
    }

    @Test
    void supervisorsAndAdminsSeeAndChangeEveryMeetingOfTheWorkspace() {
        assertThat(listed(supervisor)).containsExactlyInAnyOrder(meeting1, meeting2);
        assertThat(listed(tenant.admin())).containsExactlyInAnyOrder(meeting1, meeting2);
        assertThat(api.as(supervisor).get("/api/v1/appointments/" + meeting2).status()).isEqualTo(200);
        assertThat(api.as(supervisor).post("/api/v1/appointments/" + meeting1 + "/cancel", Map.of("reason", "x"))
                .status()).isEqualTo(200);
        assertThat(tenant.asAdmin().post("/api/v1/appointments/" + meeting2 + "/cancel", Map.of("reason", "y"))
                .status()).isEqualTo(200);
    }

    @Test
    void anotherWorkspaceFindsNoMeeting() {
        Tenant other = Tenant.create(api, "Other Meetings AS");

        assertThat(other.asAdmin().get("/api/v1/appointments/" + meeting1).status()).isEqualTo(404);
        assertThat(other.asAdmin().post("/api/v1/appointments/" + meeting1 + "/cancel", Map.of("reason", "x"))
                .status()).isEqualTo(404);
        assertThat(Pages.signIn(port, other.admin()).post("/calendar/meetings/" + meeting1 + "/cancel",
                Map.of("reason", "x")).status()).isEqualTo(404);
    }

    @Test
    void theCalendarPagesShowAndChangeWhatTheRuleAllows() {
        String week = "?week=" + day;
        Pages asAgent = Pages.signIn(port, agent1);
        String agentWeek = asAgent.get("/calendar" + week).body();
        assertThat(agentWeek).contains("Meetingone").doesNotContain("Meetingtwo");
        assertThat(asAgent.get("/calendar" + week + "&rep=" + rep2.id()).body()).doesNotContain("Meetingtwo");
        assertThat(asAgent.post("/calendar/meetings/" + meeting2 + "/cancel", Map.of("reason", "x")).status())
                .isEqualTo(404);
        assertThat(asAgent.post("/calendar/meetings/" + meeting1 + "/held", Map.of()).status()).isEqualTo(403);

        Pages asRep = Pages.signIn(port, rep1);
        assertThat(asRep.get("/calendar" + week).body()).contains("Meetingone").doesNotContain("Meetingtwo");
        assertThat(asRep.post("/calendar/meetings/" + meeting2 + "/cancel", Map.of("reason", "x")).status())
                .isEqualTo(404);

        Pages asSupervisor = Pages.signIn(port, supervisor);
        assertThat(asSupervisor.get("/calendar/team" + week).body()).contains("Meetingone").contains("Meetingtwo");
        Pages asAdmin = Pages.signIn(port, tenant.admin());
        assertThat(asAdmin.get("/calendar/team" + week).body()).contains("Meetingone").contains("Meetingtwo");
        assertThat(asAdmin.get("/calendar" + week + "&rep=" + rep2.id()).body()).contains("Meetingtwo");

        Pages.Response cancelled = asAgent.post("/calendar/meetings/" + meeting1 + "/cancel",
                Map.of("reason", "lead asked", "week", day.toString()));
        assertThat(cancelled.status()).isEqualTo(302);
        assertThat(cancelled.location()).endsWith("/calendar?week=" + day);
        assertThat(api.as(agent1).get("/api/v1/appointments/" + meeting1).json().get("status").asText())
                .isEqualTo("CANCELLED");
        assertThat(asSupervisor.post("/calendar/meetings/" + meeting2 + "/cancel", Map.of("reason", "y")).status())
                .isEqualTo(302);
        assertThat(api.as(agent2).get("/api/v1/appointments/" + meeting2).json().get("status").asText())
                .isEqualTo("CANCELLED");
    }
}

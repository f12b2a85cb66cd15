package dev.callsheet.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.callsheet.support.IntegrationTest;
import dev.callsheet.support.Tenant;
import dev.callsheet.workspace.WorkspaceSummary;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.jdbc.core.simple.JdbcClient;

class DemoDataIntegrationTests extends IntegrationTest {

    @Autowired
    DemoData demoData;

    @Autowired
    JdbcClient jdbc;

    @Test
    void seedsOnceAndEveryDemoUserSignsInWithTheNewPassword() throws InterruptedException {
        Tenant other = Tenant.create(api, "Not Demo AS");
        Tenant.User bystander = other.user("AGENT");

        WorkspaceSummary first = demoData.apply("first-demo-pass");
        WorkspaceSummary second = demoData.apply("second-demo-pass");

        assertThat(second).isEqualTo(first);
        assertThat(jdbc.sql("SELECT count(*) FROM workspace WHERE demo").query(Integer.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT count(*) FROM membership WHERE workspace_id = ?").param(first.id())
                .query(Integer.class).single()).isEqualTo(DemoData.PEOPLE.size() + 1);
        for (DemoData.DemoPerson person : DemoData.PEOPLE) {
            var me = api.as(person.username(), "second-demo-pass").get("/api/v1/me");
            assertThat(me.status()).as(person.username()).isEqualTo(200);
            assertThat(me.json().get("workspace").asText()).isEqualTo(DemoData.WORKSPACE);
            assertThat(me.json().get("locale").asText()).isEqualTo(person.locale());
        }
        assertThat(api.as("sofie.agent", "first-demo-pass").get("/api/v1/me").status()).isEqualTo(401);
        assertThat(api.as(bystander).get("/api/v1/me").status()).as("only demo users' passwords change").isEqualTo(200);
        assertThat(api.as("admin", ADMIN_PASSWORD).get("/api/v1/workspaces").body()).contains(DemoData.WORKSPACE);

        // The demo's leads go through the real import, with planted duplicates flagged.
        var supervisor = api.as("ingrid.supervisor", "second-demo-pass");
        String importId = supervisor.get("/api/v1/imports").json().get("items").get(0).get("id").asText();
        java.time.Instant deadline = java.time.Instant.now().plusSeconds(90);
        var status = supervisor.get("/api/v1/imports/" + importId).json();
        while (!status.get("status").asText().equals("DONE") && java.time.Instant.now().isBefore(deadline)) {
            Thread.sleep(250);
            status = supervisor.get("/api/v1/imports/" + importId).json();
        }
        assertThat(status.get("status").asText()).isEqualTo("DONE");
        assertThat(status.get("rows").asInt()).isEqualTo(DemoData.LEADS);
        assertThat(status.get("created").asInt() + status.get("flagged").asInt() + status.get("skipped").asInt())
                .isEqualTo(DemoData.LEADS);
        assertThat(status.get("flagged").asInt()).isGreaterThan(DemoData.LEADS / 40);
        assertThat(supervisor.get("/api/v1/contacts?flagged=true").json().get("total").asInt())
                .isEqualTo(status.get("flagged").asInt());

        // Two running projects with scripts, their queues filled from the import, and a day of calls.
        var projects = supervisor.get("/api/v1/projects").json().get("items");
        assertThat(projects).hasSize(2);
        for (var project : projects) {
            String id = project.get("id").asText();
            assertThat(supervisor.get("/api/v1/projects/" + id + "/scripts").json().get("items").size())
                    .isGreaterThanOrEqualTo(2);
            var counts = supervisor.get("/api/v1/projects/" + id + "/queue").json();
            deadline = java.time.Instant.now().plusSeconds(60);
            while (!counts.has("DONE") && java.time.Instant.now().isBefore(deadline)) {
                Thread.sleep(250);
                counts = supervisor.get("/api/v1/projects/" + id + "/queue").json();
            }
            assertThat(counts.get("DONE").asInt()).as(counts.toString()).isPositive();
            assertThat(counts.get("READY").asInt()).as(counts.toString()).isPositive();
        }
        assertThat(jdbc.sql("SELECT count(*) FROM call_attempt WHERE workspace_id = ?").param(first.id())
                .query(Integer.class).single()).isGreaterThan(150);
        assertThat(jdbc.sql("SELECT count(DISTINCT outcome) FROM call_attempt WHERE workspace_id = ?")
                .param(first.id()).query(Integer.class).single()).isGreaterThanOrEqualTo(8);
        // reps in two time zones, and a week of meetings for the leads the replayed day qualified
        assertThat(jdbc.sql("SELECT count(DISTINCT time_zone) FROM rep_calendar WHERE workspace_id = ?").param(first.id())
                .query(Integer.class).single()).isEqualTo(2);
        assertThat(jdbc.sql("SELECT count(*) FROM appointment WHERE workspace_id = ? AND status = 'BOOKED'")
                .param(first.id()).query(Integer.class).single()).isGreaterThanOrEqualTo(5);
        // issue 25: reps visit their own areas only; the leads abroad (British, Korean) get video or phone meetings,
        // every meeting inside the lead's hours; nothing on the supervisor's page of meetings to check
        assertThat(supervisor.get("/api/v1/appointments/violations").json().get("items")).isEmpty();
        assertThat(jdbc.sql("""
                SELECT count(*) FROM appointment a JOIN contact c ON c.id = a.contact_id
                WHERE a.workspace_id = ? AND a.status = 'BOOKED' AND a.type = 'ON_SITE' AND c.country IN ('GB', 'KR')""")
                .param(first.id()).query(Integer.class).single()).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM rep_calendar WHERE workspace_id = ? AND territories <> '[]'")
                .param(first.id()).query(Integer.class).single()).isEqualTo(3);
        // a roster, rules, and a morning of web leads routed with the rule that fired
        assertThat(jdbc.sql("SELECT count(*) FROM duty_pattern WHERE workspace_id = ?").param(first.id())
                .query(Integer.class).single()).isEqualTo(14);
        assertThat(jdbc.sql("SELECT count(*) FROM assignment WHERE workspace_id = ? AND channel = 'WEB'")
                .param(first.id()).query(Integer.class).single()).isEqualTo(8);
        // a year of deals: the evidence finds the budget and the economic buyer, the model is shown, some are flagged
        var evidence = supervisor.get("/api/v1/insights/disqualification").json();
        assertThat(evidence.get("closedDeals").asInt()).isGreaterThan(250);
        List<String> clear = new java.util.ArrayList<>();
        evidence.get("rows").forEach(r -> {
            if (r.get("known").get("deals").asInt() > 0 && r.get("unknown").get("deals").asInt() > 0
                    && r.get("known").get("low").asDouble() > r.get("unknown").get("high").asDouble()) {
                clear.add(r.get("stage").asText() + "/" + r.get("point").asText());
            }
        });
        assertThat(clear).contains("DISCOVERY/budget_known", "DISCOVERY/economic_buyer");
        var lars = api.as("lars.rep", "second-demo-pass");
        var board = lars.get("/api/v1/deals/board").json().get("columns");
        List<String> flags = new java.util.ArrayList<>();
        List<Double> chances = new java.util.ArrayList<>();
        board.forEach(c -> c.get("cards").forEach(card -> {
            card.get("flags").forEach(f -> flags.add(f.get("kind").asText()));
            if (!card.get("winProbability").isNull()) {
                chances.add(card.get("winProbability").asDouble());
            }
        }));
        assertThat(flags).contains("GONE_DARK", "MISSING_EXIT_DATA");
        assertThat(chances).isNotEmpty();
        assertThat(lars.get("/api/v1/commissions/ledger").json().get("items")).isNotNull();
        assertThat(jdbc.sql("SELECT count(*) FROM commission_entry WHERE workspace_id = ?").param(first.id())
                .query(Integer.class).single()).isPositive();
        assertThat(supervisor.get("/api/v1/dq-review").json().get("deals")).isNotEmpty();
        // the replayed calls are in the reports: KPIs and a funnel for each project, the supervisor has an address
        java.time.LocalDate today = java.time.LocalDate.ofInstant(clock.instant(), java.time.ZoneOffset.UTC);
        String period = "from=" + today.minusDays(14) + "&to=" + today.plusDays(1);
        for (var project : projects) {
            var kpis = supervisor.get("/api/v1/reports/projects/" + project.get("id").asText() + "/kpis?" + period
                    + "&groupBy=agent").json();
            assertThat(kpis.get("dials").asInt()).as(kpis.toString()).isPositive();
            assertThat(kpis.get("rows")).isNotEmpty();
        }
        var funnels = supervisor.get("/api/v1/reports/funnel?" + period).json().get("items");
        assertThat(funnels).hasSize(2);
        assertThat(funnels.get(0).get("steps").get(1).get("count").asInt()).isPositive();
        assertThat(jdbc.sql("SELECT count(*) FROM app_user u JOIN membership m ON m.user_id = u.id"
                + " WHERE m.workspace_id = ? AND 'SUPERVISOR' = ANY(m.roles) AND u.email IS NOT NULL")
                .param(first.id()).query(Integer.class).single()).isPositive();
        // material: a real PDF brochure and an XLSX price list, and the brochure's template in all six languages
        var templates = supervisor.get("/api/v1/material/templates").json().get("items");
        List<String> brochureLanguages = new java.util.ArrayList<>();
        templates.forEach(t -> {
            if (t.get("name").asText().equals("Brochure")) {
                brochureLanguages.add(t.get("language").asText());
                assertThat(t.get("attachments").get(0).get("contentType").asText()).isEqualTo("application/pdf");
            }
        });
        assertThat(brochureLanguages).containsExactlyInAnyOrder("en", "nb", "es", "ru", "ko", "ro");
        var files = supervisor.get("/api/v1/material/files").json().get("items");
        assertThat(files).hasSize(2);
        for (var file : files) {
            byte[] data = supervisor.bytes("/api/v1/material/files/" + file.get("id").asText());
            String head = new String(data, 0, 4, java.nio.charset.StandardCharsets.ISO_8859_1);
            assertThat(head).isIn("%PDF", "PK\u0003\u0004");
        }
    }

    @Test
    void withoutTheDemoFlagNothingIsSeeded() throws Exception {
        int before = jdbc.sql("SELECT count(*) FROM app_user").query(Integer.class).single();

        demoData.run(new DefaultApplicationArguments());

        assertThat(jdbc.sql("SELECT count(*) FROM app_user").query(Integer.class).single()).isEqualTo(before);
    }
}

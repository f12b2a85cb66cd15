package dev.callsheet.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.callsheet.support.Api;
import dev.callsheet.support.IntegrationTest;
import dev.callsheet.support.Tenant;
import java.io.ByteArrayInputStream;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Every KPI of a project on a fixture built call by call through the API, with the right answers
 * worked out by hand and written here: five calls by two agents, two meetings (one held, one
 * missed), one deal won and later cancelled.
 */
class ReportsApiIntegrationTests extends IntegrationTest {

    private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");

    private Tenant tenant;
    private Tenant.User supervisor;
    private Tenant.User agentA;
    private Tenant.User agentB;
    private Tenant.User rep;
    private Api boss;
    private LocalDate monday;

    @BeforeEach
    void setUp() {
        tenant = Tenant.create(api, "Reports AS");
        supervisor = tenant.user("SUPERVISOR");
        agentA = tenant.user("AGENT");
        agentB = tenant.user("AGENT");
        rep = tenant.user("REP");
        boss = api.as(supervisor);
        monday = LocalDate.ofInstant(clock.instant().plus(Duration.ofDays(7)), ZoneOffset.UTC)
                .with(TemporalAdjusters.next(DayOfWeek.MONDAY));
        at(9, 0, 0);
    }

    /** Sets the clock to Monday hh:mm:ss UTC (Oslo is an hour ahead in winter). */
    private void at(int hour, int minute, int second) {
        clock.set(monday.atTime(hour, minute, second).toInstant(ZoneOffset.UTC));
    }

    private String project(Map<String, Object> extra) {
        Map<String, Object> body = new HashMap<>(Map.of("name", "Solar " + System.nanoTime(), "direction", "OUTBOUND",
                "audience", "NEW_CUSTOMERS", "reviewCadence", "WEEKLY", "timeZone", "Europe/Oslo"));
        body.putAll(extra);
        Api.Response created = boss.post("/api/v1/projects", body);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    private String lead(String source) {
        Api.Response created = boss.post("/api/v1/contacts", Map.of("firstName", "Lead", "surname",
                "Person" + System.nanoTime(), "phone", "+47 22 " + (100000 + (int) (Math.random() * 899999)),
                "country", "NO", "source", source));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    private void add(String project, String... contacts) {
        Api.Response added = boss.post("/api/v1/projects/" + project + "/leads", Map.of("contactIds", List.of(contacts)));
        assertThat(added.json().get("added").asInt()).as(added.toString()).isEqualTo(contacts.length);
    }

    private JsonNode next(Tenant.User agent, String project) {
        Api.Response next = api.as(agent).post("/api/v1/projects/" + project + "/next", null);
        assertThat(next.status()).as(next.toString()).isEqualTo(200);
        return next.json();
    }

    private void outcome(Tenant.User agent, JsonNode lease, Map<String, Object> body) {
        Api.Response recorded = api.as(agent).post("/api/v1/attempts/" + lease.get("attemptId").asText() + "/outcome",
                body);
        assertThat(recorded.status()).as(recorded.toString()).isEqualTo(200);
    }

    private static Map<String, Object> qualified(int talk) {
        return Map.of("outcome", "INTERESTED", "talkSeconds", talk,
                "qualification", Map.of("interest", 4, "ability", 4, "willingness", 4));
    }

    private String book(Tenant.User agent, String contact, JsonNode lease, Instant start) {
        Api.Response booked = api.as(agent).post("/api/v1/appointments", Map.of("leadId", contact, "start",
                start.toString(), "repId", rep.id(), "type", "PHONE", "attemptId", lease.get("attemptId").asText()));
        assertThat(booked.status()).as(booked.toString()).isEqualTo(201);
        return booked.json().get("id").asText();
    }

    private JsonNode kpis(String project, String query) {
        Api.Response report = boss.get("/api/v1/reports/projects/" + project + "/kpis?" + query);
        assertThat(report.status()).as(report.toString()).isEqualTo(200);
        return report.json();
    }

    private static JsonNode row(JsonNode report, String key) {
        for (JsonNode row : report.get("rows")) {
            if (row.get("key").asText().equals(key)) {
                return row;
            }
        }
        throw new AssertionError("no row " + key + " in " + report.get("rows"));
    }

    @Test
    void everyKpiOfAHandBuiltWeekIsRight() throws Exception {
        assertThat(boss.send("PUT", "/api/v1/reps/" + rep.id() + "/calendar", Map.of("timeZone", "Europe/Oslo",
                "email", rep.username() + "@reps.test", "minNoticeMinutes", 0)).status()).isEqualTo(200);
        assertThat(boss.send("PUT", "/api/v1/commissions/rules", Map.of("items", List.of(Map.of(
                "percentOfAmount", 10, "agentSplit", 30, "repSplit", 70)))).status()).isEqualTo(200);
        String project = project(Map.of("kpiTargets", Map.of("connectRate", 0.5, "appointmentsPerHour", 2.0,
                "oneCallResolutionRate", 0.7, "talkMinutesPerDay", 5)));
        String l1 = lead("WEB");
        String l2 = lead("WEB");
        String l3 = lead("AGENT");
        String l4 = lead("AGENT");

        // The two web leads came with a coupon: the funnel splits by the code as it does by source.
        for (String coupon : List.of(l1, l2)) {
            Api.Response coded = boss.send("PUT", "/api/v1/contacts/" + coupon + "/campaign",
                    Map.of("campaign", "spring-24"));
            assertThat(coded.status()).as(coded.toString()).isEqualTo(200);
            assertThat(coded.json().get("campaignCode").asText()).isEqualTo("SPRING-24");
        }
        assertThat(boss.send("PUT", "/api/v1/contacts/" + l3 + "/campaign", Map.of("campaign", "no spaces"))
                .json().get("field").asText()).isEqualTo("campaign");

        // Agent A: L1 and L2. Slot one 09:00-09:01 (60 s on the phone), slot two 09:02-09:04 (120 s).
        add(project, l1, l2);
        Map<String, JsonNode> leases = new HashMap<>();
        at(9, 0, 0);
        JsonNode first = next(agentA, project);
        at(9, 1, 0);
        String firstLead = first.get("lead").get("id").asText();
        outcome(agentA, first, firstLead.equals(l1) ? Map.of("outcome", "NO_ANSWER", "talkSeconds", 0)
                : Map.of("outcome", "REJECTED", "talkSeconds", 60, "reason", "has a supplier"));
        at(9, 2, 0);
        JsonNode second = next(agentA, project);
        at(9, 4, 0);
        outcome(agentA, second, firstLead.equals(l1) ? Map.of("outcome", "REJECTED", "talkSeconds", 60, "reason",
                "has a supplier") : Map.of("outcome", "NO_ANSWER", "talkSeconds", 0));
        leases.put(l2, firstLead.equals(l2) ? first : second);

        // Agent B: L3 qualified (slot 09:05-09:09, 240 s on the phone), L4 hung up (09:10:00-09:10:30).
        at(9, 5, 0);
        add(project, l3, l4);
        JsonNode third = next(agentB, project);
        at(9, 9, 0);
        boolean l3First = third.get("lead").get("id").asText().equals(l3);
        outcome(agentB, third, l3First ? qualified(180) : Map.of("outcome", "HUNG_UP", "talkSeconds", 0));
        at(9, 10, 0);
        JsonNode fourth = next(agentB, project);
        at(9, 10, 30);
        outcome(agentB, fourth, l3First ? Map.of("outcome", "HUNG_UP", "talkSeconds", 0) : qualified(180));
        JsonNode l3Lease = l3First ? third : fourth;
        String missed = book(agentB, l3, l3Lease, monday.atTime(14, 0).atZone(OSLO).toInstant());

        // Agent A calls L1 again once its no-answer delay is over: qualified, 300 s on the phone, a meeting tomorrow.
        at(11, 30, 0);
        JsonNode again = next(agentA, project);
        assertThat(again.get("lead").get("id").asText()).isEqualTo(l1);
        at(11, 35, 0);
        outcome(agentA, again, qualified(240));
        String held = book(agentA, l1, again, monday.plusDays(1).atTime(10, 0).atZone(OSLO).toInstant());
        assertThat(boss.post("/api/v1/attempts/" + again.get("attemptId").asText() + "/result",
                Map.of("outcome", "SALE_SUCCESSFUL")).status()).isEqualTo(204);

        // Monday 15:00 UTC: L3's meeting was missed. Tuesday 11:00 UTC: L1's was held; 12:00 the deal is won.
        at(15, 0, 0);
        assertThat(api.as(rep).post("/api/v1/appointments/" + missed + "/no-show", null).status()).isEqualTo(200);
        clock.set(monday.plusDays(1).atTime(11, 0).toInstant(ZoneOffset.UTC));
        assertThat(api.as(rep).post("/api/v1/appointments/" + held + "/held", null).status()).isEqualTo(200);
        String deal = dealOf(l1);
        api.as(rep).patch("/api/v1/deals/" + deal, Map.of("amount", 10000, "currency", "NOK"));
        clock.set(monday.plusDays(1).atTime(12, 0).toInstant(ZoneOffset.UTC));
        assertThat(api.as(rep).post("/api/v1/deals/" + deal + "/won", Map.of()).status()).isEqualTo(200);

        String week = "from=" + monday + "&to=" + monday.plusDays(6);
        JsonNode report = kpis(project, week + "&groupBy=agent");
        // 5 dials, 3 connects (REJECTED, INTERESTED twice); NO_ANSWER and HUNG_UP did not connect.
        assertThat(report.get("dials").asLong()).isEqualTo(5);
        assertThat(report.get("connects").asLong()).isEqualTo(3);
        assertThat(report.get("connectRate").asDouble()).isEqualTo(0.6);
        // talk 60 + 180 + 240; on the phone A 60 + 120 + 300, B 240 + 30
        assertThat(report.get("talkSeconds").asLong()).isEqualTo(480);
        assertThat(report.get("phoneSeconds").asLong()).isEqualTo(750);
        // successful: the two qualified calls, (180 + 240) / 2
        assertThat(report.get("successfulCalls").asLong()).isEqualTo(2);
        assertThat(report.get("averageSuccessfulCallSeconds").asDouble()).isEqualTo(210.0);
        // 2 meetings in 750 s on the phone: 2 × 3600 / 750
        assertThat(report.get("appointmentsSet").asLong()).isEqualTo(2);
        assertThat(report.get("appointmentsPerHour").asDouble()).isEqualTo(9.6);
        assertThat(report.get("appointmentsHeld").asLong()).isEqualTo(1);
        assertThat(report.get("noShows").asLong()).isEqualTo(1);
        assertThat(report.get("showRate").asDouble()).isEqualTo(0.5);
        // resolved: REJECTED (L2's first call), INTERESTED (L3's first), INTERESTED (L1's second) → 2 of 3
        assertThat(report.get("resolved").asLong()).isEqualTo(3);
        assertThat(report.get("resolvedFirstCall").asLong()).isEqualTo(2);
        assertThat(report.get("oneCallResolutionRate").asDouble()).isEqualTo(0.6667);
        assertThat(report.get("qualified").asLong()).isEqualTo(2);
        assertThat(report.get("qualificationRate").asDouble()).isEqualTo(0.6667);
        assertThat(report.get("dealsWon").asLong()).isEqualTo(1);
        assertThat(report.get("revenue").decimalValue()).isEqualByComparingTo("10000");
        // 10 % of 10,000: 300 to agent A, 700 to the rep
        assertThat(report.get("commission").decimalValue()).isEqualByComparingTo("1000");

        Map<String, JsonNode> targets = new LinkedHashMap<>();
        report.get("targets").forEach(t -> targets.put(t.get("kpi").asText(), t));
        assertThat(targets.get("connectRate").get("met").asBoolean()).isTrue();
        assertThat(targets.get("appointmentsPerHour").get("met").asBoolean()).isTrue();
        assertThat(targets.get("oneCallResolutionRate").get("met").asBoolean()).isFalse();
        // 8 talk minutes over two agent-days (A and B called on Monday only)
        assertThat(targets.get("talkMinutesPerDay").get("actual").asDouble()).isEqualTo(4.0);
        assertThat(targets.get("talkMinutesPerDay").get("met").asBoolean()).isFalse();
        assertThat(targets.get("averageSuccessfulCallSeconds").get("target").asDouble()).isEqualTo(210);

        JsonNode a = row(report, agentA.id());
        assertThat(a.get("dials").asLong()).isEqualTo(3);
        assertThat(a.get("connects").asLong()).isEqualTo(2);
        assertThat(a.get("appointmentsSet").asLong()).isEqualTo(1);
        assertThat(a.get("appointmentsHeld").asLong()).isEqualTo(1);
        assertThat(a.get("dealsWon").asLong()).isEqualTo(1);
        assertThat(a.get("commission").decimalValue()).isEqualByComparingTo("300");
        JsonNode b = row(report, agentB.id());
        assertThat(b.get("dials").asLong()).isEqualTo(2);
        assertThat(b.get("noShows").asLong()).isEqualTo(1);
        assertThat(b.get("oneCallResolutionRate").asDouble()).isEqualTo(1.0);
        assertThat(row(report, rep.id()).get("commission").decimalValue()).isEqualByComparingTo("700");

        JsonNode bySource = kpis(project, week + "&groupBy=source");
        assertThat(row(bySource, "WEB").get("dials").asLong()).isEqualTo(3);
        assertThat(row(bySource, "AGENT").get("dials").asLong()).isEqualTo(2);
        assertThat(row(bySource, "AGENT").get("noShows").asLong()).isEqualTo(1);
        JsonNode byDay = kpis(project, week + "&groupBy=day");
        assertThat(byDay.get("rows")).hasSize(7);
        assertThat(row(byDay, monday.toString()).get("dials").asLong()).isEqualTo(5);
        assertThat(row(byDay, monday.plusDays(1).toString()).get("appointmentsHeld").asLong()).isEqualTo(1);

        // Tuesday alone: no calls, the held meeting and the win.
        JsonNode tuesday = kpis(project, "from=" + monday.plusDays(1) + "&to=" + monday.plusDays(1));
        assertThat(tuesday.get("dials").asLong()).isZero();
        assertThat(tuesday.get("connectRate").isNull()).isTrue();
        assertThat(tuesday.get("appointmentsHeld").asLong()).isEqualTo(1);
        assertThat(tuesday.get("dealsWon").asLong()).isEqualTo(1);

        // The funnel of the leads that entered on Monday.
        JsonNode funnel = boss.get("/api/v1/reports/projects/" + project + "/funnel?" + week).json();
        assertThat(counts(funnel.get("steps"))).containsExactly(4L, 4L, 3L, 2L, 2L, 1L, 1L);
        assertThat(funnel.get("steps").get(2).get("conversion").asDouble()).isEqualTo(0.75);
        Map<String, List<Long>> sources = new HashMap<>();
        funnel.get("bySource").forEach(s -> sources.put(s.get("source").asText(), counts(s.get("steps"))));
        assertThat(sources.get("WEB")).containsExactly(2L, 2L, 2L, 1L, 1L, 1L, 1L);
        assertThat(sources.get("AGENT")).containsExactly(2L, 2L, 1L, 1L, 1L, 0L, 0L);
        assertThat(funnel.get("byCampaign")).hasSize(1);
        assertThat(funnel.get("byCampaign").get(0).get("campaign").asText()).isEqualTo("SPRING-24");
        assertThat(counts(funnel.get("byCampaign").get(0).get("steps"))).containsExactly(2L, 2L, 2L, 1L, 1L, 1L, 1L);
        JsonNode all = boss.get("/api/v1/reports/funnel?" + week).json().get("items");
        assertThat(all).hasSize(1);
        assertThat(all.get(0).get("steps").get(6).get("count").asLong()).isEqualTo(1);

        // The three nodes of the outcome tree.
        JsonNode outcomes = boss.get("/api/v1/reports/projects/" + project + "/outcomes?" + week).json();
        assertThat(codes(outcomes.get("connected"))).containsEntry("INTERESTED", 2L).containsEntry("REJECTED", 1L);
        assertThat(codes(outcomes.get("notConnected"))).containsEntry("NO_ANSWER", 1L).containsEntry("HUNG_UP", 1L);
        assertThat(codes(outcomes.get("confirmation"))).containsExactly(Map.entry("SALE_SUCCESSFUL", 1L));
        assertThat(outcomes.get("connected").get(0).get("share").asDouble()).isEqualTo(0.6667);

        // Exports carry the same figures.
        String csv = boss.get("/api/v1/reports/projects/" + project + "/kpis?" + week + "&format=csv").body();
        assertThat(csv).contains("dials,5").contains("connectRate,0.6").contains("revenue,10000");
        byte[] xlsx = boss.bytes("/api/v1/reports/projects/" + project + "/kpis?" + week + "&groupBy=agent&format=xlsx");
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            Sheet totals = book.getSheet("KPIs");
            assertThat(totals.getRow(1).getCell(0).getStringCellValue()).isEqualTo("dials");
            assertThat(totals.getRow(1).getCell(1).getNumericCellValue()).isEqualTo(5.0);
            assertThat(book.getSheet("By agent").getPhysicalNumberOfRows()).isEqualTo(4);
        }
        assertThat(boss.get("/api/v1/reports/projects/" + project + "/funnel?" + week + "&format=csv").body())
                .contains("ALL,,won,1").contains(",,SPRING-24,booked,1");

        // A cancelled win is taken back from the day it was won, commission reversed.
        clock.set(monday.plusDays(20).atTime(12, 0).toInstant(ZoneOffset.UTC));
        assertThat(api.as(rep).post("/api/v1/deals/" + deal + "/cancel", Map.of()).status()).isEqualTo(200);
        JsonNode afterCancel = kpis(project, week);
        assertThat(afterCancel.get("dealsWon").asLong()).isZero();
        assertThat(afterCancel.get("revenue").decimalValue()).isEqualByComparingTo("0");
        assertThat(kpis(project, "from=" + monday + "&to=" + monday.plusDays(30)).get("commission").decimalValue())
                .isEqualByComparingTo("0");
    }

    @Test
    void everyExportNeutralisesNamesThatReadAsFormulas() throws Exception {
        String agentName = "=2+5+cmd|' /C calc'!A0";
        String projectName = "=HYPERLINK(\"http://evil.test\",\"Solar\")";
        assertThat(tenant.asAdmin().patch("/api/v1/users/" + agentA.id(), Map.of("displayName", agentName)).status())
                .isEqualTo(200);
        String project = project(Map.of("name", projectName));
        add(project, lead("WEB"), lead("AGENT"));
        outcome(agentA, next(agentA, project), Map.of("outcome", "NO_ANSWER"));
        next(agentA, project);
        String week = "from=" + monday + "&to=" + monday.plusDays(6);

        Map<String, String> exports = new LinkedHashMap<>();
        exports.put("floor", "/api/v1/reports/floor?");
        exports.put("funnel", "/api/v1/reports/projects/" + project + "/funnel?" + week + "&");
        exports.put("funnels", "/api/v1/reports/funnel?" + week + "&");
        exports.put("leaderboard", "/api/v1/reports/projects/" + project + "/leaderboard?" + week + "&");
        exports.put("kpis", "/api/v1/reports/projects/" + project + "/kpis?" + week + "&groupBy=agent&");
        exports.put("outcomes", "/api/v1/reports/projects/" + project + "/outcomes?" + week + "&");
        Map<String, List<String>> csvCells = new HashMap<>();
        for (Map.Entry<String, String> export : exports.entrySet()) {
            List<String> csv = new java.util.ArrayList<>();
            try (var reader = de.siegmar.fastcsv.reader.CsvReader.builder().allowExtraFields(true).allowMissingFields(true)
                    .ofCsvRecord(boss.get(export.getValue() + "format=csv", "text/csv").body())) {
                reader.forEach(record -> csv.addAll(record.getFields()));
            }
            List<String> xlsx = new java.util.ArrayList<>();
            try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(boss.bytes(export.getValue()
                    + "format=xlsx")))) {
                book.forEach(sheet -> sheet.forEach(row -> row.forEach(cell -> {
                    if (cell.getCellType() == org.apache.poi.ss.usermodel.CellType.STRING) {
                        xlsx.add(cell.getStringCellValue());
                    }
                })));
            }
            for (List<String> cells : List.of(csv, xlsx)) {
                assertThat(cells).as(export.getKey()).allMatch(ReportsApiIntegrationTests::inert);
                if (!export.getKey().equals("outcomes")) {
                    assertThat(cells).as(export.getKey()).containsAnyOf("'" + agentName, "'" + projectName);
                }
            }
            csvCells.put(export.getKey(), csv);
        }
        assertThat(csvCells.get("floor")).contains("'" + agentName, "'" + projectName);
        assertThat(csvCells.get("funnel")).contains("'" + projectName);
        assertThat(csvCells.get("funnels")).contains("'" + projectName);
        assertThat(csvCells.get("kpis")).contains("'" + agentName);
    }

    /** A cell a spreadsheet shows as typed: no formula lead, or a number. */
    private static boolean inert(String cell) {
        return cell.isEmpty() || "=+-@\t\r".indexOf(cell.charAt(0)) < 0 || cell.matches("-?\\d+(\\.\\d+)?");
    }

    @Test
    void costPerAppointmentAndDecisionMakerReachAreExact() {
        assertThat(boss.send("PUT", "/api/v1/reps/" + rep.id() + "/calendar", Map.of("timeZone", "Europe/Oslo",
                "email", rep.username() + "@reps.test", "minNoticeMinutes", 0)).status()).isEqualTo(200);
        Api admin = tenant.asAdmin();
        // costs: A has her own (30 an hour), B his team's (20), the workspace's (10) is nobody's here
        assertThat(admin.send("PUT", "/api/v1/workspace/costs", Map.of("hourlyCost", 10)).json().get("hourlyCost")
                .decimalValue()).isEqualByComparingTo("10");
        Api.Response own = admin.send("PUT", "/api/v1/users/" + agentA.id(), Map.of("hourlyCost", 30));
        assertThat(own.status()).as(own.toString()).isEqualTo(200);
        assertThat(own.json().get("hourlyCost").decimalValue()).isEqualByComparingTo("30");
        String team = admin.post("/api/v1/teams", Map.of("name", "Setters " + System.nanoTime(), "hourlyCost", 20))
                .json().get("id").asText();
        assertThat(admin.patch("/api/v1/users/" + agentB.id(), Map.of("team", team)).status()).isEqualTo(200);
        Api.Response negative = admin.send("PUT", "/api/v1/users/" + agentB.id(), Map.of("hourlyCost", -1));
        assertThat(negative.status()).isEqualTo(400);
        assertThat(negative.json().get("field").asText()).isEqualTo("hourlyCost");

        String project = project(Map.of());
        String l1 = lead("WEB");
        String l2 = lead("WEB");
        add(project, l1, l2);
        // A: a gatekeeper (6 minutes on the phone), who names the decision maker and a time to call back
        at(9, 0, 0);
        JsonNode first = next(agentA, project);
        at(9, 6, 0);
        String tomorrow = monday.plusDays(1) + "T09:30";
        Api.Response badPhone = api.as(agentA).post("/api/v1/attempts/" + first.get("attemptId").asText() + "/outcome",
                Map.of("outcome", "GATEKEEPER", "decisionMaker", Map.of("phone", "call the front desk")));
        assertThat(badPhone.status()).isEqualTo(400);
        assertThat(badPhone.json().get("field").asText()).isEqualTo("decisionMaker.phone");
        outcome(agentA, first, Map.of("outcome", "GATEKEEPER", "talkSeconds", 50, "callbackAt", tomorrow,
                "decisionMaker", Map.of("name", "Kari Nordmann", "phone", "+47 22 33 44 55", "bestTime", "after nine")));
        JsonNode call = boss.get("/api/v1/attempts/" + first.get("attemptId").asText()).json();
        assertThat(call.get("callbackAt").asText()).isEqualTo(monday.plusDays(1).atTime(8, 30) + ":00Z");
        String firstLead = first.get("lead").get("id").asText();
        assertThat(boss.get("/api/v1/contacts/" + firstLead + "/activities").body()).contains("Kari Nordmann")
                .contains("after nine");
        // A: the other lead qualifies (6 minutes) and gets a meeting
        at(9, 10, 0);
        JsonNode second = next(agentA, project);
        at(9, 16, 0);
        outcome(agentA, second, qualified(100));
        book(agentA, second.get("lead").get("id").asText(), second, monday.atTime(15, 0).atZone(OSLO).toInstant());
        // B: a third lead says no (12 minutes)
        String l3 = lead("AGENT");
        add(project, l3);
        at(9, 20, 0);
        JsonNode third = next(agentB, project);
        at(9, 32, 0);
        outcome(agentB, third, Map.of("outcome", "REJECTED", "talkSeconds", 300, "reason", "no roof"));

        JsonNode report = kpis(project, "from=" + monday + "&to=" + monday + "&groupBy=agent");
        assertThat(report.get("connects").asLong()).isEqualTo(3);
        assertThat(report.get("gatekeepers").asLong()).isEqualTo(1);
        assertThat(report.get("decisionMakerReachRate").asDouble()).isEqualTo(0.6667);
        assertThat(row(report, agentA.id()).get("decisionMakerReachRate").asDouble()).isEqualTo(0.5);
        // paid time: A 720 s at 30 = 6.00, B 720 s at 20 = 4.00; one appointment; 1,440 s on the phone
        assertThat(report.get("phoneSeconds").asLong()).isEqualTo(1440);
        assertThat(report.get("cost").decimalValue()).isEqualByComparingTo("10.00");
        assertThat(report.get("costPerAppointment").decimalValue()).isEqualByComparingTo("10.00");
        assertThat(report.get("costPerDialHour").decimalValue()).isEqualByComparingTo("25.00");
        assertThat(report.get("costPerHeld").isNull()).isTrue();
        assertThat(report.get("costPerWonDeal").isNull()).isTrue();
        assertThat(row(report, agentA.id()).get("cost").decimalValue()).isEqualByComparingTo("6.00");
        assertThat(row(report, agentB.id()).get("cost").decimalValue()).isEqualByComparingTo("4.00");
    }

    private String dealOf(String contact) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            JsonNode items = api.as(rep).get("/api/v1/deals?contactId=" + contact).json().get("items");
            if (!items.isEmpty()) {
                return items.get(0).get("id").asText();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no deal opened for " + contact);
    }

    private static List<Long> counts(JsonNode steps) {
        List<Long> counts = new java.util.ArrayList<>();
        steps.forEach(s -> counts.add(s.get("count").asLong()));
        return counts;
    }

    private static Map<String, Long> codes(JsonNode shares) {
        Map<String, Long> codes = new LinkedHashMap<>();
        shares.forEach(s -> codes.put(s.get("code").asText(), s.get("calls").asLong()));
        return codes;
    }
}

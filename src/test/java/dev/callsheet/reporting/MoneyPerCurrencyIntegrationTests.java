package dev.callsheet.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.callsheet.support.Api;
import dev.callsheet.support.IntegrationTest;
import dev.callsheet.support.Pages;
import dev.callsheet.support.Tenant;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Money keeps its currency (issue 26, point 7): two deals won in one week, one in NOK and one in EUR, give a KPI
 * report and a commission ledger with one total per currency and never a sum of the two; pages show each amount in
 * its currency for the viewer's locale.
 */
class MoneyPerCurrencyIntegrationTests extends IntegrationTest {

    private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");

    @Test
    void winsInNokAndEurAreTotalledPerCurrencyNeverMixed() throws Exception {
        Tenant tenant = Tenant.create(api, "Money AS");
        Tenant.User supervisor = user(tenant, "SUPERVISOR", "nb");
        Tenant.User english = user(tenant, "SUPERVISOR", "en");
        Tenant.User agent = tenant.user("AGENT");
        Tenant.User rep = tenant.user("REP");
        Api boss = api.as(supervisor);
        LocalDate monday = LocalDate.ofInstant(clock.instant().plus(Duration.ofDays(7)), ZoneOffset.UTC)
                .with(TemporalAdjusters.next(DayOfWeek.MONDAY));
        clock.set(monday.atTime(8, 0).toInstant(ZoneOffset.UTC));
        // The workspace counts its costs in kroner.
        assertThat(tenant.asAdmin().send("PUT", "/api/v1/workspace/costs", Map.of("hourlyCost", 300, "currency",
                "NOK")).status()).isEqualTo(200);
        assertThat(boss.send("PUT", "/api/v1/reps/" + rep.id() + "/calendar", Map.of("timeZone", "Europe/Oslo",
                "email", rep.username() + "@reps.test", "minNoticeMinutes", 0)).status()).isEqualTo(200);
        assertThat(boss.send("PUT", "/api/v1/commissions/rules", Map.of("items", List.of(Map.of(
                "percentOfAmount", 10, "agentSplit", 30, "repSplit", 70)))).status()).isEqualTo(200);
        Api.Response created = boss.post("/api/v1/projects", Map.of("name", "Solar " + System.nanoTime(),
                "direction", "OUTBOUND", "audience", "NEW_CUSTOMERS", "reviewCadence", "WEEKLY", "timeZone",
                "Europe/Oslo"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String project = created.json().get("id").asText();

        // The agent books a meeting with each of two leads; the rep wins one deal in NOK and one in EUR.
        Map<String, String> currencyOf = new LinkedHashMap<>();
        List<String> currencies = List.of("NOK", "EUR");
        List<Integer> amounts = List.of(10000, 1000);
        clock.set(monday.atTime(9, 0).toInstant(ZoneOffset.UTC));
        List<String> contacts = new java.util.ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Api.Response lead = boss.post("/api/v1/contacts", Map.of("firstName", "Lead", "surname",
                    "Money" + System.nanoTime(), "phone", "+47 22 " + (100000 + (int) (Math.random() * 899999)),
                    "country", "NO", "source", "WEB"));
            assertThat(lead.status()).as(lead.toString()).isEqualTo(201);
            contacts.add(lead.json().get("id").asText());
        }
        assertThat(boss.post("/api/v1/projects/" + project + "/leads", Map.of("contactIds", contacts)).json()
                .get("added").asInt()).isEqualTo(2);
        for (int i = 0; i < 2; i++) {
            clock.set(monday.atTime(9, i * 10).toInstant(ZoneOffset.UTC));
            Api.Response next = api.as(agent).post("/api/v1/projects/" + project + "/next", null);
            JsonNode lease = next.json();
            assertThat(lease.get("lead")).as(i + ": " + next).isNotNull();
            String contact = lease.get("lead").get("id").asText();
            clock.set(monday.atTime(9, i * 10 + 5).toInstant(ZoneOffset.UTC));
            assertThat(api.as(agent).post("/api/v1/attempts/" + lease.get("attemptId").asText() + "/outcome",
                    Map.of("outcome", "INTERESTED", "talkSeconds", 120, "qualification", Map.of("interest", 4,
                            "ability", 4, "willingness", 4))).status()).isEqualTo(200);
            Api.Response booked = api.as(agent).post("/api/v1/appointments", Map.of("leadId", contact, "start",
                    monday.plusDays(1).atTime(10 + 2 * i, 0).atZone(OSLO).toInstant().toString(), "repId", rep.id(),
                    "type", "PHONE", "attemptId", lease.get("attemptId").asText()));
            assertThat(booked.status()).as(booked.toString()).isEqualTo(201);
            String deal = dealOf(rep, contact);
            Api.Response changed = api.as(rep).patch("/api/v1/deals/" + deal, Map.of("amount", amounts.get(i),
                    "currency", currencies.get(i)));
            assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
            clock.set(monday.plusDays(1).atTime(14, i).toInstant(ZoneOffset.UTC));
            assertThat(api.as(rep).post("/api/v1/deals/" + deal + "/won", Map.of()).status()).isEqualTo(200);
            currencyOf.put(deal, currencies.get(i));
        }

        String week = "from=" + monday + "&to=" + monday.plusDays(6);
        JsonNode report = boss.get("/api/v1/reports/projects/" + project + "/kpis?" + week + "&groupBy=agent").json();
        assertThat(report.get("dealsWon").asLong()).isEqualTo(2);
        // Two currencies: no single revenue or commission figure (it would add kroner to euros) ...
        assertThat(report.get("revenue").isNull()).as(report.toString()).isTrue();
        assertThat(report.get("commission").isNull()).isTrue();
        // ... but one total per currency.
        assertThat(perCurrency(report.get("revenueByCurrency")))
                .containsExactly(Map.entry("EUR", "1000"), Map.entry("NOK", "10000"));
        assertThat(perCurrency(report.get("commissionByCurrency")))
                .containsExactly(Map.entry("EUR", "100"), Map.entry("NOK", "1000"));
        JsonNode agentRow = null;
        for (JsonNode row : report.get("rows")) {
            if (row.get("key").asText().equals(agent.id())) {
                agentRow = row;
            }
        }
        assertThat(agentRow).as(report.get("rows").toString()).isNotNull();
        assertThat(perCurrency(agentRow.get("revenueByCurrency")))
                .containsExactly(Map.entry("EUR", "1000"), Map.entry("NOK", "10000"));
        // 30 % of each pool to the agent, in the deal's currency
        assertThat(perCurrency(agentRow.get("commissionByCurrency")))
                .containsExactly(Map.entry("EUR", "30"), Map.entry("NOK", "300"));
        assertThat(report.get("costCurrency").asText()).isEqualTo("NOK");
        String csv = boss.get("/api/v1/reports/projects/" + project + "/kpis?" + week + "&format=csv").body();
        assertThat(csv).contains("revenueByCurrency,1000.00 EUR; 10000.00 NOK");

        // The ledger: lines in their own currency, totals per person and currency and for all, never mixed.
        JsonNode ledger = boss.get("/api/v1/commissions/ledger?userId=all&from=" + monday.toString().substring(0, 7)
                + "&to=" + monday.plusDays(1).toString().substring(0, 7)).json();
        assertThat(ledger.get("items")).hasSize(4);
        ledger.get("items").forEach(e -> assertThat(e.get("currency").asText())
                .isEqualTo(currencyOf.get(e.get("dealId").asText())));
        assertThat(perCurrency(ledger.get("byCurrency")))
                .containsExactly(Map.entry("EUR", "100"), Map.entry("NOK", "1000"));
        assertThat(ledger.get("totals")).hasSize(4);
        ledger.get("totals").forEach(t -> assertThat(t.get("currency").asText()).isIn("EUR", "NOK"));

        // Pages: in Norwegian the kroner read "kr 10 000,00", in English the euros "€1,000.00".
        String nb = spaces(Pages.signIn(port, supervisor).get("/reports/projects/" + project + "?" + week).body());
        assertThat(nb).contains("kr 10 000,00").contains("€ 1 000,00").doesNotContain("11 000");
        String en = spaces(Pages.signIn(port, english).get("/reports/projects/" + project + "?" + week).body());
        assertThat(en).contains("€1,000.00").contains("NOK10,000.00").doesNotContain("11,000");
        String commissions = spaces(Pages.signIn(port, english).get("/commissions?user=all&from="
                + monday.toString().substring(0, 7) + "&to=" + monday.plusDays(1).toString().substring(0, 7)).body());
        assertThat(commissions).contains("€100.00").contains("NOK1,000.00").contains("€30.00").contains("NOK700.00");
    }

    @Test
    void theWorkspaceCurrencyDefaultsFromItsCountryAndCanBeSet() {
        Tenant tenant = Tenant.create(api, "Krone AS");
        Api admin = tenant.asAdmin();
        assertThat(admin.get("/api/v1/workspace/costs").json().get("currency").asText()).isEqualTo("EUR");
        assertThat(admin.send("PUT", "/api/v1/workspace/costs", Map.of("hourlyCost", 450, "currency", "sek"))
                .json().get("currency").asText()).isEqualTo("SEK");
        Api.Response bad = admin.send("PUT", "/api/v1/workspace/costs", Map.of("hourlyCost", 450, "currency", "XX1"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("field").asText()).isEqualTo("currency");
        JsonNode costs = admin.get("/api/v1/workspace/costs").json();
        assertThat(costs.get("currency").asText()).isEqualTo("SEK");
        assertThat(costs.get("hourlyCost").decimalValue()).isEqualByComparingTo("450");
    }

    private Tenant.User user(Tenant tenant, String role, String locale) {
        String username = role.toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 8);
        String password = "pw-" + UUID.randomUUID();
        Api.Response created = tenant.asAdmin().post("/api/v1/users", Map.of("username", username, "password",
                password, "roles", List.of(role), "displayName", "Boss " + locale, "locale", locale));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return new Tenant.User(created.json().get("id").asText(), username, password);
    }

    /** Each currency's amount as plain text without trailing zeros, "1000" for 1000.00. */
    private static Map<String, String> perCurrency(JsonNode list) {
        Map<String, String> totals = new LinkedHashMap<>();
        assertThat(list).as("a list of {currency, amount}").isNotNull();
        list.forEach(m -> totals.put(m.get("currency").asText(),
                m.get("amount").decimalValue().stripTrailingZeros().toPlainString()));
        return totals;
    }

    /** Page text with every kind of space (no-break, narrow no-break) as a plain one. */
    private static String spaces(String html) {
        return html.replaceAll("[\\u00a0\\u202f\\u2009]", " ");
    }

    private String dealOf(Tenant.User rep, String contact) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            JsonNode items = api.as(rep).get("/api/v1/deals?contactId=" + contact).json().get("items");
            if (!items.isEmpty()) {
                return items.get(0).get("id").asText();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no deal opened for " + contact);
    }
}

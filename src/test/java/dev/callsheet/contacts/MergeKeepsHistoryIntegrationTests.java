package dev.callsheet.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.callsheet.support.Api;
import dev.callsheet.support.IntegrationTest;
import dev.callsheet.support.Tenant;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Issue #24 point 4: merging two cards of one client keeps everything either card had — each card was
 * called, booked and given a deal, one deal was won and paid commission — and all of it answers to the
 * card that lives on (docs/domain.md §3, §4).
 */
class MergeKeepsHistoryIntegrationTests extends IntegrationTest {

    private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");

    @Test
    void aMergeKeepsTheCallsMeetingsDealsAndCommissionsOfBothCards() throws InterruptedException {
        Tenant tenant = Tenant.create(api, "Merge History AS");
        Tenant.User agent = tenant.user("AGENT");
        Tenant.User rep = tenant.user("REP");
        Api boss = api.as(tenant.user("SUPERVISOR"));
        LocalDate monday = LocalDate.ofInstant(clock.instant().plus(Duration.ofDays(7)), ZoneOffset.UTC)
                .with(TemporalAdjusters.next(DayOfWeek.MONDAY));
        clock.set(monday.atTime(9, 0).toInstant(ZoneOffset.UTC));
        assertThat(boss.send("PUT", "/api/v1/reps/" + rep.id() + "/calendar", Map.of("timeZone", "Europe/Oslo",
                "email", rep.username() + "@reps.test", "minNoticeMinutes", 0)).status()).isEqualTo(200);
        assertThat(boss.send("PUT", "/api/v1/commissions/rules", Map.of("items", List.of(Map.of(
                "percentOfAmount", 10, "agentSplit", 30, "repSplit", 70)))).status()).isEqualTo(200);
        Api.Response project = boss.post("/api/v1/projects", Map.of("name", "Merge " + System.nanoTime(),
                "direction", "OUTBOUND", "audience", "NEW_CUSTOMERS", "reviewCadence", "WEEKLY",
                "timeZone", "Europe/Oslo"));
        assertThat(project.status()).as(project.toString()).isEqualTo(201);
        String projectId = project.json().get("id").asText();

        String kept = card(boss, "Per", "+47 22 41 10 01");
        String merged = card(boss, "Peder", "+47 22 41 10 02");
        assertThat(boss.post("/api/v1/projects/" + projectId + "/leads", Map.of("contactIds", List.of(kept, merged)))
                .json().get("added").asInt()).isEqualTo(2);

        // Each card is called, qualified and booked: two calls, two meetings, two deals.
        List<String> attempts = new ArrayList<>();
        List<String> meetings = new ArrayList<>();
        for (int hour = 10; hour <= 11; hour++) {
            Api.Response next = api.as(agent).post("/api/v1/projects/" + projectId + "/next", null);
            assertThat(next.status()).as(next.toString()).isEqualTo(200);
            JsonNode lease = next.json();
            String attempt = lease.get("attemptId").asText();
            String lead = lease.get("lead").get("id").asText();
            Api.Response outcome = api.as(agent).post("/api/v1/attempts/" + attempt + "/outcome", Map.of(
                    "outcome", "INTERESTED", "talkSeconds", 120,
                    "qualification", Map.of("interest", 4, "ability", 4, "willingness", 4)));
            assertThat(outcome.status()).as(outcome.toString()).isEqualTo(200);
            Api.Response booked = api.as(agent).post("/api/v1/appointments", Map.of("leadId", lead,
                    "start", monday.plusDays(1).atTime(hour, 0).atZone(OSLO).toInstant().toString(),
                    "repId", rep.id(), "type", "PHONE", "attemptId", attempt));
            assertThat(booked.status()).as(booked.toString()).isEqualTo(201);
            attempts.add(attempt);
            meetings.add(booked.json().get("id").asText());
        }
        String dealOfKept = dealOf(api.as(rep), kept);
        String dealOfMerged = dealOf(api.as(rep), merged);
        // The merged card's deal is won: its commission must survive the merge.
        clock.set(monday.plusDays(1).atTime(12, 0).toInstant(ZoneOffset.UTC));
        assertThat(api.as(rep).patch("/api/v1/deals/" + dealOfMerged, Map.of("amount", 10000, "currency", "NOK"))
                .status()).isEqualTo(200);
        assertThat(api.as(rep).post("/api/v1/deals/" + dealOfMerged + "/won", Map.of()).status()).isEqualTo(200);
        List<String> commissionsBefore = commissionDeals(boss);
        assertThat(commissionsBefore).contains(dealOfMerged);

        Api.Response merge = api.as(agent).post("/api/v1/contacts/" + kept + "/merge/" + merged, Map.of());
        assertThat(merge.status()).as(merge.toString()).isEqualTo(200);

        List<String> calls = new ArrayList<>();
        api.as(agent).get("/api/v1/contacts/" + kept + "/calls").json().get("items")
                .forEach(c -> calls.add(c.get("id").asText()));
        assertThat(calls).containsAll(attempts);
        List<String> meetingsOfKept = new ArrayList<>();
        boss.get("/api/v1/appointments?from=" + monday + "T00:00:00Z&to=" + monday.plusDays(7) + "T00:00:00Z")
                .json().get("items").forEach(m -> {
                    if (m.get("lead").get("id").asText().equals(kept)) {
                        meetingsOfKept.add(m.get("id").asText());
                    }
                });
        assertThat(meetingsOfKept).containsExactlyInAnyOrderElementsOf(meetings);
        List<String> deals = new ArrayList<>();
        api.as(rep).get("/api/v1/deals?contactId=" + kept).json().get("items")
                .forEach(d -> deals.add(d.get("id").asText()));
        assertThat(deals).containsExactlyInAnyOrder(dealOfKept, dealOfMerged);
        assertThat(commissionDeals(boss)).containsExactlyInAnyOrderElementsOf(commissionsBefore);
        assertThat(api.as(agent).get("/api/v1/contacts/" + kept + "/activities").body()).contains("MERGED");
    }

    private static String card(Api as, String firstName, String phone) {
        Api.Response created = as.post("/api/v1/contacts", Map.of("firstName", firstName, "surname", "Olsen",
                "phone", phone, "country", "NO", "source", "AGENT"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    /** The deal a booking opened (the hand-off runs after the booking's transaction). */
    private static String dealOf(Api rep, String contact) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(20);
        while (Instant.now().isBefore(deadline)) {
            JsonNode items = rep.get("/api/v1/deals?contactId=" + contact).json().get("items");
            if (items.size() > 0) {
                return items.get(0).get("id").asText();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no deal was opened for " + contact);
    }

    private static List<String> commissionDeals(Api boss) {
        List<String> deals = new ArrayList<>();
        boss.get("/api/v1/commissions/ledger?userId=all").json().get("items")
                .forEach(e -> deals.add(e.get("dealId").asText()));
        return deals;
    }
}

package dev.callsheet.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.callsheet.support.Api;
import dev.callsheet.support.IntegrationTest;
import dev.callsheet.support.Tenant;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Review reports fire on each project's cadence as the clock moves, once, and reach the supervisors with their charts. */
class ReviewsIntegrationTests extends IntegrationTest {

    @Autowired
    Reviews reviews;

    private Tenant tenant;
    private Tenant.User supervisor;
    private Tenant.User agent;
    private Api boss;
    private LocalDate monday;
    private String address;

    @BeforeEach
    void setUp() {
        tenant = Tenant.create(api, "Review AS");
        supervisor = tenant.user("SUPERVISOR");
        agent = tenant.user("AGENT");
        tenant.user("SUPERVISOR"); // no address: not a recipient
        address = supervisor.username() + "@reviews.test";
        Api.Response updated = tenant.asAdmin().patch("/api/v1/users/" + supervisor.id(), Map.of("email", address));
        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        assertThat(updated.json().get("email").asText()).isEqualTo(address);
        boss = api.as(supervisor);
        monday = LocalDate.ofInstant(clock.instant().plus(Duration.ofDays(7)), ZoneOffset.UTC)
                .with(TemporalAdjusters.next(DayOfWeek.MONDAY));
        // The hours below are written for Oslo in winter (UTC+1); the shared clock may have wandered into summer.
        java.time.ZoneId oslo = java.time.ZoneId.of("Europe/Oslo");
        while (oslo.getRules().getOffset(monday.atStartOfDay().toInstant(ZoneOffset.UTC)).getTotalSeconds() != 3600
                || oslo.getRules().getOffset(monday.plusDays(9).atStartOfDay().toInstant(ZoneOffset.UTC))
                        .getTotalSeconds() != 3600) {
            monday = monday.plusWeeks(1);
        }
        utc(monday, 9, 0);
    }

    private void utc(LocalDate day, int hour, int minute) {
        clock.set(day.atTime(hour, minute, 30).toInstant(ZoneOffset.UTC));
    }

    private String project(String cadence) {
        Api.Response created = boss.post("/api/v1/projects", Map.of("name", cadence + " review " + System.nanoTime(),
                "direction", "OUTBOUND", "audience", "NEW_CUSTOMERS", "reviewCadence", cadence,
                "timeZone", "Europe/Oslo"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    private void oneCall(String project) {
        Api.Response lead = boss.post("/api/v1/contacts", Map.of("firstName", "Lead", "surname", "R" + System.nanoTime(),
                "phone", "+47 22 " + (100000 + (int) (Math.random() * 899999)), "country", "NO"));
        boss.post("/api/v1/projects/" + project + "/leads", Map.of("contactIds", List.of(lead.json().get("id").asText())));
        JsonNode lease = api.as(agent).post("/api/v1/projects/" + project + "/next", null).json();
        assertThat(api.as(agent).post("/api/v1/attempts/" + lease.get("attemptId").asText() + "/outcome",
                Map.of("outcome", "NO_ANSWER")).status()).isEqualTo(200);
    }

    private JsonNode reviewsOf(String project) {
        Api.Response list = boss.get("/api/v1/reports/reviews?projectId=" + project);
        assertThat(list.status()).as(list.toString()).isEqualTo(200);
        return list.json().get("items");
    }

    @Test
    void aDailyReviewIsMadeOnceWhenTheDayEndsAndMailedWithItsCharts() throws Exception {
        String project = project("DAILY");
        oneCall(project);

        utc(monday, 22, 0); // 23:00 in Oslo: Monday has not ended
        reviews.runDue();
        assertThat(reviewsOf(project)).isEmpty();

        utc(monday, 23, 0); // just past midnight in Oslo
        reviews.runDue();
        reviews.runDue();
        JsonNode list = reviewsOf(project);
        assertThat(list).hasSize(1);
        JsonNode review = list.get(0);
        assertThat(review.get("periodLabel").asText()).isEqualTo(monday.toString());
        assertThat(review.get("figures").get("kpis").get("dials").asInt()).isEqualTo(1);
        assertThat(review.get("recipients").toString()).isEqualTo("[\"" + address + "\"]");

        List<MimeMessage> mail = mailTo(address, 1);
        assertThat(mail).hasSize(1);
        MimeMessage message = mail.get(0);
        assertThat(message.getSubject()).contains(review.get("project").asText()).contains(monday.toString());
        List<Part> images = new ArrayList<>();
        StringBuilder html = new StringBuilder();
        walk(message, images, html);
        assertThat(images).hasSize(4);
        for (Part image : images) {
            byte[] png = image.getInputStream().readAllBytes();
            assertThat(png).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
            String cid = ((jakarta.mail.internet.MimeBodyPart) image).getContentID().replaceAll("[<>]", "");
            assertThat(html).contains("cid:" + cid);
        }
        assertThat(html).contains("/reports/reviews/" + review.get("id").asText());

        // The supervisor notes the decisions; a note too long is a 400 naming the field.
        Api.Response decided = boss.send("PUT", "/api/v1/reports/reviews/" + review.get("id").asText() + "/decisions",
                Map.of("decisions", "Call the web leads before noon."));
        assertThat(decided.status()).as(decided.toString()).isEqualTo(200);
        assertThat(decided.json().get("decisions").asText()).isEqualTo("Call the web leads before noon.");
        assertThat(decided.json().get("decidedBy").asText()).isEqualTo("Test supervisor");
        Api.Response tooLong = boss.send("PUT", "/api/v1/reports/reviews/" + review.get("id").asText() + "/decisions",
                Map.of("decisions", "x".repeat(10_001)));
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.json().get("field").asText()).isEqualTo("decisions");

        // The next day's review comes the next midnight, not before.
        utc(monday.plusDays(1), 12, 0);
        reviews.runDue();
        assertThat(reviewsOf(project)).hasSize(1);
        utc(monday.plusDays(1), 23, 0);
        reviews.runDue();
        assertThat(reviewsOf(project)).hasSize(2);
        assertThat(mailTo(address, 2)).hasSize(2);
    }

    @Test
    void weeklyAndTwiceDailyReviewsFollowTheirOwnCadence() {
        String weekly = project("WEEKLY");
        String twice = project("TWICE_DAILY");

        utc(monday, 10, 0); // 11:00 in Oslo: the morning is not over
        reviews.runDue();
        assertThat(reviewsOf(twice)).isEmpty();
        utc(monday, 11, 0); // 12:00 in Oslo
        reviews.runDue();
        assertThat(reviewsOf(twice)).hasSize(1);
        assertThat(reviewsOf(twice).get(0).get("periodLabel").asText()).isEqualTo(monday + " 00:00–12:00");
        utc(monday, 23, 0);
        reviews.runDue();
        assertThat(reviewsOf(twice)).hasSize(2);
        assertThat(reviewsOf(weekly)).isEmpty();

        utc(monday.plusDays(6), 23, 0); // the next Monday, 00:00 in Oslo
        reviews.runDue();
        JsonNode week = reviewsOf(weekly);
        assertThat(week).hasSize(1);
        assertThat(week.get(0).get("periodLabel").asText()).isEqualTo(monday + " – " + monday.plusDays(6));
        assertThat(week.get(0).get("cadence").asText()).isEqualTo("WEEKLY");

        // A supervisor can make the latest one now; it is the same stored review, not a second.
        Api.Response made = boss.post("/api/v1/reports/projects/" + weekly + "/reviews", null);
        assertThat(made.status()).as(made.toString()).isEqualTo(200);
        assertThat(made.json().get("id").asText()).isEqualTo(week.get(0).get("id").asText());
        assertThat(api.as(agent).get("/api/v1/reports/reviews?projectId=" + weekly).status()).isEqualTo(403);
    }

    private static void walk(Part part, List<Part> images, StringBuilder html) throws Exception {
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                walk(child, images, html);
            }
        } else if (part.isMimeType("image/png")) {
            images.add(part);
        } else if (part.isMimeType("text/html")) {
            html.append(part.getContent());
        }
    }

}

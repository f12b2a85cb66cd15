package dev.callsheet.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.callsheet.support.Api;
import dev.callsheet.support.IntegrationTest;
import dev.callsheet.support.Tenant;
import jakarta.mail.internet.MimeMessage;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The lead's own link (issue 25.7), over HTTP as a browser without a session sends it: it confirms, moves and
 * cancels the meeting, is used up by a change, expires, is refused when forged, needs the form's CSRF token, speaks
 * the lead's language and is rate-limited.
 */
class LeadLinkIntegrationTests extends IntegrationTest {

    static final Pattern LINK = Pattern.compile("/meet/([A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+)");
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final Pattern SLOT = Pattern.compile("name=\"start\" value=\"([^\"]+)\"");
    private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");

    private static final java.util.concurrent.atomic.AtomicInteger ADDRESSES = new java.util.concurrent.atomic.AtomicInteger();

    private static Tenant tenant;
    private static Tenant.User supervisor;
    private static Tenant.User agent;
    private static String agentEmail;
    private Api boss;
    private LocalDate monday;

    @Autowired
    JdbcClient jdbc;

    @BeforeEach
    void setUp() {
        if (tenant == null) {
            tenant = Tenant.create(api, "Lead Link AS");
            supervisor = tenant.user("SUPERVISOR");
            agent = tenant.user("AGENT");
            agentEmail = agent.username() + "@agents.test";
            Api.Response patched = tenant.asAdmin().patch("/api/v1/users/" + agent.id(), Map.of("email", agentEmail));
            assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
        }
        boss = api.as(supervisor);
        monday = LocalDate.ofInstant(clock.instant().plus(Duration.ofDays(7)), ZoneOffset.UTC)
                .with(TemporalAdjusters.next(DayOfWeek.MONDAY));
        clock.set(monday.atTime(6, 0).toInstant(ZoneOffset.UTC));
    }

    /** A session of the lead's browser: its cookies, no redirects followed. */
    static final class Visitor {

        private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        private final String base;
        private final String language;
        private final String address;
        String csrf;

        Visitor(String base, String language, String address) {
            this.base = base;
            this.language = language;
            this.address = address;
        }

        HttpResponse<String> get(String path) throws Exception {
            HttpResponse<String> response = http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
            Matcher token = CSRF.matcher(response.body());
            if (token.find()) {
                csrf = token.group(1);
            }
            return response;
        }

        HttpResponse<String> post(String path, Map<String, String> fields) throws Exception {
            String body = fields.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                    + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
            return http.send(request(path).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> act(String path, Map<String, String> fields) throws Exception {
            Map<String, String> all = new LinkedHashMap<>(fields);
            all.put("_csrf", csrf);
            return post(path, all);
        }

        private HttpRequest.Builder request(String path) {
            return HttpRequest.newBuilder(URI.create(base + path)).header("Accept-Language", language)
                    .header("X-Forwarded-For", address);
        }
    }

    private Visitor visitor(String language) {
        int n = ADDRESSES.incrementAndGet();
        return new Visitor(baseUrl(), language, "198.51." + (100 + n / 250) + "." + (1 + n % 250));
    }

    private Tenant.User rep(String email) {
        Tenant.User rep = tenant.user("REP");
        Api.Response saved = boss.send("PUT", "/api/v1/reps/" + rep.id() + "/calendar", Map.of("timeZone",
                "Europe/Oslo", "email", email, "minNoticeMinutes", 0));
        assertThat(saved.status()).as(saved.toString()).isEqualTo(200);
        return rep;
    }

    /** Books a video meeting with an invite to the lead; returns its id and the link from the lead's e-mail. */
    private String[] book(Tenant.User rep, String leadEmail, Instant start) throws Exception {
        Api.Response lead = boss.post("/api/v1/contacts", Map.of("firstName", "Kari", "surname",
                "Nordmann" + System.nanoTime(), "phone", "+47 22 " + (10 + System.nanoTime() % 89) + " 45 67",
                "country", "NO", "email", leadEmail));
        assertThat(lead.status()).as(lead.toString()).isEqualTo(201);
        Api.Response booked = api.as(agent).post("/api/v1/appointments", Map.of("leadId",
                lead.json().get("id").asText(), "start", start.toString(), "type", "VIDEO", "repId", rep.id(),
                "inviteLead", true));
        assertThat(booked.status()).as(booked.toString()).isEqualTo(201);
        return new String[] {booked.json().get("id").asText(), link(leadEmail, 1)};
    }

    /** The link in the newest of at least {@code count} e-mails to the lead. */
    static String link(String email, int count) throws Exception {
        List<MimeMessage> mail = mailTo(email, count);
        assertThat(mail).hasSizeGreaterThanOrEqualTo(count);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        mail.get(mail.size() - 1).writeTo(out);
        String text = out.toString(StandardCharsets.UTF_8).replace("=\r\n", "").replace("=3D", "=");
        Matcher link = LINK.matcher(text);
        assertThat(link.find()).as(text).isTrue();
        return "/meet/" + link.group(1);
    }

    private Instant at(int day, String time) {
        return monday.plusDays(day).atTime(LocalTime.parse(time)).atZone(OSLO).toInstant();
    }

    private Map<String, Object> meeting(String id) {
        return jdbc.sql("SELECT starts_at, status, sequence, lead_confirmed_at FROM appointment WHERE id = ?::uuid")
                .param(id).query().singleRow();
    }

    @Test
    void theLeadConfirmsMovesAndCancelsThroughTheLinkAndTheRepAndTheAgentAreTold() throws Exception {
        String repEmail = "rep-" + UUID.randomUUID() + "@reps.test";
        Tenant.User rep = rep(repEmail);
        String leadEmail = "kari-" + UUID.randomUUID() + "@lead.test";
        String[] booked = book(rep, leadEmail, at(1, "10:00"));
        String id = booked[0];
        String link = booked[1];
        Visitor lead = visitor("en");

        HttpResponse<String> page = lead.get(link);
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        assertThat(page.body()).contains("Meeting with Test rep").contains("Europe/Oslo").contains("lead-confirm");
        List<String> offered = SLOT.matcher(page.body()).results().map(m -> m.group(1)).toList();
        assertThat(offered).contains(at(1, "11:00").toString()).doesNotContain(at(1, "10:00").toString(),
                at(1, "17:00").toString());

        // without the form's CSRF token nothing happens
        assertThat(lead.post(link + "/confirm", Map.of()).statusCode()).isEqualTo(403);
        assertThat(meeting(id).get("lead_confirmed_at")).isNull();

        HttpResponse<String> confirmed = lead.act(link + "/confirm", Map.of());
        assertThat(confirmed.statusCode()).isEqualTo(302);
        assertThat(confirmed.headers().firstValue("Location").orElseThrow()).endsWith(link + "?done=confirmed");
        assertThat(meeting(id).get("lead_confirmed_at")).isNotNull();
        assertThat(lead.get(link + "?done=confirmed").body()).contains("the meeting is confirmed")
                .contains("id=\"lead-confirmed\"").doesNotContain("id=\"lead-confirm\"");
        assertThat(mailTo(repEmail, 2).stream().map(LeadLinkIntegrationTests::subject))
                .anyMatch(s -> s.contains("confirmed the meeting"));
        assertThat(mailTo(agentEmail, 1).stream().map(LeadLinkIntegrationTests::subject))
                .anyMatch(s -> s.contains("confirmed the meeting"));

        // a move: the meeting moves, the old link is used up, the new page and the new e-mail carry a new one
        HttpResponse<String> moved = lead.act(link + "/move", Map.of("start", at(1, "11:00").toString()));
        assertThat(moved.statusCode()).as(moved.body()).isEqualTo(302);
        String next = moved.headers().firstValue("Location").orElseThrow().replaceAll("^https?://[^/]+", "")
                .replace("?done=moved", "");
        assertThat(next).isNotEqualTo(link).startsWith("/meet/");
        Map<String, Object> row = meeting(id);
        assertThat(((java.sql.Timestamp) row.get("starts_at")).toInstant()).isEqualTo(at(1, "11:00"));
        assertThat(row.get("sequence")).isEqualTo(1);
        assertThat(row.get("status")).isEqualTo("BOOKED");
        String mailed = link(leadEmail, 2);
        assertThat(lead.get(mailed).statusCode()).isEqualTo(200);
        HttpResponse<String> used = lead.get(link);
        assertThat(used.statusCode()).isEqualTo(410);
        assertThat(used.body()).contains("already been used").doesNotContain("lead-confirm");
        assertThat(lead.act(link + "/cancel", Map.of()).statusCode()).isEqualTo(410);
        assertThat(meeting(id).get("status")).isEqualTo("BOOKED");
        assertThat(mailTo(agentEmail, 2).stream().map(LeadLinkIntegrationTests::subject))
                .anyMatch(s -> s.contains("moved the meeting"));

        // a time that is not free is refused and the meeting stays
        lead.get(next);
        HttpResponse<String> taken = lead.act(next + "/move", Map.of("start", at(1, "19:00").toString()));
        assertThat(taken.statusCode()).isEqualTo(302);
        assertThat(lead.get(next).body()).contains("id=\"lead-problem\"");
        assertThat(meeting(id).get("sequence")).isEqualTo(1);

        HttpResponse<String> cancelled = lead.act(next + "/cancel", Map.of("reason", "found another supplier"));
        assertThat(cancelled.statusCode()).isEqualTo(302);
        assertThat(meeting(id).get("status")).isEqualTo("CANCELLED");
        HttpResponse<String> after = lead.get(next + "?done=cancelled");
        assertThat(after.statusCode()).isEqualTo(200);
        assertThat(after.body()).contains("The meeting has been cancelled.");
        assertThat(lead.get(next).body()).contains("This meeting is cancelled.");
        assertThat(mailTo(agentEmail, 3).stream().map(LeadLinkIntegrationTests::subject))
                .anyMatch(s -> s.contains("cancelled the meeting"));
        assertThat(jdbc.sql("SELECT cancel_reason FROM appointment WHERE id = ?::uuid").param(id).query(String.class)
                .single()).contains("found another supplier");
    }

    @Test
    void anExpiredOrForgedLinkIsRefusedInTheLeadsLanguage() throws Exception {
        Tenant.User rep = rep("rep-" + UUID.randomUUID() + "@reps.test");
        String leadEmail = "ola-" + UUID.randomUUID() + "@lead.test";
        String[] booked = book(rep, leadEmail, at(2, "14:00"));
        String link = booked[1];
        String token = link.substring("/meet/".length());
        Visitor lead = visitor("nb-NO,nb;q=0.9");
        assertThat(lead.get(link).statusCode()).isEqualTo(200);

        // a changed signature, a changed payload (another SEQUENCE), a cut one: not valid, and nothing happens
        String signature = token.substring(token.indexOf('.') + 1);
        String flipped = token.substring(0, token.indexOf('.') + 1) + (signature.charAt(0) == 'A' ? 'B' : 'A')
                + signature.substring(1);
        byte[] payload = Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.')));
        payload[19] ^= 1;
        String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(payload) + "." + signature;
        for (String bad : List.of(flipped, forged, token.substring(0, token.indexOf('.')), "nonsense")) {
            HttpResponse<String> refused = lead.get("/meet/" + bad);
            assertThat(refused.statusCode()).as(bad).isEqualTo(404);
            assertThat(refused.body()).contains("Denne lenken er ikke gyldig");
        }
        lead.get(link);
        assertThat(lead.act("/meet/" + flipped + "/cancel", Map.of()).statusCode()).isEqualTo(404);
        assertThat(meeting(booked[0]).get("status")).isEqualTo("BOOKED");

        // the meeting's start has passed: the link has expired
        clock.set(at(2, "14:00").plusSeconds(60));
        HttpResponse<String> expired = lead.get(link);
        assertThat(expired.statusCode()).isEqualTo(410);
        assertThat(expired.body()).contains("Denne lenken er utløpt");
        assertThat(visitor("ko").get(link).body()).contains("링크가 만료되었습니다");
    }

    @Test
    void tooManyRequestsFromOneAddressAreRefusedForAWhile() throws Exception {
        Visitor flood = visitor("en");
        int refusedAt = -1;
        for (int i = 0; i < 40 && refusedAt < 0; i++) {
            HttpResponse<String> response = flood.get("/meet/nothing.here");
            if (response.statusCode() == 429) {
                refusedAt = i;
                assertThat(response.body()).contains("Too many requests");
                assertThat(response.headers().firstValue("Retry-After")).isPresent();
            } else {
                assertThat(response.statusCode()).isEqualTo(404);
            }
        }
        assertThat(refusedAt).isEqualTo(30);
        assertThat(visitor("en").get("/meet/nothing.here").statusCode()).as("another address").isEqualTo(404);
        clock.set(clock.instant().plus(Duration.ofHours(2)));
        assertThat(flood.get("/meet/nothing.here").statusCode()).isEqualTo(404);
    }

    @Test
    void thePublicPathOpensNothingElse() throws Exception {
        Visitor stranger = visitor("en");
        for (String path : List.of("/meet", "/meet/", "/meet/a/b/c", "/calendar", "/calendar/settings")) {
            HttpResponse<String> response = stranger.get(path);
            assertThat(response.statusCode()).as(path).isIn(302, 404);
            if (response.statusCode() == 302) {
                assertThat(response.headers().firstValue("Location").orElseThrow()).as(path).endsWith("/login");
            }
        }
        assertThat(stranger.post("/meet/x.y/delete", Map.of()).statusCode()).isIn(302, 403);
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

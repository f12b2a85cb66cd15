package dev.callsheet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.callsheet.database.EmbeddedPostgresServer;
import dev.callsheet.dialing.QueueApiIntegrationTests;
import dev.callsheet.intake.internal.SpeedToLead;
import dev.callsheet.reporting.Reviews;
import dev.callsheet.scheduling.internal.Reminders;
import dev.callsheet.support.Api;
import dev.callsheet.support.IntegrationTest;
import dev.callsheet.support.MutableClock;
import dev.callsheet.support.Nginx;
import dev.callsheet.support.Tenant;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.test.util.ReflectionTestUtils;

/**
 * Two Callsheet instances on one PostgreSQL behind Debian's nginx, round robin, as an operator would run them:
 * the instances share nothing but the database. A person signed in through one is signed in through the other, a
 * lockout earned across both holds on both, a review, a meeting reminder and a speed-to-lead alert both instances
 * make at once are made (and mailed) once, and a lead both are asked for at once is leased once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoInstancesIntegrationTests extends IntegrationTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");

    @Autowired
    EmbeddedPostgresServer database;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Reviews reviews;

    @Autowired
    Reminders reminders;

    @Autowired
    ApplicationContext applicationContext;

    @Autowired
    SpeedToLead speedToLead;

    private ConfigurableApplicationContext second;
    private int secondPort;
    private Nginx proxy;
    private Tenant tenant;
    private String workspaceName;

    @BeforeAll
    void startSecondInstanceAndProxy() throws Exception {
        Path nginx = Nginx.find();
        Assumptions.assumeTrue(nginx != null,
                "nginx was not found (/usr/sbin/nginx or on the PATH): install Debian's nginx-light (.ci/test-tools"
                        + " does) to run the two-instance test");
        second = new SpringApplicationBuilder(Callsheet.class, IntegrationTest.TestClockConfiguration.class)
                // Command-line arguments outrank application.properties, as an operator's would.
                .run("--spring.datasource.url=" + database.jdbcUrl(),
                        "--spring.datasource.username=" + database.username(),
                        "--spring.datasource.password=" + database.password(),
                        "--server.port=0",
                        "--callsheet.bootstrap.admin-password=" + ADMIN_PASSWORD,
                        // uploads wait in one folder that every instance reads: a job may run on either
                        "--callsheet.imports.dir=" + applicationContext.getEnvironment().resolveRequiredPlaceholders(
                                "${callsheet.imports.dir:${callsheet.database.data-dir:./data}/imports}"),
                        "--spring.mail.host=localhost",
                        "--spring.mail.port=" + MAIL.getSmtp().getPort(),
                        "--callsheet.mail.poll=200ms",
                        "--callsheet.reports.review-poll=PT1H");
        secondPort = Integer.parseInt(second.getEnvironment().getProperty("local.server.port"));
        proxy = Nginx.start(nginx, port, secondPort);
        workspaceName = "Two Instances AS " + System.nanoTime();
        tenant = Tenant.create(new Api(proxy.port()), workspaceName);
        sameTime(clock.instant());
    }

    @AfterAll
    void stop() {
        if (proxy != null) {
            proxy.close();
        }
        if (second != null) {
            second.close();
        }
    }

    /** Both instances' clocks at one instant, as two servers synchronised by NTP would be. */
    private void sameTime(Instant instant) {
        clock.set(instant);
        second.getBean(MutableClock.class).set(instant);
    }

    // ------------------------------------------------------------------------------------------------ the tests

    @Test
    void aPersonSignedInThroughOneInstanceIsSignedInThroughTheOther() throws Exception {
        Tenant.User agent = tenant.user("AGENT");
        Page form = get(proxy.port(), "/login", null);
        assertThat(form.status()).isEqualTo(200);
        String cookie = form.session();
        assertThat(cookie).as("the sign-in form starts a session (for its CSRF token)").isNotNull();

        Page signedIn = post(proxy.port(), "/login", cookie, Map.of("username", agent.username(), "password",
                agent.password(), "_csrf", csrf(form)));
        assertThat(signedIn.status()).as(signedIn.toString()).isEqualTo(302);
        assertThat(signedIn.location()).doesNotContain("/login");
        assertThat(signedIn.upstream()).as("round robin: the form from one instance, the post to the other")
                .isNotEqualTo(form.upstream());
        cookie = signedIn.session() == null ? cookie : signedIn.session();
        assertThat(jdbc.sql("SELECT count(*) FROM spring_session WHERE principal_name = ?").param(agent.username())
                .query(Integer.class).single()).as("the session is in the database").isEqualTo(1);

        for (int instance : new int[] {port, secondPort}) {
            Page home = get(instance, "/", cookie);
            assertThat(home.status()).as("instance on port %d: %s", instance, home).isEqualTo(200);
            assertThat(home.body()).contains(workspaceName);
        }
        Set<String> upstreams = new HashSet<>();
        for (int i = 0; i < 4; i++) {
            Page home = get(proxy.port(), "/", cookie);
            assertThat(home.status()).as(home.toString()).isEqualTo(200);
            upstreams.add(home.upstream());
        }
        assertThat(upstreams).as("both instances answered through the proxy").hasSize(2);

        // signed out through one: signed out on both
        Page page = get(proxy.port(), "/", cookie);
        Page out = post(proxy.port(), "/logout", cookie, Map.of("_csrf", csrf(page)));
        assertThat(out.status()).as(out.toString()).isEqualTo(302);
        assertThat(out.location()).contains("/login?logout");
        for (int instance : new int[] {port, secondPort}) {
            Page home = get(instance, "/", cookie);
            assertThat(home.status()).isEqualTo(302);
            assertThat(home.location()).contains("/login");
        }
    }

    @Test
    void anExpiredSessionIsDeletedByTheCleanUpOfEitherInstance() {
        String id = UUID.randomUUID().toString();
        long past = System.currentTimeMillis() - Duration.ofHours(2).toMillis();
        jdbc.sql("""
                INSERT INTO spring_session (primary_id, session_id, creation_time, last_access_time, max_inactive_interval,
                  expiry_time, principal_name) VALUES (?, ?, ?, ?, 1800, ?, 'nobody')""")
                .params(id, UUID.randomUUID().toString(), past, past, past + Duration.ofMinutes(30).toMillis())
                .update();
        jdbc.sql("INSERT INTO spring_session_attributes VALUES (?, 'x', ?)").params(id, new byte[] {1}).update();

        second.getBean(JdbcIndexedSessionRepository.class).cleanUpExpiredSessions();

        assertThat(jdbc.sql("SELECT count(*) FROM spring_session WHERE primary_id = ?").param(id).query(Integer.class)
                .single()).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM spring_session_attributes WHERE session_primary_id = ?").param(id)
                .query(Integer.class).single()).isZero();
    }

    @Test
    void failuresThroughBothInstancesAddUpToOneLockoutThatHoldsOnBoth() throws Exception {
        // a fresh quarter of an hour, so that failures of earlier test classes from this address are out of the window
        sameTime(clock.instant().plus(Duration.ofDays(1)));
        Tenant.User victim = tenant.user("AGENT");
        Page form = get(port, "/login", null);
        String cookie = form.session();
        String token = csrf(form);

        int attempts = 0;
        List<String> answers = new ArrayList<>();
        while (attempts < 6) {
            int instance = attempts % 2 == 0 ? port : secondPort;
            Page failed = post(instance, "/login", cookie, Map.of("username", victim.username(), "password",
                    "wrong-" + attempts, "_csrf", token));
            attempts++;
            assertThat(failed.status()).as(failed.toString()).isEqualTo(302);
            answers.add(failed.location().substring(failed.location().indexOf("/login")));
            if (failed.location().endsWith("?locked")) {
                break;
            }
        }
        assertThat(answers).as("five failures, three on one instance and two on the other, lock the account")
                .containsExactly("/login?error", "/login?error", "/login?error", "/login?error", "/login?error",
                        "/login?locked");

        for (int instance : new int[] {port, secondPort, proxy.port()}) {
            Page right = post(instance, "/login", cookie, Map.of("username", victim.username(), "password",
                    victim.password(), "_csrf", token));
            assertThat(right.location()).as("the right password on port %d while locked", instance)
                    .endsWith("/login?locked");
        }
    }

    @Test
    void aReviewBothInstancesMakeAtOnceIsMadeAndMailedOnce() throws Exception {
        Tenant.User supervisor = tenant.user("SUPERVISOR");
        String address = supervisor.username() + "@reviews.test";
        Api admin = new Api(proxy.port()).as(tenant.admin());
        assertThat(admin.patch("/api/v1/users/" + supervisor.id(), Map.of("email", address)).status()).isEqualTo(200);
        LocalDate monday = LocalDate.ofInstant(clock.instant().plus(Duration.ofDays(14)), ZoneOffset.UTC)
                .with(TemporalAdjusters.next(DayOfWeek.MONDAY));
        sameTime(monday.atTime(9, 0).toInstant(ZoneOffset.UTC));
        Api.Response created = new Api(proxy.port()).as(supervisor).post("/api/v1/projects", Map.of("name",
                "Twice reviewed " + System.nanoTime(), "direction", "OUTBOUND", "audience", "NEW_CUSTOMERS",
                "reviewCadence", "DAILY", "timeZone", "Europe/Oslo"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String project = created.json().get("id").asText();

        sameTime(monday.atTime(23, 0, 30).toInstant(ZoneOffset.UTC)); // just past midnight in Oslo
        Reviews other = second.getBean(Reviews.class);
        together(List.of(reviews::runDue, other::runDue));

        assertThat(jdbc.sql("SELECT count(*) FROM report_review WHERE project_id = ?::uuid").param(project)
                .query(Integer.class).single()).isEqualTo(1);
        assertThat(mailTo(address, 1)).hasSize(1);
        Thread.sleep(1_000); // both instances' mail workers poll every 200 ms
        assertThat(mailTo(address, 1)).as("mailed once").hasSize(1);
        assertThat(jdbc.sql("SELECT count(*) FROM mail_message WHERE recipient = ?").param(address)
                .query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void theNightlyRefitFiredOnBothInstancesRunsOnOneAndHoldsItsLockForTenMinutes() throws Exception {
        Object here = applicationContext.getBean("modelRefit");
        Object there = second.getBean("modelRefit");
        assertThat(AopUtils.isAopProxy(there)).as("the job is guarded").isTrue();
        together(List.<Callable<Object>>of(() -> ReflectionTestUtils.invokeMethod(here, "nightly"),
                () -> ReflectionTestUtils.invokeMethod(there, "nightly")));
        Map<String, Object> lock = jdbc.sql("""
                SELECT locked_at, lock_until, lock_until - locked_at >= interval '10 minutes' AS held
                FROM shedlock WHERE name = 'deals-model-refit'""").query().singleRow();
        assertThat(lock.get("held")).as("held for at least ten minutes: %s", lock).isEqualTo(true);

        ReflectionTestUtils.invokeMethod(there, "nightly"); // a late clock firing again within the ten minutes
        assertThat(jdbc.sql("SELECT locked_at FROM shedlock WHERE name = 'deals-model-refit'").query().singleValue())
                .as("the second firing was skipped").isEqualTo(lock.get("locked_at"));
    }

    @Test
    void filesUploadedThroughEitherInstanceAreImportedWhicheverInstanceRunsTheJob() throws Exception {
        Api agent = new Api(proxy.port()).as(tenant.user("AGENT"));
        Set<String> received = new HashSet<>();
        List<String> jobs = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String csv = "first name;surname;phone\nUp;Load" + i + ";+47 23 " + (200000 + i * 7919 % 99999) + "\n";
            Api.Response started = agent.upload("/api/v1/imports", "up" + i + ".csv", csv.getBytes(StandardCharsets.UTF_8),
                    Map.of("country", "NO", "onDuplicate", "FLAG"));
            assertThat(started.status()).as(started.toString()).isEqualTo(202);
            received.add(started.header("X-Upstream"));
            jobs.add(started.json().get("id").asText());
        }
        assertThat(received).as("uploads reached both instances").hasSize(2);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        for (String job : jobs) {
            String state;
            do {
                Thread.sleep(100);
                state = agent.get("/api/v1/imports/" + job).json().get("status").asText();
            } while (!state.equals("DONE") && !state.equals("FAILED") && System.nanoTime() < deadline);
            assertThat(state).as("job %s", job).isEqualTo("DONE");
        }
    }

    @Test
    void aLeadBothInstancesAreAskedForAtOnceIsLeasedOnce() throws Exception {
        Tenant.User supervisor = tenant.user("SUPERVISOR");
        Api boss = new Api(proxy.port()).as(supervisor);
        String project = boss.post("/api/v1/projects", Map.of("name", "One lead " + System.nanoTime(),
                "callingHours", QueueApiIntegrationTests.allDay())).json().get("id").asText();
        Api.Response lead = boss.post("/api/v1/contacts", Map.of("firstName", "Only", "surname", "Lead" + System.nanoTime(),
                "phone", "+47 22 " + (100000 + (int) (Math.random() * 899999)), "country", "NO"));
        assertThat(lead.status()).as(lead.toString()).isEqualTo(201);
        Api.Response added = boss.post("/api/v1/projects/" + project + "/leads",
                Map.of("contactIds", List.of(lead.json().get("id").asText())));
        assertThat(added.status()).as(added.toString()).isIn(200, 201);

        List<Api> agents = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            agents.add(new Api(proxy.port()).as(tenant.user("AGENT")));
        }
        List<Callable<Api.Response>> asks = agents.stream()
                .<Callable<Api.Response>>map(agent -> () -> agent.post("/api/v1/projects/" + project + "/next", null))
                .toList();
        List<Api.Response> answers = together(asks);

        Map<Integer, Long> byStatus = answers.stream().collect(Collectors.groupingBy(Api.Response::status,
                LinkedHashMap::new, Collectors.counting()));
        assertThat(byStatus).as(answers.toString()).isEqualTo(Map.of(200, 1L, 204, 5L));
        assertThat(answers.stream().map(a -> a.header("X-Upstream")).distinct().count())
                .as("both instances were asked").isEqualTo(2);
        assertThat(answers).as("the API stays stateless: no session cookie")
                .allSatisfy(a -> assertThat(a.header("Set-Cookie")).isNull());
        assertThat(jdbc.sql("SELECT count(*) FROM call_attempt WHERE project_id = ?::uuid").param(project)
                .query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void aReminderBothInstancesSendAtOnceIsQueuedOnce() throws Exception {
        Tenant.User supervisor = tenant.user("SUPERVISOR");
        Api boss = new Api(proxy.port()).as(supervisor);
        Tenant.User rep = tenant.user("REP");
        String repEmail = rep.username() + "@reps.test";
        Api.Response calendar = boss.send("PUT", "/api/v1/reps/" + rep.id() + "/calendar",
                Map.of("timeZone", "Europe/Oslo", "email", repEmail, "minNoticeMinutes", 0));
        assertThat(calendar.status()).as(calendar.toString()).isEqualTo(200);
        LocalDate monday = LocalDate.ofInstant(clock.instant().plus(Duration.ofDays(14)), ZoneOffset.UTC)
                .with(TemporalAdjusters.next(DayOfWeek.MONDAY));
        sameTime(monday.atTime(6, 0).toInstant(ZoneOffset.UTC));
        Api.Response lead = boss.post("/api/v1/contacts", Map.of("firstName", "Remind", "surname", "Me" + System.nanoTime(),
                "phone", "+47 22 " + (100000 + (int) (Math.random() * 899999)), "country", "NO"));
        Instant start = monday.plusDays(1).atTime(10, 0).atZone(OSLO).toInstant();
        Api.Response booked = new Api(proxy.port()).as(tenant.user("AGENT")).post("/api/v1/appointments", Map.of(
                "leadId", lead.json().get("id").asText(), "start", start.toString(), "repId", rep.id(), "type", "PHONE"));
        assertThat(booked.status()).as(booked.toString()).isEqualTo(201);

        sameTime(start.minus(Duration.ofHours(20))); // within the 24 hours before the meeting
        Reminders other = second.getBean(Reminders.class);
        together(List.of(reminders::remindDue, other::remindDue));

        assertThat(jdbc.sql("SELECT count(*) FROM mail_message WHERE recipient = ? AND kind = 'REMINDER'")
                .param(repEmail).query(Integer.class).single()).as("one reminder").isEqualTo(1);
        assertThat(mailTo(repEmail, 2)).as("the invite and one reminder").hasSize(2);
    }

    @Test
    void aSpeedToLeadAlertBothInstancesRaiseAtOnceIsRaisedOnce() throws Exception {
        Tenant.User supervisor = tenant.user("SUPERVISOR");
        Api boss = new Api(proxy.port()).as(supervisor);
        Tenant.User owner = tenant.user("REP");
        String ownerEmail = "owner." + System.nanoTime() + "@fjordbygg.no";
        Api admin = new Api(proxy.port()).as(tenant.admin());
        assertThat(admin.patch("/api/v1/users/" + owner.id(), Map.of("email", ownerEmail)).status()).isEqualTo(200);
        LocalDate monday = LocalDate.ofInstant(clock.instant().plus(Duration.ofDays(14)), ZoneOffset.UTC)
                .with(TemporalAdjusters.next(DayOfWeek.MONDAY));
        Instant routed = monday.atTime(9, 10).atZone(OSLO).toInstant();
        sameTime(routed);
        Api.Response roster = boss.send("PUT", "/api/v1/duty/roster", Map.of("items", List.of(Map.of("weekday",
                "MONDAY", "from", "08:00", "to", "17:00", "userId", owner.id(), "timeZone", "Europe/Oslo"))));
        assertThat(roster.status()).as(roster.toString()).isEqualTo(200);
        HttpResponse<String> posted = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + proxy.port()
                + "/api/v1/public/" + tenant.key() + "/leads")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Slow Lead\",\"email\":\"slow"
                        + System.nanoTime() + "@lead.no\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(posted.statusCode()).as(posted.body()).isIn(200, 201, 202);

        sameTime(routed.plus(Duration.ofMinutes(6)));
        SpeedToLead other = second.getBean(SpeedToLead.class);
        together(List.of(speedToLead::check, other::check));

        assertThat(jdbc.sql("SELECT count(*) FROM intake_task WHERE assignee_id = ?::uuid AND kind = 'SPEED_TO_LEAD'")
                .param(owner.id()).query(Integer.class).single()).as("one alert task").isEqualTo(1);
        assertThat(jdbc.sql("SELECT count(*) FROM mail_message WHERE recipient = ? AND kind = 'SPEED_TO_LEAD'")
                .param(ownerEmail).query(Integer.class).single()).as("one alert e-mail").isEqualTo(1);
        assertThat(mailTo(ownerEmail, 1)).hasSize(1);
    }

    // ------------------------------------------------------------------------------------------------ helpers

    /** Runs the calls at the same moment, one thread each, and returns their results in order. */
    private static <T> List<T> together(List<Callable<T>> calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(calls.size());
        try {
            CountDownLatch ready = new CountDownLatch(calls.size());
            CountDownLatch go = new CountDownLatch(1);
            List<Future<T>> running = new ArrayList<>();
            for (Callable<T> call : calls) {
                running.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    return call.call();
                }));
            }
            ready.await();
            go.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> result : running) {
                results.add(result.get());
            }
            return results;
        } finally {
            pool.shutdown();
        }
    }

    /** A page response: status, body, where it redirects, which instance answered, and a new session cookie. */
    private record Page(int status, String body, String location, String upstream, String session) {

        @Override
        public String toString() {
            return status + " from " + upstream + (location == null ? "" : " to " + location);
        }
    }

    private static String csrf(Page page) {
        Matcher token = CSRF.matcher(page.body());
        assertThat(token.find()).as("a CSRF token in the page").isTrue();
        return token.group(1);
    }

    private static Page get(int port, String path, String cookie) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET(), cookie);
    }

    private static Page post(int port, String path, String cookie, Map<String, String> form)
            throws IOException, InterruptedException {
        String body = form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)), cookie);
    }

    private static Page send(HttpRequest.Builder request, String cookie) throws IOException, InterruptedException {
        request.header("Accept", "text/html");
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        String session = response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("SESSION="))
                .map(c -> c.substring(0, c.indexOf(';') < 0 ? c.length() : c.indexOf(';'))).findFirst().orElse(null);
        return new Page(response.statusCode(), response.body(), response.headers().firstValue("Location").orElse(null),
                response.headers().firstValue("X-Upstream").orElse("direct"), session);
    }
}

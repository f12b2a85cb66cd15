package dev.callsheet.dialing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.callsheet.Callsheet;
import dev.callsheet.database.EmbeddedPostgresServer;
import dev.callsheet.support.Api;
import dev.callsheet.support.IntegrationTest;
import dev.callsheet.support.MutableClock;
import dev.callsheet.support.Tenant;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Two Callsheet instances on one database, 50 agents asking for leads at once, half on each:
 * every lead is granted to exactly one agent. The instances share nothing but PostgreSQL.
 */
class QueueConcurrencyIntegrationTests extends IntegrationTest {

    private static final int LEADS = 300;
    private static final int AGENTS = 50;

    @Autowired
    EmbeddedPostgresServer database;

    @Autowired
    JdbcClient jdbc;

    @Test
    void fiftyAgentsOnTwoInstancesNeverShareALead() throws Exception {
        Tenant tenant = Tenant.create(api, "Concurrency AS");
        Tenant.User supervisor = tenant.user("SUPERVISOR");
        Api boss = api.as(supervisor);
        StringBuilder csv = new StringBuilder("first name;surname;phone\n");
        for (int i = 0; i < LEADS; i++) {
            csv.append("Lead;Number").append(i).append(";+47 23 ").append(String.format("%06d", 100_000 + i)).append('\n');
        }
        String importId = boss.upload("/api/v1/imports", "leads.csv", csv.toString().getBytes(StandardCharsets.UTF_8),
                Map.of("country", "NO", "onDuplicate", "FLAG")).json().get("id").asText();
        waitForImport(boss, importId);
        String project = boss.post("/api/v1/projects", Map.of("name", "Race", "callingHours",
                QueueApiIntegrationTests.allDay())).json().get("id").asText();
        Api.Response added = boss.post("/api/v1/projects/" + project + "/leads", Map.of("importId", importId));
        assertThat(added.json().get("added").asInt()).as(added + " " + boss.get("/api/v1/imports/" + importId).body())
                .isEqualTo(LEADS);

        List<String> tokens = agentTokens(tenant);
        try (ConfigurableApplicationContext second = secondInstance()) {
            second.getBean(MutableClock.class).set(clock.instant());
            int secondPort = Integer.parseInt(second.getEnvironment().getProperty("local.server.port"));
            List<Api> agents = new ArrayList<>();
            for (int i = 0; i < AGENTS; i++) {
                agents.add(new Api(i % 2 == 0 ? port : secondPort).withToken(tokens.get(i)));
            }

            Map<String, String> grantedTo = new ConcurrentHashMap<>();
            List<String> doubles = new CopyOnWriteArrayList<>();
            AtomicInteger grants = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(AGENTS);
            List<Future<?>> running = new ArrayList<>();
            for (int i = 0; i < AGENTS; i++) {
                Api agent = agents.get(i);
                String name = "agent-" + i;
                running.add(pool.submit(() -> {
                    while (true) {
                        Api.Response next = agent.post("/api/v1/projects/" + project + "/next", null);
                        if (next.status() == 204) {
                            return null;
                        }
                        assertThat(next.status()).as(next.toString()).isEqualTo(200);
                        JsonNode lease = next.json();
                        grants.incrementAndGet();
                        String previous = grantedTo.putIfAbsent(lease.get("lead").get("id").asText(), name);
                        if (previous != null) {
                            doubles.add(lease.get("lead").get("id").asText() + " to " + previous + " and " + name);
                        }
                        Api.Response outcome = agent.post("/api/v1/attempts/" + lease.get("attemptId").asText()
                                + "/outcome", Map.of("outcome", "NO_ANSWER"));
                        assertThat(outcome.status()).as(outcome.toString()).isEqualTo(200);
                    }
                }));
            }
            for (Future<?> agent : running) {
                agent.get();
            }
            pool.shutdown();

            assertThat(doubles).isEmpty();
            assertThat(grants.get()).isEqualTo(LEADS);
            assertThat(grantedTo).hasSize(LEADS);
            assertThat(jdbc.sql("SELECT count(*) FROM call_attempt WHERE project_id = ?::uuid").params(project)
                    .query(Integer.class).single()).isEqualTo(LEADS);
            assertThat(grantedTo.values().stream().distinct().count()).as("the work was shared").isGreaterThan(10);
        }
    }

    /** Fifty agents with a personal token each, made four at a time (each costs two bcrypt rounds). */
    private List<String> agentTokens(Tenant tenant) throws Exception {
        String adminToken = tenant.asAdmin().post("/api/v1/me/tokens", Map.of("name", "setup")).json().get("token")
                .asText();
        Api admin = new Api(port).withToken(adminToken);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<String>> made = new ArrayList<>();
        for (int i = 0; i < AGENTS; i++) {
            String username = "racer-" + i + "-" + System.nanoTime();
            made.add(pool.submit(() -> {
                String password = "pw-" + java.util.UUID.randomUUID();
                Api.Response user = admin.post("/api/v1/users", Map.of("username", username, "password", password,
                        "roles", List.of("AGENT"), "displayName", username));
                assertThat(user.status()).as(user.toString()).isEqualTo(201);
                return api.as(username, password).post("/api/v1/me/tokens", Map.of("name", "race")).json().get("token")
                        .asText();
            }));
        }
        List<String> tokens = new ArrayList<>();
        for (Future<String> token : made) {
            tokens.add(token.get());
        }
        pool.shutdown();
        return tokens;
    }

    private ConfigurableApplicationContext secondInstance() {
        // Command-line arguments: they outrank application.properties, as an operator's would.
        return new SpringApplicationBuilder(Callsheet.class, IntegrationTest.TestClockConfiguration.class)
                .run("--spring.datasource.url=" + database.jdbcUrl(),
                        "--spring.datasource.username=" + database.username(),
                        "--spring.datasource.password=" + database.password(),
                        "--server.port=0",
                        "--callsheet.bootstrap.admin-password=" + ADMIN_PASSWORD);
    }

    private static void waitForImport(Api who, String id) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            String state = who.get("/api/v1/imports/" + id).json().get("status").asText();
            if (state.equals("DONE")) {
                return;
            }
            assertThat(state).isNotEqualTo("FAILED");
            Thread.sleep(200);
        }
        throw new AssertionError("import " + id + " did not finish");
    }
}

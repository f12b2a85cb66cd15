package dev.callsheet.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.callsheet.support.Api;
import dev.callsheet.support.IntegrationTest;
import dev.callsheet.support.Tenant;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.junit.jupiter.api.Test;

class ApiSecurityIntegrationTests extends IntegrationTest {

    @Autowired
    private JdbcClient jdbc;

    private Tenant tenant;

    @BeforeEach
    void tenant() {
        if (tenant == null) {
            tenant = Tenant.create(api, "Security Test AS");
        }
    }

    @Test
    void anonymousApiCallIsA401Problem() {
        Api.Response response = api.get("/api/v1/me");

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().get("status").asInt()).isEqualTo(401);
        assertThat(response.json().get("detail").asText()).contains("Authentication required");
    }

    @Test
    void basicAuthShowsWhoIAm() {
        Tenant.User agent = tenant.user("AGENT", "REP");

        Api.Response me = api.as(agent).get("/api/v1/me");

        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().get("username").asText()).isEqualTo(agent.username());
        assertThat(me.json().get("workspace").asText()).isEqualTo("Security Test AS");
        assertThat(me.json().get("workspaceKey").asText()).isEqualTo(tenant.key());
        assertThat(me.json().get("roles").toString()).isEqualTo("[\"AGENT\",\"REP\"]");
        assertThat(me.json().get("locale").asText()).isEqualTo("en");
        assertThat(me.json().get("timeZone").asText()).isEqualTo("UTC");
    }

    @Test
    void wrongPasswordIsA401() {
        Tenant.User agent = tenant.user("AGENT");

        assertThat(api.as(agent.username(), "not-the-password").get("/api/v1/me").status()).isEqualTo(401);
    }

    @Test
    void agentOnAnAdminEndpointIsA403Problem() {
        Tenant.User agent = tenant.user("AGENT");

        Api.Response response = api.as(agent).post("/api/v1/users", Map.of("username", "someone"));

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(api.as(agent).get("/api/v1/users").status()).isEqualTo(403);
    }

    @Test
    void onlyThePlatformAdminCreatesWorkspaces() {
        Api.Response byWorkspaceAdmin = tenant.asAdmin().post("/api/v1/workspaces",
                Map.of("name", "Sneaky", "adminUsername", "sneaky-admin", "adminPassword", "long-enough-pw"));

        assertThat(byWorkspaceAdmin.status()).isEqualTo(403);
    }

    @Test
    void personalTokenWorksUntilRevoked() {
        Tenant.User rep = tenant.user("REP");
        Api.Response created = api.as(rep).post("/api/v1/me/tokens", Map.of("name", "CRM sync"));
        assertThat(created.status()).isEqualTo(201);
        String token = created.json().get("token").asText();
        assertThat(token).startsWith("cs_");

        assertThat(api.withToken(token).get("/api/v1/me").json().get("username").asText()).isEqualTo(rep.username());
        Api.Response listed = api.as(rep).get("/api/v1/me/tokens");
        assertThat(listed.body()).contains("CRM sync").doesNotContain(token);

        String id = created.json().get("id").asText();
        assertThat(api.as(rep).delete("/api/v1/me/tokens/" + id).status()).isEqualTo(204);
        assertThat(api.withToken(token).get("/api/v1/me").status()).isEqualTo(401);
        assertThat(api.withToken("cs_made-up").get("/api/v1/me").status()).isEqualTo(401);
    }

    @Test
    void tokenActsInItsOwnWorkspaceWithThatWorkspacesRolesAndRecordsItsUseOnceAMinute() {
        Tenant other = Tenant.create(api, "Security Second AS");
        Tenant.User person = tenant.user("AGENT");
        jdbc.sql("INSERT INTO membership (workspace_id, user_id, roles) VALUES (?::uuid, ?::uuid, '{SUPERVISOR}')")
                .params(other.id(), person.id()).update();
        jdbc.sql("UPDATE app_user SET current_workspace_id = ?::uuid WHERE id = ?::uuid")
                .params(other.id(), person.id()).update();
        String token = api.as(person).post("/api/v1/me/tokens", Map.of("name", "dialler")).json().get("token").asText();

        // the password sign-in acts in the last used workspace; the token in the one it was made in
        assertThat(api.as(person).get("/api/v1/me").json().get("workspace").asText()).isEqualTo("Security Second AS");
        Api.Response me = api.withToken(token).get("/api/v1/me");
        assertThat(me.json().get("workspace").asText()).isEqualTo("Security Second AS");
        assertThat(me.json().get("roles").toString()).isEqualTo("[\"SUPERVISOR\"]");

        String firstUse = lastUsed(person);
        assertThat(firstUse).isNotNull();
        clock.advance(Duration.ofSeconds(30));
        api.withToken(token).get("/api/v1/me");
        assertThat(lastUsed(person)).isEqualTo(firstUse);
        clock.advance(Duration.ofSeconds(31));
        api.withToken(token).get("/api/v1/me");
        assertThat(lastUsed(person)).isNotEqualTo(firstUse);

        jdbc.sql("UPDATE membership SET active = false WHERE workspace_id = ?::uuid AND user_id = ?::uuid")
                .params(other.id(), person.id()).update();
        assertThat(api.withToken(token).get("/api/v1/me").status()).isEqualTo(401);
        assertThat(api.as(person).get("/api/v1/me").json().get("workspace").asText()).isEqualTo("Security Test AS");
    }

    private String lastUsed(Tenant.User person) {
        return jdbc.sql("SELECT last_used_at::text FROM api_token WHERE user_id = ?::uuid").params(person.id())
                .query(String.class).single();
    }

    @Test
    void tokenOfADeactivatedMemberStopsWorking() {
        Tenant.User agent = tenant.user("AGENT");
        String token = api.as(agent).post("/api/v1/me/tokens", Map.of("name", "script")).json().get("token").asText();

        tenant.asAdmin().post("/api/v1/users/" + agent.id() + "/deactivate", null);

        assertThat(api.withToken(token).get("/api/v1/me").status()).isEqualTo(401);
        assertThat(api.as(agent).get("/api/v1/me").status()).isEqualTo(401);
        tenant.asAdmin().post("/api/v1/users/" + agent.id() + "/activate", null);
        assertThat(api.as(agent).get("/api/v1/me").status()).isEqualTo(200);
    }

    @Test
    void repeatedWrongPasswordsLockTheAccountForAWhile() {
        Tenant.User agent = tenant.user("AGENT");
        for (int i = 0; i < 5; i++) {
            assertThat(api.as(agent.username(), "guess-" + i).get("/api/v1/me").status()).isEqualTo(401);
        }

        Api.Response locked = api.as(agent).get("/api/v1/me");
        assertThat(locked.status()).isEqualTo(429);
        assertThat(locked.header("Retry-After")).isNotNull();

        clock.advance(Duration.ofMinutes(2));
        assertThat(api.as(agent).get("/api/v1/me").status()).isEqualTo(200);
    }

    /** GET /api/v1/me signed in as a reverse proxy (127.0.0.1, trusted in tests) forwards it from {@code client}. */
    private int me(String username, String password, String client) throws Exception {
        java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + port + "/api/v1/me"))
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                        (username + ":" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .header("X-Forwarded-For", client).GET().build();
        return HTTP.send(request, java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static final java.net.http.HttpClient HTTP = java.net.http.HttpClient.newHttpClient();

    @Test
    void fiftyFailedSignInsFromOneClientBehindTheProxyLockOutNobodyOfAnotherWorkspace() throws Exception {
        Tenant neighbours = Tenant.create(api, "Security Neighbour AS");
        Tenant.User neighbour = neighbours.user("AGENT");
        Tenant.User colleague = tenant.user("AGENT");
        String guesser = "203.0.113." + (1 + (int) (Math.random() * 250));

        // unknown usernames count in a bucket of their own
        for (int i = 0; i < 50; i++) {
            assertThat(me("nobody-" + i + "-" + System.nanoTime(), "guess", guesser)).isEqualTo(401);
        }
        assertThat(me(colleague.username(), colleague.password(), guesser)).isEqualTo(200);
        // fifty failures against this workspace's accounts, five each, from one client behind the proxy
        for (int u = 0; u < 10; u++) {
            Tenant.User target = tenant.user("AGENT");
            for (int i = 0; i < 5; i++) {
                assertThat(me(target.username(), "guess-" + i, guesser)).isEqualTo(401);
            }
        }

        // that client is stopped in this workspace, the right password included...
        assertThat(me(colleague.username(), colleague.password(), guesser)).isEqualTo(429);
        assertThat(me("nobody-else", "guess", guesser)).isEqualTo(429);
        // ...but the colleague signs in from anywhere else, and the other workspace's people from that very client
        assertThat(me(colleague.username(), colleague.password(), "198.51.100.23")).isEqualTo(200);
        assertThat(me(neighbour.username(), neighbour.password(), guesser)).isEqualTo(200);
        // the address's bucket fills again: 50 per 15 minutes, one every 18 s
        clock.advance(Duration.ofSeconds(18));
        assertThat(me(colleague.username(), colleague.password(), guesser)).isEqualTo(200);
    }

    @Test
    void anAccountsLockHoldsFromEveryAddressAndTheRightPasswordClearsIt() throws Exception {
        Tenant.User agent = tenant.user("AGENT");
        for (int i = 0; i < 5; i++) {
            assertThat(me(agent.username(), "guess-" + i, "198.51.100." + (i + 1))).isEqualTo(401);
        }

        assertThat(me(agent.username(), agent.password(), "192.0.2.99")).isEqualTo(429);
        assertThat(api.as(agent).get("/api/v1/me").status()).isEqualTo(429);
        clock.advance(Duration.ofMinutes(1)); // one attempt back a minute
        assertThat(me(agent.username(), agent.password(), "192.0.2.99")).isEqualTo(200);
        // the success forgot the failures: five wrong ones are allowed again before the next lock
        for (int i = 0; i < 5; i++) {
            assertThat(me(agent.username(), "again-" + i, "192.0.2.99")).isEqualTo(401);
        }
        assertThat(me(agent.username(), agent.password(), "192.0.2.99")).isEqualTo(429);
    }

    @Test
    void healthIsPublicAndMetricsAreForAdmins() {
        assertThat(api.get("/actuator/health").status()).isEqualTo(200);
        assertThat(api.get("/actuator/health").json().get("status").asText()).isEqualTo("UP");
        assertThat(api.get("/actuator/prometheus").status()).isEqualTo(401);
        assertThat(api.as(tenant.user("SUPERVISOR")).get("/actuator/prometheus").status()).isEqualTo(403);
        Api.Response metrics = tenant.asAdmin().get("/actuator/prometheus", "text/plain");
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).contains("jvm_memory_used_bytes");
    }

    @Test
    void openApiDescribesTheApi() {
        Api.Response docs = api.get("/v3/api-docs");

        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.json().get("paths").has("/api/v1/me")).isTrue();
        assertThat(docs.json().get("paths").has("/api/v1/users")).isTrue();
    }
}

package dev.callsheet.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.callsheet.support.Api;
import dev.callsheet.support.IntegrationTest;
import dev.callsheet.support.Tenant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UsersApiIntegrationTests extends IntegrationTest {

    private Tenant tenant;

    @BeforeEach
    void tenant() {
        if (tenant == null) {
            tenant = Tenant.create(api, "People Test SRL");
        }
    }

    private Map<String, Object> validUser() {
        Map<String, Object> user = new HashMap<>();
        user.put("username", "u-" + UUID.randomUUID().toString().substring(0, 8));
        user.put("password", "a-long-password");
        user.put("roles", List.of("AGENT"));
        user.put("displayName", "Ana Popescu");
        user.put("timeZone", "Europe/Bucharest");
        user.put("locale", "ro");
        return user;
    }

    @Test
    void adminCreatesAUserWhoCanSignIn() {
        tenant.asAdmin().post("/api/v1/regions", Map.of("name", "Muntenia"));
        Map<String, Object> user = validUser();
        user.put("region", "muntenia");

        Api.Response created = tenant.asAdmin().post("/api/v1/users", user);

        assertThat(created.status()).isEqualTo(201);
        String id = created.json().get("id").asText();
        Api.Response me = api.as((String) user.get("username"), "a-long-password").get("/api/v1/me");
        assertThat(me.json().get("locale").asText()).isEqualTo("ro");
        assertThat(me.json().get("timeZone").asText()).isEqualTo("Europe/Bucharest");
        Api.Response stored = tenant.asAdmin().get("/api/v1/users/" + id);
        assertThat(stored.json().get("region").get("name").asText()).isEqualTo("Muntenia");
        assertThat(stored.json().get("displayName").asText()).isEqualTo("Ana Popescu");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "username|x",
        "username|has space",
        "password|short",
        "displayName|A name far too long to be anybody's display name, surely longer than eighty characters",
        "timeZone|Mars/Olympus",
        "locale|de",
        "region|Atlantis"})
    void badFieldIsA400NamingIt(String field, String value) {
        Map<String, Object> user = validUser();
        user.put(field, value);

        Api.Response response = tenant.asAdmin().post("/api/v1/users", user);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().get("field").asText()).isEqualTo(field);
        assertThat(response.json().get("detail").asText()).contains(field);
    }

    @Test
    void missingOrUnknownRolesAreA400() {
        Map<String, Object> user = validUser();
        user.put("roles", List.of());
        assertThat(tenant.asAdmin().post("/api/v1/users", user).json().get("field").asText()).isEqualTo("roles");

        user.put("roles", List.of("OWNER"));
        Api.Response unknown = tenant.asAdmin().post("/api/v1/users", user);
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("field").asText()).isEqualTo("roles[0]");
    }

    @Test
    void malformedJsonIsA400NotA500() {
        Api.Response response = tenant.asAdmin().postRaw("/api/v1/users", "{\"username\": ");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("field").asText()).isEqualTo("body");
    }

    @Test
    void badIdInThePathIsA400() {
        Api.Response response = tenant.asAdmin().get("/api/v1/users/not-a-uuid");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("field").asText()).isEqualTo("id");
    }

    @Test
    void usernamesAreUniqueWhateverTheirCase() {
        Map<String, Object> user = validUser();
        assertThat(tenant.asAdmin().post("/api/v1/users", user).status()).isEqualTo(201);
        user.put("username", ((String) user.get("username")).toUpperCase());

        Api.Response again = tenant.asAdmin().post("/api/v1/users", user);

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("field").asText()).isEqualTo("username");
    }

    @Test
    void adminChangesRolesTeamAndRegion() {
        Tenant.User agent = tenant.user("AGENT");
        tenant.asAdmin().post("/api/v1/regions", Map.of("name", "Ardeal"));
        tenant.asAdmin().post("/api/v1/teams", Map.of("name", "Cluj setters", "region", "Ardeal"));

        Api.Response updated = tenant.asAdmin().patch("/api/v1/users/" + agent.id(),
                Map.of("roles", List.of("AGENT", "REP"), "team", "Cluj setters", "region", "Ardeal"));

        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.json().get("team").get("name").asText()).isEqualTo("Cluj setters");
        assertThat(api.as(agent).get("/api/v1/me").json().get("roles").toString()).isEqualTo("[\"AGENT\",\"REP\"]");
        Api.Response teams = api.as(agent).get("/api/v1/teams");
        assertThat(teams.body()).contains("Cluj setters").contains("Ardeal");
    }

    @Test
    void aFieldTheRequestDoesNotTakeIsA400NamingItNotSilentlyDropped() {
        Tenant.User agent = tenant.user("AGENT");

        // deactivation has its own endpoint; a PATCH that tries it must not answer 200 and leave the person active
        Api.Response deactivate = tenant.asAdmin().patch("/api/v1/users/" + agent.id(), Map.of("active", false));
        assertThat(deactivate.status()).isEqualTo(400);
        assertThat(deactivate.json().get("field").asText()).isEqualTo("active");
        assertThat(deactivate.json().get("detail").asText()).contains("not a field").contains("displayName");
        assertThat(api.as(agent).get("/api/v1/me").status()).isEqualTo(200);

        Api.Response misspelt = tenant.asAdmin().post("/api/v1/users",
                Map.of("username", "typo-" + UUID.randomUUID().toString().substring(0, 6), "password", "long-enough-pw",
                        "roles", List.of("AGENT"), "displayname", "Lower Case"));
        assertThat(misspelt.status()).isEqualTo(400);
        assertThat(misspelt.json().get("field").asText()).isEqualTo("displayname");
    }

    @Test
    void anAdminCannotDeactivateThemselves() {
        Api.Response response = tenant.asAdmin().post("/api/v1/users/" + tenant.admin().id() + "/deactivate", null);

        assertThat(response.status()).isEqualTo(409);
    }

    @Test
    void platformAdminCreatesAWorkspaceWithItsFirstAdmin() {
        Api.Response created = api.as("admin", ADMIN_PASSWORD).post("/api/v1/workspaces",
                Map.of("name", "Clientul Nou SRL", "adminUsername", "nou-admin-" + UUID.randomUUID().toString().substring(0, 6),
                        "adminPassword", "short"));
        assertThat(created.status()).isEqualTo(400);
        assertThat(created.json().get("field").asText()).isEqualTo("adminPassword");

        Api.Response noName = api.as("admin", ADMIN_PASSWORD).post("/api/v1/workspaces",
                Map.of("adminUsername", "someone-new", "adminPassword", "long-enough-pw"));
        assertThat(noName.status()).isEqualTo(400);
        assertThat(noName.json().get("field").asText()).isEqualTo("name");
    }
}

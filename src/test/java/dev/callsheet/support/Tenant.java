package dev.callsheet.support;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A fresh workspace made through the API by the platform administrator, as an agency would make
 * one for a client, with helpers to add people in it.
 */
public record Tenant(String id, String key, User admin, Api api) {

    /** A person of this tenant and the password they sign in with. */
    public record User(String id, String username, String password) {
    }

    public static Tenant create(Api api, String name) {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        User admin = new User(null, "admin-" + suffix, "pw-" + UUID.randomUUID());
        Api.Response created = api.as("admin", IntegrationTest.ADMIN_PASSWORD).post("/api/v1/workspaces",
                Map.of("name", name, "adminUsername", admin.username(), "adminPassword", admin.password()));
        if (created.status() != 201) {
            throw new IllegalStateException("could not create a workspace: " + created);
        }
        String adminId = api.as(admin.username(), admin.password()).get("/api/v1/me").json().get("id").asText();
        return new Tenant(created.json().get("id").asText(), created.json().get("key").asText(),
                new User(adminId, admin.username(), admin.password()), api);
    }

    /** Adds a person with the given roles (e.g. "AGENT") and returns them. */
    public User user(String... roles) {
        String username = roles[0].toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 8);
        String password = "pw-" + UUID.randomUUID();
        Api.Response created = api.as(admin.username(), admin.password()).post("/api/v1/users",
                Map.of("username", username, "password", password, "roles", List.of(roles),
                        "displayName", "Test " + roles[0].toLowerCase()));
        if (created.status() != 201) {
            throw new IllegalStateException("could not create a user: " + created);
        }
        return new User(created.json().get("id").asText(), username, password);
    }

    public Api asAdmin() {
        return api.as(admin);
    }
}

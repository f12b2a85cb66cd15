package dev.callsheet.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.callsheet.support.Api;
import dev.callsheet.support.IntegrationTest;
import dev.callsheet.support.Tenant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Bad input never yields a 500: every operation the API describes (OpenAPI), called by an admin and by an agent with
 * ids that are no ids or belong to nobody, query parameters full of quotes and brackets, and bodies that are empty,
 * not JSON, the wrong shape or far too long.
 */
class ApiRobustnessIntegrationTests extends IntegrationTest {

    private static final List<String> IDS = List.of("not-a-uuid", "00000000-0000-0000-0000-000000000000", "1");
    private static final List<String> BODIES = List.of("", "{", "[]", "\"text\"", "null", "{\"unknownField\":1}",
            "{\"name\":\"" + "Ω".repeat(5000) + "\"}", "{\"items\":5,\"start\":\"yesterday\",\"roles\":\"ADMIN\"}");

    @Test
    void noOperationAnswersBadInputWithA5xx() {
        Tenant tenant = Tenant.create(api, "Robustness AS");
        JsonNode paths = api.get("/v3/api-docs").json().get("paths");
        assertThat(paths.size()).as("operations described").isGreaterThan(100);
        List<String> failures = new ArrayList<>();
        int calls = 0;
        int refusedWithAReason = 0;
        // API tokens, not passwords: a password is checked with bcrypt on every call, on purpose slow
        for (Api caller : List.of(withToken(tenant.asAdmin()), withToken(api.as(tenant.user("AGENT"))))) {
            assertThat(caller.get("/api/v1/me").status()).as("signed in").isEqualTo(200);
            for (Map.Entry<String, JsonNode> path : paths.properties()) {
                for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
                    String method = operation.getKey().toUpperCase();
                    String query = queryOf(operation.getValue());
                    for (String id : IDS) {
                        String url = path.getKey().replaceAll("\\{[^}]+}", id) + query;
                        for (String body : method.equals("GET") || method.equals("DELETE") ? List.of("") : BODIES) {
                            Api.Response response = caller.send(method, url, body.isEmpty() ? null : body);
                            calls++;
                            refusedWithAReason += response.status() == 400 ? 1 : 0;
                            if (response.status() >= 500) {
                                failures.add(response.status() + " " + method + " " + url + " body "
                                        + body.substring(0, Math.min(body.length(), 30)) + ": "
                                        + response.body().substring(0, Math.min(response.body().length(), 200)));
                            }
                        }
                    }
                }
            }
        }
        assertThat(calls).isGreaterThan(1000);
        assertThat(refusedWithAReason).as("400s: the calls reached the checks, not only the sign-in")
                .isGreaterThan(calls / 4);
        assertThat(failures).as("answers of 500 or more").isEmpty();
    }

    /**
     * Every operation the API describes reaches its handler: not a 405, and not the 404 of a path that no handler
     * maps (the error page's {@code "error"}, where a handler's own 404 is a problem naming what was not found).
     * Guards the request mapping's literal-prefix test ({@code PrefixCheckedHandlerMapping}).
     */
    @Test
    void everyDescribedOperationReachesItsHandler() {
        Tenant tenant = Tenant.create(api, "Routing AS");
        Api admin = withToken(tenant.asAdmin());
        JsonNode paths = api.get("/v3/api-docs").json().get("paths");
        List<String> unrouted = new ArrayList<>();
        int calls = 0;
        for (Map.Entry<String, JsonNode> path : paths.properties()) {
            for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
                String verb = operation.getKey().toUpperCase();
                String url = path.getKey().replaceAll("\\{[^}]+}", "00000000-0000-0000-0000-000000000001");
                Api.Response response = admin.send(verb, url,
                        verb.equals("GET") || verb.equals("DELETE") ? null : "{}");
                calls++;
                if (response.status() == 405 || response.status() == 404 && response.body().contains("\"error\"")) {
                    unrouted.add(response.status() + " " + verb + " " + url);
                }
            }
        }
        assertThat(calls).as("operations described").isGreaterThan(100);
        assertThat(unrouted).as("operations that found no handler").isEmpty();
        assertThat(admin.send("GET", "/api/v1/projects/00000000-0000-0000-0000-000000000000/nothing-here", null)
                .body()).as("a path no handler maps").contains("\"error\"");
        assertThat(admin.send("DELETE", "/api/v1/me", null).status()).as("a mapped path, a method it lacks")
                .isEqualTo(405);
    }

    private Api withToken(Api signedIn) {
        return api.withToken(signedIn.post("/api/v1/me/tokens", Map.of("name", "robustness")).json().get("token")
                .asText());
    }

    /** Every query parameter the operation takes, each given quotes and brackets instead of a value. */
    private static String queryOf(JsonNode operation) {
        List<String> names = new ArrayList<>();
        JsonNode parameters = operation.get("parameters");
        if (parameters != null) {
            for (JsonNode parameter : parameters) {
                if ("query".equals(parameter.get("in").asText())) {
                    names.add(parameter.get("name").asText());
                }
            }
        }
        return names.isEmpty() ? "" : names.stream().map(n -> n + "=%27%22%3C%3E%7B")
                .collect(Collectors.joining("&", "?", ""));
    }
}

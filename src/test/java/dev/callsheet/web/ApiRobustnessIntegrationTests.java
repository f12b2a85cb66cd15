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

    /**
     * The edge's own checks: a NUL or another control character, or a string over its cap, anywhere in a body, a
     * query parameter or a path variable is a 400 whose field is the JSON path or the parameter's name — never the
     * database's refusal, never a 500.
     */
    @Test
    void controlCharactersAndOverlongStringsAreRefusedNamingTheField() {
        Tenant tenant = Tenant.create(api, "Edge AS");
        Api boss = withToken(api.as(tenant.user("SUPERVISOR")));
        Api admin = withToken(tenant.asAdmin());

        Api.Response nested = boss.send("PUT", "/api/v1/routing/rules", Map.of("items", List.of(
                Map.of("name", "fine", "target", "DUTY"), Map.of("name", "bad\u0000name", "target", "DUTY"))));
        assertThat(nested.status()).as(nested.toString()).isEqualTo(400);
        assertThat(nested.json().get("field").asText()).isEqualTo("items[1].name");
        assertThat(nested.json().get("detail").asText()).contains("NUL");

        // JSON escapes, as a client would send them (a lone surrogate cannot even be written as UTF-8)
        for (String hostile : List.of("\\u0001", "a\\u001bb", "\\u0085", "\\u007f", "\\ud800")) {
            Api.Response refused = admin.send("POST", "/api/v1/contacts",
                    "{\"firstName\":\"Ola" + hostile + "\",\"surname\":\"N\"}");
            assertThat(refused.status()).as(hostile + ": " + refused).isEqualTo(400);
            assertThat(refused.json().get("field").asText()).isEqualTo("firstName");
        }
        Api.Response lines = admin.post("/api/v1/contacts", Map.of("firstName", "Ola", "surname", "Nordmann",
                "address", "Storgata 1\r\n\t0155 Oslo"));
        assertThat(lines.status()).as("tab, CR and LF are text in a body: " + lines).isEqualTo(201);

        Api.Response longPhone = admin.post("/api/v1/contacts", Map.of("firstName", "Ola", "surname", "N",
                "phone", "1".repeat(10_001)));
        assertThat(longPhone.status()).as(longPhone.toString()).isEqualTo(400);
        assertThat(longPhone.json().get("field").asText()).isEqualTo("phone");
        for (String field : List.of("phone", "email")) {
            String value = field.equals("phone") ? "2".repeat(9_000) : "a".repeat(9_000) + "@example.no";
            Api.Response under = admin.post("/api/v1/contacts", Map.of("firstName", "Ola", "surname", "N", field, value));
            assertThat(under.status()).as(field + " under the edge's cap: " + under).isEqualTo(400);
            assertThat(under.json().get("field").asText()).isEqualTo(field);
        }

        Api.Response query = admin.get("/api/v1/contacts?q=%00");
        assertThat(query.status()).as(query.toString()).isEqualTo(400);
        assertThat(query.json().get("field").asText()).isEqualTo("q");
        Api.Response header = boss.get("/api/v1/commissions/payout?format=csv&from=2026-01%0D%0AX-Injected:%20yes");
        assertThat(header.status()).as(header.toString()).isEqualTo(400);
        assertThat(header.json().get("field").asText()).isEqualTo("from");
        assertThat(header.header("X-Injected")).isNull();
        // an encoded line feed in the path is refused before any handler (Spring Security's firewall)
        assertThat(boss.delete("/api/v1/dnc/%2B47%0A22123456").status()).isEqualTo(400);
        Api.Response path = boss.delete("/api/v1/dnc/%2B4722%C2%85123456");
        assertThat(path.status()).as(path.toString()).isEqualTo(400);
        assertThat(path.json().get("field").asText()).isEqualTo("phone");

        // a body read as a plain map (the public web form's JSON) gets the same check
        Api.Response form = api.anonymous().send("POST", "/api/v1/public/" + tenant.key() + "/leads",
                "{\"name\":\"Ola\\u0000\",\"email\":\"ola@example.no\"}");
        assertThat(form.status()).as(form.toString()).isEqualTo(400);
        assertThat(form.json().get("field").asText()).isEqualTo("name");

        // a template body may be longer than the usual cap, as its record says; the cap holds elsewhere
        Api.Response template = boss.post("/api/v1/material/templates", Map.of("name", "Long", "language", "en",
                "subject", "Hi", "body", "Lorem ipsum. ".repeat(1_200)));
        assertThat(template.status()).as(template.toString()).isEqualTo(201);
        Api.Response tooLong = boss.post("/api/v1/material/templates", Map.of("name", "Long", "language", "en",
                "subject", "x".repeat(10_001), "body", "Hi"));
        assertThat(tooLong.json().get("field").asText()).isEqualTo("subject");
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

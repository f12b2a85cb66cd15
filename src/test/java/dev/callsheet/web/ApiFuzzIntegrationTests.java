package dev.callsheet.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.callsheet.support.Api;
import dev.callsheet.support.IntegrationTest;
import dev.callsheet.support.Tenant;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Hostile input for every JSON endpoint there is — found from Spring's own request mappings, not from a list that
 * could fall behind: each {@code /api/**} handler method, with each of its HTTP methods, path variables filled with
 * real ids of a seeded workspace where a list names them (random ids otherwise), called as each role that gets past
 * its role check. Bodies are built from the handler's request-body type (with plausible values, so the plain call
 * passes its checks) and then broken one place at a time: NUL and other control characters, a lone surrogate, strings
 * just under and over the cap of 10,000 characters and of 5 MB, a number for a string, an object for a list, a list
 * for an object, null, numbers too big for any column, and bodies that are empty, null or not the object expected.
 * Query parameters and path variables get the same. A seeded generator (fixed seed, bounded tries) keeps a run
 * repeatable and under two minutes; jqwik is not used: its 1.10 line is built on JUnit Platform 1 and this build
 * runs JUnit 6, and a generator of our own needs no second test engine.
 *
 * <p>The rule: never a 5xx, never a 409 that does not name the field at fault, and no input the services let through
 * to a write the database then refuses.
 */
class ApiFuzzIntegrationTests extends IntegrationTest {

    private static final long SEED = 29L;
    private static final int BODY_TRIES = 24;
    private static final int PARAMETER_TRIES = 10;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Pattern VARIABLE = Pattern.compile("\\{([^}:]+)(?::[^}]*)?}");
    private static final String FIVE_MB = "x".repeat(5 * 1024 * 1024);

    /** What a string field, a parameter or a path variable is given instead of something sensible. */
    private static final List<String> HOSTILE_TEXT = List.of("\u0000", "a\u0000b", "\u0001\u0007\u001b[31m",
            "\u007f\u0085\u009f", "\r\nX-Injected: yes", "\ud800", "\udc00x", "9".repeat(10_001),
            "Ω".repeat(9_999), "'\"<>{}%00",
            "   ", "", "-1", "1e309", "99999999999999999999999999");

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    private RequestMappingHandlerMapping mappings;

    private record Endpoint(String method, String pattern, HandlerMethod handler) {

        @Override
        public String toString() {
            return method + " " + pattern;
        }
    }

    @Test
    void noJsonEndpointAnswersHostileInputWithA5xxOrAConflictNamingNoField() {
        Tenant tenant = Tenant.create(api, "Fuzz AS");
        Map<String, Api> callers = new LinkedHashMap<>();
        callers.put("ADMIN", withToken(tenant.asAdmin()));
        for (String role : List.of("SUPERVISOR", "AGENT", "REP")) {
            callers.put(role, withToken(api.as(tenant.user(role))));
        }
        Map<String, String> known = seed(tenant, callers.get("ADMIN"));
        List<Endpoint> endpoints = endpoints();
        assertThat(endpoints.size()).as("JSON endpoints found in the request mappings").isGreaterThan(100);

        Random random = new Random(SEED);
        List<String> failures = new ArrayList<>();
        Map<Integer, Integer> statuses = new HashMap<>();
        int calls = 0;
        for (Endpoint endpoint : endpoints) {
            Type bodyType = bodyType(endpoint.handler());
            List<MethodParameter> parameters = queryParameters(endpoint.handler());
            JsonNode template = bodyType == null ? null : template(bodyType, "", 0, random, known);
            String url = url(endpoint, known, tenant);
            // the roles that get past the role check: a plain call first, as each
            List<Api> reaching = new ArrayList<>();
            for (Api caller : callers.values()) {
                Api.Response plain = caller.send(endpoint.method(), url + query(parameters, null, null, random),
                        template == null ? null : template.toString());
                calls++;
                record(endpoint, "plain", plain, failures, statuses);
                if (plain.status() != 403 && plain.status() != 401) {
                    reaching.add(caller);
                }
            }
            if (reaching.isEmpty()) {
                continue;
            }
            int tries = template != null ? BODY_TRIES : PARAMETER_TRIES;
            for (int i = 0; i < tries; i++) {
                Api caller = reaching.get(i % reaching.size());
                String target = url;
                String body = template == null ? null : template.toString();
                String what;
                int kind = random.nextInt(template != null ? 4 : 2);
                if (template != null && i == 0) {
                    body = mutate(template, random, FIVE_MB);
                    what = "a 5 MB string in the body";
                } else if (kind >= 2) {
                    body = random.nextInt(4) == 0 ? wholeBody(random) : mutate(template, random, null);
                    what = "body " + shorten(body);
                } else if (kind == 1 && !parameters.isEmpty()) {
                    MethodParameter broken = parameters.get(random.nextInt(parameters.size()));
                    String value = HOSTILE_TEXT.get(random.nextInt(HOSTILE_TEXT.size()));
                    target = url + query(parameters, broken, value, random);
                    what = "parameter " + broken.getParameterName() + "=" + shorten(value);
                } else {
                    String value = HOSTILE_TEXT.get(random.nextInt(HOSTILE_TEXT.size()));
                    target = url(endpoint, known, tenant, value);
                    what = "path variables " + shorten(value);
                }
                Api.Response response = caller.send(endpoint.method(), target, body);
                calls++;
                record(endpoint, what, response, failures, statuses);
            }
        }
        System.out.println("API fuzz: " + endpoints.size() + " endpoints, " + calls + " calls, statuses " + statuses);
        assertThat(calls).as("calls made").isGreaterThan(1500);
        assertThat(statuses.getOrDefault(400, 0)).as("400s: the calls reached the checks " + statuses)
                .isGreaterThan(calls / 4);
        assertThat(failures).as("5xx, 409 without a field, or unchecked writes, of " + calls + " calls " + statuses).isEmpty();
    }

    private static void record(Endpoint endpoint, String what, Api.Response response, List<String> failures,
            Map<Integer, Integer> statuses) {
        statuses.merge(response.status(), 1, Integer::sum);
        boolean fieldless409 = response.status() == 409 && !namesAField(response);
        // the database's refusal caught by the net (StoredDataRefusal): the service should have checked first
        boolean uncheckedWrite = response.status() == 400 && response.body().contains("cannot be stored");
        if (response.status() >= 500 || fieldless409 || uncheckedWrite) {
            failures.add(response.status() + " " + endpoint + " with " + what + ": " + shorten(response.body()));
        }
    }

    private static boolean namesAField(Api.Response response) {
        try {
            JsonNode field = response.json().get("field");
            return field != null && !field.isNull() && !field.asText().isBlank();
        } catch (RuntimeException notJson) {
            return false;
        }
    }

    /** Every JSON handler method under /api/, once per HTTP method, in a stable order. */
    private List<Endpoint> endpoints() {
        List<Endpoint> found = new ArrayList<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> mapping : mappings.getHandlerMethods().entrySet()) {
            RequestMappingInfo info = mapping.getKey();
            boolean multipart = info.getConsumesCondition().getConsumableMediaTypes().stream()
                    .anyMatch(type -> type.isCompatibleWith(MediaType.MULTIPART_FORM_DATA));
            List<String> methods = info.getMethodsCondition().getMethods().isEmpty() ? List.of("GET", "POST")
                    : info.getMethodsCondition().getMethods().stream().map(RequestMethod::name).toList();
            for (String pattern : info.getPatternValues()) {
                if (!pattern.startsWith("/api/") || multipart) {
                    continue;
                }
                for (String method : methods) {
                    found.add(new Endpoint(method, pattern, mapping.getValue()));
                }
            }
        }
        found.sort((a, b) -> a.toString().compareTo(b.toString()));
        return found;
    }

    private static Type bodyType(HandlerMethod handler) {
        for (MethodParameter parameter : handler.getMethodParameters()) {
            if (parameter.hasParameterAnnotation(RequestBody.class)) {
                return parameter.getGenericParameterType();
            }
        }
        return null;
    }

    private static List<MethodParameter> queryParameters(HandlerMethod handler) {
        List<MethodParameter> found = new ArrayList<>();
        for (MethodParameter parameter : handler.getMethodParameters()) {
            RequestParam annotation = parameter.getParameterAnnotation(RequestParam.class);
            if (annotation != null && !Map.class.isAssignableFrom(parameter.getParameterType())
                    && !parameter.getParameterType().getName().contains("MultipartFile")) {
                parameter.initParameterNameDiscovery(new org.springframework.core.DefaultParameterNameDiscoverer());
                found.add(parameter);
            }
        }
        return found;
    }

    /** Required parameters with a value of their type; {@code broken} (if any) with {@code value} instead. */
    private static String query(List<MethodParameter> parameters, MethodParameter broken, String value, Random random) {
        List<String> pairs = new ArrayList<>();
        for (MethodParameter parameter : parameters) {
            RequestParam annotation = parameter.getParameterAnnotation(RequestParam.class);
            String name = !annotation.name().isEmpty() ? annotation.name() : parameter.getParameterName();
            if (parameter == broken) {
                pairs.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
            } else if (annotation.required() && annotation.defaultValue().equals(
                    org.springframework.web.bind.annotation.ValueConstants.DEFAULT_NONE)) {
                pairs.add(name + "=" + URLEncoder.encode(sample(parameter.getParameterType(), random),
                        StandardCharsets.UTF_8));
            }
        }
        return pairs.isEmpty() ? "" : pairs.stream().collect(Collectors.joining("&", "?", ""));
    }

    private static String sample(Class<?> type, Random random) {
        if (type == UUID.class) {
            return new UUID(random.nextLong(), random.nextLong()).toString();
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive() && type != boolean.class) {
            return "1";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true";
        }
        return "+47 22 12 34 56";
    }

    private String url(Endpoint endpoint, Map<String, String> known, Tenant tenant) {
        return url(endpoint, known, tenant, null);
    }

    /** The pattern with its variables filled: real ids where the seeded workspace has them, else random ones. */
    private static String url(Endpoint endpoint, Map<String, String> known, Tenant tenant, String hostile) {
        Matcher variable = VARIABLE.matcher(endpoint.pattern());
        StringBuilder url = new StringBuilder();
        while (variable.find()) {
            String name = variable.group(1);
            String before = endpoint.pattern().substring(0, variable.start());
            String collection = before.replaceAll("/$", "");
            collection = collection.substring(collection.lastIndexOf('/') + 1);
            String value;
            if (hostile != null) {
                value = hostile;
            } else if (name.equals("workspaceKey")) {
                value = tenant.key();
            } else if (endpoint.method().equals("DELETE")) {
                // deleting the seeded data (or the caller's own token) would blunt every later call
                value = known.getOrDefault("random:" + name, UUID.randomUUID().toString());
            } else {
                value = known.getOrDefault(collection + ":" + name,
                        known.getOrDefault("*:" + name, UUID.randomUUID().toString()));
            }
            variable.appendReplacement(url, Matcher.quoteReplacement(
                    URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20")));
        }
        variable.appendTail(url);
        return url.toString();
    }

    /** A body in the shape the handler reads: every field present with a plain value of its type. */
    private static JsonNode template(Type type, String name, int depth, Random random, Map<String, String> known) {
        Class<?> raw = raw(type);
        if (raw == String.class || raw == Character.class) {
            return NODES.stringNode(plausible(name, known));
        }
        if (raw == UUID.class) {
            return NODES.stringNode(new UUID(random.nextLong(), random.nextLong()).toString());
        }
        if (raw == Boolean.class || raw == boolean.class) {
            return NODES.booleanNode(true);
        }
        if (raw == BigDecimal.class || raw == Double.class || raw == double.class || raw == Float.class) {
            return NODES.numberNode(new BigDecimal("1.5"));
        }
        if (Number.class.isAssignableFrom(raw) || raw.isPrimitive()) {
            return NODES.numberNode(1);
        }
        if (raw.isEnum()) {
            return NODES.stringNode(((Enum<?>) raw.getEnumConstants()[0]).name());
        }
        if (Temporal.class.isAssignableFrom(raw)) {
            return NODES.stringNode(raw.getSimpleName().equals("LocalDate") ? "2026-12-01" : "2026-12-01T10:00:00Z");
        }
        if (depth > 4) {
            return NODES.nullNode();
        }
        if (Collection.class.isAssignableFrom(raw) || raw.isArray()) {
            ArrayNode array = NODES.arrayNode();
            Type element = raw.isArray() ? raw.getComponentType() : argument(type, 0);
            array.add(template(element, name.replaceAll("s$", ""), depth + 1, random, known));
            return array;
        }
        if (Map.class.isAssignableFrom(raw)) {
            ObjectNode object = NODES.objectNode();
            object.set("key", template(argument(type, 1), "key", depth + 1, random, known));
            return object;
        }
        if (raw.isRecord()) {
            ObjectNode object = NODES.objectNode();
            for (RecordComponent component : raw.getRecordComponents()) {
                object.set(component.getName(),
                        template(component.getGenericType(), component.getName(), depth + 1, random, known));
            }
            return object;
        }
        return NODES.objectNode();
    }

    /**
     * A value a handler will likely take for a text field of this name, so the plain call gets through its checks and
     * the broken ones reach the write behind them: real ids, a phone, an address, a time next week.
     */
    private static String plausible(String name, Map<String, String> known) {
        String n = name.toLowerCase(java.util.Locale.ROOT);
        if (n.endsWith("id") && n.length() > 2) {
            String kind = n.substring(0, n.length() - 2);
            String id = known.get("*:" + name);
            if (id == null) {
                id = known.get(switch (kind) {
                    case "lead", "contact" -> "contacts:id";
                    case "rep", "user", "owner", "fallbackuser", "accountmanager" -> "*:userId";
                    case "team" -> "teams:id";
                    case "project" -> "projects:id";
                    case "deal" -> "deals:id";
                    case "pipeline" -> "pipelines:id";
                    case "attachment", "file" -> "files:id";
                    default -> kind + "s:id";
                });
            }
            return id != null ? id : UUID.randomUUID().toString();
        }
        if (n.contains("phone")) {
            return "+47 22 12 34 56";
        }
        if (n.contains("email")) {
            return "fuzz@example.no";
        }
        if (n.equals("start") || n.equals("end") || n.equals("at") || n.endsWith("at") && !n.equals("format")) {
            return java.time.LocalDate.now().plusDays(9).atTime(10, 0).toInstant(java.time.ZoneOffset.UTC).toString();
        }
        return switch (n) {
            case "language", "locale" -> "en";
            case "country" -> "NO";
            case "timezone" -> "Europe/Oslo";
            case "from", "to", "day", "date" -> java.time.LocalDate.now().plusDays(9).toString();
            case "weekday" -> "MONDAY";
            case "region", "homeregion" -> "Oslo";
            case "direction" -> "OUTBOUND";
            case "target" -> "DUTY";
            case "channel" -> "WEB";
            case "role" -> "AGENT";
            case "type" -> "PHONE";
            case "website" -> "https://example.no";
            default -> "Fuzz " + name;
        };
    }

    private static Class<?> raw(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        if (type instanceof WildcardType w) {
            return raw(w.getUpperBounds()[0]);
        }
        return Object.class;
    }

    private static Type argument(Type type, int index) {
        return type instanceof ParameterizedType p && p.getActualTypeArguments().length > index
                ? p.getActualTypeArguments()[index] : Object.class;
    }

    /** The template with one place broken: a hostile string, the wrong type, null, or {@code forced} if given. */
    private static String mutate(JsonNode template, Random random, String forced) {
        JsonNode copy = template.deepCopy();
        List<JsonNode[]> places = new ArrayList<>();
        collect(copy, null, places);
        if (places.isEmpty()) {
            return forced != null ? JSON.writeValueAsString(forced) : wholeBody(random);
        }
        JsonNode[] place = places.get(random.nextInt(places.size()));
        JsonNode replacement;
        if (forced != null) {
            // the 5 MB string goes into a text field when there is one
            for (JsonNode[] candidate : places) {
                if (candidate[1].isString()) {
                    place = candidate;
                    break;
                }
            }
            replacement = NODES.stringNode(forced);
        } else {
            replacement = switch (random.nextInt(8)) {
                case 0, 1, 2 -> NODES.stringNode(HOSTILE_TEXT.get(random.nextInt(HOSTILE_TEXT.size())));
                case 3 -> NODES.numberNode(new BigDecimal("1e400"));
                case 4 -> NODES.numberNode(new BigDecimal("-99999999999999999999999999.5"));
                case 5 -> place[1].isObject() ? NODES.arrayNode().add(1) : NODES.objectNode().put("x", "\u0000");
                case 6 -> NODES.nullNode();
                default -> place[1].isArray() ? NODES.objectNode() : NODES.arrayNode().add(NODES.objectNode());
            };
        }
        replace(place[0], place[1], replacement);
        return copy.toString();
    }

    /** Every value with its container: {container, value}. */
    private static void collect(JsonNode node, JsonNode parent, List<JsonNode[]> places) {
        if (parent != null) {
            places.add(new JsonNode[] {parent, node});
        }
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> entry : node.properties()) {
                collect(entry.getValue(), node, places);
            }
        } else if (node.isArray()) {
            for (JsonNode element : node) {
                collect(element, node, places);
            }
        }
    }

    private static void replace(JsonNode parent, JsonNode old, JsonNode replacement) {
        if (parent instanceof ObjectNode object) {
            for (Map.Entry<String, JsonNode> entry : object.properties()) {
                if (entry.getValue() == old) {
                    object.set(entry.getKey(), replacement);
                    return;
                }
            }
        } else if (parent instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                if (array.get(i) == old) {
                    array.set(i, replacement);
                    return;
                }
            }
        }
    }

    /** A body that is not the object expected at all. */
    private static String wholeBody(Random random) {
        List<String> bodies = List.of("", "null", "\"\"", "[]", "{}", "[{}]", "\"\\u0000\"", "1e400", "{\"\\u0000\":1}",
                "{", "true");
        return bodies.get(random.nextInt(bodies.size()));
    }

    private static String shorten(String text) {
        if (text == null) {
            return "null";
        }
        String visible = text.length() > 160 ? text.substring(0, 160) + "…(" + text.length() + ")" : text;
        return visible.replaceAll("\\p{Cntrl}", "·");
    }

    private Api withToken(Api signedIn) {
        return api.withToken(signedIn.post("/api/v1/me/tokens", Map.of("name", "fuzz")).json().get("token").asText());
    }

    /**
     * A workspace with one of most things, so path variables can name real rows: "collection:variable" → id, from
     * each list the API offers. Best effort — where a list is not found, a random id is used.
     */
    private Map<String, String> seed(Tenant tenant, Api admin) {
        Map<String, String> known = new HashMap<>();
        String rep = tenant.user("REP").id();
        String victim = tenant.user("AGENT").id();
        String project = idOf(admin.post("/api/v1/projects", Map.of("name", "Fuzz project", "direction", "OUTBOUND")));
        String contact = idOf(admin.post("/api/v1/contacts", Map.of("firstName", "Fuzz", "surname", "Lead",
                "phone", "+47 22 12 34 56", "country", "NO")));
        admin.post("/api/v1/teams", Map.of("name", "Fuzz team"));
        admin.post("/api/v1/regions", Map.of("name", "Oslo"));
        admin.post("/api/v1/answers", Map.of("language", "en", "question", "What does it cost?", "body", "Little."));
        admin.post("/api/v1/material/templates", Map.of("name", "Fuzz", "language", "en", "subject", "Hello",
                "body", "Hello"));
        admin.send("PUT", "/api/v1/reps/" + rep + "/calendar", Map.of("timeZone", "Europe/Oslo"));
        if (contact != null) {
            admin.post("/api/v1/deals", Map.of("contactId", contact));
        }
        for (String collection : List.of("projects", "contacts", "teams", "regions", "answers", "products", "deals",
                "pipelines", "users", "templates", "appointments", "imports", "tokens", "reviews", "sends", "files")) {
            for (String path : List.of("/api/v1/" + collection, "/api/v1/material/" + collection,
                    "/api/v1/reports/" + collection, "/api/v1/me/" + collection)) {
                Api.Response listed = admin.get(path);
                if (listed.status() != 200) {
                    continue;
                }
                JsonNode json = listed.json();
                JsonNode items = json.isArray() ? json : json.get("items");
                if (items != null && items.isArray() && !items.isEmpty() && items.get(0).has("id")) {
                    known.put(collection + ":id", items.get(0).get("id").asText());
                }
            }
        }
        // the seeded workspace keeps its admin: person-changing calls go to a spare agent
        known.put("users:id", victim);
        if (project != null) {
            known.put("projects:id", project);
            known.put("*:projectId", project);
        }
        if (contact != null) {
            known.put("contacts:id", contact);
            known.put("*:contactId", contact);
        }
        known.put("*:userId", rep);
        known.put("reps:userId", rep);
        known.put("*:phone", "+4722123456");
        known.put("*:language", "en");
        known.put("*:code", "NEW");
        return known;
    }

    private static String idOf(Api.Response created) {
        try {
            return created.status() / 100 == 2 ? created.json().get("id").asText() : null;
        } catch (RuntimeException e) {
            return null;
        }
    }
}

package dev.callsheet.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.callsheet.support.Api;
import dev.callsheet.support.IntegrationTest;
import dev.callsheet.support.Pages;
import dev.callsheet.support.Tenant;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;

/**
 * Every page form and page with an id, walked over HTTP with a signed-in session as a browser would send them: a
 * NUL, another control character or an overlong value in any field is a 400 naming the field (never a 500), no
 * {@code Location} is built from what was sent, and workspace B gets a 404 for every id of workspace A. The walk is
 * checked against the registered mappings, so a new page form without a probe fails here.
 */
class PageFormsIntegrationTests extends IntegrationTest {

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    private Tenant a;
    private Tenant b;
    private Tenant.User aAgent;
    private Tenant.User aRep;
    private String aTeam;
    private String aRegion;
    private String aToken;
    private String aContact;
    private String aOther;
    private String aImport;
    private String aProject;
    private String aAttempt;
    private String aAppointment;
    private String aTask;
    private String aDeal;
    private String aPipeline;
    private String aReview;
    private String aAnswer;
    private String aFile;
    private String aTemplate;
    private String aSend;
    private String aView;

    @BeforeEach
    void twoWorkspaces() {
        a = Tenant.create(api, "Alpha Pages AS");
        b = Tenant.create(api, "Bravo Pages AS");
        aAgent = a.user("AGENT");
        aRep = a.user("REP");
        aRegion = a.asAdmin().post("/api/v1/regions", Map.of("name", "Alpha Region")).json().get("id").asText();
        aTeam = a.asAdmin().post("/api/v1/teams", Map.of("name", "Alpha Team")).json().get("id").asText();
        aToken = api.as(aAgent).post("/api/v1/me/tokens", Map.of("name", "Alpha token")).json().get("id").asText();
        aContact = a.asAdmin().post("/api/v1/contacts", Map.of("firstName", "Alpha", "surname", "Secretperson",
                "organisation", "Alpha Secret Holding", "phone", "+47 22 33 44 55", "email", "boss@alpha-secret.no"))
                .json().get("id").asText();
        aOther = a.asAdmin().post("/api/v1/contacts", Map.of("firstName", "Alpha", "surname", "Reader",
                "emails", List.of("reader@alpha-secret.no"))).json().get("id").asText();
        aImport = a.asAdmin().upload("/api/v1/imports", "alpha.csv",
                "name;phone\nAlpha Importee;+47 23 45 67 89\n".getBytes(StandardCharsets.UTF_8),
                Map.of("country", "NO")).json().get("id").asText();
        Map<String, Object> allDay = new HashMap<>();
        for (DayOfWeek day : DayOfWeek.values()) {
            allDay.put(day.name(), List.of(Map.of("from", "00:00", "to", "24:00")));
        }
        aProject = a.asAdmin().post("/api/v1/projects", Map.of("name", "Alpha Project", "primaryGoal", "Alpha goal",
                "callingHours", allDay)).json().get("id").asText();
        a.asAdmin().post("/api/v1/projects/" + aProject + "/leads", Map.of("contactIds", List.of(aContact)));
        aAttempt = api.as(aAgent).post("/api/v1/projects/" + aProject + "/next", null).json().get("attemptId").asText();
        a.asAdmin().post("/api/v1/holidays", Map.of("country", "NO", "day", "2026-12-25", "name", "Alpha Christmas"));
        a.asAdmin().post("/api/v1/dnc", Map.of("phone", "+47 23 45 67 89"));
        a.asAdmin().send("PUT", "/api/v1/reps/" + aRep.id() + "/calendar", Map.of("timeZone", "Europe/Oslo",
                "minNoticeMinutes", 0, "weeklyHours", allDay, "email", "alpha-rep@alpha-secret.no"));
        aAppointment = api.as(aAgent).post("/api/v1/appointments", Map.of("leadId", aContact, "repId", aRep.id(),
                "start", clock.instant().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.HOURS).toString()))
                .json().get("id").asText();
        api.anonymous().post("/api/v1/public/" + a.key() + "/leads", Map.of("name", "Alpha Webperson",
                "email", "web@alpha-secret.no", "message", "Alpha web message"));
        aTask = a.asAdmin().get("/api/v1/tasks").json().get("items").get(0).get("id").asText();
        for (int i = 0; i < 100 && aDeal == null; i++) {
            JsonNode deals = a.asAdmin().get("/api/v1/deals?contactId=" + aContact).json().get("items");
            if (!deals.isEmpty()) {
                aDeal = deals.get(0).get("id").asText();
            } else {
                pause();
            }
        }
        aPipeline = a.asAdmin().get("/api/v1/pipelines").json().get("items").get(0).get("id").asText();
        aReview = a.asAdmin().post("/api/v1/reports/projects/" + aProject + "/reviews", null).json().get("id").asText();
        aAnswer = a.asAdmin().post("/api/v1/answers", Map.of("language", "en", "question", "Alpha price question",
                "body", "Alpha secret price")).json().get("id").asText();
        aFile = a.asAdmin().upload("/api/v1/material/files", "alpha-brochure.pdf",
                "%PDF-1.4 Alpha".getBytes(StandardCharsets.US_ASCII), Map.of()).json().get("id").asText();
        aTemplate = a.asAdmin().post("/api/v1/material/templates", Map.of("name", "Alpha brochure", "language", "en",
                "subject", "Alpha subject", "body", "Alpha body", "attachmentIds", List.of(aFile)))
                .json().get("id").asText();
        aSend = api.as(aAgent).post("/api/v1/contacts/" + aOther + "/material", Map.of("templateId", aTemplate,
                "requested", true)).json().get("id").asText();
        Pages asA = Pages.signIn(port, a.admin());
        asA.post("/leads/views", Map.of("name", "Alpha view", "query", "q=Alpha"));
        Matcher view = Pattern.compile("/leads/views/([0-9a-f-]{36})/delete").matcher(asA.get("/leads").body());
        aView = view.find() ? view.group(1) : null;
        assertThat(aDeal).isNotNull();
        assertThat(aView).isNotNull();
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One probe per page form, aimed at workspace A's data, with fields a browser would send. */
    private List<Probe> posts() {
        return List.of(
                post("/projects/new", "/projects/new", "name", "B project", "primaryGoal", "B goal"),
                post("/projects/{id}/edit", "/projects/" + aProject + "/edit", "name", "Hijacked", "primaryGoal", "x"),
                post("/projects/{id}/outcomes", "/projects/" + aProject + "/outcomes", "code", "NO_ANSWER",
                        "label", "Hijacked"),
                post("/projects/{id}/script/{language}", "/projects/" + aProject + "/script/en", "text", "Hijacked"),
                post("/holidays", "/holidays", "country", "NO", "day", "2026-12-24", "name", "B Eve"),
                post("/holidays/{country}/{day}/delete", "/holidays/NO/2026-12-25/delete"),
                post("/leads/imports/preview", "/leads/imports/preview", "country", "NO"),
                post("/leads/imports/start", "/leads/imports/start", "importId", aImport, "projectId", aProject),
                post("/leads/views", "/leads/views", "name", "B view", "query", "q=B"),
                post("/leads/views/{id}/delete", "/leads/views/" + aView + "/delete"),
                post("/leads/new", "/leads/new", "surname", "Bravoperson", "ownerId", aAgent.id()),
                post("/leads/duplicates", "/leads/duplicates", "surname", "Secretperson", "exclude", aContact),
                post("/leads/{id}/buying-role", "/leads/" + aContact + "/buying-role", "buyingRole", "USER"),
                post("/leads/{id}/campaign", "/leads/" + aContact + "/campaign", "campaign", "HIJACK"),
                post("/leads/{id}/edit", "/leads/" + aContact + "/edit", "surname", "Hijacked"),
                post("/leads/{id}/merge/{otherId}", "/leads/" + aContact + "/merge/" + aOther),
                post("/leads/review/{id}/merge/{otherId}", "/leads/review/" + aContact + "/merge/" + aOther,
                        "keep.city", "other"),
                post("/leads/review/{id}/not-duplicate/{otherId}", "/leads/review/" + aContact + "/not-duplicate/"
                        + aOther),
                post("/leads/review/bulk", "/leads/review/bulk", "action", "not-duplicate", "pair",
                        aContact + "_" + aOther),
                post("/commissions/rules", "/commissions/rules", "projectId", aProject, "percentOfAmount", "10"),
                post("/deals/{id}/move", "/deals/" + aDeal + "/move", "stage", "DISCOVERY", "justification", "x"),
                post("/deals", "/deals", "contactId", aContact),
                post("/deals/{id}/edit", "/deals/" + aDeal + "/edit", "title", "Hijacked"),
                post("/deals/{id}/checks", "/deals/" + aDeal + "/checks", "code", "need_confirmed", "done", "true"),
                post("/deals/{id}/members", "/deals/" + aDeal + "/members", "contactId", aOther, "role", "CHAMPION"),
                post("/deals/{id}/members/{contactId}/remove", "/deals/" + aDeal + "/members/" + aContact + "/remove"),
                post("/deals/{id}/touches", "/deals/" + aDeal + "/touches", "kind", "CALL", "twoWay", "true"),
                post("/deals/{id}/notes", "/deals/" + aDeal + "/notes", "text", "Hijacked"),
                post("/deals/{id}/won", "/deals/" + aDeal + "/won", "amount", "100"),
                post("/deals/{id}/lost", "/deals/" + aDeal + "/lost", "reason", "PRICE"),
                post("/deals/{id}/disqualify", "/deals/" + aDeal + "/disqualify", "reason", "NO_BUDGET"),
                post("/deals/{id}/cancel", "/deals/" + aDeal + "/cancel", "note", "Hijacked"),
                post("/deals/settings/pipelines", "/deals/settings/pipelines", "id", aPipeline, "name", "Hijacked",
                        "stages", "MEETING | Meeting |"),
                post("/deals/settings/general", "/deals/settings/general", "dqReasons", "NO_BUDGET",
                        "accountManagerId", aRep.id()),
                post("/deals/settings/import", "/deals/settings/import", "pipelineId", aPipeline),
                post("/console/{projectId}/next", "/console/" + aProject + "/next"),
                post("/console/{projectId}/inbound", "/console/" + aProject + "/inbound", "contactId", aContact),
                post("/console/{projectId}/calls/{attemptId}/outcome", "/console/" + aProject + "/calls/" + aAttempt
                        + "/outcome", "outcome", "NO_ANSWER"),
                post("/console/{projectId}/pause", "/console/" + aProject + "/pause"),
                post("/console/{projectId}/resume", "/console/" + aProject + "/resume"),
                post("/console/heartbeat", "/console/heartbeat"),
                post("/console/calls/{attemptId}/questions", "/console/calls/" + aAttempt + "/questions", "text",
                        "Hijacked?"),
                post("/console/{projectId}/calls/{attemptId}/hangup", "/console/" + aProject + "/calls/" + aAttempt
                        + "/hangup"),
                post("/console/{projectId}/calls/{attemptId}/notes", "/console/" + aProject + "/calls/" + aAttempt
                        + "/notes", "notes", "Hijacked"),
                post("/projects/{id}/leads", "/projects/" + aProject + "/leads", "contactIds", aOther),
                post("/dnc", "/dnc", "phone", "+47 23 45 67 80"),
                post("/dnc/import", "/dnc/import"),
                post("/dnc/{phone}/delete", "/dnc/+4723456789/delete"),
                post("/calls/incoming", "/calls/incoming", "phone", "+47 22 33 44 55", "contactId", aContact,
                        "question", "Hijacked"),
                post("/tasks/{id}/done", "/tasks/" + aTask + "/done"),
                post("/duty/patterns", "/duty/patterns", "weekday", "MONDAY", "from", "08:00", "to", "12:00",
                        "userId", aRep.id()),
                post("/duty/patterns/remove", "/duty/patterns/remove", "id", aRep.id()),
                post("/duty/swaps", "/duty/swaps", "userId", aRep.id(), "from", "2030-01-07T08:00", "to",
                        "2030-01-07T09:00"),
                post("/routing/rules", "/routing/rules", "target", "USER", "userId", aRep.id()),
                post("/routing/rules/{index}/{action}", "/routing/rules/0/up"),
                post("/routing/fallback", "/routing/fallback", "userId", aRep.id()),
                post("/exhibitions/{importId}", "/exhibitions/" + aImport, "homeRegion", "Alpha Region"),
                post("/library/material/templates", "/library/material/templates", "id", aTemplate, "name",
                        "Hijacked", "language", "en", "subject", "Hijacked", "body", "Hijacked"),
                post("/library/material/templates/{id}/archive", "/library/material/templates/" + aTemplate
                        + "/archive"),
                post("/library/material/files", "/library/material/files"),
                post("/library/material/files/{id}/delete", "/library/material/files/" + aFile + "/delete"),
                post("/leads/{id}/material", "/leads/" + aOther + "/material", "templateId", aTemplate,
                        "requested", "true"),
                post("/leads/{id}/material/{sendId}/retry", "/leads/" + aOther + "/material/" + aSend + "/retry"),
                post("/reports/projects/{id}/reviews", "/reports/projects/" + aProject + "/reviews"),
                post("/reports/reviews/{id}/decisions", "/reports/reviews/" + aReview + "/decisions", "decisions",
                        "Hijacked"),
                post("/calendar/meetings/{id}/{what}", "/calendar/meetings/" + aAppointment + "/cancel", "reason",
                        "Hijacked"),
                post("/calendar/settings", "/calendar/settings", "timeZone", "Europe/Oslo"),
                post("/calendar/reps/{repId}/settings", "/calendar/reps/" + aRep.id() + "/settings", "timeZone",
                        "Europe/Oslo", "monday", "09:00-10:00"),
                post("/calendar/reps/{repId}/caldav", "/calendar/reps/" + aRep.id() + "/caldav", "url",
                        "http://127.0.0.1:9/calendar/", "username", "rep", "password", "app-password"),
                post("/calendar/reps/{repId}/caldav/sync", "/calendar/reps/" + aRep.id() + "/caldav/sync"),
                post("/calendar/reps/{repId}/caldav/delete", "/calendar/reps/" + aRep.id() + "/caldav/delete"),
                // the lead's own page: an unknown link is a 404 whatever the workspace
                post("/meet/{token}/confirm", "/meet/AAAA.BBBB/confirm"),
                post("/meet/{token}/move", "/meet/AAAA.BBBB/move", "start", "2030-01-07T10:00:00Z"),
                post("/meet/{token}/cancel", "/meet/AAAA.BBBB/cancel", "reason", "Hijacked"),
                post("/console/{projectId}/calls/{attemptId}/book", "/console/" + aProject + "/calls/" + aAttempt
                        + "/book", "start", clock.instant().plus(Duration.ofDays(3)).truncatedTo(ChronoUnit.HOURS)
                                .toString()),
                post("/console/{projectId}/calls/{attemptId}/address", "/console/" + aProject + "/calls/" + aAttempt
                        + "/address", "address", "Hijacked 1"),
                post("/calendar/violations/{id}/move", "/calendar/violations/" + aAppointment + "/move", "start",
                        clock.instant().plus(Duration.ofDays(3)).truncatedTo(ChronoUnit.HOURS).toString()),
                post("/account/preferences", "/account/preferences", "locale", "en", "timeZone", "Europe/Oslo"),
                post("/account/password", "/account/password", "currentPassword", "wrong", "newPassword",
                        "long-enough-password"),
                post("/account/tokens", "/account/tokens", "name", "B token"),
                post("/account/tokens/{id}/revoke", "/account/tokens/" + aToken + "/revoke"),
                post("/workspace/switch", "/workspace/switch", "workspaceId", a.id()),
                post("/admin/users", "/admin/users", "username", "b-user-" + System.nanoTime(), "password",
                        "long-enough-password", "roles", "AGENT", "team", aTeam),
                post("/admin/users/{id}", "/admin/users/" + aAgent.id(), "displayName", "Hijacked"),
                post("/admin/users/{id}/active", "/admin/users/" + aAgent.id() + "/active", "active", "false"),
                post("/admin/teams", "/admin/teams", "name", "B team", "region", aRegion),
                post("/admin/regions", "/admin/regions", "name", "B region"),
                post("/admin/teams/{id}/delete", "/admin/teams/" + aTeam + "/delete"),
                post("/admin/regions/{id}/delete", "/admin/regions/" + aRegion + "/delete"),
                post("/library/answers", "/library/answers", "id", aAnswer, "language", "en", "question",
                        "Hijacked?", "body", "Hijacked."),
                post("/library/answers/{id}/delete", "/library/answers/" + aAnswer + "/delete"),
                post("/library/products", "/library/products", "name", "B product"));
    }

    /** One probe per page with an id in its path (and the pages that take an id as a parameter). */
    private List<Probe> gets() {
        return List.of(
                get("/meet/{token}", "/meet/AAAA.BBBB"),
                get("/console/{projectId}/answers", "/console/" + aProject + "/answers"),
                get("/projects/{id}/edit", "/projects/" + aProject + "/edit"),
                get("/projects/{id}/outcomes", "/projects/" + aProject + "/outcomes"),
                get("/projects/{id}/script", "/projects/" + aProject + "/script"),
                get("/projects/{id}/script/{language}", "/projects/" + aProject + "/script/en"),
                get("/leads/imports/{id}", "/leads/imports/" + aImport),
                get("/leads/imports/{id}/progress", "/leads/imports/" + aImport + "/progress"),
                get("/leads/imports/{id}/rejected.csv", "/leads/imports/" + aImport + "/rejected.csv"),
                get("/leads/{id}", "/leads/" + aContact),
                get("/leads/{id}/edit", "/leads/" + aContact + "/edit"),
                get("/leads/{id}/compare/{otherId}", "/leads/" + aContact + "/compare/" + aOther),
                get("/deals/{id}", "/deals/" + aDeal),
                get("/console/{projectId}", "/console/" + aProject),
                get("/console/{projectId}/calls/{attemptId}", "/console/" + aProject + "/calls/" + aAttempt),
                get("/projects/{id}", "/projects/" + aProject),
                get("/exhibitions/{importId}", "/exhibitions/" + aImport),
                get("/library/material/files/{id}", "/library/material/files/" + aFile),
                get("/leads/{id}/material", "/leads/" + aOther + "/material"),
                get("/reports/projects/{id}", "/reports/projects/" + aProject),
                get("/reports/reviews/{id}", "/reports/reviews/" + aReview),
                get("/calendar/reps/{repId}/settings", "/calendar/reps/" + aRep.id() + "/settings"),
                get("/console/{projectId}/calls/{attemptId}/book", "/console/" + aProject + "/calls/" + aAttempt
                        + "/book"),
                get("/admin/users/{id}", "/admin/users/" + aAgent.id()),
                get("/reports/projects/{id}/questions", "/reports/projects/" + aProject + "/questions"),
                get("/deals/new", "/deals/new?contact=" + aContact),
                get("/deals", "/deals?pipeline=" + aPipeline),
                get("/calendar", "/calendar?rep=" + aRep.id()),
                get("/library/material", "/library/material?edit=" + aTemplate),
                get("/library/answers", "/library/answers?edit=" + aAnswer));
    }

    record Probe(String method, String pattern, String path, Map<String, String> fields) {
    }

    private static Probe post(String pattern, String path, String... fields) {
        Map<String, String> form = new LinkedHashMap<>();
        for (int i = 0; i < fields.length; i += 2) {
            form.put(fields[i], fields[i + 1]);
        }
        return new Probe("POST", pattern, path, form);
    }

    private static Probe get(String pattern, String path) {
        return new Probe("GET", pattern, path, Map.of());
    }

    /** Every page mapping (outside /api) answering POST, or GET with a variable in its path, and its handler. */
    private Map<String, HandlerMethod> pageMappings() {
        Map<String, HandlerMethod> found = new TreeMap<>();
        mappings.getHandlerMethods().forEach((RequestMappingInfo info, HandlerMethod method) -> info
                .getPatternValues().stream().filter(p -> !p.startsWith("/api/") && !p.startsWith("/v3/"))
                .forEach(p -> info.getMethodsCondition().getMethods().forEach(m -> {
                    if (m == RequestMethod.POST || m == RequestMethod.GET && p.contains("{")
                            && !p.startsWith("/{section")) {
                        found.put(m.name() + " " + p, method);
                    }
                })));
        return found;
    }

    @Test
    void everyPageFormAndPageWithAnIdHasAProbe() {
        Set<String> probed = new TreeSet<>();
        posts().forEach(p -> probed.add(p.method() + " " + p.pattern()));
        gets().stream().filter(p -> p.pattern().contains("{")).forEach(p -> probed.add(p.method() + " " + p.pattern()));

        assertThat(probed).containsExactlyInAnyOrderElementsOf(pageMappings().keySet());
    }

    @Test
    void aControlCharacterOrAnOverlongValueInAnyFieldOfAnyPageFormIsA400NamingTheField() {
        Pages asA = Pages.signIn(port, a.admin());
        Map<String, HandlerMethod> handlers = pageMappings();
        List<String> wrong = new ArrayList<>();
        int sent = 0;
        for (Probe probe : posts()) {
            for (String field : fields(handlers.get("POST " + probe.pattern()), probe)) {
                for (String bad : List.of("a\u0000b", "line\u0007bell", "c1\u0085", "x".repeat(10_001))) {
                    Map<String, String> form = new LinkedHashMap<>(probe.fields());
                    form.put(field, bad);
                    Pages.Response response = asA.post(probe.path(), form);
                    sent++;
                    if (response.status() != 400 || !response.body().contains("data-field=\"" + field + "\"")) {
                        wrong.add(probe.path() + " " + field + "=" + printable(bad) + " -> " + response);
                    }
                }
            }
        }
        assertThat(wrong).as("of %d posts", sent).isEmpty();
        assertThat(sent).isGreaterThan(600);
    }

    @Test
    void aLongValueBelowTheCapInAnyFieldOfAnyPageFormIsNeverA500() {
        Pages asA = Pages.signIn(port, a.admin());
        Map<String, HandlerMethod> handlers = pageMappings();
        List<String> wrong = new ArrayList<>();
        for (Probe probe : posts()) {
            if (probe.path().endsWith("/active") || probe.path().startsWith("/workspace/")) {
                continue; // these would end the admin's own session, not test input
            }
            for (String field : fields(handlers.get("POST " + probe.pattern()), probe)) {
                Map<String, String> form = new LinkedHashMap<>(probe.fields());
                form.put(field, "7".repeat(9_999));
                Pages.Response response = asA.post(probe.path(), form);
                if (response.status() >= 500) {
                    wrong.add(probe.path() + " " + field + " -> " + response);
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void aControlCharacterOrAnOverlongFieldNameIsRefusedToo() {
        Pages asA = Pages.signIn(port, a.admin());

        // Spring Security's firewall refuses a control character in a parameter's name before any page code
        Pages.Response control = asA.post("/leads/imports/start", Map.of("map[Tele\u0000fon]", "phone"));
        Pages.Response overlong = asA.post("/leads/imports/start", Map.of("map[" + "T".repeat(10_001) + "]", "phone"));

        assertThat(control.status()).isEqualTo(400);
        assertThat(overlong.status()).isEqualTo(400);
        assertThat(overlong.body()).contains("data-field=\"map[TTTT");
    }

    @Test
    void aNulInTheLeadSearchIsA400NamingTheField() {
        Pages asA = Pages.signIn(port, a.admin());

        Pages.Response response = asA.get("/leads?q=%00");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).contains("data-field=\"q\"").contains("id=\"field-error\"");
    }

    @Test
    void aControlCharacterInTheLoginFormIsRefusedNotA500() {
        for (String username : List.of("a\u0000b", "x".repeat(10_001), a.admin().username() + "\u0000")) {
            Pages.Response response = Pages.signedOut(port).post("/login", Map.of("username", username,
                    "password", a.admin().password()));

            assertThat(response.status()).as(printable(username)).isEqualTo(400);
            assertThat(response.body()).contains("data-field=\"username\"");
        }
    }

    @Test
    void theFieldIsNamedInTheUsersLanguage() {
        Tenant.User agent = a.user("AGENT");
        Pages asAgent = Pages.signIn(port, agent);
        asAgent.post("/account/preferences", Map.of("locale", "nb", "timeZone", "Europe/Oslo"));

        Pages.Response response = asAgent.get("/leads?q=a%00b");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).contains("Feltet «q» inneholder et kontrolltegn");
    }

    @Test
    void noLocationHeaderCarriesWhatWasSent() {
        Pages asA = Pages.signIn(port, a.admin());

        Pages.Response deal = asA.post("/deals", Map.of("contactId", aContact + "\r\nSet-Cookie: stolen=1"));
        Pages.Response view = asA.post("/leads/views", Map.of("name", "Mine", "query", "q=x\r\nSet-Cookie: stolen=1"));
        Pages.Response week = asA.post("/calendar/meetings/" + aAppointment + "/held",
                Map.of("week", "2026-01-05\r\nSet-Cookie: stolen=1"));

        for (Pages.Response response : List.of(deal, view, week)) {
            assertThat(response.status()).as(response.toString()).isEqualTo(400);
            assertThat(response.raw().headers().map()).doesNotContainKey("set-cookie".toLowerCase())
                    .doesNotContainKey("location");
        }
        assertThat(deal.body()).contains("data-field=\"contactId\"");
        assertThat(view.body()).contains("data-field=\"query\"");
        assertThat(week.body()).contains("data-field=\"week\"");
    }

    @Test
    void workspaceBGetsA404ForEveryIdOfWorkspaceAOnThePages() {
        Pages asB = Pages.signIn(port, b.admin());
        List<String> ids = List.of(aAgent.id(), aRep.id(), aTeam, aRegion, aToken, aContact, aOther, aImport,
                aProject, aAttempt, aAppointment, aTask, aDeal, aPipeline, aReview, aAnswer, aFile, aTemplate, aSend,
                aView);
        List<String> wrong = new ArrayList<>();
        for (Probe probe : gets()) {
            Pages.Response response = asB.get(probe.path());
            if (response.status() != 404) {
                wrong.add("GET " + probe.path() + " -> " + response);
            }
        }
        for (Probe probe : posts()) {
            boolean inPath = ids.stream().anyMatch(probe.path()::contains);
            boolean inForm = ids.stream().anyMatch(id -> probe.fields().containsValue(id));
            if (!inPath && !inForm) {
                continue;
            }
            Pages.Response response = asB.post(probe.path(), probe.fields());
            if (inPath ? response.status() != 404 : !refused(asB, response)) {
                wrong.add("POST " + probe.path() + " " + probe.fields() + " -> " + response);
            }
        }
        assertThat(wrong).isEmpty();

        Api asA = a.asAdmin();
        assertThat(asA.get("/api/v1/contacts/" + aContact).json().get("surname").asText()).isEqualTo("Secretperson");
        assertThat(asA.get("/api/v1/projects/" + aProject).json().get("name").asText()).isEqualTo("Alpha Project");
        JsonNode deal = asA.get("/api/v1/deals/" + aDeal).json();
        assertThat(deal.get("status").asText()).isEqualTo("OPEN");
        assertThat(deal.toString()).doesNotContain("Hijacked");
        assertThat(asA.get("/api/v1/appointments/" + aAppointment).json().get("status").asText()).isEqualTo("BOOKED");
        assertThat(asA.get("/api/v1/users/" + aAgent.id()).json().get("active").asBoolean()).isTrue();
        assertThat(asA.get("/api/v1/teams").body()).contains("Alpha Team");
        assertThat(asA.get("/api/v1/answers").body()).contains("Alpha price question").doesNotContain("Hijacked");
        assertThat(asA.get("/api/v1/material/files").body()).contains("alpha-brochure.pdf");
        assertThat(asA.get("/api/v1/reports/reviews/" + aReview).json().get("decisions").isNull()
                || !asA.get("/api/v1/reports/reviews/" + aReview).body().contains("Hijacked")).isTrue();
        assertThat(Pages.signIn(port, a.admin()).get("/leads").body()).contains("Alpha view");
    }

    /**
     * Whether a form post with another workspace's id in a field was refused: a 404, a 400, or the form (or the page
     * it returns to) showing the field's error, as for any other value the form does not take.
     */
    private static boolean refused(Pages session, Pages.Response response) {
        if (response.status() == 404 || response.status() == 400) {
            return true;
        }
        String page = response.status() == 302 ? session.get(response.location().replaceFirst("^https?://[^/]+", ""))
                .body() : response.body();
        return response.status() < 400 && (page.contains("class=\"flash error\"") || page.contains("class=\"error-text\""));
    }

    /** The fields a handler reads: its request parameters and the components of the form record it binds. */
    private static Set<String> fields(HandlerMethod method, Probe probe) {
        Set<String> names = new LinkedHashSet<>(probe.fields().keySet());
        for (MethodParameter parameter : method.getMethodParameters()) {
            parameter.initParameterNameDiscovery(new DefaultParameterNameDiscoverer());
            Class<?> type = parameter.getParameterType();
            if (parameter.hasParameterAnnotation(PathVariable.class)
                    || parameter.hasParameterAnnotation(RequestHeader.class)
                    || MultipartFile.class.isAssignableFrom(type)) {
                continue;
            }
            RequestParam param = parameter.getParameterAnnotation(RequestParam.class);
            if (param != null) {
                if (!Map.class.isAssignableFrom(type)) {
                    names.add(!param.name().isEmpty() ? param.name() : !param.value().isEmpty() ? param.value()
                            : parameter.getParameterName());
                }
            } else if (type.isRecord()) {
                for (RecordComponent component : type.getRecordComponents()) {
                    names.add(component.getName());
                }
            }
        }
        if (names.isEmpty()) {
            names.add("note"); // a form without fields still reads whatever is sent
        }
        return names;
    }

    private static String printable(String value) {
        return value.length() > 20 ? value.length() + " characters" : value.replaceAll("\\p{Cntrl}", "?");
    }
}

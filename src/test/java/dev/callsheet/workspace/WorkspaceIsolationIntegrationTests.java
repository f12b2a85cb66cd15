package dev.callsheet.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.callsheet.support.Api;
import dev.callsheet.support.IntegrationTest;
import dev.callsheet.support.Tenant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;

/**
 * Walks every {@code /api/v1} endpoint as the most privileged user of workspace B and proves that
 * nothing of workspace A can be read or changed. The walk is checked against the registered
 * endpoints, so a new endpoint without a probe here fails this test.
 */
class WorkspaceIsolationIntegrationTests extends IntegrationTest {

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    private Tenant a;
    private Tenant b;
    private Tenant.User aAgent;
    private String aTeam;
    private String aRegion;
    private String aToken;
    private String aContact;
    private String aImport;
    private String aProject;
    private String aAttempt;
    private Tenant.User aRep;
    private String aAppointment;
    private String aSwap;
    private String aTask;
    private String aDeal;
    private String aPipeline;
    private String aReview;
    private String aAnswer;
    private String aFile;
    private String aTemplate;
    private String aMaterialLead;
    private String aSend;

    @BeforeEach
    void twoWorkspaces() {
        a = Tenant.create(api, "Alpha Secret AS");
        b = Tenant.create(api, "Bravo AS");
        aAgent = a.user("AGENT");
        aRegion = a.asAdmin().post("/api/v1/regions", Map.of("name", "Alpha Region")).json().get("id").asText();
        aTeam = a.asAdmin().post("/api/v1/teams", Map.of("name", "Alpha Team")).json().get("id").asText();
        aToken = api.as(aAgent).post("/api/v1/me/tokens", Map.of("name", "Alpha token")).json().get("id").asText();
        aContact = a.asAdmin().post("/api/v1/contacts", Map.of("firstName", "Alpha", "surname", "Secretperson",
                "organisation", "Alpha Secret Holding", "phone", "+47 22 33 44 55", "email", "boss@alpha-secret.no"))
                .json().get("id").asText();
        aImport = a.asAdmin().upload("/api/v1/imports", "alpha.csv",
                "name;phone\nAlpha Importee;+47 23 45 67 89\n".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                Map.of("country", "NO")).json().get("id").asText();
        Map<String, Object> allDay = new java.util.HashMap<>();
        for (java.time.DayOfWeek day : java.time.DayOfWeek.values()) {
            allDay.put(day.name(), List.of(Map.of("from", "00:00", "to", "24:00")));
        }
        aProject = a.asAdmin().post("/api/v1/projects", Map.of("name", "Alpha Project", "primaryGoal", "Alpha goal",
                "callingHours", allDay)).json().get("id").asText();
        a.asAdmin().send("PUT", "/api/v1/projects/" + aProject + "/scripts/en", Map.of("nodes", List.of(Map.of("id", "open",
                "stage", "OPENING", "text", "Alpha opening line"))));
        a.asAdmin().post("/api/v1/projects/" + aProject + "/leads", Map.of("contactIds", List.of(aContact)));
        aAttempt = api.as(aAgent).post("/api/v1/projects/" + aProject + "/next", null).json().get("attemptId").asText();
        api.as(aAgent).send("PUT", "/api/v1/attempts/" + aAttempt + "/notes", Map.of("notes", "Alpha notes"));
        a.asAdmin().post("/api/v1/holidays", Map.of("country", "NO", "day", "2026-12-25", "name", "Alpha Christmas"));
        a.asAdmin().post("/api/v1/dnc", Map.of("phone", "+47 23 45 67 89"));
        aRep = a.user("REP");
        a.asAdmin().send("PUT", "/api/v1/reps/" + aRep.id() + "/calendar", Map.of("timeZone", "Europe/Oslo",
                "minNoticeMinutes", 0, "weeklyHours", allDay, "email", "alpha-rep@alpha-secret.no"));
        aAppointment = api.as(aAgent).post("/api/v1/appointments", Map.of("leadId", aContact, "repId", aRep.id(),
                "start", clock.instant().plus(java.time.Duration.ofDays(2)).truncatedTo(java.time.temporal.ChronoUnit.HOURS)
                        .toString(), "notes", "Alpha meeting notes")).json().get("id").asText();
        aSwap = a.asAdmin().post("/api/v1/duty/swaps", Map.of("userId", aRep.id(), "from", "2030-01-07T08:00:00Z",
                "to", "2030-01-07T09:00:00Z", "note", "Alpha swap")).json().get("id").asText();
        api.anonymous().post("/api/v1/public/" + a.key() + "/leads", Map.of("name", "Alpha Webperson",
                "email", "web@alpha-secret.no", "message", "Alpha web message"));
        aTask = a.asAdmin().get("/api/v1/tasks").json().get("items").get(0).get("id").asText();
        for (int i = 0; i < 100 && aDeal == null; i++) {
            JsonNode deals = a.asAdmin().get("/api/v1/deals?contactId=" + aContact).json().get("items");
            if (!deals.isEmpty()) {
                aDeal = deals.get(0).get("id").asText();
            } else {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        a.asAdmin().post("/api/v1/deals/" + aDeal + "/notes", Map.of("text", "Alpha deal note"));
        aPipeline = a.asAdmin().get("/api/v1/pipelines").json().get("items").get(0).get("id").asText();
        aReview = a.asAdmin().post("/api/v1/reports/projects/" + aProject + "/reviews", null).json().get("id").asText();
        a.asAdmin().send("PUT", "/api/v1/reports/reviews/" + aReview + "/decisions", Map.of("decisions", "Alpha plan"));
        a.asAdmin().post("/api/v1/products", Map.of("name", "Alpha panel"));
        aAnswer = a.asAdmin().post("/api/v1/answers", Map.of("language", "en", "question", "Alpha price question",
                "body", "Alpha secret price")).json().get("id").asText();
        aFile = a.asAdmin().upload("/api/v1/material/files", "alpha-brochure.pdf",
                "%PDF-1.4 Alpha".getBytes(java.nio.charset.StandardCharsets.US_ASCII), Map.of()).json().get("id").asText();
        aTemplate = a.asAdmin().post("/api/v1/material/templates", Map.of("name", "Alpha brochure", "language", "en",
                "subject", "Alpha subject", "body", "Alpha body ${contact.name}", "attachmentIds", List.of(aFile)))
                .json().get("id").asText();
        aMaterialLead = a.asAdmin().post("/api/v1/contacts", Map.of("firstName", "Alpha", "surname", "Reader",
                "emails", List.of("reader@alpha-secret.no"))).json().get("id").asText();
        aSend = api.as(aAgent).post("/api/v1/contacts/" + aMaterialLead + "/material", Map.of("templateId", aTemplate,
                "requested", true)).json().get("id").asText();
    }

    /** One request per endpoint, aimed at workspace A's data, sent as B's admin. */
    private List<Probe> probes() {
        return List.of(
                new Probe("GET", "/api/v1/me", "/api/v1/me", null),
                new Probe("GET", "/api/v1/me/tokens", "/api/v1/me/tokens", null),
                new Probe("POST", "/api/v1/me/tokens", "/api/v1/me/tokens", Map.of("name", "B token")),
                new Probe("DELETE", "/api/v1/me/tokens/{id}", "/api/v1/me/tokens/" + aToken, null),
                new Probe("GET", "/api/v1/users", "/api/v1/users", null),
                new Probe("POST", "/api/v1/users", "/api/v1/users", Map.of("username", "b-user-" + System.nanoTime(),
                        "password", "long-enough-pw", "roles", List.of("AGENT"), "region", aRegion)),
                new Probe("GET", "/api/v1/users/{id}", "/api/v1/users/" + aAgent.id(), null),
                new Probe("PATCH", "/api/v1/users/{id}", "/api/v1/users/" + aAgent.id(),
                        Map.of("displayName", "Hijacked")),
                new Probe("PUT", "/api/v1/users/{id}", "/api/v1/users/" + aAgent.id(), Map.of("hourlyCost", 1)),
                new Probe("PUT", "/api/v1/contacts/{id}/buying-role", "/api/v1/contacts/" + aContact + "/buying-role",
                        Map.of("buyingRole", "USER")),
                new Probe("GET", "/api/v1/material/files", "/api/v1/material/files", null),
                new Probe("POST", "/api/v1/material/files", "/api/v1/material/files", Map.of("file", "x")),
                new Probe("GET", "/api/v1/material/files/{id}", "/api/v1/material/files/" + aFile, null),
                new Probe("DELETE", "/api/v1/material/files/{id}", "/api/v1/material/files/" + aFile, null),
                new Probe("GET", "/api/v1/material/templates", "/api/v1/material/templates", null),
                new Probe("POST", "/api/v1/material/templates", "/api/v1/material/templates", Map.of("name", "B",
                        "language", "en", "subject", "B", "body", "B", "attachmentIds", List.of(aFile))),
                new Probe("GET", "/api/v1/material/templates/{id}", "/api/v1/material/templates/" + aTemplate, null),
                new Probe("PUT", "/api/v1/material/templates/{id}", "/api/v1/material/templates/" + aTemplate,
                        Map.of("name", "Hijacked", "language", "en", "subject", "Hijacked", "body", "Hijacked")),
                new Probe("DELETE", "/api/v1/material/templates/{id}", "/api/v1/material/templates/" + aTemplate, null),
                new Probe("GET", "/api/v1/contacts/{id}/material", "/api/v1/contacts/" + aMaterialLead + "/material", null),
                new Probe("GET", "/api/v1/contacts/{id}/material/preview", "/api/v1/contacts/" + aMaterialLead
                        + "/material/preview?templateId=" + aTemplate, null),
                new Probe("POST", "/api/v1/contacts/{id}/material", "/api/v1/contacts/" + aMaterialLead + "/material",
                        Map.of("templateId", aTemplate, "requested", true)),
                new Probe("POST", "/api/v1/material/sends/{id}/retry", "/api/v1/material/sends/" + aSend + "/retry", null),
                new Probe("PUT", "/api/v1/contacts/{id}/campaign", "/api/v1/contacts/" + aContact + "/campaign",
                        Map.of("campaign", "HIJACK")),
                new Probe("GET", "/api/v1/products", "/api/v1/products", null),
                new Probe("POST", "/api/v1/products", "/api/v1/products", Map.of("name", "B product")),
                new Probe("GET", "/api/v1/answers", "/api/v1/answers", null),
                new Probe("POST", "/api/v1/answers", "/api/v1/answers", Map.of("language", "en", "question", "B?",
                        "body", "B.")),
                new Probe("PUT", "/api/v1/answers/{id}", "/api/v1/answers/" + aAnswer, Map.of("language", "en",
                        "question", "Hijacked?", "body", "Hijacked.")),
                new Probe("DELETE", "/api/v1/answers/{id}", "/api/v1/answers/" + aAnswer, null),
                new Probe("POST", "/api/v1/attempts/{id}/questions", "/api/v1/attempts/" + aAttempt + "/questions",
                        Map.of("text", "Hijacked?")),
                new Probe("GET", "/api/v1/projects/{id}/questions", "/api/v1/projects/" + aProject + "/questions", null),
                new Probe("GET", "/api/v1/answers/search", "/api/v1/answers/search?language=en&q=Alpha%20price", null),
                new Probe("GET", "/api/v1/workspace/costs", "/api/v1/workspace/costs", null),
                new Probe("PUT", "/api/v1/workspace/costs", "/api/v1/workspace/costs", Map.of("hourlyCost", 12)),
                new Probe("PUT", "/api/v1/teams/{id}/cost", "/api/v1/teams/" + aTeam + "/cost", Map.of("hourlyCost", 1)),
                new Probe("POST", "/api/v1/users/{id}/deactivate", "/api/v1/users/" + aAgent.id() + "/deactivate", null),
                new Probe("POST", "/api/v1/users/{id}/activate", "/api/v1/users/" + aAgent.id() + "/activate", null),
                new Probe("GET", "/api/v1/teams", "/api/v1/teams", null),
                new Probe("POST", "/api/v1/teams", "/api/v1/teams", Map.of("name", "B team", "region", aRegion)),
                new Probe("DELETE", "/api/v1/teams/{id}", "/api/v1/teams/" + aTeam, null),
                new Probe("GET", "/api/v1/regions", "/api/v1/regions", null),
                new Probe("POST", "/api/v1/regions", "/api/v1/regions", Map.of("name", "Bravo Region")),
                new Probe("DELETE", "/api/v1/regions/{id}", "/api/v1/regions/" + aRegion, null),
                new Probe("GET", "/api/v1/workspaces", "/api/v1/workspaces", null),
                new Probe("GET", "/api/v1/contacts", "/api/v1/contacts?q=Alpha", null),
                new Probe("POST", "/api/v1/contacts", "/api/v1/contacts", Map.of("surname", "Bravoperson",
                        "region", aRegion, "ownerId", aAgent.id())),
                new Probe("GET", "/api/v1/contacts/{id}", "/api/v1/contacts/" + aContact, null),
                new Probe("PUT", "/api/v1/contacts/{id}", "/api/v1/contacts/" + aContact, Map.of("surname", "Hijacked")),
                new Probe("GET", "/api/v1/contacts/{id}/activities", "/api/v1/contacts/" + aContact + "/activities", null),
                new Probe("GET", "/api/v1/contacts/{id}/duplicates", "/api/v1/contacts/" + aContact + "/duplicates", null),
                new Probe("POST", "/api/v1/contacts/{id}/merge/{otherId}",
                        "/api/v1/contacts/" + aContact + "/merge/" + aContact, null),
                new Probe("POST", "/api/v1/contacts/{id}/not-duplicate/{otherId}",
                        "/api/v1/contacts/" + aContact + "/not-duplicate/" + aContact, null),
                new Probe("POST", "/api/v1/duplicates/check", "/api/v1/duplicates/check",
                        Map.of("company", "Alpha Secret Holding", "phone", "+47 22 33 44 55", "email", "x@alpha-secret.no",
                                "surname", "Secretperson")),
                new Probe("POST", "/api/v1/imports", "/api/v1/imports", Map.of("country", "NO")),
                new Probe("GET", "/api/v1/imports", "/api/v1/imports", null),
                new Probe("GET", "/api/v1/imports/{id}", "/api/v1/imports/" + aImport, null),
                new Probe("GET", "/api/v1/imports/{id}/rejected", "/api/v1/imports/" + aImport + "/rejected", null),
                new Probe("GET", "/api/v1/imports/{id}/rows", "/api/v1/imports/" + aImport + "/rows", null),
                new Probe("POST", "/api/v1/projects", "/api/v1/projects", Map.of("name", "B project", "teamId", aTeam)),
                new Probe("GET", "/api/v1/projects", "/api/v1/projects", null),
                new Probe("GET", "/api/v1/projects/{id}", "/api/v1/projects/" + aProject, null),
                new Probe("PUT", "/api/v1/projects/{id}", "/api/v1/projects/" + aProject, Map.of("name", "Hijacked")),
                new Probe("GET", "/api/v1/projects/{id}/booking-defaults", "/api/v1/projects/" + aProject
                        + "/booking-defaults", null),
                new Probe("PUT", "/api/v1/projects/{id}/booking-defaults", "/api/v1/projects/" + aProject
                        + "/booking-defaults", Map.of("defaultMeetingType", "PHONE")),
                new Probe("GET", "/api/v1/projects/{id}/outcomes", "/api/v1/projects/" + aProject + "/outcomes", null),
                new Probe("PUT", "/api/v1/projects/{id}/outcomes/{code}", "/api/v1/projects/" + aProject
                        + "/outcomes/NO_ANSWER", Map.of("label", "Hijacked")),
                new Probe("DELETE", "/api/v1/projects/{id}/outcomes/{code}", "/api/v1/projects/" + aProject
                        + "/outcomes/NO_ANSWER", null),
                new Probe("GET", "/api/v1/projects/{id}/scripts", "/api/v1/projects/" + aProject + "/scripts", null),
                new Probe("GET", "/api/v1/projects/{id}/scripts/{language}", "/api/v1/projects/" + aProject
                        + "/scripts/en", null),
                new Probe("PUT", "/api/v1/projects/{id}/scripts/{language}", "/api/v1/projects/" + aProject
                        + "/scripts/en", Map.of("nodes", List.of(Map.of("id", "x", "stage", "OPENING", "text", "Hijacked")))),
                new Probe("POST", "/api/v1/projects/{id}/leads", "/api/v1/projects/" + aProject + "/leads",
                        Map.of("contactIds", List.of(aContact))),
                new Probe("GET", "/api/v1/projects/{id}/queue", "/api/v1/projects/" + aProject + "/queue", null),
                new Probe("POST", "/api/v1/projects/{id}/next", "/api/v1/projects/" + aProject + "/next", null),
                new Probe("POST", "/api/v1/projects/{id}/inbound", "/api/v1/projects/" + aProject + "/inbound",
                        Map.of("contactId", aContact)),
                new Probe("GET", "/api/v1/attempts/{id}", "/api/v1/attempts/" + aAttempt, null),
                new Probe("POST", "/api/v1/attempts/{id}/outcome", "/api/v1/attempts/" + aAttempt + "/outcome",
                        Map.of("outcome", "NO_ANSWER")),
                new Probe("PUT", "/api/v1/attempts/{id}/notes", "/api/v1/attempts/" + aAttempt + "/notes",
                        Map.of("notes", "Hijacked")),
                new Probe("POST", "/api/v1/attempts/{id}/result", "/api/v1/attempts/" + aAttempt + "/result",
                        Map.of("outcome", "SALE_SUCCESSFUL")),
                new Probe("GET", "/api/v1/contacts/{id}/calls", "/api/v1/contacts/" + aContact + "/calls", null),
                new Probe("GET", "/api/v1/holidays", "/api/v1/holidays?from=2026-01-01&to=2027-12-31", null),
                new Probe("POST", "/api/v1/holidays", "/api/v1/holidays", Map.of("country", "NO", "day", "2026-12-26",
                        "name", "Bravo day")),
                new Probe("DELETE", "/api/v1/holidays/{country}/{day}", "/api/v1/holidays/NO/2026-12-25", null),
                new Probe("POST", "/api/v1/dnc", "/api/v1/dnc", Map.of("phone", "+47 22 99 88 77")),
                new Probe("GET", "/api/v1/dnc", "/api/v1/dnc", null),
                new Probe("GET", "/api/v1/dnc/check", "/api/v1/dnc/check?phone=%2B4723456789", null),
                new Probe("DELETE", "/api/v1/dnc/{phone}", "/api/v1/dnc/+4723456789", null),
                new Probe("POST", "/api/v1/dnc/import", "/api/v1/dnc/import", Map.of("country", "NO")),
                new Probe("PUT", "/api/v1/reps/{userId}/calendar", "/api/v1/reps/" + aRep.id() + "/calendar",
                        Map.of("timeZone", "Asia/Seoul")),
                new Probe("GET", "/api/v1/reps/{userId}/calendar", "/api/v1/reps/" + aRep.id() + "/calendar", null),
                new Probe("PUT", "/api/v1/reps/{userId}/caldav", "/api/v1/reps/" + aRep.id() + "/caldav",
                        Map.of("url", "http://127.0.0.1:9/hijacked/", "username", "Hijacked", "password", "Hijacked")),
                new Probe("GET", "/api/v1/reps/{userId}/caldav", "/api/v1/reps/" + aRep.id() + "/caldav", null),
                new Probe("POST", "/api/v1/reps/{userId}/caldav/sync", "/api/v1/reps/" + aRep.id() + "/caldav/sync",
                        Map.of()),
                new Probe("DELETE", "/api/v1/reps/{userId}/caldav", "/api/v1/reps/" + aRep.id() + "/caldav", null),
                new Probe("GET", "/api/v1/reps", "/api/v1/reps", null),
                new Probe("GET", "/api/v1/availability", "/api/v1/availability", null),
                new Probe("POST", "/api/v1/appointments", "/api/v1/appointments", Map.of("leadId", aContact, "start",
                        "2030-01-07T10:00:00Z", "repId", aRep.id())),
                new Probe("GET", "/api/v1/appointments", "/api/v1/appointments?from=2020-01-01&to=2020-12-31", null),
                new Probe("GET", "/api/v1/appointments/violations", "/api/v1/appointments/violations", null),
                new Probe("GET", "/api/v1/appointments/{id}", "/api/v1/appointments/" + aAppointment, null),
                new Probe("POST", "/api/v1/appointments/{id}/reschedule", "/api/v1/appointments/" + aAppointment
                        + "/reschedule", Map.of("start", "2030-01-07T10:00:00Z")),
                new Probe("POST", "/api/v1/appointments/{id}/cancel", "/api/v1/appointments/" + aAppointment + "/cancel",
                        Map.of("reason", "Hijacked")),
                new Probe("POST", "/api/v1/appointments/{id}/held", "/api/v1/appointments/" + aAppointment + "/held",
                        null),
                new Probe("POST", "/api/v1/appointments/{id}/no-show", "/api/v1/appointments/" + aAppointment
                        + "/no-show", null),
                new Probe("GET", "/api/v1/appointments/{id}/invite.ics", "/api/v1/appointments/" + aAppointment
                        + "/invite.ics", null),
                new Probe("GET", "/api/v1/appointments/{id}/mail", "/api/v1/appointments/" + aAppointment + "/mail",
                        null),
                new Probe("POST", "/api/v1/appointments/{id}/mail/{mailId}/retry", "/api/v1/appointments/"
                        + aAppointment + "/mail/" + aAppointment + "/retry", null),
                new Probe("GET", "/api/v1/deals", "/api/v1/deals?contactId=" + aContact, null),
                new Probe("POST", "/api/v1/deals", "/api/v1/deals", Map.of("contactId", aContact)),
                new Probe("GET", "/api/v1/deals/{id}", "/api/v1/deals/" + aDeal, null),
                new Probe("PATCH", "/api/v1/deals/{id}", "/api/v1/deals/" + aDeal, Map.of("title", "Hijacked")),
                new Probe("POST", "/api/v1/deals/{id}/stage", "/api/v1/deals/" + aDeal + "/stage",
                        Map.of("stage", "DISCOVERY", "justification", "Hijacked")),
                new Probe("POST", "/api/v1/deals/{id}/disqualify", "/api/v1/deals/" + aDeal + "/disqualify",
                        Map.of("reason", "NO_BUDGET")),
                new Probe("POST", "/api/v1/deals/{id}/won", "/api/v1/deals/" + aDeal + "/won", Map.of()),
                new Probe("POST", "/api/v1/deals/{id}/lost", "/api/v1/deals/" + aDeal + "/lost", Map.of()),
                new Probe("POST", "/api/v1/deals/{id}/cancel", "/api/v1/deals/" + aDeal + "/cancel", Map.of()),
                new Probe("POST", "/api/v1/deals/{id}/members", "/api/v1/deals/" + aDeal + "/members",
                        Map.of("contactId", aContact, "role", "CHAMPION")),
                new Probe("DELETE", "/api/v1/deals/{id}/members/{contactId}", "/api/v1/deals/" + aDeal + "/members/"
                        + aContact, null),
                new Probe("POST", "/api/v1/deals/{id}/touches", "/api/v1/deals/" + aDeal + "/touches",
                        Map.of("kind", "CALL", "twoWay", true)),
                new Probe("POST", "/api/v1/deals/{id}/notes", "/api/v1/deals/" + aDeal + "/notes",
                        Map.of("text", "Hijacked")),
                new Probe("PUT", "/api/v1/deals/{id}/checks/{code}", "/api/v1/deals/" + aDeal
                        + "/checks/need_confirmed", Map.of("done", true)),
                new Probe("GET", "/api/v1/deals/board", "/api/v1/deals/board?pipelineId=" + aPipeline, null),
                new Probe("POST", "/api/v1/deals/import", "/api/v1/deals/import?pipelineId=" + aPipeline, Map.of()),
                new Probe("GET", "/api/v1/pipelines", "/api/v1/pipelines", null),
                new Probe("POST", "/api/v1/pipelines", "/api/v1/pipelines", Map.of("name", "B pipeline", "stages",
                        List.of(Map.of("code", "ONE")))),
                new Probe("GET", "/api/v1/pipelines/{id}", "/api/v1/pipelines/" + aPipeline, null),
                new Probe("PUT", "/api/v1/pipelines/{id}", "/api/v1/pipelines/" + aPipeline, Map.of("name", "Hijacked",
                        "stages", List.of(Map.of("code", "MEETING")))),
                new Probe("GET", "/api/v1/pipelines/{id}/model", "/api/v1/pipelines/" + aPipeline + "/model", null),
                new Probe("POST", "/api/v1/pipelines/{id}/model", "/api/v1/pipelines/" + aPipeline + "/model", null),
                new Probe("GET", "/api/v1/deal-settings", "/api/v1/deal-settings", null),
                new Probe("PUT", "/api/v1/deal-settings", "/api/v1/deal-settings",
                        Map.of("accountManagerId", aRep.id())),
                new Probe("GET", "/api/v1/insights/disqualification", "/api/v1/insights/disqualification?pipelineId="
                        + aPipeline, null),
                new Probe("GET", "/api/v1/dq-review", "/api/v1/dq-review", null),
                new Probe("GET", "/api/v1/deals/cost", "/api/v1/deals/cost", null),
                new Probe("GET", "/api/v1/commissions/rules", "/api/v1/commissions/rules", null),
                new Probe("PUT", "/api/v1/commissions/rules", "/api/v1/commissions/rules", Map.of("items", List.of(
                        Map.of("projectId", aProject, "percentOfAmount", 10, "agentSplit", 50, "repSplit", 50)))),
                new Probe("GET", "/api/v1/commissions/ledger", "/api/v1/commissions/ledger?userId=" + aAgent.id(),
                        null),
                new Probe("GET", "/api/v1/commissions/payout", "/api/v1/commissions/payout", null),
                new Probe("GET", "/api/v1/reports/projects/{id}/kpis", "/api/v1/reports/projects/" + aProject
                        + "/kpis?groupBy=agent", null),
                new Probe("GET", "/api/v1/reports/projects/{id}/trend", "/api/v1/reports/projects/" + aProject
                        + "/trend", null),
                new Probe("GET", "/api/v1/reports/projects/{id}/leaderboard", "/api/v1/reports/projects/" + aProject
                        + "/leaderboard", null),
                new Probe("GET", "/api/v1/reports/projects/{id}/funnel", "/api/v1/reports/projects/" + aProject
                        + "/funnel", null),
                new Probe("GET", "/api/v1/reports/projects/{id}/outcomes", "/api/v1/reports/projects/" + aProject
                        + "/outcomes?format=csv", null),
                new Probe("GET", "/api/v1/reports/funnel", "/api/v1/reports/funnel", null),
                new Probe("GET", "/api/v1/reports/floor", "/api/v1/reports/floor", null),
                new Probe("GET", "/api/v1/reports/deals", "/api/v1/reports/deals?pipelineId=" + aPipeline, null),
                new Probe("GET", "/api/v1/reports/reviews", "/api/v1/reports/reviews?projectId=" + aProject, null),
                new Probe("POST", "/api/v1/reports/projects/{id}/reviews", "/api/v1/reports/projects/" + aProject
                        + "/reviews", null),
                new Probe("GET", "/api/v1/reports/reviews/{id}", "/api/v1/reports/reviews/" + aReview, null),
                new Probe("PUT", "/api/v1/reports/reviews/{id}/decisions", "/api/v1/reports/reviews/" + aReview
                        + "/decisions", Map.of("decisions", "Hijacked")),
                new Probe("POST", "/api/v1/attempts/{id}/hangup", "/api/v1/attempts/" + aAttempt + "/hangup", null),
                new Probe("POST", "/api/v1/console/heartbeat", "/api/v1/console/heartbeat", null),
                new Probe("POST", "/api/v1/console/pause", "/api/v1/console/pause", null),
                new Probe("POST", "/api/v1/console/resume", "/api/v1/console/resume", null),
                new Probe("GET", "/api/v1/duty", "/api/v1/duty?at=2030-01-07T08:30:00Z", null),
                new Probe("GET", "/api/v1/duty/roster", "/api/v1/duty/roster", null),
                new Probe("PUT", "/api/v1/duty/roster", "/api/v1/duty/roster", Map.of("items", List.of(Map.of(
                        "weekday", "MONDAY", "from", "08:00", "to", "12:00", "userId", aRep.id())))),
                new Probe("POST", "/api/v1/duty/swaps", "/api/v1/duty/swaps", Map.of("userId", aRep.id(),
                        "from", "2030-01-07T08:00:00Z", "to", "2030-01-07T09:00:00Z")),
                new Probe("DELETE", "/api/v1/duty/swaps/{id}", "/api/v1/duty/swaps/" + aSwap, null),
                new Probe("GET", "/api/v1/tasks", "/api/v1/tasks?all=true", null),
                new Probe("GET", "/api/v1/assignments", "/api/v1/assignments?contactId=" + aContact, null),
                new Probe("GET", "/api/v1/routing/rules", "/api/v1/routing/rules", null),
                new Probe("PUT", "/api/v1/routing/rules", "/api/v1/routing/rules", Map.of("items", List.of(Map.of(
                        "target", "USER", "userId", aRep.id())))),
                new Probe("POST", "/api/v1/routing/dry-run", "/api/v1/routing/dry-run", null),
                new Probe("GET", "/api/v1/inbound/lookup", "/api/v1/inbound/lookup?phone=%2B4722334455", null),
                new Probe("POST", "/api/v1/inbound/calls", "/api/v1/inbound/calls", Map.of("phone", "+4722334455",
                        "contactId", aContact, "question", "Hijacked")),
                new Probe("POST", "/api/v1/exhibitions/{importId}/preview", "/api/v1/exhibitions/" + aImport
                        + "/preview", Map.of("homeRegion", "Alpha Region")),
                new Probe("POST", "/api/v1/exhibitions/{importId}/distribute", "/api/v1/exhibitions/" + aImport
                        + "/distribute", Map.of("homeRegion", "Alpha Region")),
                new Probe("POST", "/api/v1/tasks/{id}/done", "/api/v1/tasks/" + aTask + "/done", null),
                new Probe("POST", "/api/v1/workspaces", "/api/v1/workspaces",
                        Map.of("name", "B child", "adminUsername", "x-" + System.nanoTime(), "adminPassword", "long-enough-pw")));
    }

    record Probe(String method, String pattern, String path, Object body) {
    }

    @Test
    void everyApiEndpointHasAnIsolationProbe() {
        Set<String> registered = new TreeSet<>();
        mappings.getHandlerMethods().keySet().forEach(info -> info.getPatternValues().stream()
                .filter(p -> p.startsWith("/api/v1/") && !p.startsWith("/api/v1/public/"))
                .forEach(p -> info.getMethodsCondition().getMethods()
                        .forEach(m -> registered.add(m.name() + " " + p))));
        Set<String> probed = new TreeSet<>();
        probes().forEach(p -> probed.add(p.method() + " " + p.pattern()));

        assertThat(probed).containsExactlyInAnyOrderElementsOf(registered);
    }

    @Test
    void workspaceBSeesAndChangesNothingOfWorkspaceA() {
        Api asB = b.asAdmin();
        List<String> leaks = new ArrayList<>();
        for (Probe probe : probes()) {
            Api.Response response = asB.send(probe.method(), probe.path(), probe.body());
            assertThat(response.status()).as(probe + " -> " + response).isLessThan(500);
            String sent = probe.path() + " " + probe.body();
            for (String secret : List.of(a.id(), a.key(), "Alpha", aAgent.id(), aAgent.username(), aTeam, aRegion, aToken,
                    aContact, aImport, "Secretperson", "alpha-secret", "22334455", "Importee", aProject, aAttempt, "23456789",
                    aDeal, aPipeline, "Alpha deal note", aReview, "Alpha plan")) {
                // Echoing what the caller itself sent (an id in its own URL) reveals nothing.
                if (!sent.contains(secret) && response.body() != null && response.body().contains(secret)) {
                    leaks.add(probe.method() + " " + probe.path() + " leaked " + secret);
                }
            }
            if (probe.path().contains(aAgent.id()) || probe.path().contains(aTeam) || probe.path().contains(aRegion)
                    || probe.path().contains(aToken) || probe.path().contains(aContact) || probe.path().contains(aImport)
                    || probe.path().contains(aProject) || probe.path().contains(aAttempt)
                    || probe.path().contains(aRep.id()) || probe.path().contains(aAppointment)
                    || probe.path().contains(aSwap) || probe.path().contains(aTask) || probe.path().contains(aDeal)
                    || probe.path().contains(aReview) || probe.path().contains(aAnswer)
                    || probe.path().contains(aFile) || probe.path().contains(aTemplate)
                    || probe.path().contains(aMaterialLead) || probe.path().contains(aSend)
                    || probe.path().contains("NO/2026-12-25") || probe.path().startsWith("/api/v1/dnc/+")) {
                assertThat(response.status()).as(probe.toString()).isEqualTo(404);
            }
        }
        assertThat(leaks).isEmpty();
        assertThat(a.asAdmin().get("/api/v1/tasks").json().get("items").get(0).get("doneAt").isNull()).isTrue();
        assertThat(a.asAdmin().get("/api/v1/duty?at=2030-01-07T08:30:00Z").json().get("user").get("id").asText())
                .isEqualTo(aRep.id());
        JsonNode meeting = api.as(aAgent).get("/api/v1/appointments/" + aAppointment).json();
        assertThat(meeting.get("status").asText()).isEqualTo("BOOKED");
        assertThat(meeting.get("sequence").asInt()).isZero();
        assertThat(api.as(aAgent).get("/api/v1/reps/" + aRep.id() + "/calendar").json().get("timeZone").asText())
                .isEqualTo("Europe/Oslo");

        Api asA = a.asAdmin();
        Api.Response agent = asA.get("/api/v1/users/" + aAgent.id());
        assertThat(agent.json().get("displayName").asText()).isNotEqualTo("Hijacked");
        assertThat(agent.json().get("active").asBoolean()).isTrue();
        assertThat(asA.get("/api/v1/teams").body()).contains("Alpha Team").doesNotContain("B team");
        assertThat(asA.get("/api/v1/regions").body()).contains("Alpha Region").doesNotContain("Bravo Region");
        assertThat(api.as(aAgent).get("/api/v1/me/tokens").body()).contains("Alpha token").doesNotContain("\"revokedAt\":\"");
        assertThat(asA.get("/api/v1/contacts/" + aContact).json().get("surname").asText()).isEqualTo("Secretperson");
        assertThat(asA.get("/api/v1/contacts?q=Bravoperson").json().get("total").asInt()).isZero();
        assertThat(asA.get("/api/v1/projects/" + aProject).json().get("name").asText()).isEqualTo("Alpha Project");
        assertThat(asA.get("/api/v1/attempts/" + aAttempt).json().get("outcome").isNull()).isTrue();
        assertThat(asA.get("/api/v1/attempts/" + aAttempt).json().get("notes").asText()).isEqualTo("Alpha notes");
        assertThat(asA.get("/api/v1/holidays?from=2026-01-01&to=2027-12-31").body()).contains("Alpha Christmas");
        assertThat(asA.get("/api/v1/dnc/check?phone=%2B4723456789").json().get("listed").asBoolean()).isTrue();
        assertThat(asA.get("/api/v1/projects/" + aProject + "/outcomes").body()).doesNotContain("Hijacked");
        JsonNode deal = asA.get("/api/v1/deals/" + aDeal).json();
        assertThat(deal.get("status").asText()).isEqualTo("OPEN");
        assertThat(deal.get("stage").asText()).isEqualTo("MEETING");
        assertThat(deal.get("touches")).isEmpty();
        assertThat(deal.toString()).doesNotContain("Hijacked");
        assertThat(asA.get("/api/v1/pipelines/" + aPipeline).json().get("name").asText()).isEqualTo("Sales");
        assertThat(asA.get("/api/v1/reports/reviews/" + aReview).json().get("decisions").asText())
                .isEqualTo("Alpha plan");
        assertThat(asA.get("/api/v1/answers").body()).contains("Alpha price question").doesNotContain("Hijacked");
        assertThat(asA.get("/api/v1/material/templates/" + aTemplate).json().get("name").asText())
                .isEqualTo("Alpha brochure");
        assertThat(asA.get("/api/v1/material/files").body()).contains("alpha-brochure.pdf");
        assertThat(asA.get("/api/v1/contacts/" + aMaterialLead + "/material").json().get("items")).hasSize(1);
        assertThat(asA.get("/api/v1/deal-settings").json().get("accountManagerId").isNull()).isTrue();
        assertThat(asA.get("/api/v1/commissions/rules").json().get("items")).isEmpty();
    }
}

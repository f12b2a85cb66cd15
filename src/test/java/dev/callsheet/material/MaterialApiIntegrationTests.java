package dev.callsheet.material;

import static org.assertj.core.api.Assertions.assertThat;

import dev.callsheet.support.Api;
import dev.callsheet.support.IntegrationTest;
import dev.callsheet.support.Tenant;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import tools.jackson.databind.JsonNode;

/** Material by e-mail: templates with merge fields and attachments, consent, the outbox, and a failed send retried. */
class MaterialApiIntegrationTests extends IntegrationTest {

    private static final byte[] BROCHURE = "%PDF-1.4\n% Fjord Solar brochure\n".getBytes(StandardCharsets.US_ASCII);

    @Autowired
    private JavaMailSenderImpl smtp;

    private Api boss;
    private Api agent;
    private Api rep;
    private String file;

    @BeforeEach
    void setUp() {
        Tenant tenant = Tenant.create(api, "Material AS");
        boss = api.as(tenant.user("SUPERVISOR"));
        agent = api.as(tenant.user("AGENT"));
        rep = api.as(tenant.user("REP"));
        Api.Response uploaded = boss.upload("/api/v1/material/files", "brochure.pdf", BROCHURE, Map.of());
        assertThat(uploaded.status()).as(uploaded.toString()).isEqualTo(201);
        assertThat(uploaded.json().get("contentType").asText()).isEqualTo("application/pdf");
        file = uploaded.json().get("id").asText();
    }

    private String template(String name, String subject, String body) {
        Api.Response saved = boss.post("/api/v1/material/templates", Map.of("name", name, "language", "en",
                "subject", subject, "body", body, "attachmentIds", List.of(file)));
        assertThat(saved.status()).as(saved.toString()).isEqualTo(201);
        return saved.json().get("id").asText();
    }

    private String lead(String email, Map<String, Object> extra) {
        Map<String, Object> body = new HashMap<>(Map.of("firstName", "Kari", "surname", "Nordmann" + System.nanoTime(),
                "organisation", "Fjord Solar AS", "country", "NO"));
        if (email != null) {
            body.put("emails", List.of(email));
        }
        body.putAll(extra);
        Api.Response created = boss.post("/api/v1/contacts", body);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    private Api.Response send(String contact, Map<String, Object> body) {
        return agent.post("/api/v1/contacts/" + contact + "/material", body);
    }

    /** The lead's sendings once one matches, waiting up to 20 s for the outbox worker. */
    private JsonNode sendingsOnceOne(String contact, Predicate<JsonNode> wanted) throws InterruptedException {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(20).toNanos();
        JsonNode items;
        do {
            Api.Response listed = agent.get("/api/v1/contacts/" + contact + "/material");
            assertThat(listed.status()).as(listed.toString()).isEqualTo(200);
            items = listed.json().get("items");
            for (JsonNode item : items) {
                if (wanted.test(item)) {
                    return items;
                }
            }
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("no sending as wanted: " + items);
    }

    @Test
    void aTemplateRendersWithItsMergeFieldsAndAttachmentAndArrives() throws Exception {
        String brochure = template("Brochure", "${contact.firstName}, the brochure from ${agent.name}",
                "Dear ${contact.name} at ${company},\nas promised on the phone: our brochure.\n"
                        + "Your adviser is ${rep.name}.\nKind regards, ${agent.name}");
        String address = "kari." + System.nanoTime() + "@fjordsolar.no";
        String contact = lead(address, Map.of());
        Api.Response opened = rep.post("/api/v1/deals", Map.of("contactId", contact));
        assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
        String deal = opened.json().get("id").asText();
        String name = boss.get("/api/v1/contacts/" + contact).json().get("displayName").asText();

        Api.Response preview = agent.get("/api/v1/contacts/" + contact + "/material/preview?templateId=" + brochure);
        assertThat(preview.status()).as(preview.toString()).isEqualTo(200);
        assertThat(preview.json().get("subject").asText()).isEqualTo("Kari, the brochure from Test agent");
        assertThat(preview.json().get("body").asText()).startsWith("Dear " + name + " at Fjord Solar AS,\n")
                .contains("Your adviser is Test rep.");

        Api.Response sent = send(contact, Map.of("templateId", brochure, "requested", true));
        assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
        assertThat(sent.json().get("basis").asText()).isEqualTo("REQUESTED");
        assertThat(sent.json().get("recipient").asText()).isEqualTo(address);

        List<MimeMessage> received = mailTo(address, 1);
        assertThat(received).hasSize(1);
        MimeMessage message = received.get(0);
        assertThat(message.getSubject()).isEqualTo("Kari, the brochure from Test agent");
        List<Part> parts = new ArrayList<>();
        collect(message, parts);
        assertThat(parts.stream().filter(p -> isText(p)).map(MaterialApiIntegrationTests::text).toList())
                .anySatisfy(text -> assertThat(text).contains("Dear " + name + " at Fjord Solar AS")
                        .contains("Your adviser is Test rep.").contains("Kind regards, Test agent"));
        Part attachment = parts.stream().filter(p -> "brochure.pdf".equals(fileName(p))).findFirst().orElseThrow();
        assertThat(bytes(attachment)).isEqualTo(BROCHURE);

        sendingsOnceOne(contact, s -> s.get("status").asText().equals("SENT") && s.get("lastError").isNull());
        JsonNode timeline = agent.get("/api/v1/contacts/" + contact + "/activities").json();
        assertThat(timeline.toString()).contains("MATERIAL_SENT").contains("Brochure");
        JsonNode touches = rep.get("/api/v1/deals/" + deal).json().get("touches");
        assertThat(touches).hasSize(1);
        assertThat(touches.get(0).get("kind").asText()).isEqualTo("EMAIL");
        assertThat(touches.get(0).get("twoWay").asBoolean()).isFalse();
        assertThat(sent.json().get("dealId").asText()).isEqualTo(deal);
    }

    @Test
    void onlyWhatTheLeadAskedForOrAgreedToIsSent() throws Exception {
        String brochure = template("Price list", "Prices for ${company}", "Hello ${contact.firstName}, our prices.");
        String address = "no-consent." + System.nanoTime() + "@fjordsolar.no";
        String contact = lead(address, Map.of());

        Api.Response refused = send(contact, Map.of("templateId", brochure));
        assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
        assertThat(refused.json().get("field").asText()).isEqualTo("requested");

        String consenting = lead("consent." + System.nanoTime() + "@fjordsolar.no",
                Map.of("custom", Map.of("marketing_consent", "true")));
        Api.Response allowed = send(consenting, Map.of("templateId", brochure));
        assertThat(allowed.status()).as(allowed.toString()).isEqualTo(201);
        assertThat(allowed.json().get("basis").asText()).isEqualTo("CONSENT");

        String blocked = lead("dnc." + System.nanoTime() + "@fjordsolar.no", Map.of("status", "DO_NOT_CONTACT"));
        Api.Response dnc = send(blocked, Map.of("templateId", brochure, "requested", true));
        assertThat(dnc.status()).as(dnc.toString()).isEqualTo(409);

        // The lead gives an address on the call: it is where the material goes, and the card keeps it.
        String noAddress = lead(null, Map.of());
        Api.Response missing = send(noAddress, Map.of("templateId", brochure, "requested", true));
        assertThat(missing.status()).as(missing.toString()).isEqualTo(400);
        assertThat(missing.json().get("field").asText()).isEqualTo("to");
        String given = "given." + System.nanoTime() + "@fjordsolar.no";
        Api.Response toGiven = send(noAddress, Map.of("templateId", brochure, "requested", true, "to", given,
                "sendKey", "click-" + given));
        assertThat(toGiven.status()).as(toGiven.toString()).isEqualTo(201);
        assertThat(boss.get("/api/v1/contacts/" + noAddress).body()).contains(given);

        // A double click is one sending.
        Api.Response again = send(noAddress, Map.of("templateId", brochure, "requested", true, "to", given,
                "sendKey", "click-" + given));
        assertThat(again.json().get("id").asText()).isEqualTo(toGiven.json().get("id").asText());
        assertThat(mailTo(given, 1)).hasSize(1);
        Thread.sleep(600);
        assertThat(mailTo(given, 1)).hasSize(1);
        assertThat(agent.get("/api/v1/contacts/" + noAddress + "/material").json().get("items")).hasSize(1);

        Api.Response badTemplate = send(contact, Map.of("templateId", "not-an-id", "requested", true));
        assertThat(badTemplate.status()).isEqualTo(400);
        assertThat(badTemplate.json().get("field").asText()).isEqualTo("templateId");
        Api.Response badField = boss.post("/api/v1/material/templates", Map.of("name", "Broken", "language", "en",
                "subject", "Hi", "body", "Hello ${contact.age}"));
        assertThat(badField.status()).isEqualTo(400);
        assertThat(badField.json().get("field").asText()).isEqualTo("body");
        assertThat(badField.json().get("detail").asText()).contains("${contact.age}");
        String meeting = template("Meeting confirmation", "Our meeting",
                "See you on ${meeting.date} at ${meeting.time}, ${meeting.place}.");
        Api.Response noMeeting = send(contact, Map.of("templateId", meeting, "requested", true));
        assertThat(noMeeting.status()).as(noMeeting.toString()).isEqualTo(409);
        assertThat(noMeeting.json().get("field").asText()).isEqualTo("templateId");
        Api.Response notAllowed = agent.post("/api/v1/material/templates", Map.of("name", "Agent's own",
                "language", "en", "subject", "Hi", "body", "Hello"));
        assertThat(notAllowed.status()).isEqualTo(403);
    }

    @Test
    void aSendThatFailsSaysSoAndGoesOutWhenTriedAgain() throws Exception {
        String brochure = template("Brochure", "The brochure", "Hello ${contact.firstName}.");
        String address = "outage." + System.nanoTime() + "@fjordsolar.no";
        String contact = lead(address, Map.of());
        int port = smtp.getPort();
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        smtp.setPort(closed);
        String id;
        try {
            Api.Response sent = send(contact, Map.of("templateId", brochure, "requested", true));
            assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
            id = sent.json().get("id").asText();
            JsonNode items = sendingsOnceOne(contact, s -> !s.get("lastError").isNull());
            JsonNode failed = items.get(0);
            assertThat(failed.get("status").asText()).isEqualTo("PENDING");
            assertThat(failed.get("retryable").asBoolean()).isTrue();
            assertThat(failed.get("attempts").asInt()).isEqualTo(1);
        } finally {
            smtp.setPort(port);
        }
        Api.Response retried = agent.post("/api/v1/material/sends/" + id + "/retry", null);
        assertThat(retried.status()).as(retried.toString()).isEqualTo(200);
        assertThat(mailTo(address, 1)).hasSize(1);
        sendingsOnceOne(contact, s -> s.get("status").asText().equals("SENT"));
        Api.Response notFailed = agent.post("/api/v1/material/sends/" + id + "/retry", null);
        assertThat(notFailed.status()).isEqualTo(409);
    }

    private static void collect(Part part, List<Part> into) throws Exception {
        if (part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                collect(multipart.getBodyPart(i), into);
            }
        } else {
            into.add(part);
        }
    }

    private static boolean isText(Part part) {
        try {
            return part.isMimeType("text/plain") && part.getFileName() == null;
        } catch (Exception e) {
            return false;
        }
    }

    private static String text(Part part) {
        try {
            return (String) part.getContent();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String fileName(Part part) {
        try {
            return part.getFileName();
        } catch (Exception e) {
            return null;
        }
    }

    private static byte[] bytes(Part part) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        part.getDataHandler().writeTo(out);
        return out.toByteArray();
    }
}

package dev.callsheet.intake.web;

import dev.callsheet.intake.Intake;
import dev.callsheet.intake.WebLead;
import dev.callsheet.web.ApiProblem;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Where a company's website posts its forms (docs/domain.md §3.3), without signing in. The answer is only
 * "received": whether the visitor was known, and to whom the lead went, is not the public's business.
 * A hidden field {@code _gotcha} (empty for people, filled by bots) makes the post vanish silently.
 */
@RestController
class PublicLeadsController {

    private static final Set<String> KNOWN = Set.of("name", "company", "phone", "email", "website", "message",
            "country", "region", "consent", "project", "campaign", "_gotcha");

    private final Intake intake;

    PublicLeadsController(Intake intake) {
        this.intake = intake;
    }

    @PostMapping(path = "/api/v1/public/{workspaceKey}/leads", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, String>> json(@PathVariable String workspaceKey,
            @RequestBody(required = false) Map<String, Object> body,
            @RequestHeader(name = "Idempotency-Key", required = false) String key, HttpServletRequest request) {
        Map<String, String> fields = new LinkedHashMap<>();
        if (body != null) {
            body.forEach((k, v) -> {
                if (v != null && !(v instanceof String || v instanceof Number || v instanceof Boolean)) {
                    throw ApiProblem.badRequest(k, k + " must be text");
                }
                fields.put(k, v == null ? null : String.valueOf(v));
            });
        }
        return receive(workspaceKey, fields, key, request);
    }

    @PostMapping(path = "/api/v1/public/{workspaceKey}/leads", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    ResponseEntity<Map<String, String>> form(@PathVariable String workspaceKey,
            @RequestParam MultiValueMap<String, String> body,
            @RequestHeader(name = "Idempotency-Key", required = false) String key, HttpServletRequest request) {
        Map<String, String> fields = new LinkedHashMap<>();
        body.forEach((k, v) -> fields.put(k, v == null || v.isEmpty() ? null : String.join(", ", v)));
        return receive(workspaceKey, fields, key, request);
    }

    /** Size and rate were checked before the body was read: see {@link PublicFormGuard}. */
    private ResponseEntity<Map<String, String>> receive(String workspaceKey, Map<String, String> fields, String key,
            HttpServletRequest request) {
        Map<String, String> extra = new LinkedHashMap<>();
        fields.forEach((k, v) -> {
            if (!KNOWN.contains(k)) {
                extra.put(k, v);
            }
        });
        boolean bot = fields.get("_gotcha") != null && !fields.get("_gotcha").isBlank();
        WebLead lead = new WebLead(fields.get("name"), fields.get("company"), fields.get("phone"), fields.get("email"),
                fields.get("website"), fields.get("message"), fields.get("country"), fields.get("region"),
                fields.get("consent"), fields.get("project"), extra, fields.get("campaign"));
        intake.webLead(workspaceKey, lead, key, request.getRemoteAddr(), bot);
        return ResponseEntity.accepted().body(Map.of("status", "received"));
    }
}

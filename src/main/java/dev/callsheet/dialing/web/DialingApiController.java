package dev.callsheet.dialing.web;

import dev.callsheet.contacts.ImportStatus;
import dev.callsheet.contacts.Imports;
import dev.callsheet.dialing.DoNotCall;
import dev.callsheet.dialing.Floor;
import dev.callsheet.dialing.Lease;
import dev.callsheet.dialing.OutcomeReport;
import dev.callsheet.dialing.Queue;
import dev.callsheet.dialing.RecordedOutcome;
import dev.callsheet.web.ApiProblem;
import dev.callsheet.workspace.CurrentUser;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** The call queue over HTTP: leads into a project, next lead, outcomes, and the do-not-call list. */
@RestController
@PreAuthorize("hasRole('AGENT')")
class DialingApiController {

    private final Queue queue;
    private final Floor floor;
    private final DoNotCall doNotCall;
    private final Imports imports;

    DialingApiController(Queue queue, Floor floor, DoNotCall doNotCall, Imports imports) {
        this.queue = queue;
        this.floor = floor;
        this.doNotCall = doNotCall;
        this.imports = imports;
    }

    record LeadsRequest(List<UUID> contactIds, UUID importId) {
    }

    @PostMapping("/api/v1/projects/{id}/leads")
    @PreAuthorize("hasRole('SUPERVISOR')")
    Map<String, Integer> addLeads(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
            @RequestBody LeadsRequest body) {
        if ((body.contactIds() == null) == (body.importId() == null)) {
            throw ApiProblem.badRequest("contactIds", "send either contactIds or importId");
        }
        if (body.importId() != null) {
            ImportStatus status = imports.status(user.workspaceId(), body.importId());
            if (!"DONE".equals(status.status())) {
                throw ApiProblem.conflict("importId", "the import is " + status.status() + "; add it once it is DONE");
            }
            return Map.of("added", queue.addImport(user.workspaceId(), id, body.importId()));
        }
        if (body.contactIds().stream().anyMatch(Objects::isNull)) {
            throw ApiProblem.badRequest("contactIds", "contactIds must not hold nulls");
        }
        return Map.of("added", queue.add(user.workspaceId(), id, body.contactIds()));
    }

    @GetMapping("/api/v1/projects/{id}/queue")
    @PreAuthorize("hasRole('SUPERVISOR')")
    Map<String, Integer> queue(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        return queue.counts(user.workspaceId(), id);
    }

    @PostMapping("/api/v1/projects/{id}/next")
    ResponseEntity<Lease> next(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        return queue.next(user, id).map(ResponseEntity::ok).orElseGet(() -> ResponseEntity.noContent().build());
    }

    record InboundRequest(UUID contactId) {
    }

    @PostMapping("/api/v1/projects/{id}/inbound")
    Lease inbound(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, @RequestBody InboundRequest body) {
        if (body.contactId() == null) {
            throw ApiProblem.badRequest("contactId", "contactId is required: the caller's card");
        }
        return queue.inbound(user, id, body.contactId());
    }

    @PostMapping("/api/v1/attempts/{id}/outcome")
    RecordedOutcome outcome(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
            @RequestBody OutcomeReport body) {
        if (body.outcome() == null || body.outcome().isBlank()) {
            throw ApiProblem.badRequest("outcome", "outcome is required, e.g. NO_ANSWER");
        }
        return queue.outcome(user, id, body);
    }

    record NotesRequest(String notes) {
    }

    @PutMapping("/api/v1/attempts/{id}/notes")
    ResponseEntity<Void> notes(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
            @RequestBody NotesRequest body) {
        queue.saveNotes(user, id, body.notes());
        return ResponseEntity.noContent().build();
    }

    record ResultRequest(String outcome) {
    }

    @PostMapping("/api/v1/attempts/{id}/result")
    ResponseEntity<Void> result(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
            @RequestBody ResultRequest body) {
        queue.result(user, id, body.outcome());
        return ResponseEntity.noContent().build();
    }

    /** The talk is over: the agent wraps the call up (the floor view shows it) until the outcome is saved. */
    @PostMapping("/api/v1/attempts/{id}/hangup")
    ResponseEntity<Void> hangUp(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        queue.hangUp(user, id);
        return ResponseEntity.noContent().build();
    }

    // --- the agent on the floor ---

    @PostMapping("/api/v1/console/heartbeat")
    ResponseEntity<Void> heartbeat(@AuthenticationPrincipal CurrentUser user) {
        floor.seen(user);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/api/v1/console/pause")
    ResponseEntity<Void> pause(@AuthenticationPrincipal CurrentUser user) {
        floor.pause(user);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/api/v1/console/resume")
    ResponseEntity<Void> resume(@AuthenticationPrincipal CurrentUser user) {
        floor.resume(user);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/api/v1/attempts/{id}")
    Queue.CallRecord attempt(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        return queue.call(user.workspaceId(), id).orElseThrow(() -> ApiProblem.notFound("attempt"));
    }

    @GetMapping("/api/v1/contacts/{id}/calls")
    @PreAuthorize("hasAnyRole('AGENT', 'REP')")
    Map<String, List<Queue.CallRecord>> calls(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        return Map.of("items", queue.calls(user.workspaceId(), id));
    }

    // --- do not call ---

    record DncRequest(String phone, String country) {
    }

    @PostMapping("/api/v1/dnc")
    ResponseEntity<DoNotCall.Added> addDnc(@AuthenticationPrincipal CurrentUser user, @RequestBody DncRequest body) {
        DoNotCall.Added added = doNotCall.add(user.workspaceId(), user.userId(), body.phone(), body.country());
        return ResponseEntity.status(added.added() ? 201 : 200).body(added);
    }

    @GetMapping("/api/v1/dnc")
    Map<String, Object> listDnc(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String q,
            @RequestParam(defaultValue = "100") int size) {
        if (size < 1 || size > 1000) {
            throw ApiProblem.badRequest("size", "size must be 1 to 1000");
        }
        return Map.of("items", doNotCall.list(user.workspaceId(), q, size), "total", doNotCall.count(user.workspaceId()));
    }

    @GetMapping("/api/v1/dnc/check")
    Map<String, Boolean> checkDnc(@AuthenticationPrincipal CurrentUser user, @RequestParam String phone) {
        return Map.of("listed", doNotCall.listed(user.workspaceId(), phone));
    }

    @DeleteMapping("/api/v1/dnc/{phone}")
    @PreAuthorize("hasRole('SUPERVISOR')")
    ResponseEntity<Void> removeDnc(@AuthenticationPrincipal CurrentUser user, @PathVariable String phone) {
        doNotCall.remove(user.workspaceId(), phone);
        return ResponseEntity.noContent().build();
    }

    @PostMapping(path = "/api/v1/dnc/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @PreAuthorize("hasRole('SUPERVISOR')")
    DoNotCall.FileResult importDnc(@AuthenticationPrincipal CurrentUser user,
            @RequestPart(name = "file", required = false) MultipartFile file,
            @RequestParam(required = false) String country) throws IOException {
        if (file == null || file.isEmpty()) {
            throw ApiProblem.badRequest("file", "file must be a non-empty text or CSV file, one number per line");
        }
        return doNotCall.addFile(user.workspaceId(), user.userId(), file.getInputStream(), country);
    }
}

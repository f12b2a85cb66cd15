package dev.callsheet.contacts.web;

import dev.callsheet.contacts.ImportOptions;
import dev.callsheet.contacts.ImportStatus;
import dev.callsheet.contacts.Imports;
import dev.callsheet.contacts.LeadSource;
import dev.callsheet.web.ApiProblem;
import dev.callsheet.workspace.CurrentUser;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

/** Spreadsheet imports: upload (202, runs in the background), progress, and the rows that were not imported. */
@RestController
@PreAuthorize("hasAnyRole('AGENT', 'REP')")
class ImportsApiController {

    /** The status as the API gives it. */
    record StatusView(UUID id, String fileName, String status, Integer rows, int processed, int percent, int created,
            int merged, int flagged, int skipped, int rejected, UUID sameFileAs, String error) {

        static StatusView of(ImportStatus s) {
            return new StatusView(s.id(), s.fileName(), s.status(), s.rows(), s.processed(), s.percent(), s.created(),
                    s.merged(), s.flagged(), s.skipped(), s.rejected(), s.sameFileAs(), s.error());
        }
    }

    private final Imports imports;
    private final ObjectMapper json;

    ImportsApiController(Imports imports, ObjectMapper json) {
        this.imports = imports;
        this.json = json;
    }

    private static UUID uuid(String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(text.strip());
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest(field, field + " must be a project id");
        }
    }

    @PostMapping(path = "/api/v1/imports", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<Map<String, UUID>> start(@AuthenticationPrincipal CurrentUser user,
            @RequestPart(name = "file", required = false) MultipartFile file,
            @RequestParam(required = false) String country, @RequestParam(required = false) String source,
            @RequestParam(required = false) String onDuplicate, @RequestParam(required = false) String mapping,
            @RequestParam(required = false) String encoding, @RequestParam(required = false) String projectId)
            throws IOException {
        if (file == null || file.isEmpty()) {
            throw ApiProblem.badRequest("file", "file must be a non-empty CSV or XLSX upload");
        }
        ImportOptions options = new ImportOptions(country, ContactsApiController.parse("source", source, LeadSource.class),
                ContactsApiController.parse("onDuplicate", onDuplicate, ImportOptions.OnDuplicate.class),
                mapping(mapping), encoding, uuid("projectId", projectId));
        UUID id;
        try (InputStream content = file.getInputStream()) {
            id = imports.start(user.workspaceId(), user.userId(), file.getOriginalFilename(), content, options);
        }
        return ResponseEntity.accepted().location(URI.create("/api/v1/imports/" + id)).body(Map.of("id", id));
    }

    @GetMapping("/api/v1/imports")
    Map<String, List<StatusView>> recent(@AuthenticationPrincipal CurrentUser user) {
        return Map.of("items", imports.recent(user.workspaceId()).stream().map(StatusView::of).toList());
    }

    @GetMapping("/api/v1/imports/{id}")
    StatusView status(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        return StatusView.of(imports.status(user.workspaceId(), id));
    }

    /** One row of a file and what became of it. */
    record RowView(int row, String outcome, UUID contactId, String reason) {
    }

    record RowsView(List<RowView> items, long total) {
    }

    @GetMapping("/api/v1/imports/{id}/rows")
    RowsView rows(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
            @RequestParam(required = false) String outcome, @RequestParam(required = false) String page,
            @RequestParam(required = false) String size) {
        Imports.RowPage rows = imports.rows(user.workspaceId(), id, outcome, number("page", page, 0),
                number("size", size, 100));
        return new RowsView(rows.items().stream().map(r -> new RowView(r.row(), r.outcome(), r.contactId(), r.reason()))
                .toList(), rows.total());
    }

    private static int number(String field, String text, int fallback) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw ApiProblem.badRequest(field, field + " must be a whole number");
        }
    }

    @GetMapping("/api/v1/imports/{id}/rejected")
    ResponseEntity<String> rejected(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"rejected-" + id + ".csv\"")
                .contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                .body(imports.rejectedCsv(user.workspaceId(), id));
    }

    private Map<String, String> mapping(String mapping) {
        if (mapping == null || mapping.isBlank()) {
            return null;
        }
        try {
            return new LinkedHashMap<>(json.readValue(mapping, new TypeReference<Map<String, String>>() { }));
        } catch (RuntimeException e) {
            throw ApiProblem.badRequest("mapping", "mapping must be a JSON object of column header to field");
        }
    }
}

package dev.callsheet.material.web;

import dev.callsheet.material.Material;
import dev.callsheet.web.ApiProblem;
import dev.callsheet.workspace.CurrentUser;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
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

/** Material over HTTP: everyone on the phone reads and sends; supervisors keep the files and templates. */
@RestController
@PreAuthorize("hasAnyRole('AGENT', 'REP')")
class MaterialApiController {

    private final Material material;

    MaterialApiController(Material material) {
        this.material = material;
    }

    @GetMapping("/api/v1/material/files")
    Map<String, List<Material.FileInfo>> files(@AuthenticationPrincipal CurrentUser user) {
        return Map.of("items", material.files(user.workspaceId()));
    }

    @PostMapping(path = "/api/v1/material/files", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @PreAuthorize("hasRole('SUPERVISOR')")
    ResponseEntity<Material.FileInfo> upload(@AuthenticationPrincipal CurrentUser user,
            @RequestPart(name = "file", required = false) MultipartFile file) throws IOException {
        if (file == null) {
            throw ApiProblem.badRequest("file", "send the file as the multipart part \"file\"");
        }
        Material.FileInfo saved = material.upload(user, file.getOriginalFilename(), file.getContentType(),
                file.getBytes());
        return ResponseEntity.created(URI.create("/api/v1/material/files/" + saved.id())).body(saved);
    }

    @GetMapping("/api/v1/material/files/{id}")
    ResponseEntity<byte[]> download(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        return MaterialPagesController.download(material.download(user.workspaceId(), id));
    }

    @DeleteMapping("/api/v1/material/files/{id}")
    @PreAuthorize("hasRole('SUPERVISOR')")
    ResponseEntity<Void> deleteFile(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        material.deleteFile(user, id);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/api/v1/material/templates")
    Map<String, Object> templates(@AuthenticationPrincipal CurrentUser user) {
        return Map.of("items", material.templates(user.workspaceId()), "fields", Material.FIELDS);
    }

    @GetMapping("/api/v1/material/templates/{id}")
    Material.Template template(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        return material.template(user.workspaceId(), id);
    }

    @PostMapping("/api/v1/material/templates")
    @PreAuthorize("hasRole('SUPERVISOR')")
    ResponseEntity<Material.Template> create(@AuthenticationPrincipal CurrentUser user,
            @RequestBody Material.TemplateDraft body) {
        Material.Template saved = material.save(user, null, body);
        return ResponseEntity.created(URI.create("/api/v1/material/templates/" + saved.id())).body(saved);
    }

    @PutMapping("/api/v1/material/templates/{id}")
    @PreAuthorize("hasRole('SUPERVISOR')")
    Material.Template update(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
            @RequestBody Material.TemplateDraft body) {
        return material.save(user, id, body);
    }

    @DeleteMapping("/api/v1/material/templates/{id}")
    @PreAuthorize("hasRole('SUPERVISOR')")
    ResponseEntity<Void> archive(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        material.archive(user, id);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/api/v1/contacts/{id}/material")
    Map<String, List<Material.Sent>> sent(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        return Map.of("items", material.sent(user.workspaceId(), id));
    }

    @GetMapping("/api/v1/contacts/{id}/material/preview")
    Material.Rendered preview(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
            @RequestParam(required = false) String templateId, @RequestParam(required = false) String to) {
        return material.preview(user, id, templateId, to);
    }

    @PostMapping("/api/v1/contacts/{id}/material")
    ResponseEntity<Material.Sent> send(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
            @RequestBody(required = false) Material.SendRequest body) {
        Material.Sent sent = material.send(user, id, body);
        return ResponseEntity.created(URI.create("/api/v1/material/sends/" + sent.id())).body(sent);
    }

    @PostMapping("/api/v1/material/sends/{id}/retry")
    Material.Sent retry(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        return material.retry(user, id);
    }
}

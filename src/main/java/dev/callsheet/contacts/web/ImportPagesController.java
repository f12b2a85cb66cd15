package dev.callsheet.contacts.web;

import dev.callsheet.campaigns.Project;
import dev.callsheet.campaigns.Projects;
import dev.callsheet.contacts.ImportField;
import dev.callsheet.contacts.ImportOptions;
import dev.callsheet.contacts.Imports;
import dev.callsheet.contacts.LeadSource;
import dev.callsheet.web.ApiProblem;
import dev.callsheet.web.FormErrors;
import dev.callsheet.workspace.CurrentUser;
import dev.callsheet.workspace.Workspaces;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.multipart.MultipartFile;

/** Upload a spreadsheet, check how its columns map, import it and watch it run. */
@Controller
@RequestMapping("/leads/imports")
@PreAuthorize("hasAnyRole('AGENT', 'REP')")
class ImportPagesController {

    private final Imports imports;
    private final Workspaces workspaces;
    private final FormErrors formErrors;

    private final Projects projects;

    ImportPagesController(Imports imports, Workspaces workspaces, FormErrors formErrors,
            Projects projects) {
        this.projects = projects;
        this.imports = imports;
        this.workspaces = workspaces;
        this.formErrors = formErrors;
    }

    @ModelAttribute("fields")
    List<String> fields() {
        return java.util.Arrays.stream(ImportField.values()).map(ImportField::key).toList();
    }

    @ModelAttribute("sources")
    List<LeadSource> sources() {
        // "Unknown" is what an API import without a source records; a person always says where a list came from.
        return java.util.Arrays.stream(LeadSource.values()).filter(s -> s != LeadSource.UNKNOWN).toList();
    }

    @GetMapping
    String uploadForm(@AuthenticationPrincipal CurrentUser user, Model model) {
        model.addAttribute("recent", imports.recent(user.workspaceId()));
        model.addAttribute("country", workspaces.defaultCountry(user.workspaceId()).orElse(""));
        model.addAttribute("errors", Map.of());
        model.addAttribute("projects", projects(user));
        return "contacts/imports";
    }

    @PostMapping("/preview")
    String preview(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) MultipartFile file,
            @RequestParam(required = false) String encoding, @RequestParam(required = false) String country,
            @RequestParam(required = false) LeadSource source,
            @RequestParam(defaultValue = "SKIP") ImportOptions.OnDuplicate onDuplicate,
            @RequestParam(required = false) UUID projectId, Model model) throws IOException {
        try {
            if (file == null || file.isEmpty()) {
                throw ApiProblem.badRequest("file", "file");
            }
            if (source == null || source == LeadSource.UNKNOWN) {
                throw ApiProblem.badRequest("source", "choose where these leads came from");
            }
            try (InputStream content = file.getInputStream()) {
                model.addAttribute("preview", imports.preview(user.workspaceId(), file.getOriginalFilename(), content,
                        encoding == null || encoding.isBlank() ? null : encoding));
            }
        } catch (ApiProblem problem) {
            FormErrors.fixable(problem);
            model.addAttribute("recent", imports.recent(user.workspaceId()));
            model.addAttribute("country", country == null ? "" : country);
            model.addAttribute("source", source);
            model.addAttribute("errors", formErrors.of(problem));
            model.addAttribute("projects", projects(user));
            return "contacts/imports";
        }
        model.addAttribute("encoding", encoding);
        model.addAttribute("country", country);
        model.addAttribute("source", source);
        model.addAttribute("onDuplicate", onDuplicate);
        model.addAttribute("projectId", projectId);
        return "contacts/import-preview";
    }

    /** Running projects a supervisor may send the new leads to; none for other roles. */
    private List<Project> projects(CurrentUser user) {
        return Projects.manages(user) ? projects.visibleTo(user).stream()
                .filter(p -> p.status() == Project.Status.ACTIVE).toList() : List.of();
    }

    @PostMapping("/start")
    String start(@AuthenticationPrincipal CurrentUser user, @RequestParam UUID draftId,
            @RequestParam(required = false) String encoding, @RequestParam(required = false) String country,
            @RequestParam(required = false) LeadSource source,
            @RequestParam(defaultValue = "SKIP") ImportOptions.OnDuplicate onDuplicate,
            @RequestParam(required = false) UUID projectId, @RequestParam Map<String, String> form) {
        Map<String, String> mapping = new LinkedHashMap<>();
        form.forEach((name, value) -> {
            if (name.startsWith("map[") && name.endsWith("]")) {
                mapping.put(name.substring(4, name.length() - 1), value);
            }
        });
        UUID id = imports.startDraft(user.workspaceId(), user.userId(), draftId, new ImportOptions(
                country, source, onDuplicate, mapping, encoding == null || encoding.isBlank() ? null : encoding,
                projectId));
        return "redirect:/leads/imports/" + id;
    }

    @GetMapping("/{id}")
    String progress(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, Model model) {
        model.addAttribute("job", imports.status(user.workspaceId(), id));
        return "contacts/import-progress";
    }

    /** Polled by the progress page every second until the import is done. */
    @GetMapping("/{id}/progress")
    String progressPartial(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, Model model) {
        model.addAttribute("job", imports.status(user.workspaceId(), id));
        return "contacts/import-progress :: progress";
    }

    @GetMapping("/{id}/rejected.csv")
    @ResponseBody
    ResponseEntity<String> rejected(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"rejected-" + id + ".csv\"")
                .contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                .body(imports.rejectedCsv(user.workspaceId(), id));
    }
}

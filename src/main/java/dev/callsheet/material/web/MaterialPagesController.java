package dev.callsheet.material.web;

import dev.callsheet.contacts.ContactCard;
import dev.callsheet.contacts.Contacts;
import dev.callsheet.material.Material;
import dev.callsheet.web.ApiProblem;
import dev.callsheet.web.FormErrors;
import dev.callsheet.workspace.CurrentUser;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.nio.charset.StandardCharsets;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The material pages: the supervisors' library of files and templates, and the panel on a lead's card and
 * on the console (loaded by htmx) that sends one and shows whether it went out.
 */
@Controller
@PreAuthorize("hasAnyRole('AGENT', 'REP')")
class MaterialPagesController {

    private final Material material;
    private final Contacts contacts;

    MaterialPagesController(Material material, Contacts contacts) {
        this.material = material;
        this.contacts = contacts;
    }

    @GetMapping("/library/material")
    @PreAuthorize("hasRole('SUPERVISOR')")
    String library(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) UUID edit,
            Model model) {
        List<Material.Template> templates = material.templates(user.workspaceId());
        model.addAttribute("templates", templates);
        model.addAttribute("files", material.files(user.workspaceId()));
        model.addAttribute("fields", Material.FIELDS);
        model.addAttribute("languages", dev.callsheet.web.SupportedLocales.LANGUAGES);
        if (!model.containsAttribute("form")) {
            Material.Template editing = edit == null ? null : material.template(user.workspaceId(), edit);
            model.addAttribute("form", editing == null
                    ? new Form(null, "", user.locale().getLanguage(), "", "", List.of())
                    : new Form(editing.id(), editing.name(), editing.language(), editing.subject(), editing.body(),
                            editing.attachments().stream().map(f -> f.id().toString()).toList()));
        }
        return "material/library";
    }

    /** The template form as posted, kept to show it again with its error. */
    record Form(UUID id, String name, String language, String subject, String body, List<String> attachmentIds)
            implements java.io.Serializable {
    }

    @PostMapping("/library/material/templates")
    @PreAuthorize("hasRole('SUPERVISOR')")
    String save(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) UUID id,
            @RequestParam(required = false) String name, @RequestParam(required = false) String language,
            @RequestParam(required = false) String subject, @RequestParam(required = false) String body,
            @RequestParam(required = false) String[] attachmentIds, RedirectAttributes redirect) {
        List<String> files = attachmentIds == null ? List.of() : Arrays.asList(attachmentIds);
        try {
            material.save(user, id, new Material.TemplateDraft(name, language, subject, body, files));
            redirect.addFlashAttribute("flash", "flash.saved");
            return "redirect:/library/material";
        } catch (ApiProblem problem) {
            FormErrors.fixable(problem);
            redirect.addFlashAttribute("form", new Form(id, name, language, subject, body, files));
            redirect.addFlashAttribute("error", problem.getMessage());
            return "redirect:/library/material" + (id == null ? "" : "?edit=" + id);
        }
    }

    @PostMapping("/library/material/templates/{id}/archive")
    @PreAuthorize("hasRole('SUPERVISOR')")
    String archive(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, RedirectAttributes redirect) {
        material.archive(user, id);
        redirect.addFlashAttribute("flash", "flash.saved");
        return "redirect:/library/material";
    }

    @PostMapping("/library/material/files")
    @PreAuthorize("hasRole('SUPERVISOR')")
    String upload(@AuthenticationPrincipal CurrentUser user,
            @RequestParam(name = "file", required = false) MultipartFile file, RedirectAttributes redirect)
            throws IOException {
        try {
            if (file == null || file.isEmpty()) {
                throw ApiProblem.badRequest("file", "choose a file to upload");
            }
            material.upload(user, file.getOriginalFilename(), file.getContentType(), file.getBytes());
            redirect.addFlashAttribute("flash", "flash.saved");
        } catch (ApiProblem problem) {
            FormErrors.fixable(problem);
            redirect.addFlashAttribute("fileError", problem.getMessage());
        }
        return "redirect:/library/material";
    }

    @PostMapping("/library/material/files/{id}/delete")
    @PreAuthorize("hasRole('SUPERVISOR')")
    String deleteFile(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, RedirectAttributes redirect) {
        try {
            material.deleteFile(user, id);
            redirect.addFlashAttribute("flash", "flash.saved");
        } catch (ApiProblem problem) {
            FormErrors.fixable(problem);
            redirect.addFlashAttribute("fileError", problem.getMessage());
        }
        return "redirect:/library/material";
    }

    @GetMapping("/library/material/files/{id}")
    ResponseEntity<byte[]> file(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        return download(material.download(user.workspaceId(), id));
    }

    static ResponseEntity<byte[]> download(Map.Entry<Material.FileInfo, byte[]> file) {
        MediaType type;
        try {
            type = MediaType.parseMediaType(file.getKey().contentType());
        } catch (org.springframework.util.InvalidMimeTypeException e) {
            type = MediaType.APPLICATION_OCTET_STREAM;
        }
        HttpHeaders headers = new HttpHeaders();
        headers.setContentDisposition(ContentDisposition.attachment()
                .filename(file.getKey().fileName(), StandardCharsets.UTF_8).build());
        return ResponseEntity.ok().headers(headers).contentType(type).body(file.getValue());
    }

    /** The panel on the card and the console. */
    @GetMapping("/leads/{id}/material")
    String panel(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, Model model) {
        return panel(user, id, model, null, null);
    }

    @PostMapping("/leads/{id}/material")
    String send(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
            @RequestParam(required = false) String templateId, @RequestParam(required = false) String to,
            @RequestParam(required = false) String requested, @RequestParam(required = false) String sendKey,
            Model model) {
        try {
            material.send(user, id, new Material.SendRequest(templateId, to,
                    requested != null && !requested.isBlank() && !"false".equals(requested), sendKey));
            model.addAttribute("emailsChanged", true); // the address may be new on the card: its list comes along
            return panel(user, id, model, "material.queued", null);
        } catch (ApiProblem problem) {
            FormErrors.fixable(problem);
            model.addAttribute("chosen", templateId);
            model.addAttribute("typedTo", to);
            return panel(user, id, model, null, problem.getMessage());
        }
    }

    @PostMapping("/leads/{id}/material/{sendId}/retry")
    String retry(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, @PathVariable UUID sendId,
            Model model) {
        try {
            material.retry(user, sendId);
            return panel(user, id, model, "material.retrying", null);
        } catch (ApiProblem problem) {
            FormErrors.fixable(problem);
            return panel(user, id, model, null, problem.getMessage());
        }
    }

    private String panel(CurrentUser user, UUID id, Model model, String notice, String error) {
        ContactCard card = contacts.card(user.workspaceId(), id);
        List<Material.Sent> sent = material.sent(user.workspaceId(), id);
        model.addAttribute("card", card);
        model.addAttribute("templates", Material.forLead(material.templates(user.workspaceId()), card, user.locale()));
        model.addAttribute("sent", sent);
        model.addAttribute("consented", card.consentsToMarketing());
        model.addAttribute("sendKey", UUID.randomUUID().toString());
        model.addAttribute("waiting", sent.stream().anyMatch(s -> "PENDING".equals(s.status())));
        model.addAttribute("notice", notice);
        model.addAttribute("error", error);
        return "material/panel :: panel";
    }
}

package dev.callsheet.dialing.web;

import dev.callsheet.campaigns.Project;
import dev.callsheet.campaigns.Projects;
import dev.callsheet.contacts.ImportStatus;
import dev.callsheet.contacts.Imports;
import dev.callsheet.dialing.DoNotCall;
import dev.callsheet.dialing.Queue;
import dev.callsheet.web.ApiProblem;
import dev.callsheet.web.FormErrors;
import dev.callsheet.workspace.CurrentUser;
import java.io.IOException;
import java.util.UUID;
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

/** A project's page with its queue, for supervisors: what is due, what left and why, leads in; and the do-not-call list. */
@Controller
@PreAuthorize("hasRole('SUPERVISOR')")
class QueuePagesController {

    private final Projects projects;
    private final Queue queue;
    private final Imports imports;
    private final DoNotCall doNotCall;
    private final FormErrors formErrors;

    QueuePagesController(Projects projects, Queue queue, Imports imports, DoNotCall doNotCall, FormErrors formErrors) {
        this.projects = projects;
        this.queue = queue;
        this.imports = imports;
        this.doNotCall = doNotCall;
        this.formErrors = formErrors;
    }

    @GetMapping("/projects/{id}")
    String project(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, Model model) {
        Project project = projects.project(user.workspaceId(), id);
        model.addAttribute("project", project);
        model.addAttribute("counts", queue.counts(user.workspaceId(), id));
        model.addAttribute("imports", imports.recent(user.workspaceId()).stream()
                .filter(i -> "DONE".equals(i.status())).toList());
        model.addAttribute("scripts", projects.scripts(user.workspaceId(), id));
        return "dialing/project";
    }

    @PostMapping("/projects/{id}/leads")
    String addLeads(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
            @RequestParam(required = false) UUID importId, RedirectAttributes redirect) {
        projects.project(user.workspaceId(), id); // another workspace's project is a 404, not a flash
        try {
            if (importId == null) {
                throw ApiProblem.badRequest("importId", "choose an import");
            }
            ImportStatus status = imports.status(user.workspaceId(), importId);
            if (!"DONE".equals(status.status())) {
                throw ApiProblem.conflict("importId", "the import is not done yet");
            }
            int added = queue.addImport(user.workspaceId(), id, importId);
            redirect.addFlashAttribute("added", added);
        } catch (ApiProblem problem) {
            FormErrors.fixable(problem);
            redirect.addFlashAttribute("flashError", formErrors.of(problem).values().iterator().next());
        }
        return "redirect:/projects/" + id;
    }

    @GetMapping("/dnc")
    String dnc(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String q, Model model) {
        model.addAttribute("q", q);
        model.addAttribute("numbers", doNotCall.list(user.workspaceId(), q, 200));
        model.addAttribute("total", doNotCall.count(user.workspaceId()));
        return "dialing/dnc";
    }

    @PostMapping("/dnc")
    String addDnc(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String phone,
            @RequestParam(required = false) String country, RedirectAttributes redirect) {
        try {
            DoNotCall.Added added = doNotCall.add(user.workspaceId(), user.userId(), phone, country);
            redirect.addFlashAttribute("dncAdded", added);
        } catch (ApiProblem problem) {
            FormErrors.fixable(problem);
            redirect.addFlashAttribute("flashError", formErrors.of(problem).values().iterator().next());
        }
        return "redirect:/dnc";
    }

    @PostMapping("/dnc/import")
    String importDnc(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) MultipartFile file,
            @RequestParam(required = false) String country, RedirectAttributes redirect) throws IOException {
        if (file == null || file.isEmpty()) {
            redirect.addFlashAttribute("flashError",
                    formErrors.of(ApiProblem.badRequest("file", "choose a file")).values().iterator().next());
            return "redirect:/dnc";
        }
        try {
            redirect.addFlashAttribute("dncFile", doNotCall.addFile(user.workspaceId(), user.userId(),
                    file.getInputStream(), country));
        } catch (ApiProblem problem) {
            FormErrors.fixable(problem);
            redirect.addFlashAttribute("flashError", formErrors.of(problem).values().iterator().next());
        }
        return "redirect:/dnc";
    }

    @PostMapping("/dnc/{phone}/delete")
    String removeDnc(@AuthenticationPrincipal CurrentUser user, @PathVariable String phone,
            RedirectAttributes redirect) {
        doNotCall.remove(user.workspaceId(), phone);
        redirect.addFlashAttribute("flash", "flash.deleted");
        return "redirect:/dnc";
    }
}

package dev.callsheet.workspace.web;

import dev.callsheet.web.ApiProblem;
import dev.callsheet.web.FormErrors;
import dev.callsheet.workspace.CurrentUser;
import dev.callsheet.workspace.Member;
import dev.callsheet.workspace.NewUser;
import dev.callsheet.workspace.People;
import dev.callsheet.workspace.Role;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
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
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Admin pages: people, teams and regions of the admin's workspace. */
@Controller
@RequestMapping("/admin")
@PreAuthorize("hasRole('ADMIN')")
class AdminPagesController {

    static final Set<String> ZONES = new TreeSet<>(ZoneId.getAvailableZoneIds());

    /** The add-a-person form as posted. */
    record UserForm(String username, String displayName, String password, Set<Role> roles, String team, String region,
            String locale, String timeZone, String email, java.math.BigDecimal hourlyCost) {
    }

    private final People people;
    private final FormErrors formErrors;

    AdminPagesController(People people, FormErrors formErrors) {
        this.people = people;
        this.formErrors = formErrors;
    }

    @ModelAttribute("roles")
    List<Role> roles() {
        return List.of(Role.values());
    }

    @GetMapping("/users")
    String users(@AuthenticationPrincipal CurrentUser admin, Model model) {
        return usersPage(admin, model, new UserForm("", "", "", EnumSet.of(Role.AGENT), "", "",
                admin.locale().getLanguage(), admin.timeZone().getId(), "", null), Map.of());
    }

    @PostMapping("/users")
    String createUser(@AuthenticationPrincipal CurrentUser admin, UserForm form, Model model,
            RedirectAttributes redirect) {
        try {
            people.createUser(admin.workspaceId(), new NewUser(form.username(), form.password(), form.roles(),
                    form.displayName(), form.timeZone(), form.locale(), form.region(), form.team(), form.email(),
                    form.hourlyCost()));
        } catch (ApiProblem problem) {
            FormErrors.fixable(problem);
            return usersPage(admin, model, form, formErrors.of(problem));
        }
        redirect.addFlashAttribute("flash", "flash.userCreated");
        return "redirect:/admin/users";
    }

    private String usersPage(CurrentUser admin, Model model, UserForm form, Map<String, String> errors) {
        model.addAttribute("members", people.members(admin.workspaceId()));
        model.addAttribute("teams", people.teams(admin.workspaceId()));
        model.addAttribute("regions", people.regions(admin.workspaceId()));
        model.addAttribute("zones", ZONES);
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        // fields the form marks in place (username, e-mail…) and those it does not (a team, a region) alike
        errors.values().stream().findFirst().ifPresent(message -> model.addAttribute("flashError", message));
        return "admin/users";
    }

    @GetMapping("/users/{id}")
    String user(@AuthenticationPrincipal CurrentUser admin, @PathVariable UUID id, Model model) {
        Member member = people.member(admin.workspaceId(), id).orElseThrow(() -> ApiProblem.notFound("user"));
        return userPage(admin, member, model, Map.of());
    }

    @PostMapping("/users/{id}")
    String updateUser(@AuthenticationPrincipal CurrentUser admin, @PathVariable UUID id,
            @RequestParam(required = false) String displayName, @RequestParam(required = false) Set<Role> roles,
            @RequestParam(required = false) String team, @RequestParam(required = false) String region,
            @RequestParam(required = false) String email,
            @RequestParam(required = false) java.math.BigDecimal hourlyCost, Model model, RedirectAttributes redirect) {
        Member member = people.member(admin.workspaceId(), id).orElseThrow(() -> ApiProblem.notFound("user"));
        try {
            people.updateMember(admin.workspaceId(), id, displayName, roles == null ? Set.of() : roles,
                    team == null ? "" : team, region == null ? "" : region, email == null ? "" : email, hourlyCost,
                    true);
        } catch (ApiProblem problem) {
            FormErrors.fixable(problem);
            return userPage(admin, member, model, formErrors.of(problem));
        }
        redirect.addFlashAttribute("flash", "flash.saved");
        return "redirect:/admin/users/" + id;
    }

    @PostMapping("/users/{id}/active")
    String setActive(@AuthenticationPrincipal CurrentUser admin, @PathVariable UUID id, @RequestParam boolean active,
            Model model, RedirectAttributes redirect) {
        try {
            people.setActive(admin.workspaceId(), id, active, admin.userId());
        } catch (ApiProblem problem) {
            FormErrors.fixable(problem);
            Member member = people.member(admin.workspaceId(), id).orElseThrow(() -> ApiProblem.notFound("user"));
            return userPage(admin, member, model, formErrors.of(problem));
        }
        redirect.addFlashAttribute("flash", active ? "flash.userActivated" : "flash.userDeactivated");
        return "redirect:/admin/users/" + id;
    }

    private String userPage(CurrentUser admin, Member member, Model model, Map<String, String> errors) {
        model.addAttribute("member", member);
        model.addAttribute("teams", people.teams(admin.workspaceId()));
        model.addAttribute("regions", people.regions(admin.workspaceId()));
        model.addAttribute("errors", errors);
        errors.values().stream().findFirst().ifPresent(message -> model.addAttribute("flashError", message));
        return "admin/user";
    }

    @GetMapping("/teams")
    String teams(@AuthenticationPrincipal CurrentUser admin, Model model) {
        model.addAttribute("teams", people.teams(admin.workspaceId()));
        model.addAttribute("regions", people.regions(admin.workspaceId()));
        return "admin/teams";
    }

    @PostMapping("/teams")
    String createTeam(@AuthenticationPrincipal CurrentUser admin, @RequestParam String name,
            @RequestParam(required = false) String region, RedirectAttributes redirect) {
        return afterChange(redirect, "flash.teamCreated", () -> people.createTeam(admin.workspaceId(), name, region));
    }

    @PostMapping("/regions")
    String createRegion(@AuthenticationPrincipal CurrentUser admin, @RequestParam String name,
            RedirectAttributes redirect) {
        return afterChange(redirect, "flash.regionCreated", () -> people.createRegion(admin.workspaceId(), name));
    }

    @PostMapping("/teams/{id}/delete")
    String deleteTeam(@AuthenticationPrincipal CurrentUser admin, @PathVariable UUID id, RedirectAttributes redirect) {
        return afterChange(redirect, "flash.deleted", () -> people.deleteTeam(admin.workspaceId(), id));
    }

    @PostMapping("/regions/{id}/delete")
    String deleteRegion(@AuthenticationPrincipal CurrentUser admin, @PathVariable UUID id,
            RedirectAttributes redirect) {
        return afterChange(redirect, "flash.deleted", () -> people.deleteRegion(admin.workspaceId(), id));
    }

    private String afterChange(RedirectAttributes redirect, String flash, Runnable change) {
        try {
            change.run();
            redirect.addFlashAttribute("flash", flash);
        } catch (ApiProblem problem) {
            FormErrors.fixable(problem);
            redirect.addFlashAttribute("flashError", formErrors.of(problem).values().iterator().next());
        }
        return "redirect:/admin/teams";
    }
}

package dev.callsheet.workspace.web;

import dev.callsheet.web.ApiProblem;
import dev.callsheet.web.FormErrors;
import dev.callsheet.workspace.CurrentUser;
import dev.callsheet.workspace.People;
import dev.callsheet.workspace.internal.ApiTokens;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** A person's own page: language, time zone, password, API tokens, and the workspace switch. */
@Controller
class AccountPagesController {

    private final People people;
    private final ApiTokens tokens;
    private final SessionPrincipal sessionPrincipal;
    private final FormErrors formErrors;

    AccountPagesController(People people, ApiTokens tokens, SessionPrincipal sessionPrincipal, FormErrors formErrors) {
        this.people = people;
        this.tokens = tokens;
        this.sessionPrincipal = sessionPrincipal;
        this.formErrors = formErrors;
    }

    @GetMapping("/account")
    String account(@AuthenticationPrincipal CurrentUser user, Model model) {
        return page(user, model, Map.of());
    }

    private String page(CurrentUser user, Model model, Map<String, String> errors) {
        model.addAttribute("tokens", tokens.list(user.workspaceId(), user.userId()));
        model.addAttribute("zones", AdminPagesController.ZONES);
        model.addAttribute("errors", errors);
        return "account";
    }

    @PostMapping("/account/preferences")
    String preferences(@AuthenticationPrincipal CurrentUser user, @RequestParam String locale,
            @RequestParam String timeZone, Model model, HttpServletRequest request, HttpServletResponse response,
            RedirectAttributes redirect) {
        try {
            people.updatePreferences(user.userId(), locale, timeZone);
        } catch (ApiProblem problem) {
            FormErrors.fixable(problem);
            return page(user, model, formErrors.of(problem));
        }
        sessionPrincipal.refresh(user, user.workspaceId(), request, response);
        redirect.addFlashAttribute("flash", "flash.saved");
        return "redirect:/account";
    }

    @PostMapping("/account/password")
    String password(@AuthenticationPrincipal CurrentUser user, @RequestParam String currentPassword,
            @RequestParam String newPassword, Model model, RedirectAttributes redirect) {
        try {
            people.changePassword(user.userId(), currentPassword, newPassword);
        } catch (ApiProblem problem) {
            FormErrors.fixable(problem);
            return page(user, model, formErrors.of(problem));
        }
        redirect.addFlashAttribute("flash", "flash.passwordChanged");
        return "redirect:/account";
    }

    @PostMapping("/account/tokens")
    String createToken(@AuthenticationPrincipal CurrentUser user, @RequestParam String name, Model model) {
        try {
            model.addAttribute("newToken", tokens.create(user.workspaceId(), user.userId(), name).token());
        } catch (ApiProblem problem) {
            FormErrors.fixable(problem);
            return page(user, model, formErrors.of(problem));
        }
        // Rendered, not redirected: the secret must not travel through a flash attribute or a URL.
        return page(user, model, Map.of());
    }

    @PostMapping("/account/tokens/{id}/revoke")
    String revokeToken(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, RedirectAttributes redirect) {
        tokens.revoke(user.workspaceId(), user.userId(), id);
        redirect.addFlashAttribute("flash", "flash.tokenRevoked");
        return "redirect:/account";
    }

    /** The platform administrator's question after sign-in: which workspace to work in (issue 26). */
    @GetMapping("/workspace/choose")
    String choose(@AuthenticationPrincipal CurrentUser user, Model model) {
        model.addAttribute("choices", user.workspaces());
        return "choose-workspace";
    }

    @PostMapping("/workspace/switch")
    String switchWorkspace(@AuthenticationPrincipal CurrentUser user, @RequestParam UUID workspaceId,
            HttpServletRequest request, HttpServletResponse response, RedirectAttributes redirect) {
        if (user.workspaces().stream().noneMatch(w -> w.id().equals(workspaceId))) {
            throw ApiProblem.forbidden("not a member of that workspace");
        }
        people.setCurrentWorkspace(user.userId(), workspaceId);
        sessionPrincipal.refresh(user, workspaceId, request, response);
        request.getSession().removeAttribute(SignedIn.CHOOSE);
        redirect.addFlashAttribute("flash", "flash.workspaceSwitched");
        return "redirect:/";
    }
}

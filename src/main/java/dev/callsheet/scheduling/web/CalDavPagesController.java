package dev.callsheet.scheduling.web;

import dev.callsheet.scheduling.internal.CalDavCalendars;
import dev.callsheet.web.ApiProblem;
import dev.callsheet.workspace.CurrentUser;
import java.util.UUID;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The calendar settings page's CalDAV panel: connect, sync now, disconnect; back to the settings page each time. */
@Controller
@PreAuthorize("hasRole('REP')")
class CalDavPagesController {

    private final CalDavCalendars caldav;

    CalDavPagesController(CalDavCalendars caldav) {
        this.caldav = caldav;
    }

    @PostMapping("/calendar/reps/{repId}/caldav")
    String connect(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID repId,
            @RequestParam(required = false) String url, @RequestParam(required = false) String username,
            @RequestParam(required = false) String password, RedirectAttributes redirect) {
        return run(user, repId, redirect, "caldav.saved",
                () -> caldav.connect(user, repId, new CalDavCalendars.Draft(url, username, password)));
    }

    @PostMapping("/calendar/reps/{repId}/caldav/sync")
    String sync(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID repId, RedirectAttributes redirect) {
        return run(user, repId, redirect, "caldav.synced", () -> caldav.syncNow(user, repId));
    }

    @PostMapping("/calendar/reps/{repId}/caldav/delete")
    String delete(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID repId, RedirectAttributes redirect) {
        return run(user, repId, redirect, "caldav.removed", () -> caldav.disconnect(user, repId));
    }

    private static String run(CurrentUser user, UUID repId, RedirectAttributes redirect, String done, Runnable action) {
        try {
            action.run();
            redirect.addFlashAttribute("flash", done);
        } catch (ApiProblem problem) {
            if (problem.status().value() != 400 && problem.status().value() != 409) {
                throw problem;
            }
            redirect.addFlashAttribute("flashError", problem.field() + ": " + problem.getMessage());
        }
        return repId.equals(user.userId()) ? "redirect:/calendar/settings"
                : "redirect:/calendar/reps/" + repId + "/settings";
    }
}

package dev.callsheet.intake.web;

import dev.callsheet.intake.DutyPattern;
import dev.callsheet.intake.DutyRoster;
import dev.callsheet.web.ApiProblem;
import dev.callsheet.web.FormErrors;
import dev.callsheet.workspace.CurrentUser;
import dev.callsheet.workspace.Member;
import dev.callsheet.workspace.People;
import dev.callsheet.workspace.Role;
import dev.callsheet.workspace.Workspaces;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The duty roster page: per region (or the whole workspace), the repeating week, swaps, and the gaps in cover
 * over the next two weeks, flagged before they happen; and the admin's web-form snippet.
 */
@Controller
@PreAuthorize("hasAnyRole('AGENT', 'REP')")
class RosterPagesController {

    private final DutyRoster roster;
    private final People people;
    private final Workspaces workspaces;
    private final java.time.Clock clock;

    RosterPagesController(DutyRoster roster, People people, Workspaces workspaces, java.time.Clock clock) {
        this.clock = clock;
        this.roster = roster;
        this.people = people;
        this.workspaces = workspaces;
    }

    @GetMapping("/duty")
    String roster(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String region,
            @RequestParam(required = false) String week, Model model) {
        UUID ws = user.workspaceId();
        model.addAttribute("grid", roster.week(ws, region,
                week == null || week.isBlank() ? null : dev.callsheet.web.Inputs.date("week", week), user.timeZone()));
        model.addAttribute("region", region == null ? "" : region);
        model.addAttribute("regions", people.regions(ws));
        model.addAttribute("patterns", roster.patterns(ws, region));
        model.addAttribute("gaps", roster.gaps(ws, region, 14, user.timeZone()));
        model.addAttribute("onDuty", roster.onDuty(ws, region, clock.instant()).orElse(null));
        model.addAttribute("people", people.members(ws).stream().filter(Member::active)
                .filter(m -> m.roles().contains(Role.REP) || m.roles().contains(Role.SUPERVISOR)).toList());
        model.addAttribute("zone", user.timeZone().getId());
        return "intake/roster";
    }

    @PostMapping("/duty/patterns")
    @PreAuthorize("hasRole('SUPERVISOR')")
    String addPattern(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String region,
            @RequestParam String weekday, @RequestParam String from, @RequestParam String to,
            @RequestParam String userId, @RequestParam(required = false) String timeZone,
            RedirectAttributes redirect) {
        List<DutyRoster.PatternDraft> drafts = new ArrayList<>(current(user, region));
        drafts.add(new DutyRoster.PatternDraft(weekday, from, to, userId, timeZone));
        return save(user, region, drafts, redirect);
    }

    @PostMapping("/duty/patterns/remove")
    @PreAuthorize("hasRole('SUPERVISOR')")
    String removePattern(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String region,
            @RequestParam UUID id, RedirectAttributes redirect) {
        List<DutyRoster.PatternDraft> drafts = new ArrayList<>();
        for (DutyPattern p : roster.patterns(user.workspaceId(), region)) {
            if (!p.id().equals(id)) {
                drafts.add(draft(p));
            }
        }
        if (drafts.size() == roster.patterns(user.workspaceId(), region).size()) {
            throw ApiProblem.notFound("pattern"); // not a pattern of this roster (nor of this workspace)
        }
        return save(user, region, drafts, redirect);
    }

    @PostMapping("/duty/swaps")
    @PreAuthorize("hasRole('SUPERVISOR')")
    String addSwap(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String region,
            @RequestParam String userId, @RequestParam String from, @RequestParam String to,
            @RequestParam(required = false) String note, RedirectAttributes redirect) {
        try {
            roster.addSwap(user, region, userId, from, to, note);
            redirect.addFlashAttribute("flash", "calendar.saved");
        } catch (ApiProblem problem) {
            FormErrors.fixable(problem);
            redirect.addFlashAttribute("flashError", problem.getMessage());
        }
        return "redirect:/duty" + regionQuery(user, region);
    }

    @GetMapping("/admin/web-form")
    @PreAuthorize("hasRole('ADMIN')")
    String webForm(@AuthenticationPrincipal CurrentUser user, Model model) {
        String key = workspaces.byId(user.workspaceId()).key();
        String action = org.springframework.web.servlet.support.ServletUriComponentsBuilder.fromCurrentContextPath()
                .path("/api/v1/public/{key}/leads").buildAndExpand(key).toUriString();
        model.addAttribute("key", key);
        model.addAttribute("action", action);
        model.addAttribute("snippet", """
                <form method="post" action="%s">
                  <input name="name" placeholder="Name" required>
                  <input name="company" placeholder="Company">
                  <input name="phone" type="tel" placeholder="Phone">
                  <input name="email" type="email" placeholder="E-mail">
                  <textarea name="message" placeholder="How can we help?"></textarea>
                  <label><input type="checkbox" name="consent" value="yes"> You may contact me about offers</label>
                  <!-- left empty by people, filled by bots: such posts are dropped -->
                  <input name="_gotcha" tabindex="-1" autocomplete="off" style="position:absolute;left:-9999px"
                         aria-hidden="true">
                  <button type="submit">Send</button>
                </form>""".formatted(action));
        return "intake/web-form";
    }

    /** {@code ?region=} and the id of the region named (a name or an id), never the text sent: it goes into a Location. */
    private String regionQuery(CurrentUser user, String region) {
        UUID id = roster.regionId(user.workspaceId(), region);
        return id == null ? "" : "?region=" + id;
    }

    private List<DutyRoster.PatternDraft> current(CurrentUser user, String region) {
        return roster.patterns(user.workspaceId(), region).stream().map(RosterPagesController::draft).toList();
    }

    private static DutyRoster.PatternDraft draft(DutyPattern p) {
        return new DutyRoster.PatternDraft(p.weekday(), p.from(), p.to(), p.user().id().toString(), p.timeZone());
    }

    private String save(CurrentUser user, String region, List<DutyRoster.PatternDraft> drafts,
            RedirectAttributes redirect) {
        try {
            roster.savePatterns(user, region, drafts);
            redirect.addFlashAttribute("flash", "calendar.saved");
        } catch (ApiProblem problem) {
            FormErrors.fixable(problem);
            redirect.addFlashAttribute("flashError", problem.getMessage());
        }
        return "redirect:/duty" + regionQuery(user, region);
    }
}

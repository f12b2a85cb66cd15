package dev.callsheet.dialing.web;

import dev.callsheet.campaigns.Outcome;
import dev.callsheet.campaigns.Outcome.FollowUp;
import dev.callsheet.campaigns.Project;
import dev.callsheet.campaigns.Projects;
import dev.callsheet.campaigns.Script;
import dev.callsheet.campaigns.ScriptPlaceholders;
import dev.callsheet.contacts.ContactCard;
import dev.callsheet.contacts.ContactSearch;
import dev.callsheet.contacts.Contacts;
import dev.callsheet.dialing.Floor;
import dev.callsheet.dialing.Lease;
import dev.callsheet.dialing.OutcomeReport;
import dev.callsheet.dialing.Queue;
import dev.callsheet.dialing.QueueOutlook;
import dev.callsheet.dialing.RecordedOutcome;
import dev.callsheet.web.ApiProblem;
import dev.callsheet.web.FormErrors;
import dev.callsheet.web.SupportedLocales;
import dev.callsheet.workspace.CurrentUser;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
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
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The agent console (docs/domain.md §7): pick a project, take the next lead or an inbound caller, and
 * work the call on one page: the card, earlier calls, the script, objections, qualification,
 * notes, the timer and the outcome. Every action has a key; see {@code console.js}.
 */
@Controller
@RequestMapping("/console")
@PreAuthorize("hasRole('AGENT')")
class ConsolePagesController {

    /** The outcome form: the lead's callback time is typed in the lead's own local time. */
    record OutcomeForm(String outcome, String notes, String callbackAt, String callbackFor, Integer interest,
            Integer ability, Integer willingness, String qualificationNotes, Integer talkSeconds, String reason,
            String dmName, String dmPhone, String dmBestTime, String dmCallbackAt, String scriptLanguage) {

        /**
         * What the chosen outcome carries, and nothing else: the form keeps every outcome's fields (hidden
         * when not chosen), and a callback time typed and then abandoned must not ride along with "No answer".
         */
        OutcomeReport report(Outcome chosen) {
            boolean gatekeeper = Queue.GATEKEEPER.equals(outcome);
            boolean callback = chosen != null && chosen.followUp() == FollowUp.CALLBACK;
            String time = gatekeeper ? dmCallbackAt : callback ? callbackAt : null;
            String at = time == null || time.isBlank() ? null : time.strip().replace(' ', 'T');
            boolean book = chosen != null && chosen.followUp() == FollowUp.BOOK;
            boolean rated = book && (interest != null || ability != null || willingness != null);
            boolean asksReason = chosen != null && chosen.asksReason();
            return new OutcomeReport(outcome, notes, at, callback ? callbackFor : null,
                    rated ? new OutcomeReport.Qualification(interest, ability, willingness, qualificationNotes) : null,
                    talkSeconds, asksReason ? reason : null,
                    gatekeeper ? new OutcomeReport.DecisionMaker(dmName, dmPhone, dmBestTime) : null);
        }
    }

    private final Queue queue;
    private final QueueOutlook queueOutlook;
    private final Floor floor;
    private final Projects projects;
    private final Contacts contacts;
    private final FormErrors formErrors;

    ConsolePagesController(Queue queue, QueueOutlook queueOutlook, Floor floor, Projects projects, Contacts contacts,
            FormErrors formErrors) {
        this.queue = queue;
        this.queueOutlook = queueOutlook;
        this.floor = floor;
        this.projects = projects;
        this.contacts = contacts;
        this.formErrors = formErrors;
    }

    @GetMapping
    String projects(@AuthenticationPrincipal CurrentUser user, Model model) {
        List<Project> running = projects.visibleTo(user).stream().filter(p -> p.status() == Project.Status.ACTIVE)
                .toList();
        model.addAttribute("projects", running);
        return "console/index";
    }

    @GetMapping("/{projectId}")
    String ready(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID projectId,
            @RequestParam(required = false) String q, Model model) {
        Project project = projects.workable(user, projectId);
        model.addAttribute("project", project);
        model.addAttribute("q", q);
        model.addAttribute("paused", floor.paused(user));
        QueueOutlook.Outlook outlook = queueOutlook.of(user, projectId);
        model.addAttribute("outlook", outlook);
        model.addAttribute("myCallbacks", queueOutlook.myCallbacks(user));
        if (outlook.empty() != null) {
            // Nobody to call here: the projects where someone is waiting now.
            model.addAttribute("elsewhere", projects.visibleTo(user).stream()
                    .filter(p -> p.status() == Project.Status.ACTIVE && !p.id().equals(projectId))
                    .map(p -> Map.entry(p, queueOutlook.of(user, p.id()).readyNow())).filter(e -> e.getValue() > 0)
                    .toList());
        }
        if (q != null && !q.isBlank()) {
            model.addAttribute("callers", contacts.search(user.workspaceId(), new ContactSearch(q.strip(), null, null,
                    null, null, null, null, null, null, null, null, null, 0, 10)).items());
        }
        return "console/ready";
    }

    @PostMapping("/{projectId}/next")
    String next(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID projectId, RedirectAttributes redirect) {
        Optional<Lease> lease = queue.next(user, projectId);
        if (lease.isEmpty()) {
            redirect.addFlashAttribute("nobody", true);
            return "redirect:/console/" + projectId;
        }
        return "redirect:/console/" + projectId + "/calls/" + lease.get().attemptId();
    }

    @PostMapping("/{projectId}/inbound")
    String inbound(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID projectId,
            @RequestParam UUID contactId) {
        Lease lease = queue.inbound(user, projectId, contactId);
        return "redirect:/console/" + projectId + "/calls/" + lease.attemptId();
    }

    @GetMapping("/{projectId}/calls/{attemptId}")
    String call(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID projectId, @PathVariable UUID attemptId,
            @RequestParam(required = false) String script, Model model) {
        projects.workable(user, projectId);
        Optional<Lease> lease = queue.current(user, attemptId).filter(l -> l.projectId().equals(projectId));
        if (lease.isEmpty()) {
            if (queue.call(user.workspaceId(), attemptId).isEmpty()) {
                throw ApiProblem.notFound("call"); // not a call of this workspace: nothing to go back from
            }
            return "redirect:/console/" + projectId;
        }
        show(user, projectId, lease.get(), script, model);
        model.addAttribute("form", new OutcomeForm(null, queue.call(user.workspaceId(), attemptId)
                .map(Queue.CallRecord::notes).orElse(null), null, "ME", null, null, null, null, null, null, null, null,
                null, null, script));
        return "console/call";
    }

    @PostMapping("/{projectId}/calls/{attemptId}/outcome")
    String outcome(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID projectId,
            @PathVariable UUID attemptId, @ModelAttribute OutcomeForm form, Model model, RedirectAttributes redirect) {
        Optional<Lease> lease = queue.current(user, attemptId);
        try {
            Outcome chosen = projects.outcomes(user.workspaceId(), projectId).stream()
                    .filter(o -> o.node() == 1 && o.code().equals(form.outcome())).findFirst().orElse(null);
            RecordedOutcome recorded = queue.outcome(user, attemptId, form.report(chosen));
            Map<String, Object> shown = new LinkedHashMap<>();
            shown.put("outcome", recorded.outcome());
            shown.put("leadState", recorded.leadState());
            shown.put("dueAt", recorded.dueAt());
            shown.put("handOff", recorded.handOff());
            shown.put("qualified", recorded.qualified());
            redirect.addFlashAttribute("recorded", shown);
            if ("BOOKING".equals(recorded.handOff())) {
                // qualified: straight on to the best free slots (the booking dialog of the scheduling module)
                return "redirect:/console/" + projectId + "/calls/" + attemptId + "/book";
            }
            return "redirect:/console/" + projectId;
        } catch (ApiProblem problem) {
            if (lease.isEmpty() || problem.status().value() != 400) {
                throw problem;
            }
            show(user, projectId, lease.get(), form.scriptLanguage(), model);
            model.addAttribute("form", form);
            model.addAttribute("errors", formErrors.of(problem));
            return "console/call";
        }
    }

    @PostMapping("/{projectId}/pause")
    String pause(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID projectId) {
        projects.workable(user, projectId);
        floor.pause(user);
        return "redirect:/console/" + projectId;
    }

    @PostMapping("/{projectId}/resume")
    String resume(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID projectId) {
        projects.workable(user, projectId);
        floor.resume(user);
        return "redirect:/console/" + projectId;
    }

    /** The console is open (htmx, every half minute): the agent is on the floor. */
    @PostMapping("/heartbeat")
    ResponseEntity<Void> heartbeat(@AuthenticationPrincipal CurrentUser user) {
        floor.seen(user);
        return ResponseEntity.noContent().build();
    }

    /** The agent stopped the talk timer: wrap-up begins. */
    @PostMapping("/{projectId}/calls/{attemptId}/hangup")
    ResponseEntity<Void> hangUp(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID attemptId) {
        queue.hangUp(user, attemptId);
        return ResponseEntity.noContent().build();
    }

    /** Notes saved as they are typed (htmx), so a crash or a closed tab loses nothing. */
    @PostMapping("/{projectId}/calls/{attemptId}/notes")
    ResponseEntity<String> notes(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID attemptId,
            @RequestParam(required = false) String notes) {
        queue.saveNotes(user, attemptId, notes);
        return ResponseEntity.noContent().build();
    }

    private void show(CurrentUser user, UUID projectId, Lease lease, String scriptLanguage, Model model) {
        Project project = projects.workable(user, projectId);
        ContactCard card = contacts.card(user.workspaceId(), lease.lead().id());
        model.addAttribute("project", project);
        model.addAttribute("lease", lease);
        model.addAttribute("card", card);
        model.addAttribute("calls", queue.calls(user.workspaceId(), lease.lead().id()).stream()
                .filter(c -> !c.id().equals(lease.attemptId())).toList());
        model.addAttribute("timeline", contacts.timeline(user.workspaceId(), lease.lead().id()));
        // The script speaks the lead's language (docs/domain.md §7), whatever the agent's screen is in; one key switches.
        List<String> languages = projects.scripts(user.workspaceId(), projectId).stream().map(Script::language).toList();
        String language = languages.contains(scriptLanguage) ? scriptLanguage : LeadLanguage.of(card);
        Script chosen = projects.script(user.workspaceId(), projectId, language);
        model.addAttribute("script", chosen == null ? null : ScriptPlaceholders.fill(chosen, scriptValues(user, project, card)));
        model.addAttribute("scriptLanguage", chosen == null ? null : chosen.language());
        Map<String, String> names = new LinkedHashMap<>();
        languages.forEach(l -> names.put(l, SupportedLocales.nativeName(Locale.forLanguageTag(l))));
        model.addAttribute("scriptLanguages", names);
        List<Outcome> outcomes = projects.outcomes(user.workspaceId(), projectId).stream().filter(o -> o.node() == 1)
                .toList();
        model.addAttribute("outcomes", outcomes);
        model.addAttribute("shortcuts", shortcuts(outcomes));
    }

    /** What the script's placeholders say on this call (see {@link ScriptPlaceholders#KNOWN}). */
    private static Map<String, String> scriptValues(CurrentUser user, Project project, ContactCard card) {
        Map<String, String> values = new HashMap<>();
        values.put("agent", user.displayName());
        values.put("agent.name", user.displayName());
        values.put("agent.firstName", user.displayName().strip().split("\\s+")[0]);
        values.put("company", user.workspace().name());
        values.put("project", project.name());
        values.put("lead.firstName", card.firstName());
        values.put("lead.surname", card.surname());
        values.put("lead.name", card.displayName());
        values.put("lead.company", card.organisation() == null ? null : card.organisation().name());
        values.put("lead.city", card.city());
        values.put("contact.firstName", card.firstName());
        values.put("contact.surname", card.surname());
        values.put("contact.name", card.displayName());
        return values;
    }

    /**
     * Letters for the outcomes after the tenth (the gatekeeper is the eleventh of the defaults): none the console
     * uses otherwise (N next, I inbound, B book, S script, L its language, O objections, T timer, G the menu).
     */
    private static final String MORE_KEYS = "kqwerypadfhjzxcvmu";

    /** A key for every outcome: 1-9 and 0 for the first ten, in the tree's order, then letters. */
    static Map<String, String> shortcuts(List<Outcome> outcomes) {
        Map<String, String> keys = new LinkedHashMap<>();
        for (int i = 0; i < outcomes.size(); i++) {
            int more = i - 10;
            if (more >= MORE_KEYS.length()) {
                break;
            }
            keys.put(outcomes.get(i).code(), i < 10 ? String.valueOf((i + 1) % 10)
                    : String.valueOf(MORE_KEYS.charAt(more)));
        }
        return keys;
    }
}

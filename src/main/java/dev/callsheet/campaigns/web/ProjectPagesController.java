package dev.callsheet.campaigns.web;

import dev.callsheet.campaigns.TimeWindow;
import dev.callsheet.campaigns.Holiday;
import dev.callsheet.campaigns.Outcome;
import dev.callsheet.campaigns.BookingDefaults;
import dev.callsheet.campaigns.Project;
import dev.callsheet.campaigns.Project.KpiTargets;
import dev.callsheet.campaigns.Project.MediaStep;
import dev.callsheet.campaigns.ProjectDraft;
import dev.callsheet.campaigns.Projects;
import dev.callsheet.campaigns.Script;
import dev.callsheet.web.ApiProblem;
import dev.callsheet.web.FormErrors;
import dev.callsheet.web.SupportedLocales;
import dev.callsheet.workspace.CurrentUser;
import dev.callsheet.workspace.People;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Supervisors' pages for projects: the list, the settings form, the outcome tree, the script
 * editor per language, and public holidays. The queue of a project has its page in dialing.
 */
@Controller
@PreAuthorize("hasRole('SUPERVISOR')")
class ProjectPagesController {

    private final Projects projects;
    private final BookingDefaults bookingDefaults;
    private final People people;
    private final FormErrors formErrors;
    private final Clock clock;

    ProjectPagesController(Projects projects, BookingDefaults bookingDefaults, People people, FormErrors formErrors,
            Clock clock) {
        this.projects = projects;
        this.bookingDefaults = bookingDefaults;
        this.people = people;
        this.formErrors = formErrors;
        this.clock = clock;
    }

    @GetMapping("/projects")
    String list(@AuthenticationPrincipal CurrentUser user, Model model) {
        model.addAttribute("projects", projects.visibleTo(user));
        return "projects/list";
    }

    @GetMapping("/projects/new")
    String newProject(@AuthenticationPrincipal CurrentUser user, Model model) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("timeZone", user.timeZone().getId());
        form.put("mediaPlan", "CALL 0");
        form.put("priority", "OLDEST");
        form.put("maxAttempts", "6");
        form.put("callbackGraceMinutes", "15");
        Projects.defaultHours().forEach((day, windows) -> {
            form.put(day.name() + ".from", windows.get(0).from());
            form.put(day.name() + ".to", windows.get(0).to());
        });
        return form(user, model, null, form, Map.of());
    }

    @PostMapping("/projects/new")
    String create(@AuthenticationPrincipal CurrentUser user, @RequestParam Map<String, String> form, Model model) {
        try {
            ProjectDraft draft = draft(form);
            checkMeetingType(user, form);
            UUID id = projects.create(user.workspaceId(), user.userId(), draft);
            bookingDefaults.setMeetingType(user.workspaceId(), id, form.get(BookingDefaults.FIELD));
            return "redirect:/projects/" + id;
        } catch (ApiProblem problem) {
            FormErrors.fixable(problem);
            return form(user, model, null, form, formErrors.of(problem));
        }
    }

    @GetMapping("/projects/{id}/edit")
    String edit(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, Model model) {
        Map<String, String> form = fields(projects.project(user.workspaceId(), id));
        form.put(BookingDefaults.FIELD, bookingDefaults.meetingType(user.workspaceId(), id).orElse(""));
        return form(user, model, id, form, Map.of());
    }

    @PostMapping("/projects/{id}/edit")
    String update(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
            @RequestParam Map<String, String> form, Model model, RedirectAttributes redirect) {
        try {
            ProjectDraft draft = draft(form);
            checkMeetingType(user, form);
            projects.update(user.workspaceId(), id, draft);
            if (form.containsKey(BookingDefaults.FIELD)) { // a form without the picker keeps the default
                bookingDefaults.setMeetingType(user.workspaceId(), id, form.get(BookingDefaults.FIELD));
            }
        } catch (ApiProblem problem) {
            FormErrors.fixable(problem);
            return form(user, model, id, form, formErrors.of(problem));
        }
        redirect.addFlashAttribute("flash", "flash.saved");
        return "redirect:/projects/" + id;
    }

    private String form(CurrentUser user, Model model, UUID id, Map<String, String> form, Map<String, String> errors) {
        model.addAttribute("projectId", id);
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("teams", people.teams(user.workspaceId()));
        model.addAttribute("days", DayOfWeek.values());
        model.addAttribute("directions", Project.Direction.values());
        model.addAttribute("audiences", Project.Audience.values());
        model.addAttribute("cadences", Project.ReviewCadence.values());
        model.addAttribute("statuses", Project.Status.values());
        model.addAttribute("orders", Projects.ORDERS);
        model.addAttribute("meetingTypes", bookingDefaults.choices(user.workspaceId()));
        return "projects/form";
    }

    /** A default meeting type no rep takes is refused before anything is saved. */
    private void checkMeetingType(CurrentUser user, Map<String, String> form) {
        String code = form.get(BookingDefaults.FIELD);
        if (code != null && !code.isBlank() && bookingDefaults.choices(user.workspaceId()).stream()
                .noneMatch(o -> o.code().equals(code.strip()))) {
            throw ApiProblem.badRequest(BookingDefaults.FIELD, BookingDefaults.FIELD + " must be a meeting type your reps take");
        }
    }

    /** The settings form's fields, as text, from a stored project. */
    private static Map<String, String> fields(Project p) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("name", p.name());
        form.put("direction", p.direction().name());
        form.put("audience", p.audience().name());
        form.put("reviewCadence", p.reviewCadence().name());
        form.put("status", p.status().name());
        form.put("startsOn", p.startsOn() == null ? "" : p.startsOn().toString());
        form.put("endsOn", p.endsOn() == null ? "" : p.endsOn().toString());
        form.put("primaryGoal", p.primaryGoal());
        form.put("secondaryGoal", p.secondaryGoal());
        form.put("teamId", p.teamId() == null ? "" : p.teamId().toString());
        form.put("timeZone", p.timeZone());
        form.put("priority", String.join(", ", p.priority()));
        StringBuilder plan = new StringBuilder();
        for (MediaStep step : p.mediaPlan()) {
            plan.append(step.kind()).append(' ').append(step.afterDays())
                    .append(step.note() == null ? "" : " " + step.note()).append('\n');
        }
        form.put("mediaPlan", plan.toString().strip());
        form.put("maxAttempts", String.valueOf(p.maxAttempts()));
        form.put("maxCallsPer24h", p.maxCallsPer24h() == null ? "" : p.maxCallsPer24h().toString());
        form.put("callbackGraceMinutes", String.valueOf(p.callbackGraceMinutes()));
        KpiTargets k = p.kpiTargets();
        form.put("kpi.connectRate", percent(k.connectRate()));
        form.put("kpi.appointmentsPerHour", k.appointmentsPerHour() == null ? "" : k.appointmentsPerHour().toString());
        form.put("kpi.oneCallResolutionRate", percent(k.oneCallResolutionRate()));
        form.put("kpi.averageSuccessfulCallSeconds",
                k.averageSuccessfulCallSeconds() == null ? "" : k.averageSuccessfulCallSeconds().toString());
        form.put("kpi.talkMinutesPerDay", k.talkMinutesPerDay() == null ? "" : k.talkMinutesPerDay().toString());
        p.callingHours().forEach((day, windows) -> {
            form.put(day.name() + ".from", windows.get(0).from());
            form.put(day.name() + ".to", windows.get(0).to());
        });
        return form;
    }

    private static String percent(Double fraction) {
        return fraction == null ? "" : String.valueOf(Math.round(fraction * 1000) / 10.0);
    }

    private static ProjectDraft draft(Map<String, String> f) {
        List<MediaStep> plan = new ArrayList<>();
        String planText = f.getOrDefault("mediaPlan", "");
        String[] lines = planText.strip().isEmpty() ? new String[0] : planText.strip().split("\\R");
        for (String line : lines) {
            String[] parts = line.strip().split("\\s+", 3);
            if (parts[0].isEmpty()) {
                continue;
            }
            int days;
            try {
                days = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
            } catch (NumberFormatException e) {
                throw ApiProblem.badRequest("mediaPlan", "each step is a kind, days after the step before, and a note");
            }
            plan.add(new MediaStep(parts[0], days, parts.length > 2 ? parts[2] : null));
        }
        Map<String, List<TimeWindow>> hours = new LinkedHashMap<>();
        for (DayOfWeek day : DayOfWeek.values()) {
            String from = f.getOrDefault(day.name() + ".from", "").strip();
            String to = f.getOrDefault(day.name() + ".to", "").strip();
            if (!from.isEmpty() || !to.isEmpty()) {
                hours.put(day.name(), List.of(new TimeWindow(from, to)));
            }
        }
        List<String> priority = Arrays.stream(f.getOrDefault("priority", "").split(",")).map(String::strip)
                .filter(s -> !s.isEmpty()).toList();
        KpiTargets kpi = new KpiTargets(fraction(f, "kpi.connectRate"), decimal(f, "kpi.appointmentsPerHour"),
                fraction(f, "kpi.oneCallResolutionRate"), integer(f, "kpi.averageSuccessfulCallSeconds"),
                integer(f, "kpi.talkMinutesPerDay"));
        String team = f.getOrDefault("teamId", "");
        UUID teamId;
        try {
            teamId = team.isBlank() ? null : UUID.fromString(team.strip());
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest("teamId", "no such team");
        }
        return new ProjectDraft(f.get("name"), f.get("direction"), f.get("audience"), plan, f.get("startsOn"),
                f.get("endsOn"), f.get("reviewCadence"), kpi, f.get("primaryGoal"), f.get("secondaryGoal"), teamId,
                priority, f.get("timeZone"), hours, integer(f, "maxAttempts"), integer(f, "maxCallsPer24h"),
                integer(f, "callbackGraceMinutes"), f.get("status"));
    }

    private static Double fraction(Map<String, String> f, String field) {
        Double percent = decimal(f, field);
        return percent == null ? null : percent / 100.0;
    }

    private static Double decimal(Map<String, String> f, String field) {
        String text = f.getOrDefault(field, "").strip().replace(',', '.');
        try {
            return text.isEmpty() ? null : Double.valueOf(text);
        } catch (NumberFormatException e) {
            throw ApiProblem.badRequest(field, field + " must be a number");
        }
    }

    private static Integer integer(Map<String, String> f, String field) {
        String text = f.getOrDefault(field, "").strip();
        try {
            return text.isEmpty() ? null : Integer.valueOf(text);
        } catch (NumberFormatException e) {
            throw ApiProblem.badRequest(field, field + " must be a whole number");
        }
    }

    // --- outcomes ---

    @GetMapping("/projects/{id}/outcomes")
    String outcomes(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, Model model) {
        model.addAttribute("project", projects.project(user.workspaceId(), id));
        model.addAttribute("outcomes", projects.outcomes(user.workspaceId(), id));
        model.addAttribute("followUps", Outcome.FollowUp.values());
        return "projects/outcomes";
    }

    @PostMapping("/projects/{id}/outcomes")
    String saveOutcome(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, @RequestParam String code,
            @RequestParam(required = false) String label, @RequestParam(required = false) Integer node,
            @RequestParam(defaultValue = "false") boolean connected, @RequestParam(required = false) String followUp,
            @RequestParam(required = false) Integer retryDelayMinutes,
            @RequestParam(defaultValue = "false") boolean asksReason, RedirectAttributes redirect) {
        try {
            Outcome.FollowUp rule = followUp == null || followUp.isBlank() ? null
                    : Outcome.FollowUp.valueOf(followUp.strip().toUpperCase(Locale.ROOT));
            projects.saveOutcome(user.workspaceId(), id, new Outcome(code, label, node == null ? 0 : node, connected,
                    false, rule, retryDelayMinutes, asksReason, false, 0));
            redirect.addFlashAttribute("flash", "flash.saved");
        } catch (ApiProblem problem) {
            FormErrors.fixable(problem);
            redirect.addFlashAttribute("flashError", formErrors.of(problem).values().iterator().next());
        } catch (IllegalArgumentException e) {
            redirect.addFlashAttribute("flashError", formErrors.of(ApiProblem.badRequest("followUp", "followUp"))
                    .values().iterator().next());
        }
        return "redirect:/projects/" + id + "/outcomes";
    }

    // --- scripts ---

    @GetMapping("/projects/{id}/script")
    String scriptInOwnLanguage(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        projects.project(user.workspaceId(), id); // another workspace's project is a 404, not a redirect
        return "redirect:/projects/" + id + "/script/" + user.locale().getLanguage();
    }

    @GetMapping("/projects/{id}/script/{language}")
    String script(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, @PathVariable String language,
            Model model) {
        String lang = SupportedLocales.match(language).map(Locale::getLanguage).orElse("en");
        Script script = projects.scripts(user.workspaceId(), id).stream().filter(s -> s.language().equals(lang))
                .findFirst().orElse(null);
        return scriptForm(user, id, lang, ScriptForm.of(script), Map.of(), model);
    }

    @PostMapping("/projects/{id}/script/{language}")
    String saveScript(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, @PathVariable String language,
            ScriptForm form, Model model, RedirectAttributes redirect) {
        try {
            projects.saveScript(user.workspaceId(), user.userId(), id, form.script(language));
        } catch (ApiProblem problem) {
            FormErrors.fixable(problem);
            return scriptForm(user, id, language, form, formErrors.of(problem), model);
        }
        redirect.addFlashAttribute("flash", "flash.saved");
        return "redirect:/projects/" + id + "/script/" + language;
    }

    private String scriptForm(CurrentUser user, UUID id, String language, ScriptForm form, Map<String, String> errors,
            Model model) {
        model.addAttribute("project", projects.project(user.workspaceId(), id));
        model.addAttribute("language", language);
        model.addAttribute("languages", SupportedLocales.ALL.stream().map(Locale::getLanguage).toList());
        model.addAttribute("form", form.withBlankRows());
        model.addAttribute("errors", errors);
        model.addAttribute("stages", Script.Stage.values());
        return "projects/script";
    }

    /**
     * The script editor's form: rows of nodes (id, stage, text, answers one per line as
     * {@code label => next node}) and rows of objections; blank rows are ignored.
     */
    record ScriptForm(Boolean wordForWord, String start, List<NodeRow> nodes, List<ObjectionRow> objections) {

        record NodeRow(String id, String stage, String text, String answers) {
        }

        record ObjectionRow(String objection, String answer) {
        }

        static ScriptForm of(Script script) {
            if (script == null) {
                return new ScriptForm(false, "open", List.of(new NodeRow("open", "OPENING", "", "")), List.of());
            }
            return new ScriptForm(script.wordForWord(), script.start(), script.nodes().stream()
                    .map(n -> new NodeRow(n.id(), n.stage().name(), n.text(), String.join("\n", n.answers().stream()
                            .map(a -> a.next() == null ? a.label() : a.label() + " => " + a.next()).toList())))
                    .toList(),
                    script.objections().stream().map(o -> new ObjectionRow(o.objection(), o.answer())).toList());
        }

        ScriptForm withBlankRows() {
            List<NodeRow> n = new ArrayList<>(nodes == null ? List.of() : nodes);
            n.add(new NodeRow("", "DIALOGUE", "", ""));
            List<ObjectionRow> o = new ArrayList<>(objections == null ? List.of() : objections);
            o.add(new ObjectionRow("", ""));
            o.add(new ObjectionRow("", ""));
            return new ScriptForm(wordForWord, start, n, o);
        }

        Script script(String language) {
            List<Script.Node> scriptNodes = new ArrayList<>();
            for (NodeRow row : nodes == null ? List.<NodeRow>of() : nodes) {
                if (row == null || (blank(row.id()) && blank(row.text()))) {
                    continue;
                }
                List<Script.Answer> answers = new ArrayList<>();
                for (String line : (row.answers() == null ? "" : row.answers()).split("\\R")) {
                    if (line.isBlank()) {
                        continue;
                    }
                    int arrow = line.indexOf("=>");
                    answers.add(arrow < 0 ? new Script.Answer(line.strip(), null)
                            : new Script.Answer(line.substring(0, arrow).strip(), line.substring(arrow + 2).strip()));
                }
                Script.Stage stage;
                try {
                    stage = Script.Stage.valueOf(row.stage());
                } catch (IllegalArgumentException | NullPointerException e) {
                    stage = null;
                }
                scriptNodes.add(new Script.Node(blank(row.id()) ? null : row.id().strip(), stage, row.text(), answers));
            }
            List<Script.Objection> objectionList = (objections == null ? List.<ObjectionRow>of() : objections).stream()
                    .filter(o -> o != null && !(blank(o.objection()) && blank(o.answer())))
                    .map(o -> new Script.Objection(o.objection(), o.answer())).toList();
            return new Script(language, Boolean.TRUE.equals(wordForWord), start, scriptNodes, objectionList);
        }

        private static boolean blank(String s) {
            return s == null || s.isBlank();
        }
    }

    // --- holidays ---

    @GetMapping("/holidays")
    String holidays(@AuthenticationPrincipal CurrentUser user, Model model) {
        LocalDate today = LocalDate.now(clock);
        model.addAttribute("holidays", projects.holidays(user.workspaceId(), today.minusMonths(1), today.plusYears(2)));
        return "projects/holidays";
    }

    @PostMapping("/holidays")
    String addHoliday(@AuthenticationPrincipal CurrentUser user, @RequestParam String country, @RequestParam String day,
            @RequestParam String name, RedirectAttributes redirect) {
        try {
            LocalDate date;
            try {
                date = LocalDate.parse(day.strip());
            } catch (DateTimeParseException e) {
                throw ApiProblem.badRequest("day", "day must be a date like 2026-12-25");
            }
            projects.saveHoliday(user.workspaceId(), new Holiday(country, date, name));
            redirect.addFlashAttribute("flash", "flash.saved");
        } catch (ApiProblem problem) {
            FormErrors.fixable(problem);
            redirect.addFlashAttribute("flashError", formErrors.of(problem).values().iterator().next());
        }
        return "redirect:/holidays";
    }

    @PostMapping("/holidays/{country}/{day}/delete")
    String deleteHoliday(@AuthenticationPrincipal CurrentUser user, @PathVariable String country,
            @PathVariable String day, RedirectAttributes redirect) {
        try {
            projects.deleteHoliday(user.workspaceId(), country, LocalDate.parse(day));
        } catch (DateTimeParseException e) {
            throw ApiProblem.notFound("holiday");
        }
        redirect.addFlashAttribute("flash", "flash.deleted");
        return "redirect:/holidays";
    }
}

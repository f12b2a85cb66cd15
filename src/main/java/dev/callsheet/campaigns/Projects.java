package dev.callsheet.campaigns;

import dev.callsheet.campaigns.Outcome.FollowUp;
import dev.callsheet.campaigns.Project.Audience;
import dev.callsheet.campaigns.Project.Direction;
import dev.callsheet.campaigns.Project.KpiTargets;
import dev.callsheet.campaigns.Project.MediaStep;
import dev.callsheet.campaigns.Project.ReviewCadence;
import dev.callsheet.campaigns.internal.DefaultOutcomes;
import dev.callsheet.campaigns.internal.ProjectRepository;
import dev.callsheet.web.ApiProblem;
import dev.callsheet.web.Inputs;
import dev.callsheet.web.SupportedLocales;
import dev.callsheet.workspace.CurrentUser;
import dev.callsheet.workspace.Member;
import dev.callsheet.workspace.People;
import dev.callsheet.workspace.Role;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Projects, their outcome trees, scripts and the public holidays of the workspace. Every input is
 * checked here, and a bad one is an {@link ApiProblem} naming its field.
 */
@Service
@Transactional
public class Projects {

    /** Queue orders a project may choose, most significant first; {@code CUSTOM:<field>} too. */
    public static final List<String> ORDERS = List.of("AREA_CODE", "POSTCODE", "REGION", "SCORE", "OLDEST", "NEWEST");

    private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]{1,39}");
    private static final Pattern NODE_ID = Pattern.compile("[A-Za-z0-9_-]{1,40}");

    private final ProjectRepository repository;
    private final People people;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Projects(ProjectRepository repository, People people, ApplicationEventPublisher events,
            Clock clock) {
        this.repository = repository;
        this.people = people;
        this.events = events;
        this.clock = clock;
    }

    private void changed(UUID workspaceId, UUID projectId) {
        events.publishEvent(new ProjectChanged(workspaceId, projectId));
    }

    public UUID create(UUID workspaceId, UUID actorId, ProjectDraft draft) {
        Project project = checked(workspaceId, null, draft);
        UUID id = repository.insert(workspaceId, project, actorId, clock.instant());
        DefaultOutcomes.TREE.forEach(outcome -> repository.saveOutcome(workspaceId, id, outcome));
        return id;
    }

    public Project update(UUID workspaceId, UUID id, ProjectDraft draft) {
        Project existing = project(workspaceId, id);
        repository.update(workspaceId, id, checked(workspaceId, existing, draft), clock.instant());
        changed(workspaceId, id);
        return project(workspaceId, id);
    }

    @Transactional(readOnly = true)
    public Project project(UUID workspaceId, UUID id) {
        return repository.find(workspaceId, id).orElseThrow(() -> ApiProblem.notFound("project"));
    }

    /** The meeting type the project books by default, if it chose one (see {@link BookingDefaults}). */
    @Transactional(readOnly = true)
    public Optional<String> defaultMeetingType(UUID workspaceId, UUID projectId) {
        return repository.defaultMeetingType(workspaceId, projectId);
    }

    /** Every active project of every workspace, by workspace: for work done on each project's schedule. */
    @Transactional(readOnly = true)
    public Map<UUID, List<Project>> active() {
        return repository.active();
    }

    /** The projects this person may see: all for supervisors, else those of their team or of no team. */
    @Transactional(readOnly = true)
    public List<Project> visibleTo(CurrentUser user) {
        List<Project> all = repository.list(user.workspaceId());
        if (manages(user)) {
            return all;
        }
        UUID team = teamOf(user);
        return all.stream().filter(p -> p.teamId() == null || p.teamId().equals(team)).toList();
    }

    /** The project, if this person may work it; a project of another team is a 404, as if absent. */
    @Transactional(readOnly = true)
    public Project workable(CurrentUser user, UUID id) {
        return workable(user, project(user.workspaceId(), id));
    }

    /** The project, when this person may work it (as {@link #workable(CurrentUser, UUID)}), for callers that hold it. */
    @Transactional(readOnly = true)
    public Project workable(CurrentUser user, Project project) {
        if (project.teamId() != null && !manages(user) && !project.teamId().equals(teamOf(user))) {
            throw ApiProblem.notFound("project");
        }
        return project;
    }

    public static boolean manages(CurrentUser user) {
        return user.hasRole(Role.SUPERVISOR) || user.hasRole(Role.ADMIN);
    }

    private UUID teamOf(CurrentUser user) {
        return people.member(user.workspaceId(), user.userId()).map(Member::team).map(Member.Named::id).orElse(null);
    }

    // --- outcomes ---

    @Transactional(readOnly = true)
    public List<Outcome> outcomes(UUID workspaceId, UUID projectId) {
        project(workspaceId, projectId);
        return repository.outcomes(workspaceId, projectId);
    }

    /** Adds an outcome or changes one; a built-in outcome keeps its code, node and meaning, only its name and delay change. */
    public Outcome saveOutcome(UUID workspaceId, UUID projectId, Outcome wanted) {
        List<Outcome> existing = outcomes(workspaceId, projectId);
        String code = wanted.code() == null ? "" : wanted.code().strip().toUpperCase(Locale.ROOT);
        if (!CODE.matcher(code).matches()) {
            throw ApiProblem.badRequest("code", "code must be 2-40 capital letters, digits or _, starting with a letter");
        }
        String label = Inputs.optional("label", wanted.label(), 100);
        Outcome current = existing.stream().filter(o -> o.code().equals(code)).findFirst().orElse(null);
        if (wanted.followUp() == null && current == null) {
            throw ApiProblem.badRequest("followUp", "followUp is required: one of " + List.of(FollowUp.values()));
        }
        FollowUp followUp = wanted.followUp() != null ? wanted.followUp() : current.followUp();
        Integer delay = wanted.retryDelayMinutes() != null ? wanted.retryDelayMinutes()
                : current != null ? current.retryDelayMinutes() : null;
        if (followUp == FollowUp.RETRY && (delay == null || delay < 1 || delay > 525_600)) {
            throw ApiProblem.badRequest("retryDelayMinutes", "a retried outcome needs a delay of 1 to 525600 minutes");
        }
        Outcome saved;
        if (current != null && current.builtIn()) {
            if (followUp != current.followUp()) {
                throw ApiProblem.badRequest("followUp", "the follow-up of built-in outcome " + code + " cannot change");
            }
            saved = new Outcome(code, label, current.node(), current.connected(), current.isFinal(), followUp,
                    followUp == FollowUp.RETRY ? delay : null, current.asksReason(), true, current.position());
        } else {
            int node = wanted.node() == 0 ? 1 : wanted.node();
            if (node < 1 || node > 3) {
                throw ApiProblem.badRequest("node", "node must be 1 (the call), 2 (confirmation) or 3 (revisit)");
            }
            if (label == null) {
                throw ApiProblem.badRequest("label", "a new outcome needs a label");
            }
            boolean isFinal = followUp == FollowUp.NONE || followUp == FollowUp.NEVER || followUp == FollowUp.BOOK;
            int position = current != null ? current.position()
                    : existing.stream().mapToInt(Outcome::position).max().orElse(0) + 1;
            saved = new Outcome(code, label, node, wanted.connected(), isFinal, followUp,
                    followUp == FollowUp.RETRY ? delay : null, wanted.asksReason(), false, position);
        }
        repository.saveOutcome(workspaceId, projectId, saved);
        changed(workspaceId, projectId);
        return saved;
    }

    public void deleteOutcome(UUID workspaceId, UUID projectId, String code) {
        Outcome outcome = outcomes(workspaceId, projectId).stream().filter(o -> o.code().equals(code)).findFirst()
                .orElseThrow(() -> ApiProblem.notFound("outcome"));
        if (outcome.builtIn()) {
            throw ApiProblem.badRequest("code", "built-in outcome " + code + " can be renamed but not removed");
        }
        repository.deleteOutcome(workspaceId, projectId, code);
        changed(workspaceId, projectId);
    }

    // --- scripts ---

    @Transactional(readOnly = true)
    public List<Script> scripts(UUID workspaceId, UUID projectId) {
        project(workspaceId, projectId);
        return repository.scripts(workspaceId, projectId);
    }

    /** The script in this language, else in English, else any; null when the project has none. */
    @Transactional(readOnly = true)
    public Script script(UUID workspaceId, UUID projectId, String language) {
        List<Script> scripts = scripts(workspaceId, projectId);
        return scripts.stream().filter(s -> s.language().equals(language)).findFirst()
                .or(() -> scripts.stream().filter(s -> s.language().equals("en")).findFirst())
                .or(() -> scripts.stream().findFirst()).orElse(null);
    }

    public Script saveScript(UUID workspaceId, UUID actorId, UUID projectId, Script script) {
        project(workspaceId, projectId);
        Script checked = checked(script);
        repository.saveScript(workspaceId, projectId, checked, actorId, clock.instant());
        return checked;
    }

    private static Script checked(Script script) {
        String language = SupportedLocales.match(script.language()).map(Locale::getLanguage)
                .orElseThrow(() -> ApiProblem.badRequest("language", "language must be one of en, nb, es, ru, ko, ro"));
        List<Script.Node> nodes = script.nodes() == null ? List.of() : script.nodes();
        if (nodes.isEmpty() || nodes.size() > 200) {
            throw ApiProblem.badRequest("nodes", "a script needs 1 to 200 nodes");
        }
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < nodes.size(); i++) {
            Script.Node node = nodes.get(i);
            if (node == null || node.id() == null || !NODE_ID.matcher(node.id()).matches()) {
                throw ApiProblem.badRequest("nodes[" + i + "].id", "a node id is 1-40 letters, digits, - or _");
            }
            if (!ids.add(node.id())) {
                throw ApiProblem.badRequest("nodes[" + i + "].id", "node id " + node.id() + " is used twice");
            }
            if (node.stage() == null) {
                throw ApiProblem.badRequest("nodes[" + i + "].stage", "stage must be OPENING, DIALOGUE or CLOSE");
            }
            Inputs.required("nodes[" + i + "].text", node.text(), 4000);
            placeholders("nodes[" + i + "].text", node.text());
        }
        List<Script.Node> cleaned = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            Script.Node node = nodes.get(i);
            List<Script.Answer> answers = node.answers() == null ? List.of() : node.answers();
            for (int j = 0; j < answers.size(); j++) {
                Script.Answer answer = answers.get(j);
                String field = "nodes[" + i + "].answers[" + j + "]";
                Inputs.required(field + ".label", answer.label(), 200);
                placeholders(field + ".label", answer.label());
                if (answer.next() != null && !answer.next().isBlank() && !ids.contains(answer.next())) {
                    throw ApiProblem.badRequest(field + ".next", "no node has id " + answer.next());
                }
            }
            cleaned.add(new Script.Node(node.id(), node.stage(), node.text().strip(), answers.stream()
                    .map(a -> new Script.Answer(a.label().strip(), a.next() == null || a.next().isBlank() ? null
                            : a.next()))
                    .toList()));
        }
        String start = script.start() == null || script.start().isBlank() ? nodes.get(0).id() : script.start();
        if (!ids.contains(start)) {
            throw ApiProblem.badRequest("start", "no node has id " + start);
        }
        List<Script.Objection> objections = script.objections() == null ? List.of() : script.objections();
        for (int i = 0; i < objections.size(); i++) {
            Inputs.required("objections[" + i + "].objection", objections.get(i).objection(), 300);
            Inputs.required("objections[" + i + "].answer", objections.get(i).answer(), 4000);
            placeholders("objections[" + i + "].answer", objections.get(i).answer());
        }
        return new Script(language, script.wordForWord(), start, cleaned, objections.stream()
                .map(o -> new Script.Objection(o.objection().strip(), o.answer().strip())).toList());
    }

    private static void placeholders(String field, String text) {
        Set<String> unknown = ScriptPlaceholders.unknownIn(text);
        if (!unknown.isEmpty()) {
            throw ApiProblem.badRequest(field, "no call can fill {" + String.join("}, {", unknown) + "}; a script may use {"
                    + String.join("}, {", ScriptPlaceholders.KNOWN) + "}");
        }
    }

    // --- holidays ---

    public Holiday saveHoliday(UUID workspaceId, Holiday holiday) {
        Holiday checked = new Holiday(requiredCountry(holiday.country()), Objects.requireNonNullElseGet(holiday.day(), () -> {
            throw ApiProblem.badRequest("day", "day is required, as 2026-12-25");
        }), Inputs.required("name", holiday.name(), 100));
        repository.saveHoliday(workspaceId, checked);
        changed(workspaceId, null);
        return checked;
    }

    public void deleteHoliday(UUID workspaceId, String country, LocalDate day) {
        if (!repository.deleteHoliday(workspaceId, requiredCountry(country), day)) {
            throw ApiProblem.notFound("holiday");
        }
        changed(workspaceId, null);
    }

    @Transactional(readOnly = true)
    public List<Holiday> holidays(UUID workspaceId, LocalDate from, LocalDate to) {
        return repository.holidays(workspaceId, from, to);
    }

    // --- checking a draft ---

    private Project checked(UUID workspaceId, Project base, ProjectDraft d) {
        String name = Inputs.required("name", d.name(), 200);
        Direction direction = Inputs.choice("direction", d.direction(), Direction.class,
                base != null ? base.direction() : Direction.OUTBOUND);
        Audience audience = Inputs.choice("audience", d.audience(), Audience.class,
                base != null ? base.audience() : Audience.NEW_CUSTOMERS);
        ReviewCadence cadence = Inputs.choice("reviewCadence", d.reviewCadence(), ReviewCadence.class,
                base != null ? base.reviewCadence() : ReviewCadence.WEEKLY);
        Project.Status status = Inputs.choice("status", d.status(), Project.Status.class,
                base != null ? base.status() : Project.Status.ACTIVE);
        List<MediaStep> plan = mediaPlan(d.mediaPlan(), base);
        LocalDate startsOn = Inputs.date("startsOn", d.startsOn());
        LocalDate endsOn = Inputs.date("endsOn", d.endsOn());
        if (startsOn != null && endsOn != null && endsOn.isBefore(startsOn)) {
            throw ApiProblem.badRequest("endsOn", "endsOn must not be before startsOn");
        }
        KpiTargets kpi = kpi(d.kpiTargets(), base);
        if (d.teamId() != null && people.teams(workspaceId).stream().noneMatch(t -> t.id().equals(d.teamId()))) {
            throw ApiProblem.badRequest("teamId", "team " + d.teamId() + " does not exist in this workspace");
        }
        List<String> priority = priority(d.priority(), base);
        String zone = zone(d.timeZone(), base);
        Map<DayOfWeek, List<TimeWindow>> hours = hours(d.callingHours(), base);
        int maxAttempts = range("maxAttempts", d.maxAttempts(), 1, 100, base != null ? base.maxAttempts() : 6);
        Integer cap = base != null ? base.maxCallsPer24h() : null;
        if (d.maxCallsPer24h() != null) {
            cap = range("maxCallsPer24h", d.maxCallsPer24h(), 1, 100, 0);
        }
        int grace = range("callbackGraceMinutes", d.callbackGraceMinutes(), 0, 10080,
                base != null ? base.callbackGraceMinutes() : 15);
        return new Project(base != null ? base.id() : null, name, direction, audience, plan, startsOn, endsOn, cadence,
                kpi, Inputs.optional("primaryGoal", d.primaryGoal(), 300), Inputs.optional("secondaryGoal", d.secondaryGoal(), 300),
                d.teamId(), priority, zone, hours, maxAttempts, cap, grace, status,
                base != null ? base.createdAt() : clock.instant(),
                LeadHours.checked(d.leadHours(), base != null ? base.leadHours() : null));
    }

    private static List<MediaStep> mediaPlan(List<MediaStep> steps, Project base) {
        if (steps == null) {
            return base != null ? base.mediaPlan() : List.of(new MediaStep("CALL", 0, null));
        }
        if (steps.isEmpty() || steps.size() > 20) {
            throw ApiProblem.badRequest("mediaPlan", "a media plan has 1 to 20 steps");
        }
        List<MediaStep> checked = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            MediaStep step = steps.get(i);
            String kind = step.kind() == null ? "" : step.kind().strip().toUpperCase(Locale.ROOT);
            if (!MediaStep.KINDS.contains(kind)) {
                throw ApiProblem.badRequest("mediaPlan[" + i + "].kind", "kind must be one of " + MediaStep.KINDS);
            }
            if (step.afterDays() < 0 || step.afterDays() > 365) {
                throw ApiProblem.badRequest("mediaPlan[" + i + "].afterDays", "afterDays must be 0 to 365");
            }
            checked.add(new MediaStep(kind, step.afterDays(), Inputs.optional("mediaPlan[" + i + "].note", step.note(), 200)));
        }
        if (checked.stream().noneMatch(MediaStep::isCall)) {
            throw ApiProblem.badRequest("mediaPlan", "a media plan needs at least one CALL step");
        }
        return List.copyOf(checked);
    }

    private static KpiTargets kpi(KpiTargets k, Project base) {
        if (k == null) {
            return base != null ? base.kpiTargets() : new KpiTargets(null, null, null, null, null);
        }
        fraction("kpiTargets.connectRate", k.connectRate());
        fraction("kpiTargets.oneCallResolutionRate", k.oneCallResolutionRate());
        if (k.appointmentsPerHour() != null && (k.appointmentsPerHour() < 0 || k.appointmentsPerHour() > 100)) {
            throw ApiProblem.badRequest("kpiTargets.appointmentsPerHour", "appointmentsPerHour must be 0 to 100");
        }
        if (k.averageSuccessfulCallSeconds() != null) {
            range("kpiTargets.averageSuccessfulCallSeconds", k.averageSuccessfulCallSeconds(), 1, 36_000, 0);
        }
        if (k.talkMinutesPerDay() != null) {
            range("kpiTargets.talkMinutesPerDay", k.talkMinutesPerDay(), 1, 1440, 0);
        }
        return k;
    }

    private static void fraction(String field, Double value) {
        if (value != null && (value < 0 || value > 1)) {
            throw ApiProblem.badRequest(field, field.substring(field.indexOf('.') + 1)
                    + " is a fraction from 0 to 1 (0.35 for 35 %)");
        }
    }

    private static List<String> priority(List<String> priority, Project base) {
        if (priority == null) {
            return base != null ? base.priority() : List.of("OLDEST");
        }
        if (priority.size() > 6) {
            throw ApiProblem.badRequest("priority", "at most 6 priority fields");
        }
        List<String> checked = new ArrayList<>();
        for (int i = 0; i < priority.size(); i++) {
            String p = priority.get(i) == null ? "" : priority.get(i).strip();
            if (p.regionMatches(true, 0, "CUSTOM:", 0, 7) && p.length() > 7 && p.length() <= 70) {
                checked.add("CUSTOM:" + p.substring(7).strip());
            } else if (ORDERS.contains(p.toUpperCase(Locale.ROOT))) {
                checked.add(p.toUpperCase(Locale.ROOT));
            } else {
                throw ApiProblem.badRequest("priority[" + i + "]",
                        "priority fields are " + ORDERS + " or CUSTOM:<field>, not " + p);
            }
        }
        return List.copyOf(checked);
    }

    private static String zone(String zone, Project base) {
        if (zone == null || zone.isBlank()) {
            return base != null ? base.timeZone() : "UTC";
        }
        try {
            return ZoneId.of(zone.strip()).getId();
        } catch (DateTimeException e) {
            throw ApiProblem.badRequest("timeZone", "timeZone must be an IANA zone like Europe/Oslo, not " + zone);
        }
    }

    /** Default: 09:00-20:00 Monday to Friday. */
    public static Map<DayOfWeek, List<TimeWindow>> defaultHours() {
        Map<DayOfWeek, List<TimeWindow>> hours = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY,
                DayOfWeek.FRIDAY)) {
            hours.put(day, List.of(new TimeWindow("09:00", "20:00")));
        }
        return hours;
    }

    private static Map<DayOfWeek, List<TimeWindow>> hours(Map<String, List<TimeWindow>> hours, Project base) {
        if (hours == null) {
            return base != null ? base.callingHours() : defaultHours();
        }
        return TimeWindow.weekly("callingHours", hours);
    }



    private static String requiredCountry(String country) {
        return Inputs.country("country", country)
                .orElseThrow(() -> ApiProblem.badRequest("country", "country is required, as an ISO 3166 code like NO"));
    }

    private static int range(String field, Integer value, int min, int max, int fallback) {
        if (value == null) {
            return fallback;
        }
        if (value < min || value > max) {
            throw ApiProblem.badRequest(field, field + " must be " + min + " to " + max);
        }
        return value;
    }

}

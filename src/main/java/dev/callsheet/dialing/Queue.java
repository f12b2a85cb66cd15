package dev.callsheet.dialing;

import dev.callsheet.campaigns.Outcome;
import dev.callsheet.campaigns.Outcome.FollowUp;
import dev.callsheet.campaigns.Project;
import dev.callsheet.campaigns.Projects;
import dev.callsheet.contacts.Activity;
import dev.callsheet.contacts.Contacts;
import dev.callsheet.contacts.Dialable;
import dev.callsheet.contacts.LeadHeadline;
import dev.callsheet.contacts.LeadStatus;
import dev.callsheet.dialing.internal.CallingWindows;
import dev.callsheet.dialing.internal.DialingSettings;
import dev.callsheet.dialing.internal.PriorityKey;
import dev.callsheet.dialing.internal.ProjectCache;
import dev.callsheet.dialing.internal.QueueRepository;
import dev.callsheet.dialing.internal.QueueRepository.Attempt;
import dev.callsheet.dialing.internal.QueueRepository.Entry;
import dev.callsheet.dialing.internal.QueueRepository.NewEntry;
import dev.callsheet.web.ApiProblem;
import dev.callsheet.web.Inputs;
import dev.callsheet.workspace.CurrentUser;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.ObjectMapper;

/**
 * A project's call queue: leads in, one lead out to one agent, the call's outcome back (docs/domain.md
 * §5-§8). Each method is one transaction; the claim is one statement with {@code FOR UPDATE SKIP
 * LOCKED}, so two agents (on any number of application instances) never get the same lead, and a
 * lease that is never answered simply expires back into the queue.
 */
@Service
@Transactional
public class Queue {

    private static final int PAGE = 5_000;

    private final QueueRepository repository;
    private final ProjectCache cache;
    private final Projects projects;
    private final Contacts contacts;
    private final DialingSettings settings;
    private final ApplicationEventPublisher events;
    private final Floor floor;
    private final ObjectMapper json;
    private final Clock clock;

    Queue(QueueRepository repository, ProjectCache cache, Projects projects, Contacts contacts,
            DialingSettings settings, ApplicationEventPublisher events, Floor floor, ObjectMapper json, Clock clock) {
        this.repository = repository;
        this.cache = cache;
        this.projects = projects;
        this.contacts = contacts;
        this.settings = settings;
        this.events = events;
        this.floor = floor;
        this.json = json;
        this.clock = clock;
    }

    // --- filling the queue ---

    /** Adds cards to the project's queue; those already in it, without a callable number or do-not-contact are not added. */
    public int add(UUID workspaceId, UUID projectId, Collection<UUID> contactIds) {
        return add(workspaceId, projectId, contactIds, clock.instant());
    }

    /** As {@link #add(UUID, UUID, Collection)}, as of an earlier time. */
    public int add(UUID workspaceId, UUID projectId, Collection<UUID> contactIds, Instant now) {
        Project project = projects.project(workspaceId, projectId);
        if (contactIds.size() > 10_000) {
            throw ApiProblem.badRequest("contactIds", "at most 10000 contacts at a time; add an import for more");
        }
        // In the order given (ties of the project's order then go to the first named).
        Map<UUID, Integer> position = new HashMap<>();
        for (UUID id : contactIds) {
            position.putIfAbsent(id, position.size());
        }
        List<Dialable> leads = new ArrayList<>(contacts.dialables(workspaceId, position.keySet()));
        leads.sort(Comparator.comparingInt(d -> position.get(d.contactId())));
        int added = repository.add(workspaceId, projectId, entries(project, leads, now), now);
        cache.forget(projectId);
        return added;
    }

    /** Adds every live card an import created, a page at a time. */
    public int addImport(UUID workspaceId, UUID projectId, UUID importId) {
        return addImport(workspaceId, projectId, importId, clock.instant());
    }

    /** As {@link #addImport(UUID, UUID, UUID)}, as of an earlier time (to {@link #replay} a call history after it). */
    public int addImport(UUID workspaceId, UUID projectId, UUID importId, Instant now) {
        Project project = projects.project(workspaceId, projectId);
        int added = 0;
        UUID after = null;
        List<Dialable> page;
        do {
            page = contacts.dialablesOfImport(workspaceId, importId, after, PAGE);
            added += repository.add(workspaceId, projectId, entries(project, page, now), now);
            after = page.isEmpty() ? null : page.get(page.size() - 1).contactId();
        } while (page.size() == PAGE);
        cache.forget(projectId);
        return added;
    }

    private List<NewEntry> entries(Project project, List<Dialable> leads, Instant now) {
        int step = Math.max(0, project.callStepFrom(0));
        Instant due = now.plus(Duration.ofDays(project.daysBetweenSteps(-1, step)));
        List<NewEntry> entries = new ArrayList<>(leads.size());
        for (Dialable lead : leads) {
            if (lead.phone() == null || lead.status() == LeadStatus.DO_NOT_CONTACT) {
                continue;
            }
            entries.add(new NewEntry(lead.contactId(), lead.phone(), lead.country(), zone(project, lead.timeZones()),
                    PriorityKey.of(project.priority(), lead), due, step, lead.source().name(), lead.campaignCode()));
        }
        return entries;
    }

    /**
     * The lead's zone: the number's own when it has one; of several (mobiles of large countries)
     * the project's when it is among them, else the first; none known, the project's.
     */
    static String zone(Project project, List<String> zones) {
        if (zones.size() == 1) {
            return zones.get(0);
        }
        if (zones.isEmpty() || zones.contains(project.timeZone())) {
            return project.timeZone();
        }
        return zones.get(0);
    }

    // --- next lead ---

    /** The agent's next lead, leased to them alone; empty when nothing is callable now. Asking twice returns the same lease. */
    public Optional<Lease> next(CurrentUser agent, UUID projectId) {
        return next(agent, projectId, clock.instant());
    }

    private Optional<Lease> next(CurrentUser agent, UUID projectId, Instant now) {
        ProjectCache.Snapshot snapshot = cache.get(agent.workspaceId(), projectId, now);
        Project project = projects.workable(agent, snapshot.project());
        maintain(projectId, now);
        List<String> open = CallingWindows.open(project, snapshot.zoneKeys(), snapshot.holidays(), now);
        Optional<Entry> leased = repository.leaseFor(projectId, agent.userId(), open, UUID.randomUUID(), now,
                now.plus(settings.lease()));
        if (leased.isEmpty()) {
            floor.waiting(agent.workspaceId(), agent.userId(), projectId, now);
            return Optional.empty();
        }
        floor.onCall(agent.workspaceId(), agent.userId(), projectId, leased.get().attemptId(), now);
        return Optional.of(lease(agent.workspaceId(), leased.get(), now, false));
    }

    private final Map<UUID, Instant> maintained = new ConcurrentHashMap<>();

    /**
     * Expired leases back to the queue and leads now due into the ready index: at most once per
     * second of the clock per project on this instance (each instance does its own share), so that
     * two hundred agents asking at once do not all sweep.
     */
    private void maintain(UUID projectId, Instant now) {
        Instant last = maintained.get(projectId);
        if (last != null && !now.isBefore(last) && Duration.between(last, now).toMillis() < 1000) {
            return;
        }
        maintained.put(projectId, now);
        repository.releaseExpired(projectId, now);
        repository.promoteDue(projectId, now);
    }

    /** A lead who calls in (docs/domain.md §3): the agent who answers gets their card and the same console. */
    public Lease inbound(CurrentUser agent, UUID projectId, UUID contactId) {
        Project project = projects.workable(agent, projectId);
        Instant now = clock.instant();
        Entry entry = repository.entry(projectId, contactId).orElse(null);
        if (entry == null) {
            Dialable lead = contacts.dialable(agent.workspaceId(), contactId)
                    .orElseThrow(() -> ApiProblem.badRequest("contactId", "no such card in this workspace"));
            if (lead.phone() == null) {
                throw ApiProblem.badRequest("contactId", "this card has no readable phone number");
            }
            repository.add(agent.workspaceId(), projectId, List.of(new NewEntry(contactId, lead.phone(), lead.country(),
                    zone(project, lead.timeZones()), PriorityKey.of(project.priority(), lead), now,
                    Math.max(0, project.callStepFrom(0)), lead.source().name(), lead.campaignCode())), now);
            entry = repository.entry(projectId, contactId).orElseThrow();
            cache.forget(projectId);
        }
        entry = repository.lockEntry(entry.id());
        if (entry.state().equals("LEASED") && agent.userId().equals(entry.leasedTo()) && entry.attemptId() != null
                && entry.leaseExpires().isAfter(now)) {
            return lease(agent.workspaceId(), entry, now, true);
        }
        UUID attemptId = UUID.randomUUID();
        Instant expires = now.plus(settings.lease());
        if (inQueue(entry.state()) || entry.state().equals("LEASED")) {
            repository.lease(entry.id(), agent.userId(), attemptId, now, expires);
        }
        repository.insertAttempt(attemptId, entry, agent.userId(), true, now);
        floor.onCall(agent.workspaceId(), agent.userId(), projectId, attemptId, now);
        Entry leased = new Entry(entry.id(), entry.workspaceId(), entry.projectId(), entry.contactId(), entry.phone(),
                entry.country(), entry.timeZone(), entry.state(), entry.rank(), entry.dueAt(), entry.step(),
                entry.attempts(), agent.userId(), expires, attemptId, entry.callbackFor(), entry.exitReason());
        return lease(agent.workspaceId(), leased, now, true);
    }

    private Lease lease(UUID workspaceId, Entry entry, Instant now, boolean inbound) {
        LeadHeadline lead = contacts.headline(workspaceId, entry.contactId()).orElse(null);
        ZoneId zone = ZoneId.of(entry.timeZone());
        String local = LocalDateTime.ofInstant(now, zone).truncatedTo(ChronoUnit.MINUTES).toString();
        return new Lease(entry.attemptId(), entry.projectId(), entry.leaseExpires(),
                new Lease.Lead(entry.contactId(), lead == null ? "" : lead.displayName(), entry.phone(), entry.country(),
                        entry.timeZone(), local, lead == null ? null : lead.status().name(), entry.attempts(),
                        entry.step(), entry.rank() == 0, inbound));
    }

    /** The agent's call in progress: the lease of {@code attemptId} while its outcome is still to come. */
    @Transactional(readOnly = true)
    public Optional<Lease> current(CurrentUser agent, UUID attemptId) {
        return repository.attempt(agent.workspaceId(), attemptId)
                .filter(a -> a.outcome() == null && a.agentId().equals(agent.userId()))
                .map(a -> {
                    Entry entry = repository.entry(a.projectId(), a.contactId()).orElseThrow();
                    Entry asLeased = new Entry(entry.id(), entry.workspaceId(), entry.projectId(), entry.contactId(),
                            a.phone(), entry.country(), entry.timeZone(), entry.state(), entry.rank(), entry.dueAt(),
                            entry.step(), entry.attempts(), agent.userId(), entry.leaseExpires(), a.id(),
                            entry.callbackFor(), entry.exitReason());
                    return lease(agent.workspaceId(), asLeased, clock.instant(), a.inbound());
                });
    }

    // --- after the call ---

    /**
     * Records the call's outcome and decides the lead's next due time. Posting the same outcome
     * again (a double click, a retry) changes nothing and answers as the first time; another
     * outcome for a call already recorded is a 409.
     */
    public RecordedOutcome outcome(CurrentUser agent, UUID attemptId, OutcomeReport report) {
        return outcome(agent, attemptId, report, clock.instant());
    }

    /**
     * Replays a call that happened at {@code at}, as the queue would have served it then: the
     * lead the agent would have got, and the outcome {@code decide} gives for it. For call
     * histories brought over from another dialler, and the demo's day of calls.
     */
    public Optional<RecordedOutcome> replay(CurrentUser agent, UUID projectId, Instant at,
            Function<Lease, OutcomeReport> decide) {
        Optional<Lease> lease = next(agent, projectId, at);
        return lease.map(l -> {
            OutcomeReport report = decide.apply(l);
            int talk = report.talkSeconds() == null ? 0 : report.talkSeconds();
            return outcome(agent, l.attemptId(), report, at.plusSeconds(talk + 20L));
        });
    }

    private RecordedOutcome outcome(CurrentUser agent, UUID attemptId, OutcomeReport report, Instant now) {
        QueueRepository.Call call = repository.lockCall(agent.workspaceId(), attemptId)
                .orElseThrow(() -> ApiProblem.notFound("attempt"));
        Attempt attempt = call.attempt();
        if (!attempt.agentId().equals(agent.userId()) && !Projects.manages(agent)) {
            throw ApiProblem.forbidden("this call belongs to another agent");
        }
        String code = report == null || report.outcome() == null ? ""
                : report.outcome().strip().toUpperCase(Locale.ROOT);
        Entry entry = call.entry();
        if (attempt.outcome() != null) {
            if (attempt.outcome().equals(code)) {
                return recorded(attempt.id(), code, entry, attempt.qualified());
            }
            throw ApiProblem.conflict("outcome", "this call's outcome was already recorded as " + attempt.outcome());
        }
        ProjectCache.Snapshot snapshot = cache.get(agent.workspaceId(),
                attempt.projectId(), now);
        Project project = snapshot.project();
        Outcome outcome = snapshot.outcomes().stream()
                .filter(o -> o.code().equals(code) && o.node() == 1).findFirst()
                .orElseThrow(() -> ApiProblem.badRequest("outcome", "outcome must be one of this project's call outcomes"
                        + " (REJECTED, INTERESTED, DEAL, FOLLOW_UP, HUNG_UP, NO_ANSWER, SWITCHED_OFF, BUSY,"
                        + " INVALID_NUMBER, OUT_OF_AREA or one the supervisor added), not " + report.outcome()));
        String notes = Inputs.optional("notes", report.notes(), 10_000);
        String reason = Inputs.optional("reason", report.reason(), 500);
        if (outcome.asksReason() && reason == null) {
            throw ApiProblem.badRequest("reason", "ask the lead why, and write the reason down");
        }
        Integer talk = report.talkSeconds();
        if (talk != null && (talk < 0 || talk > 86_400)) {
            throw ApiProblem.badRequest("talkSeconds", "talkSeconds must be 0 to 86400");
        }
        Instant callbackAt = null;
        String callbackFor = null;
        boolean timed = report.callbackAt() != null && !report.callbackAt().isBlank();
        boolean gatekeeper = code.equals(GATEKEEPER);
        if (timed && outcome.followUp() != FollowUp.CALLBACK && !gatekeeper) {
            // Never turned into a callback behind the agent's back: "No answer" with a time is a mistake to show.
            throw ApiProblem.badRequest("callbackAt", "callbackAt belongs to a callback (or a gatekeeper's agreed time),"
                    + " not to " + code);
        }
        // A gatekeeper who names a time ("the manager is in after nine") makes a callback at that time.
        FollowUp followUp = gatekeeper && timed ? FollowUp.CALLBACK : outcome.followUp();
        if (followUp == FollowUp.CALLBACK) {
            callbackAt = callbackAt(report.callbackAt(), ZoneId.of(entry.timeZone()), now);
            callbackFor = report.callbackFor() == null || report.callbackFor().isBlank() ? "ME"
                    : report.callbackFor().strip().toUpperCase(Locale.ROOT);
            if (!callbackFor.equals("ME") && !callbackFor.equals("ANYONE")) {
                throw ApiProblem.badRequest("callbackFor", "callbackFor must be ME or ANYONE");
            }
        }
        OutcomeReport.Qualification qualification = report.qualification();
        Boolean qualified = null;
        if (outcome.followUp() == FollowUp.BOOK) {
            qualification = checked(qualification);
            qualified = qualification.qualified();
        } else if (qualification != null) {
            qualification = checked(qualification);
        }
        OutcomeReport.DecisionMaker decisionMaker = decisionMaker(report.decisionMaker());
        // The call record's outcome is written with the lead's row, by the statement that moves or marks it.
        QueueRepository.Mark mark = new QueueRepository.Mark(attempt.id(), code, outcome.connected(), notes, reason,
                callbackAt, callbackFor, qualification == null ? null : json.writeValueAsString(qualification),
                qualified, talk, decisionMaker == null ? null : json.writeValueAsString(decisionMaker), now);
        QueueRepository.Progress progress;
        String handOff = null;
        boolean current = attempt.id().equals(entry.attemptId()) || inQueue(entry.state());
        if (current) {
            Moved moved = next(project, entry, outcome, followUp, attempt, callbackAt, callbackFor, mark);
            entry = moved.entry();
            progress = moved.progress();
        } else {
            progress = repository.markProgress(attempt.entryId(), mark);
        }
        if (outcome.followUp() == FollowUp.NEVER) {
            contacts.flagDeadNumber(agent.workspaceId(), attempt.contactId(), attempt.phone(), agent.userId());
        }
        LeadStatus status = status(outcome, qualified);
        if (status != null) {
            contacts.setStatus(agent.workspaceId(), attempt.contactId(), status, agent.userId());
        } else if (outcome.connected()) {
            contacts.headline(agent.workspaceId(), attempt.contactId()).filter(d -> d.status() == LeadStatus.NEW)
                    .ifPresent(d -> contacts.setStatus(agent.workspaceId(), d.contactId(), LeadStatus.WORKING,
                            agent.userId()));
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("project", project.name());
        details.put("outcome", code);
        details.put("phone", attempt.phone());
        if (talk != null) {
            details.put("talkSeconds", talk);
        }
        if (reason != null) {
            details.put("reason", reason);
        }
        if (notes != null) {
            details.put("notes", notes.length() > 500 ? notes.substring(0, 500) + "…" : notes);
        }
        if (callbackAt != null) {
            details.put("callbackAt", callbackAt.toString());
        }
        if (decisionMaker != null) {
            details.put("decisionMaker", decisionMaker);
        }
        contacts.recordActivity(agent.workspaceId(), attempt.contactId(), Activity.CALLED, agent.userId(), details, now);
        boolean successful = Boolean.TRUE.equals(qualified) || code.equals("DEAL");
        events.publishEvent(new CallLogged(agent.workspaceId(), project.id(), attempt.id(), attempt.contactId(),
                attempt.agentId(), code, outcome.connected(), talk == null ? 0 : talk, attempt.inbound(), now,
                attempt.startedAt(), progress.source(), Boolean.TRUE.equals(qualified), successful, outcome.isFinal(),
                progress.firstCall(), progress.enteredAt(), gatekeeper));
        floor.waiting(agent.workspaceId(), attempt.agentId(), project.id(), now);
        if (Boolean.TRUE.equals(qualified)) {
            handOff = "BOOKING";
            events.publishEvent(new LeadHandedToBooking(agent.workspaceId(), project.id(), attempt.contactId(),
                    attempt.agentId(), attempt.id()));
        }
        return new RecordedOutcome(attempt.id(), code, entry.state(), entry.state().equals("READY") ? entry.dueAt() : null,
                entry.exitReason(), qualified, handOff);
    }

    /** The connected outcome "reached someone, not the key person" (docs/domain.md §7). */
    public static final String GATEKEEPER = "GATEKEEPER";

    /** What the agent learnt of the decision maker, checked; null when nothing was given. */
    private static OutcomeReport.DecisionMaker decisionMaker(OutcomeReport.DecisionMaker given) {
        if (given == null) {
            return null;
        }
        String name = Inputs.optional("decisionMaker.name", given.name(), 200);
        String phone = Inputs.optional("decisionMaker.phone", given.phone(), 40);
        String bestTime = Inputs.optional("decisionMaker.bestTime", given.bestTime(), 200);
        if (phone != null && !phone.matches("[+0-9 ().\\-/]{3,40}")) {
            throw ApiProblem.badRequest("decisionMaker.phone", "decisionMaker.phone must be a phone number");
        }
        return name == null && phone == null && bestTime == null ? null
                : new OutcomeReport.DecisionMaker(name, phone, bestTime);
    }

    /** READY (due now) and WAITING (due later) are both "in the queue"; the API says READY for either. */
    private static boolean inQueue(String state) {
        return state.equals("READY") || state.equals("WAITING");
    }

    private RecordedOutcome recorded(UUID attemptId, String code, Entry entry, Boolean qualified) {
        String state = inQueue(entry.state()) ? "READY" : entry.state();
        return new RecordedOutcome(attemptId, code, state, inQueue(entry.state()) ? entry.dueAt() : null,
                entry.exitReason(), qualified, Boolean.TRUE.equals(qualified) ? "BOOKING" : null);
    }

    /** The entry after the outcome, and the lead's progress as it was before it. */
    private record Moved(Entry entry, QueueRepository.Progress progress) {
    }

    /** Where the lead goes after this outcome (docs/domain.md §8): the retry rules, callbacks, the plan's next step. */
    private Moved next(Project project, Entry entry, Outcome outcome, FollowUp followUp, Attempt attempt,
            Instant callbackAt, String callbackFor, QueueRepository.Mark mark) {
        Instant now = mark.at();
        int attempts = entry.attempts() + 1;
        String state = "READY";
        String exit = null;
        Instant due = null;
        int rank = 1;
        int step = entry.step();
        UUID owner = null;
        Instant ownerUntil = null;
        String phone = entry.phone();
        switch (followUp) {
            case RETRY -> {
                if (attempts >= project.maxAttempts()) {
                    state = "EXHAUSTED";
                    exit = "MAX_ATTEMPTS";
                } else {
                    due = capped(project, entry, attempt.startedAt(),
                            now.plus(Duration.ofMinutes(outcome.retryDelayMinutes())), now);
                }
            }
            case CALLBACK -> {
                due = capped(project, entry, attempt.startedAt(), callbackAt, now);
                rank = 0;
                if (callbackFor.equals("ME")) {
                    owner = attempt.agentId();
                    ownerUntil = callbackAt.plus(Duration.ofMinutes(project.callbackGraceMinutes()));
                }
            }
            case NEXT_STEP -> {
                int nextStep = project.callStepFrom(entry.step() + 1);
                if (nextStep < 0) {
                    state = "DONE";
                    exit = "PLAN_COMPLETE";
                } else {
                    due = now.plus(Duration.ofDays(project.daysBetweenSteps(entry.step(), nextStep)));
                    step = nextStep;
                    attempts = 0;
                }
            }
            case NEVER -> {
                Optional<String> other = contacts.dialable(entry.workspaceId(), entry.contactId())
                        .map(Dialable::phone).filter(p -> !p.equals(entry.phone()));
                if (other.isPresent() && !repository.onDnc(entry.workspaceId(), other.get())) {
                    phone = other.get();
                    due = now;
                    attempts = 0;
                } else {
                    state = "EXHAUSTED";
                    exit = "INVALID_NUMBER";
                }
            }
            case BOOK -> {
                state = "DONE";
                exit = "HANDED_TO_BOOKING";
            }
            case NONE -> {
                state = "DONE";
                exit = outcome.code();
            }
        }
        QueueRepository.Progress progress = state.equals("READY")
                ? repository.reschedule(entry.id(), due, rank, step, attempts, owner, ownerUntil, phone, mark)
                : repository.close(entry.id(), state, exit, attempts, mark);
        return new Moved(new Entry(entry.id(), entry.workspaceId(), entry.projectId(), entry.contactId(), phone,
                entry.country(), entry.timeZone(), state, rank, due == null ? entry.dueAt() : due, step, attempts, null,
                null, null, owner, exit), progress);
    }

    /** No more than the project's cap of calls in any rolling 24 hours (some jurisdictions allow 3). */
    private Instant capped(Project project, Entry entry, Instant thisCall, Instant due, Instant now) {
        Integer cap = project.maxCallsPer24h();
        if (cap == null) {
            return due;
        }
        Instant since = now.minus(Duration.ofHours(24));
        // This call's outcome is written after this, with the lead's row: it joins the recorded ones here.
        List<Instant> recent = new ArrayList<>(repository.callsSince(entry.id(), since));
        if (thisCall.isAfter(since)) {
            recent.add(thisCall);
            recent.sort(Comparator.reverseOrder());
        }
        if (recent.size() < cap) {
            return due;
        }
        Instant allowed = recent.get(cap - 1).plus(Duration.ofHours(24));
        return allowed.isAfter(due) ? allowed : due;
    }

    private static LeadStatus status(Outcome outcome, Boolean qualified) {
        if (outcome.followUp() == FollowUp.BOOK) {
            return Boolean.TRUE.equals(qualified) ? LeadStatus.QUALIFIED : LeadStatus.NURTURE;
        }
        return outcome.code().equals("DEAL") ? LeadStatus.CUSTOMER : null;
    }

    private static Instant callbackAt(String text, ZoneId leadZone, Instant now) {
        if (text == null || text.isBlank()) {
            throw ApiProblem.badRequest("callbackAt", "a callback needs callbackAt: when to call, agreed with the lead");
        }
        Instant at;
        try {
            at = OffsetDateTime.parse(text.strip()).toInstant();
        } catch (DateTimeException offsetless) {
            try {
                at = LocalDateTime.parse(text.strip()).atZone(leadZone).toInstant();
            } catch (DateTimeException e) {
                throw ApiProblem.badRequest("callbackAt",
                        "callbackAt must be like 2026-11-24T09:30:00Z, or the lead's local 2026-11-24T10:30");
            }
        }
        if (!at.isAfter(now)) {
            throw ApiProblem.badRequest("callbackAt", "callbackAt must be in the future");
        }
        if (at.isAfter(now.plus(Duration.ofDays(366)))) {
            throw ApiProblem.badRequest("callbackAt", "callbackAt must be within a year");
        }
        return at;
    }

    private static OutcomeReport.Qualification checked(OutcomeReport.Qualification q) {
        if (q == null) {
            throw ApiProblem.badRequest("qualification",
                    "rate the lead's interest, ability and willingness to buy, each 1 to 5");
        }
        measure("qualification.interest", q.interest());
        measure("qualification.ability", q.ability());
        measure("qualification.willingness", q.willingness());
        return new OutcomeReport.Qualification(q.interest(), q.ability(), q.willingness(),
                Inputs.optional("qualification.notes", q.notes(), 2_000));
    }

    private static void measure(String field, Integer value) {
        if (value == null || value < 1 || value > 5) {
            throw ApiProblem.badRequest(field, field.substring(field.indexOf('.') + 1) + " must be 1 to 5");
        }
    }


    /** The system confirmation (node 2) or revisit (node 3) result of a call whose outcome is in. */
    public void result(CurrentUser user, UUID attemptId, String code) {
        Attempt attempt = repository.lockAttempt(user.workspaceId(), attemptId)
                .orElseThrow(() -> ApiProblem.notFound("attempt"));
        if (attempt.outcome() == null) {
            throw ApiProblem.conflict("outcome", "record the call's outcome first");
        }
        String wanted = code == null ? "" : code.strip().toUpperCase(Locale.ROOT);
        Outcome outcome = projects.outcomes(user.workspaceId(), attempt.projectId()).stream()
                .filter(o -> o.code().equals(wanted) && o.node() > 1).findFirst()
                .orElseThrow(() -> ApiProblem.badRequest("outcome",
                        "outcome must be a confirmation (node 2) or revisit (node 3) result of this project"));
        repository.recordResult(attempt.id(), outcome.node(), outcome.code());
        events.publishEvent(new CallResultRecorded(user.workspaceId(), attempt.projectId(), attempt.id(),
                attempt.agentId(), outcome.node(), outcome.code(), attempt.startedAt()));
        contacts.recordActivity(user.workspaceId(), attempt.contactId(), Activity.CALLED, user.userId(),
                Map.of("outcome", outcome.code(), "node", outcome.node()));
    }

    /** The talk is over (the agent stopped the call timer): the agent is wrapping up until the outcome is saved. */
    @Transactional
    public void hangUp(CurrentUser agent, UUID attemptId) {
        Attempt attempt = repository.attempt(agent.workspaceId(), attemptId)
                .orElseThrow(() -> ApiProblem.notFound("attempt"));
        if (!attempt.agentId().equals(agent.userId())) {
            throw ApiProblem.forbidden("this call belongs to another agent");
        }
        Instant now = clock.instant();
        if (repository.hangUp(agent.workspaceId(), attemptId, agent.userId(), now)) {
            floor.wrapUp(agent.workspaceId(), agent.userId(), attempt.projectId(), attemptId, now);
        }
    }

    /** Notes typed during the call, saved as they are typed; the outcome's notes replace them. */
    public void saveNotes(CurrentUser agent, UUID attemptId, String notes) {
        Attempt attempt = repository.attempt(agent.workspaceId(), attemptId)
                .orElseThrow(() -> ApiProblem.notFound("attempt"));
        if (!attempt.agentId().equals(agent.userId())) {
            throw ApiProblem.forbidden("this call belongs to another agent");
        }
        repository.saveNotes(agent.workspaceId(), attemptId, Inputs.optional("notes", notes, 10_000));
    }

    /** A card's earlier calls, newest first. */
    @Transactional(readOnly = true)
    public List<CallRecord> calls(UUID workspaceId, UUID contactId) {
        contacts.card(workspaceId, contactId);
        return repository.attemptsOf(workspaceId, contactId, 50).stream()
                .map(a -> new CallRecord(a.id(), a.projectId(), a.agentId(), a.phone(), a.startedAt(), a.outcome(),
                        a.notes(), a.reason(), a.callbackAt(), a.talkSeconds(), a.inbound()))
                .toList();
    }

    @Transactional(readOnly = true)
    public Optional<CallRecord> call(UUID workspaceId, UUID attemptId) {
        return repository.attempt(workspaceId, attemptId)
                .map(a -> new CallRecord(a.id(), a.projectId(), a.agentId(), a.phone(), a.startedAt(), a.outcome(),
                        a.notes(), a.reason(), a.callbackAt(), a.talkSeconds(), a.inbound()));
    }

    /**
     * What booking needs of the call that qualified a lead (docs/domain.md §3.2): its project, lead, agent and
     * the qualification answers the agent recorded, if any.
     */
    @Transactional(readOnly = true)
    public Optional<BookingContext> bookingContext(UUID workspaceId, UUID attemptId) {
        return repository.attempt(workspaceId, attemptId).map(a -> new BookingContext(a.id(), a.projectId(),
                a.contactId(), a.agentId(), a.outcome(),
                a.qualification() == null ? null : json.readValue(a.qualification(), OutcomeReport.Qualification.class),
                a.notes()));
    }

    /**
     * A meeting was booked for the lead: it leaves the project's queue (or every queue, when the booking
     * came from no project), whatever its state, so no agent calls it again about the same thing.
     */
    @Transactional
    public int leaveForBooking(UUID workspaceId, UUID projectId, UUID contactId) {
        return repository.finish(workspaceId, projectId, contactId, "BOOKED", clock.instant());
    }

    /** The call that led to a booking, as {@link #bookingContext} gives it. */
    public record BookingContext(UUID attemptId, UUID projectId, UUID contactId, UUID agentId, String outcome,
            OutcomeReport.Qualification qualification, String notes) {
    }

    /** The funnel's first steps for the leads that entered a project's queue in a period, per source (docs/domain.md §3). */
    public record FunnelStart(String source, String campaign, long entered, long contacted, long connected,
            long qualified) {
    }

    /** Where a lead in a project's queue came from and when it entered the queue. */
    public record LeadEntry(String source, String campaign, Instant enteredAt) {
    }

    /** Leads that entered the queue in [from, to): per source, how many were called, reached and qualified since. */
    @Transactional(readOnly = true)
    public List<FunnelStart> funnel(UUID workspaceId, UUID projectId, Instant from, Instant to) {
        projects.project(workspaceId, projectId);
        return repository.funnel(projectId, from, to);
    }

    /** The lead's place in the project's funnel, if it is in the project's queue. */
    @Transactional(readOnly = true)
    public Optional<LeadEntry> entry(UUID projectId, UUID contactId) {
        return repository.progress(projectId, contactId).map(p -> new LeadEntry(p.source(), p.campaign(), p.enteredAt()));
    }

    /** Leads per state in the project's queue, with DUE (ready now) and CALLBACKS. */
    @Transactional(readOnly = true)
    public Map<String, Integer> counts(UUID workspaceId, UUID projectId) {
        projects.project(workspaceId, projectId);
        return repository.counts(projectId, clock.instant());
    }

    /** One call as the card and the console show it. */
    public record CallRecord(UUID id, UUID projectId, UUID agentId, String phone, Instant startedAt, String outcome,
            String notes, String reason, Instant callbackAt, Integer talkSeconds, boolean inbound) {
    }
}

package dev.callsheet.intake;

import dev.callsheet.contacts.Activity;
import dev.callsheet.contacts.ContactCard;
import dev.callsheet.contacts.ContactDraft;
import dev.callsheet.contacts.Contacts;
import dev.callsheet.contacts.DuplicateCandidate;
import dev.callsheet.contacts.DuplicateQuery;
import dev.callsheet.contacts.LeadSource;
import dev.callsheet.deals.Deal;
import dev.callsheet.deals.Deals;
import dev.callsheet.dialing.Queue;
import dev.callsheet.intake.internal.IntakeRepository;
import dev.callsheet.scheduling.Appointments;
import dev.callsheet.web.ApiProblem;
import dev.callsheet.web.Inputs;
import dev.callsheet.workspace.CurrentUser;
import dev.callsheet.workspace.Member;
import dev.callsheet.workspace.People;
import dev.callsheet.workspace.Role;
import dev.callsheet.workspace.WorkspaceSummary;
import dev.callsheet.workspace.Workspaces;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * First contacts and where they go (docs/domain.md §3.3): after the duplicate check, an existing client with an open
 * process goes to that process's owner as a task; an existing client without one goes to the duty manager of the
 * region (else the region's manager), who gets a process opened in their name; a new client gets a card and a
 * process the same way. Every decision is recorded with its rule.
 */
@Service
public class Intake {

    /** Matches this strong make a web post the same client; a similar name alone does not. */
    private static final Set<String> SAME_CLIENT = Set.of("SAME_PHONE", "SAME_EMAIL", "SAME_REGISTRATION_NUMBER");
    private static final int MAX_FIELD = 500;
    private static final int MAX_MESSAGE = 5_000;
    private static final int MAX_EXTRA = 30;

    private final IntakeRepository repository;
    private final DutyRoster roster;
    private final Routing routing;
    private final Contacts contacts;
    private final Deals deals;
    private final Queue queue;
    private final People people;
    private final Workspaces workspaces;
    private final Appointments appointments;
    private final Clock clock;

    Intake(IntakeRepository repository, DutyRoster roster, Routing routing, Contacts contacts, Deals deals, Queue queue, People people,
            Workspaces workspaces, Appointments appointments, Clock clock) {
        this.appointments = appointments;
        this.repository = repository;
        this.roster = roster;
        this.routing = routing;
        this.contacts = contacts;
        this.deals = deals;
        this.queue = queue;
        this.people = people;
        this.workspaces = workspaces;
        this.clock = clock;
    }

    /**
     * A website's form post. Returns where it went, or empty for a post that creates nothing (a bot filled the
     * honeypot, or the same Idempotency-Key came again); the caller answers "received" either way.
     *
     * @param client the poster's address (its rate was counted before the body was read)
     */
    @Transactional
    public Optional<Routed> webLead(String workspaceKey, WebLead form, String idempotencyKey, String client,
            boolean honeypot) {
        WorkspaceSummary workspace = workspaces.byKey(workspaceKey == null ? "" : workspaceKey)
                .orElseThrow(() -> ApiProblem.notFound("workspace"));
        Instant now = clock.instant();
        if (honeypot) {
            return Optional.empty();
        }
        if (form == null) {
            throw ApiProblem.badRequest("body", "send the form's fields");
        }
        String name = Inputs.optional("name", form.name(), 200);
        String company = Inputs.optional("company", form.company(), 300);
        String phone = Inputs.optional("phone", form.phone(), 60);
        String email = Inputs.email("email", form.email());
        String website = Inputs.optional("website", form.website(), MAX_FIELD);
        String message = Inputs.optional("message", form.message(), MAX_MESSAGE);
        String country = Inputs.country("country", form.country()).orElse(null);
        String campaign = Contacts.campaignCode("campaign", form.campaign());
        if (phone == null && email == null) {
            throw ApiProblem.badRequest("phone", "a phone number or an e-mail address is needed to answer");
        }
        Map<String, String> extra = new LinkedHashMap<>();
        if (form.extra() != null) {
            if (form.extra().size() > MAX_EXTRA) {
                throw ApiProblem.badRequest("body", "at most " + MAX_EXTRA + " extra fields");
            }
            form.extra().forEach((k, v) -> extra.put(Inputs.required("field name", k, 60),
                    Inputs.optional(k, v, MAX_FIELD)));
        }
        UUID regionId = form.region() == null || form.region().isBlank() ? null
                : people.regions(workspace.id()).stream().filter(r -> r.name().equalsIgnoreCase(form.region().strip()))
                        .map(Member.Named::id).findFirst().orElse(null);
        if (idempotencyKey != null && !idempotencyKey.isBlank()) {
            String key = Inputs.required("Idempotency-Key", idempotencyKey, 200);
            if (!repository.claim(workspace.id(), key, now)) {
                return Optional.empty();
            }
        }
        boolean consent = form.consent() != null
                && Set.of("true", "on", "yes", "1").contains(form.consent().strip().toLowerCase(Locale.ROOT));

        UUID project = null;
        if (form.project() != null && !form.project().isBlank()) {
            try {
                project = UUID.fromString(form.project().strip());
            } catch (IllegalArgumentException e) {
                throw ApiProblem.badRequest("project", "project must be a project's id");
            }
        }
        String[] names = split(name);
        Optional<UUID> existing = contacts.duplicates(workspace.id(),
                new DuplicateQuery(company, names[0], names[1], phone, email, website, country, null), null).stream()
                .filter(c -> c.type().equalsIgnoreCase("contact"))
                .filter(c -> c.reasons().stream().anyMatch(r -> SAME_CLIENT.contains(r.code())))
                .max(Comparator.comparingDouble(DuplicateCandidate::score)).map(DuplicateCandidate::id);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("message", message == null ? "" : message);
        details.put("consent", consent);
        if (campaign != null) {
            details.put("campaign", campaign);
        }
        if (!extra.isEmpty()) {
            details.put("fields", extra);
        }
        Routed routed;
        if (existing.isPresent()) {
            routed = route(workspace.id(), existing.get(), false, regionId, project, "WEB", details, now);
        } else {
            Map<String, String> custom = new LinkedHashMap<>(extra);
            if (message != null) {
                custom.put("web_message", message.length() > 500 ? message.substring(0, 500) : message);
            }
            custom.put(ContactCard.MARKETING_CONSENT, Boolean.toString(consent));
            UUID id = contacts.create(workspace.id(), null, new ContactDraft(names[0], names[1], company, null,
                    phone == null ? List.of() : List.of(phone), email == null ? List.of() : List.of(email),
                    website == null ? List.of() : List.of(website), null, null, null, country,
                    regionId == null ? null : regionId.toString(), null, null, null, null, LeadSource.WEB,
                    "web form", custom, null));
            routed = route(workspace.id(), id, true, regionId, project, "WEB", details, now);
        }
        if (campaign != null) {
            contacts.setCampaignCode(workspace.id(), routed.contactId(), campaign, false, null);
        }
        if (idempotencyKey != null && !idempotencyKey.isBlank()) {
            repository.submitted(workspace.id(), idempotencyKey.strip(), routed.contactId());
        }
        if (project != null) {
            try {
                queue.add(workspace.id(), project, List.of(routed.contactId()));
            } catch (ApiProblem e) {
                throw ApiProblem.badRequest("project", "project is not a project of this workspace");
            }
        }
        return Optional.of(routed);
    }

    /** The routing of §3.3 for a known card, as any channel uses it. */
    private Routed route(UUID ws, UUID contactId, boolean created, UUID regionId, UUID projectId, String channel,
            Map<String, Object> details, Instant now) {
        ContactCard card = contacts.card(ws, contactId);
        UUID region = regionId != null ? regionId : card.region() == null ? null : card.region().id();
        contacts.recordActivity(ws, contactId, Activity.FIRST_CONTACT, null, withChannel(details, channel), now);
        Optional<Deal> open = deals.openDealOf(ws, contactId);
        if (open.isPresent()) {
            Deal deal = open.get();
            Person owner = new Person(deal.owner().id(), deal.owner().username(), deal.owner().displayName());
            String rule = "the client's open process belongs to " + owner.displayName();
            repository.addTask(ws, owner.id(), contactId, channel + "_LEAD",
                    TaskTitle.of("task.enquiry", card.displayName()), details, now);
            repository.assignment(ws, contactId, channel, owner.id(), "OPEN_DEAL", rule, now);
            return new Routed(contactId, created, "OPEN_DEAL", owner, deal.id(), rule);
        }
        Routing.Choice manager = routing.choose(ws, card, channel, region, projectId, now);
        UUID dealId = deals.open(ws, contactId, manager.person().id(), channel);
        contacts.claimOwner(ws, contactId, manager.person().id(), null);
        String path = created ? "NEW_CLIENT" : "NO_OPEN_DEAL";
        repository.addTask(ws, manager.person().id(), contactId, channel + "_LEAD",
                TaskTitle.of(created ? "task.newClient" : "task.returningClient", card.displayName()), details, now);
        repository.assignment(ws, contactId, channel, manager.person().id(), path, manager.rule(), now);
        return new Routed(contactId, created, path, manager.person(), dealId, manager.rule());
    }

    // ------------------------------------------------------------------------------------------ inbound calls

    /** How many matching cards an incoming call lists at most. */
    static final int MATCHES = 10;

    /** The caller by their number in any format: the card, its owner, and what to do (docs/domain.md §3.1). */
    @Transactional(readOnly = true)
    public InboundCall lookup(CurrentUser user, String phone) {
        UUID ws = user.workspaceId();
        String typed = Inputs.required("phone", phone, 60);
        String country = workspaces.defaultCountry(ws).orElse(null);
        if (typed.chars().filter(Character::isDigit).count() < 5) {
            throw ApiProblem.badRequest("phone", "this does not read as a phone number: " + typed);
        }
        var normalized = dev.callsheet.contacts.Phones.normalize(typed, country);
        String number = normalized.e164() != null ? normalized.e164() : typed;
        Instant now = clock.instant();
        Optional<DutyShift> duty = roster.onDuty(ws, (UUID) null, now);
        List<UUID> known = normalized.e164() == null ? List.of() : contacts.withPhones(ws, List.of(normalized.e164()));
        String reason = "SAME_PHONE";
        if (known.isEmpty()) {
            // read without a country (none set for the workspace): the lead search matches the digits as typed
            String digits = typed.replaceAll("\\D", "");
            known = contacts.search(ws, new dev.callsheet.contacts.ContactSearch(typed, null, null, null, null, null, null,
                    null, null, null, null, null, 0, MATCHES)).items().stream()
                    .filter(c -> c.phone() != null && c.phone().replaceAll("\\D", "").endsWith(digits))
                    .map(dev.callsheet.contacts.ContactSummary::id).toList();
            reason = "SAME_PHONE_KEY";
        }
        if (known.isEmpty()) {
            return new InboundCall(number, null, null, null, null, duty.orElse(null), "NEW_CALLER");
        }
        // Every card the number matches is shown; the call is routed on the one whose owner it goes to.
        List<ContactCard> cards = known.stream().limit(MATCHES).map(id -> contacts.card(ws, id)).toList();
        ContactCard card = cards.stream().filter(c -> c.owner() != null).findFirst().orElse(cards.get(0));
        List<InboundCall.Match> matches = new java.util.ArrayList<>();
        for (ContactCard c : cards) {
            InboundCall.Match match = new InboundCall.Match(c.id(), c.displayName(),
                    c.owner() == null ? null : c.owner().name(), reason, number);
            if (c == card) {
                matches.add(0, match);
            } else {
                matches.add(match);
            }
        }
        Person owner = ownerOf(ws, card);
        if (owner == null) {
            return new InboundCall(number, card.id(), card.displayName(), null, null, duty.orElse(null),
                    "NEW_CALLER", matches);
        }
        String presence = appointments.presence(ws, owner.id(), now);
        return new InboundCall(number, card.id(), card.displayName(), owner, presence, duty.orElse(null),
                presence.equals("AVAILABLE") ? "TRANSFER" : "DUTY_ANSWERS", matches);
    }

    /**
     * Records a call as it is taken: a new caller gets a card (source inbound call) routed like any first contact; a
     * caller whose colleague is absent or busy gets a task for that colleague. Returns the card's id.
     */
    @Transactional
    public Routed takeCall(CurrentUser user, FirstCall call) {
        if (call == null) {
            throw ApiProblem.badRequest("phone", "send the call's fields");
        }
        UUID ws = user.workspaceId();
        Instant now = clock.instant();
        String question = Inputs.optional("question", call.question(), 2_000);
        String answer = Inputs.optional("answer", call.answer(), 2_000);
        String email = Inputs.email("email", call.email());
        String campaign = Contacts.campaignCode("campaign", call.campaign());
        Map<String, Object> details = new LinkedHashMap<>();
        if (campaign != null) {
            details.put("campaign", campaign);
        }
        details.put("question", question == null ? "" : question);
        details.put("answer", answer == null ? "" : answer);
        details.put("takenBy", user.displayName());
        if (call.material() != null && !call.material().isBlank()) {
            details.put("material", Inputs.optional("material", call.material(), 300));
        }
        if (call.contactId() != null && !call.contactId().isBlank()) {
            UUID id;
            try {
                id = UUID.fromString(call.contactId().strip());
            } catch (IllegalArgumentException e) {
                throw ApiProblem.badRequest("contactId", "contactId must be a card's id");
            }
            ContactCard card = contacts.card(ws, id);
            if (campaign != null) {
                contacts.setCampaignCode(ws, id, campaign, false, user.userId());
            }
            contacts.recordActivity(ws, id, Activity.FIRST_CONTACT, user.userId(), withChannel(details, "INBOUND_CALL"),
                    now);
            Person owner = ownerOf(ws, card);
            if (owner != null && !owner.id().equals(user.userId())) {
                String presence = appointments.presence(ws, owner.id(), now);
                String rule = "the caller's manager " + owner.displayName() + " was " + presence.toLowerCase(Locale.ROOT)
                        + "; " + user.displayName() + " answered";
                repository.addTask(ws, owner.id(), id, "INBOUND_CALL",
                        TaskTitle.of("task.inboundCall", card.displayName(), user.displayName()), details, now);
                repository.assignment(ws, id, "INBOUND_CALL", owner.id(), "OWNER_ABSENT", rule, now);
                return new Routed(id, false, "OWNER_ABSENT", owner, null, rule);
            }
            return route(ws, id, false, null, null, "INBOUND_CALL", details, now);
        }
        String name = Inputs.optional("name", call.name(), 200);
        String organisation = Inputs.optional("organisation", call.organisation(), 300);
        String phone = Inputs.required("phone", call.phone(), 60);
        if (name == null && organisation == null) {
            throw ApiProblem.badRequest("name", "a name or an organisation to write on the card");
        }
        String[] names = split(name);
        Map<String, String> custom = new LinkedHashMap<>();
        if (question != null) {
            custom.put("first_question", question.length() > 500 ? question.substring(0, 500) : question);
        }
        UUID region = roster.regionId(ws, call.region());
        UUID id = contacts.create(ws, user.userId(), new ContactDraft(names[0], names[1], organisation, null,
                List.of(phone), email == null ? List.of() : List.of(email), List.of(), null, null, null, null,
                region == null ? null : region.toString(), Inputs.optional("lineOfBusiness", call.lineOfBusiness(), 200),
                null, null, null, LeadSource.INBOUND_CALL, Inputs.optional("heardOfUs", call.heardOfUs(), 300), custom,
                null));
        if (campaign != null) {
            contacts.setCampaignCode(ws, id, campaign, false, user.userId());
        }
        return route(ws, id, true, region, null, "INBOUND_CALL", details, now);
    }

    private Person ownerOf(UUID ws, ContactCard card) {
        Optional<Deal> open = deals.openDealOf(ws, card.id());
        if (open.isPresent()) {
            return new Person(open.get().owner().id(), open.get().owner().username(), open.get().owner().displayName());
        }
        if (card.owner() == null) {
            return null;
        }
        return people.member(ws, card.owner().id()).map(m -> new Person(m.id(), m.username(), m.displayName()))
                .orElse(null);
    }

    // ------------------------------------------------------------------------------------------------ tasks

    /** The user's open tasks (supervisors may ask for everyone's with {@code all}). */
    @Transactional(readOnly = true)
    public List<Task> openTasks(CurrentUser user, boolean all) {
        boolean manager = user.hasRole(Role.SUPERVISOR) || user.hasRole(Role.ADMIN);
        return repository.openTasks(user.workspaceId(), all && manager ? null : user.userId());
    }

    @Transactional
    public Task done(CurrentUser user, UUID id) {
        Task task = repository.task(user.workspaceId(), id).orElseThrow(() -> ApiProblem.notFound("task"));
        if (!task.assignee().id().equals(user.userId()) && !user.hasRole(Role.SUPERVISOR)
                && !user.hasRole(Role.ADMIN)) {
            throw ApiProblem.forbidden("this task is someone else's");
        }
        repository.done(id, clock.instant());
        return repository.task(user.workspaceId(), id).orElseThrow();
    }

    /** The lead's routing history: every assignment with the rule that made it. */
    @Transactional(readOnly = true)
    public List<Assignment> assignments(UUID workspaceId, UUID contactId) {
        contacts.card(workspaceId, contactId);
        return repository.assignments(workspaceId, contactId);
    }

    @Transactional(readOnly = true)
    public List<Task> tasksOf(UUID workspaceId, UUID contactId) {
        contacts.card(workspaceId, contactId);
        return repository.tasksOf(workspaceId, contactId);
    }

    private static Map<String, Object> withChannel(Map<String, Object> details, String channel) {
        Map<String, Object> all = new LinkedHashMap<>(details);
        all.put("channel", channel);
        return all;
    }

    /** "Kari Nordmann" → first name and surname; one word is a surname. */
    private static String[] split(String name) {
        if (name == null || name.isBlank()) {
            return new String[] {null, null};
        }
        String n = name.strip();
        int space = n.lastIndexOf(' ');
        return space < 0 ? new String[] {null, n} : new String[] {n.substring(0, space), n.substring(space + 1)};
    }
}

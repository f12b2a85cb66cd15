package dev.callsheet.deals;

import dev.callsheet.contacts.Contacts;
import dev.callsheet.deals.internal.DealRepository;
import dev.callsheet.web.ApiProblem;
import dev.callsheet.web.Inputs;
import dev.callsheet.workspace.CurrentUser;
import dev.callsheet.workspace.Role;
import dev.callsheet.workspace.Workspaces;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Sales processes (docs/domain.md §2): opening them, who may see and change them, and their parts — the buying team,
 * touches, notes and checklist. Moving and closing them is {@link DealStages}.
 */
@Service
public class Deals {

    /** Roles a buying-team member may have. */
    public static final List<String> MEMBER_ROLES = List.of("ECONOMIC_BUYER", "CHAMPION", "USER", "TECHNICAL",
            "BLOCKER", "OTHER");
    public static final List<String> TOUCH_KINDS = List.of("CALL", "EMAIL", "MEETING", "OTHER");
    /** The feature an imported open deal keeps the data points its old system knew in (separated by ;). */
    public static final String IMPORTED_KNOWN = "known";

    /** A deal opened by hand. */
    public record Draft(String contactId, String ownerId, String title, BigDecimal amount, String currency,
            String expectedClose, String source, String pipelineId) {
    }

    /** The editable fields of a deal; absent ones stay as they are. */
    public record Changes(String title, BigDecimal amount, String currency, String expectedClose, String ownerId) {
    }

    private final DealRepository repository;
    private final Pipelines pipelines;
    private final Contacts contacts;
    private final Workspaces workspaces;
    private final Clock clock;

    Deals(DealRepository repository, Pipelines pipelines, Contacts contacts, Workspaces workspaces, Clock clock) {
        this.repository = repository;
        this.pipelines = pipelines;
        this.contacts = contacts;
        this.workspaces = workspaces;
        this.clock = clock;
    }

    /** The lead's open sales process, if any (the newest when there are several). */
    @Transactional(readOnly = true)
    public Optional<Deal> openDealOf(UUID workspaceId, UUID contactId) {
        return repository.ofContact(workspaceId, contactId).stream().filter(Deal::isOpen).findFirst();
    }

    /** Opens a sales process by routing (docs/domain.md §3.3), owned by {@code ownerId}, in the default pipeline. */
    @Transactional
    public UUID open(UUID workspaceId, UUID contactId, UUID ownerId, String source) {
        Pipeline pipeline = pipelines.defaultPipeline(workspaceId);
        return repository.open(new DealRepository.NewDeal(workspaceId, contactId, ownerId, null, null, null, source,
                pipeline.id(), pipeline.first().code(), null, null, null, null, null, clock.instant()))
                .orElseThrow(() -> ApiProblem.notFound("contact"));
    }

    /** Opens a deal by hand: a rep for themself, a supervisor for any rep. */
    @Transactional
    public Deal open(CurrentUser user, Draft draft) {
        if (draft == null) {
            throw ApiProblem.badRequest("contactId", "send contactId");
        }
        UUID contactId = id("contactId", Inputs.required("contactId", draft.contactId(), 40));
        contacts.card(user.workspaceId(), contactId);
        UUID owner = draft.ownerId() == null || draft.ownerId().isBlank() ? user.userId()
                : pipelines.member(user.workspaceId(), "ownerId", draft.ownerId());
        if (!owner.equals(user.userId()) && !supervises(user)) {
            throw ApiProblem.forbidden("only supervisors open deals for someone else");
        }
        Pipeline pipeline = pipelines.pipeline(user.workspaceId(), draft.pipelineId() == null
                || draft.pipelineId().isBlank() ? null : id("pipelineId", draft.pipelineId()));
        UUID id = repository.open(new DealRepository.NewDeal(user.workspaceId(), contactId, owner, null, null, null,
                Optional.ofNullable(Inputs.optional("source", draft.source(), 40)).orElse("MANUAL"), pipeline.id(),
                pipeline.first().code(), Inputs.optional("title", draft.title(), 200), amount(draft.amount()),
                currency(user.workspaceId(), draft.currency()), Inputs.date("expectedClose", draft.expectedClose()), null,
                clock.instant())).orElseThrow();
        contacts.claimOwner(user.workspaceId(), contactId, owner, user.userId());
        return repository.deal(user.workspaceId(), id).orElseThrow();
    }

    /** A lead's deals, newest first: reps see those they own, agents those credited to them, supervisors all. */
    @Transactional(readOnly = true)
    public List<Deal> ofContact(CurrentUser user, UUID contactId) {
        contacts.card(user.workspaceId(), contactId); // 404 for a card of another workspace
        return repository.ofContact(user.workspaceId(), contactId).stream().filter(d -> mayRead(user, d)).toList();
    }

    /** The person's own deals: owned or credited to them. */
    @Transactional(readOnly = true)
    public List<Deal> mine(CurrentUser user, int limit) {
        return repository.of(user.workspaceId(), user.userId(), Math.max(1, Math.min(limit, 500)));
    }

    /** The deal if the user may see it; a 404 otherwise, so ids of others' deals tell nothing. */
    @Transactional(readOnly = true)
    public Deal deal(CurrentUser user, UUID id) {
        return repository.deal(user.workspaceId(), id).filter(d -> mayRead(user, d))
                .orElseThrow(() -> ApiProblem.notFound("deal"));
    }

    /** The deal, locked, if the user may change it: its owner or a supervisor. */
    Deal forChange(CurrentUser user, UUID id) {
        Deal deal = repository.lock(user.workspaceId(), id).filter(d -> mayRead(user, d))
                .orElseThrow(() -> ApiProblem.notFound("deal"));
        if (!deal.ownedBy(user.userId()) && !supervises(user)) {
            throw ApiProblem.forbidden("only the deal's owner or a supervisor changes it");
        }
        return deal;
    }

    @Transactional
    public Deal update(CurrentUser user, UUID id, Changes changes) {
        Deal deal = forChange(user, id);
        if (changes == null) {
            throw ApiProblem.badRequest("title", "send the fields to change");
        }
        UUID owner = deal.owner().id();
        if (changes.ownerId() != null && !changes.ownerId().isBlank()) {
            owner = pipelines.member(user.workspaceId(), "ownerId", changes.ownerId());
            if (!owner.equals(deal.owner().id()) && !supervises(user)) {
                throw ApiProblem.forbidden("only supervisors give a deal to another rep");
            }
        }
        repository.update(user.workspaceId(), id,
                changes.title() == null ? deal.title() : Inputs.optional("title", changes.title(), 200),
                changes.amount() == null ? deal.amount() : amount(changes.amount()),
                changes.currency() == null ? deal.currency() : currency(user.workspaceId(), changes.currency()),
                changes.expectedClose() == null ? deal.expectedClose() : Inputs.date("expectedClose", changes.expectedClose()),
                owner);
        return repository.deal(user.workspaceId(), id).orElseThrow();
    }

    @Transactional
    public List<DealParts.Member> saveMember(CurrentUser user, UUID id, String contactId, String role, String goal) {
        Deal deal = forChange(user, id);
        UUID contact = id("contactId", Inputs.required("contactId", contactId, 40));
        contacts.card(user.workspaceId(), contact);
        String checkedRole = Inputs.required("role", role, 20).toUpperCase(Locale.ROOT);
        if (!MEMBER_ROLES.contains(checkedRole)) {
            throw ApiProblem.badRequest("role", "role must be one of " + String.join(", ", MEMBER_ROLES));
        }
        repository.saveMember(user.workspaceId(), deal.id(), contact, checkedRole,
                Inputs.optional("personalGoal", goal, 500), clock.instant());
        return repository.members(user.workspaceId(), deal.id());
    }

    @Transactional
    public List<DealParts.Member> removeMember(CurrentUser user, UUID id, UUID contactId) {
        Deal deal = forChange(user, id);
        if (!repository.removeMember(user.workspaceId(), deal.id(), contactId)) {
            throw ApiProblem.notFound("buying-team member");
        }
        return repository.members(user.workspaceId(), deal.id());
    }

    @Transactional
    public DealParts.Touch addTouch(CurrentUser user, UUID id, String kind, Boolean twoWay, String at, String note) {
        Deal deal = forChange(user, id);
        String checkedKind = Inputs.required("kind", kind, 20).toUpperCase(Locale.ROOT);
        if (!TOUCH_KINDS.contains(checkedKind)) {
            throw ApiProblem.badRequest("kind", "kind must be one of " + String.join(", ", TOUCH_KINDS));
        }
        if (twoWay == null) {
            throw ApiProblem.badRequest("twoWay", "twoWay is required: true when the buyer answered");
        }
        Instant when = at == null || at.isBlank() ? clock.instant() : Inputs.instant("at", at, user.timeZone());
        if (when.isAfter(clock.instant().plusSeconds(300))) {
            throw ApiProblem.badRequest("at", "a touch cannot be in the future");
        }
        UUID touch = repository.addTouch(user.workspaceId(), deal.id(), checkedKind, twoWay, when, user.userId(),
                Inputs.optional("note", note, 2000));
        return repository.touches(user.workspaceId(), deal.id()).stream().filter(t -> t.id().equals(touch))
                .findFirst().orElseThrow();
    }

    /**
     * A touch another part of Callsheet made on the lead (material e-mailed, say) goes on the lead's open
     * deal, if it has one; the caller has checked that the person may act on the lead. Returns the deal's id.
     */
    @Transactional
    public Optional<UUID> recordTouch(UUID workspaceId, UUID contactId, String kind, boolean twoWay, UUID actorId,
            String note) {
        if (!TOUCH_KINDS.contains(kind)) {
            throw new IllegalArgumentException("touch kind " + kind);
        }
        return openDealOf(workspaceId, contactId).map(deal -> {
            repository.addTouch(workspaceId, deal.id(), kind, twoWay, clock.instant(), actorId,
                    note == null || note.length() <= 2000 ? note : note.substring(0, 2000));
            return deal.id();
        });
    }

    @Transactional
    public DealParts.Note addNote(CurrentUser user, UUID id, String text) {
        Deal deal = forChange(user, id);
        UUID note = repository.addNote(user.workspaceId(), deal.id(), Inputs.required("text", text, 4000),
                user.userId(), clock.instant());
        return repository.notes(user.workspaceId(), deal.id()).stream().filter(n -> n.id().equals(note))
                .findFirst().orElseThrow();
    }

    /** Ticks or unticks a checklist item: an exit criterion of the deal's pipeline or a buyer question. */
    @Transactional
    public DealParts.Check check(CurrentUser user, UUID id, String code, Boolean done, String note) {
        Deal deal = forChange(user, id);
        Pipeline pipeline = pipelines.pipeline(user.workspaceId(), deal.pipelineId());
        boolean known = Pipeline.BUYER_QUESTIONS.contains(code) || pipeline.allCriteria().stream()
                .anyMatch(c -> c.code().equals(code) && !c.isField());
        if (!known) {
            throw ApiProblem.badRequest("code", code + " is neither a checklist item of this pipeline nor a buyer "
                    + "question (fields such as amount are known when filled in)");
        }
        if (done == null) {
            throw ApiProblem.badRequest("done", "done is required");
        }
        repository.saveCheck(user.workspaceId(), deal.id(), code, done, Inputs.optional("note", note, 1000),
                user.userId(), clock.instant());
        return repository.checks(user.workspaceId(), deal.id()).stream().filter(c -> c.code().equals(code))
                .findFirst().orElseThrow();
    }

    /** The data points a deal knows now: its filled fields, its buying team, its ticked checklist items. */
    static Set<String> known(Deal deal, List<DealParts.Member> members, List<DealParts.Check> checks) {
        Set<String> known = new java.util.TreeSet<>();
        if (deal.amount() != null && deal.amount().signum() > 0) {
            known.add(Pipeline.Point.AMOUNT.code());
        }
        if (deal.expectedClose() != null) {
            known.add(Pipeline.Point.EXPECTED_CLOSE.code());
        }
        if (!members.isEmpty()) {
            known.add(Pipeline.Point.BUYING_TEAM.code());
        }
        if (members.stream().anyMatch(m -> m.role().equals("ECONOMIC_BUYER"))) {
            known.add(Pipeline.Point.ECONOMIC_BUYER.code());
        }
        if (deal.organisationId() != null || deal.features().get("organisation") != null) {
            known.add(Pipeline.Point.ORGANISATION.code());
        }
        String imported = deal.features().get(IMPORTED_KNOWN);
        if (imported != null) {
            known.addAll(List.of(imported.split(";")));
        }
        checks.stream().filter(DealParts.Check::done).forEach(c -> known.add(c.code()));
        return known;
    }

    /** Whether the person runs the team: a supervisor or an administrator. */
    public static boolean supervises(CurrentUser user) {
        return user.hasRole(Role.SUPERVISOR) || user.hasRole(Role.ADMIN);
    }

    static boolean mayRead(CurrentUser user, Deal deal) {
        return supervises(user) || deal.ownedBy(user.userId())
                || (deal.creditedAgent() != null && deal.creditedAgent().id().equals(user.userId()));
    }

    static UUID id(String field, String value) {
        try {
            return UUID.fromString(value.strip());
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest(field, field + " must be an id");
        }
    }

    static BigDecimal amount(BigDecimal amount) {
        if (amount == null) {
            return null;
        }
        if (amount.signum() < 0 || amount.compareTo(new BigDecimal("999999999999")) > 0) {
            throw ApiProblem.badRequest("amount", "amount must be 0 to 999,999,999,999");
        }
        return amount.setScale(2, RoundingMode.HALF_EVEN);
    }

    /** The ISO currency given, or the workspace's (its setting, else its country's). */
    String currency(UUID workspaceId, String code) {
        if (code == null || code.isBlank()) {
            return workspaces.currency(workspaceId);
        }
        try {
            return Currency.getInstance(code.strip().toUpperCase(Locale.ROOT)).getCurrencyCode();
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest("currency", "currency must be an ISO 4217 code such as EUR or NOK");
        }
    }

}

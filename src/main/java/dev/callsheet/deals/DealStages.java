package dev.callsheet.deals;

import dev.callsheet.contacts.Activity;
import dev.callsheet.contacts.Contacts;
import dev.callsheet.contacts.LeadStatus;
import dev.callsheet.deals.internal.DealRepository;
import dev.callsheet.web.ApiProblem;
import dev.callsheet.web.Inputs;
import dev.callsheet.workspace.CurrentUser;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Moving a deal through its pipeline and closing it (docs/domain.md §2, §9). Leaving a stage with its exit data missing is
 * allowed: it raises an alert, kept with the one-line justification the rep gives — a block would only breed fake
 * data. Every move and close records what was known then, which is what the evidence and the win model learn from.
 */
@Service
public class DealStages {

    /** The outcome of a move: the deal as it is now and the alerts the move raised. */
    public record Moved(Deal deal, List<Insights.Alert> alerts) {
    }

    private final Deals deals;
    private final DealRepository repository;
    private final Pipelines pipelines;
    private final Contacts contacts;
    private final Commissions commissions;
    private final DealInsights insights;
    private final Labels labels;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    DealStages(Deals deals, DealRepository repository, Pipelines pipelines, Contacts contacts, Commissions commissions,
            DealInsights insights, Labels labels, ApplicationEventPublisher events, Clock clock) {
        this.deals = deals;
        this.repository = repository;
        this.pipelines = pipelines;
        this.contacts = contacts;
        this.commissions = commissions;
        this.insights = insights;
        this.labels = labels;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Moves the deal to {@code stage} (its code or name). Forward past a stage whose exit data are missing records
     * one alert per missing point with {@code justification}; moving back raises none.
     */
    @Transactional
    public Moved move(CurrentUser user, UUID id, String stage, String justification) {
        Deal deal = open(user, id);
        Pipeline pipeline = pipelines.pipeline(user.workspaceId(), deal.pipelineId());
        Pipeline.Stage target = pipeline.stage(Inputs.required("stage", stage, 80))
                .orElseThrow(() -> ApiProblem.badRequest("stage", "stage must be one of "
                        + String.join(", ", pipeline.stageCodes())));
        String reason = Inputs.optional("justification", justification, 300);
        if (target.code().equals(deal.stage())) {
            throw ApiProblem.conflict("stage", "the deal is already in " + target.code());
        }
        int from = pipeline.position(deal.stage());
        int to = pipeline.position(target.code());
        Set<String> known = known(user.workspaceId(), deal);
        List<Insights.Alert> alerts = new ArrayList<>();
        Map<String, Pipeline.Criterion> missing = new LinkedHashMap<>();
        Insights.Evidence evidence = null;
        for (int i = Math.max(0, from); i < to; i++) {
            Pipeline.Stage passed = pipeline.stages().get(i);
            for (Pipeline.Criterion c : passed.exitCriteria()) {
                if (!known.contains(c.code()) && missing.putIfAbsent(c.code(), c) == null) {
                    evidence = evidence != null ? evidence : insights.evidence(user.workspaceId(), pipeline);
                    alerts.add(new Insights.Alert(Insights.Flag.MISSING_EXIT_DATA, passed.code(), c.code(),
                            labels.point(c), reason, DealInsights.row(evidence, passed.code(), c.code())));
                }
            }
        }
        Instant now = clock.instant();
        recordExit(user, deal, target.code(), Deal.OPEN, known, missing.keySet(), reason, now);
        repository.moveTo(user.workspaceId(), deal.id(), target.code(), now);
        return new Moved(repository.deal(user.workspaceId(), id).orElseThrow(), alerts);
    }

    /** Closes the deal won; the contact becomes a customer and, when configured, account management's. */
    @Transactional
    public Deal win(CurrentUser user, UUID id, BigDecimal amount) {
        Deal deal = open(user, id);
        if (amount != null) {
            repository.update(user.workspaceId(), id, deal.title(), Deals.amount(amount), deal.currency() == null
                    ? deals.currency(user.workspaceId(), null) : deal.currency(), deal.expectedClose(),
                    deal.owner().id());
            deal = repository.deal(user.workspaceId(), id).orElseThrow();
        }
        Instant now = close(user, deal, Deal.WON, null, null);
        Deal won = repository.deal(user.workspaceId(), id).orElseThrow();
        commissions.credit(user.workspaceId(), won, now);
        if (deal.contactId() != null) {
            contacts.setStatus(user.workspaceId(), deal.contactId(), LeadStatus.CUSTOMER, user.userId());
            String manager = pipelines.settings(user.workspaceId()).accountManagerId();
            if (manager != null) {
                contacts.handOver(user.workspaceId(), deal.contactId(), UUID.fromString(manager), user.userId());
            }
        }
        return won;
    }

    @Transactional
    public Deal lose(CurrentUser user, UUID id, String reason, String note) {
        Deal deal = open(user, id);
        String given = Inputs.optional("reason", reason, 300);
        String code = given == null ? null : reasonCode(user, given);
        String text = Inputs.optional("note", note, 1000);
        if ("OTHER".equals(code) && !given.equalsIgnoreCase("OTHER")) {
            text = text == null ? given : given + " — " + text;
        }
        close(user, deal, Deal.LOST, code, text);
        return repository.deal(user.workspaceId(), id).orElseThrow();
    }

    /**
     * Disqualifies the deal (docs/domain.md §2, §9) for a reason from the workspace's list (other words are OTHER, kept as
     * the note); its lead goes back to marketing for nurturing, with the reason on its timeline.
     */
    @Transactional
    public Deal disqualify(CurrentUser user, UUID id, String reason, String note) {
        Deal deal = open(user, id);
        String given = Inputs.required("reason", reason, 300);
        String code = reasonCode(user, given);
        String text = Inputs.optional("note", note, 1000);
        if (code.equals("OTHER") && !given.equalsIgnoreCase("OTHER")) {
            text = text == null ? given : given + " — " + text;
        }
        close(user, deal, Deal.DISQUALIFIED, code, text);
        if (deal.contactId() != null) {
            contacts.setStatus(user.workspaceId(), deal.contactId(), LeadStatus.NURTURE, user.userId());
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("reason", code);
            if (text != null) {
                details.put("note", text);
            }
            contacts.recordActivity(user.workspaceId(), deal.contactId(), Activity.DISQUALIFIED, user.userId(),
                    details);
        }
        return repository.deal(user.workspaceId(), id).orElseThrow();
    }

    /** Cancels a won deal (the customer withdrew): every commission paid on it is reversed. */
    @Transactional
    public Deal cancelWin(CurrentUser user, UUID id, String note) {
        Deal deal = deals.forChange(user, id);
        if (!Deal.WON.equals(deal.status())) {
            throw ApiProblem.conflict("status", "only a won deal can be cancelled; this one is " + deal.status());
        }
        Instant now = clock.instant();
        repository.close(user.workspaceId(), id, Deal.CANCELLED, "CANCELLED",
                Inputs.optional("note", note, 1000), now);
        commissions.reverse(user.workspaceId(), id, now);
        events.publishEvent(new DealClosed(user.workspaceId(), id, deal.contactId(), Deal.CANCELLED, null,
                deal.amount(), deal.currency(), now, deal.projectId(), agentOf(deal), deal.closedAt()));
        return repository.deal(user.workspaceId(), id).orElseThrow();
    }

    private Deal open(CurrentUser user, UUID id) {
        Deal deal = deals.forChange(user, id);
        if (!deal.isOpen()) {
            throw ApiProblem.conflict("status", "the deal is " + deal.status().toLowerCase(Locale.ROOT)
                    + " already");
        }
        return deal;
    }

    private Instant close(CurrentUser user, Deal deal, String status, String reason, String note) {
        Instant now = clock.instant();
        recordExit(user, deal, null, status, known(user.workspaceId(), deal), List.of(), null, now);
        repository.close(user.workspaceId(), deal.id(), status, reason, note, now);
        events.publishEvent(new DealClosed(user.workspaceId(), deal.id(), deal.contactId(), status, reason,
                deal.amount(), deal.currency(), now, deal.projectId(), agentOf(deal), null));
        return now;
    }

    private static UUID agentOf(Deal deal) {
        return deal.creditedAgent() == null ? null : deal.creditedAgent().id();
    }

    private void recordExit(CurrentUser user, Deal deal, String to, String status, Set<String> known,
            java.util.Collection<String> missing, String justification, Instant now) {
        List<DealParts.Touch> touches = repository.touches(user.workspaceId(), deal.id()).stream()
                .filter(t -> deal.stageEnteredAt() == null || !t.at().isBefore(deal.stageEnteredAt())).toList();
        double days = deal.stageEnteredAt() == null ? 0
                : Duration.between(deal.stageEnteredAt(), now).toMinutes() / 1440.0;
        repository.recordChange(user.workspaceId(), deal.id(), deal.stage(), to, status, known, missing,
                justification, days, touches.size(), (int) touches.stream().filter(DealParts.Touch::twoWay).count(),
                user.userId(), now);
    }

    private Set<String> known(UUID workspaceId, Deal deal) {
        return Deals.known(deal, repository.members(workspaceId, deal.id()),
                repository.checks(workspaceId, deal.id()));
    }

    /**
     * The workspace's reason code for what the rep chose or typed (any case, spaces or underscores); anything not on
     * the list is OTHER, and the caller keeps the words as the note.
     */
    private String reasonCode(CurrentUser user, String given) {
        List<String> reasons = pipelines.settings(user.workspaceId()).dqReasons();
        String upper = given.strip().toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]+", "_");
        return reasons.contains(upper) ? upper : "OTHER";
    }
}

package dev.callsheet.deals;

import dev.callsheet.deals.internal.Calibration;
import dev.callsheet.deals.internal.DealRepository;
import dev.callsheet.deals.internal.EvidenceTable;
import dev.callsheet.deals.internal.Features;
import dev.callsheet.deals.internal.InsightsRepository;
import dev.callsheet.deals.internal.WinModel;
import dev.callsheet.web.ApiProblem;
import dev.callsheet.workspace.CurrentUser;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.ObjectMapper;

/**
 * What the team's history says about its deals (docs/domain.md §9): the bad-deal flags, the evidence table ("deals that
 * left Discovery without budget known won 4 %"), the learnt win probability, the DQ review and the cost of bad deals.
 */
@Service
public class DealInsights {

    private static final Logger log = LoggerFactory.getLogger(DealInsights.class);
    /** Won deals a stage needs before its median says what "stalled" is. */
    static final int STALLED_SAMPLE = 5;

    /** A deal on the board: the deal, its flags and its chance to win. */
    public record Card(Deal deal, List<Insights.Flag> flags, Double winProbability) {
    }

    /** One column of the board. */
    public record Column(String code, String name, List<Card> cards) {
    }

    /** The DQ review of a period (docs/domain.md §9): which deals, by reason, by rep, and days open before DQ. */
    public record DqReview(Instant from, Instant to, List<InsightsRepository.Disqualified> deals,
            Map<String, Integer> byReason, Map<String, Integer> byRep, Double medianDaysOpen) {
    }

    /** The cost calculator's inputs and what they free (docs/domain.md §9). */
    public record Cost(double quota, double sellingHours, double sellingHoursPerDay, int openDeals, int badDeals,
            double dqDay, double deathDay, double valuePerHour, double valuePerDay, double daysFreed,
            double moneyFreed) {
    }

    /** The same from a rep's own history. */
    public record RepCost(InsightsRepository.RepHistory history, double daysFreed, double moneyFreed) {
    }

    private final InsightsRepository repository;
    private final DealRepository deals;
    private final Deals dealService;
    private final Pipelines pipelines;
    private final Labels labels;
    private final ObjectMapper json;
    private final Clock clock;
    private final Map<UUID, Optional<TrainedModel>> models = new ConcurrentHashMap<>();

    DealInsights(InsightsRepository repository, DealRepository deals, Deals dealService, Pipelines pipelines,
            Labels labels, ObjectMapper json, Clock clock) {
        this.repository = repository;
        this.deals = deals;
        this.dealService = dealService;
        this.pipelines = pipelines;
        this.labels = labels;
        this.json = json;
        this.clock = clock;
    }

    /** The evidence table of a pipeline (the default when null). */
    @Transactional(readOnly = true)
    public Insights.Evidence evidence(UUID workspaceId, UUID pipelineId) {
        return evidence(workspaceId, pipelines.pipeline(workspaceId, pipelineId));
    }

    Insights.Evidence evidence(UUID workspaceId, Pipeline pipeline) {
        return EvidenceTable.of(pipeline.id(), pipeline, repository.closedDeals(workspaceId, pipeline.id()),
                repository.exits(workspaceId, pipeline.id()), labels::point);
    }

    static Insights.Row row(Insights.Evidence evidence, String stage, String point) {
        return evidence.rows().stream().filter(r -> r.stage().equals(stage) && r.point().equals(point)).findFirst()
                .orElse(null);
    }

    /** The board: open deals by stage, each with its flags and chance; one owner's when {@code ownerId} is set. */
    @Transactional(readOnly = true)
    public List<Column> board(CurrentUser user, UUID pipelineId, UUID ownerId) {
        Pipeline pipeline = pipelines.pipeline(user.workspaceId(), pipelineId);
        if (ownerId == null && !Deals.supervises(user)) {
            ownerId = user.userId();
        }
        if (ownerId != null && !ownerId.equals(user.userId()) && !Deals.supervises(user)) {
            throw ApiProblem.forbidden("only supervisors see another rep's board");
        }
        Map<String, Double> medians = repository.wonMedianDays(user.workspaceId(), pipeline.id(), STALLED_SAMPLE);
        Optional<WinModel> model = model(user.workspaceId(), pipeline);
        Map<String, List<Card>> byStage = new LinkedHashMap<>();
        pipeline.stages().forEach(s -> byStage.put(s.code(), new ArrayList<>()));
        Instant now = clock.instant();
        List<DealRepository.BoardRow> rows = deals.board(user.workspaceId(), pipeline.id(), ownerId);
        List<UUID> ids = rows.stream().map(r -> r.deal().id()).toList();
        Map<UUID, List<DealParts.Member>> members = deals.members(user.workspaceId(), ids);
        Map<UUID, List<DealParts.Check>> checks = deals.checks(user.workspaceId(), ids);
        for (DealRepository.BoardRow row : rows) {
            Set<String> known = Deals.known(row.deal(), members.getOrDefault(row.deal().id(), List.of()),
                    checks.getOrDefault(row.deal().id(), List.of()));
            List<Insights.Flag> flags = flags(pipeline, row.deal(), known, row.lastTwoWay(), row.lastOneWay(),
                    medians, now);
            Double chance = model.map(m -> m.probability(example(pipeline, row.deal(), known, row.touches(),
                    row.twoWay(), now))).orElse(null);
            byStage.computeIfAbsent(row.deal().stage(), k -> new ArrayList<>())
                    .add(new Card(row.deal(), flags, chance));
        }
        List<Column> columns = new ArrayList<>();
        byStage.forEach((code, cards) -> columns.add(new Column(code, labels.stage(pipeline, code), cards)));
        return columns;
    }

    /** A deal with everything its page shows. */
    @Transactional(readOnly = true)
    public DealView view(CurrentUser user, UUID id) {
        Deal deal = dealService.deal(user, id);
        UUID ws = user.workspaceId();
        Pipeline pipeline = pipelines.pipeline(ws, deal.pipelineId());
        List<DealParts.Member> members = deals.members(ws, id);
        List<DealParts.Check> checks = deals.checks(ws, id);
        Set<String> known = Deals.known(deal, members, checks);
        List<DealParts.Touch> touches = deals.touches(ws, id);
        List<DealParts.StageChange> history = deals.history(ws, id);
        Instant now = clock.instant();
        List<Insights.Flag> flags = List.of();
        Insights.WinChance chance = null;
        if (deal.isOpen()) {
            Instant lastTwoWay = touches.stream().filter(DealParts.Touch::twoWay).map(DealParts.Touch::at)
                    .max(Comparator.naturalOrder()).orElse(null);
            Instant lastOneWay = touches.stream().filter(t -> !t.twoWay()).map(DealParts.Touch::at)
                    .max(Comparator.naturalOrder()).orElse(null);
            flags = flags(pipeline, deal, known, lastTwoWay, lastOneWay,
                    repository.wonMedianDays(ws, pipeline.id(), STALLED_SAMPLE), now);
            chance = winChance(ws, pipeline, deal, known, touches, now);
        }
        List<Insights.Alert> alerts = new ArrayList<>();
        Insights.Evidence evidence = null;
        for (DealParts.StageChange change : history) {
            for (String point : change.missing()) {
                if (!known.contains(point)) {
                    evidence = evidence != null ? evidence : evidence(ws, pipeline);
                    alerts.add(new Insights.Alert(Insights.Flag.MISSING_EXIT_DATA, change.fromStage(), point,
                            labels.point(point), change.justification(), row(evidence, change.fromStage(), point)));
                }
            }
        }
        List<DealView.StageView> details = pipeline.stages().stream().map(s -> new DealView.StageView(s.code(),
                labels.stage(s), s.exitCriteria().stream().map(c -> new DealView.CriterionView(c.code(),
                        labels.point(c), c.isField(), known.contains(c.code()))).toList())).toList();
        Map<String, DealParts.Check> byCode = new LinkedHashMap<>();
        checks.forEach(c -> byCode.put(c.code(), c));
        List<DealView.Question> questions = Pipeline.BUYER_QUESTIONS.stream().map(q -> {
            DealParts.Check c = byCode.get(q);
            return new DealView.Question(q, labels.point(q), c != null && c.done(), c == null ? null : c.note());
        }).toList();
        return new DealView(deal, new DealView.PipelineView(pipeline.id(), pipeline.name(), pipeline.stageCodes(),
                details), members, touches, deals.notes(ws, id), questions, history, alerts, flags, chance,
                List.copyOf(known));
    }

    /**
     * The bad-deal flags of an open deal (docs/domain.md §9). Gone dark: no two-way touch for the pipeline's N days (since
     * it opened, when it has none) while one-way touches went on in those days. Stalled: in its stage longer than k ×
     * the stage's median for won deals (when at least {@value #STALLED_SAMPLE} won deals left it). Missing exit data:
     * points that stages it has passed expected and it still lacks.
     */
    static List<Insights.Flag> flags(Pipeline pipeline, Deal deal, Set<String> known, Instant lastTwoWay,
            Instant lastOneWay, Map<String, Double> wonMedians, Instant now) {
        List<Insights.Flag> flags = new ArrayList<>();
        Instant darkSince = lastTwoWay != null ? lastTwoWay : deal.openedAt();
        Instant limit = now.minus(Duration.ofDays(pipeline.goneDarkDays()));
        if (darkSince.isBefore(limit) && lastOneWay != null && lastOneWay.isAfter(darkSince)) {
            Map<String, Object> facts = new LinkedHashMap<>();
            facts.put("days", Duration.between(darkSince, now).toDays());
            facts.put("limit", pipeline.goneDarkDays());
            facts.put("lastTwoWay", lastTwoWay);
            facts.put("lastOneWay", lastOneWay);
            flags.add(new Insights.Flag(Insights.Flag.GONE_DARK, facts));
        }
        Double median = wonMedians.get(deal.stage());
        if (median != null && deal.stageEnteredAt() != null) {
            double days = Duration.between(deal.stageEnteredAt(), now).toMinutes() / 1440.0;
            double threshold = Math.max(1, median) * pipeline.stalledFactor().doubleValue();
            if (days > threshold) {
                Map<String, Object> facts = new LinkedHashMap<>();
                facts.put("days", Math.round(days * 10) / 10.0);
                facts.put("medianWon", Math.round(median * 10) / 10.0);
                facts.put("factor", pipeline.stalledFactor());
                flags.add(new Insights.Flag(Insights.Flag.STALLED, facts));
            }
        }
        List<String> missing = pipeline.criteriaBefore(deal.stage()).stream().map(Pipeline.Criterion::code)
                .filter(code -> !known.contains(code)).toList();
        if (!missing.isEmpty()) {
            flags.add(new Insights.Flag(Insights.Flag.MISSING_EXIT_DATA, Map.of("points", missing)));
        }
        return flags;
    }

    private WinModel.Example example(Pipeline pipeline, Deal deal, Set<String> known, int touches, int twoWay,
            Instant now) {
        double days = deal.stageEnteredAt() == null ? 0
                : Duration.between(deal.stageEnteredAt(), now).toMinutes() / 1440.0;
        return Features.of(deal.stage(), days, touches, twoWay, known,
                pipeline.allCriteria().stream().map(Pipeline.Criterion::code).toList(), deal.source(), deal.amount(),
                deal.features(), false);
    }

    private Insights.WinChance winChance(UUID ws, Pipeline pipeline, Deal deal, Set<String> known,
            List<DealParts.Touch> touches, Instant now) {
        int closed = repository.closedDeals(ws, pipeline.id());
        Instant trained = repository.trainedAt(ws, pipeline.id()).orElse(null);
        if (closed < pipeline.minClosedDeals()) {
            return new Insights.WinChance(null, "TOO_FEW_CLOSED_DEALS", List.of(), closed, pipeline.minClosedDeals(),
                    trained);
        }
        Optional<TrainedModel> trainedModel = trained(ws, pipeline);
        if (trainedModel.isEmpty()) {
            return new Insights.WinChance(null, "NOT_TRAINED_YET", List.of(), closed, pipeline.minClosedDeals(),
                    trained);
        }
        if (!trainedModel.get().beatsBaseRate()) {
            return new Insights.WinChance(null, "NO_BETTER_THAN_BASE_RATE", List.of(), closed,
                    pipeline.minClosedDeals(), trained);
        }
        Optional<WinModel> model = trainedModel.map(TrainedModel::model);
        List<DealParts.Touch> inStage = touches.stream().filter(t -> deal.stageEnteredAt() == null
                || !t.at().isBefore(deal.stageEnteredAt())).toList();
        WinModel.Example example = example(pipeline, deal, known, inStage.size(),
                (int) inStage.stream().filter(DealParts.Touch::twoWay).count(), now);
        return new Insights.WinChance(Math.round(model.get().probability(example) * 1000) / 1000.0, null,
                model.get().explain(example, 6), closed, pipeline.minClosedDeals(), trained);
    }

    /** The pipeline's model if it is trusted: fitted, and better than the base rate on the deals it had not seen. */
    private Optional<WinModel> model(UUID ws, Pipeline pipeline) {
        return trained(ws, pipeline).filter(TrainedModel::beatsBaseRate).map(TrainedModel::model);
    }

    private Optional<TrainedModel> trained(UUID ws, Pipeline pipeline) {
        return models.computeIfAbsent(pipeline.id(), id -> repository.model(ws, id)
                .map(text -> json.readValue(text, TrainedModel.class)));
    }

    /**
     * Refits the pipeline's model from its closed deals' stage exits; below the pipeline's minimum of closed deals
     * the model is cleared instead. Before the final fit on everything, a fit on the deals closed first (80 %) is
     * scored on those closed last (20 %), so the calibration shown is of predictions made before the outcome was
     * known. Returns the closed deals it saw.
     */
    @Transactional
    public int train(UUID workspaceId, UUID pipelineId) {
        Pipeline pipeline = pipelines.pipeline(workspaceId, pipelineId);
        int closed = repository.closedDeals(workspaceId, pipeline.id());
        String stored = null;
        if (closed >= pipeline.minClosedDeals()) {
            List<String> points = pipeline.allCriteria().stream().map(Pipeline.Criterion::code).toList();
            List<InsightsRepository.TrainingRow> rows = repository.training(workspaceId, pipeline.id());
            List<WinModel.Example> examples = rows.stream()
                    .map(r -> Features.of(r.stage(), r.daysInStage(), r.touches(), r.twoWay(), r.known(), points,
                            r.source(), r.amount(), r.features(), r.won()))
                    .toList();
            stored = json.writeValueAsString(new TrainedModel(WinModel.fit(examples), holdOut(rows, examples),
                    closed));
        }
        repository.saveModel(workspaceId, pipeline.id(), closed, stored, clock.instant());
        models.remove(pipeline.id());
        return closed;
    }

    /** The stored model with how it scored on the deals closed last. */
    public record TrainedModel(WinModel model, Calibration heldOut, int closedDeals) {

        /**
         * Whether its predictions on the deals closed last beat always guessing the base rate (Brier score); a model
         * that does not is kept for the evidence page but no chance is shown from it. Too few deals to hold some
         * out: trusted on the minimum of closed deals alone.
         */
        public boolean beatsBaseRate() {
            return heldOut == null || heldOut.brier() < heldOut.baseBrier();
        }
    }

    /** Scores a fit on the exits of deals closed first against the exits of those closed last (by close time). */
    static Calibration holdOut(List<InsightsRepository.TrainingRow> rows, List<WinModel.Example> examples) {
        if (rows.size() < 20) {
            return null;
        }
        Instant cut = rows.get((int) (rows.size() * 0.8)).closedAt();
        List<WinModel.Example> train = new ArrayList<>();
        List<WinModel.Example> test = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            (rows.get(i).closedAt().isBefore(cut) ? train : test).add(examples.get(i));
        }
        if (train.isEmpty() || test.isEmpty()) {
            return null;
        }
        WinModel fitted = WinModel.fit(train);
        double[] p = new double[test.size()];
        boolean[] won = new boolean[test.size()];
        for (int i = 0; i < p.length; i++) {
            p[i] = fitted.probability(test.get(i));
            won[i] = test.get(i).won();
        }
        return Calibration.of(p, won);
    }

    /** What the pipeline's model is and how well it did on deals it had not seen; empty when there is none. */
    @Transactional(readOnly = true)
    public Optional<TrainedModel> modelReport(UUID workspaceId, UUID pipelineId) {
        Pipeline pipeline = pipelines.pipeline(workspaceId, pipelineId);
        return repository.model(workspaceId, pipeline.id()).map(text -> json.readValue(text, TrainedModel.class));
    }

    /** Refits every pipeline's model; the nightly job. */
    public void trainAll() {
        for (UUID[] p : repository.pipelinesWithClosedDeals()) {
            try {
                train(p[0], p[1]);
            } catch (RuntimeException e) {
                log.warn("could not refit the win model of pipeline {}", p[1], e);
            }
        }
    }

    @Transactional(readOnly = true)
    public DqReview dqReview(CurrentUser user, LocalDate from, LocalDate to) {
        ZoneId zone = user.timeZone();
        LocalDate today = LocalDate.now(clock.withZone(zone));
        LocalDate start = from != null ? from : today.minusDays(today.getDayOfWeek().getValue() - 1L);
        LocalDate end = to != null ? to : start.plusDays(7);
        if (!end.isAfter(start)) {
            throw ApiProblem.badRequest("to", "to must be after from");
        }
        Instant a = start.atStartOfDay(zone).toInstant();
        Instant b = end.atStartOfDay(zone).toInstant();
        var list = repository.disqualified(user.workspaceId(), a, b);
        Map<String, Integer> byReason = new LinkedHashMap<>();
        Map<String, Integer> byRep = new LinkedHashMap<>();
        list.forEach(d -> {
            byReason.merge(d.reason() == null ? "OTHER" : d.reason(), 1, Integer::sum);
            byRep.merge(d.ownerName(), 1, Integer::sum);
        });
        double[] days = list.stream().mapToDouble(InsightsRepository.Disqualified::daysOpen).sorted().toArray();
        return new DqReview(a, b, list, sorted(byReason), sorted(byRep), EvidenceTable.median(days));
    }

    private static Map<String, Integer> sorted(Map<String, Integer> counts) {
        Map<String, Integer> out = new LinkedHashMap<>();
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()
                .thenComparing(Map.Entry.comparingByKey())).forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    /**
     * The cost calculator (docs/domain.md §9): a selling hour is worth quota ÷ selling hours; each open deal takes an equal
     * share of the rep's selling days, so disqualifying {@code badDeals} of {@code openDeals} on day {@code dqDay}
     * instead of the day they would have died frees badDeals × (deathDay − dqDay) ÷ openDeals selling days.
     */
    public static Cost cost(double quota, double sellingHours, double hoursPerDay, int openDeals, int badDeals,
            double dqDay, double deathDay) {
        check("quota", quota, 0, 1e12);
        check("sellingHours", sellingHours, 1, 8784);
        check("sellingHoursPerDay", hoursPerDay, 0.25, 24);
        check("openDeals", openDeals, 1, 100_000);
        check("badDeals", badDeals, 0, openDeals);
        check("dqDay", dqDay, 0, 3650);
        check("deathDay", deathDay, dqDay, 3650);
        double perHour = quota / sellingHours;
        double perDay = perHour * hoursPerDay;
        double days = badDeals * (deathDay - dqDay) / openDeals;
        return new Cost(quota, sellingHours, hoursPerDay, openDeals, badDeals, dqDay, deathDay, perHour, perDay, days,
                days * perDay);
    }

    /**
     * The same from each rep's deals of the last year: had every lost deal been disqualified at the median day the
     * rep's disqualified deals were (or, with none, at a third of the lost deals' median), the days and money freed.
     */
    @Transactional(readOnly = true)
    public List<RepCost> repCosts(CurrentUser user, double valuePerDay) {
        UUID owner = Deals.supervises(user) ? null : user.userId();
        List<RepCost> costs = new ArrayList<>();
        for (InsightsRepository.RepHistory h : repository.repHistory(user.workspaceId(), owner,
                clock.instant().minus(Duration.ofDays(365)))) {
            double freed = 0;
            if (h.medianLostDays() != null && h.lost() > 0) {
                double dqDay = h.medianDisqualifiedDays() != null ? h.medianDisqualifiedDays()
                        : h.medianLostDays() / 3;
                freed = h.lost() * Math.max(0, h.medianLostDays() - dqDay) / Math.max(1, h.open());
            }
            costs.add(new RepCost(h, Math.round(freed * 10) / 10.0, Math.round(freed * valuePerDay)));
        }
        return costs;
    }

    private static void check(String field, double value, double min, double max) {
        if (Double.isNaN(value) || value < min || value > max) {
            throw ApiProblem.badRequest(field, field + " must be " + trim(min) + " to " + trim(max));
        }
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }
}

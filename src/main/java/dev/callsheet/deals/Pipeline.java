package dev.callsheet.deals;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * A workspace's sales pipeline (docs/domain.md §9): its stages in order, the data each expects before a deal leaves it,
 * and the thresholds of the bad-deal flags.
 *
 * @param goneDarkDays   a deal with no two-way touch for this many days while one-way touches go on has gone dark
 * @param stalledFactor  a deal longer in its stage than this many times the stage's median for won deals has stalled
 * @param minClosedDeals the win model is shown only once the pipeline has this many closed deals
 */
public record Pipeline(UUID id, String name, List<Stage> stages, int goneDarkDays, BigDecimal stalledFactor,
        int minClosedDeals, boolean isDefault) {

    public Pipeline {
        stages = List.copyOf(stages);
    }

    /**
     * A stage and its exit criteria. {@code name} is null for the built-in stages, whose names are translated.
     */
    public record Stage(String code, String name, List<Criterion> exitCriteria) {

        public Stage {
            exitCriteria = exitCriteria == null ? List.of() : List.copyOf(exitCriteria);
        }
    }

    /**
     * A data point expected before leaving a stage: a {@link Point field of the deal} or a checklist item that someone
     * ticks ("need confirmed"). {@code label} is null for the built-in points, whose labels are translated.
     */
    public record Criterion(String code, String label) {

        public boolean isField() {
            return Point.field(code).isPresent();
        }
    }

    /** The data points a deal's own fields answer; every other criterion code is a checklist item. */
    public enum Point {
        AMOUNT("amount"), EXPECTED_CLOSE("expected_close"), BUYING_TEAM("buying_team"),
        ECONOMIC_BUYER("economic_buyer"), ORGANISATION("organisation");

        private final String code;

        Point(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }

        public static Optional<Point> field(String code) {
            for (Point p : values()) {
                if (p.code.equals(code)) {
                    return Optional.of(p);
                }
            }
            return Optional.empty();
        }
    }

    /** The codes of the stages, in order: the {@code pipeline.stages} of the API. */
    public List<String> stageCodes() {
        return stages.stream().map(Stage::code).toList();
    }

    /** The stage with this code or (any case) this name. */
    public Optional<Stage> stage(String codeOrName) {
        if (codeOrName == null) {
            return Optional.empty();
        }
        String wanted = codeOrName.strip();
        return stages.stream().filter(s -> s.code().equalsIgnoreCase(wanted)
                || (s.name() != null && s.name().equalsIgnoreCase(wanted))).findFirst();
    }

    public int position(String code) {
        return stageCodes().indexOf(code);
    }

    public Stage first() {
        return stages.get(0);
    }

    /** Every criterion of every stage, once, in the order the stages ask for them. */
    public List<Criterion> allCriteria() {
        Set<String> seen = new LinkedHashSet<>();
        List<Criterion> all = new ArrayList<>();
        for (Stage s : stages) {
            for (Criterion c : s.exitCriteria()) {
                if (seen.add(c.code())) {
                    all.add(c);
                }
            }
        }
        return all;
    }

    /** The criteria of the stages before {@code code}: what a deal now in that stage should already know. */
    public List<Criterion> criteriaBefore(String code) {
        int at = position(code);
        Set<String> seen = new LinkedHashSet<>();
        List<Criterion> before = new ArrayList<>();
        for (int i = 0; i < at; i++) {
            for (Criterion c : stages.get(i).exitCriteria()) {
                if (seen.add(c.code())) {
                    before.add(c);
                }
            }
        }
        return before;
    }

    /** The checklist every deal answers whatever its stage (docs/domain.md §9, "the buyer questions"). */
    public static final List<String> BUYER_QUESTIONS = List.of("bq_buying_team", "bq_personal_goals", "bq_how_we_help",
            "bq_mutual_plan", "bq_on_track");

    /** The pipeline a workspace starts with: four stages with the exit data of docs/domain.md §9. */
    public static List<Stage> defaultStages() {
        return List.of(
                new Stage("MEETING", null, List.of(new Criterion("need_confirmed", null))),
                new Stage("DISCOVERY", null, List.of(new Criterion("need_confirmed", null),
                        new Criterion("budget_known", null), new Criterion(Point.BUYING_TEAM.code(), null),
                        new Criterion(Point.ECONOMIC_BUYER.code(), null))),
                new Stage("PROPOSAL", null, List.of(new Criterion("business_case_approved", null),
                        new Criterion(Point.AMOUNT.code(), null), new Criterion(Point.EXPECTED_CLOSE.code(), null))),
                new Stage("NEGOTIATION", null, List.of(new Criterion("mutual_plan", null))));
    }
}

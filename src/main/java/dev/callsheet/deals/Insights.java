package dev.callsheet.deals;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** What the team's history says about deals (docs/domain.md §9). */
public final class Insights {

    private Insights() {
    }

    /**
     * Closed deals that left {@code stage} with {@code point} known, or not: how many, how many were won, the win rate
     * with its 95 % Wilson interval and the median days from leaving the stage to the close.
     */
    public record Group(int deals, int won, double winRate, double low, double high, Double medianDaysToClose) {
    }

    /** One stage × expected data point of the evidence table. */
    public record Row(String stage, String point, String label, Group known, Group unknown) {

        /** Whether the two intervals do not overlap: the difference is not chance at 95 %. */
        public boolean clear() {
            return known.deals() > 0 && unknown.deals() > 0
                    && (known.low() > unknown.high() || unknown.low() > known.high());
        }
    }

    /** The evidence table of a pipeline, from its closed deals. */
    public record Evidence(java.util.UUID pipelineId, int closedDeals, List<Row> rows) {
    }

    /** A bad-deal flag (docs/domain.md §9) with what raised it. */
    public record Flag(String kind, Map<String, Object> facts) {

        public static final String GONE_DARK = "GONE_DARK";
        public static final String STALLED = "STALLED";
        public static final String MISSING_EXIT_DATA = "MISSING_EXIT_DATA";
    }

    /** An alert raised by moving a deal on with exit data missing, with what history says of that. */
    public record Alert(String kind, String stage, String point, String label, String justification, Row evidence) {
    }

    /** An input of the win model and how far it moves this deal's chance from the average (in log-odds). */
    public record Factor(String feature, String value, double effect) {
    }

    /**
     * A deal's chance to be won, or why none is shown ({@code unavailable}: too few closed deals, no model yet).
     */
    public record WinChance(Double probability, String unavailable, List<Factor> factors, int closedDeals,
            int minClosedDeals, Instant trainedAt) {
    }
}

package dev.callsheet.deals.internal;

import dev.callsheet.deals.Insights;
import dev.callsheet.deals.Pipeline;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * "If we don't know X after stage Y…" (docs/domain.md §9): for each stage and each data point it expects, the closed deals
 * that left the stage (moved on, or closed in it) with the point known and without it, and how they ended.
 */
public final class EvidenceTable {

    private static final double Z = 1.959963984540054;

    /** A closed deal's last exit from a stage: what was known then, whether it was won, days from then to the close. */
    public record Exit(String stage, Set<String> known, boolean won, double daysToClose) {
    }

    private EvidenceTable() {
    }

    public static Insights.Evidence of(UUID pipelineId, Pipeline pipeline, int closedDeals, List<Exit> exits,
            java.util.function.Function<Pipeline.Criterion, String> label) {
        List<Insights.Row> rows = new ArrayList<>();
        for (Pipeline.Stage stage : pipeline.stages()) {
            List<Exit> left = exits.stream().filter(e -> e.stage().equals(stage.code())).toList();
            for (Pipeline.Criterion c : stage.exitCriteria()) {
                List<Exit> known = left.stream().filter(e -> e.known().contains(c.code())).toList();
                List<Exit> unknown = left.stream().filter(e -> !e.known().contains(c.code())).toList();
                rows.add(new Insights.Row(stage.code(), c.code(), label.apply(c), group(known), group(unknown)));
            }
        }
        return new Insights.Evidence(pipelineId, closedDeals, rows);
    }

    static Insights.Group group(List<Exit> exits) {
        int n = exits.size();
        int won = (int) exits.stream().filter(Exit::won).count();
        double[] interval = wilson(won, n);
        double[] days = exits.stream().mapToDouble(Exit::daysToClose).sorted().toArray();
        return new Insights.Group(n, won, n == 0 ? 0 : won / (double) n, interval[0], interval[1], median(days));
    }

    /** The 95 % Wilson score interval of {@code successes} in {@code n}; [0, 1] when n is 0. */
    public static double[] wilson(int successes, int n) {
        if (n == 0) {
            return new double[] {0, 1};
        }
        double p = successes / (double) n;
        double z2 = Z * Z;
        double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
        double half = Z * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n)) / (1 + z2 / n);
        return new double[] {Math.max(0, centre - half), Math.min(1, centre + half)};
    }

    /** The median of sorted values, null for none. */
    public static Double median(double[] sorted) {
        if (sorted.length == 0) {
            return null;
        }
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}

package dev.callsheet.deals.internal;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A deal's inputs to the win model, the same whether it is a closed deal at one of its stage exits (learning) or an
 * open deal now (predicting): its stage, days in the stage, touches, which exit data are known, source, amount band
 * and whatever columns an import brought (product, sector…).
 */
public final class Features {

    /** Imported columns that name one deal or one person rather than describe it. */
    private static final Set<String> NOT_INPUTS = Set.of("organisation", "owner", "setter", "id", "title", "contact", "revenue", "known");

    private Features() {
    }

    public static WinModel.Example of(String stage, double daysInStage, int touches, int twoWay,
            Collection<String> known, List<String> points, String source, BigDecimal amount,
            Map<String, String> imported, boolean won) {
        Map<String, String> categorical = new HashMap<>();
        categorical.put("stage", stage);
        categorical.put("source", source == null || source.isBlank() ? "none" : source);
        categorical.put("amount", band(amount));
        int knownCount = 0;
        for (String point : points) {
            boolean isKnown = known.contains(point);
            categorical.put("known:" + point, isKnown ? "yes" : "no");
            knownCount += isKnown ? 1 : 0;
        }
        if (imported != null) {
            imported.forEach((k, v) -> {
                if (!NOT_INPUTS.contains(k) && v != null && !v.isBlank()) {
                    categorical.put(k, v);
                }
            });
        }
        Map<String, Double> numeric = new HashMap<>();
        numeric.put("daysInStage", Math.log1p(Math.max(0, daysInStage)));
        numeric.put("touches", Math.log1p(touches));
        numeric.put("twoWayTouches", Math.log1p(twoWay));
        numeric.put("knownShare", points.isEmpty() ? 0 : knownCount / (double) points.size());
        Map<String, String> shown = Map.of("daysInStage", String.valueOf(Math.round(Math.max(0, daysInStage))),
                "touches", String.valueOf(touches), "twoWayTouches", String.valueOf(twoWay),
                "knownShare", knownCount + "/" + points.size());
        return new WinModel.Example(categorical, numeric, shown, won);
    }

    /** An order of magnitude: "<1k", "1k-10k", "10k-100k", "100k+", or "unknown". */
    static String band(BigDecimal amount) {
        if (amount == null || amount.signum() <= 0) {
            return "unknown";
        }
        double a = amount.doubleValue();
        return a < 1_000 ? "<1k" : a < 10_000 ? "1k-10k" : a < 100_000 ? "10k-100k" : "100k+";
    }
}

package dev.callsheet.contacts.internal;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Estimates the m probabilities and the share of matches among a workspace's candidate pairs by expectation
 * maximisation, the u probabilities held fixed (as Splink does: u from random pairs, m by EM on the pairs blocking
 * finds). Each m is drawn towards its prior by {@link #PSEUDO_PAIRS} pairs' worth of evidence and kept within a
 * factor {@link #BOUND} of it, and no disagreement's m rises above its prior, so a small or odd workspace cannot
 * talk the model out of common sense. Pure.
 */
final class Expectation {

    static final double PSEUDO_PAIRS = 100;
    static final double BOUND = 2;
    static final int ITERATIONS = 20;

    /** What EM found: m per field and level, and the share of the pairs that are one client. */
    record Estimate(Map<Field, Map<Level, Double>> m, double matchShare) {
    }

    private Expectation() {
    }

    static Estimate estimate(List<Map<Field, Level>> pairs, LinkageModel start) {
        Map<Field, Map<Level, Double>> m = copy(start.m());
        double share = 0.1;
        if (pairs.isEmpty()) {
            return new Estimate(m, share);
        }
        for (int iteration = 0; iteration < ITERATIONS; iteration++) {
            Map<Field, Map<Level, Double>> sums = new EnumMap<>(Field.class);
            Map<Field, Double> totals = new EnumMap<>(Field.class);
            double shareSum = 0;
            for (Map<Field, Level> pair : pairs) {
                double bits = LinkageModel.log2(share / (1 - share));
                for (Map.Entry<Field, Level> entry : pair.entrySet()) {
                    if (entry.getValue() != Level.MISSING) {
                        bits += LinkageModel.log2(m.get(entry.getKey()).get(entry.getValue())
                                / start.u().get(entry.getKey()).get(entry.getValue()));
                    }
                }
                double match = 1 / (1 + Math.pow(2, -bits));
                shareSum += match;
                for (Map.Entry<Field, Level> entry : pair.entrySet()) {
                    if (entry.getValue() != Level.MISSING) {
                        sums.computeIfAbsent(entry.getKey(), f -> new EnumMap<>(Level.class))
                                .merge(entry.getValue(), match, Double::sum);
                        totals.merge(entry.getKey(), match, Double::sum);
                    }
                }
            }
            share = Math.min(0.9, Math.max(0.001, shareSum / pairs.size()));
            for (Field field : Field.values()) {
                Map<Level, Double> prior = start.m().get(field);
                Map<Level, Double> seen = sums.getOrDefault(field, Map.of());
                double total = totals.getOrDefault(field, 0.0);
                Map<Level, Double> agreements = new EnumMap<>(Level.class);
                double different = 0;
                for (Map.Entry<Level, Double> level : prior.entrySet()) {
                    double p = (seen.getOrDefault(level.getKey(), 0.0) + PSEUDO_PAIRS * level.getValue())
                            / (total + PSEUDO_PAIRS);
                    if (level.getKey() == Level.DIFFERENT) {
                        // A disagreement may come to weigh more, never less: EM's failure on a workspace's own
                        // pairs is a cluster of look-alikes (one hotel's restaurants) taken for the match class.
                        different = Math.min(bounded(p, level.getValue()), level.getValue());
                    }
                    else {
                        agreements.put(level.getKey(), bounded(p, level.getValue()));
                    }
                }
                Map<Level, Double> next = new EnumMap<>(Level.class);
                double rest = 1 - different;
                LinkageModel.normalised(agreements).forEach((level, p) -> next.put(level, p * rest));
                if (prior.containsKey(Level.DIFFERENT)) {
                    next.put(Level.DIFFERENT, different);
                }
                m.put(field, next);
            }
        }
        return new Estimate(m, share);
    }

    /** {@code p} kept within a factor {@link #BOUND} of its prior. */
    static double bounded(double p, double prior) {
        return Math.max(prior / BOUND, Math.min(Math.min(0.995, prior * BOUND), p));
    }

    private static Map<Field, Map<Level, Double>> copy(Map<Field, Map<Level, Double>> probabilities) {
        Map<Field, Map<Level, Double>> copy = new EnumMap<>(Field.class);
        probabilities.forEach((field, levels) -> copy.put(field, new EnumMap<>(levels)));
        return copy;
    }
}

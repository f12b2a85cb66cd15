package dev.callsheet.deals.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * How well predicted chances match what happened: Brier score (against always predicting the base rate), log loss,
 * the area under the ROC curve, the expected calibration error and ten bins of predicted vs observed.
 */
public record Calibration(int n, double baseRate, double brier, double baseBrier, double logLoss, Double auc,
        double expectedError, List<Bin> bins) {

    /** Predictions in [from, to): how many, their mean and the share won. */
    public record Bin(double from, double to, int n, double predicted, double observed) {
    }

    public static Calibration of(double[] predicted, boolean[] won) {
        int n = predicted.length;
        double base = 0;
        for (boolean w : won) {
            base += w ? 1 : 0;
        }
        base /= Math.max(1, n);
        double brier = 0;
        double baseBrier = 0;
        double logLoss = 0;
        int[] count = new int[10];
        double[] sumP = new double[10];
        double[] sumY = new double[10];
        for (int i = 0; i < n; i++) {
            double y = won[i] ? 1 : 0;
            double p = Math.min(1 - 1e-12, Math.max(1e-12, predicted[i]));
            brier += (p - y) * (p - y);
            baseBrier += (base - y) * (base - y);
            logLoss -= y * Math.log(p) + (1 - y) * Math.log(1 - p);
            int bin = Math.min(9, (int) (predicted[i] * 10));
            count[bin]++;
            sumP[bin] += predicted[i];
            sumY[bin] += y;
        }
        List<Bin> bins = new ArrayList<>();
        double ece = 0;
        for (int b = 0; b < 10; b++) {
            if (count[b] > 0) {
                bins.add(new Bin(b / 10.0, (b + 1) / 10.0, count[b], sumP[b] / count[b], sumY[b] / count[b]));
                ece += Math.abs(sumP[b] - sumY[b]) / Math.max(1, n);
            }
        }
        return new Calibration(n, base, brier / Math.max(1, n), baseBrier / Math.max(1, n), logLoss / Math.max(1, n),
                auc(predicted, won), ece, bins);
    }


    /** The chance a won deal is ranked above a lost one (ties count half). */
    static Double auc(double[] predicted, boolean[] won) {
        Integer[] order = new Integer[predicted.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(predicted[a], predicted[b]));
        double rankSum = 0;
        long positives = 0;
        int i = 0;
        while (i < order.length) {
            int j = i;
            while (j + 1 < order.length && predicted[order[j + 1]] == predicted[order[i]]) {
                j++;
            }
            double rank = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                if (won[order[k]]) {
                    rankSum += rank;
                    positives++;
                }
            }
            i = j + 1;
        }
        long negatives = predicted.length - positives;
        if (positives == 0 || negatives == 0) {
            return null;
        }
        return (rankSum - positives * (positives + 1) / 2.0) / (positives * (double) negatives);
    }
}

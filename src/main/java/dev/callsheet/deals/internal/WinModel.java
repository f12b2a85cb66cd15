package dev.callsheet.deals.internal;

import dev.callsheet.deals.Insights;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A win-probability model: L2-regularised logistic regression over a deal's categorical inputs (one column per value
 * seen at least {@link #MIN_LEVEL} times) and numeric inputs (standardised), fitted by Newton's method. Each prediction
 * is explained by how far every input moves the deal's log-odds from those of the average training deal.
 *
 * @param categorical the one-hot columns, "input=value"
 * @param numeric     the numeric inputs with their training mean and standard deviation
 * @param weights     one per categorical column, then one per numeric input
 * @param columnMeans the training mean of every column (for the explanations)
 */
public record WinModel(List<String> categorical, List<Scale> numeric, double intercept, double[] weights,
        double[] columnMeans, int examples, double baseRate) {

    static final int MIN_LEVEL = 5;
    static final double RIDGE = 1.0;

    /** A numeric input's standardisation. */
    public record Scale(String name, double mean, double sd) {
    }

    /**
     * One deal at one moment: its inputs and, for training, whether it was won. {@code shown} holds the numbers as
     * people read them (days, not the log of days) for the explanations.
     */
    public record Example(Map<String, String> categorical, Map<String, Double> numeric, Map<String, String> shown,
            boolean won) {
    }

    public static WinModel fit(List<Example> examples) {
        Map<String, Integer> counts = new HashMap<>();
        Map<String, double[]> sums = new LinkedHashMap<>();
        for (Example e : examples) {
            e.categorical().forEach((k, v) -> counts.merge(k + "=" + v, 1, Integer::sum));
            e.numeric().forEach((k, v) -> {
                double[] s = sums.computeIfAbsent(k, x -> new double[3]);
                s[0]++;
                s[1] += v;
                s[2] += v * v;
            });
        }
        List<String> categorical = counts.entrySet().stream().filter(c -> c.getValue() >= MIN_LEVEL)
                .map(Map.Entry::getKey).sorted().toList();
        List<Scale> numeric = new ArrayList<>();
        sums.forEach((k, s) -> {
            double mean = s[1] / s[0];
            double sd = Math.sqrt(Math.max(0, s[2] / s[0] - mean * mean));
            numeric.add(new Scale(k, mean, sd < 1e-9 ? 1 : sd));
        });
        int d = categorical.size() + numeric.size();
        double[][] x = new double[examples.size()][];
        double[] y = new double[examples.size()];
        WinModel shape = new WinModel(categorical, numeric, 0, new double[d], new double[d], 0, 0);
        double won = 0;
        for (int i = 0; i < x.length; i++) {
            x[i] = shape.row(examples.get(i));
            y[i] = examples.get(i).won() ? 1 : 0;
            won += y[i];
        }
        double[] means = new double[d];
        for (double[] row : x) {
            for (int j = 0; j < d; j++) {
                means[j] += row[j] / x.length;
            }
        }
        double base = won / Math.max(1, x.length);
        double[] beta = new double[d + 1];
        beta[d] = Math.log((won + 0.5) / (x.length - won + 0.5));
        for (int iteration = 0; iteration < 25; iteration++) {
            double[] gradient = new double[d + 1];
            double[][] hessian = new double[d + 1][d + 1];
            for (int i = 0; i < x.length; i++) {
                double p = sigmoid(dot(beta, x[i]));
                double r = y[i] - p;
                double w = Math.max(p * (1 - p), 1e-9);
                for (int j = 0; j <= d; j++) {
                    double xj = j == d ? 1 : x[i][j];
                    if (xj == 0) {
                        continue;
                    }
                    gradient[j] += r * xj;
                    for (int k = 0; k <= j; k++) {
                        double xk = k == d ? 1 : x[i][k];
                        if (xk != 0) {
                            hessian[j][k] += w * xj * xk;
                        }
                    }
                }
            }
            for (int j = 0; j <= d; j++) {
                for (int k = 0; k < j; k++) {
                    hessian[k][j] = hessian[j][k];
                }
                if (j < d) {
                    gradient[j] -= RIDGE * beta[j];
                    hessian[j][j] += RIDGE;
                }
            }
            double[] step = solve(hessian, gradient);
            double largest = 0;
            for (int j = 0; j <= d; j++) {
                beta[j] += step[j];
                largest = Math.max(largest, Math.abs(step[j]));
            }
            if (largest < 1e-6) {
                break;
            }
        }
        double[] weights = java.util.Arrays.copyOf(beta, d);
        return new WinModel(categorical, numeric, beta[d], weights, means, x.length, base);
    }

    /** Every column's weight (log-odds per unit: per yes for "input=value", per standard deviation for numbers). */
    public Map<String, Double> weightsByInput() {
        Map<String, Double> out = new LinkedHashMap<>();
        for (int j = 0; j < weights.length; j++) {
            out.put(j < categorical.size() ? categorical.get(j) : numeric.get(j - categorical.size()).name(),
                    Math.round(weights[j] * 1000) / 1000.0);
        }
        return out;
    }

    /** The chance the deal is won, in [0, 1]. */
    public double probability(Example e) {
        return sigmoid(intercept + dot(weights, row(e)));
    }

    /**
     * What moves this deal's chance: each input's effect on the log-odds against the average training deal, largest
     * first, at most {@code limit}.
     */
    public List<Insights.Factor> explain(Example e, int limit) {
        double[] row = row(e);
        Map<String, Double> effects = new LinkedHashMap<>();
        Map<String, String> values = new HashMap<>();
        for (int j = 0; j < categorical.size(); j++) {
            String column = categorical.get(j);
            String input = column.substring(0, column.indexOf('='));
            effects.merge(input, weights[j] * (row[j] - columnMeans[j]), Double::sum);
            values.putIfAbsent(input, e.categorical().getOrDefault(input, ""));
        }
        for (int j = 0; j < numeric.size(); j++) {
            int at = categorical.size() + j;
            String input = numeric.get(j).name();
            effects.merge(input, weights[at] * (row[at] - columnMeans[at]), Double::sum);
            Double value = e.numeric().get(input);
            values.put(input, e.shown().containsKey(input) ? e.shown().get(input)
                    : value == null ? "" : String.valueOf(Math.round(value * 10) / 10.0));
        }
        return effects.entrySet().stream().filter(x -> Math.abs(x.getValue()) >= 0.01)
                .sorted(Comparator.comparingDouble((Map.Entry<String, Double> x) -> -Math.abs(x.getValue())))
                .limit(limit)
                .map(x -> new Insights.Factor(x.getKey(), values.get(x.getKey()), Math.round(x.getValue() * 100) / 100.0))
                .toList();
    }

    double[] row(Example e) {
        double[] row = new double[categorical.size() + numeric.size()];
        for (Map.Entry<String, String> c : e.categorical().entrySet()) {
            int at = java.util.Collections.binarySearch(categorical, c.getKey() + "=" + c.getValue());
            if (at >= 0) {
                row[at] = 1;
            }
        }
        for (int j = 0; j < numeric.size(); j++) {
            Scale s = numeric.get(j);
            Double v = e.numeric().get(s.name());
            row[categorical.size() + j] = v == null ? 0 : (v - s.mean()) / s.sd();
        }
        return row;
    }

    private static double dot(double[] beta, double[] row) {
        double sum = beta.length > row.length ? beta[row.length] : 0;
        for (int j = 0; j < row.length; j++) {
            sum += beta[j] * row[j];
        }
        return sum;
    }

    static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-Math.max(-35, Math.min(35, z))));
    }

    /** Solves a symmetric positive definite system by Gaussian elimination with partial pivoting. */
    private static double[] solve(double[][] a, double[] b) {
        int n = b.length;
        double[][] m = new double[n][];
        for (int i = 0; i < n; i++) {
            m[i] = java.util.Arrays.copyOf(a[i], n + 1);
            m[i][n] = b[i];
        }
        for (int col = 0; col < n; col++) {
            int pivot = col;
            for (int r = col + 1; r < n; r++) {
                if (Math.abs(m[r][col]) > Math.abs(m[pivot][col])) {
                    pivot = r;
                }
            }
            double[] swap = m[col];
            m[col] = m[pivot];
            m[pivot] = swap;
            double p = m[col][col];
            if (Math.abs(p) < 1e-12) {
                continue;
            }
            for (int r = col + 1; r < n; r++) {
                double f = m[r][col] / p;
                if (f != 0) {
                    for (int c = col; c <= n; c++) {
                        m[r][c] -= f * m[col][c];
                    }
                }
            }
        }
        double[] x = new double[n];
        for (int r = n - 1; r >= 0; r--) {
            double s = m[r][n];
            for (int c = r + 1; c < n; c++) {
                s -= m[r][c] * x[c];
            }
            x[r] = Math.abs(m[r][r]) < 1e-12 ? 0 : s / m[r][r];
        }
        return x;
    }
}

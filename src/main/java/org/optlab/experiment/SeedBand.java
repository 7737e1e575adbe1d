package org.optlab.experiment;

import java.util.Arrays;
import java.util.List;

/**
 * One optimizer's spread over the seeds of a seeds experiment: at each recorded step, the mean, the smallest and the
 * largest loss and, from {@value #QUANTILE_SEEDS} seeds on, the 10 % and 90 % quantiles, each over the seeds whose run
 * recorded that step ({@link #seeds()} says how many).
 *
 * <p>A run that ended early is honest about it: a run that diverged (its curve ends at its last finite loss), converged
 * by a stop rule or met a singular Hessian records no later step, so from there on the band is over the seeds still
 * running and {@code seeds[j]} is smaller than the count of seeds. No value is invented for a seed that stopped; a band
 * whose seeds all ended stops. The seeds' ends themselves are in {@link SeedCurve#status()}.
 *
 * @param optimizer the optimizer's index in the document
 * @param steps     the recorded steps of any seed, increasing
 * @param seeds     how many seeds recorded each step
 * @param mean      the mean loss over those seeds (summed in seed order)
 * @param min       the smallest
 * @param max       the largest
 * @param q10       the 10 % quantile (linear between order statistics, as numpy's default); NaN where fewer than
 *                  {@value #QUANTILE_SEEDS} seeds recorded the step; null when the experiment has fewer seeds
 * @param q90       the 90 % quantile, likewise
 */
public record SeedBand(int optimizer, long[] steps, int[] seeds, double[] mean, double[] min, double[] max, double[] q10,
                       double[] q90) {

    /** Seeds from which the 10 %/90 % quantiles are given (below, min and max say as much). */
    public static final int QUANTILE_SEEDS = 10;

    /** The band of one optimizer from its runs, one per seed, in seed order. */
    public static SeedBand of(int optimizer, List<SeedCurve> runs) {
        int k = runs.size();
        int[] at = new int[k];
        int total = 0;
        for (SeedCurve c : runs) {
            total = Math.max(total, c.steps().length);
        }
        long[] steps = new long[total];
        int[] seeds = new int[total];
        double[] mean = new double[total];
        double[] min = new double[total];
        double[] max = new double[total];
        boolean quantiles = k >= QUANTILE_SEEDS;
        double[] q10 = quantiles ? new double[total] : null;
        double[] q90 = quantiles ? new double[total] : null;
        double[] values = new double[k];
        int j = 0;
        while (true) {
            // the next recorded step of any seed: a merge of the seeds' step lists
            long next = Long.MAX_VALUE;
            for (int s = 0; s < k; s++) {
                long[] st = runs.get(s).steps();
                if (at[s] < st.length) {
                    next = Math.min(next, st[at[s]]);
                }
            }
            if (next == Long.MAX_VALUE) {
                break;
            }
            int n = 0;
            double sum = 0;
            for (int s = 0; s < k; s++) {
                SeedCurve c = runs.get(s);
                if (at[s] < c.steps().length && c.steps()[at[s]] == next) {
                    double v = c.loss()[at[s]];
                    at[s]++;
                    values[n++] = v;
                    sum += v;
                }
            }
            if (j == steps.length) {
                // early ends at steps off the common grid add points
                int grown = Math.max(4, steps.length * 2);
                steps = Arrays.copyOf(steps, grown);
                seeds = Arrays.copyOf(seeds, grown);
                mean = Arrays.copyOf(mean, grown);
                min = Arrays.copyOf(min, grown);
                max = Arrays.copyOf(max, grown);
                if (quantiles) {
                    q10 = Arrays.copyOf(q10, grown);
                    q90 = Arrays.copyOf(q90, grown);
                }
            }
            steps[j] = next;
            seeds[j] = n;
            mean[j] = sum / n;
            Arrays.sort(values, 0, n);
            min[j] = values[0];
            max[j] = values[n - 1];
            if (quantiles) {
                q10[j] = n >= QUANTILE_SEEDS ? quantile(values, n, 0.1) : Double.NaN;
                q90[j] = n >= QUANTILE_SEEDS ? quantile(values, n, 0.9) : Double.NaN;
            }
            j++;
        }
        return new SeedBand(optimizer, Arrays.copyOf(steps, j), Arrays.copyOf(seeds, j), Arrays.copyOf(mean, j),
                Arrays.copyOf(min, j), Arrays.copyOf(max, j), quantiles ? Arrays.copyOf(q10, j) : null,
                quantiles ? Arrays.copyOf(q90, j) : null);
    }

    /** The p-quantile of the first n sorted values: linear between the order statistics at h = (n − 1)·p. */
    static double quantile(double[] sorted, int n, double p) {
        double h = (n - 1) * p;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, n - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    /** Recorded points. */
    public int size() {
        return steps.length;
    }
}

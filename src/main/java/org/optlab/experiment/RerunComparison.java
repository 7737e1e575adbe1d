package org.optlab.experiment;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.optlab.engine.Numerics;
import org.optlab.experiment.ExperimentDocument.OptimizerResult;

/**
 * What "Run again" on a saved experiment finds, in one sentence: every number bit-identical to the saved run; or, when
 * the saved run was computed by another version of the engine's arithmetic ({@link Numerics}), that the numbers differ
 * in their last digits and by how much (the largest relative difference |a − b| / max(|a|, |b|) of the recorded losses
 * and of the final θ); or, within one version, which run differs (a bug: a run is a pure function of its document).
 */
public final class RerunComparison {

    private RerunComparison() {
    }

    public static String describe(List<OptimizerResult> saved, List<OptimizerResult> again) {
        if (saved == null) {
            return "ran again; the saved document had no results to compare with";
        }
        String differing = null;
        boolean sameCourse = true;
        int savedVersion = Numerics.VERSION;
        double lossDifference = 0;
        double thetaDifference = 0;
        for (int i = 0; i < saved.size(); i++) {
            OptimizerResult a = saved.get(i);
            OptimizerResult b = again.get(i);
            if (a.numericsVersion() != b.numericsVersion()) {
                savedVersion = a.numericsVersion();
            }
            boolean identical = Arrays.equals(a.steps(), b.steps()) && Arrays.equals(a.loss(), b.loss())
                    && Arrays.deepEquals(a.path(), b.path()) && a.status().equals(b.status());
            if (!identical && differing == null) {
                differing = a.label();
            }
            if (!Arrays.equals(a.steps(), b.steps()) || !a.status().equals(b.status())) {
                sameCourse = false;
            } else {
                lossDifference = Math.max(lossDifference, relativeDifference(a.loss(), b.loss()));
                thetaDifference = Math.max(thetaDifference, relativeDifference(a.theta(), b.theta()));
            }
        }
        if (differing == null) {
            return "ran again: every loss and path is bit-identical to the saved run ✓";
        }
        if (savedVersion != Numerics.VERSION) {
            String how = sameCourse
                    ? String.format(Locale.ROOT, "the recorded losses by at most %.1e relative, the final θ by at most "
                            + "%.1e", lossDifference, thetaDifference)
                    : "a run ended differently or recorded other steps";
            return "ran again with the engine's numerics version " + Numerics.VERSION + "; the saved run was computed "
                    + "with version " + savedVersion + ", whose sums, exp, log and tanh differ in the last bit, so the "
                    + "numbers are not bit-identical: they differ in the last digits, " + how;
        }
        return "ran again: " + differing + " differs from the saved run";
    }

    /** max over i of |a_i − b_i| / max(|a_i|, |b_i|) (0 where both are equal, also both infinite or NaN). */
    static double relativeDifference(double[] a, double[] b) {
        if (a == null || b == null) {
            return 0;
        }
        double max = 0;
        for (int i = 0; i < Math.min(a.length, b.length); i++) {
            if (Double.compare(a[i], b[i]) == 0 || a[i] == b[i]) {
                continue;
            }
            double scale = Math.max(Math.abs(a[i]), Math.abs(b[i]));
            double d = Math.abs(a[i] - b[i]) / scale;
            max = Math.max(max, Double.isNaN(d) ? Double.POSITIVE_INFINITY : d);
        }
        if (a.length != b.length) {
            return Double.POSITIVE_INFINITY;
        }
        return max;
    }
}

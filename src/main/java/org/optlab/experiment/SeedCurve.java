package org.optlab.experiment;

import org.optlab.engine.RunStatus;

/**
 * One run of a seeds experiment: optimizer {@code optimizer} of the document with seed {@code seed} (the
 * {@code seedIndex}-th seed), its recorded loss curve and how it ended.
 *
 * @param optimizer the optimizer's index in the document
 * @param seedIndex i, the run's place among the seeds (seed = the document's seed + i)
 * @param seed      the seed the run used
 * @param status    how the run ended, as the engine reports it
 * @param message   why, in the engine's words ("diverged at step 13: ...")
 * @param steps     the recorded steps, step 0 first
 * @param loss      the loss at those steps (after a divergence the curve ends at the last finite loss)
 */
public record SeedCurve(int optimizer, int seedIndex, long seed, RunStatus status, String message, long[] steps,
                        double[] loss) {

    /** The loss at the last recorded step (for a divergence, the last finite one); NaN if none. */
    public double finalLoss() {
        return loss.length == 0 ? Double.NaN : loss[loss.length - 1];
    }

    /** The last recorded step; −1 if none. */
    public long lastStep() {
        return steps.length == 0 ? -1 : steps[steps.length - 1];
    }

    public boolean diverged() {
        return status == RunStatus.DIVERGED;
    }
}

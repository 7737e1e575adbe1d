package org.optlab.engine;

/**
 * How long a run goes and what it records.
 *
 * @param steps             the update budget
 * @param recordEvery       the loss (and θ on 2-D problems) is recorded at step 0, every {@code recordEvery} updates and
 *                          at the last step
 * @param targetLoss        stop rule: converged when the recorded loss ≤ this; NaN for none
 * @param gradientTolerance stop rule: converged when ‖∇J(θ)‖ ≤ this at a recorded step; NaN for none
 */
public record RunSettings(long steps, int recordEvery, double targetLoss, double gradientTolerance) {

    /** At most this many warnings are kept per run; further ones are counted. */
    public static final int MAX_WARNINGS = 200;

    public RunSettings {
        if (steps < 0 || recordEvery < 1) {
            throw new IllegalArgumentException("steps must be ≥ 0 and recordEvery ≥ 1");
        }
    }

    public static RunSettings of(long steps) {
        return new RunSettings(steps, 1, Double.NaN, Double.NaN);
    }
}

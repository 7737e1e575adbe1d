package org.optlab.experiment;

import org.optlab.engine.function.Quadratic;

/**
 * What a document means when it leaves a value out, each value written once (the lab's form, the presets, the JSON
 * Schema and the README follow these). The algorithms' own defaults (α = 0.9, ρ = 0.9, δ…) are on
 * {@link org.optlab.engine.Algorithm}; {@link Limits} holds the ranges' ends.
 */
public final class Defaults {

    /** The seed of minibatch order, gradient noise, θ₀ and toy data. */
    public static final long SEED = 1;
    /** The batch size m (or the whole training set when it is smaller). */
    public static final int BATCH_SIZE = 32;
    /** The validation share of a dataset. */
    public static final double VALIDATION_FRACTION = 0.2;
    /** Points of a toy dataset. */
    public static final int TOY_POINTS = 500;
    /** Seeds of a seeds section that gives no count (and of the lab's "Run k seeds"). */
    public static final int SEEDS = 5;
    /** Steps of a new experiment in the lab. */
    public static final int STEPS = 2000;

    private Defaults() {
    }

    /** The hidden layer sizes of an MLP: two layers of 16. */
    public static int[] hidden() {
        return new int[] {16, 16};
    }

    /** The quadratic's A when a document gives none: diag(1, 10), condition number 10. */
    public static double[][] quadraticA() {
        return Quadratic.standardA();
    }
}

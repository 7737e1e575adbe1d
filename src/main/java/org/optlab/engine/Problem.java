package org.optlab.engine;

/**
 * What a run minimises: the objective the optimizer sees at each update (a minibatch, or a noisy gradient) and the loss
 * the trainer records (the whole training objective).
 *
 * <p>A problem instance serves one run: it may hold a minibatch sampler or a noise generator whose sequence is part of
 * that run.
 */
public interface Problem {

    /** The number of parameters n. */
    int dimension();

    /** Called before update k (k = 1, 2, ...): select that update's minibatch or noise. */
    void beforeUpdate(long k);

    /** The objective the optimizer sees for the current update. */
    Objective objective();

    /**
     * The recorded loss J(θ) (on all training data, without gradient noise), writing the metrics named by
     * {@link #metricNames()} at the same θ into {@code metrics}.
     */
    double evaluate(double[] theta, double[] metrics);

    /** The exact full gradient ∇J(θ), for the ‖g‖ stop rule. */
    void fullGradient(double[] theta, double[] g);

    /** True when the recorded path θ_k is worth keeping (2-D problems). */
    boolean recordsPath();

    /** The names of the metrics recorded with the loss, e.g. {@code validationLoss}, {@code accuracy}; none by default. */
    default String[] metricNames() {
        return new String[0];
    }

    /** The number of updates in one epoch (one pass over the training set), or 0 when the problem has no data. */
    default long stepsPerEpoch() {
        return 0;
    }
}

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

    /** The recorded loss J(θ) (on all training data, without gradient noise). */
    double loss(double[] theta);

    /** The exact full gradient ∇J(θ), for the ‖g‖ stop rule. */
    void fullGradient(double[] theta, double[] g);

    /** True when the recorded path θ_k is worth keeping (2-D problems). */
    boolean recordsPath();
}

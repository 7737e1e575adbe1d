package org.optlab.engine;

/**
 * A differentiable function J(θ) to minimise, with its exact gradient and Hessian.
 *
 * <p>Implementations write into caller-owned arrays so that the training loop allocates nothing per step.
 * An objective may hold scratch buffers, so one instance serves one run (one thread) at a time.
 */
public interface Objective {

    /** The number of parameters n, the length of θ. */
    int dimension();

    /** J(θ). */
    double value(double[] theta);

    /** Writes ∇J(θ) into {@code g} (length n). */
    void gradient(double[] theta, double[] g);

    /** Writes the Hessian ∇²J(θ) into {@code h}, row-major, length n·n. */
    void hessian(double[] theta, double[] h);
}

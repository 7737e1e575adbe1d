package org.optlab.engine;

/**
 * Algorithm 8.1, stochastic gradient descent (SGD) update at training iteration k.
 *
 * <pre>
 * Require: Learning rate schedule ε₁, ε₂, …
 * Require: Initial parameter θ
 *   k ← 1
 *   while stopping criterion not met do
 *     Sample a minibatch of m examples from the training set {x⁽¹⁾, …, x⁽ᵐ⁾} with corresponding targets y⁽ⁱ⁾.
 *     Compute gradient estimate: ĝ ← (1/m) ∇_θ Σᵢ L(f(x⁽ⁱ⁾; θ), y⁽ⁱ⁾)
 *     Apply update: θ ← θ − ε_k ĝ
 *     k ← k + 1
 *   end while
 * </pre>
 *
 * With m = N this is batch gradient descent; with m = 1 it is SGD proper. The trainer samples the minibatch.
 */
public final class Sgd implements Optimizer {

    /** ε_k of each update, and the last k and ε_k for {@link #state()}. */
    private final EpsilonK epsilonK;
    private final double[] g;

    public Sgd(Hyperparameters hp, int n) {
        this.epsilonK = new EpsilonK(hp);
        this.g = new double[n];
    }

    @Override
    public StepOutcome step(double[] theta, Objective J, long k, StepWarnings warnings) {
        double epsilon = epsilonK.at(k);
        J.gradient(theta, g);
        for (int i = 0; i < theta.length; i++) {
            theta[i] = theta[i] - epsilon * g[i];
        }
        return MADE;
    }

    /** g and ε_k of the last step. */
    @Override
    public OptimizerState state() {
        return new OptimizerState.Builder(epsilonK.k()).vector("g", g).scalar("ε_k", epsilonK.last()).build();
    }
}

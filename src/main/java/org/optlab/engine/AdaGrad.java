package org.optlab.engine;

/**
 * Algorithm 8.4, the AdaGrad algorithm.
 *
 * <pre>
 * Require: Global learning rate ε
 * Require: Initial parameter θ
 * Require: Small constant δ, perhaps 10⁻⁷, for numerical stability
 *   Initialize gradient accumulation variable r = 0
 *   while stopping criterion not met do
 *     Sample a minibatch of m examples from the training set {x⁽¹⁾, …, x⁽ᵐ⁾} with corresponding targets y⁽ⁱ⁾.
 *     Compute gradient: g ← (1/m) ∇_θ Σᵢ L(f(x⁽ⁱ⁾; θ), y⁽ⁱ⁾)
 *     Accumulate squared gradient: r ← r + g ⊙ g
 *     Compute update: Δθ ← − ε / (δ + √r) ⊙ g      (division and square root applied element-wise)
 *     Apply update: θ ← θ + Δθ
 *   end while
 * </pre>
 *
 * δ sits outside the square root. With δ = 0, a component whose r is still 0 (its gradient has always been 0) takes a
 * zero step, the convention of Algorithm 8.6.
 */
public final class AdaGrad implements Optimizer {

    /** ε_k of each update, and the last k and ε_k for {@link #state()}. */
    private final EpsilonK epsilonK;
    private final double delta;
    private final double[] g;
    private final double[] r;

    public AdaGrad(Hyperparameters hp, int n) {
        this.epsilonK = new EpsilonK(hp);
        this.delta = hp.delta();
        this.g = new double[n];
        this.r = new double[n];
    }

    @Override
    public StepOutcome step(double[] theta, Objective J, long k, StepWarnings warnings) {
        double epsilon = epsilonK.at(k);
        J.gradient(theta, g);
        for (int i = 0; i < theta.length; i++) {
            r[i] = r[i] + g[i] * g[i];
            if (r[i] == 0) {
                continue;
            }
            double deltaTheta = -epsilon / (delta + Math.sqrt(r[i])) * g[i];
            theta[i] = theta[i] + deltaTheta;
        }
        return MADE;
    }

    /** g, the accumulated r and the effective per-coordinate rate ε/(δ + √r) after the last step. */
    @Override
    public OptimizerState state() {
        double[] rate = new double[r.length];
        for (int i = 0; i < r.length; i++) {
            rate[i] = epsilonK.last() / (delta + Math.sqrt(r[i]));
        }
        return new OptimizerState.Builder(epsilonK.k()).vector("g", g).vector("r", r).vector("ε/(δ+√r)", rate)
                .scalar("ε_k", epsilonK.last()).build();
    }
}

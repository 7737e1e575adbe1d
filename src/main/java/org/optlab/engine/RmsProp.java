package org.optlab.engine;

/**
 * Algorithm 8.5, the RMSProp algorithm.
 *
 * <pre>
 * Require: Global learning rate ε, decay rate ρ
 * Require: Initial parameter θ
 * Require: Small constant δ, usually 10⁻⁶, used to stabilize division by small numbers
 *   Initialize accumulation variables r = 0
 *   while stopping criterion not met do
 *     Sample a minibatch of m examples from the training set {x⁽¹⁾, …, x⁽ᵐ⁾} with corresponding targets y⁽ⁱ⁾.
 *     Compute gradient: g ← (1/m) ∇_θ Σᵢ L(f(x⁽ⁱ⁾; θ), y⁽ⁱ⁾)
 *     Accumulate squared gradient: r ← ρr + (1 − ρ) g ⊙ g
 *     Compute parameter update: Δθ = − ε / √(δ + r) ⊙ g      (1/√(δ + r) applied element-wise)
 *     Apply update: θ ← θ + Δθ
 *   end while
 * </pre>
 *
 * δ sits inside the square root. With δ = 0, a component whose r is 0 takes a zero step, the convention of Algorithm 8.6.
 */
public final class RmsProp implements Optimizer {

    /** ε_k of each update, and the last k and ε_k for {@link #state()}. */
    private final EpsilonK epsilonK;
    private final double rho;
    private final double delta;
    private final double[] g;
    private final double[] r;

    public RmsProp(Hyperparameters hp, int n) {
        this.epsilonK = new EpsilonK(hp);
        this.rho = hp.rho();
        this.delta = hp.delta();
        this.g = new double[n];
        this.r = new double[n];
    }

    @Override
    public StepOutcome step(double[] theta, Objective J, long k, StepWarnings warnings) {
        double epsilon = epsilonK.at(k);
        J.gradient(theta, g);
        for (int i = 0; i < theta.length; i++) {
            r[i] = rho * r[i] + (1 - rho) * g[i] * g[i];
            if (delta + r[i] == 0) {
                continue;
            }
            double deltaTheta = -epsilon / Math.sqrt(delta + r[i]) * g[i];
            theta[i] = theta[i] + deltaTheta;
        }
        return MADE;
    }

    /** g, the moving average r and the effective per-coordinate rate ε/√(δ + r) after the last step. */
    @Override
    public OptimizerState state() {
        double[] rate = new double[r.length];
        for (int i = 0; i < r.length; i++) {
            rate[i] = epsilonK.last() / Math.sqrt(delta + r[i]);
        }
        return new OptimizerState.Builder(epsilonK.k()).vector("g", g).vector("r", r).vector("ε/√(δ+r)", rate)
                .scalar("ε_k", epsilonK.last()).build();
    }
}

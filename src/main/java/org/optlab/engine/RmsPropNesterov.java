package org.optlab.engine;

/**
 * Algorithm 8.6, RMSProp algorithm with Nesterov momentum.
 *
 * <pre>
 * Require: Global learning rate ε, decay rate ρ, momentum coefficient α
 * Require: Initial parameter θ, initial velocity v
 *   Initialize accumulation variable r = 0
 *   while stopping criterion not met do
 *     Sample a minibatch of m examples from the training set {x⁽¹⁾, …, x⁽ᵐ⁾} with corresponding targets y⁽ⁱ⁾.
 *     Compute interim update: θ̃ ← θ + αv
 *     Compute gradient: g ← (1/m) ∇_θ̃ Σᵢ L(f(x⁽ⁱ⁾; θ̃), y⁽ⁱ⁾)
 *     Accumulate gradient: r ← ρr + (1 − ρ) g ⊙ g
 *     Compute velocity update: v ← αv − ε / √r ⊙ g      (1/√r applied element-wise)
 *     Apply update: θ ← θ + v
 *   end while
 * </pre>
 *
 * The box has no δ. Where a component of r is 0 its gradient has always been 0 and ε/√r ⊙ g is 0/0: that component
 * takes a zero step (its velocity decays as αv) instead of producing NaN.
 */
public final class RmsPropNesterov implements Optimizer {

    /** ε_k of each update, and the last k and ε_k for {@link #state()}. */
    private final EpsilonK epsilonK;
    private final double rho;
    private final double alpha;
    private final double[] thetaTilde;
    private final double[] g;
    private final double[] r;
    private final double[] v;

    public RmsPropNesterov(Hyperparameters hp, int n) {
        this.epsilonK = new EpsilonK(hp);
        this.rho = hp.rho();
        this.alpha = hp.momentum();
        this.thetaTilde = new double[n];
        this.g = new double[n];
        this.r = new double[n];
        this.v = new double[n];
    }

    @Override
    public StepOutcome step(double[] theta, Objective J, long k, StepWarnings warnings) {
        double epsilon = epsilonK.at(k);
        Nesterov.interimUpdate(theta, alpha, v, thetaTilde);
        J.gradient(thetaTilde, g);
        for (int i = 0; i < theta.length; i++) {
            r[i] = rho * r[i] + (1 - rho) * g[i] * g[i];
            if (r[i] == 0) {
                v[i] = alpha * v[i];
            } else {
                v[i] = alpha * v[i] - epsilon / Math.sqrt(r[i]) * g[i];
            }
            theta[i] = theta[i] + v[i];
        }
        return MADE;
    }

    /** θ̃, the gradient g taken there, r, the velocity v and the effective rate ε/√r after the last step. */
    @Override
    public OptimizerState state() {
        double[] rate = new double[r.length];
        for (int i = 0; i < r.length; i++) {
            rate[i] = r[i] == 0 ? 0 : epsilonK.last() / Math.sqrt(r[i]);
        }
        return new OptimizerState.Builder(epsilonK.k()).vector("θ̃", thetaTilde).vector("g", g).vector("r", r)
                .vector("v", v).vector("ε/√r", rate).scalar("ε_k", epsilonK.last()).build();
    }
}

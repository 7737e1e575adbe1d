package org.optlab.engine;

/**
 * Algorithm 8.2, stochastic gradient descent (SGD) with momentum.
 *
 * <pre>
 * Require: Learning rate ε, momentum parameter α
 * Require: Initial parameter θ, initial velocity v
 *   while stopping criterion not met do
 *     Sample a minibatch of m examples from the training set {x⁽¹⁾, …, x⁽ᵐ⁾} with corresponding targets y⁽ⁱ⁾.
 *     Compute gradient estimate: g ← (1/m) ∇_θ Σᵢ L(f(x⁽ⁱ⁾; θ), y⁽ⁱ⁾)
 *     Compute velocity update: v ← αv − εg
 *     Apply update: θ ← θ + v
 *   end while
 * </pre>
 *
 * The velocity starts at v = 0.
 */
public final class Momentum implements Optimizer {

    /** ε_k of each update, and the last k and ε_k for {@link #state()}. */
    private final EpsilonK epsilonK;
    private final double alpha;
    private final double[] g;
    private final double[] v;

    public Momentum(Hyperparameters hp, int n) {
        this.epsilonK = new EpsilonK(hp);
        this.alpha = hp.momentum();
        this.g = new double[n];
        this.v = new double[n];
    }

    @Override
    public StepOutcome step(double[] theta, Objective J, long k, StepWarnings warnings) {
        double epsilon = epsilonK.at(k);
        J.gradient(theta, g);
        velocityUpdate(theta, v, alpha, epsilon, g);
        return MADE;
    }

    /** Compute velocity update: v ← αv − εg; apply update: θ ← θ + v (the last two lines of Algorithms 8.2 and 8.3). */
    static void velocityUpdate(double[] theta, double[] v, double alpha, double epsilon, double[] g) {
        for (int i = 0; i < theta.length; i++) {
            v[i] = alpha * v[i] - epsilon * g[i];
            theta[i] = theta[i] + v[i];
        }
    }

    /** g, the velocity v and ε_k of the last step. */
    @Override
    public OptimizerState state() {
        return new OptimizerState.Builder(epsilonK.k()).vector("g", g).vector("v", v).scalar("ε_k", epsilonK.last()).build();
    }
}

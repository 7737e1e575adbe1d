package org.optlab.engine;

/**
 * Algorithm 8.3, stochastic gradient descent (SGD) with Nesterov momentum.
 *
 * <pre>
 * Require: Learning rate ε, momentum parameter α
 * Require: Initial parameter θ, initial velocity v
 *   while stopping criterion not met do
 *     Sample a minibatch of m examples from the training set {x⁽¹⁾, …, x⁽ᵐ⁾} with corresponding labels y⁽ⁱ⁾.
 *     Apply interim update: θ̃ ← θ + αv
 *     Compute gradient (at interim point): g ← (1/m) ∇_θ̃ Σᵢ L(f(x⁽ⁱ⁾; θ̃), y⁽ⁱ⁾)
 *     Compute velocity update: v ← αv − εg
 *     Apply update: θ ← θ + v
 *   end while
 * </pre>
 *
 * The velocity starts at v = 0.
 */
public final class Nesterov implements Optimizer {

    /** ε_k of each update, and the last k and ε_k for {@link #state()}. */
    private final EpsilonK epsilonK;
    private final double alpha;
    private final double[] thetaTilde;
    private final double[] g;
    private final double[] v;

    public Nesterov(Hyperparameters hp, int n) {
        this.epsilonK = new EpsilonK(hp);
        this.alpha = hp.momentum();
        this.thetaTilde = new double[n];
        this.g = new double[n];
        this.v = new double[n];
    }

    @Override
    public StepOutcome step(double[] theta, Objective J, long k, StepWarnings warnings) {
        double epsilon = epsilonK.at(k);
        interimUpdate(theta, alpha, v, thetaTilde);
        J.gradient(thetaTilde, g); // the gradient at the interim point: the one difference from Algorithm 8.2
        Momentum.velocityUpdate(theta, v, alpha, epsilon, g);
        return MADE;
    }

    /** Apply interim update: θ̃ ← θ + αv (Algorithms 8.3 and 8.6). */
    static void interimUpdate(double[] theta, double alpha, double[] v, double[] thetaTilde) {
        for (int i = 0; i < theta.length; i++) {
            thetaTilde[i] = theta[i] + alpha * v[i];
        }
    }

    /** The interim point θ̃ = θ + αv, the gradient g taken there, the velocity v and ε_k of the last step. */
    @Override
    public OptimizerState state() {
        return new OptimizerState.Builder(epsilonK.k()).vector("θ̃", thetaTilde).vector("g", g).vector("v", v)
                .scalar("ε_k", epsilonK.last()).build();
    }
}

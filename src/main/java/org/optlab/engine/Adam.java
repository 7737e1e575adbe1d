package org.optlab.engine;

/**
 * Algorithm 8.7, the Adam algorithm.
 *
 * <pre>
 * Require: Step size ε (suggested default: 0.001)
 * Require: Exponential decay rates for moment estimates, ρ₁ and ρ₂ in [0, 1). (Suggested defaults: 0.9 and 0.999 respectively)
 * Require: Small constant δ used for numerical stabilization (suggested default: 10⁻⁸)
 * Require: Initial parameters θ
 *   Initialize 1st and 2nd moment variables s = 0, r = 0
 *   Initialize time step t = 0
 *   while stopping criterion not met do
 *     Sample a minibatch of m examples from the training set {x⁽¹⁾, …, x⁽ᵐ⁾} with corresponding targets y⁽ⁱ⁾.
 *     Compute gradient: g ← (1/m) ∇_θ Σᵢ L(f(x⁽ⁱ⁾; θ), y⁽ⁱ⁾)
 *     t ← t + 1
 *     Update biased first moment estimate: s ← ρ₁s + (1 − ρ₁) g
 *     Update biased second moment estimate: r ← ρ₂r + (1 − ρ₂) g ⊙ g
 *     Correct bias in first moment: ŝ ← s / (1 − ρ₁ᵗ)
 *     Correct bias in second moment: r̂ ← r / (1 − ρ₂ᵗ)
 *     Compute update: Δθ = − ε ŝ / (√r̂ + δ)      (operations applied element-wise)
 *     Apply update: θ ← θ + Δθ
 *   end while
 * </pre>
 *
 * δ sits outside the square root, as in the book and in Kingma and Ba's paper (the slide's typesetting puts it inside).
 * With {@link Hyperparameters#biasCorrection()} off, lines 7–8 are skipped (ŝ = s, r̂ = r): the first step is then
 * ε (1 − ρ₁) / √(1 − ρ₂) per component, about 3.16 ε with the defaults, where the corrected one is ε.
 * With δ = 0, a component whose r̂ is 0 takes a zero step, the convention of Algorithm 8.6.
 */
public final class Adam implements Optimizer {

    /** ε_k of each update, and the last k and ε_k for {@link #state()}. */
    private final EpsilonK epsilonK;
    private final double rho1;
    private final double rho2;
    private final double delta;
    private final boolean biasCorrection;
    private final double[] g;
    private final double[] s;
    private final double[] r;
    /**
     * The box's time step t, kept as what the box reads it for, ρ₁ᵗ and ρ₂ᵗ in the bias correction (lines 7–8):
     * t = 0 makes both 1, and t ← t + 1 multiplies them by ρ₁ and ρ₂.
     */
    private double rho1PowT = 1;
    private double rho2PowT = 1;

    public Adam(Hyperparameters hp, int n) {
        this.epsilonK = new EpsilonK(hp);
        this.rho1 = hp.rho1();
        this.rho2 = hp.rho2();
        this.delta = hp.delta();
        this.biasCorrection = hp.biasCorrection();
        this.g = new double[n];
        this.s = new double[n];
        this.r = new double[n];
    }

    @Override
    public StepOutcome step(double[] theta, Objective J, long k, StepWarnings warnings) {
        double epsilon = epsilonK.at(k);
        J.gradient(theta, g);
        // t ← t + 1
        rho1PowT = rho1PowT * rho1;
        rho2PowT = rho2PowT * rho2;
        for (int i = 0; i < theta.length; i++) {
            s[i] = rho1 * s[i] + (1 - rho1) * g[i];
            r[i] = rho2 * r[i] + (1 - rho2) * g[i] * g[i];
            double sHat = biasCorrection ? s[i] / (1 - rho1PowT) : s[i];
            double rHat = biasCorrection ? r[i] / (1 - rho2PowT) : r[i];
            if (rHat == 0 && delta == 0) {
                continue;
            }
            double deltaTheta = -epsilon * sHat / (Math.sqrt(rHat) + delta);
            theta[i] = theta[i] + deltaTheta;
        }
        return MADE;
    }

    /**
     * g, the moments s and r, their bias-corrected ŝ and r̂ (equal to s and r with the correction off) and the two
     * correction factors 1/(1 − ρ₁ᵗ) and 1/(1 − ρ₂ᵗ) after the last step.
     */
    @Override
    public OptimizerState state() {
        double c1 = !biasCorrection ? 1 : epsilonK.k() == 0 ? Double.NaN : 1 / (1 - rho1PowT);
        double c2 = !biasCorrection ? 1 : epsilonK.k() == 0 ? Double.NaN : 1 / (1 - rho2PowT);
        double[] sHat = new double[s.length];
        double[] rHat = new double[r.length];
        for (int i = 0; i < s.length; i++) {
            sHat[i] = s[i] * c1;
            rHat[i] = r[i] * c2;
        }
        return new OptimizerState.Builder(epsilonK.k()).vector("g", g).vector("s", s).vector("r", r).vector("ŝ", sHat)
                .vector("r̂", rHat).scalar("1/(1−ρ₁ᵗ)", c1).scalar("1/(1−ρ₂ᵗ)", c2).scalar("ε_k", epsilonK.last()).build();
    }
}

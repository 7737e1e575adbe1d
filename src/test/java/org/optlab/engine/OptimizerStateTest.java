package org.optlab.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.optlab.engine.function.Quadratic;

/**
 * What each optimizer remembers, read through its state snapshot, shows the lecture's claims about it. The expected
 * numbers are worked out by hand from the boxes, not read from the classes.
 */
class OptimizerStateTest {

    /** J(θ) = cᵀθ: the gradient is c everywhere, so every accumulator has a closed form. */
    private static final Objective CONSTANT_GRADIENT = new Objective() {
        @Override
        public int dimension() {
            return 2;
        }

        @Override
        public double value(double[] theta) {
            return 2 * theta[0] - 0.5 * theta[1];
        }

        @Override
        public void gradient(double[] theta, double[] g) {
            g[0] = 2;
            g[1] = -0.5;
        }

        @Override
        public void hessian(double[] theta, double[] h) {
            java.util.Arrays.fill(h, 0);
        }
    };

    /** Warnings are not what these tests look at. */
    private static final StepWarnings IGNORE = (kind, message) -> { };

    private static Hyperparameters hp(double epsilon, double alpha, double rho, double delta) {
        return new Hyperparameters(epsilon, alpha, rho, 0.9, 0.999, delta, LearningRateSchedule.CONSTANT);
    }

    private static OptimizerState after(Optimizer o, Objective J, double[] theta, int steps) {
        for (int k = 1; k <= steps; k++) {
            o.step(theta, J, k, IGNORE);
        }
        return o.state();
    }

    @Test
    void adaGradsEffectiveRateFallsLikeOneOverRootTWhileRmsPropsLevelsOff() {
        // AdaGrad: r_t = t g², so ε/(δ + √r) = ε/(δ + √t |g|): four times the steps, half the rate
        double[] a25 = after(new AdaGrad(hp(0.1, 0, 0, 0), 2), CONSTANT_GRADIENT, new double[2], 25).vector("ε/(δ+√r)");
        double[] a100 = after(new AdaGrad(hp(0.1, 0, 0, 0), 2), CONSTANT_GRADIENT, new double[2], 100).vector("ε/(δ+√r)");
        assertEquals(0.1 / (5 * 2), a25[0], 1e-15);
        assertEquals(0.5, a100[0] / a25[0], 1e-12);
        assertEquals(0.5, a100[1] / a25[1], 1e-12);
        // RMSProp: r_t = (1 − ρᵗ) g², so ε/√(δ + r) tends to ε/|g|; by step 100 with ρ = 0.9 it is there within 1e-4
        double[] r100 = after(new RmsProp(hp(0.1, 0, 0.9, 0), 2), CONSTANT_GRADIENT, new double[2], 100).vector("ε/√(δ+r)");
        double[] r200 = after(new RmsProp(hp(0.1, 0, 0.9, 0), 2), CONSTANT_GRADIENT, new double[2], 200).vector("ε/√(δ+r)");
        assertEquals(0.1 / 2, r100[0], 1e-5);
        assertEquals(0.1 / 0.5, r200[1], 1e-9);
        assertEquals(1, r200[0] / r100[0], 1e-4);
    }

    @Test
    void adamsBiasCorrectionIsTenAtStepOneAndNearOneAtStepHundred() {
        OptimizerState one = after(new Adam(hp(0.001, 0, 0, 1e-8), 2), CONSTANT_GRADIENT, new double[2], 1);
        assertEquals(1, one.step());
        assertEquals(10, one.scalar("1/(1−ρ₁ᵗ)"), 1e-12);           // 1/(1 − 0.9)
        assertEquals(1000, one.scalar("1/(1−ρ₂ᵗ)"), 1e-9);          // 1/(1 − 0.999)
        // s = (1 − ρ₁) g, so ŝ = g: the correction undoes the bias towards 0 at once
        assertArrayEquals(new double[] {0.2, -0.05}, one.vector("s"), 1e-15);
        assertArrayEquals(new double[] {2, -0.5}, one.vector("ŝ"), 1e-14);
        OptimizerState hundred = after(new Adam(hp(0.001, 0, 0, 1e-8), 2), CONSTANT_GRADIENT, new double[2], 100);
        assertEquals(1 / (1 - Math.pow(0.9, 100)), hundred.scalar("1/(1−ρ₁ᵗ)"), 1e-12);
        assertTrue(hundred.scalar("1/(1−ρ₁ᵗ)") - 1 < 3e-5);
        Hyperparameters off = new Hyperparameters(0.001, 0, 0, 0.9, 0.999, 1e-8, LearningRateSchedule.CONSTANT, false);
        OptimizerState uncorrected = after(new Adam(off, 2), CONSTANT_GRADIENT, new double[2], 1);
        assertEquals(1, uncorrected.scalar("1/(1−ρ₁ᵗ)"));
        assertArrayEquals(uncorrected.vector("s"), uncorrected.vector("ŝ"));
    }

    @Test
    void nesterovsGradientIsTakenAtTheInterimPoint() {
        // on J = ½θᵀ diag(1, 10) θ from (1, 1), ε = 0.1, α = 0.5
        Quadratic J = new Quadratic(new double[][] {{1, 0}, {0, 10}}, new double[] {0, 0});
        Nesterov n = new Nesterov(hp(0.1, 0.5, 0, 0), 2);
        double[] theta = {1, 1};
        n.step(theta, J, 1, IGNORE);
        // step 1: v = 0, so θ̃ = θ₀ = (1, 1), g = (1, 10), v = −ε g = (−0.1, −1), θ = (0.9, 0)
        OptimizerState s1 = n.state();
        assertArrayEquals(new double[] {1, 1}, s1.vector("θ̃"), 1e-15);
        assertArrayEquals(new double[] {-0.1, -1}, s1.vector("v"), 1e-15);
        n.step(theta, J, 2, IGNORE);
        // step 2: θ̃ = θ + αv = (0.9 − 0.05, 0 − 0.5) = (0.85, −0.5), g = (0.85, −5)
        OptimizerState s2 = n.state();
        assertArrayEquals(new double[] {0.85, -0.5}, s2.vector("θ̃"), 1e-15);
        assertArrayEquals(new double[] {0.85, -5}, s2.vector("g"), 1e-14);
    }

    @Test
    void newtonReportsTheHessiansEigenvaluesAndConditionNumber() {
        Quadratic J = new Quadratic(new double[][] {{1, 0}, {0, 10}}, new double[] {0, 0});
        OptimizerState s = after(new Newton(2), J, new double[] {1, 1}, 1);
        assertArrayEquals(new double[] {1, 10}, s.vector("λ(H)"), 1e-12);
        assertEquals(10, s.scalar("κ(H)"), 1e-12);
        assertArrayEquals(new double[] {-1, -1}, s.vector("Δθ"), 1e-12, "one Newton step reaches the minimum");
        OptimizerState damped = after(new DampedNewton(2), J, new double[] {1, 1}, 1);
        assertEquals(0, damped.scalar("shift λ"), "a positive definite H needs no shift");
        assertEquals(1, damped.scalar("t"), "and the full step passes the line search");
        assertEquals(0, damped.scalar("halvings"));
    }

    @Test
    void aSnapshotIsACopyAndTakingOneChangesNoStep() {
        Momentum m = new Momentum(hp(0.1, 0.9, 0, 0), 2);
        double[] theta = {1, 1};
        m.step(theta, CONSTANT_GRADIENT, 1, IGNORE);
        OptimizerState s = m.state();
        s.vectors().get("v")[0] = 99;                    // the map's arrays are copies too
        s.vector("v")[1] = 99;
        assertArrayEquals(new double[] {-0.2, 0.05}, m.state().vector("v"), 1e-15);
        Momentum watched = new Momentum(hp(0.1, 0.9, 0, 0), 2);
        Momentum unwatched = new Momentum(hp(0.1, 0.9, 0, 0), 2);
        double[] a = {1, 1};
        double[] b = {1, 1};
        for (int k = 1; k <= 50; k++) {
            watched.step(a, CONSTANT_GRADIENT, k, IGNORE);
            watched.state();
            unwatched.step(b, CONSTANT_GRADIENT, k, IGNORE);
        }
        assertArrayEquals(b, a, 0.0, "bit for bit the same path");
    }
}

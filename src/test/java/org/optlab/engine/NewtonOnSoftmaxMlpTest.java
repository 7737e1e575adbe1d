package org.optlab.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.optlab.engine.model.Activation;
import org.optlab.engine.model.DataProblem;
import org.optlab.engine.model.Examples;
import org.optlab.engine.model.Mlp;
import org.optlab.engine.model.OutputLoss;

/**
 * Issue #15, item 5: on an MLP with a softmax output, shifting all output biases together changes no probability, so the
 * Hessian is exactly singular. Pure Newton must say so (and not step), damped Newton must step without moving that shift.
 */
class NewtonOnSoftmaxMlpTest {

    /**
     * A 2-4-3 tanh MLP, 60 points of three classes around the corners of a triangle, θ₀ twice a Glorot draw. With the
     * central-difference Hessian the MLP had before, |λ|min / |λ|max came out 1.04·10⁻¹² here, just above Newton's
     * threshold: the step was made and moved the mean of the output biases by −6.1.
     */
    static final int[] SIZES = {2, 4, 3};
    static final int N = 60;

    static Examples data() {
        Random r = new Random(17);
        double[] x = new double[2 * N];
        int[] labels = new int[N];
        for (int i = 0; i < N; i++) {
            labels[i] = i % 3;
            double angle = 2 * Math.PI * labels[i] / 3;
            x[2 * i] = Math.cos(angle) + 0.8 * r.nextGaussian();
            x[2 * i + 1] = Math.sin(angle) + 0.8 * r.nextGaussian();
        }
        return Examples.classification(2, x, labels, 3);
    }

    static Mlp mlp() {
        return new Mlp(SIZES, Activation.TANH, OutputLoss.SOFTMAX_CROSS_ENTROPY, 0);
    }

    static double[] theta0(Mlp mlp) {
        double[] theta = new double[mlp.parameterCount()];
        mlp.initialize(theta, true, new Random(4));
        int n = theta.length;
        for (int i = 0; i < n; i++) {
            theta[i] *= 2;
        }
        theta[n - 3] = -0.3;
        theta[n - 2] = 0;
        theta[n - 1] = 0.3;
        return theta;
    }

    /** The common shift of the output biases, their sum (the component of θ along the null direction u, times 3). */
    static double outputBiasSum(double[] theta) {
        int n = theta.length;
        return theta[n - 3] + theta[n - 2] + theta[n - 1];
    }

    static Trainer trainer(Optimizer optimizer, long steps) {
        Mlp mlp = mlp();
        DataProblem problem = new DataProblem(mlp, data(), null, N, 1);
        return new Trainer(problem, optimizer, theta0(mlp), RunSettings.of(steps), RunListener.NONE);
    }

    @Test
    void pureNewtonReportsTheSingularHessianAndDoesNotStep() {
        Mlp mlp = mlp();
        int n = mlp.parameterCount();
        Trainer t = trainer(new Newton(n), 5);
        RunResult r = t.runToEnd();
        assertEquals(RunStatus.SINGULAR_HESSIAN, r.status(), r.message());
        assertEquals(0, t.step(), "no update was made");
        assertArrayEquals(theta0(mlp), r.theta(), 0.0, "θ stays at θ₀: no step of about 3 along the output biases");
        assertEquals(1, r.warnings().size(), r.warnings().toString());
        Warning w = r.warnings().get(0);
        assertEquals("singular-hessian", w.kind());
        assertEquals(1, w.step(), "update 1 is the one that could not be made, from θ₀");
        OptimizerState s = t.optimizerState();
        double[] lambda = s.vector("λ(H)");
        double largest = Math.max(Math.abs(lambda[0]), Math.abs(lambda[n - 1]));
        double smallest = Double.POSITIVE_INFINITY;
        for (double l : lambda) {
            smallest = Math.min(smallest, Math.abs(l));
        }
        assertTrue(smallest <= Newton.SINGULAR_RATIO * largest, "|λ|min " + smallest + ", |λ|max " + largest);
        assertTrue(s.scalar("κ(H)") >= 1e12, "κ(H) = " + s.scalar("κ(H)"));
        assertArrayEquals(new double[n], s.vector("Δθ"), 0.0, "no step was made");
    }

    @Test
    void dampedNewtonStepsWithoutMovingTheCommonShiftOfTheOutputBiases() {
        Mlp mlp = mlp();
        int n = mlp.parameterCount();
        double[] start = theta0(mlp);
        Trainer t = trainer(new DampedNewton(n), 5);
        RunResult r = t.runToEnd();
        assertEquals(RunStatus.COMPLETED, r.status(), r.message());
        assertTrue(r.loss()[5] < 0.9 * r.loss()[0], "it trains: " + r.loss()[0] + " → " + r.loss()[5]);
        double moved = 0;
        for (int i = n - 3; i < n; i++) {
            moved = Math.max(moved, Math.abs(r.theta()[i] - start[i]));
        }
        assertTrue(moved > 1e-2, "the output biases do move, relative to each other: " + moved);
        // along u the gradient is 0 (Σ_c (p_c − y_c) = 0) and the shifted H + λI is invertible, so d has no component there
        assertEquals(outputBiasSum(start), outputBiasSum(r.theta()), 1e-9, "the common shift stays");
        assertTrue(r.warnings().stream().anyMatch(w -> w.kind().equals("singular-hessian") && w.step() == 1),
                r.warnings().toString());
        assertTrue(t.optimizerState().scalar("shift λ") > 0, "a singular H needs a shift");
    }
}

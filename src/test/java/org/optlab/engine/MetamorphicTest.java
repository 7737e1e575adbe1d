package org.optlab.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.optlab.engine.function.Quadratic;
import org.optlab.engine.function.Rosenbrock;
import org.optlab.engine.function.TestFunction;
import org.optlab.engine.function.TestFunctions;

/** Relations that must hold between runs, whatever the exact numbers. */
class MetamorphicTest {

    static Hyperparameters hp(Algorithm a, double epsilon) {
        return new Hyperparameters(epsilon, a.defaultValue(Algorithm.Hyper.MOMENTUM), a.defaultValue(Algorithm.Hyper.RHO),
                a.defaultValue(Algorithm.Hyper.RHO1), a.defaultValue(Algorithm.Hyper.RHO2),
                a.defaultValue(Algorithm.Hyper.DELTA), LearningRateSchedule.CONSTANT);
    }

    static RunResult run(TestFunction f, Algorithm a, double epsilon, double[] start, long steps) {
        Problem p = new FunctionProblem(f, 0, 1);
        return new Trainer(p, a.create(hp(a, epsilon), 2), start, RunSettings.of(steps), RunListener.NONE).runToEnd();
    }

    /** c·f scaled exactly by a power of two. */
    static TestFunction scaled(TestFunction f, double c) {
        return new TestFunction() {
            public String id() { return f.id(); }
            public String formula() { return c + "·" + f.formula(); }
            public Domain domain() { return f.domain(); }
            public double[] defaultStart() { return f.defaultStart(); }
            public java.util.List<CriticalPoint> criticalPoints() { return f.criticalPoints(); }
            public double f(double x, double y) { return c * f.f(x, y); }
            public void gradient(double x, double y, double[] g) {
                f.gradient(x, y, g);
                g[0] *= c;
                g[1] *= c;
            }
            public void hessian(double x, double y, double[] h) {
                f.hessian(x, y, h);
                for (int i = 0; i < 4; i++) {
                    h[i] *= c;
                }
            }
        };
    }

    @ParameterizedTest
    @CsvSource({"sgd,4", "sgd,0.25", "momentum,8", "momentum,0.5", "nesterov,2", "nesterov,0.125"})
    void trajectoryOnCTimesFWithEpsilonOverCIsBitwiseTheSame(String id, double c) {
        Algorithm a = Algorithm.byId(id);
        TestFunction f = new Rosenbrock();
        double epsilon = 1e-4;
        RunResult plain = run(f, a, epsilon, new double[] {-2, 2}, 500);
        RunResult scaled = run(scaled(f, c), a, epsilon / c, new double[] {-2, 2}, 500);
        assertEquals(plain.path().length, scaled.path().length);
        for (int k = 0; k < plain.path().length; k++) {
            assertArrayEquals(plain.path()[k], scaled.path()[k], 0.0, id + " step " + k);
        }
    }

    @ParameterizedTest
    @EnumSource(Algorithm.class)
    void swappingXAndYSwapsThePath(Algorithm a) {
        // f(x, y) = ½(x² + 10y²) and its mirror ½(10x² + y²).
        Quadratic f = new Quadratic(new double[][] {{1, 0}, {0, 10}}, new double[] {0.5, -0.25});
        Quadratic mirror = new Quadratic(new double[][] {{10, 0}, {0, 1}}, new double[] {-0.25, 0.5});
        RunResult r = run(f, a, 0.05, new double[] {1.5, -0.7}, 200);
        RunResult m = run(mirror, a, 0.05, new double[] {-0.7, 1.5}, 200);
        assertEquals(r.path().length, m.path().length);
        for (int k = 0; k < r.path().length; k++) {
            assertEquals(r.path()[k][0], m.path()[k][1], 0.0, a + " step " + k);
            assertEquals(r.path()[k][1], m.path()[k][0], 0.0, a + " step " + k);
        }
    }

    @ParameterizedTest
    @EnumSource(Algorithm.class)
    void aStartAtAMinimumDoesNotMove(Algorithm a) {
        for (String id : TestFunctions.IDS) {
            TestFunction f = TestFunctions.byId(id);
            for (TestFunction.CriticalPoint p : f.criticalPoints()) {
                double[] start = {p.x(), p.y()};
                double[] g = new double[2];
                f.gradient(start, g);
                if (!p.kind().endsWith("minimum") || g[0] != 0 || g[1] != 0) {
                    continue; // only exact critical points, whose gradient is exactly zero in double
                }
                RunResult r = run(f, a, 0.01, start, 50);
                for (double[] theta : r.path()) {
                    assertArrayEquals(start, theta, 0.0, a + " on " + id + " from " + p);
                }
            }
        }
    }
}

package org.optlab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.optlab.engine.function.Quadratic;
import org.optlab.engine.function.TestFunction;
import org.optlab.engine.function.TestFunctions;

/** Every analytic gradient and Hessian against central finite differences (public formula sources have typos). */
class TestFunctionDerivativesTest {

    static Iterable<String> ids() {
        return TestFunctions.IDS;
    }

    static double relErr(double got, double want) {
        return Math.abs(got - want) / Math.max(1, Math.abs(want));
    }

    @ParameterizedTest
    @MethodSource("ids")
    void gradientAndHessianMatchCentralDifferences(String id) {
        TestFunction f = TestFunctions.byId(id);
        assertNotNull(f);
        assertEquals(id, f.id());
        Random random = new Random(42);
        TestFunction.Domain d = f.domain();
        double[] g = new double[2];
        double[] h = new double[4];
        double[] gPlus = new double[2];
        double[] gMinus = new double[2];
        for (int trial = 0; trial < 50; trial++) {
            double[] theta = {d.xMin() + random.nextDouble() * (d.xMax() - d.xMin()),
                d.yMin() + random.nextDouble() * (d.yMax() - d.yMin())};
            f.gradient(theta, g);
            f.hessian(theta, h);
            assertEquals(h[1], h[2], "Hessian symmetric");
            for (int i = 0; i < 2; i++) {
                double step = 1e-5 * Math.max(1, Math.abs(theta[i]));
                double[] plus = theta.clone();
                double[] minus = theta.clone();
                plus[i] += step;
                minus[i] -= step;
                double fd = (f.value(plus) - f.value(minus)) / (2 * step);
                double scale = Math.max(1, Math.abs(f.value(theta)));
                assertTrue(Math.abs(g[i] - fd) <= 1e-6 * Math.max(scale, Math.abs(fd)),
                        id + " ∂f/∂θ" + i + " at " + Vectors.format(theta) + ": analytic " + g[i] + ", FD " + fd);
                f.gradient(plus, gPlus);
                f.gradient(minus, gMinus);
                for (int j = 0; j < 2; j++) {
                    double fdH = (gPlus[j] - gMinus[j]) / (2 * step);
                    double want = h[i * 2 + j];
                    assertTrue(Math.abs(want - fdH) <= 1e-5 * Math.max(1, Math.max(Math.abs(fdH), maxAbs(h))),
                            id + " H[" + i + "][" + j + "] at " + Vectors.format(theta) + ": analytic " + want + ", FD " + fdH);
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("ids")
    void knownMinimaAreCriticalPointsWithTheRightCurvature(String id) {
        TestFunction f = TestFunctions.byId(id);
        double[] g = new double[2];
        double[] h = new double[4];
        for (TestFunction.CriticalPoint p : f.criticalPoints()) {
            double[] theta = {p.x(), p.y()};
            f.gradient(theta, g);
            double scale = Math.max(1, Math.abs(f.value(theta)));
            assertTrue(Vectors.norm(g) < 1e-6 * scale * 100, id + " ‖g‖ at " + p + " = " + Vectors.norm(g));
            f.hessian(theta, h);
            double det = h[0] * h[3] - h[1] * h[2];
            switch (p.kind()) {
                case "global-minimum", "local-minimum" -> assertTrue(det > 0 && h[0] > 0, id + " minimum " + p);
                case "maximum" -> assertTrue(det > 0 && h[0] < 0, id + " maximum " + p);
                case "saddle" -> assertTrue(det <= 0, id + " saddle " + p);
                default -> throw new AssertionError(p.kind());
            }
            TestFunction.Domain d = f.domain();
            assertTrue(p.x() >= d.xMin() && p.x() <= d.xMax() && p.y() >= d.yMin() && p.y() <= d.yMax(),
                    id + ": " + p + " lies in the plotted domain");
        }
        double[] s = f.defaultStart();
        TestFunction.Domain d = f.domain();
        assertTrue(s[0] >= d.xMin() && s[0] <= d.xMax() && s[1] >= d.yMin() && s[1] <= d.yMax(), id + " start in domain");
    }

    @org.junit.jupiter.api.Test
    void quadraticWithAGeneralAAndB() {
        Quadratic q = new Quadratic(new double[][] {{3, 1}, {1, 2}}, new double[] {1, -1});
        double[] g = new double[2];
        q.gradient(new double[] {0.6, -0.8}, g);
        // A⁻¹b = (0.6, −0.8): the gradient vanishes at the critical point reported.
        assertEquals(0, g[0], 1e-15);
        assertEquals(0, g[1], 1e-15);
        assertEquals(0.6, q.criticalPoints().get(0).x(), 1e-15);
        assertEquals(-0.8, q.criticalPoints().get(0).y(), 1e-15);
        assertEquals("global-minimum", q.criticalPoints().get(0).kind());
    }

    private static double maxAbs(double[] x) {
        double m = 0;
        for (double v : x) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }
}

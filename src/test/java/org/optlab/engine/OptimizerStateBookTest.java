package org.optlab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.optlab.experiment.DocumentReader;
import org.optlab.experiment.ExperimentPlan;

/**
 * Issue #15, "how it is checked": every optimizer's state snapshot against the book's quantities recomputed here.
 *
 * <p>For each golden case on the quadratic Q2 (A = [[3, 1], [1, 2]], b = (1, −1): a coupled, shifted bowl), a plain
 * re-implementation of the lecture's box below, written from the book and sharing no code with the engine, runs from the
 * same start. It is first anchored to the 50-digit golden trajectory (its θ_k at every checkpoint within the golden
 * tolerance), and then each quantity the snapshot names (g, v, θ̃, r, the effective rate, s, r̂, ŝ, the correction factors)
 * is compared with it at steps 1, 2, 3, 10 and 100, to 1e-12 relative. The run under test goes through the same path as
 * the lab: a JSON document, its plan, a trainer, and {@link Trainer#optimizerState()} between updates.
 */
class OptimizerStateBookTest {

    static final int[] INSPECTED = {1, 2, 3, 10, 100};
    static final double TOLERANCE = 1e-12;

    /** What the book's box holds after update k: θ_k and the quantities by the snapshot's symbols. */
    record BookStep(double[] theta, Map<String, double[]> vectors, Map<String, Double> scalars) {
    }

    /** ∇f(θ) = Aθ − b for f(θ) = ½θᵀAθ − bᵀθ. */
    static double[] gradient(double[][] a, double[] b, double[] theta) {
        return new double[] {a[0][0] * theta[0] + a[0][1] * theta[1] - b[0], a[1][0] * theta[0] + a[1][1] * theta[1] - b[1]};
    }

    static double number(JsonNode optimizer, String name) {
        return optimizer.get(name).asDouble();
    }

    /** The lecture's boxes 8.1–8.7, two coordinates, written out plainly; element k of the list is after update k + 1. */
    static List<BookStep> book(JsonNode optimizer, double[][] a, double[] b, double[] start, int steps) {
        String algorithm = optimizer.get("algorithm").asText();
        double eps = number(optimizer, "learningRate");
        double[] theta = start.clone();
        double[] v = new double[2];
        double[] r = new double[2];
        double[] s = new double[2];
        List<BookStep> out = new ArrayList<>();
        for (int t = 1; t <= steps; t++) {
            Map<String, double[]> q = new LinkedHashMap<>();
            Map<String, Double> c = new LinkedHashMap<>();
            switch (algorithm) {
                case "sgd" -> {
                    double[] g = gradient(a, b, theta);
                    theta = new double[] {theta[0] - eps * g[0], theta[1] - eps * g[1]};
                    q.put("g", g);
                }
                case "momentum" -> {
                    double alpha = number(optimizer, "momentum");
                    double[] g = gradient(a, b, theta);
                    v = new double[] {alpha * v[0] - eps * g[0], alpha * v[1] - eps * g[1]};
                    theta = new double[] {theta[0] + v[0], theta[1] + v[1]};
                    q.put("g", g);
                    q.put("v", v);
                }
                case "nesterov" -> {
                    double alpha = number(optimizer, "momentum");
                    double[] interim = {theta[0] + alpha * v[0], theta[1] + alpha * v[1]};
                    double[] g = gradient(a, b, interim);
                    v = new double[] {alpha * v[0] - eps * g[0], alpha * v[1] - eps * g[1]};
                    theta = new double[] {theta[0] + v[0], theta[1] + v[1]};
                    q.put("θ̃", interim);
                    q.put("g", g);
                    q.put("v", v);
                }
                case "adagrad" -> {
                    double delta = number(optimizer, "delta");
                    double[] g = gradient(a, b, theta);
                    r = new double[] {r[0] + g[0] * g[0], r[1] + g[1] * g[1]};
                    double[] rate = {eps / (delta + Math.sqrt(r[0])), eps / (delta + Math.sqrt(r[1]))};
                    theta = new double[] {theta[0] - rate[0] * g[0], theta[1] - rate[1] * g[1]};
                    q.put("g", g);
                    q.put("r", r);
                    q.put("ε/(δ+√r)", rate);
                }
                case "rmsprop" -> {
                    double rho = number(optimizer, "rho");
                    double delta = number(optimizer, "delta");
                    double[] g = gradient(a, b, theta);
                    r = new double[] {rho * r[0] + (1 - rho) * g[0] * g[0], rho * r[1] + (1 - rho) * g[1] * g[1]};
                    double[] rate = {eps / Math.sqrt(delta + r[0]), eps / Math.sqrt(delta + r[1])};
                    theta = new double[] {theta[0] - rate[0] * g[0], theta[1] - rate[1] * g[1]};
                    q.put("g", g);
                    q.put("r", r);
                    q.put("ε/√(δ+r)", rate);
                }
                case "rmsprop-nesterov" -> {
                    double rho = number(optimizer, "rho");
                    double alpha = number(optimizer, "momentum");
                    double[] interim = {theta[0] + alpha * v[0], theta[1] + alpha * v[1]};
                    double[] g = gradient(a, b, interim);
                    r = new double[] {rho * r[0] + (1 - rho) * g[0] * g[0], rho * r[1] + (1 - rho) * g[1] * g[1]};
                    double[] rate = {eps / Math.sqrt(r[0]), eps / Math.sqrt(r[1])};
                    v = new double[] {alpha * v[0] - rate[0] * g[0], alpha * v[1] - rate[1] * g[1]};
                    theta = new double[] {theta[0] + v[0], theta[1] + v[1]};
                    q.put("θ̃", interim);
                    q.put("g", g);
                    q.put("r", r);
                    q.put("v", v);
                    q.put("ε/√r", rate);
                }
                case "adam" -> {
                    double rho1 = number(optimizer, "rho1");
                    double rho2 = number(optimizer, "rho2");
                    double delta = number(optimizer, "delta");
                    double[] g = gradient(a, b, theta);
                    s = new double[] {rho1 * s[0] + (1 - rho1) * g[0], rho1 * s[1] + (1 - rho1) * g[1]};
                    r = new double[] {rho2 * r[0] + (1 - rho2) * g[0] * g[0], rho2 * r[1] + (1 - rho2) * g[1] * g[1]};
                    double[] sHat = {s[0] / (1 - Math.pow(rho1, t)), s[1] / (1 - Math.pow(rho1, t))};
                    double[] rHat = {r[0] / (1 - Math.pow(rho2, t)), r[1] / (1 - Math.pow(rho2, t))};
                    theta = new double[] {theta[0] - eps * sHat[0] / (Math.sqrt(rHat[0]) + delta),
                        theta[1] - eps * sHat[1] / (Math.sqrt(rHat[1]) + delta)};
                    q.put("g", g);
                    q.put("s", s);
                    q.put("r", r);
                    q.put("ŝ", sHat);
                    q.put("r̂", rHat);
                    c.put("1/(1−ρ₁ᵗ)", 1 / (1 - Math.pow(rho1, t)));
                    c.put("1/(1−ρ₂ᵗ)", 1 / (1 - Math.pow(rho2, t)));
                }
                default -> throw new IllegalArgumentException(algorithm);
            }
            c.put("ε_k", eps);
            out.add(new BookStep(theta, q, c));
        }
        return out;
    }

    static void assertClose(double want, double got, String what) {
        assertTrue(Math.abs(got - want) <= TOLERANCE * Math.max(1, Math.abs(want)), what + ": got " + got + ", want " + want);
    }

    static double[][] matrix(JsonNode a) {
        return new double[][] {{a.get(0).get(0).asDouble(), a.get(0).get(1).asDouble()},
            {a.get(1).get(0).asDouble(), a.get(1).get(1).asDouble()}};
    }

    static double[] vector(JsonNode v) {
        return new double[] {v.get(0).asDouble(), v.get(1).asDouble()};
    }

    /** A trainer for the golden case, built from its document as the lab builds one. */
    static Trainer trainer(JsonNode golden, JsonNode c) throws Exception {
        JsonNode problem = golden.get("problems").get(c.get("problem").asText());
        String json = GoldenTrajectoriesTest.document(problem, c.get("start"), c.get("optimizer"), c.get("steps").asLong());
        return ExperimentPlan.prepare(DocumentReader.read(json).document()).trainer(0, RunListener.NONE);
    }

    @TestFactory
    Stream<DynamicTest> everySnapshotHoldsTheBooksQuantitiesOnQ2() throws Exception {
        JsonNode golden = GoldenTrajectoriesTest.golden();
        double goldenTolerance = golden.get("tolerance").get("tol").asDouble();
        JsonNode q2 = golden.get("problems").get("Q2");
        double[][] a = matrix(q2.get("a"));
        double[] b = vector(q2.get("b"));
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : golden.get("cases")) {
            String algorithm = c.get("optimizer").get("algorithm").asText();
            if (!c.get("problem").asText().equals("Q2") || algorithm.equals("newton")) {
                continue;
            }
            tests.add(DynamicTest.dynamicTest(c.get("id").asText(), () -> {
                int steps = c.get("steps").asInt();
                List<BookStep> book = book(c.get("optimizer"), a, b, vector(c.get("start")), steps);
                // the re-implementation is the book's: it lands on the 50-digit trajectory
                c.get("checkpoints").fields().forEachRemaining(e -> {
                    double[] want = vector(e.getValue());
                    double[] got = book.get(Integer.parseInt(e.getKey()) - 1).theta();
                    for (int i = 0; i < 2; i++) {
                        assertTrue(Math.abs(got[i] - want[i]) <= goldenTolerance * Math.max(1, Math.abs(want[i])),
                                "the test's own " + algorithm + " at step " + e.getKey() + ": " + got[i] + " vs golden " + want[i]);
                    }
                });
                Trainer t = trainer(golden, c);
                int checked = 0;
                for (int k : INSPECTED) {
                    t.advance(k - t.step());
                    assertEquals(k, t.step());
                    OptimizerState state = t.optimizerState();
                    BookStep want = book.get(k - 1);
                    assertEquals(k, state.step());
                    assertEquals(want.vectors().keySet(), state.vectors().keySet(), "the symbols of " + algorithm);
                    assertEquals(want.scalars().keySet(), state.scalars().keySet(), "the scalars of " + algorithm);
                    for (var e : want.vectors().entrySet()) {
                        double[] got = state.vector(e.getKey());
                        for (int i = 0; i < 2; i++) {
                            assertClose(e.getValue()[i], got[i], algorithm + " step " + k + " " + e.getKey() + "_" + i);
                            checked++;
                        }
                    }
                    for (var e : want.scalars().entrySet()) {
                        assertClose(e.getValue(), state.scalar(e.getKey()), algorithm + " step " + k + " " + e.getKey());
                    }
                }
                assertTrue(checked >= 2 * INSPECTED.length, "at least g was compared at every inspected step");
            }));
        }
        assertEquals(7, tests.size(), "8.1–8.7 each have a case on Q2");
        return tests.stream();
    }

    @Test
    void adaGradsRIsTheRunningSumOfSquaredGradientsAlongTheGoldenPath() throws Exception {
        // straight from the golden trajectory: r after update 2 is g(θ₀)² + g(θ₁)², θ₁ the book's 50-digit point
        JsonNode golden = GoldenTrajectoriesTest.golden();
        JsonNode c = null;
        for (JsonNode x : golden.get("cases")) {
            if (x.get("id").asText().equals("adagrad_Q2")) {
                c = x;
            }
        }
        JsonNode q2 = golden.get("problems").get("Q2");
        double[][] a = matrix(q2.get("a"));
        double[] b = vector(q2.get("b"));
        double[] g0 = gradient(a, b, vector(c.get("start")));
        double[] g1 = gradient(a, b, vector(c.get("checkpoints").get("1")));
        double[] g2 = gradient(a, b, vector(c.get("checkpoints").get("2")));
        Trainer t = trainer(golden, c);
        t.advance(3);
        double[] r = t.optimizerState().vector("r");
        for (int i = 0; i < 2; i++) {
            double want = g0[i] * g0[i] + g1[i] * g1[i] + g2[i] * g2[i];
            // θ₁, θ₂ are within 1e-12 of the engine's, so the sum agrees to about that, scaled by |g|
            assertEquals(want, r[i], 1e-11 * Math.max(1, want), "r_" + i);
        }
    }

    @Test
    void adamsMomentsAtSteps1And2FromTheGoldenPath() throws Exception {
        JsonNode golden = GoldenTrajectoriesTest.golden();
        JsonNode c = null;
        for (JsonNode x : golden.get("cases")) {
            if (x.get("id").asText().equals("adam_Q2")) {
                c = x;
            }
        }
        JsonNode q2 = golden.get("problems").get("Q2");
        double[][] a = matrix(q2.get("a"));
        double[] b = vector(q2.get("b"));
        double[] g0 = gradient(a, b, vector(c.get("start")));
        double[] g1 = gradient(a, b, vector(c.get("checkpoints").get("1")));
        Trainer t = trainer(golden, c);
        t.advance(1);
        OptimizerState one = t.optimizerState();
        t.advance(1);
        OptimizerState two = t.optimizerState();
        for (int i = 0; i < 2; i++) {
            // step 1: ŝ = (1 − ρ₁)g / (1 − ρ₁) = g and r̂ = g², the bias correction undoing the start at 0 exactly
            assertClose(g0[i], one.vector("ŝ")[i], "ŝ₁");
            assertClose(g0[i] * g0[i], one.vector("r̂")[i], "r̂₁");
            // step 2: ŝ = (0.9·0.1 g₀ + 0.1 g₁) / 0.19, r̂ = (0.999·0.001 g₀² + 0.001 g₁²) / (1 − 0.999²)
            assertClose((0.9 * 0.1 * g0[i] + 0.1 * g1[i]) / (1 - 0.81), two.vector("ŝ")[i], "ŝ₂");
            assertClose((0.999 * 0.001 * g0[i] * g0[i] + 0.001 * g1[i] * g1[i]) / (1 - 0.998001), two.vector("r̂")[i], "r̂₂");
        }
    }

    /** Eigenvalues of the symmetric 2×2 [[p, q], [q, s]], ascending: (p + s)/2 ∓ √(((p − s)/2)² + q²). */
    static double[] eigenvalues(double p, double q, double s) {
        double mean = (p + s) / 2;
        double radius = Math.hypot((p - s) / 2, q);
        return new double[] {mean - radius, mean + radius};
    }

    @Test
    void newtonsEigenvaluesAndConditionNumberOnQ2AndAlongTheGoldenRosenbrockPath() throws Exception {
        JsonNode golden = GoldenTrajectoriesTest.golden();
        for (JsonNode c : golden.get("cases")) {
            String id = c.get("id").asText();
            if (id.equals("newton_Q2")) {
                // A = [[3, 1], [1, 2]]: λ = (5 ∓ √5)/2, κ = (5 + √5)/(5 − √5); one step lands on A⁻¹b, so Δθ = θ₁ − θ₀
                Trainer t = trainer(golden, c);
                t.advance(1);
                OptimizerState s = t.optimizerState();
                assertClose((5 - Math.sqrt(5)) / 2, s.vector("λ(H)")[0], "λ₁");
                assertClose((5 + Math.sqrt(5)) / 2, s.vector("λ(H)")[1], "λ₂");
                assertClose((5 + Math.sqrt(5)) / (5 - Math.sqrt(5)), s.scalar("κ(H)"), "κ");
                double[] start = vector(c.get("start"));
                double[] first = vector(c.get("checkpoints").get("1"));
                for (int i = 0; i < 2; i++) {
                    assertClose(first[i] - start[i], s.vector("Δθ")[i], "Δθ_" + i);
                }
            }
            if (id.equals("newton_ROS")) {
                // update k sees H at θ_{k−1}: ∇²f = [[1200x² − 400y + 2, −400x], [−400x, 200]] for Rosenbrock
                Trainer t = trainer(golden, c);
                double[] previous = vector(c.get("start"));
                for (int k = 1; k <= 4; k++) {
                    t.advance(1);
                    OptimizerState s = t.optimizerState();
                    double x = previous[0];
                    double y = previous[1];
                    double[] want = eigenvalues(1200 * x * x - 400 * y + 2, -400 * x, 200);
                    double[] got = s.vector("λ(H)");
                    // the golden θ and the engine's differ by up to 1e-11 (Newton's tolerance); H's entries are ~10³
                    for (int i = 0; i < 2; i++) {
                        assertEquals(want[i], got[i], 1e-7 * Math.max(1, Math.abs(want[i])), "step " + k + " λ" + i);
                    }
                    double kappa = Math.max(Math.abs(want[0]), Math.abs(want[1])) / Math.min(Math.abs(want[0]), Math.abs(want[1]));
                    assertEquals(kappa, s.scalar("κ(H)"), 1e-7 * kappa, "step " + k + " κ");
                    previous = vector(c.get("checkpoints").get(String.valueOf(k)));
                }
            }
        }
    }

    @Test
    void dampedNewtonsShiftOnAnIndefiniteHessian() {
        // Rosenbrock at (0, 1): H = [[2 − 400, 0], [0, 200]], λ = −398, 200; μ = 10⁻³ · 398, shift = μ − λmin = 398.398
        DampedNewton d = new DampedNewton(2);
        List<String> kinds = new ArrayList<>();
        d.step(new double[] {0, 1}, new org.optlab.engine.function.Rosenbrock(), 1, (kind, message) -> kinds.add(kind));
        OptimizerState s = d.state();
        assertEquals(-398, s.vector("λ(H)")[0], 1e-12);
        assertEquals(200, s.vector("λ(H)")[1], 1e-12);
        assertEquals(0.398 + 398, s.scalar("shift λ"), 1e-12);
        assertEquals(398.0 / 200, s.scalar("κ(H)"), 1e-12);
        assertEquals(Math.pow(2, -s.scalar("halvings")), s.scalar("t"), 0.0, "t = 2^−halvings");
        assertEquals(List.of("indefinite-hessian"), kinds);
    }
}

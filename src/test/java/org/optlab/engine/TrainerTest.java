package org.optlab.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.optlab.engine.function.Quadratic;
import org.optlab.engine.function.Rosenbrock;
import org.optlab.engine.function.Saddle;

class TrainerTest {

    static Hyperparameters sgd(double epsilon, LearningRateSchedule schedule) {
        return new Hyperparameters(epsilon, 0.9, 0.9, 0.9, 0.999, 1e-8, schedule);
    }

    static Trainer trainer(Problem p, Algorithm a, double epsilon, double[] start, RunSettings s, RunListener l) {
        return new Trainer(p, a.create(sgd(epsilon, LearningRateSchedule.CONSTANT), 2), start, s, l);
    }

    @Test
    void recordsStepZeroEveryRecordEveryAndTheLastStep() {
        Trainer t = trainer(new FunctionProblem(Quadratic.standard(), 0, 1), Algorithm.SGD, 0.01, new double[] {1, 1},
                new RunSettings(25, 10, Double.NaN, Double.NaN), RunListener.NONE);
        RunResult r = t.runToEnd();
        assertArrayEquals(new long[] {0, 10, 20, 25}, r.steps());
        assertEquals(RunStatus.COMPLETED, r.status());
        assertEquals(4, r.path().length);
        assertEquals(0.5 * (1 + 10), r.loss()[0]);
    }

    @Test
    void aLongRunKeepsABoundedHistoryWithItsShapeAndIsReproducible() {
        // gradient noise σ = 0.5: a noisy loss whose every extreme is a feature; 200,000 recorded steps
        RunSettings s = new RunSettings(200_000, 1, Double.NaN, Double.NaN);
        RunResult r = trainer(new FunctionProblem(Quadratic.standard(), 0.5, 7), Algorithm.SGD, 0.05, new double[] {1, 1},
                s, RunListener.NONE).runToEnd();
        assertEquals(RunStatus.COMPLETED, r.status());
        assertTrue(r.steps().length <= Trainer.HISTORY_MAX, "bounded: " + r.steps().length);
        assertEquals(0, r.steps()[0]);
        assertEquals(200_000, r.steps()[r.steps().length - 1]);
        assertEquals(r.steps().length, r.loss().length);
        assertEquals(r.steps().length, r.path().length);
        for (int i = 1; i < r.steps().length; i++) {
            assertTrue(r.steps()[i] > r.steps()[i - 1], "steps increase");
        }
        // the extremes of the loss after the first 1000 steps, found by a listener that sees every record
        double[] extremes = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        RunListener watch = new RunListener() {
            @Override
            public void onRecord(long k, double J, double[] theta, double[] values) {
                if (k > 1000) {
                    extremes[0] = Math.min(extremes[0], J);
                    extremes[1] = Math.max(extremes[1], J);
                }
            }
        };
        RunResult again = trainer(new FunctionProblem(Quadratic.standard(), 0.5, 7), Algorithm.SGD, 0.05,
                new double[] {1, 1}, s, watch).runToEnd();
        assertArrayEquals(r.steps(), again.steps(), "the same history on a rerun");
        assertArrayEquals(r.loss(), again.loss());
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < r.steps().length; i++) {
            if (r.steps()[i] > 1000) {
                lo = Math.min(lo, r.loss()[i]);
                hi = Math.max(hi, r.loss()[i]);
            }
        }
        assertEquals(extremes[0], lo, "the lowest loss is kept");
        assertEquals(extremes[1], hi, "the highest loss is kept");
    }

    @Test
    void divergenceIsAResultNamingTheStepAndNothingNonFiniteIsKept() {
        // ε = 0.3 on A = diag(1, 10): the y component multiplies by (1 − 3) = −2 each step.
        Trainer t = trainer(new FunctionProblem(Quadratic.standard(), 0, 1), Algorithm.SGD, 0.3, new double[] {1, 1},
                RunSettings.of(100_000), RunListener.NONE);
        RunResult r = t.runToEnd();
        assertEquals(RunStatus.DIVERGED, r.status());
        assertTrue(r.message().matches("diverged at step \\d+: .*"), r.message());
        long step = Long.parseLong(r.message().replaceAll("diverged at step (\\d+):.*", "$1"));
        assertTrue(step < 2000, "divergence is caught early, at step " + step);
        for (double l : r.loss()) {
            assertTrue(Double.isFinite(l));
        }
        for (double[] p : r.path()) {
            assertTrue(Double.isFinite(p[0]) && Double.isFinite(p[1]));
        }
        assertTrue(Vectors.allFinite(r.theta()));
    }

    @Test
    void aHugeStepIsDivergenceEvenWhileFinite() {
        // ε = 1e7 on x² − y²: the first step is 2e7·(1, 0.5)-ish, beyond 1e6·(1 + ‖θ‖).
        Trainer t = trainer(new FunctionProblem(new Saddle(), 0, 1), Algorithm.SGD, 1e7, new double[] {1, 0.5},
                RunSettings.of(10), RunListener.NONE);
        RunResult r = t.runToEnd();
        assertEquals(RunStatus.DIVERGED, r.status());
        assertTrue(r.message().startsWith("diverged at step 1: the step ‖Δθ‖"), r.message());
        // 10⁶ × (1 + ‖(1, 0.5)‖) = 10⁶ × 2.1180…, in 4 significant digits
        assertTrue(r.message().endsWith("exceeds 10⁶ × (1 + ‖θ‖) = 2.118e6"), r.message());
    }

    @Test
    void stopRulesEndTheRunAsConverged() {
        RunResult byLoss = trainer(new FunctionProblem(Quadratic.standard(), 0, 1), Algorithm.MOMENTUM, 0.05,
                new double[] {1, 1}, new RunSettings(10_000, 1, 1e-6, Double.NaN), RunListener.NONE).runToEnd();
        assertEquals(RunStatus.CONVERGED, byLoss.status());
        assertTrue(byLoss.loss()[byLoss.loss().length - 1] <= 1e-6);
        assertTrue(byLoss.loss()[byLoss.loss().length - 2] > 1e-6, "stops at the first step below the target");

        RunResult byGradient = trainer(new FunctionProblem(new Rosenbrock(), 0, 1), Algorithm.NEWTON, 0,
                new double[] {-1.2, 1}, new RunSettings(100, 1, Double.NaN, 1e-8), RunListener.NONE).runToEnd();
        assertEquals(RunStatus.CONVERGED, byGradient.status());
        assertTrue(byGradient.steps().length < 20);
        assertArrayEquals(new double[] {1, 1}, byGradient.theta(), 1e-8);
    }

    @Test
    void stopRequestedFromAnotherThreadEndsTheRunBeforeTheNextUpdate() {
        Trainer t = trainer(new FunctionProblem(new Rosenbrock(), 0, 1), Algorithm.ADAM, 0.001, new double[] {-2, 2},
                RunSettings.of(1_000_000), RunListener.NONE);
        assertFalse(t.advance(1000));
        assertEquals(1000, t.step());
        t.requestStop();
        assertTrue(t.advance(1000));
        RunResult r = t.result();
        assertEquals(RunStatus.STOPPED, r.status());
        assertEquals(1000, t.step());
        assertEquals(1000, r.steps()[r.steps().length - 1]);
    }

    @Test
    void listenerHearsEveryRecordAndTheEnd() {
        List<Long> heard = new ArrayList<>();
        List<RunStatus> ended = new ArrayList<>();
        RunListener l = new RunListener() {
            @Override
            public void onRecord(long step, double loss, double[] theta, double[] metrics) {
                heard.add(step);
            }

            @Override
            public void onEnd(RunStatus status, long step, String message) {
                ended.add(status);
            }
        };
        RunResult r = trainer(new FunctionProblem(Quadratic.standard(), 0, 1), Algorithm.SGD, 0.01, new double[] {1, 1},
                new RunSettings(30, 7, Double.NaN, Double.NaN), l).runToEnd();
        assertEquals(List.of(0L, 7L, 14L, 21L, 28L, 30L), heard);
        assertEquals(List.of(RunStatus.COMPLETED), ended);
        assertEquals(6, r.steps().length);
    }

    @Test
    void linearDecayFollowsTheBook() {
        LearningRateSchedule s = new LearningRateSchedule.Linear(0.01, 100);
        assertEquals(0.1, s.epsilon(0.1, 0), 0);
        assertEquals(0.5 * 0.1 + 0.5 * 0.01, s.epsilon(0.1, 50), 1e-17);
        assertEquals(0.01, s.epsilon(0.1, 100), 0);
        assertEquals(0.01, s.epsilon(0.1, 5000), 0);
        // On f = ½x², SGD with a schedule multiplies x by (1 − ε_k) at update k = 1, 2, ...
        Quadratic f = new Quadratic(new double[][] {{1, 0}, {0, 1}}, new double[] {0, 0});
        Trainer t = new Trainer(new FunctionProblem(f, 0, 1), new Sgd(sgd(0.1, s), 2), new double[] {1, 0},
                RunSettings.of(3), RunListener.NONE);
        RunResult r = t.runToEnd();
        double x = 1;
        for (int k = 1; k <= 3; k++) {
            x = x - s.epsilon(0.1, k) * x;
            assertEquals(x, r.path()[k][0], 0);
        }
    }

    @Test
    void gradientNoiseIsSeededTheSameForEveryRunAndDiffersBySeed() {
        RunResult a = trainer(new FunctionProblem(Quadratic.standard(), 0.5, 7), Algorithm.SGD, 0.01, new double[] {1, 1},
                RunSettings.of(100), RunListener.NONE).runToEnd();
        RunResult b = trainer(new FunctionProblem(Quadratic.standard(), 0.5, 7), Algorithm.SGD, 0.01, new double[] {1, 1},
                RunSettings.of(100), RunListener.NONE).runToEnd();
        RunResult c = trainer(new FunctionProblem(Quadratic.standard(), 0.5, 8), Algorithm.SGD, 0.01, new double[] {1, 1},
                RunSettings.of(100), RunListener.NONE).runToEnd();
        RunResult exact = trainer(new FunctionProblem(Quadratic.standard(), 0, 7), Algorithm.SGD, 0.01, new double[] {1, 1},
                RunSettings.of(100), RunListener.NONE).runToEnd();
        assertArrayEquals(a.loss(), b.loss(), 0);
        assertNotEquals(a.loss()[100], c.loss()[100]);
        assertNotEquals(a.loss()[100], exact.loss()[100]);
    }

    @Test
    void newtonWarningsAreCappedAndCounted() {
        // On the saddle every Newton step meets an indefinite Hessian; from (0, 0) the step is zero and goes on.
        RunResult r = trainer(new FunctionProblem(new Saddle(), 0, 1), Algorithm.NEWTON, 0, new double[] {0, 0},
                RunSettings.of(500), RunListener.NONE).runToEnd();
        assertEquals(RunSettings.MAX_WARNINGS, r.warnings().size());
        assertEquals(500 - RunSettings.MAX_WARNINGS, r.suppressedWarnings());
        assertEquals(1, r.warnings().get(0).step());
    }

    @Test
    void dampedNewtonDescendsWherePureNewtonClimbs() {
        double[] start = {-0.27, -0.92};
        RunResult pure = trainer(new FunctionProblem(new org.optlab.engine.function.Himmelblau(), 0, 1), Algorithm.NEWTON, 0,
                start, RunSettings.of(20), RunListener.NONE).runToEnd();
        RunResult damped = trainer(new FunctionProblem(new org.optlab.engine.function.Himmelblau(), 0, 1),
                Algorithm.DAMPED_NEWTON, 0, start, RunSettings.of(50), RunListener.NONE).runToEnd();
        assertTrue(pure.loss()[pure.loss().length - 1] > pure.loss()[0], "pure Newton climbs to the maximum");
        for (int i = 1; i < damped.loss().length; i++) {
            assertTrue(damped.loss()[i] <= damped.loss()[i - 1], "Armijo: the loss never increases");
        }
        assertTrue(damped.loss()[damped.loss().length - 1] < 1e-10, "reaches one of the minima, f = 0");
    }

    @Test
    void everyDefaultConvergesOnTheDefaultProblem() {
        for (Algorithm a : Algorithm.values()) {
            Hyperparameters hp = new Hyperparameters(a.defaultValue(Algorithm.Hyper.LEARNING_RATE),
                    a.defaultValue(Algorithm.Hyper.MOMENTUM), a.defaultValue(Algorithm.Hyper.RHO),
                    a.defaultValue(Algorithm.Hyper.RHO1), a.defaultValue(Algorithm.Hyper.RHO2),
                    a.defaultValue(Algorithm.Hyper.DELTA), LearningRateSchedule.CONSTANT);
            Quadratic f = Quadratic.standard();
            RunResult r = new Trainer(new FunctionProblem(f, 0, 1), a.create(hp, 2), f.defaultStart(),
                    RunSettings.of(5000), RunListener.NONE).runToEnd();
            double first = r.loss()[0];
            double last = r.loss()[r.loss().length - 1];
            assertEquals(RunStatus.COMPLETED, r.status(), a.id());
            assertTrue(last < 1e-3 * first, a.id() + " from " + first + " to " + last);
        }
    }

    @Test
    void gdBeyondTwoOverLambdaMaxOnDiag1And20DivergesByTheLossRule() {
        // ε = 0.101 > 2/20: the y component multiplies by |1 − 2.02| = 1.02 per step, so the loss grows ~1.04-fold per step.
        Quadratic q = new Quadratic(new double[][] {{1, 0}, {0, 20}}, new double[] {0, 0});
        RunResult r = trainer(new FunctionProblem(q, 0, 1), Algorithm.SGD, 0.101, new double[] {1, 1},
                RunSettings.of(2000), RunListener.NONE).runToEnd();
        assertEquals(RunStatus.DIVERGED, r.status(), r.message());
        assertTrue(r.message().matches("diverged at step \\d+: the loss .* exceeds 10⁶ × its initial value 10\\.5 \\(since step \\d+\\)"),
                r.message());
        double J0 = r.loss()[0];
        double last = r.loss()[r.loss().length - 1];
        assertTrue(last > 1e6 * J0, last + " vs " + J0);
        long step = Long.parseLong(r.message().replaceAll("diverged at step (\\d+):.*", "$1"));
        assertEquals(r.steps()[r.steps().length - 1], step, "the message names the last recorded step");

        RunResult ok = trainer(new FunctionProblem(q, 0, 1), Algorithm.SGD, 0.09, new double[] {1, 1},
                RunSettings.of(2000), RunListener.NONE).runToEnd();
        assertEquals(RunStatus.COMPLETED, ok.status(), ok.message());
    }

    @Test
    void bigNumbersReadInScientificNotationWithFourDigits() {
        assertEquals("3.157e158", Trainer.sci(3.1568882318192707E158));
        assertEquals("5.3e7", Trainer.sci(5.3e7));
        assertEquals("12.5", Trainer.sci(12.5));
        assertEquals("1000", Trainer.sci(1000));
        assertEquals("1.235e-5", Trainer.sci(1.23456e-5));
    }

    @Test
    void theEndsStepIsTheOneItsMessageNames() {
        Quadratic q = new Quadratic(new double[][] {{1, 0}, {0, 20}}, new double[] {0, 0});
        // loss rule, a huge step (ε = 1e9), and convergence: each message names the step the listener is told
        double[][] cases = {{0.101, Double.NaN}, {1e9, Double.NaN}, {0.04, 1e-6}};
        for (double[] c : cases) {
            long[] told = {-1};
            RunListener l = new RunListener() {
                @Override
                public void onEnd(RunStatus status, long step, String message) {
                    told[0] = step;
                }
            };
            RunResult r = trainer(new FunctionProblem(q, 0, 1), Algorithm.SGD, c[0], new double[] {1, 1},
                    new RunSettings(2000, 1, c[1], Double.NaN), l).runToEnd();
            assertTrue(r.status() == RunStatus.DIVERGED || r.status() == RunStatus.CONVERGED, r.message());
            long named = Long.parseLong(r.message().replaceAll("^\\w+ at step (\\d+):.*", "$1"));
            assertEquals(named, told[0], "ε = " + c[0] + ": " + r.message());
        }
    }
}

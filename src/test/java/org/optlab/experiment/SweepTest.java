package org.optlab.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.optlab.engine.Algorithm;
import org.optlab.engine.Algorithm.Hyper;
import org.optlab.engine.RunStatus;
import org.optlab.experiment.ExperimentDocument.ModelSpec;
import org.optlab.experiment.ExperimentDocument.OptimizerResult;
import org.optlab.experiment.ExperimentDocument.OptimizerSpec;
import org.optlab.experiment.ExperimentDocument.ProblemSpec;

class SweepTest {

    /** f = ½ θᵀ diag(1, 20) θ from (1, 1): λmax = 20, so GD is stable exactly for ε ≤ 2/20 = 0.1. */
    static ExperimentDocument quadratic(long steps, OptimizerSpec... optimizers) {
        ProblemSpec p = new ProblemSpec.FunctionSpec("quadratic", new double[][] {{1, 0}, {0, 20}}, new double[] {0,
                0}, new double[] {1, 1}, null);
        return new ExperimentDocument(1, null, 7L, steps, null, p, List.of(optimizers), null, null);
    }

    @Test
    void theDefaultGridIsFivePerDecadeFromTenToTheMinusFiveToTenWithThePowersOfTenExact() {
        double[] grid = SweepSpec.defaults().grid();
        assertEquals(31, grid.length);
        for (int j = 0; j < grid.length; j++) {
            // 10^(−5 + j/5), to rounding
            double expected = Math.pow(10, -5 + j / 5.0);
            assertEquals(expected, grid[j], 1e-14 * expected, "grid[" + j + "]");
            if (j > 0) {
                assertTrue(grid[j] > grid[j - 1]);
            }
        }
        for (int k = -5; k <= 1; k++) {
            // the decades themselves are the literals a student types: 1e-5, 0.0001, ..., 0.1, 1, 10
            assertEquals(Double.parseDouble("1e" + k), grid[5 * (k + 5)], "10^" + k);
        }
        double[] custom = new SweepSpec(null, 0.01, 1.0, 3).grid();
        assertArrayEquals(new double[] {0.01, 0.1, 1.0}, custom);
    }

    @Test
    void aSweepPointIsBitForBitThePlainRunOfTheDocumentAtThatEpsilon() throws Exception {
        // data, minibatches and θ₀ drawn from the seed: the sweep must reuse all of them exactly
        ProblemSpec moons = new ProblemSpec.DatasetSpec("moons", 200, null, null, null, null, null, null, null, null,
                new ModelSpec(ModelType.MLP, new int[] {8}, null, null, null));
        List<OptimizerSpec> o = List.of(OptimizerSpec.of("SGD", Algorithm.SGD).withBatchSize(16),
                OptimizerSpec.of("Momentum", Algorithm.MOMENTUM).withBatchSize(32).with(Hyper.MOMENTUM, 0.9),
                OptimizerSpec.of("Adam", Algorithm.ADAM).withBatchSize(16));
        ExperimentDocument doc = new ExperimentDocument(1, null, 3L, 150, null, moons, o, null, null);
        SweepSpec spec = new SweepSpec(null, 1e-3, 10.0, 4);
        Sweep sweep = Sweep.of(ExperimentPlan.prepare(doc), spec);
        SweepPoint[] points = sweep.runAll(2);
        assertEquals(12, points.length);
        for (SweepPoint p : points) {
            // the plain run: the document written by hand with this optimizer's ε, run by the experiment runner
            List<OptimizerSpec> single = new ArrayList<>(o);
            single.set(p.optimizer(), o.get(p.optimizer()).with(Hyper.LEARNING_RATE, p.learningRate()));
            ExperimentDocument plain = new ExperimentDocument(1, null, 3L, 150, null, moons, single, null, null);
            OptimizerResult r = ExperimentRunner.run(plain).results().get(p.optimizer());
            assertEquals(r.status(), p.status().id());
            assertEquals(r.message(), p.message());
            double[] loss = r.loss();
            assertEquals(loss[loss.length - 1], p.finalLoss(), "final loss at ε = " + p.learningRate());
            double best = Double.POSITIVE_INFINITY;
            for (double l : loss) {
                best = Math.min(best, l);
            }
            assertEquals(best, p.bestLoss(), "best loss at ε = " + p.learningRate());
        }
        // grid-major order: every optimizer at the smallest ε first
        assertEquals(1e-3, points[0].learningRate());
        assertEquals(1e-3, points[2].learningRate());
        assertEquals(sweep.grid()[1], points[3].learningRate());
        assertEquals(Math.pow(10, -3 + 4 / 3.0), points[3].learningRate(), 1e-15);
        assertEquals(List.of(0, 1, 2), List.of(points[0].optimizer(), points[1].optimizer(), points[2].optimizer()));
    }

    @Test
    void theSameSweepGivesTheSameNumbersOnOneThreadOrTwoAndRunAgain() throws Exception {
        ExperimentDocument doc = quadratic(300, OptimizerSpec.of("GD", Algorithm.SGD),
                OptimizerSpec.of("Adam", Algorithm.ADAM), OptimizerSpec.of("RMSProp", Algorithm.RMSPROP));
        doc = new ExperimentDocument(1, null, 7L, 300, null, new ProblemSpec.FunctionSpec("rosenbrock", null, null,
                new double[] {-2, 2}, 0.5),
                doc.optimizers(), null, null);
        Sweep sweep = Sweep.of(ExperimentPlan.prepare(doc), new SweepSpec(null, 1e-4, 1.0, 9));
        SweepPoint[] one = sweep.runAll(1);
        SweepPoint[] two = Sweep.of(ExperimentPlan.prepare(doc), new SweepSpec(null, 1e-4, 1.0, 9)).runAll(2);
        assertEquals(List.of(one), List.of(two));
        // gradient noise σ = 0.5 makes every run depend on the seed: another seed gives other numbers
        ExperimentDocument other = new ExperimentDocument(1, null, 8L, 300, null, doc.problem(), doc.optimizers(), null,
                null);
        SweepPoint[] three = Sweep.of(ExperimentPlan.prepare(other), new SweepSpec(null, 1e-4, 1.0, 9)).runAll(2);
        assertFalse(List.of(one).equals(List.of(three)));
    }

    /** The step at which the engine's loss rule fires for GD from (1, 1): J_k above 10⁶·J₀ at two records in a row. */
    static long theoreticalDivergenceStep(double epsilon) {
        double j0 = 0.5 * (1 + 20);
        boolean above = false;
        for (long k = 1; k < 10_000; k++) {
            // θ_k = (1 − ελ)^k θ₀ for each eigenvalue λ of A
            double x = Math.pow(1 - epsilon, k);
            double y = Math.pow(1 - 20 * epsilon, k);
            double j = 0.5 * (x * x + 20 * y * y);
            if (j > 1e6 * j0) {
                if (above) {
                    return k;
                }
                above = true;
            } else {
                above = false;
            }
        }
        return -1;
    }

    @Test
    void gdOnDiagOneTwentyDivergesExactlyAboveTwoOverLambdaMax() throws Exception {
        ExperimentDocument doc = quadratic(500, OptimizerSpec.of("GD", Algorithm.SGD));
        Sweep sweep = Sweep.of(ExperimentPlan.prepare(doc), SweepSpec.defaults());
        SweepPoint[] points = sweep.runAll(2);
        int below = 0;
        int above = 0;
        for (SweepPoint p : points) {
            double eps = p.learningRate();
            if (eps > 0.1) {
                above++;
                assertEquals(RunStatus.DIVERGED, p.status(), "ε = " + eps);
                assertEquals(theoreticalDivergenceStep(eps), p.endStep(), "ε = " + eps);
                assertTrue(p.message().startsWith("diverged at step " + p.endStep() + ":"), p.message());
            } else {
                below++;
                assertEquals(RunStatus.COMPLETED, p.status(), "ε = " + eps + ": " + p.message());
                assertTrue(p.bestLoss() <= p.finalLoss());
            }
        }
        assertEquals(21, below, "1e-5 … 0.1");
        assertEquals(10, above, "0.158 … 10");
        // the edge between the grid points around 0.1: below it GD converges, at 0.1 the stiff direction just
        // oscillates (|1 − 20ε| = 1), above it the loss grows
        SweepPoint at0063 = points[19];
        SweepPoint at01 = points[20];
        SweepPoint at0158 = points[21];
        assertEquals(0.1, at01.learningRate());
        assertTrue(at0063.finalLoss() < 1e-6, "ε = 0.063 converges: " + at0063.finalLoss());
        assertEquals(10.0, at01.finalLoss(), 1e-3, "ε = 0.1: ½·20·θ₂² stays 10 (θ₂ = ±1)");
        assertEquals(RunStatus.DIVERGED, at0158.status());
    }

    @Test
    void optimizersWithoutALearningRateAreLeftOutAndASweepOfOnlyThoseIsRefused() throws Exception {
        ExperimentDocument doc = quadratic(20, OptimizerSpec.of("Newton", Algorithm.NEWTON),
                OptimizerSpec.of("GD", Algorithm.SGD));
        Sweep sweep = Sweep.of(ExperimentPlan.prepare(doc), new SweepSpec(null, 0.01, 1.0, 3));
        assertArrayEquals(new int[] {1}, sweep.swept());
        assertEquals(List.of(0), sweep.notSwept());
        assertEquals(3, sweep.size());
        assertEquals(60, sweep.updates());
        ExperimentDocument newtonOnly = quadratic(20, OptimizerSpec.of("Newton", Algorithm.NEWTON));
        InvalidDocumentException e = assertThrows(InvalidDocumentException.class,
                () -> Sweep.of(ExperimentPlan.prepare(newtonOnly), SweepSpec.defaults()));
        assertTrue(e.problems().get(0).startsWith("sweep varies the learning rate ε, but no optimizer here has one"),
                e.problems().toString());
        InvalidDocumentException wrong = assertThrows(InvalidDocumentException.class,
                () -> Sweep.of(ExperimentPlan.prepare(doc), new SweepSpec(null, 1.0, 0.01, 0)));
        assertEquals(List.of("sweep.to must be greater than from = 1.0 (the largest learning rate ε of the sweep above the"
                + " smallest), got 0.01", "sweep.points must be between 2 and 101 (the number of learning rates ε on the"
                + " grid), got 0"), wrong.problems());
    }
}

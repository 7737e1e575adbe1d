package org.optlab.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.optlab.engine.Algorithm;
import org.optlab.engine.Algorithm.Hyper;
import org.optlab.engine.RunStatus;
import org.optlab.experiment.ExperimentDocument.OptimizerSpec;

class SweepMapTest {

    @Test
    void theHeavyBallOptimumOnAQuadraticIsWithinOneCellOfTheFastestCell() throws Exception {
        // λmin = 1, λmax = 20: α* = ((√κ − 1)/(√κ + 1))², ε* = 4/(√λmax + √λmin)² (Polyak's heavy ball)
        double kappa = 20;
        double alphaStar = Math.pow((Math.sqrt(kappa) - 1) / (Math.sqrt(kappa) + 1), 2);
        double epsStar = 4 / Math.pow(Math.sqrt(20) + 1, 2);
        ExperimentDocument doc = SweepTest.quadratic(3000, OptimizerSpec.of("heavy ball", Algorithm.MOMENTUM));
        double[] eps = new SweepSpec(null, 0.01, 1.0, 41).grid();
        double[] alphas = new double[39];
        for (int a = 0; a < alphas.length; a++) {
            alphas[a] = 0.025 * a;
        }
        SweepMap.Cell[][] cells = SweepMap.run(ExperimentPlan.prepare(doc), 0, eps, alphas, 1e-12, 2);
        int bestA = -1;
        int bestE = -1;
        for (int a = 0; a < alphas.length; a++) {
            for (int e = 0; e < eps.length; e++) {
                SweepMap.Cell c = cells[a][e];
                if (c.reached() && (bestA < 0 || c.steps() < cells[bestA][bestE].steps())) {
                    bestA = a;
                    bestE = e;
                }
            }
        }
        int theoryE = nearest(eps, epsStar, true);
        int theoryA = nearest(alphas, alphaStar, false);
        assertTrue(Math.abs(bestE - theoryE) <= 1, "ε: fastest " + eps[bestE] + ", ε* = " + epsStar);
        assertTrue(Math.abs(bestA - theoryA) <= 1, "α: fastest " + alphas[bestA] + ", α* = " + alphaStar);
        // GD's bound holds on the α = 0 row: ε > 0.1 diverges
        for (SweepMap.Cell c : cells[0]) {
            if (c.epsilon() > 0.1 * 1.01) {
                assertEquals(RunStatus.DIVERGED, c.status(), "ε = " + c.epsilon());
            }
        }
    }

    static int nearest(double[] grid, double x, boolean log) {
        int best = 0;
        for (int i = 1; i < grid.length; i++) {
            double d = log ? Math.abs(Math.log(grid[i] / x)) : Math.abs(grid[i] - x);
            double b = log ? Math.abs(Math.log(grid[best] / x)) : Math.abs(grid[best] - x);
            if (d < b) {
                best = i;
            }
        }
        return best;
    }

    @Test
    void aCellIsThePlainRunOfItsDocument() throws Exception {
        ExperimentDocument doc = SweepTest.quadratic(500, OptimizerSpec.of("GD", Algorithm.SGD),
                OptimizerSpec.of("Adam", Algorithm.ADAM));
        SweepMap.Cell[][] cells = SweepMap.run(ExperimentPlan.prepare(doc), 1, new double[] {0.01, 0.1},
                new double[] {0.5, 0.9}, 1e-6, 1);
        ExperimentDocument single = new ExperimentDocument(1, null, 7L, 500, null, doc.problem(), List.of(doc.optimizers()
                .get(0), OptimizerSpec.of("Adam", Algorithm.ADAM).with(Hyper.LEARNING_RATE, 0.1).with(Hyper.RHO1, 0.5)),
                new ExperimentDocument.StopSpec(1e-6, null), null);
        var r = ExperimentRunner.run(single).results().get(1);
        assertEquals(r.status(), cells[0][1].status().id());
        assertEquals(r.steps()[r.steps().length - 1], cells[0][1].steps());
        assertEquals(SweepMap.secondParameter(Algorithm.ADAM), Hyper.RHO1);
        assertEquals(SweepMap.secondParameter(Algorithm.RMSPROP), Hyper.RHO);
        assertEquals(SweepMap.secondParameter(Algorithm.NESTEROV), Hyper.MOMENTUM);
    }
}

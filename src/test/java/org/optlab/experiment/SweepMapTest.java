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

    /**
     * Polyak's (ε*, α*) makes the heavy ball contract at the same rate along both eigenvectors, √α* = (√κ − 1)/(√κ + 1),
     * the best possible: the spectral radius of the 2×2 iteration [θ, θ_prev] ↦ [θ − ελθ + α(θ − θ_prev), θ] is √α* for
     * λmin and for λmax, and any small change of ε or α makes one of them larger.
     */
    @Test
    void polyaksOptimumEqualisesTheRatesAlongBothEigenvectors() {
        double lMin = 1;
        double lMax = 20;
        double[] opt = SweepMap.heavyBallOptimum(lMin, lMax);
        double rate = (Math.sqrt(lMax / lMin) - 1) / (Math.sqrt(lMax / lMin) + 1);
        assertEquals(rate, Math.sqrt(opt[1]), 1e-12);
        assertEquals(rate, radius(opt[0], opt[1], lMin), 1e-6);
        assertEquals(rate, radius(opt[0], opt[1], lMax), 1e-6);
        for (double[] d : new double[][] {{1.05, 1}, {0.95, 1}, {1, 1.05}, {1, 0.95}}) {
            double e = opt[0] * d[0];
            double a = opt[1] * d[1];
            assertTrue(Math.max(radius(e, a, lMin), radius(e, a, lMax)) > rate + 1e-4, java.util.Arrays.toString(d));
        }
    }

    /** The spectral radius of the heavy ball's iteration matrix [[1 + α − ελ, −α], [1, 0]]. */
    static double radius(double epsilon, double alpha, double lambda) {
        double tr = 1 + alpha - epsilon * lambda;
        double det = alpha;
        double disc = tr * tr - 4 * det;
        if (disc < 0) {
            return Math.sqrt(det);
        }
        return Math.max(Math.abs((tr + Math.sqrt(disc)) / 2), Math.abs((tr - Math.sqrt(disc)) / 2));
    }

    @Test
    void aMapsCellsTileItsRectangleAndRunAtTheirCentres() {
        MapSpec spec = new MapSpec(1e-3, 1, 24, 0, 1, 20, 1e-6);
        double[] e = spec.epsilons();
        assertEquals(24, e.length);
        assertEquals(Math.pow(10, -3 + 0.0625), e[0], 1e-15);
        assertEquals(Math.pow(10, -0.0625), e[23], 1e-15);
        for (int j = 1; j < e.length; j++) {
            assertEquals(0.125, Math.log10(e[j] / e[j - 1]), 1e-12, "equal widths in log ε");
        }
        double[] a = spec.seconds();
        assertEquals(0.025, a[0], 1e-15);
        assertEquals(0.975, a[19], 1e-15);
        assertTrue(spec.violations().isEmpty());
        assertEquals(List.of("map.columns", "map.secondTo"), new MapSpec(1e-3, 1, 1, 0.5, 0.4, 20, 1e-6).violations()
                .stream().map(Violation::where).toList());
    }
}

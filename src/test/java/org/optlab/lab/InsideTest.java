package org.optlab.lab;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.optlab.engine.OptimizerState;

class InsideTest {

    private static OptimizerState state(double[] g, double[] rate, double kappa) {
        return new OptimizerState(7, java.util.Map.of("g", g, "ε/(δ+√r)", rate), java.util.Map.of("κ(H)", kappa));
    }

    @Test
    void onATwoDimensionalProblemEachCoordinateIsALine() {
        Inside.Sample s = Inside.sample(state(new double[] {3, -4}, new double[] {0.1, 0.2}, 5));
        assertEquals(7, s.step());
        assertArrayEquals(new double[] {3, -4}, s.values().get("g"));
        assertArrayEquals(new double[] {0.1, 0.2}, s.values().get("ε/(δ+√r)"));
        assertArrayEquals(new double[] {5}, s.values().get("κ(H)"));
        Inside.Quantity g = Inside.quantities(state(new double[] {3, -4}, new double[] {0.1, 0.2}, 5)).stream()
                .filter(q -> q.symbol().equals("g")).findFirst().orElseThrow();
        assertEquals(List.of("g₁", "g₂ (dashed)"), g.lines());
    }

    @Test
    void onAModelAVectorIsItsNormAndARateItsDistribution() {
        double[] g = new double[100];
        double[] rate = new double[101];
        for (int i = 0; i < g.length; i++) {
            g[i] = i % 2 == 0 ? 0.5 : -0.5; // ‖g‖ = √(100 · 0.25) = 5
        }
        List<Double> shuffled = new ArrayList<>();
        for (int i = 0; i <= 100; i++) {
            shuffled.add(i / 1000.0);
        }
        java.util.Collections.shuffle(shuffled, new java.util.Random(3));
        for (int i = 0; i < rate.length; i++) {
            rate[i] = shuffled.get(i);
        }
        Inside.Sample s = Inside.sample(state(g, rate, 2));
        assertArrayEquals(new double[] {5}, s.values().get("g"), 1e-12);
        // 0, 0.001, …, 0.1: the 10th percentile is 0.01, the median 0.05, the 90th 0.09
        assertArrayEquals(new double[] {0.01, 0.05, 0.09}, s.values().get("ε/(δ+√r)"), 1e-15);
        java.util.Map<String, Inside.Quantity> q = new java.util.HashMap<>();
        Inside.quantities(state(g, rate, 2)).forEach(x -> q.put(x.symbol(), x));
        assertEquals(List.of("‖g‖"), q.get("g").lines());
        assertEquals(List.of("10th percentile", "median", "90th percentile"), q.get("ε/(δ+√r)").lines());
        assertTrue(q.get("ε/(δ+√r)").positive(), "a rate is drawn on a log axis");
        assertTrue(!q.get("g").positive(), "a gradient is not");
    }

    @Test
    void percentilesInterpolateBetweenRanks() {
        assertEquals(2.5, Inside.percentile(new double[] {1, 2, 3, 4}, 0.5), 1e-15);
        assertEquals(1.3, Inside.percentile(new double[] {1, 2, 3, 4}, 0.1), 1e-15);
        assertEquals(7, Inside.percentile(new double[] {7}, 0.9), 0);
    }

    @Test
    void theEigenvaluesOfALargeHessianAreItsSmallestAndLargest() {
        OptimizerState s = new OptimizerState(1, java.util.Map.of("λ(H)", new double[] {4, -2, 9, 0.5}),
                java.util.Map.of());
        assertArrayEquals(new double[] {-2, 9}, Inside.sample(s).values().get("λ(H)"));
        assertEquals(List.of("λmin", "λmax"), Inside.quantities(s).get(0).lines());
    }
}

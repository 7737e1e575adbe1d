package org.optlab.engine.function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The quadratic's eigenvalues against the characteristic polynomial of a 2×2 symmetric matrix, and their words. */
class QuadraticSpectrumTest {

    @Test
    void theEigenvaluesAreTheRootsOfTheCharacteristicPolynomial() {
        double[][][] matrices = {{{1, 0}, {0, 20}}, {{3, 1}, {1, 2}}, {{2, -1.5}, {-1.5, 2}}, {{1, 2}, {2, 1}},
            {{-4, 0.5}, {0.5, -1}}, {{5, 0}, {0, 5}}, {{1e-3, 0}, {0, 1e3}}};
        for (double[][] a : matrices) {
            Quadratic.Spectrum s = Quadratic.spectrum(a);
            double trace = a[0][0] + a[1][1];
            double det = a[0][0] * a[1][1] - a[0][1] * a[1][0];
            assertTrue(s.lambdaMin() <= s.lambdaMax());
            // λ² − tr(A) λ + det(A) = 0: sum and product of the roots
            assertEquals(trace, s.lambdaMin() + s.lambdaMax(), 1e-12 * (1 + Math.abs(trace)));
            assertEquals(det, s.lambdaMin() * s.lambdaMax(), 1e-9 * (1 + Math.abs(det)));
            for (double l : new double[] {s.lambdaMin(), s.lambdaMax()}) {
                // det(A − λI) = 0
                double charPoly = (a[0][0] - l) * (a[1][1] - l) - a[0][1] * a[1][0];
                assertEquals(0, charPoly, 1e-9 * (1 + trace * trace));
            }
        }
        // [[3, 1], [1, 2]]: (5 ± √5)/2
        Quadratic.Spectrum s = Quadratic.spectrum(new double[][] {{3, 1}, {1, 2}});
        assertEquals((5 - Math.sqrt(5)) / 2, s.lambdaMin(), 1e-12);
        assertEquals((5 + Math.sqrt(5)) / 2, s.lambdaMax(), 1e-12);
        assertEquals((5 + Math.sqrt(5)) / (5 - Math.sqrt(5)), s.conditionNumber(), 1e-12);
        assertEquals(4 / (5 + Math.sqrt(5)), s.largestStableRate(), 1e-12);
    }

    @Test
    void theWordsSayConditionNumberAndStableRateOrWhyThereIsNoMinimum() {
        assertEquals("λ = 1, 20 · κ = 20 · 2/λmax = 0.1", Quadratic.spectrum(new double[][] {{1, 0}, {0, 20}}).words());
        assertEquals("λ = 1, 50 · κ = 50 · 2/λmax = 0.04", new Quadratic(new double[][] {{1, 0}, {0, 50}},
                new double[] {3, 1}).spectrum().words());
        // a rotated valley: eigenvalues 0.5 and 3.5 of [[2, −1.5], [−1.5, 2]]
        assertEquals("λ = 0.5, 3.5 · κ = 7 · 2/λmax = 0.571429",
                Quadratic.spectrum(new double[][] {{2, -1.5}, {-1.5, 2}}).words());
        assertTrue(Quadratic.spectrum(new double[][] {{1, 2}, {2, 1}}).words()
                .startsWith("λ = -1, 3 · indefinite: a saddle"));
        assertTrue(Quadratic.spectrum(new double[][] {{1, 0}, {0, 0}}).words().contains("singular"));
        assertTrue(Quadratic.spectrum(new double[][] {{-4, 0}, {0, -1}}).words().contains("a maximum"));
        assertTrue(Double.isNaN(Quadratic.spectrum(new double[][] {{1, 2}, {2, 1}}).conditionNumber()));
    }
}

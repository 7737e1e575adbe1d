package org.optlab.engine.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The MLP's own tanh: within 4 ulp of {@link Math#tanh} everywhere, odd exactly, right at the special values. */
class ActivationTest {

    static double ulps(double z) {
        double expected = Math.tanh(z);
        return Math.abs(Activation.tanh(z) - expected) / Math.ulp(expected);
    }

    @Test
    void tanhIsWithinFourUlpOfTheLibrarysOnEveryScale() {
        Random random = new Random(18);
        double worst = 0;
        double worstAt = 0;
        for (int i = 0; i < 2_000_000; i++) {
            // log-uniform magnitudes from 1e-12 to 30, both signs
            double z = Math.copySign(Math.pow(10, -12 + 13.5 * random.nextDouble()), random.nextDouble() - 0.5);
            double u = ulps(z);
            if (u > worst) {
                worst = u;
                worstAt = z;
            }
        }
        for (double z = 0.19; z < 0.21; z += 1e-6) {
            worst = Math.max(worst, ulps(z));
        }
        for (double z = 21.9; z < 22.1; z += 1e-4) {
            worst = Math.max(worst, ulps(z));
        }
        assertTrue(worst <= 4, "worst " + worst + " ulp at " + worstAt);
    }

    @Test
    void tanhIsOddAndRightAtTheSpecialValues() {
        Random random = new Random(8);
        for (int i = 0; i < 100_000; i++) {
            double z = 25 * random.nextGaussian();
            assertEquals(Double.doubleToRawLongBits(-Activation.tanh(z)), Double.doubleToRawLongBits(Activation.tanh(-z)));
        }
        assertEquals(Double.doubleToRawLongBits(0.0), Double.doubleToRawLongBits(Activation.tanh(0.0)));
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(Activation.tanh(-0.0)));
        assertEquals(1.0, Activation.tanh(Double.POSITIVE_INFINITY));
        assertEquals(-1.0, Activation.tanh(Double.NEGATIVE_INFINITY));
        assertEquals(1.0, Activation.tanh(22));
        assertTrue(Double.isNaN(Activation.tanh(Double.NaN)));
        assertEquals(Double.MIN_VALUE, Activation.tanh(Double.MIN_VALUE));
        assertEquals(1e-300, Activation.tanh(1e-300));
        assertEquals(Math.tanh(0.2), Activation.tanh(0.2), Math.ulp(Math.tanh(0.2)) * 4);
        assertEquals(Activation.TANH.apply(0.7), Activation.tanh(0.7));
    }

    /** applyRow's tanh, computed a row at a time in passes, gives the same bits as tanh one value at a time. */
    @Test
    void aRowOfTanhIsBitForBitTheTanhOfEachValue() {
        Random random = new Random(64);
        double[] z = new double[67];
        double[] out = new double[67];
        double[] hi = new double[67];
        double[] lo = new double[67];
        double[] scale = new double[67];
        long checked = 0;
        for (int round = 0; round < 60_000; round++) {
            int n = 1 + round % 67;
            double spread = new double[] {0.3, 1, 3, 12, 30}[round % 5];
            for (int t = 0; t < n; t++) {
                z[t] = spread * random.nextGaussian();
            }
            checked += checkRow(z, n, out, hi, lo, scale);
        }
        // the edges of the range and of fdlibm's k = −1 case (|u| = 2|z| below the high word 0x3FF0A2B2), ± a few ulp
        double[] edges = {0.2, 22, Double.longBitsToDouble(0x3FF0A2B200000000L) / 2, 0.5 * 1.5 * Math.log(2),
            0.5 * Math.log(2), 0, Double.MIN_VALUE, 1e-300, 1e300, Double.POSITIVE_INFINITY, Double.NaN};
        int n = 0;
        for (double edge : edges) {
            double v = edge;
            for (int step = 0; step < 4; step++) {
                for (double w : new double[] {v, -v, Math.nextUp(v), Math.nextDown(v), -Math.nextDown(v)}) {
                    z[n++] = w;
                    if (n == z.length) {
                        checked += checkRow(z, n, out, hi, lo, scale);
                        n = 0;
                    }
                }
                v = Math.nextUp(v);
            }
        }
        checked += checkRow(z, n, out, hi, lo, scale);
        // every 2^36-th double between 0.2 and 22 (about 440,000)
        n = 0;
        for (long bits = Double.doubleToRawLongBits(0.2); bits < Double.doubleToRawLongBits(22.0); bits += 1L << 36) {
            z[n++] = Double.longBitsToDouble(bits);
            if (n == z.length) {
                checked += checkRow(z, n, out, hi, lo, scale);
                n = 0;
            }
        }
        checked += checkRow(z, n, out, hi, lo, scale);
        assertTrue(checked > 2_400_000, "checked " + checked);
    }

    private static int checkRow(double[] z, int n, double[] out, double[] hi, double[] lo, double[] scale) {
        Activation.TANH.applyRow(z, out, n, hi, lo, scale);
        for (int t = 0; t < n; t++) {
            double value = z[t];
            assertEquals(Double.doubleToRawLongBits(Activation.tanh(value)), Double.doubleToRawLongBits(out[t]),
                    () -> "tanh of a row differs from tanh at " + value);
        }
        return n;
    }

    @Test
    void aRowOfReluOrSigmoidIsEachValuesActivation() {
        Random random = new Random(5);
        double[] z = new double[9];
        double[] out = new double[9];
        for (int t = 0; t < z.length; t++) {
            z[t] = 4 * random.nextGaussian();
        }
        for (Activation g : new Activation[] {Activation.RELU, Activation.SIGMOID}) {
            g.applyRow(z, out, 9, new double[9], new double[9], new double[9]);
            for (int t = 0; t < z.length; t++) {
                assertEquals(Double.doubleToRawLongBits(g.apply(z[t])), Double.doubleToRawLongBits(out[t]));
            }
        }
    }
}

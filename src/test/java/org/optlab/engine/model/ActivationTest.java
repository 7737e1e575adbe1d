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
}

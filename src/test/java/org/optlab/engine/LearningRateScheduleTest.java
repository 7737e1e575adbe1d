package org.optlab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The decays as the lecture writes them, and the Robbins–Monro sums that tell them apart. */
class LearningRateScheduleTest {

    @Test
    void oneOverKAndExponentialDecayFromEpsilonZero() {
        LearningRateSchedule inverse = new LearningRateSchedule.Inverse(100);
        assertEquals(0.05 / 1.01, inverse.epsilon(0.05, 1), 1e-17);
        assertEquals(0.025, inverse.epsilon(0.05, 100), 1e-17, "halved at k = τ");
        LearningRateSchedule exponential = new LearningRateSchedule.Exponential(300);
        assertEquals(0.05 * Math.exp(-1), exponential.epsilon(0.05, 300), 1e-17, "ε₀/e at k = τ");
    }

    @Test
    void theInverseSumKeepsGrowingWhileTheExponentialOneStops() {
        double inverse = 0;
        double exponential = 0;
        double inverseSquares = 0;
        LearningRateSchedule inv = new LearningRateSchedule.Inverse(100);
        LearningRateSchedule exp = new LearningRateSchedule.Exponential(100);
        for (long k = 1; k <= 1_000_000; k++) {
            inverse += inv.epsilon(1, k);
            inverseSquares += inv.epsilon(1, k) * inv.epsilon(1, k);
            exponential += exp.epsilon(1, k);
        }
        // Σ ε₀ /(1 + k/τ) ≈ τ ln(1 + K/τ) grows without bound; Σ ε² stays below τ; Σ e^(−k/τ) ≈ τ
        assertEquals(100 * Math.log(1 + 1_000_000 / 100.0), inverse, 1.0);
        assertTrue(inverseSquares < 100, "Σ ε² converges: " + inverseSquares);
        assertEquals(1 / (Math.exp(0.01) - 1), exponential, 1e-6, "Σ ε stops at about τ");
    }
}

package org.optlab.engine;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;
import org.optlab.engine.function.Quadratic;

/** The hot path allocates nothing: a step of Algorithms 8.1–8.7 that is made creates no object (its outcome is the shared MADE). */
class AllocationTest {

    @Test
    void aMadeStepOfAFirstOrderMethodAllocatesNothing() {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        Objective J = Quadratic.standard();
        StepWarnings ignore = (kind, message) -> { };
        for (Algorithm a : Algorithm.values()) {
            if (a == Algorithm.NEWTON || a == Algorithm.DAMPED_NEWTON) {
                continue;
            }
            Optimizer o = a.create(new Hyperparameters(1e-3, 0.9, 0.9, 0.9, 0.999, 1e-8, LearningRateSchedule.CONSTANT), 2);
            double[] theta = {1, 1};
            for (int k = 1; k <= 20_000; k++) {
                assertSame(Optimizer.MADE, o.step(theta, J, k, ignore));
            }
            long before = mx.getThreadAllocatedBytes(thread);
            for (int k = 20_001; k <= 120_000; k++) {
                o.step(theta, J, k, ignore);
            }
            long allocated = mx.getThreadAllocatedBytes(thread) - before;
            // a single object per step would be ≥ 1.6 MB here; the slack is for the measurement itself
            assertTrue(allocated < 10_000, a + " allocated " + allocated + " bytes in 100,000 steps");
        }
    }
}

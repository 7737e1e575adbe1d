package org.optlab.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A tab's buffer of points not yet pushed: decimated like the charts when it grows long, never losing an extreme. */
class LiveRunTest {

    @Test
    void aRunThatIsNotDrainedForLongKeepsTheExtremesOfItsLoss() {
        LiveRun run = new LiveRun(0, "GD", 0);
        int n = 120_000;
        double lowest = Double.POSITIVE_INFINITY;
        long lowestAt = -1;
        for (int k = 0; k < n; k++) {
            double J = 1 + Math.sin(k / 100.0) + (k == 77_777 ? -5 : 0);
            if (J < lowest) {
                lowest = J;
                lowestAt = k;
            }
            run.onRecord(k, J, new double[] {k, -k}, new double[0]);
        }
        LiveRun.Points p = run.drain(1);
        assertTrue(p.size() < n, "thinned: " + p.size());
        assertEquals(0, p.steps()[0]);
        assertEquals(n - 1, p.steps()[p.size() - 1]);
        boolean found = false;
        for (int i = 0; i < p.size(); i++) {
            found |= p.steps()[i] == lowestAt && p.loss()[i] == lowest;
        }
        assertTrue(found, "the single lowest loss (step " + lowestAt + ") survives the thinning");
    }
}

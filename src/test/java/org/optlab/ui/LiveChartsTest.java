package org.optlab.ui;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.optlab.lab.LiveRun;

/** A push carries at most a fixed number of points per series: every s-th point and always the last one. */
class LiveChartsTest {

    private static LiveRun.Points points(int n) {
        long[] steps = new long[n];
        double[] loss = new double[n];
        double[][] metrics = new double[2][n];
        double[][] path = new double[n][];
        for (int i = 0; i < n; i++) {
            steps[i] = 10L * i;
            loss[i] = 1.0 / (i + 1);
            metrics[0][i] = i;
            metrics[1][i] = -i;
            path[i] = new double[] {i, 2.0 * i};
        }
        return new LiveRun.Points(steps, loss, metrics, path);
    }

    @Test
    void fewPointsPassUnchanged() {
        LiveRun.Points p = points(250);
        assertSame(p, LiveCharts.thin(p, 250));
    }

    @Test
    void manyPointsAreThinnedToEverySthPointAndTheLast() {
        LiveRun.Points t = LiveCharts.thin(points(1001), 250);
        // stride ⌈1000 / 248⌉ = 5: points 0, 5, ..., 1000 (1000 is both the 201st and the last)
        assertEquals(201, t.size());
        assertEquals(0, t.steps()[0]);
        assertEquals(50, t.steps()[1]);
        assertEquals(10_000, t.steps()[200]);

        LiveRun.Points u = LiveCharts.thin(points(1003), 250);
        // stride 5: points 0, 5, ..., 1000, and the last one, 1002
        assertEquals(202, u.size());
        assertEquals(10_000, u.steps()[200]);
        assertEquals(10_020, u.steps()[201]);
        assertEquals(1.0 / 1003, u.loss()[201]);
        assertEquals(1002, u.metrics()[0][201]);
        assertEquals(-1002, u.metrics()[1][201]);
        assertArrayEquals(new double[] {1002, 2004}, u.path()[201]);
        assertEquals(-5, u.metrics()[1][1], "every metric is thinned with the same points");
    }

    @Test
    void neverMoreThanTheLimit() {
        for (int n = 251; n <= 3000; n++) {
            LiveRun.Points t = LiveCharts.thin(points(n), 250);
            assertEquals((n - 1) * 10L, t.steps()[t.size() - 1], "the last point is kept, n = " + n);
            assertTrue(t.size() <= 250 && t.size() > 80, "n = " + n + ": " + t.size());
        }
    }
}

package org.optlab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What decimation keeps: every extreme of a curve's columns, every turn of a path, the first and last points, gaps. */
class DecimationTest {

    /** Gradient descent on f(θ) = ½ θᵀ diag(1, 20) θ with ε = 0.09 from (−2, 1): y flips sign at every step. */
    static double[][] zigZag(int n) {
        double[][] p = new double[n][];
        double x = -2;
        double y = 1;
        for (int k = 0; k < n; k++) {
            p[k] = new double[] {x, y};
            x -= 0.09 * x;
            y -= 0.09 * 20 * y;
        }
        return p;
    }

    static int signChangesOfYSteps(List<double[]> path) {
        int changes = 0;
        double before = 0;
        for (int i = 1; i < path.size(); i++) {
            double dy = path.get(i)[1] - path.get(i - 1)[1];
            if (dy * before < 0) {
                changes++;
            }
            if (dy != 0) {
                before = dy;
            }
        }
        return changes;
    }

    @Test
    void aShortCurveOrPathIsKeptWhole() {
        double[] y = new double[1600];
        assertEquals(1600, Decimation.curve(y, 1600, 400).length);
        List<double[]> path = List.of(zigZag(4000));
        assertEquals(path, Decimation.path(path));
    }

    @Test
    void everyColumnOfAnOscillatingCurveKeepsItsLowestAndHighestPointAndTheEndsStay() {
        int n = 100_000;
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            // a decaying loss with a period-2 oscillation riding on it: the band it fills is what must be drawn
            y[i] = Math.exp(-i / 20_000.0) * (1 + (i % 2 == 0 ? 0.3 : -0.3) * Math.cos(i / 997.0));
        }
        int buckets = 400;
        int[] keep = Decimation.curve(y, n, buckets);
        assertTrue(keep.length <= 4 * buckets, "at most four points per column: " + keep.length);
        assertEquals(0, keep[0]);
        assertEquals(n - 1, keep[keep.length - 1]);
        for (int i = 1; i < keep.length; i++) {
            assertTrue(keep[i] > keep[i - 1], "increasing, no duplicates");
        }
        // every window of n / buckets consecutive records: its extremes, found here by brute force, are kept
        for (int b = 0; b < buckets; b++) {
            int from = n * b / buckets;
            int to = n * (b + 1) / buckets;
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (int i = from; i < to; i++) {
                lo = Math.min(lo, y[i]);
                hi = Math.max(hi, y[i]);
            }
            boolean hasLo = false;
            boolean hasHi = false;
            for (int i : keep) {
                hasLo |= i >= from && i < to && y[i] == lo;
                hasHi |= i >= from && i < to && y[i] == hi;
            }
            assertTrue(hasLo && hasHi, "column " + b + " keeps its lowest and highest point");
        }
    }

    @Test
    void aLongZigZagKeepsEveryDirectionChange() {
        // 2,000 zig-zag steps, then 4,000 that move steadily up and right: more than a path keeps whole
        List<double[]> path = new ArrayList<>(List.of(zigZag(2000)));
        double[] end = path.get(path.size() - 1);
        for (int i = 1; i <= 4000; i++) {
            path.add(new double[] {end[0] + i * 1e-3, end[1] + i * i * 1e-7});
        }
        List<double[]> kept = Decimation.path(path);
        assertTrue(kept.size() < 2100, "the straight part is decimated: " + kept.size());
        int real = signChangesOfYSteps(path);
        assertTrue(real > 1500, "the real path zig-zags: " + real);
        assertEquals(real, signChangesOfYSteps(kept), "every zig of the real path is kept");
        assertEquals(path.get(0), kept.get(0));
        assertEquals(path.get(path.size() - 1), kept.get(kept.size() - 1));
    }

    @Test
    void anEndlessZigZagIsBoundedAndKeepsItsExtent() {
        int n = 200_000;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = Math.sin(i / 3000.0);
            y[i] = i % 2 == 0 ? 1 + i * 1e-6 : -1;
        }
        int[] keep = Decimation.path(x, y, n);
        assertTrue(keep.length <= Decimation.PATH_MAX, "bounded: " + keep.length);
        assertEquals(0, keep[0]);
        assertEquals(n - 1, keep[keep.length - 1]);
        double xMin = 1;
        double xMax = -1;
        double yMax = 0;
        for (int i : keep) {
            xMin = Math.min(xMin, x[i]);
            xMax = Math.max(xMax, x[i]);
            yMax = Math.max(yMax, y[i]);
        }
        assertTrue(xMin < -0.9999 && xMax > 0.9999, "the x extent is kept: " + xMin + " " + xMax);
        assertEquals(1 + (n - 2) * 1e-6, yMax, 1e-12, "the highest point is kept");
    }

    @Test
    void gapsAreKeptAndNeverBridged() {
        List<double[]> curve = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            curve.add(new double[] {i, Math.sin(i)});
        }
        curve.add(null);
        for (int i = 5001; i < 10_000; i++) {
            curve.add(new double[] {i, Math.cos(i)});
        }
        List<double[]> kept = Decimation.curve(curve);
        assertTrue(kept.size() <= 4 * Decimation.CURVE_BUCKETS + 1, "bounded: " + kept.size());
        int gap = kept.indexOf(null);
        assertTrue(gap > 0, "the gap is kept");
        assertEquals(4999, kept.get(gap - 1)[0], "the point before the gap is kept");
        assertEquals(5001, kept.get(gap + 1)[0], "the point after the gap is kept");
        assertEquals(9999, kept.get(kept.size() - 1)[0]);
    }
}

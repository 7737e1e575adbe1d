package org.optlab.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What OptLab keeps of a long series: the one decimation rule of the whole pipeline (a run's recorded history in the
 * {@link Trainer}, a tab's pending points, the chart state kept for a re-attach and what is sent to the browser all use
 * it; the browser draws what it is sent).
 *
 * <ul>
 *   <li><b>Curves</b> (loss or a metric against the step): M4 aggregation (Jugel et al., "M4: a visualization-oriented
 *   time series data aggregation", VLDB 2014). The points are cut into {@code buckets} runs of consecutive records and
 *   each run keeps its first, last, lowest and highest point, in their order. Every peak and trough of a column survives,
 *   so an oscillating loss is drawn as the band it fills, never as a smooth line, and the first and last points stay.</li>
 *   <li><b>Paths</b> (θ in the plane): every point while there are at most {@link #PATH_KEEP_ALL}; beyond that, every
 *   turning point (a point where the step reverses its direction in x or in y) with the first and last point, so that
 *   gradient descent's zig-zag keeps every zig. Only a path that has more than {@link #PATH_MAX} turning points (a zig-zag
 *   of tens of thousands of steps) is cut into runs that keep their first, last and extreme points in x and y.</li>
 * </ul>
 *
 * A {@code null} entry in a list (a gap) is always kept. Plain arrays and loops: nothing here allocates per point beyond
 * the kept-index list.
 */
public final class Decimation {

    /** Runs of records a decimated curve keeps (at most four points each). */
    public static final int CURVE_BUCKETS = 400;
    /** A curve is decimated once it holds more than this many points (so a kept curve holds 1,600 to 3,200). */
    public static final int CURVE_MAX = 8 * CURVE_BUCKETS;
    /** A path keeps every point up to this many. */
    public static final int PATH_KEEP_ALL = 4000;
    /** At most this many turning points are kept as they are; beyond, runs of them keep their extremes. */
    public static final int PATH_MAX = 10_000;
    /**
     * The points the live series of one chart keep between them, at most: each live series its share (so sixteen paths
     * keep about 4,000 points each, and up to six keep the rule's own {@link #PATH_MAX}).
     */
    public static final int CHART_POINTS = 64_000;

    private Decimation() {
    }

    /**
     * The indices M4 keeps of y[0..n) in {@code buckets} runs: each run's first, last, lowest and highest point (NaN never
     * counts as lowest or highest), increasing; every index when n ≤ 4 · buckets.
     */
    public static int[] curve(double[] y, int n, int buckets) {
        if (n <= 4 * buckets) {
            return all(n);
        }
        int[] keep = new int[4 * buckets];
        int kept = 0;
        for (int b = 0; b < buckets; b++) {
            int from = (int) ((long) n * b / buckets);
            int to = (int) ((long) n * (b + 1) / buckets); // exclusive
            int lo = from;
            int hi = from;
            for (int i = from + 1; i < to; i++) {
                if (y[i] < y[lo] || Double.isNaN(y[lo])) {
                    lo = i;
                }
                if (y[i] > y[hi] || Double.isNaN(y[hi])) {
                    hi = i;
                }
            }
            int[] four = {from, Math.min(lo, hi), Math.max(lo, hi), to - 1};
            for (int i : four) {
                if (kept == 0 || keep[kept - 1] < i) {
                    keep[kept++] = i;
                }
            }
        }
        return Arrays.copyOf(keep, kept);
    }

    /**
     * The indices kept of the path (x[i], y[i]), i &lt; n: all up to {@link #PATH_KEEP_ALL}; else the first, the last and
     * every turning point, and when those are more than {@link #PATH_MAX}, each of PATH_MAX / 6 runs of them keeps its
     * first, last, and its points of least and greatest x and y.
     */
    public static int[] path(double[] x, double[] y, int n) {
        return path(x, y, n, PATH_KEEP_ALL, PATH_MAX);
    }

    /** As {@link #path(double[], double[], int)} with other bounds: all up to keepAll points, at most about max after. */
    public static int[] path(double[] x, double[] y, int n, int keepAll, int max) {
        if (n <= keepAll) {
            return all(n);
        }
        int[] turns = new int[n];
        int t = 0;
        turns[t++] = 0;
        for (int i = 1; i + 1 < n; i++) {
            if (reverses(x[i] - x[i - 1], x[i + 1] - x[i]) || reverses(y[i] - y[i - 1], y[i + 1] - y[i])) {
                turns[t++] = i;
            }
        }
        turns[t++] = n - 1;
        if (t <= max) {
            return Arrays.copyOf(turns, t);
        }
        int buckets = Math.max(1, max / 6);
        int[] keep = new int[6 * buckets];
        int kept = 0;
        for (int b = 0; b < buckets; b++) {
            int from = (int) ((long) t * b / buckets);
            int to = (int) ((long) t * (b + 1) / buckets);
            int xl = from;
            int xh = from;
            int yl = from;
            int yh = from;
            for (int j = from + 1; j < to; j++) {
                int i = turns[j];
                xl = x[i] < x[turns[xl]] ? j : xl;
                xh = x[i] > x[turns[xh]] ? j : xh;
                yl = y[i] < y[turns[yl]] ? j : yl;
                yh = y[i] > y[turns[yh]] ? j : yh;
            }
            int[] six = {from, xl, xh, yl, yh, to - 1};
            Arrays.sort(six);
            for (int j : six) {
                if (kept == 0 || keep[kept - 1] < turns[j]) {
                    keep[kept++] = turns[j];
                }
            }
        }
        return Arrays.copyOf(keep, kept);
    }

    private static boolean reverses(double before, double after) {
        return before > 0 && after < 0 || before < 0 && after > 0;
    }

    /** A curve of [x, y] points (null entries are gaps, always kept), M4-decimated to {@link #CURVE_BUCKETS} runs. */
    public static List<double[]> curve(List<double[]> points) {
        return curve(points, CURVE_BUCKETS);
    }

    /** A curve of [x, y] points (null entries are gaps, always kept), M4-decimated to {@code buckets} runs. */
    public static List<double[]> curve(List<double[]> points, int buckets) {
        return pick(points, false, buckets, PATH_KEEP_ALL, PATH_MAX);
    }

    /** A path of [x, y] points (null entries are gaps, always kept), decimated as {@link #path(double[], double[], int)}. */
    public static List<double[]> path(List<double[]> points) {
        return path(points, PATH_KEEP_ALL, PATH_MAX);
    }

    /** A path of [x, y] points (gaps kept) with other bounds, as {@link #path(double[], double[], int, int, int)}. */
    public static List<double[]> path(List<double[]> points, int keepAll, int max) {
        return pick(points, true, CURVE_BUCKETS, keepAll, max);
    }

    private static List<double[]> pick(List<double[]> points, boolean path, int buckets, int keepAll, int max) {
        // decimated piece by piece between gaps, so that a gap is never bridged
        List<double[]> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= points.size(); i++) {
            if (i == points.size() || points.get(i) == null) {
                int n = i - start;
                double[] xs = new double[n];
                double[] ys = new double[n];
                for (int k = 0; k < n; k++) {
                    xs[k] = points.get(start + k)[0];
                    ys[k] = points.get(start + k)[1];
                }
                int budget = Math.max(1, (int) ((long) buckets * n / Math.max(1, points.size())));
                int[] keep = path ? path(xs, ys, n, keepAll, max) : curve(ys, n, budget);
                for (int k : keep) {
                    out.add(points.get(start + k));
                }
                if (i < points.size()) {
                    out.add(null);
                }
                start = i + 1;
            }
        }
        return out;
    }

    private static int[] all(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        return a;
    }
}

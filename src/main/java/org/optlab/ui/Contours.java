package org.optlab.ui;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.optlab.engine.function.TestFunction;

/**
 * Contour lines of a 2-D test function by marching squares, as line segments (x1, y1, x2, y2, ...) for the chart's
 * overlay. Levels sit at quantiles of f over the grid, denser near the minimum, so that every function
 * gets readable contours whatever its range.
 */
final class Contours {

    private Contours() {
    }

    /** Contours of f over the rectangle d. */
    static double[] of(TestFunction f, TestFunction.Domain d, int grid, int levels) {
        double[] xs = new double[grid];
        double[] ys = new double[grid];
        double[][] v = new double[grid][grid];
        double[] all = new double[grid * grid];
        for (int i = 0; i < grid; i++) {
            xs[i] = d.xMin() + (d.xMax() - d.xMin()) * i / (grid - 1);
            ys[i] = d.yMin() + (d.yMax() - d.yMin()) * i / (grid - 1);
        }
        for (int i = 0; i < grid; i++) {
            for (int j = 0; j < grid; j++) {
                v[i][j] = f.f(xs[i], ys[j]);
                all[i * grid + j] = v[i][j];
            }
        }
        Arrays.sort(all);
        List<double[]> out = new ArrayList<>();
        for (int k = 1; k <= levels; k++) {
            double q = Math.pow((double) k / (levels + 1), 2);
            double level = all[(int) Math.min(all.length - 1, Math.round(q * (all.length - 1)))];
            for (int i = 0; i + 1 < grid; i++) {
                for (int j = 0; j + 1 < grid; j++) {
                    cell(xs[i], xs[i + 1], ys[j], ys[j + 1], v[i][j], v[i + 1][j], v[i + 1][j + 1], v[i][j + 1], level, out);
                }
            }
        }
        double[] flat = new double[out.size() * 2];
        for (int i = 0; i < out.size(); i++) {
            flat[2 * i] = out.get(i)[0];
            flat[2 * i + 1] = out.get(i)[1];
        }
        return flat;
    }

    /** Adds the level's segments inside one cell: corners a (x0, y0), b (x1, y0), c (x1, y1), d (x0, y1). */
    private static void cell(double x0, double x1, double y0, double y1, double a, double b, double c, double d,
                             double level, List<double[]> out) {
        List<double[]> crossings = new ArrayList<>(4);
        edge(x0, y0, a, x1, y0, b, level, crossings);
        edge(x1, y0, b, x1, y1, c, level, crossings);
        edge(x1, y1, c, x0, y1, d, level, crossings);
        edge(x0, y1, d, x0, y0, a, level, crossings);
        for (int k = 0; k + 1 < crossings.size(); k += 2) {
            out.add(crossings.get(k));
            out.add(crossings.get(k + 1));
        }
    }

    /** Four decimals are plenty on screen, and keep the JSON small. */
    private static double round(double v) {
        return Math.round(v * 1e4) / 1e4;
    }

    private static void edge(double xa, double ya, double va, double xb, double yb, double vb, double level,
                             List<double[]> crossings) {
        if ((va < level) == (vb < level) || va == vb) {
            return;
        }
        double t = (level - va) / (vb - va);
        crossings.add(new double[] {round(xa + t * (xb - xa)), round(ya + t * (yb - ya))});
    }
}

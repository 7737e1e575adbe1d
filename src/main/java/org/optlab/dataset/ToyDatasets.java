package org.optlab.dataset;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seeded toy datasets: the same (id, n, noise, seed) always gives the same points.
 *
 * <table>
 *   <caption>generators</caption>
 *   <tr><th>id</th><th>what</th><th>noise</th></tr>
 *   <tr><td>moons</td><td>two interleaving half circles, 2 classes</td><td>σ of Gaussian jitter (default 0.2)</td></tr>
 *   <tr><td>circles</td><td>a circle inside a circle (radii 1 and 0.5), 2 classes</td><td>σ (default 0.1)</td></tr>
 *   <tr><td>spirals</td><td>2 or 3 interleaved spiral arms ({@code arms}), one class each</td><td>σ (default 0.1)</td></tr>
 *   <tr><td>xor</td><td>uniform points in [−1, 1]², class = sign(x·y), 2 classes</td><td>σ (default 0.1)</td></tr>
 *   <tr><td>blobs</td><td>{@code classes} Gaussian clusters on a circle of radius 3</td><td>cluster σ (default 1)</td></tr>
 *   <tr><td>linear</td><td>1-D regression y = 2x + 1 + ε, x ∈ [−3, 3]</td><td>σ of ε (default 1)</td></tr>
 *   <tr><td>sine</td><td>1-D regression y = sin x + ε, x ∈ [−π, π]</td><td>σ of ε (default 0.1)</td></tr>
 * </table>
 */
public final class ToyDatasets {

    public static final List<String> IDS = List.of("moons", "circles", "spirals", "xor", "blobs", "linear", "sine");

    public static final int MAX_POINTS = 100_000;

    private ToyDatasets() {
    }

    /** The default noise of a generator. */
    public static double defaultNoise(String id) {
        return switch (id) {
            case "moons" -> 0.2;
            case "blobs", "linear" -> 1.0;
            default -> 0.1;
        };
    }

    /**
     * Generates a toy dataset.
     *
     * @param arms    spiral arms (2 or 3), for {@code spirals}
     * @param classes clusters, for {@code blobs}
     */
    public static Dataset generate(String id, int n, double noise, int arms, int classes, long seed) {
        Random r = new Random(seed);
        return switch (id) {
            case "moons" -> moons(n, noise, r);
            case "circles" -> circles(n, noise, r);
            case "spirals" -> spirals(n, noise, arms, r);
            case "xor" -> xor(n, noise, r);
            case "blobs" -> blobs(n, noise, classes, r);
            case "linear" -> regression("linear", n, noise, r, -3, 3, false);
            case "sine" -> regression("sine", n, noise, r, -Math.PI, Math.PI, true);
            default -> throw new IllegalArgumentException("unknown toy dataset " + id);
        };
    }

    private static Dataset moons(int n, double noise, Random r) {
        double[] x = new double[2 * n];
        int[] labels = new int[n];
        int outer = (n + 1) / 2;
        for (int i = 0; i < n; i++) {
            boolean isOuter = i < outer;
            int count = isOuter ? outer : n - outer;
            int j = isOuter ? i : i - outer;
            double t = count == 1 ? 0 : Math.PI * j / (count - 1);
            x[2 * i] = (isOuter ? Math.cos(t) : 1 - Math.cos(t)) + noise * r.nextGaussian();
            x[2 * i + 1] = (isOuter ? Math.sin(t) : 0.5 - Math.sin(t)) + noise * r.nextGaussian();
            labels[i] = isOuter ? 0 : 1;
        }
        return classification("moons", x, labels, 2);
    }

    private static Dataset circles(int n, double noise, Random r) {
        double[] x = new double[2 * n];
        int[] labels = new int[n];
        int outer = (n + 1) / 2;
        for (int i = 0; i < n; i++) {
            boolean isOuter = i < outer;
            double t = 2 * Math.PI * r.nextDouble();
            double radius = isOuter ? 1 : 0.5;
            x[2 * i] = radius * Math.cos(t) + noise * r.nextGaussian();
            x[2 * i + 1] = radius * Math.sin(t) + noise * r.nextGaussian();
            labels[i] = isOuter ? 0 : 1;
        }
        return classification("circles", x, labels, 2);
    }

    private static Dataset spirals(int n, double noise, int arms, Random r) {
        double[] x = new double[2 * n];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            int arm = i % arms;
            double t = 0.05 + 0.95 * r.nextDouble();
            double angle = 3 * Math.PI * t + 2 * Math.PI * arm / arms;
            x[2 * i] = t * Math.cos(angle) + noise * r.nextGaussian();
            x[2 * i + 1] = t * Math.sin(angle) + noise * r.nextGaussian();
            labels[i] = arm;
        }
        return classification("spirals", x, labels, arms);
    }

    private static Dataset xor(int n, double noise, Random r) {
        double[] x = new double[2 * n];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            double a = 2 * r.nextDouble() - 1;
            double b = 2 * r.nextDouble() - 1;
            labels[i] = a * b > 0 ? 1 : 0;
            x[2 * i] = a + noise * r.nextGaussian();
            x[2 * i + 1] = b + noise * r.nextGaussian();
        }
        return classification("xor", x, labels, 2);
    }

    private static Dataset blobs(int n, double noise, int classes, Random r) {
        double[] x = new double[2 * n];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            int c = i % classes;
            double angle = 2 * Math.PI * c / classes;
            x[2 * i] = 3 * Math.cos(angle) + noise * r.nextGaussian();
            x[2 * i + 1] = 3 * Math.sin(angle) + noise * r.nextGaussian();
            labels[i] = c;
        }
        return classification("blobs", x, labels, classes);
    }

    private static Dataset regression(String name, int n, double noise, Random r, double lo, double hi, boolean sine) {
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = lo + (hi - lo) * r.nextDouble();
            y[i] = (sine ? Math.sin(x[i]) : 2 * x[i] + 1) + noise * r.nextGaussian();
        }
        return new Dataset(name, List.of("x"), "y", x, y, null, List.of());
    }

    private static Dataset classification(String name, double[] x, int[] labels, int classes) {
        List<String> names = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            names.add("class " + c);
        }
        return new Dataset(name, List.of("x1", "x2"), "class", x, null, labels, List.copyOf(names));
    }
}

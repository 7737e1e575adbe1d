package org.optlab.engine.model;

/**
 * A set of m examples (x⁽ⁱ⁾, y⁽ⁱ⁾) for the models: features row-major in one array, and either a real target (regression)
 * or a class index 0 … k−1 (classification).
 */
public final class Examples {

    private final int n;
    private final int d;
    private final double[] x;
    private final double[] y;
    private final int[] label;
    private final int classes;

    private Examples(int n, int d, double[] x, double[] y, int[] label, int classes) {
        if (x.length != n * d) {
            throw new IllegalArgumentException("x has " + x.length + " values, expected n·d = " + n * d);
        }
        this.n = n;
        this.d = d;
        this.x = x;
        this.y = y;
        this.label = label;
        this.classes = classes;
    }

    /** Regression examples: x is n×d row-major, y has n real targets. */
    public static Examples regression(int d, double[] x, double[] y) {
        return new Examples(y.length, d, x, y, null, 0);
    }

    /** Classification examples: x is n×d row-major, labels in 0 … classes−1. */
    public static Examples classification(int d, double[] x, int[] label, int classes) {
        return new Examples(label.length, d, x, null, label, classes);
    }

    /** The number of examples. */
    public int size() {
        return n;
    }

    /** The number of features d. */
    public int features() {
        return d;
    }

    /** Feature j of example i. */
    public double x(int i, int j) {
        return x[i * d + j];
    }

    /** The row-major feature array (n·d values); not to be modified. */
    public double[] xArray() {
        return x;
    }

    public boolean isClassification() {
        return label != null;
    }

    /** The number of classes k (0 for regression). */
    public int classes() {
        return classes;
    }

    /** The real target of example i (regression). */
    public double y(int i) {
        return y[i];
    }

    /** The class of example i (classification). */
    public int label(int i) {
        return label[i];
    }
}

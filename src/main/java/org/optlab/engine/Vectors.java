package org.optlab.engine;

/** Small helpers on {@code double[]} vectors, outside the hot paths. */
public final class Vectors {

    private Vectors() {
    }

    /** θ as {@code [x, y, ...]} with full precision, for messages; long vectors are shortened. */
    public static String format(double[] x) {
        StringBuilder sb = new StringBuilder("[");
        int shown = Math.min(x.length, 6);
        for (int i = 0; i < shown; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(x[i]);
        }
        if (shown < x.length) {
            sb.append(", … (").append(x.length).append(" in all)");
        }
        return sb.append(']').toString();
    }

    /** The Euclidean norm ‖x‖. */
    public static double norm(double[] x) {
        double s = 0;
        for (double xi : x) {
            s += xi * xi;
        }
        return Math.sqrt(s);
    }

    /** True when every component is finite. */
    public static boolean allFinite(double[] x) {
        for (double xi : x) {
            if (!Double.isFinite(xi)) {
                return false;
            }
        }
        return true;
    }
}

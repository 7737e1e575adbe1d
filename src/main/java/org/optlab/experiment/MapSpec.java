package org.optlab.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The grid of an (ε, α) map ({@link SweepMap}): ε from {@code epsilonFrom} to {@code epsilonTo} in {@code columns}
 * cells of equal width in log ε, the second parameter (α, ρ or ρ₁) from {@code secondFrom} to {@code secondTo} in
 * {@code rows} cells of equal height, and the loss a cell's run must reach. The bounds are the map's edges; each cell
 * runs at its centre (the geometric mean of its ε edges, the mean of its α edges), so the cells tile the drawn
 * rectangle exactly and the axes can end on round values.
 */
public record MapSpec(double epsilonFrom, double epsilonTo, int columns, double secondFrom, double secondTo, int rows,
                      double threshold) {

    public static final double DEFAULT_EPSILON_FROM = 1e-3;
    public static final double DEFAULT_EPSILON_TO = 1;
    /** 8 cells per decade. */
    public static final int DEFAULT_COLUMNS = 24;
    public static final double DEFAULT_SECOND_FROM = 0;
    public static final double DEFAULT_SECOND_TO = 1;
    public static final int DEFAULT_ROWS = 20;
    /** How far above the function's minimum a run must bring the loss to count as there. */
    public static final double DEFAULT_GAP = 1e-6;

    /** The default grid with the given threshold. */
    public static MapSpec defaults(double threshold) {
        return new MapSpec(DEFAULT_EPSILON_FROM, DEFAULT_EPSILON_TO, DEFAULT_COLUMNS, DEFAULT_SECOND_FROM,
                DEFAULT_SECOND_TO, DEFAULT_ROWS, threshold);
    }

    /** What is wrong with the grid, in the dialog's words (paths {@code map.<field>}); empty when it is usable. */
    public List<Violation> violations() {
        List<Violation> v = new ArrayList<>();
        if (!(epsilonFrom > 0) || !Double.isFinite(epsilonFrom)) {
            v.add(new Violation("map", "epsilonFrom", "must be > 0, got " + number(epsilonFrom)));
        }
        if (!(epsilonTo > epsilonFrom) || !(epsilonTo <= 1e6)) {
            v.add(new Violation("map", "epsilonTo", "must be > the smallest ε and ≤ 1000000, got " + number(epsilonTo)));
        }
        if (columns < 2 || columns > Limits.MAX_MAP_SIDE) {
            v.add(new Violation("map", "columns", "must be 2 to " + Limits.MAX_MAP_SIDE + ", got " + columns));
        }
        if (!(secondFrom >= 0) || !(secondFrom < 1)) {
            v.add(new Violation("map", "secondFrom", "must be ≥ 0 and < 1, got " + number(secondFrom)));
        }
        if (!(secondTo > secondFrom) || !(secondTo <= 1)) {
            v.add(new Violation("map", "secondTo", "must be > the smallest value and ≤ 1, got " + number(secondTo)));
        }
        if (rows < 2 || rows > Limits.MAX_MAP_SIDE) {
            v.add(new Violation("map", "rows", "must be 2 to " + Limits.MAX_MAP_SIDE + ", got " + rows));
        }
        if (!Double.isFinite(threshold)) {
            v.add(new Violation("map", "threshold", "must be a number, got " + number(threshold)));
        }
        return v;
    }

    /** ε at each column's centre, smallest first. */
    public double[] epsilons() {
        double a = Math.log10(epsilonFrom);
        double w = (Math.log10(epsilonTo) - a) / columns;
        double[] e = new double[columns];
        for (int j = 0; j < columns; j++) {
            e[j] = Math.pow(10, a + (j + 0.5) * w);
        }
        return e;
    }

    /** The second parameter at each row's centre, smallest first. */
    public double[] seconds() {
        double h = (secondTo - secondFrom) / rows;
        double[] s = new double[rows];
        for (int i = 0; i < rows; i++) {
            s[i] = secondFrom + (i + 0.5) * h;
        }
        return s;
    }

    private static String number(double x) {
        return String.format(Locale.ROOT, "%.6g", x);
    }
}

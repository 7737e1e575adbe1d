package org.optlab.experiment;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The optional {@code sweep} section of a document: run every optimizer that has a learning rate ε once for each ε of a
 * logarithmic grid, from {@code from} to {@code to} with {@code points} values (ends included), everything else as the
 * document says. Absent values take the defaults (10⁻⁵ … 10, 31 points); {@code parameter} is {@code learningRate}, the
 * one hyper-parameter a sweep varies today.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"parameter", "from", "to", "points"})
public record SweepSpec(String parameter, Double from, Double to, Integer points) {

    /** The one parameter a sweep varies: the learning rate ε. */
    public static final String LEARNING_RATE = "learningRate";
    public static final double DEFAULT_FROM = 1e-5;
    public static final double DEFAULT_TO = 10;
    public static final int DEFAULT_POINTS = 31;

    /** The default sweep: ε from 10⁻⁵ to 10, 31 points (five per decade). */
    public static SweepSpec defaults() {
        return new SweepSpec(null, null, null, null);
    }

    @JsonIgnore
    public double fromOrDefault() {
        return from == null ? DEFAULT_FROM : from;
    }

    @JsonIgnore
    public double toOrDefault() {
        return to == null ? DEFAULT_TO : to;
    }

    @JsonIgnore
    public int pointsOrDefault() {
        return points == null ? DEFAULT_POINTS : points;
    }

    /**
     * The grid: {@code points} values evenly spaced in log10 ε from {@code from} to {@code to}, both ends included. The
     * exponent of value j is (a·(n−1−j) + b·j)/(n−1), which is exact at the ends and, for ends that are powers of ten
     * with a whole number of points per decade, at every power of ten in between (10⁻¹ is 0.1, not 0.09999999999999998).
     */
    public double[] grid() {
        int n = pointsOrDefault();
        double a = Math.log10(fromOrDefault());
        double b = Math.log10(toOrDefault());
        double[] grid = new double[n];
        for (int j = 0; j < n; j++) {
            grid[j] = n == 1 ? fromOrDefault() : Math.pow(10, (a * (n - 1 - j) + b * j) / (n - 1));
        }
        grid[0] = fromOrDefault();
        grid[n - 1] = toOrDefault();
        return grid;
    }
}

package org.optlab.ui;

import org.optlab.engine.function.TestFunction;

/**
 * Round axes: ticks at whole multiples of 1, 2 or 5 times a power of ten (never 37.5 or −1.87), and for the plane one
 * step for both axes, so that with equal units per pixel a tick square is a square.
 */
final class Axes {

    /** Ticks an axis shows at most. */
    static final int MAX_TICKS = 8;

    private Axes() {
    }

    /** The smallest of 1, 2, 5 × 10ᵏ that cuts {@code range} into at most {@code maxTicks} intervals. */
    static double niceStep(double range, int maxTicks) {
        double raw = range / maxTicks;
        double p = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * p >= raw * (1 - 1e-12)) {
                return m * p;
            }
        }
        return 10 * p;
    }

    /** An axis [min, max] widened to whole multiples of step: {min, max, intervals}. */
    static double[] widen(double min, double max, double step) {
        double lo = Math.floor(min / step + 1e-9) * step;
        double hi = Math.ceil(max / step - 1e-9) * step;
        return new double[] {lo, hi, Math.round((hi - lo) / step)};
    }

    /** An axis from 0 to a round number at or above max (steps, epochs): {0, top, intervals}. */
    static double[] upTo(double max) {
        double m = max > 0 ? max : 1;
        return widen(0, m, niceStep(m, MAX_TICKS));
    }

    /** A rectangle of the plane whose sides are whole multiples of {@code step}, the tick step of both axes. */
    record Plane(TestFunction.Domain domain, double step) {
    }

    /**
     * The rectangle widened to whole multiples of one round step on both axes, the step chosen from its longer side
     * (kept with it: the widened sides may be longer, and a step chosen again from them could differ).
     */
    static Plane plane(TestFunction.Domain d) {
        double step = niceStep(Math.max(d.xMax() - d.xMin(), d.yMax() - d.yMin()), MAX_TICKS);
        double[] x = widen(d.xMin(), d.xMax(), step);
        double[] y = widen(d.yMin(), d.yMax(), step);
        return new Plane(new TestFunction.Domain(x[0], x[1], y[0], y[1]), step);
    }
}

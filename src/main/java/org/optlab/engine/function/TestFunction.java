package org.optlab.engine.function;

import java.util.List;
import org.optlab.engine.Objective;

/**
 * A 2-D test function f(x, y) with analytic value, gradient and Hessian, a domain to plot it on, a default start and its
 * known critical points. θ = (x, y).
 */
public abstract class TestFunction implements Objective {

    /** A rectangle of the plane to draw the contour plot on. */
    public record Domain(double xMin, double xMax, double yMin, double yMax) {
    }

    /** A known critical point: {@code kind} is {@code global-minimum}, {@code local-minimum}, {@code saddle} or {@code maximum}. */
    public record CriticalPoint(double x, double y, String kind) {
    }

    /** The id used in experiment documents, e.g. {@code rosenbrock}. */
    public abstract String id();

    /** The formula, for people: e.g. {@code (1 − x)² + 100 (y − x²)²}. */
    public abstract String formula();

    public abstract Domain domain();

    /** The start point θ₀ used when a document names none. */
    public abstract double[] defaultStart();

    public abstract List<CriticalPoint> criticalPoints();

    /** f(x, y). */
    public abstract double f(double x, double y);

    /** Writes (∂f/∂x, ∂f/∂y) into g. */
    public abstract void gradient(double x, double y, double[] g);

    /** Writes [[f_xx, f_xy], [f_xy, f_yy]] row-major into h. */
    public abstract void hessian(double x, double y, double[] h);

    @Override
    public final int dimension() {
        return 2;
    }

    @Override
    public final double value(double[] theta) {
        return f(theta[0], theta[1]);
    }

    @Override
    public final void gradient(double[] theta, double[] g) {
        gradient(theta[0], theta[1], g);
    }

    @Override
    public final void hessian(double[] theta, double[] h) {
        hessian(theta[0], theta[1], h);
    }

    /** Fills a symmetric 2×2 Hessian. */
    static void symmetric(double[] h, double fxx, double fxy, double fyy) {
        h[0] = fxx;
        h[1] = fxy;
        h[2] = fxy;
        h[3] = fyy;
    }
}

package org.optlab.engine.function;

import java.util.List;

/**
 * A cliff across a shallow valley (the book's figure 8.3): f(x, y) = (x² + y²)/10 + 20 σ(10 (x + 1)), σ the logistic
 * function. Left of x = −1 the valley floor is nearly flat; at x = −1 a wall 20 high rises over a width of about 0.5,
 * where the gradient reaches 50. A gradient step that lands on the wall is thrown far back (with ε = 2, tens of units);
 * with gradient clipping (§10.11.1) the step stays small. The one minimum sits at the wall's foot, (x*, 0) with
 * x* ≈ −1.64, found here to machine precision.
 */
public final class Cliff extends TestFunction {

    private static final double HEIGHT = 20;
    private static final double STEEPNESS = 10;
    private final double xStar = footOfTheWall();

    @Override
    public String id() {
        return "cliff";
    }

    @Override
    public String formula() {
        return "(x² + y²)/10 + 20 σ(10 (x + 1))";
    }

    @Override
    public Domain domain() {
        return new Domain(-8, 2, -2, 2);
    }

    @Override
    public double[] defaultStart() {
        return new double[] {-3.5, 1};
    }

    @Override
    public List<CriticalPoint> criticalPoints() {
        return List.of(new CriticalPoint(xStar, 0, "global-minimum"));
    }

    private static double sigma(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    private static double dfdx(double x) {
        double s = sigma(STEEPNESS * (x + 1));
        return x / 5 + HEIGHT * STEEPNESS * s * (1 - s);
    }

    /** The zero of ∂f/∂x on [−3, −1] by bisection (∂f/∂x &lt; 0 at −3, &gt; 0 at −1). */
    private static double footOfTheWall() {
        double lo = -3;
        double hi = -1;
        for (int i = 0; i < 200; i++) {
            double mid = (lo + hi) / 2;
            if (dfdx(mid) < 0) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return (lo + hi) / 2;
    }

    @Override
    public double f(double x, double y) {
        return (x * x + y * y) / 10 + HEIGHT * sigma(STEEPNESS * (x + 1));
    }

    @Override
    public void gradient(double x, double y, double[] g) {
        g[0] = dfdx(x);
        g[1] = y / 5;
    }

    @Override
    public void hessian(double x, double y, double[] h) {
        double s = sigma(STEEPNESS * (x + 1));
        double d2 = 0.2 + HEIGHT * STEEPNESS * STEEPNESS * s * (1 - s) * (1 - 2 * s);
        symmetric(h, d2, 0, 0.2);
    }
}

package org.optlab.engine.function;

import java.util.List;

/**
 * A saddle with minima beside it: f(x, y) = x² + y⁴/4 − y². ∇f = (2x, y³ − 2y), ∇²f = diag(2, 3y² − 2). The origin is a
 * saddle point (∇²f = diag(2, −2)); the two minima are (0, ±√2) with f = −1; f is bounded below, so a method that
 * leaves the saddle finds a minimum instead of running off to −∞ (as it would on x² − y²). Newton's method (Algorithm 8.8)
 * near the x axis, where the Hessian is indefinite (|y| &lt; √(2/3)), jumps to the saddle: the lecture's point that
 * Newton is attracted to saddle points while gradient descent moves away from them.
 */
public final class BoundedSaddle extends TestFunction {

    @Override
    public String id() {
        return "bounded-saddle";
    }

    @Override
    public String formula() {
        return "x² + y⁴/4 − y²";
    }

    @Override
    public Domain domain() {
        return new Domain(-2, 2, -2, 2);
    }

    @Override
    public double[] defaultStart() {
        return new double[] {1.5, 0.3};
    }

    @Override
    public List<CriticalPoint> criticalPoints() {
        double r = Math.sqrt(2);
        return List.of(new CriticalPoint(0, 0, "saddle"), new CriticalPoint(0, r, "global-minimum"),
                new CriticalPoint(0, -r, "global-minimum"));
    }

    @Override
    public double f(double x, double y) {
        double y2 = y * y;
        return x * x + y2 * y2 / 4 - y2;
    }

    @Override
    public void gradient(double x, double y, double[] g) {
        g[0] = 2 * x;
        g[1] = y * y * y - 2 * y;
    }

    @Override
    public void hessian(double x, double y, double[] h) {
        symmetric(h, 2, 0, 3 * y * y - 2);
    }
}

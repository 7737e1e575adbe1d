package org.optlab.engine.function;

import java.util.List;

/** Booth's function f(x, y) = (x + 2y − 7)² + (2x + y − 5)², a convex quadratic with minimum f(1, 3) = 0. */
public final class Booth extends TestFunction {

    @Override
    public String id() {
        return "booth";
    }

    @Override
    public String formula() {
        return "(x + 2y − 7)² + (2x + y − 5)²";
    }

    @Override
    public Domain domain() {
        return new Domain(-10, 10, -10, 10);
    }

    @Override
    public double[] defaultStart() {
        return new double[] {-6, -6};
    }

    @Override
    public List<CriticalPoint> criticalPoints() {
        return List.of(new CriticalPoint(1, 3, "global-minimum"));
    }

    @Override
    public double f(double x, double y) {
        double u = x + 2 * y - 7;
        double w = 2 * x + y - 5;
        return u * u + w * w;
    }

    @Override
    public void gradient(double x, double y, double[] g) {
        double u = x + 2 * y - 7;
        double w = 2 * x + y - 5;
        g[0] = 2 * u + 4 * w;
        g[1] = 4 * u + 2 * w;
    }

    @Override
    public void hessian(double x, double y, double[] h) {
        symmetric(h, 10, 8, 10);
    }
}

package org.optlab.engine.function;

import java.util.List;

/** Rosenbrock's banana valley f(x, y) = (1 − x)² + 100 (y − x²)², minimum f(1, 1) = 0. */
public final class Rosenbrock extends TestFunction {

    @Override
    public String id() {
        return "rosenbrock";
    }

    @Override
    public String formula() {
        return "(1 − x)² + 100 (y − x²)²";
    }

    @Override
    public Domain domain() {
        return new Domain(-2.5, 2.5, -1.5, 3.5);
    }

    @Override
    public double[] defaultStart() {
        return new double[] {-2, 2};
    }

    @Override
    public List<CriticalPoint> criticalPoints() {
        return List.of(new CriticalPoint(1, 1, "global-minimum"));
    }

    @Override
    public double f(double x, double y) {
        double u = 1 - x;
        double w = y - x * x;
        return u * u + 100 * w * w;
    }

    @Override
    public void gradient(double x, double y, double[] g) {
        double w = y - x * x;
        g[0] = -2 * (1 - x) - 400 * x * w;
        g[1] = 200 * w;
    }

    @Override
    public void hessian(double x, double y, double[] h) {
        symmetric(h, 2 - 400 * y + 1200 * x * x, -400 * x, 200);
    }
}

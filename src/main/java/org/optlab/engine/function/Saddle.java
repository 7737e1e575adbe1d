package org.optlab.engine.function;

import java.util.List;

/** The saddle f(x, y) = x² − y²: a critical point at the origin that is neither a minimum nor a maximum. */
public final class Saddle extends TestFunction {

    @Override
    public String id() {
        return "saddle";
    }

    @Override
    public String formula() {
        return "x² − y²";
    }

    @Override
    public Domain domain() {
        return new Domain(-2, 2, -2, 2);
    }

    @Override
    public double[] defaultStart() {
        return new double[] {1.5, 0.01};
    }

    @Override
    public List<CriticalPoint> criticalPoints() {
        return List.of(new CriticalPoint(0, 0, "saddle"));
    }

    @Override
    public double f(double x, double y) {
        return x * x - y * y;
    }

    @Override
    public void gradient(double x, double y, double[] g) {
        g[0] = 2 * x;
        g[1] = -2 * y;
    }

    @Override
    public void hessian(double x, double y, double[] h) {
        symmetric(h, 2, 0, -2);
    }
}

package org.optlab.engine.function;

import java.util.List;

/** The monkey saddle f(x, y) = x³ − 3xy²: a degenerate saddle (H = 0) at the origin, with three valleys. */
public final class MonkeySaddle extends TestFunction {

    @Override
    public String id() {
        return "monkey-saddle";
    }

    @Override
    public String formula() {
        return "x³ − 3xy²";
    }

    @Override
    public Domain domain() {
        return new Domain(-2, 2, -2, 2);
    }

    @Override
    public double[] defaultStart() {
        return new double[] {1, 0.2};
    }

    @Override
    public List<CriticalPoint> criticalPoints() {
        return List.of(new CriticalPoint(0, 0, "saddle"));
    }

    @Override
    public double f(double x, double y) {
        return x * x * x - 3 * x * y * y;
    }

    @Override
    public void gradient(double x, double y, double[] g) {
        g[0] = 3 * x * x - 3 * y * y;
        g[1] = -6 * x * y;
    }

    @Override
    public void hessian(double x, double y, double[] h) {
        symmetric(h, 6 * x, -6 * y, -6 * x);
    }
}

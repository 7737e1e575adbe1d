package org.optlab.engine.function;

import java.util.List;

/** Rastrigin's function f(x, y) = 20 + Σ (xᵢ² − 10 cos 2πxᵢ): a bowl covered in local minima, global minimum f(0, 0) = 0. */
public final class Rastrigin extends TestFunction {

    private static final double TWO_PI = 2 * Math.PI;

    @Override
    public String id() {
        return "rastrigin";
    }

    @Override
    public String formula() {
        return "20 + x² − 10 cos 2πx + y² − 10 cos 2πy";
    }

    @Override
    public Domain domain() {
        return new Domain(-5.12, 5.12, -5.12, 5.12);
    }

    @Override
    public double[] defaultStart() {
        return new double[] {3.2, -2.3};
    }

    @Override
    public List<CriticalPoint> criticalPoints() {
        return List.of(new CriticalPoint(0, 0, "global-minimum"));
    }

    @Override
    public double f(double x, double y) {
        return 20 + x * x - 10 * Math.cos(TWO_PI * x) + y * y - 10 * Math.cos(TWO_PI * y);
    }

    @Override
    public void gradient(double x, double y, double[] g) {
        g[0] = 2 * x + 10 * TWO_PI * Math.sin(TWO_PI * x);
        g[1] = 2 * y + 10 * TWO_PI * Math.sin(TWO_PI * y);
    }

    @Override
    public void hessian(double x, double y, double[] h) {
        double c = 10 * TWO_PI * TWO_PI;
        symmetric(h, 2 + c * Math.cos(TWO_PI * x), 0, 2 + c * Math.cos(TWO_PI * y));
    }
}

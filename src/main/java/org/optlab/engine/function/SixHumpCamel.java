package org.optlab.engine.function;

import java.util.List;

/**
 * The six-hump camel f(x, y) = (4 − 2.1x² + x⁴/3) x² + xy + (−4 + 4y²) y²: six local minima, two of them global with
 * f ≈ −1.0316 at (±0.0898, ∓0.7126).
 */
public final class SixHumpCamel extends TestFunction {

    @Override
    public String id() {
        return "six-hump-camel";
    }

    @Override
    public String formula() {
        return "(4 − 2.1x² + x⁴/3) x² + xy + (−4 + 4y²) y²";
    }

    @Override
    public Domain domain() {
        return new Domain(-2, 2, -1.2, 1.2);
    }

    @Override
    public double[] defaultStart() {
        return new double[] {-1.5, 1};
    }

    @Override
    public List<CriticalPoint> criticalPoints() {
        return List.of(
                new CriticalPoint(0.08984201368301331, -0.7126564032704135, "global-minimum"),
                new CriticalPoint(-0.08984201368301331, 0.7126564032704135, "global-minimum"),
                new CriticalPoint(-1.703606714, 0.7960835687, "local-minimum"),
                new CriticalPoint(1.703606714, -0.7960835687, "local-minimum"),
                new CriticalPoint(-1.607104753, -0.5686514549, "local-minimum"),
                new CriticalPoint(1.607104753, 0.5686514549, "local-minimum"));
    }

    @Override
    public double f(double x, double y) {
        double x2 = x * x;
        double y2 = y * y;
        return (4 - 2.1 * x2 + x2 * x2 / 3) * x2 + x * y + (-4 + 4 * y2) * y2;
    }

    @Override
    public void gradient(double x, double y, double[] g) {
        double x2 = x * x;
        g[0] = 8 * x - 8.4 * x2 * x + 2 * x2 * x2 * x + y;
        g[1] = x - 8 * y + 16 * y * y * y;
    }

    @Override
    public void hessian(double x, double y, double[] h) {
        double x2 = x * x;
        symmetric(h, 8 - 25.2 * x2 + 10 * x2 * x2, 1, -8 + 48 * y * y);
    }
}

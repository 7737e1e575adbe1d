package org.optlab.engine.function;

import java.util.List;

/**
 * Himmelblau's function f(x, y) = (x² + y − 11)² + (x + y² − 7)²: four minima with f = 0 and a local maximum near
 * (−0.2708, −0.9230).
 */
public final class Himmelblau extends TestFunction {

    @Override
    public String id() {
        return "himmelblau";
    }

    @Override
    public String formula() {
        return "(x² + y − 11)² + (x + y² − 7)²";
    }

    @Override
    public Domain domain() {
        return new Domain(-5, 5, -5, 5);
    }

    @Override
    public double[] defaultStart() {
        return new double[] {-1, 0};
    }

    @Override
    public List<CriticalPoint> criticalPoints() {
        return List.of(
                new CriticalPoint(3, 2, "global-minimum"),
                new CriticalPoint(-2.805118086952745, 3.131312518250573, "global-minimum"),
                new CriticalPoint(-3.779310253377747, -3.283185991286170, "global-minimum"),
                new CriticalPoint(3.584428340330492, -1.848126526964404, "global-minimum"),
                new CriticalPoint(-0.2708445906673476, -0.9230385564799815, "maximum"));
    }

    @Override
    public double f(double x, double y) {
        double a = x * x + y - 11;
        double b = x + y * y - 7;
        return a * a + b * b;
    }

    @Override
    public void gradient(double x, double y, double[] g) {
        double a = x * x + y - 11;
        double b = x + y * y - 7;
        g[0] = 4 * x * a + 2 * b;
        g[1] = 2 * a + 4 * y * b;
    }

    @Override
    public void hessian(double x, double y, double[] h) {
        double a = x * x + y - 11;
        double b = x + y * y - 7;
        symmetric(h, 4 * a + 8 * x * x + 2, 4 * x + 4 * y, 2 + 4 * b + 8 * y * y);
    }
}

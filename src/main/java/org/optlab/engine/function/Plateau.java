package org.optlab.engine.function;

import java.util.List;

/**
 * A well in a plateau (the book's §8.2.3, "other flat regions"): f(x, y) = 1 − exp(−(x² + y²)/2). With q = x² + y² and
 * e = exp(−q/2): ∇f = e (x, y), ∇²f = e [[1 − x², −xy], [−xy, 1 − y²]]. The one minimum is the origin (f = 0, ∇²f = I);
 * away from it f is nearly 1 and the gradient nearly zero (‖∇f‖ = r e^(−r²/2): 0.0013 at r = 4), so gradient descent
 * creeps across the plateau, while a method that divides by the gradient's size (RMSProp, Adam) crosses it at full step.
 */
public final class Plateau extends TestFunction {

    @Override
    public String id() {
        return "plateau";
    }

    @Override
    public String formula() {
        return "1 − exp(−(x² + y²)/2)";
    }

    @Override
    public Domain domain() {
        return new Domain(-5, 5, -5, 5);
    }

    @Override
    public double[] defaultStart() {
        return new double[] {4, 1};
    }

    @Override
    public List<CriticalPoint> criticalPoints() {
        return List.of(new CriticalPoint(0, 0, "global-minimum"));
    }

    @Override
    public double f(double x, double y) {
        return -Math.expm1(-(x * x + y * y) / 2);
    }

    @Override
    public void gradient(double x, double y, double[] g) {
        double e = Math.exp(-(x * x + y * y) / 2);
        g[0] = e * x;
        g[1] = e * y;
    }

    @Override
    public void hessian(double x, double y, double[] h) {
        double e = Math.exp(-(x * x + y * y) / 2);
        symmetric(h, e * (1 - x * x), -e * x * y, e * (1 - y * y));
    }
}

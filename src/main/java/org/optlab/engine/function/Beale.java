package org.optlab.engine.function;

import java.util.List;

/**
 * Beale's function f(x, y) = (1.5 − x + xy)² + (2.25 − x + xy²)² + (2.625 − x + xy³)², minimum f(3, 0.5) = 0.
 * Written as Σᵢ uᵢ² with uᵢ = cᵢ − x + x yⁱ, i = 1, 2, 3.
 */
public final class Beale extends TestFunction {

    private static final double[] C = {1.5, 2.25, 2.625};

    @Override
    public String id() {
        return "beale";
    }

    @Override
    public String formula() {
        return "(1.5 − x + xy)² + (2.25 − x + xy²)² + (2.625 − x + xy³)²";
    }

    @Override
    public Domain domain() {
        return new Domain(-4.5, 4.5, -4.5, 4.5);
    }

    @Override
    public double[] defaultStart() {
        return new double[] {1, 1.5};
    }

    @Override
    public List<CriticalPoint> criticalPoints() {
        return List.of(new CriticalPoint(3, 0.5, "global-minimum"));
    }

    @Override
    public double f(double x, double y) {
        double sum = 0;
        double yi = 1;
        for (int i = 1; i <= 3; i++) {
            yi *= y;
            double u = C[i - 1] - x + x * yi;
            sum += u * u;
        }
        return sum;
    }

    @Override
    public void gradient(double x, double y, double[] g) {
        double gx = 0;
        double gy = 0;
        for (int i = 1; i <= 3; i++) {
            double yi = Math.pow(y, i);
            double yim1 = Math.pow(y, i - 1);
            double u = C[i - 1] - x + x * yi;
            gx += 2 * u * (yi - 1);
            gy += 2 * u * i * x * yim1;
        }
        g[0] = gx;
        g[1] = gy;
    }

    @Override
    public void hessian(double x, double y, double[] h) {
        double hxx = 0;
        double hxy = 0;
        double hyy = 0;
        for (int i = 1; i <= 3; i++) {
            double yi = Math.pow(y, i);
            double yim1 = Math.pow(y, i - 1);
            double yim2 = i >= 2 ? Math.pow(y, i - 2) : 0;
            double u = C[i - 1] - x + x * yi;
            double ux = yi - 1;
            double uy = i * x * yim1;
            double uxy = i * yim1;
            double uyy = i * (i - 1) * x * yim2;
            hxx += 2 * ux * ux;
            hxy += 2 * (ux * uy + u * uxy);
            hyy += 2 * (uy * uy + u * uyy);
        }
        symmetric(h, hxx, hxy, hyy);
    }
}

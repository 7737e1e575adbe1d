package org.optlab.engine.function;

import java.util.List;

/**
 * The Goldstein–Price function f = A·B with A = 1 + p² q, p = x + y + 1, q = 19 − 14x + 3x² − 14y + 6xy + 3y², and
 * B = 30 + s² t, s = 2x − 3y, t = 18 − 32x + 12x² + 48y − 36xy + 27y². Global minimum f(0, −1) = 3, steep walls.
 */
public final class GoldsteinPrice extends TestFunction {

    @Override
    public String id() {
        return "goldstein-price";
    }

    @Override
    public String formula() {
        return "[1 + (x + y + 1)² (19 − 14x + 3x² − 14y + 6xy + 3y²)] · [30 + (2x − 3y)² (18 − 32x + 12x² + 48y − 36xy + 27y²)]";
    }

    @Override
    public Domain domain() {
        return new Domain(-2, 2, -3, 1);
    }

    @Override
    public double[] defaultStart() {
        return new double[] {-0.5, 0.5};
    }

    @Override
    public List<CriticalPoint> criticalPoints() {
        return List.of(new CriticalPoint(0, -1, "global-minimum"));
    }

    @Override
    public double f(double x, double y) {
        double p = x + y + 1;
        double q = 19 - 14 * x + 3 * x * x - 14 * y + 6 * x * y + 3 * y * y;
        double s = 2 * x - 3 * y;
        double t = 18 - 32 * x + 12 * x * x + 48 * y - 36 * x * y + 27 * y * y;
        return (1 + p * p * q) * (30 + s * s * t);
    }

    @Override
    public void gradient(double x, double y, double[] g) {
        double[] d = derivatives(x, y);
        g[0] = d[1];
        g[1] = d[2];
    }

    @Override
    public void hessian(double x, double y, double[] h) {
        double[] d = derivatives(x, y);
        symmetric(h, d[3], d[4], d[5]);
    }

    /** {f, f_x, f_y, f_xx, f_xy, f_yy} by the product and chain rules. */
    private static double[] derivatives(double x, double y) {
        // A = 1 + p² q, with p_x = p_y = 1.
        double p = x + y + 1;
        double q = 19 - 14 * x + 3 * x * x - 14 * y + 6 * x * y + 3 * y * y;
        double qx = -14 + 6 * x + 6 * y;
        double qy = -14 + 6 * x + 6 * y;
        double qxx = 6;
        double qxy = 6;
        double qyy = 6;
        double a = 1 + p * p * q;
        double ax = 2 * p * q + p * p * qx;
        double ay = 2 * p * q + p * p * qy;
        double axx = 2 * q + 4 * p * qx + p * p * qxx;
        double axy = 2 * q + 2 * p * qy + 2 * p * qx + p * p * qxy;
        double ayy = 2 * q + 4 * p * qy + p * p * qyy;
        // B = 30 + s² t, with s_x = 2, s_y = −3.
        double s = 2 * x - 3 * y;
        double sx = 2;
        double sy = -3;
        double t = 18 - 32 * x + 12 * x * x + 48 * y - 36 * x * y + 27 * y * y;
        double tx = -32 + 24 * x - 36 * y;
        double ty = 48 - 36 * x + 54 * y;
        double txx = 24;
        double txy = -36;
        double tyy = 54;
        double b = 30 + s * s * t;
        double bx = 2 * s * sx * t + s * s * tx;
        double by = 2 * s * sy * t + s * s * ty;
        double bxx = 2 * sx * sx * t + 4 * s * sx * tx + s * s * txx;
        double bxy = 2 * sx * sy * t + 2 * s * sx * ty + 2 * s * sy * tx + s * s * txy;
        double byy = 2 * sy * sy * t + 4 * s * sy * ty + s * s * tyy;
        return new double[] {
            a * b,
            ax * b + a * bx,
            ay * b + a * by,
            axx * b + 2 * ax * bx + a * bxx,
            axy * b + ax * by + ay * bx + a * bxy,
            ayy * b + 2 * ay * by + a * byy
        };
    }
}

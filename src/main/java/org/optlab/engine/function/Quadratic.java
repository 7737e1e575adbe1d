package org.optlab.engine.function;

import java.util.List;

/**
 * f(θ) = ½ θᵀAθ − bᵀθ with A symmetric: ∇f = Aθ − b, ∇²f = A. The lecture's model of an ill-conditioned valley when the
 * eigenvalues of A differ a lot (default A = diag(1, 10), b = 0).
 */
public final class Quadratic extends TestFunction {

    private final double a11;
    private final double a12;
    private final double a22;
    private final double b1;
    private final double b2;

    /** @param a a symmetric 2×2 matrix, @param b a vector of length 2 */
    public Quadratic(double[][] a, double[] b) {
        if (a[0][1] != a[1][0]) {
            throw new IllegalArgumentException("A must be symmetric");
        }
        this.a11 = a[0][0];
        this.a12 = a[0][1];
        this.a22 = a[1][1];
        this.b1 = b[0];
        this.b2 = b[1];
    }

    /** The default A = diag(1, 10): the lecture's narrow valley with condition number κ = 10. */
    public static double[][] standardA() {
        return new double[][] {{1, 0}, {0, 10}};
    }

    public static Quadratic standard() {
        return new Quadratic(standardA(), new double[] {0, 0});
    }

    @Override
    public String id() {
        return "quadratic";
    }

    @Override
    public String formula() {
        return "½ θᵀAθ − bᵀθ, A = [[" + num(a11) + ", " + num(a12) + "], [" + num(a12) + ", " + num(a22) + "]], b = ["
                + num(b1) + ", " + num(b2) + "]";
    }

    /**
     * The eigenvalues of a symmetric 2×2 matrix A = [[a11, a12], [a12, a22]] in closed form,
     * λ = (a11 + a22)/2 ± √(((a11 − a22)/2)² + a12²), smaller first, with what they tell gradient descent.
     */
    public record Spectrum(double lambdaMin, double lambdaMax) {

        /** The condition number κ = λmax/λmin of a positive-definite A; NaN otherwise. */
        public double conditionNumber() {
            return lambdaMin > 0 ? lambdaMax / lambdaMin : Double.NaN;
        }

        /** The largest stable learning rate of gradient descent, 2/λmax (§8.2.1); NaN when λmax ≤ 0. */
        public double largestStableRate() {
            return lambdaMax > 0 ? 2 / lambdaMax : Double.NaN;
        }

        /**
         * What the student reads beside the matrix: "λ = 1, 20 · κ = 20 · 2/λmax = 0.1" for a positive-definite A, else
         * what kind of critical point the quadratic has ("indefinite: a saddle, no minimum").
         */
        public String words() {
            String lambdas = "λ = " + num(lambdaMin) + ", " + num(lambdaMax);
            if (lambdaMin > 0) {
                return lambdas + " · κ = " + num(conditionNumber()) + " · 2/λmax = " + num(largestStableRate());
            }
            if (lambdaMin < 0 && lambdaMax > 0) {
                return lambdas + " · indefinite: a saddle, no minimum (f falls without end along one direction)";
            }
            if (lambdaMin == 0 && lambdaMax > 0) {
                return lambdas + " · singular: a flat valley floor, no single minimum (κ = ∞)";
            }
            if (lambdaMax < 0) {
                return lambdas + " · negative definite: a maximum, f falls without end";
            }
            return lambdas + " · no curvature along one direction and none or negative along the other: no minimum";
        }
    }

    /** The eigenvalues of the symmetric A (a[0][1] taken as a12 = a21). */
    public static Spectrum spectrum(double[][] a) {
        double mean = (a[0][0] + a[1][1]) / 2;
        double radius = Math.hypot((a[0][0] - a[1][1]) / 2, a[0][1]);
        return new Spectrum(mean - radius, mean + radius);
    }

    /** The eigenvalues of this quadratic's A. */
    public Spectrum spectrum() {
        return spectrum(new double[][] {{a11, a12}, {a12, a22}});
    }

    /** 20 as "20", 0.5 as "0.5", 1/3 as "0.333333": as a student would write it. */
    static String num(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return new java.math.BigDecimal(v).round(new java.math.MathContext(6)).stripTrailingZeros().toString();
    }

    @Override
    public Domain domain() {
        double[] c = center();
        return new Domain(c[0] - 2, c[0] + 2, c[1] - 2, c[1] + 2);
    }

    @Override
    public double[] defaultStart() {
        double[] c = center();
        return new double[] {c[0] - 1.5, c[1] + 1};
    }

    @Override
    public List<CriticalPoint> criticalPoints() {
        double det = a11 * a22 - a12 * a12;
        if (det == 0) {
            return List.of();
        }
        double[] c = center();
        double trace = a11 + a22;
        String kind = det < 0 ? "saddle" : trace > 0 ? "global-minimum" : "maximum";
        return List.of(new CriticalPoint(c[0], c[1], kind));
    }

    /** A⁻¹b, the critical point, or the origin when A is singular. */
    private double[] center() {
        double det = a11 * a22 - a12 * a12;
        if (det == 0) {
            return new double[] {0, 0};
        }
        return new double[] {(a22 * b1 - a12 * b2) / det, (a11 * b2 - a12 * b1) / det};
    }

    @Override
    public double f(double x, double y) {
        return 0.5 * (a11 * x * x + 2 * a12 * x * y + a22 * y * y) - (b1 * x + b2 * y);
    }

    @Override
    public void gradient(double x, double y, double[] g) {
        g[0] = a11 * x + a12 * y - b1;
        g[1] = a12 * x + a22 * y - b2;
    }

    @Override
    public void hessian(double x, double y, double[] h) {
        symmetric(h, a11, a12, a22);
    }
}

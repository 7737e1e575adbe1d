package org.optlab.engine.model;

/**
 * The hidden units' activation g(z) and its first two derivatives, written in terms of a = g(z) where that is cheaper:
 * tanh: g' = 1 − a², g'' = −2a(1 − a²); ReLU: g' = [z &gt; 0], g'' = 0 (for z ≠ 0; at z = 0, where neither exists,
 * both are taken as 0); sigmoid: g' = a(1 − a), g'' = a(1 − a)(1 − 2a).
 */
public enum Activation {
    TANH("tanh"),
    RELU("relu"),
    SIGMOID("sigmoid");

    private final String id;

    Activation(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static Activation byId(String id) {
        for (Activation a : values()) {
            if (a.id.equals(id)) {
                return a;
            }
        }
        return null;
    }

    double apply(double z) {
        return switch (this) {
            case TANH -> tanh(z);
            case RELU -> z > 0 ? z : 0;
            case SIGMOID -> OutputLoss.sigmoid(z);
        };
    }

    /**
     * tanh z, within 4 units in the last place of {@link Math#tanh} (checked by {@code ActivationTest}) and about three
     * times faster, since {@code Math.tanh} is a native call in Java 17: for |z| &lt; 0.2 its Taylor series
     * z − z³/3 + 2z⁵/15 − … to the z¹⁹ term (the next is below 10⁻¹⁷ relative), else (1 − e)/(1 + e) with e = e^(−2|z|),
     * and ±1 from |z| = 22 on (where tanh rounds to 1). Only + − × ÷ and {@link StrictMath#exp}, whose result Java fixes
     * bit for bit, so tanh is the same on every machine.
     */
    static double tanh(double z) {
        double x = Math.abs(z);
        if (!(x < 22)) {
            return Double.isNaN(z) ? z : Math.copySign(1.0, z);
        }
        double t;
        if (x < 0.2) {
            double s = x * x;
            t = x + x * s * (-1.0 / 3 + s * (0.13333333333333333 + s * (-0.05396825396825397
                    + s * (0.021869488536155203 + s * (-0.008863235529902197 + s * (0.003592128036572481
                    + s * (-0.0014558343870513183 + s * (0.000590027440945586 + s * -0.00023912911424355248))))))));
        } else {
            double e = StrictMath.exp(-2 * x);
            t = (1 - e) / (1 + e);
        }
        return Math.copySign(t, z);
    }

    /**
     * out[t] = g(z[t]) for t &lt; n, bit for bit as {@link #apply} (z and out distinct arrays; hi, lo and scale scratch
     * of n values). For tanh, e = e^(−2|z|) of the range 0.2 ≤ |z| &lt; 22 is computed the way {@link StrictMath#exp}
     * (fdlibm's exp) computes it, operation for operation, but for the whole row in passes, so that the JIT vectorises
     * the polynomial and the divisions, which one value at a time it cannot: with u = −2|z| (−44 &lt; u ≤ −0.4),
     * <ul>
     *   <li>the reduction k = (int)(u/ln 2 − ½), hi = u − k·ln2HI, lo = k·ln2LO (for |u| &lt; 1.5 ln 2 fdlibm sets
     *       k = −1, hi = u + ln2HI and lo = −ln2LO, which this formula gives as well there);</li>
     *   <li>r = hi − lo, c = r − r²(P1 + r²(P2 + …)), y = 1 − ((lo − r·c/(2 − c)) − hi);</li>
     *   <li>e = y·2ᵏ, a multiplication by a power of two that is exact here (fdlibm adds k to y's exponent: the same
     *       bits while the result is a normal number, as it is for k ≥ −64);</li>
     * </ul>
     * then tanh = ±(1 − e)/(1 + e). The values outside that range (the Taylor series below 0.2, ±1 from 22 on, NaN)
     * are then recomputed one at a time by {@link #tanh}. {@code ActivationTest} compares the two on millions of values.
     */
    void applyRow(double[] z, double[] out, int n, double[] hi, double[] lo, double[] scale) {
        if (this != TANH) {
            for (int t = 0; t < n; t++) {
                out[t] = apply(z[t]);
            }
            return;
        }
        for (int t = 0; t < n; t++) {
            double u = -2 * Math.abs(z[t]);
            int k = (int) (INV_LN2 * u - 0.5);
            double kt = k;
            hi[t] = u - kt * LN2_HI;
            lo[t] = kt * LN2_LO;
            scale[t] = Double.longBitsToDouble((long) (1023 + k) << 52);
        }
        for (int t = 0; t < n; t++) {
            double h = hi[t];
            double l = lo[t];
            double r = h - l;
            double s = r * r;
            double c = r - s * (P1 + s * (P2 + s * (P3 + s * (P4 + s * P5))));
            double e = (1.0 - ((l - (r * c) / (2.0 - c)) - h)) * scale[t];
            out[t] = (1 - e) / (1 + e);
        }
        for (int t = 0; t < n; t++) {
            out[t] = Math.copySign(out[t], z[t]);
        }
        for (int t = 0; t < n; t++) {
            double x = Math.abs(z[t]);
            if (!(x >= 0.2 && x < 22)) {
                out[t] = tanh(z[t]);
            }
        }
    }

    /** fdlibm's exp constants (e_exp.c): ln 2 split in two, 1/ln 2, and the polynomial's coefficients. */
    private static final double LN2_HI = 6.93147180369123816490e-01;
    private static final double LN2_LO = 1.90821492927058770002e-10;
    private static final double INV_LN2 = 1.44269504088896338700e+00;
    private static final double P1 = 1.66666666666666019037e-01;
    private static final double P2 = -2.77777777770155933842e-03;
    private static final double P3 = 6.61375632143793436117e-05;
    private static final double P4 = -1.65339022054652515390e-06;
    private static final double P5 = 4.13813679705723846039e-08;

    /** g'(z) given z and a = g(z). */
    double derivative(double z, double a) {
        return switch (this) {
            case TANH -> 1 - a * a;
            case RELU -> z > 0 ? 1 : 0;
            case SIGMOID -> a * (1 - a);
        };
    }

    /** g''(z) given z and a = g(z). */
    double secondDerivative(double z, double a) {
        return switch (this) {
            case TANH -> -2 * a * (1 - a * a);
            case RELU -> 0;
            case SIGMOID -> a * (1 - a) * (1 - 2 * a);
        };
    }
}

package org.optlab.engine.model;

/**
 * The output layer's loss L(z, y) on the logits z of one example, with its first and second derivatives in z. Computed
 * stably: softplus and log-sum-exp never overflow. exp and log are {@link StrictMath}'s, whose results Java fixes bit for
 * bit: {@code Math.exp} and {@code Math.log} are replaced by the JIT with processor-specific code that differs from them
 * in the last bit for about one argument in ten (measured on this JDK 17 on x86), so a run would not be the same on
 * every machine.
 */
public enum OutputLoss {
    /** Regression: one output ŷ = z, L = (ŷ − y)². */
    SQUARED,
    /** Two classes: one logit z, L = −[y log σ(z) + (1 − y) log(1 − σ(z))] = softplus(z) − y z. */
    BINARY_CROSS_ENTROPY,
    /** k classes: k logits, L = log Σ exp z_c − z_y. */
    SOFTMAX_CROSS_ENTROPY;

    /** The number of outputs for a task with {@code classes} classes (0 for regression). */
    public int outputs(int classes) {
        return this == SOFTMAX_CROSS_ENTROPY ? classes : 1;
    }

    /** The loss that fits the examples' task: squared error, binary or softmax cross-entropy. */
    public static OutputLoss forTask(Examples data) {
        if (!data.isClassification()) {
            return SQUARED;
        }
        return data.classes() == 2 ? BINARY_CROSS_ENTROPY : SOFTMAX_CROSS_ENTROPY;
    }

    /**
     * L(z, y⁽ⁱ⁾) for example i, writing ∂L/∂z into {@code dz} (length o) when it is not null and, for the softmax,
     * the probabilities into {@code p}.
     */
    public double loss(double[] z, Examples data, int i, double[] dz, double[] p) {
        switch (this) {
            case SQUARED -> {
                double r = z[0] - data.y(i);
                if (dz != null) {
                    dz[0] = 2 * r;
                }
                return r * r;
            }
            case BINARY_CROSS_ENTROPY -> {
                double zi = z[0];
                double yi = data.label(i);
                if (dz != null) {
                    dz[0] = sigmoid(zi) - yi;
                }
                return softplus(zi) - yi * zi;
            }
            default -> {
                double max = max(z);
                double sum = probabilities(z, max, p);
                if (dz != null) {
                    softmaxDerivative(data.label(i), p, dz);
                }
                return max + StrictMath.log(sum) - z[data.label(i)];
            }
        }
    }

    /**
     * ∂L/∂z for example i into {@code dz} (length o) and, for the softmax, the probabilities into {@code p}: the values
     * {@link #loss} writes, bit for bit, without computing the loss itself (a gradient pass does not use it).
     */
    public void derivative(double[] z, Examples data, int i, double[] dz, double[] p) {
        switch (this) {
            case SQUARED -> dz[0] = 2 * (z[0] - data.y(i));
            case BINARY_CROSS_ENTROPY -> dz[0] = sigmoid(z[0]) - data.label(i);
            default -> {
                probabilities(z, max(z), p);
                softmaxDerivative(data.label(i), p, dz);
            }
        }
    }

    private static double max(double[] z) {
        double max = z[0];
        for (int c = 1; c < z.length; c++) {
            max = Math.max(max, z[c]);
        }
        return max;
    }

    /** p = softmax(z), as exp(z_c − max) / Σ exp(z_c′ − max); returns the sum. */
    private static double probabilities(double[] z, double max, double[] p) {
        int k = z.length;
        double sum = 0;
        for (int c = 0; c < k; c++) {
            p[c] = StrictMath.exp(z[c] - max);
            sum += p[c];
        }
        for (int c = 0; c < k; c++) {
            p[c] /= sum;
        }
        return sum;
    }

    private static void softmaxDerivative(int y, double[] p, double[] dz) {
        for (int c = 0; c < p.length; c++) {
            dz[c] = p[c] - (c == y ? 1 : 0);
        }
    }

    /** ∂²L/∂z∂z for example i into {@code d2} (o×o), given the probabilities p computed by {@link #loss} for the softmax. */
    public void secondDerivative(double[] z, double[] p, double[] d2) {
        switch (this) {
            case SQUARED -> d2[0] = 2;
            case BINARY_CROSS_ENTROPY -> {
                double s = sigmoid(z[0]);
                d2[0] = s * (1 - s);
            }
            default -> {
                int k = z.length;
                for (int c = 0; c < k; c++) {
                    for (int c2 = 0; c2 < k; c2++) {
                        d2[c * k + c2] = (c == c2 ? p[c] : 0) - p[c] * p[c2];
                    }
                }
            }
        }
    }

    /** True when the logits z predict the class of example i. */
    public boolean correct(double[] z, Examples data, int i) {
        return switch (this) {
            case SQUARED -> false;
            case BINARY_CROSS_ENTROPY -> (z[0] > 0 ? 1 : 0) == data.label(i);
            default -> {
                int best = 0;
                for (int c = 1; c < z.length; c++) {
                    if (z[c] > z[best]) {
                        best = c;
                    }
                }
                yield best == data.label(i);
            }
        };
    }

    /** The class the logits z predict (classification). */
    public int predictedClass(double[] z) {
        if (this == BINARY_CROSS_ENTROPY) {
            return z[0] > 0 ? 1 : 0;
        }
        int best = 0;
        for (int c = 1; c < z.length; c++) {
            if (z[c] > z[best]) {
                best = c;
            }
        }
        return best;
    }

    /** σ(z) = 1 / (1 + e⁻ᶻ), without overflow. */
    public static double sigmoid(double z) {
        if (z >= 0) {
            return 1 / (1 + StrictMath.exp(-z));
        }
        double e = StrictMath.exp(z);
        return e / (1 + e);
    }

    /** log(1 + eᶻ), without overflow. */
    public static double softplus(double z) {
        return Math.max(z, 0) + StrictMath.log1p(StrictMath.exp(-Math.abs(z)));
    }
}

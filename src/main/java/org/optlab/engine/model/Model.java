package org.optlab.engine.model;

import java.util.Random;

/**
 * A model f(x; θ) with its loss, as an objective over examples: J(θ) = (1/m) Σᵢ L(f(x⁽ⁱ⁾; θ), y⁽ⁱ⁾) + λ‖w‖²/2 over the
 * examples {@code idx[0..m)}, where the weight decay λ excludes the biases.
 *
 * <p>θ is a flat {@code double[]}; a model holds scratch buffers, so one instance serves one run at a time.
 */
public abstract class Model {

    /** Newton needs the Hessian: it is offered for models of at most this many parameters. */
    public static final int MAX_HESSIAN_PARAMETERS = 2000;

    protected final OutputLoss outputLoss;
    protected final double weightDecay;

    protected Model(OutputLoss outputLoss, double weightDecay) {
        this.outputLoss = outputLoss;
        this.weightDecay = weightDecay;
    }

    /** The number of parameters n. */
    public abstract int parameterCount();

    /** True when θ_p is a bias (excluded from the weight decay). */
    public abstract boolean isBias(int p);

    /** Sets θ₀: zeros, or Glorot-uniform weights (biases 0) drawn from {@code random}. */
    public abstract void initialize(double[] theta, boolean glorot, Random random);

    private final int[] ignoredCount = new int[1];

    /** The data part of the loss, (1/m) Σ L, over the examples idx[0..m). */
    protected double dataLoss(double[] theta, Examples data, int[] idx, int m) {
        return evaluate(theta, data, idx, m, ignoredCount);
    }

    /** Adds the gradient of the data part into g (zeroed by the caller). */
    protected abstract void addDataGradient(double[] theta, Examples data, int[] idx, int m, double[] g);

    /** Writes the Hessian of the data part into h (n×n, row-major). */
    protected abstract void dataHessian(double[] theta, Examples data, int[] idx, int m, double[] h);

    /**
     * One pass over the examples idx[0..m): returns the mean loss (1/m) Σ L without weight decay, and writes into
     * {@code correct[0]} how many of them the model classifies right (0 for regression).
     */
    public abstract double evaluate(double[] theta, Examples data, int[] idx, int m, int[] correct);

    /** The output logits f(x; θ) of one example x (d features, standardised) into {@code z}. */
    public abstract void logits(double[] theta, double[] x, double[] z);

    /** The number of outputs. */
    public abstract int outputs();

    public OutputLoss outputLoss() {
        return outputLoss;
    }

    /** J(θ) on the examples idx[0..m). */
    public final double loss(double[] theta, Examples data, int[] idx, int m) {
        return dataLoss(theta, data, idx, m) + penalty(theta);
    }

    /** The weight decay term λ‖w‖²/2 at θ (biases excluded). */
    public final double penalty(double[] theta) {
        if (weightDecay == 0) {
            return 0;
        }
        double s = 0;
        for (int p = 0; p < theta.length; p++) {
            if (!isBias(p)) {
                s += theta[p] * theta[p];
            }
        }
        return 0.5 * weightDecay * s;
    }

    /** ∇J(θ) on the examples idx[0..m) into g. */
    public final void gradient(double[] theta, Examples data, int[] idx, int m, double[] g) {
        java.util.Arrays.fill(g, 0);
        addDataGradient(theta, data, idx, m, g);
        if (weightDecay != 0) {
            for (int p = 0; p < g.length; p++) {
                if (!isBias(p)) {
                    g[p] += weightDecay * theta[p];
                }
            }
        }
    }

    /** ∇²J(θ) on the examples idx[0..m) into h (n×n, row-major). */
    public final void hessian(double[] theta, Examples data, int[] idx, int m, double[] h) {
        dataHessian(theta, data, idx, m, h);
        if (weightDecay != 0) {
            int n = parameterCount();
            for (int p = 0; p < n; p++) {
                if (!isBias(p)) {
                    h[p * n + p] += weightDecay;
                }
            }
        }
    }

    /** Glorot-uniform bound √(6 / (fan_in + fan_out)). */
    protected static double glorotBound(int fanIn, int fanOut) {
        return Math.sqrt(6.0 / (fanIn + fanOut));
    }
}

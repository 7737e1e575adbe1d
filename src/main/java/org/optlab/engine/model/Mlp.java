package org.optlab.engine.model;

import java.util.Arrays;
import java.util.Random;

/**
 * A multilayer perceptron: hidden layers h⁽ˡ⁾ = g(W⁽ˡ⁾ h⁽ˡ⁻¹⁾ + b⁽ˡ⁾) with activation g, then an affine output layer and
 * the loss that fits the task (squared error, binary or softmax cross-entropy). The gradient is exact, by
 * backpropagation over the flat θ with buffers reused across steps; the Hessian is central differences of that gradient,
 * symmetrised, offered up to {@link Model#MAX_HESSIAN_PARAMETERS} parameters.
 *
 * <p>θ = for each layer l: W⁽ˡ⁾ (out×in, row-major), then b⁽ˡ⁾.
 */
public final class Mlp extends Model {

    private final int[] sizes;
    private final Activation g;
    private final int[] weightOffset;
    private final int[] biasOffset;
    private final int n;
    private final double[][] z;
    private final double[][] a;
    private final double[][] delta;
    private final double[] p;
    private double[] gPlus;
    private double[] gMinus;
    private double[] thetaShift;

    /** @param sizes the layer sizes: d, the hidden sizes, then the number of outputs */
    public Mlp(int[] sizes, Activation activation, OutputLoss loss, double weightDecay) {
        super(loss, weightDecay);
        this.sizes = sizes.clone();
        this.g = activation;
        int layers = sizes.length - 1;
        this.weightOffset = new int[layers];
        this.biasOffset = new int[layers];
        int offset = 0;
        for (int l = 0; l < layers; l++) {
            weightOffset[l] = offset;
            offset += sizes[l + 1] * sizes[l];
            biasOffset[l] = offset;
            offset += sizes[l + 1];
        }
        this.n = offset;
        this.z = new double[layers][];
        this.a = new double[layers + 1][];
        this.delta = new double[layers][];
        for (int l = 0; l < layers; l++) {
            z[l] = new double[sizes[l + 1]];
            a[l + 1] = new double[sizes[l + 1]];
            delta[l] = new double[sizes[l + 1]];
        }
        a[0] = new double[sizes[0]];
        this.p = new double[sizes[layers]];
    }

    /** The number of parameters of an MLP with these layer sizes. */
    public static long parameterCount(int[] sizes) {
        long count = 0;
        for (int l = 0; l + 1 < sizes.length; l++) {
            count += (long) sizes[l + 1] * sizes[l] + sizes[l + 1];
        }
        return count;
    }

    @Override
    public int parameterCount() {
        return n;
    }

    @Override
    public boolean isBias(int index) {
        for (int l = 0; l < biasOffset.length; l++) {
            if (index >= biasOffset[l] && index < biasOffset[l] + sizes[l + 1]) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void initialize(double[] theta, boolean glorot, Random random) {
        Arrays.fill(theta, 0);
        if (!glorot) {
            return;
        }
        for (int l = 0; l < weightOffset.length; l++) {
            double bound = glorotBound(sizes[l], sizes[l + 1]);
            for (int i = 0; i < sizes[l + 1] * sizes[l]; i++) {
                theta[weightOffset[l] + i] = (2 * random.nextDouble() - 1) * bound;
            }
        }
    }

    /** Forward pass for example i; the output logits are z[last]. */
    private void forward(double[] theta, Examples data, int i) {
        int d = sizes[0];
        System.arraycopy(data.xArray(), i * d, a[0], 0, d);
        int layers = weightOffset.length;
        for (int l = 0; l < layers; l++) {
            int in = sizes[l];
            int out = sizes[l + 1];
            double[] input = a[l];
            double[] zl = z[l];
            int w = weightOffset[l];
            int b = biasOffset[l];
            for (int j = 0; j < out; j++) {
                zl[j] = theta[b + j] + dot(theta, w + j * in, input, in);
            }
            if (l < layers - 1) {
                double[] al = a[l + 1];
                for (int j = 0; j < out; j++) {
                    al[j] = g.apply(zl[j]);
                }
            }
        }
    }

    @Override
    public void logits(double[] theta, double[] x, double[] out) {
        forward(theta, Examples.regression(sizes[0], x, new double[1]), 0);
        System.arraycopy(z[z.length - 1], 0, out, 0, out.length);
    }

    @Override
    public int outputs() {
        return sizes[sizes.length - 1];
    }

    /** Σ_k w[offset + k]·x[k] for k &lt; length, with four partial sums (a fixed order: results are reproducible). */
    private static double dot(double[] w, int offset, double[] x, int length) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int k = 0;
        for (; k + 3 < length; k += 4) {
            s0 += w[offset + k] * x[k];
            s1 += w[offset + k + 1] * x[k + 1];
            s2 += w[offset + k + 2] * x[k + 2];
            s3 += w[offset + k + 3] * x[k + 3];
        }
        for (; k < length; k++) {
            s0 += w[offset + k] * x[k];
        }
        return (s0 + s1) + (s2 + s3);
    }

    @Override
    protected void addDataGradient(double[] theta, Examples data, int[] idx, int m, double[] grad) {
        int layers = weightOffset.length;
        double scale = 1.0 / m;
        for (int r = 0; r < m; r++) {
            int i = idx[r];
            forward(theta, data, i);
            double[] top = delta[layers - 1];
            outputLoss.loss(z[layers - 1], data, i, top, p);
            for (int j = 0; j < top.length; j++) {
                top[j] *= scale;
            }
            for (int l = layers - 1; l >= 0; l--) {
                int in = sizes[l];
                int out = sizes[l + 1];
                double[] dl = delta[l];
                double[] input = a[l];
                int w = weightOffset[l];
                int b = biasOffset[l];
                for (int j = 0; j < out; j++) {
                    double dj = dl[j];
                    grad[b + j] += dj;
                    int row = w + j * in;
                    for (int k = 0; k < in; k++) {
                        grad[row + k] += dj * input[k];
                    }
                }
                if (l > 0) {
                    double[] below = delta[l - 1];
                    Arrays.fill(below, 0);
                    for (int j = 0; j < out; j++) {
                        double dj = dl[j];
                        int row = w + j * in;
                        for (int k = 0; k < in; k++) {
                            below[k] += theta[row + k] * dj;
                        }
                    }
                    double[] zb = z[l - 1];
                    for (int k = 0; k < in; k++) {
                        below[k] *= g.derivative(zb[k], input[k]);
                    }
                }
            }
        }
    }

    @Override
    protected void dataHessian(double[] theta, Examples data, int[] idx, int m, double[] h) {
        if (n > MAX_HESSIAN_PARAMETERS) {
            throw new IllegalStateException("the MLP's Hessian is offered up to " + MAX_HESSIAN_PARAMETERS
                    + " parameters; this one has " + n);
        }
        if (gPlus == null) {
            gPlus = new double[n];
            gMinus = new double[n];
            thetaShift = new double[n];
        }
        System.arraycopy(theta, 0, thetaShift, 0, n);
        for (int q = 0; q < n; q++) {
            double step = 1e-5 * Math.max(1, Math.abs(theta[q]));
            thetaShift[q] = theta[q] + step;
            Arrays.fill(gPlus, 0);
            addDataGradient(thetaShift, data, idx, m, gPlus);
            thetaShift[q] = theta[q] - step;
            Arrays.fill(gMinus, 0);
            addDataGradient(thetaShift, data, idx, m, gMinus);
            thetaShift[q] = theta[q];
            for (int r = 0; r < n; r++) {
                h[r * n + q] = (gPlus[r] - gMinus[r]) / (2 * step);
            }
        }
        for (int r = 0; r < n; r++) {
            for (int q = r + 1; q < n; q++) {
                double mean = 0.5 * (h[r * n + q] + h[q * n + r]);
                h[r * n + q] = mean;
                h[q * n + r] = mean;
            }
        }
    }

    @Override
    public double evaluate(double[] theta, Examples data, int[] idx, int m, int[] correct) {
        double[] out = z[z.length - 1];
        double sum = 0;
        int count = 0;
        for (int r = 0; r < m; r++) {
            int i = idx[r];
            forward(theta, data, i);
            sum += outputLoss.loss(out, data, i, null, p);
            if (outputLoss.correct(out, data, i)) {
                count++;
            }
        }
        correct[0] = count;
        return sum / m;
    }
}

package org.optlab.engine.model;

import java.util.Random;

/**
 * One affine layer z = W x + b followed by the output loss: {@code linear} regression (mean squared error),
 * {@code logistic} regression (two classes, binary cross-entropy on the logit) or {@code softmax} regression (k classes,
 * cross-entropy). Gradient and Hessian are exact: with x̃ = (x, 1),
 * ∇J = (1/m) Σᵢ ∂L/∂z ⊗ x̃⁽ⁱ⁾ and ∇²J = (1/m) Σᵢ ∂²L/∂z² ⊗ x̃⁽ⁱ⁾x̃⁽ⁱ⁾ᵀ.
 *
 * <p>θ = (W row-major, o×d, then b, o values).
 */
public final class LinearModel extends Model {

    private final int d;
    private final int o;
    private final double[] z;
    private final double[] dz;
    private final double[] p;
    private final double[] d2;
    private final double[] xTilde;

    /** @param outputs o: 1 for linear and logistic regression, k for softmax regression */
    public LinearModel(OutputLoss loss, int features, int outputs, double weightDecay) {
        super(loss, weightDecay);
        this.d = features;
        this.o = outputs;
        this.z = new double[o];
        this.dz = new double[o];
        this.p = new double[o];
        this.d2 = new double[o * o];
        this.xTilde = new double[d + 1];
    }

    @Override
    public int parameterCount() {
        return o * d + o;
    }

    @Override
    public boolean isBias(int index) {
        return index >= o * d;
    }

    /** The index in θ of the coefficient of x̃_j (j = d for the bias) in output c. */
    private int index(int c, int j) {
        return j < d ? c * d + j : o * d + c;
    }

    @Override
    public void initialize(double[] theta, boolean glorot, Random random) {
        java.util.Arrays.fill(theta, 0);
        if (glorot) {
            double bound = glorotBound(d, o);
            for (int i = 0; i < o * d; i++) {
                theta[i] = (2 * random.nextDouble() - 1) * bound;
            }
        }
    }

    private void logits(double[] theta, double[] x, int row) {
        int base = row * d;
        for (int c = 0; c < o; c++) {
            double s = theta[o * d + c];
            int w = c * d;
            for (int j = 0; j < d; j++) {
                s += theta[w + j] * x[base + j];
            }
            z[c] = s;
        }
    }

    @Override
    public void logits(double[] theta, double[] x, double[] out) {
        logits(theta, x, 0);
        System.arraycopy(z, 0, out, 0, o);
    }

    @Override
    public int outputs() {
        return o;
    }

    @Override
    protected void addDataGradient(double[] theta, Examples data, int[] idx, int m, double[] g) {
        double[] x = data.xArray();
        double scale = 1.0 / m;
        for (int r = 0; r < m; r++) {
            int i = idx[r];
            logits(theta, x, i);
            outputLoss.loss(z, data, i, dz, p);
            int base = i * d;
            for (int c = 0; c < o; c++) {
                double gc = dz[c] * scale;
                int w = c * d;
                for (int j = 0; j < d; j++) {
                    g[w + j] += gc * x[base + j];
                }
                g[o * d + c] += gc;
            }
        }
    }

    @Override
    protected void dataHessian(double[] theta, Examples data, int[] idx, int m, double[] h) {
        int n = parameterCount();
        java.util.Arrays.fill(h, 0);
        double[] x = data.xArray();
        double scale = 1.0 / m;
        for (int r = 0; r < m; r++) {
            int i = idx[r];
            logits(theta, x, i);
            outputLoss.loss(z, data, i, dz, p);
            outputLoss.secondDerivative(z, p, d2);
            System.arraycopy(x, i * d, xTilde, 0, d);
            xTilde[d] = 1;
            for (int c = 0; c < o; c++) {
                for (int c2 = c; c2 < o; c2++) {
                    double w = d2[c * o + c2] * scale;
                    if (w == 0) {
                        continue;
                    }
                    for (int j = 0; j <= d; j++) {
                        int row = index(c, j) * n;
                        double wx = w * xTilde[j];
                        for (int j2 = 0; j2 <= d; j2++) {
                            h[row + index(c2, j2)] += wx * xTilde[j2];
                        }
                    }
                }
            }
        }
        // Only blocks with c ≤ c2 were summed: mirror them into the lower blocks.
        for (int c = 0; c < o; c++) {
            for (int c2 = c + 1; c2 < o; c2++) {
                for (int j = 0; j <= d; j++) {
                    for (int j2 = 0; j2 <= d; j2++) {
                        h[index(c2, j2) * n + index(c, j)] = h[index(c, j) * n + index(c2, j2)];
                    }
                }
            }
        }
    }

    @Override
    public double evaluate(double[] theta, Examples data, int[] idx, int m, int[] correct) {
        double[] x = data.xArray();
        double sum = 0;
        int count = 0;
        for (int r = 0; r < m; r++) {
            int i = idx[r];
            logits(theta, x, i);
            sum += outputLoss.loss(z, data, i, null, p);
            if (outputLoss.correct(z, data, i)) {
                count++;
            }
        }
        correct[0] = count;
        return sum / m;
    }
}

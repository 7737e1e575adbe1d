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
    /** Wᵀ (d×o), and a block of up to {@value #ROWS} gathered examples with their logits and ∂L/∂z. */
    private final double[] wt;
    private final double[] blockX;
    private final double[] blockZ;
    private final double[] blockDz;
    private final double[] blockD2;

    /** The examples of a pass are processed in blocks of this many rows (the results do not depend on it). */
    static final int ROWS = 64;

    /** @param outputs o: 1 for linear and logistic regression, k for softmax regression */
    public LinearModel(OutputLoss loss, int features, int outputs, double weightDecay) {
        super(loss, weightDecay);
        this.d = features;
        this.o = outputs;
        this.z = new double[o];
        this.dz = new double[o];
        this.p = new double[o];
        this.d2 = new double[o * o];
        this.wt = new double[d * o];
        this.blockX = new double[ROWS * d];
        this.blockZ = new double[ROWS * o];
        this.blockDz = new double[ROWS * o];
        this.blockD2 = new double[ROWS * o * o];
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

    /**
     * The logits Z = X Wᵀ + b of the examples idx[from … from + rows) into blockZ, after Wᵀ was put in {@link #wt}:
     * z_c = b_c + Σ_j w_cj x_j, summed in ascending j (see {@link Kernels#times}).
     */
    private void logitsBlock(double[] theta, Examples data, int[] idx, int from, int rows) {
        Kernels.gather(data.xArray(), d, idx, from, rows, blockX);
        Kernels.times(blockX, rows, d, wt, 0, o, theta, o * d, blockZ);
    }

    @Override
    public void logits(double[] theta, double[] x, double[] out) {
        Kernels.transpose(theta, 0, o, d, wt);
        Kernels.times(x, 1, d, wt, 0, o, theta, o * d, z);
        System.arraycopy(z, 0, out, 0, o);
    }

    @Override
    public int outputs() {
        return o;
    }

    /** ∇J += (1/m) Dᵀ X̃ block by block, D the rows ∂L/∂z: every entry summed over the examples in their order. */
    @Override
    protected void addDataGradient(double[] theta, Examples data, int[] idx, int m, double[] g) {
        double scale = 1.0 / m;
        Kernels.transpose(theta, 0, o, d, wt);
        for (int from = 0; from < m; from += ROWS) {
            int rows = Math.min(ROWS, m - from);
            logitsBlock(theta, data, idx, from, rows);
            for (int r = 0; r < rows; r++) {
                System.arraycopy(blockZ, r * o, z, 0, o);
                outputLoss.loss(z, data, idx[from + r], dz, p);
                for (int c = 0; c < o; c++) {
                    blockDz[r * o + c] = dz[c] * scale;
                }
            }
            Kernels.addTransposeTimes(blockDz, rows, o, blockX, d, g, 0);
            Kernels.addColumnSums(blockDz, rows, o, g, o * d);
        }
    }

    /**
     * ∇²J = (1/m) Σᵢ ∂²L/∂z² ⊗ x̃⁽ⁱ⁾x̃⁽ⁱ⁾ᵀ. Only the upper triangle is summed (blocks c ≤ c2, and within a diagonal block
     * the entries j ≤ j2), each entry as Σᵢ ((1/m) ∂²Lᵢ/∂z_c∂z_c2 · x̃ᵢⱼ) · x̃ᵢⱼ₂ over the examples in their order, a block
     * of examples at a time so that a row of H stays in cache; the lower triangle is its mirror, so H is exactly
     * symmetric.
     */
    @Override
    protected void dataHessian(double[] theta, Examples data, int[] idx, int m, double[] h) {
        int n = parameterCount();
        java.util.Arrays.fill(h, 0);
        double scale = 1.0 / m;
        Kernels.transpose(theta, 0, o, d, wt);
        double[] curvature = blockDz;
        for (int from = 0; from < m; from += ROWS) {
            int rows = Math.min(ROWS, m - from);
            logitsBlock(theta, data, idx, from, rows);
            for (int r = 0; r < rows; r++) {
                System.arraycopy(blockZ, r * o, z, 0, o);
                outputLoss.loss(z, data, idx[from + r], null, p);
                outputLoss.secondDerivative(z, p, d2);
                System.arraycopy(d2, 0, blockD2, r * o * o, o * o);
            }
            for (int c = 0; c < o; c++) {
                for (int c2 = c; c2 < o; c2++) {
                    boolean any = false;
                    for (int r = 0; r < rows; r++) {
                        curvature[r] = blockD2[r * o * o + c * o + c2] * scale;
                        any |= curvature[r] != 0;
                    }
                    if (any) {
                        addCurvatureBlock(h, n, c, c2, curvature, rows);
                    }
                }
            }
        }
        // mirror the upper triangle (in x̃ order) into the lower one
        for (int c = 0; c < o; c++) {
            for (int c2 = c; c2 < o; c2++) {
                for (int j = 0; j <= d; j++) {
                    for (int j2 = c2 == c ? j + 1 : 0; j2 <= d; j2++) {
                        h[index(c2, j2) * n + index(c, j)] = h[index(c, j) * n + index(c2, j2)];
                    }
                }
            }
        }
    }

    /**
     * H[(c, j)][(c2, j2)] += Σ_r (w_r x̃_rj) x̃_rj2 over the block's rows r in order, for j2 ≥ j when c = c2: the weights'
     * columns are contiguous in θ, the bias column (x̃_d = 1) is added on its own.
     */
    private void addCurvatureBlock(double[] h, int n, int c, int c2, double[] w, int rows) {
        for (int j = 0; j <= d; j++) {
            int row = index(c, j) * n;
            int first = c == c2 ? j : 0;
            int columns = row + c2 * d;
            int bias = row + o * d + c2;
            for (int r = 0; r < rows; r++) {
                int x0 = r * d;
                double wx = j < d ? w[r] * blockX[x0 + j] : w[r];
                for (int j2 = first; j2 < d; j2++) {
                    h[columns + j2] += wx * blockX[x0 + j2];
                }
                h[bias] += wx;
            }
        }
    }

    @Override
    public double evaluate(double[] theta, Examples data, int[] idx, int m, int[] correct) {
        double sum = 0;
        int count = 0;
        Kernels.transpose(theta, 0, o, d, wt);
        for (int from = 0; from < m; from += ROWS) {
            int rows = Math.min(ROWS, m - from);
            logitsBlock(theta, data, idx, from, rows);
            for (int r = 0; r < rows; r++) {
                int i = idx[from + r];
                System.arraycopy(blockZ, r * o, z, 0, o);
                sum += outputLoss.loss(z, data, i, null, p);
                if (outputLoss.correct(z, data, i)) {
                    count++;
                }
            }
        }
        correct[0] = count;
        return sum / m;
    }
}

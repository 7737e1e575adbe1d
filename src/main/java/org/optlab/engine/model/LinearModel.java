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
    private final double[] dz;
    private final double[] p;
    private final double[] d2;
    /**
     * Wᵀ (d rows of o), the weight part of the gradient while a pass adds to it (o rows of d), and a block of up to
     * {@value #ROWS} gathered examples with their logits and ∂L/∂z, a row each (the operands of the row kernels,
     * {@link Kernels#times(double[][], int, int, double[][], int, double[], int, double[][])}).
     */
    private final double[][] wt;
    private final double[][] gradRows;
    private final double[][] blockX;
    private final double[][] blockZ;
    private final double[][] blockDz;
    private final double[] blockD2;
    private final double[] curvature;
    /**
     * The Hessian's upper triangle while it is summed (made on the first call): hw[(c, j)][c2] the entries
     * H[(c, j)][(c2, 0 … d−1)], hb[(c, j)][c2] the entry H[(c, j)][bias c2], with (c, j) the index of θ_{c,j}.
     */
    private double[][][] hw;
    private double[][] hb;

    /** The examples of a pass are processed in blocks of this many rows (the results do not depend on it). */
    static final int ROWS = 64;

    /** @param outputs o: 1 for linear and logistic regression, k for softmax regression */
    public LinearModel(OutputLoss loss, int features, int outputs, double weightDecay) {
        super(loss, weightDecay);
        this.d = features;
        this.o = outputs;
        this.dz = new double[o];
        this.p = new double[o];
        this.d2 = new double[o * o];
        this.wt = new double[d][o];
        this.gradRows = new double[o][d];
        this.blockX = new double[ROWS][d];
        this.blockZ = new double[ROWS][o];
        this.blockDz = new double[ROWS][o];
        this.blockD2 = new double[ROWS * o * o];
        this.curvature = new double[ROWS];
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
        Kernels.times(blockX, rows, d, wt, o, theta, o * d, blockZ);
    }

    @Override
    public void logits(double[] theta, double[] x, double[] out) {
        Kernels.transpose(theta, 0, o, d, wt);
        System.arraycopy(x, 0, blockX[0], 0, d);
        Kernels.times(blockX, 1, d, wt, o, theta, o * d, blockZ);
        System.arraycopy(blockZ[0], 0, out, 0, o);
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
        Kernels.rows(g, 0, o, d, gradRows);
        for (int from = 0; from < m; from += ROWS) {
            int rows = Math.min(ROWS, m - from);
            logitsBlock(theta, data, idx, from, rows);
            for (int r = 0; r < rows; r++) {
                double[] dr = blockDz[r];
                outputLoss.derivative(blockZ[r], data, idx[from + r], dr, p);
                for (int c = 0; c < o; c++) {
                    dr[c] *= scale;
                }
            }
            Kernels.addTransposeTimes(blockDz, rows, o, blockX, d, gradRows);
            Kernels.addColumnSums(blockDz, rows, o, g, o * d);
        }
        Kernels.unrows(gradRows, o, d, g, 0);
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
        if (hw == null) {
            hw = new double[n][o][d];
            hb = new double[n][o];
        }
        for (int c = 0; c < o; c++) {
            for (int j = 0; j <= d; j++) {
                int q = index(c, j);
                for (int c2 = c; c2 < o; c2++) {
                    java.util.Arrays.fill(hw[q][c2], 0);
                    hb[q][c2] = 0;
                }
            }
        }
        double scale = 1.0 / m;
        Kernels.transpose(theta, 0, o, d, wt);
        for (int from = 0; from < m; from += ROWS) {
            int rows = Math.min(ROWS, m - from);
            logitsBlock(theta, data, idx, from, rows);
            for (int r = 0; r < rows; r++) {
                double[] zr = blockZ[r];
                if (outputLoss == OutputLoss.SOFTMAX_CROSS_ENTROPY) {
                    outputLoss.derivative(zr, data, idx[from + r], dz, p); // the probabilities p for ∂²L/∂z²
                }
                outputLoss.secondDerivative(zr, p, d2);
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
                        addCurvatureBlock(c, c2, curvature, rows);
                    }
                }
            }
        }
        java.util.Arrays.fill(h, 0);
        for (int c = 0; c < o; c++) {
            for (int c2 = c; c2 < o; c2++) {
                for (int j = 0; j <= d; j++) {
                    int q = index(c, j);
                    int row = q * n;
                    double[] sums = hw[q][c2];
                    for (int j2 = c == c2 ? j : 0; j2 < d; j2++) {
                        h[row + c2 * d + j2] = sums[j2];
                    }
                    h[row + o * d + c2] = hb[q][c2];
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
     * H[(c, j)][(c2, j2)] += Σ_r (w_r x̃_rj) x̃_rj2 over the block's rows r in order, for j2 ≥ j when c = c2, four rows
     * per pass (the sum left to right, as one row at a time); the bias column (x̃_d = 1) is summed on its own.
     */
    private void addCurvatureBlock(int c, int c2, double[] w, int rows) {
        for (int j = 0; j <= d; j++) {
            int q = index(c, j);
            double[] sums = hw[q][c2];
            int first = c == c2 ? j : 0;
            double bias = hb[q][c2];
            int r = 0;
            for (; r + 3 < rows; r += 4) {
                double[] x0 = blockX[r];
                double[] x1 = blockX[r + 1];
                double[] x2 = blockX[r + 2];
                double[] x3 = blockX[r + 3];
                double wx0 = j < d ? w[r] * x0[j] : w[r];
                double wx1 = j < d ? w[r + 1] * x1[j] : w[r + 1];
                double wx2 = j < d ? w[r + 2] * x2[j] : w[r + 2];
                double wx3 = j < d ? w[r + 3] * x3[j] : w[r + 3];
                Kernels.addFour(sums, first, d, wx0, x0, wx1, x1, wx2, x2, wx3, x3);
                bias = bias + wx0 + wx1 + wx2 + wx3;
            }
            for (; r < rows; r++) {
                double[] xr = blockX[r];
                double wx = j < d ? w[r] * xr[j] : w[r];
                Kernels.addOne(sums, first, d, wx, xr);
                bias += wx;
            }
            hb[q][c2] = bias;
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
                double[] zr = blockZ[r];
                sum += outputLoss.loss(zr, data, i, null, p);
                if (outputLoss.correct(zr, data, i)) {
                    count++;
                }
            }
        }
        correct[0] = count;
        return sum / m;
    }
}

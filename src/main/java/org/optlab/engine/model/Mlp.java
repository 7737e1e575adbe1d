package org.optlab.engine.model;

import java.util.Arrays;
import java.util.Random;

/**
 * A multilayer perceptron: hidden layers h⁽ˡ⁾ = g(W⁽ˡ⁾ h⁽ˡ⁻¹⁾ + b⁽ˡ⁾) with activation g, then an affine output layer and
 * the loss that fits the task (squared error, binary or softmax cross-entropy). The gradient is exact, by
 * backpropagation over the flat θ with buffers reused across steps. The Hessian is exact too, by forward-over-reverse
 * differentiation (one R pass per unit, see {@link #dataHessian}), for every {@link Activation} and {@link OutputLoss};
 * it is offered up to {@link Model#MAX_HESSIAN_PARAMETERS} parameters.
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
    /** dA[l] = ∂(Lᵢ/m)/∂a⁽ˡ⁾ = W⁽ˡ⁾ᵀ δ⁽ˡ⁾ for l ≥ 1, kept by the backward pass for the Hessian. */
    private final double[][] dA;
    /** The Hessian's R pass: R{z⁽ˡ⁾}, R{a⁽ˡ⁾}, R{δ⁽ˡ⁾}, ∂²L/∂z² at the output, and one row of H. */
    private final double[][] rz;
    private final double[][] ra;
    private final double[][] rdelta;
    private final double[] d2;
    private double[] row;
    /** Wᵀ of every layer (in×out), transposed once per pass so that the forward kernel runs along rows. */
    private final double[][] wt;
    /**
     * The block kernels' operands, each matrix an array of rows (see {@link Kernels#times(double[][], int, int,
     * double[][], int, double[], int, double[][])}): Wᵀ (in rows of out) and W (out rows of in) of every layer, copied
     * from θ once per pass, and the weight part of the gradient (out rows of in) while a pass adds to it.
     */
    private final double[][][] wtRows;
    private final double[][][] wRows;
    private final double[][][] gradRows;
    /** A block of up to {@value #ROWS} examples, a row each: activations (A[0] the gathered inputs), pre-activations, δ. */
    private final double[][][] blockA;
    private final double[][][] blockZ;
    private final double[][][] blockDelta;
    private final double[][] blockDA;
    /** Scratch of {@link Activation#applyRow}, a row wide. */
    private final double[] hi;
    private final double[] lo;
    private final double[] scale;

    /** The examples of a pass go through the layers in blocks of this many rows (the results do not depend on it). */
    static final int ROWS = 32;

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
        this.dA = new double[layers][];
        this.rz = new double[layers][];
        this.ra = new double[layers][];
        this.rdelta = new double[layers][];
        for (int l = 0; l < layers; l++) {
            dA[l] = new double[sizes[l]];
            ra[l] = new double[sizes[l]];
            rz[l] = new double[sizes[l + 1]];
            rdelta[l] = new double[sizes[l + 1]];
        }
        this.d2 = new double[sizes[layers] * sizes[layers]];
        this.wt = new double[layers][];
        this.wtRows = new double[layers][][];
        this.wRows = new double[layers][][];
        this.gradRows = new double[layers][][];
        this.blockA = new double[layers][][];
        this.blockZ = new double[layers][][];
        this.blockDelta = new double[layers][][];
        int widest = 0;
        for (int l = 0; l < layers; l++) {
            wt[l] = new double[sizes[l] * sizes[l + 1]];
            wtRows[l] = new double[sizes[l]][sizes[l + 1]];
            wRows[l] = new double[sizes[l + 1]][sizes[l]];
            gradRows[l] = new double[sizes[l + 1]][sizes[l]];
            blockA[l] = new double[ROWS][sizes[l]];
            blockZ[l] = new double[ROWS][sizes[l + 1]];
            blockDelta[l] = new double[ROWS][sizes[l + 1]];
            widest = Math.max(widest, sizes[l]);
        }
        this.blockDA = new double[ROWS][widest];
        int widestOut = 0;
        for (int l = 1; l < sizes.length; l++) {
            widestOut = Math.max(widestOut, sizes[l]);
        }
        this.hi = new double[widestOut];
        this.lo = new double[widestOut];
        this.scale = new double[widestOut];
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

    /** Wᵀ of every layer from θ into {@link #wt}; every pass of one example at a time starts with it. */
    private void transposeWeights(double[] theta) {
        for (int l = 0; l < weightOffset.length; l++) {
            Kernels.transpose(theta, weightOffset[l], sizes[l + 1], sizes[l], wt[l]);
        }
    }

    /** Wᵀ of every layer from θ into {@link #wtRows} (and W into {@link #wRows} for a backward pass); block passes start with it. */
    private void weightRows(double[] theta, boolean backward) {
        for (int l = 0; l < weightOffset.length; l++) {
            Kernels.transpose(theta, weightOffset[l], sizes[l + 1], sizes[l], wtRows[l]);
            if (backward && l > 0) {
                Kernels.rows(theta, weightOffset[l], sizes[l + 1], sizes[l], wRows[l]);
            }
        }
    }

    /**
     * Forward pass for one example x = xs[offset … offset + d), after {@link #transposeWeights}: z⁽ˡ⁾ = b⁽ˡ⁾ + W⁽ˡ⁾ a⁽ˡ⁾
     * summed as in {@link Kernels#times} (so bit for bit as the same example in a block); the output logits are z[last].
     */
    private void forward(double[] theta, double[] xs, int offset) {
        System.arraycopy(xs, offset, a[0], 0, sizes[0]);
        int layers = weightOffset.length;
        for (int l = 0; l < layers; l++) {
            Kernels.times(a[l], 1, sizes[l], wt[l], 0, sizes[l + 1], theta, biasOffset[l], z[l]);
            if (l < layers - 1) {
                double[] zl = z[l];
                double[] al = a[l + 1];
                for (int j = 0; j < zl.length; j++) {
                    al[j] = g.apply(zl[j]);
                }
            }
        }
    }

    /**
     * Forward pass for the examples idx[from … from + rows), rows ≤ {@link #ROWS}, after {@link #weightRows}: the
     * block's inputs are gathered once into blockA[0], then Z⁽ˡ⁾ = A⁽ˡ⁾ W⁽ˡ⁾ᵀ + b⁽ˡ⁾ and A⁽ˡ⁺¹⁾ = g(Z⁽ˡ⁾) layer by
     * layer; the logits are blockZ[last], a row of o values per example.
     */
    private void forwardBlock(double[] theta, Examples data, int[] idx, int from, int rows) {
        Kernels.gather(data.xArray(), sizes[0], idx, from, rows, blockA[0]);
        int layers = weightOffset.length;
        for (int l = 0; l < layers; l++) {
            int out = sizes[l + 1];
            double[][] zl = blockZ[l];
            Kernels.times(blockA[l], rows, sizes[l], wtRows[l], out, theta, biasOffset[l], zl);
            if (l < layers - 1) {
                double[][] al = blockA[l + 1];
                for (int r = 0; r < rows; r++) {
                    g.applyRow(zl[r], al[r], out, hi, lo, scale);
                }
            }
        }
    }

    @Override
    public void logits(double[] theta, double[] x, double[] out) {
        transposeWeights(theta);
        forward(theta, x, 0);
        System.arraycopy(z[z.length - 1], 0, out, 0, out.length);
    }

    @Override
    public int outputs() {
        return sizes[sizes.length - 1];
    }

    /**
     * Backpropagation, a block of {@link #ROWS} examples at a time: Δ⁽ᵗᵒᵖ⁾ = ∂(Lᵢ/m)/∂z row by row, then for each layer
     * from the top ∂J/∂W⁽ˡ⁾ += Δ⁽ˡ⁾ᵀ A⁽ˡ⁾, ∂J/∂b⁽ˡ⁾ += Σᵢ Δ⁽ˡ⁾ᵢ and Δ⁽ˡ⁻¹⁾ = g'(Z⁽ˡ⁻¹⁾) ⊙ (Δ⁽ˡ⁾ W⁽ˡ⁾). Every entry of the
     * gradient is summed over the examples in their order idx[0], idx[1], …, whatever the block size.
     */
    @Override
    protected void addDataGradient(double[] theta, Examples data, int[] idx, int m, double[] grad) {
        int layers = weightOffset.length;
        int o = sizes[layers];
        double scale = 1.0 / m;
        weightRows(theta, true);
        for (int l = 0; l < layers; l++) {
            Kernels.rows(grad, weightOffset[l], sizes[l + 1], sizes[l], gradRows[l]);
        }
        for (int from = 0; from < m; from += ROWS) {
            int rows = Math.min(ROWS, m - from);
            forwardBlock(theta, data, idx, from, rows);
            double[][] top = blockDelta[layers - 1];
            double[][] zTop = blockZ[layers - 1];
            for (int r = 0; r < rows; r++) {
                double[] dr = top[r];
                outputLoss.derivative(zTop[r], data, idx[from + r], dr, p);
                for (int c = 0; c < o; c++) {
                    dr[c] *= scale;
                }
            }
            for (int l = layers - 1; l >= 0; l--) {
                int in = sizes[l];
                int out = sizes[l + 1];
                double[][] dl = blockDelta[l];
                Kernels.addTransposeTimes(dl, rows, out, blockA[l], in, gradRows[l]);
                Kernels.addColumnSums(dl, rows, out, grad, biasOffset[l]);
                if (l > 0) {
                    // ∂/∂A⁽ˡ⁾ = Δ⁽ˡ⁾ W⁽ˡ⁾, row by row as transposeTimes sums it
                    Kernels.times(dl, rows, out, wRows[l], in, null, 0, blockDA);
                    double[][] below = blockDelta[l - 1];
                    double[][] zb = blockZ[l - 1];
                    double[][] input = blockA[l];
                    for (int r = 0; r < rows; r++) {
                        double[] belowR = below[r];
                        double[] daR = blockDA[r];
                        double[] zR = zb[r];
                        double[] aR = input[r];
                        for (int t = 0; t < in; t++) {
                            belowR[t] = daR[t] * g.derivative(zR[t], aR[t]);
                        }
                    }
                }
            }
        }
        for (int l = 0; l < layers; l++) {
            Kernels.unrows(gradRows[l], sizes[l + 1], sizes[l], grad, weightOffset[l]);
        }
    }

    /**
     * into = W⁽ˡ⁾ᵀ v for layer l's weights in θ (v of layer l's output size, into of its input size), by the same kernel
     * and in the same order as one row of the block backward pass: the backward pass and its R{·} pass sum alike.
     */
    private void transposeTimes(double[] theta, int l, double[] v, double[] into) {
        Kernels.times(v, 1, sizes[l + 1], theta, weightOffset[l], sizes[l], null, 0, into);
    }

    /** Backpropagation through layer l &gt; 0: ∂/∂a⁽ˡ⁾ = W⁽ˡ⁾ᵀ δ⁽ˡ⁾ into dA[l], then δ⁽ˡ⁻¹⁾ = g'(z⁽ˡ⁻¹⁾) ⊙ ∂/∂a⁽ˡ⁾. */
    private void propagateDown(double[] theta, int l) {
        int in = sizes[l];
        double[] da = dA[l];
        transposeTimes(theta, l, delta[l], da);
        double[] below = delta[l - 1];
        double[] zb = z[l - 1];
        double[] input = a[l];
        for (int k = 0; k < in; k++) {
            below[k] = da[k] * g.derivative(zb[k], input[k]);
        }
    }

    /**
     * The exact Hessian, by forward-over-reverse differentiation (Pearlmutter's R-operator, 1994), with the structure of
     * a layer used to need one pass per unit rather than one per parameter.
     *
     * <p>Write J = Σᵢ Lᵢ/m and, for example i, δ⁽ˡ⁾ = ∂(Lᵢ/m)/∂z⁽ˡ⁾ (backpropagation). For a direction, R{·} is the
     * directional derivative of a quantity of the forward and backward passes. Bumping the pre-activation z⁽ᴸ⁾_j of
     * unit j of layer L gives, for the layers l ≥ L above it:
     * <pre>
     *   R{z⁽ᴸ⁾} = e_j
     *   R{a⁽ˡ⁾} = g'(z⁽ˡ⁻¹⁾) ⊙ R{z⁽ˡ⁻¹⁾},   R{z⁽ˡ⁾} = W⁽ˡ⁾ R{a⁽ˡ⁾}                  (l &gt; L; R{a⁽ᴸ⁾} = 0)
     *   R{δ⁽ᵗᵒᵖ⁾} = (1/m) ∂²Lᵢ/∂z² · R{z⁽ᵗᵒᵖ⁾}
     *   R{δ⁽ˡ⁻¹⁾} = g''(z⁽ˡ⁻¹⁾) ⊙ R{z⁽ˡ⁻¹⁾} ⊙ (W⁽ˡ⁾ᵀδ⁽ˡ⁾) + g'(z⁽ˡ⁻¹⁾) ⊙ (W⁽ˡ⁾ᵀ R{δ⁽ˡ⁾})   (l &gt; L)
     *   R{∂J/∂W⁽ˡ⁾} = R{δ⁽ˡ⁾} a⁽ˡ⁾ᵀ + δ⁽ˡ⁾ R{a⁽ˡ⁾}ᵀ,   R{∂J/∂b⁽ˡ⁾} = R{δ⁽ˡ⁾}
     * </pre>
     * These are ∂²(Lᵢ/m)/∂z⁽ᴸ⁾_j ∂θ_r for every parameter r in layers ≥ L. Since b⁽ᴸ⁾_j and W⁽ᴸ⁾_jk reach the loss only
     * through z⁽ᴸ⁾_j = b⁽ᴸ⁾_j + Σ_k W⁽ᴸ⁾_jk a⁽ᴸ⁾_k, and a⁽ᴸ⁾ depends on no parameter of layers ≥ L,
     * <pre>
     *   ∂²/∂b⁽ᴸ⁾_j ∂θ_r = ∂²/∂z⁽ᴸ⁾_j ∂θ_r,   ∂²/∂W⁽ᴸ⁾_jk ∂θ_r = a⁽ᴸ⁾_k ∂²/∂z⁽ᴸ⁾_j ∂θ_r     (θ_r in layers ≥ L)
     * </pre>
     * which are the rows of H from each parameter of layer L to the right (θ is laid out layer by layer). So one R pass
     * per unit fills the upper triangle, and the lower one is its mirror: H is symmetric exactly, not up to rounding.
     *
     * <p>Cost per example: about 4p multiply-adds for each of the U hidden and output units, and p²/2 for the rows: about
     * (p²/2 + 4Up)·m in all. The central differences it replaces cost about 6p²·m and were up to about 10⁻⁹ of max|H|
     * off; on a softmax output they turned the exact null direction, all output biases shifted together, into an
     * eigenvalue of 10⁻¹³ to 10⁻¹² |λ|max, at Newton's threshold for a singular H, which then did not always fire. Here
     * it comes out near 10⁻¹⁸ |λ|max.
     */
    @Override
    protected void dataHessian(double[] theta, Examples data, int[] idx, int m, double[] h) {
        if (n > MAX_HESSIAN_PARAMETERS) {
            throw new IllegalStateException("the MLP's Hessian is offered up to " + MAX_HESSIAN_PARAMETERS
                    + " parameters; this one has " + n);
        }
        if (row == null) {
            row = new double[n];
        }
        Arrays.fill(h, 0);
        int layers = weightOffset.length;
        double scale = 1.0 / m;
        transposeWeights(theta);
        for (int r = 0; r < m; r++) {
            int i = idx[r];
            forward(theta, data.xArray(), i * sizes[0]);
            double[] top = delta[layers - 1];
            double[] zTop = z[layers - 1];
            outputLoss.loss(zTop, data, i, top, p);
            outputLoss.secondDerivative(zTop, p, d2);
            for (int j = 0; j < top.length; j++) {
                top[j] *= scale;
            }
            for (int l = layers - 1; l > 0; l--) {
                propagateDown(theta, l);
            }
            for (int layer = 0; layer < layers; layer++) {
                int in = sizes[layer];
                double[] input = a[layer];
                for (int j = 0; j < sizes[layer + 1]; j++) {
                    curvatureAlongUnit(theta, layer, j, scale);
                    addRow(h, biasOffset[layer] + j, 1);
                    int w = weightOffset[layer] + j * in;
                    for (int k = 0; k < in; k++) {
                        addRow(h, w + k, input[k]);
                    }
                }
            }
        }
        for (int q = 0; q < n; q++) {
            for (int r = q + 1; r < n; r++) {
                h[r * n + q] = h[q * n + r];
            }
        }
    }

    /** Row q of H, from the diagonal on: H[q][r] += c · row[r] for r ≥ q. */
    private void addRow(double[] h, int q, double c) {
        int offset = q * n;
        for (int r = q; r < n; r++) {
            h[offset + r] += c * row[r];
        }
    }

    /**
     * One R pass (see {@link #dataHessian}): ∂²(Lᵢ/m)/∂z⁽ᴸ⁾_j ∂θ_r into row[r] for every θ_r in layers ≥ L, at the example
     * of the last forward and backward pass.
     */
    private void curvatureAlongUnit(double[] theta, int layerL, int j, double scale) {
        int layers = weightOffset.length;
        int last = layers - 1;
        // forward: R{z⁽ᴸ⁾} = e_j;  R{a⁽ˡ⁾} = g'(z⁽ˡ⁻¹⁾) ⊙ R{z⁽ˡ⁻¹⁾};  R{z⁽ˡ⁾} = W⁽ˡ⁾ R{a⁽ˡ⁾}
        Arrays.fill(rz[layerL], 0);
        rz[layerL][j] = 1;
        for (int l = layerL + 1; l < layers; l++) {
            int in = sizes[l];
            double[] ral = ra[l];
            double[] zb = z[l - 1];
            double[] rzb = rz[l - 1];
            double[] al = a[l];
            for (int k = 0; k < in; k++) {
                ral[k] = g.derivative(zb[k], al[k]) * rzb[k];
            }
            Kernels.times(ral, 1, in, wt[l], 0, sizes[l + 1], null, 0, rz[l]);
        }
        // R{δ⁽ᵗᵒᵖ⁾} = (1/m) ∂²L/∂z² · R{z⁽ᵗᵒᵖ⁾}
        int o = sizes[layers];
        double[] rzTop = rz[last];
        double[] rdTop = rdelta[last];
        for (int c = 0; c < o; c++) {
            double s = 0;
            for (int c2 = 0; c2 < o; c2++) {
                s += d2[c * o + c2] * rzTop[c2];
            }
            rdTop[c] = scale * s;
        }
        // backward: R{δ⁽ˡ⁻¹⁾} = g''(z⁽ˡ⁻¹⁾) ⊙ R{z⁽ˡ⁻¹⁾} ⊙ (W⁽ˡ⁾ᵀδ⁽ˡ⁾) + g'(z⁽ˡ⁻¹⁾) ⊙ (W⁽ˡ⁾ᵀ R{δ⁽ˡ⁾})
        for (int l = last; l > layerL; l--) {
            int in = sizes[l];
            double[] below = rdelta[l - 1];
            transposeTimes(theta, l, rdelta[l], below);
            double[] zb = z[l - 1];
            double[] rzb = rz[l - 1];
            double[] al = a[l];
            double[] da = dA[l];
            for (int k = 0; k < in; k++) {
                below[k] = g.secondDerivative(zb[k], al[k]) * rzb[k] * da[k] + g.derivative(zb[k], al[k]) * below[k];
            }
        }
        // R{∂J/∂W⁽ˡ⁾} = R{δ⁽ˡ⁾} a⁽ˡ⁾ᵀ + δ⁽ˡ⁾ R{a⁽ˡ⁾}ᵀ (R{a⁽ᴸ⁾} = 0),  R{∂J/∂b⁽ˡ⁾} = R{δ⁽ˡ⁾}
        for (int l = layerL; l < layers; l++) {
            int in = sizes[l];
            double[] rdl = rdelta[l];
            double[] dl = delta[l];
            double[] al = a[l];
            double[] ral = ra[l];
            int w = weightOffset[l];
            int b = biasOffset[l];
            for (int jj = 0; jj < sizes[l + 1]; jj++) {
                double rd = rdl[jj];
                row[b + jj] = rd;
                int rowStart = w + jj * in;
                if (l == layerL) {
                    for (int k = 0; k < in; k++) {
                        row[rowStart + k] = rd * al[k];
                    }
                } else {
                    double dj = dl[jj];
                    for (int k = 0; k < in; k++) {
                        row[rowStart + k] = rd * al[k] + dj * ral[k];
                    }
                }
            }
        }
    }

    @Override
    public double evaluate(double[] theta, Examples data, int[] idx, int m, int[] correct) {
        int layers = weightOffset.length;
        double[][] zTop = blockZ[layers - 1];
        double sum = 0;
        int count = 0;
        weightRows(theta, false);
        for (int from = 0; from < m; from += ROWS) {
            int rows = Math.min(ROWS, m - from);
            forwardBlock(theta, data, idx, from, rows);
            for (int r = 0; r < rows; r++) {
                int i = idx[from + r];
                double[] zr = zTop[r];
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

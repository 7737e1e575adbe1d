package org.optlab.engine.model;

/**
 * The dense matrix kernels of the models' forward and backward passes, on row-major {@code double[]} matrices with an
 * offset, written so that every result is the same bit for bit on every machine.
 *
 * <p><b>The summation order contract.</b> Every element of every result is one sum, accumulated left to right in a
 * fixed order that depends only on the sizes, never on the vector width, the number of threads or the block sizes:
 * <ul>
 *   <li>{@link #times}: c[i][j] = (((c₀ + a[i][0]·b[0][j]) + a[i][1]·b[1][j]) + …) + a[i][k−1]·b[k−1][j], k ascending,
 *       where c₀ is the bias b_j or 0;</li>
 *   <li>{@link #addTransposeTimes}: g[j][q] = (((g[j][q] + d[0][j]·a[0][q]) + d[1][j]·a[1][q]) + …), rows i ascending
 *       (the per-example order of a gradient summed one example after another);</li>
 *   <li>{@link #addColumnSums}: g[j] = ((g[j] + d[0][j]) + d[1][j]) + …, rows ascending.</li>
 * </ul>
 * The loops run in the i-k-j ("axpy") order: the innermost loop runs along a row of the result, over independent sums,
 * so the JIT may compute several j at once in vector registers without reordering any single sum. No reduction is ever
 * split into partial sums, nothing runs on other threads, and Java's floating point is strict (no fused multiply-add
 * unless {@link Math#fma} is called, which it is not), so {@code -XX:UseAVX=0} and {@code -XX:UseAVX=3} give the same
 * bits. Register blocking (four terms of a sum per pass over a row, two rows at once) keeps a partial sum in a register
 * across terms; it writes {@code c + a₀b₀ + a₁b₁ + …}, which Java evaluates left to right: the same order as one term at
 * a time.
 *
 * <p>Each kernel comes flat (one {@code double[]} with row offsets) and on arrays of rows ({@code double[][]}); the
 * models' block passes use the rows, because only there does Java 17's vectoriser prove the operands apart and compute
 * several j at once (on the flat form, with offsets that differ, it runs scalar). Both forms sum in the order above.
 *
 * <p>No kernel allocates; the callers own the buffers.
 */
public final class Kernels {

    private Kernels() {
    }

    /**
     * Copies the rows idx[from … from + count) of the n×d matrix x into {@code into} (count×d, contiguous): a minibatch
     * gathered once, so the kernels read it in order.
     */
    public static void gather(double[] x, int d, int[] idx, int from, int count, double[] into) {
        for (int r = 0; r < count; r++) {
            System.arraycopy(x, idx[from + r] * d, into, r * d, d);
        }
    }

    /** into (k×n) = the transpose of the n×k matrix at a[offset …]. */
    public static void transpose(double[] a, int offset, int n, int k, double[] into) {
        for (int j = 0; j < n; j++) {
            int row = offset + j * k;
            for (int q = 0; q < k; q++) {
                into[q * n + j] = a[row + q];
            }
        }
    }

    /**
     * c (m×n) = c₀ + a (m×k) · b (k×n, at b[bOffset …]), where c₀ is the row vector bias[biasOffset … + n) or, when
     * {@code bias} is null, 0. Each c[i][j] sums its k terms in ascending order, starting from c₀.
     */
    public static void times(double[] a, int m, int k, double[] b, int bOffset, int n, double[] bias, int biasOffset,
            double[] c) {
        int i = 0;
        for (; i + 1 < m; i += 2) {
            int c0 = i * n;
            int c1 = c0 + n;
            int a0 = i * k;
            int a1 = a0 + k;
            start(c, c0, n, bias, biasOffset);
            start(c, c1, n, bias, biasOffset);
            int q = 0;
            for (; q + 3 < k; q += 4) {
                double x00 = a[a0 + q];
                double x01 = a[a0 + q + 1];
                double x02 = a[a0 + q + 2];
                double x03 = a[a0 + q + 3];
                double x10 = a[a1 + q];
                double x11 = a[a1 + q + 1];
                double x12 = a[a1 + q + 2];
                double x13 = a[a1 + q + 3];
                int b0 = bOffset + q * n;
                int b1 = b0 + n;
                int b2 = b1 + n;
                int b3 = b2 + n;
                for (int j = 0; j < n; j++) {
                    double w0 = b[b0 + j];
                    double w1 = b[b1 + j];
                    double w2 = b[b2 + j];
                    double w3 = b[b3 + j];
                    c[c0 + j] = c[c0 + j] + x00 * w0 + x01 * w1 + x02 * w2 + x03 * w3;
                    c[c1 + j] = c[c1 + j] + x10 * w0 + x11 * w1 + x12 * w2 + x13 * w3;
                }
            }
            for (; q < k; q++) {
                double x0 = a[a0 + q];
                double x1 = a[a1 + q];
                int b0 = bOffset + q * n;
                for (int j = 0; j < n; j++) {
                    double w = b[b0 + j];
                    c[c0 + j] += x0 * w;
                    c[c1 + j] += x1 * w;
                }
            }
        }
        for (; i < m; i++) {
            int c0 = i * n;
            int a0 = i * k;
            start(c, c0, n, bias, biasOffset);
            int q = 0;
            for (; q + 3 < k; q += 4) {
                double x0 = a[a0 + q];
                double x1 = a[a0 + q + 1];
                double x2 = a[a0 + q + 2];
                double x3 = a[a0 + q + 3];
                int b0 = bOffset + q * n;
                int b1 = b0 + n;
                int b2 = b1 + n;
                int b3 = b2 + n;
                for (int j = 0; j < n; j++) {
                    c[c0 + j] = c[c0 + j] + x0 * b[b0 + j] + x1 * b[b1 + j] + x2 * b[b2 + j] + x3 * b[b3 + j];
                }
            }
            for (; q < k; q++) {
                double x = a[a0 + q];
                int b0 = bOffset + q * n;
                for (int j = 0; j < n; j++) {
                    c[c0 + j] += x * b[b0 + j];
                }
            }
        }
    }

    private static void start(double[] c, int row, int n, double[] bias, int biasOffset) {
        if (bias == null) {
            java.util.Arrays.fill(c, row, row + n, 0);
        } else {
            System.arraycopy(bias, biasOffset, c, row, n);
        }
    }

    /**
     * g (n×k, at g[gOffset …]) += dᵀ a, with d m×n and a m×k: g[j][q] += Σᵢ d[i][j]·a[i][q], the rows i added one after
     * another in ascending order, exactly as if each example's outer product were added to g in turn.
     */
    public static void addTransposeTimes(double[] d, int m, int n, double[] a, int k, double[] g, int gOffset) {
        for (int j = 0; j < n; j++) {
            int row = gOffset + j * k;
            int i = 0;
            for (; i + 3 < m; i += 4) {
                double d0 = d[i * n + j];
                double d1 = d[(i + 1) * n + j];
                double d2 = d[(i + 2) * n + j];
                double d3 = d[(i + 3) * n + j];
                int a0 = i * k;
                int a1 = a0 + k;
                int a2 = a1 + k;
                int a3 = a2 + k;
                for (int q = 0; q < k; q++) {
                    g[row + q] = g[row + q] + d0 * a[a0 + q] + d1 * a[a1 + q] + d2 * a[a2 + q] + d3 * a[a3 + q];
                }
            }
            for (; i < m; i++) {
                double di = d[i * n + j];
                int a0 = i * k;
                for (int q = 0; q < k; q++) {
                    g[row + q] += di * a[a0 + q];
                }
            }
        }
    }

    /**
     * The same product as {@link #times}, on matrices held as arrays of rows: c[i] (n values) = c₀ + Σ_q a[i][q]·b[q],
     * each c[i][j] summing its k terms in ascending q, starting from c₀ (the row vector bias[biasOffset … + n), or 0
     * when {@code bias} is null). Four terms of a sum per pass over a row: c[i][j] + a₀b₀[j] + a₁b₁[j] + a₂b₂[j] +
     * a₃b₃[j], left to right. With every operand a row of its own, indexed by j alone, the JIT's vectoriser can prove
     * the rows apart and computes several j at once (on the flat form it does not, see {@link #transpose}); no sum
     * changes order.
     */
    public static void times(double[][] a, int m, int k, double[][] b, int n, double[] bias, int biasOffset,
            double[][] c) {
        int i = 0;
        if (n == 1) {
            // one output (logistic and linear regression): four rows at once, each its own sum in ascending q
            double start = bias == null ? 0 : bias[biasOffset];
            for (; i + 3 < m; i += 4) {
                double[] a0 = a[i];
                double[] a1 = a[i + 1];
                double[] a2 = a[i + 2];
                double[] a3 = a[i + 3];
                double s0 = start;
                double s1 = start;
                double s2 = start;
                double s3 = start;
                for (int q = 0; q < k; q++) {
                    double w = b[q][0];
                    s0 += a0[q] * w;
                    s1 += a1[q] * w;
                    s2 += a2[q] * w;
                    s3 += a3[q] * w;
                }
                c[i][0] = s0;
                c[i + 1][0] = s1;
                c[i + 2][0] = s2;
                c[i + 3][0] = s3;
            }
        }
        for (; i < m; i++) {
            double[] ci = c[i];
            double[] ai = a[i];
            if (bias == null) {
                java.util.Arrays.fill(ci, 0, n, 0);
            } else {
                System.arraycopy(bias, biasOffset, ci, 0, n);
            }
            int q = 0;
            for (; q + 3 < k; q += 4) {
                double x0 = ai[q];
                double x1 = ai[q + 1];
                double x2 = ai[q + 2];
                double x3 = ai[q + 3];
                addFour(ci, 0, n, x0, b[q], x1, b[q + 1], x2, b[q + 2], x3, b[q + 3]);
            }
            for (; q < k; q++) {
                addOne(ci, 0, n, ai[q], b[q]);
            }
        }
    }

    /**
     * The same as {@link #addTransposeTimes}, on arrays of rows: g[j] (k values) += Σᵢ d[i][j]·a[i] for j &lt; n, the
     * rows i added one after another in ascending order (four per pass over g[j], left to right).
     */
    public static void addTransposeTimes(double[][] d, int m, int n, double[][] a, int k, double[][] g) {
        for (int j = 0; j < n; j++) {
            double[] gj = g[j];
            int i = 0;
            for (; i + 3 < m; i += 4) {
                double d0 = d[i][j];
                double d1 = d[i + 1][j];
                double d2 = d[i + 2][j];
                double d3 = d[i + 3][j];
                addFour(gj, 0, k, d0, a[i], d1, a[i + 1], d2, a[i + 2], d3, a[i + 3]);
            }
            for (; i < m; i++) {
                addOne(gj, 0, k, d[i][j], a[i]);
            }
        }
    }

    /** g[gOffset + j] += Σᵢ d[i][j] for the first m rows (n values each) of d, rows in ascending order. */
    public static void addColumnSums(double[][] d, int m, int n, double[] g, int gOffset) {
        for (int i = 0; i < m; i++) {
            double[] di = d[i];
            for (int j = 0; j < n; j++) {
                g[gOffset + j] += di[j];
            }
        }
    }

    /**
     * y[j] = y[j] + s0·v0[j] + s1·v1[j] + s2·v2[j] + s3·v3[j] for from ≤ j &lt; to, left to right: four terms of each
     * sum in one pass, every operand a row of its own indexed by j alone, the loop the JIT vectorises.
     */
    static void addFour(double[] y, int from, int to, double s0, double[] v0, double s1, double[] v1, double s2,
            double[] v2, double s3, double[] v3) {
        for (int j = from; j < to; j++) {
            y[j] = y[j] + s0 * v0[j] + s1 * v1[j] + s2 * v2[j] + s3 * v3[j];
        }
    }

    /** y[j] += s·v[j] for from ≤ j &lt; to. */
    static void addOne(double[] y, int from, int to, double s, double[] v) {
        for (int j = from; j < to; j++) {
            y[j] += s * v[j];
        }
    }

    /** rows[r] (d values) = the row idx[from + r] of the n×d matrix x, for r &lt; count: a minibatch gathered once. */
    public static void gather(double[] x, int d, int[] idx, int from, int count, double[][] rows) {
        for (int r = 0; r < count; r++) {
            System.arraycopy(x, idx[from + r] * d, rows[r], 0, d);
        }
    }

    /** rows[q][j] = a[offset + j·k + q]: the transpose of the n×k matrix at a[offset …], as k rows of n. */
    public static void transpose(double[] a, int offset, int n, int k, double[][] rows) {
        for (int j = 0; j < n; j++) {
            int row = offset + j * k;
            for (int q = 0; q < k; q++) {
                rows[q][j] = a[row + q];
            }
        }
    }

    /** rows[j] = a[offset + j·k … + k): the n×k matrix at a[offset …] as n rows of k. */
    public static void rows(double[] a, int offset, int n, int k, double[][] rows) {
        for (int j = 0; j < n; j++) {
            System.arraycopy(a, offset + j * k, rows[j], 0, k);
        }
    }

    /** a[offset + j·k … + k) = rows[j]: n rows of k back into the flat n×k matrix at a[offset …]. */
    public static void unrows(double[][] rows, int n, int k, double[] a, int offset) {
        for (int j = 0; j < n; j++) {
            System.arraycopy(rows[j], 0, a, offset + j * k, k);
        }
    }

    /** g[gOffset + j] += Σᵢ d[i][j] for the m×n matrix d, rows in ascending order. */
    public static void addColumnSums(double[] d, int m, int n, double[] g, int gOffset) {
        for (int i = 0; i < m; i++) {
            int row = i * n;
            for (int j = 0; j < n; j++) {
                g[gOffset + j] += d[row + j];
            }
        }
    }
}

package org.optlab.engine.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The MLP's exact Hessian (issue #15, item 5): against finite differences of the exact gradient for every activation and
 * every output loss, against the linear model's closed form when there is no hidden layer, and its null direction on a
 * softmax output.
 */
class MlpHessianTest {

    static Examples dataFor(OutputLoss loss, Random r, int n, int d) {
        return switch (loss) {
            case SQUARED -> ModelDerivativesTest.regression(r, n, d);
            case BINARY_CROSS_ENTROPY -> ModelDerivativesTest.classes(r, n, d, 2);
            case SOFTMAX_CROSS_ENTROPY -> ModelDerivativesTest.classes(r, n, d, 3);
        };
    }

    record Case(Activation activation, OutputLoss loss, double weightDecay) {
        int outputs() {
            return loss == OutputLoss.SOFTMAX_CROSS_ENTROPY ? 3 : 1;
        }

        @Override
        public String toString() {
            return activation.id() + " / " + loss + (weightDecay == 0 ? "" : " + decay " + weightDecay);
        }
    }

    /** Every activation with every output loss, with and without weight decay. */
    static Stream<Arguments> cases() {
        List<Arguments> all = new ArrayList<>();
        for (Activation g : Activation.values()) {
            for (OutputLoss loss : OutputLoss.values()) {
                all.add(Arguments.of(new Case(g, loss, 0)));
                all.add(Arguments.of(new Case(g, loss, 0.1)));
            }
        }
        return all.stream();
    }

    static int[] all(int n) {
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        return idx;
    }

    /**
     * ∂g/∂θ_q by the five-point stencil [−g(θ+2h) + 8g(θ+h) − 8g(θ−h) + g(θ−2h)] / 12h of the exact gradient: truncation
     * O(h⁴), so with h = 10⁻³ both it and rounding stay near 10⁻¹¹, far below the 10⁻⁶ asked of the Hessian (with
     * h = 10⁻⁵, rounding near 10⁻¹⁰).
     */
    static double[] differencedColumn(Model model, Examples data, int[] idx, double[] theta, int q, double h) {
        int n = theta.length;
        double[] column = new double[n];
        double[] g = new double[n];
        double[] weights = {-1, 8, -8, 1};
        double[] shifts = {2, 1, -1, -2};
        for (int s = 0; s < 4; s++) {
            double[] shifted = theta.clone();
            shifted[q] += shifts[s] * h;
            model.gradient(shifted, data, idx, idx.length, g);
            for (int r = 0; r < n; r++) {
                column[r] += weights[s] * g[r] / (12 * h);
            }
        }
        return column;
    }

    @ParameterizedTest
    @MethodSource("cases")
    void exactHessianMatchesDifferencesOfTheExactGradient(Case c) {
        Random r = new Random(21);
        Examples data = dataFor(c.loss(), r, 14, 3);
        Mlp mlp = new Mlp(new int[] {3, 4, 3, c.outputs()}, c.activation(), c.loss(), c.weightDecay());
        int n = mlp.parameterCount();
        int[] idx = {5, 0, 9, 2, 13, 7, 1, 11, 3};       // a minibatch in a shuffled order
        double[] theta = new double[n];
        double[] h = new double[n * n];
        for (int trial = 0; trial < 3; trial++) {
            for (int p = 0; p < n; p++) {
                theta[p] = 0.7 * r.nextGaussian();
            }
            mlp.hessian(theta, data, idx, idx.length, h);
            double scale = 0;
            for (double x : h) {
                scale = Math.max(scale, Math.abs(x));
            }
            assertTrue(scale > 1e-3, c + ": a Hessian worth testing, max |H| = " + scale);
            for (int q = 0; q < n; q++) {
                // ReLU's gradient has kinks where a z crosses 0: a step of 10⁻⁵ stays on one side of them
                double step = c.activation() == Activation.RELU ? 1e-5 : 1e-3;
                double[] fd = differencedColumn(mlp, data, idx, theta, q, step);
                for (int p = 0; p < n; p++) {
                    // relative to the entry, with a floor of 10⁻⁶ of H's largest entry for entries near 0
                    double tolerance = 1e-6 * Math.max(Math.abs(fd[p]), 1e-3 * scale);
                    assertEquals(fd[p], h[p * n + q], tolerance, c + " trial " + trial + ": H[" + p + "][" + q + "]");
                    assertEquals(h[p * n + q], h[q * n + p], 0.0, c + ": H is symmetric exactly");
                }
            }
        }
    }

    @Test
    void withoutHiddenLayersTheMlpIsTheLinearModelAndHasItsHessian() {
        // Mlp {d, o} and LinearModel lay θ out the same way (W row-major, then b), so the two Hessians are the same matrix
        Random r = new Random(3);
        for (OutputLoss loss : OutputLoss.values()) {
            Examples data = dataFor(loss, r, 10, 4);
            int o = loss.outputs(3);
            Mlp mlp = new Mlp(new int[] {4, o}, Activation.TANH, loss, 0.2);
            LinearModel linear = new LinearModel(loss, 4, o, 0.2);
            int n = mlp.parameterCount();
            assertEquals(linear.parameterCount(), n);
            double[] theta = new double[n];
            for (int p = 0; p < n; p++) {
                theta[p] = r.nextGaussian();
            }
            double[] hMlp = new double[n * n];
            double[] hLinear = new double[n * n];
            mlp.hessian(theta, data, all(10), 10, hMlp);
            linear.hessian(theta, data, all(10), 10, hLinear);
            for (int i = 0; i < n * n; i++) {
                assertEquals(hLinear[i], hMlp[i], 1e-14 * Math.max(1, Math.abs(hLinear[i])), loss + " entry " + i);
            }
        }
    }

    /** Eigenvalues of a symmetric n×n matrix, ascending (EJML, as Newton computes them). */
    static double[] eigenvalues(double[] h, int n) {
        DMatrixRMaj H = new DMatrixRMaj(n, n);
        System.arraycopy(h, 0, H.data, 0, n * n);
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, false, true);
        assertTrue(eig.decompose(H));
        double[] lambda = new double[n];
        for (int i = 0; i < n; i++) {
            lambda[i] = eig.getEigenvalue(i).getReal();
        }
        Arrays.sort(lambda);
        return lambda;
    }

    /** Smallest |λ| over largest |λ|. */
    static double smallestOverLargest(double[] lambda) {
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        for (double l : lambda) {
            min = Math.min(min, Math.abs(l));
            max = Math.max(max, Math.abs(l));
        }
        return min / max;
    }

    /** A 2-3-3 tanh MLP with a softmax output on 12 points of three classes, at a random θ. */
    static final int[] SOFTMAX_SIZES = {2, 3, 3};

    static Examples softmaxData() {
        return ModelDerivativesTest.classes(new Random(8), 12, 2, 3);
    }

    static double[] softmaxTheta(int n) {
        Random r = new Random(9);
        double[] theta = new double[n];
        for (int p = 0; p < n; p++) {
            theta[p] = r.nextGaussian();
        }
        return theta;
    }

    @Test
    void shiftingAllSoftmaxBiasesTogetherIsAnExactNullDirection() {
        // softmax(z + c·1) = softmax(z): J(θ + c·u) = J(θ) for u = 1 on the output biases, so H u = 0 and H is singular
        for (double weightDecay : new double[] {0, 0.1}) {   // the decay spares the biases, so it keeps the null direction
            Mlp mlp = new Mlp(SOFTMAX_SIZES, Activation.TANH, OutputLoss.SOFTMAX_CROSS_ENTROPY, weightDecay);
            int n = mlp.parameterCount();
            Examples data = softmaxData();
            double[] theta = softmaxTheta(n);
            double[] h = new double[n * n];
            mlp.hessian(theta, data, all(12), 12, h);
            int firstOutputBias = n - 3;
            double largest = 0;
            for (double x : h) {
                largest = Math.max(largest, Math.abs(x));
            }
            for (int p = 0; p < n; p++) {
                double hu = h[p * n + firstOutputBias] + h[p * n + firstOutputBias + 1] + h[p * n + firstOutputBias + 2];
                assertEquals(0, hu, 1e-15 * largest, "(H u)_" + p);
            }
            // Newton's threshold is 10⁻¹²; central differences of the gradient gave about 10⁻¹³ here, the R pass ~10⁻¹⁸
            double[] lambda = eigenvalues(h, n);
            assertTrue(smallestOverLargest(lambda) <= 1e-15,
                    "|λ|min / |λ|max = " + smallestOverLargest(lambda) + ", eigenvalues " + Arrays.toString(lambda));
            assertTrue(lambda[n - 1] > 0.01, "the other directions are curved: λmax = " + lambda[n - 1]);
        }
    }
}

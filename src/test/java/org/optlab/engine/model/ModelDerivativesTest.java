package org.optlab.engine.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every model's gradient and Hessian against central differences at random points, with and without weight decay. */
class ModelDerivativesTest {

    static Examples regression(Random r, int n, int d) {
        double[] x = new double[n * d];
        double[] y = new double[n];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextGaussian();
        }
        for (int i = 0; i < n; i++) {
            y[i] = r.nextGaussian();
        }
        return Examples.regression(d, x, y);
    }

    static Examples classes(Random r, int n, int d, int k) {
        double[] x = new double[n * d];
        int[] labels = new int[n];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextGaussian();
        }
        for (int i = 0; i < n; i++) {
            labels[i] = i % k;
        }
        return Examples.classification(d, x, labels, k);
    }

    record Case(String name, Model model, Examples data) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> models() {
        Random r = new Random(5);
        Examples reg = regression(r, 12, 3);
        Examples bin = classes(r, 12, 3, 2);
        Examples multi = classes(r, 15, 3, 3);
        return Stream.of(
                new Case("linear", new LinearModel(OutputLoss.SQUARED, 3, 1, 0), reg),
                new Case("linear+decay", new LinearModel(OutputLoss.SQUARED, 3, 1, 0.3), reg),
                new Case("logistic", new LinearModel(OutputLoss.BINARY_CROSS_ENTROPY, 3, 1, 0), bin),
                new Case("logistic+decay", new LinearModel(OutputLoss.BINARY_CROSS_ENTROPY, 3, 1, 0.1), bin),
                new Case("softmax", new LinearModel(OutputLoss.SOFTMAX_CROSS_ENTROPY, 3, 3, 0), multi),
                new Case("softmax+decay", new LinearModel(OutputLoss.SOFTMAX_CROSS_ENTROPY, 3, 3, 0.2), multi),
                new Case("mlp tanh regression", new Mlp(new int[] {3, 5, 4, 1}, Activation.TANH, OutputLoss.SQUARED, 0), reg),
                new Case("mlp sigmoid binary", new Mlp(new int[] {3, 4, 1}, Activation.SIGMOID, OutputLoss.BINARY_CROSS_ENTROPY, 0.05), bin),
                new Case("mlp relu softmax", new Mlp(new int[] {3, 6, 3}, Activation.RELU, OutputLoss.SOFTMAX_CROSS_ENTROPY, 0), multi),
                new Case("mlp tanh softmax+decay", new Mlp(new int[] {3, 4, 4, 3}, Activation.TANH, OutputLoss.SOFTMAX_CROSS_ENTROPY, 0.1), multi)
        ).map(Arguments::of);
    }

    static int[] all(int n) {
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        return idx;
    }

    @ParameterizedTest
    @MethodSource("models")
    void gradientMatchesCentralDifferencesOfTheLoss(Case c) {
        Model model = c.model();
        Examples data = c.data();
        int n = model.parameterCount();
        int[] idx = all(data.size());
        Random r = new Random(11);
        double[] theta = new double[n];
        double[] g = new double[n];
        for (int trial = 0; trial < 5; trial++) {
            for (int p = 0; p < n; p++) {
                theta[p] = r.nextGaussian();
            }
            // a minibatch: the first 7 examples in a shuffled order
            int[] batch = {4, 0, 9, 2, 7, 1, 11};
            model.gradient(theta, data, batch, batch.length, g);
            for (int p = 0; p < n; p++) {
                double h = 1e-6;
                double[] plus = theta.clone();
                double[] minus = theta.clone();
                plus[p] += h;
                minus[p] -= h;
                double fd = (model.loss(plus, data, batch, batch.length) - model.loss(minus, data, batch, batch.length)) / (2 * h);
                assertEquals(fd, g[p], 1e-6 * Math.max(1, Math.abs(fd)), c + " ∂J/∂θ" + p);
            }
            assertTrue(model.loss(theta, data, idx, idx.length) > 0);
        }
    }

    @ParameterizedTest
    @MethodSource("models")
    void hessianMatchesCentralDifferencesOfTheGradient(Case c) {
        Model model = c.model();
        Examples data = c.data();
        int n = model.parameterCount();
        int[] idx = all(data.size());
        Random r = new Random(13);
        double[] theta = new double[n];
        for (int p = 0; p < n; p++) {
            theta[p] = 0.5 * r.nextGaussian();
        }
        double[] h = new double[n * n];
        model.hessian(theta, data, idx, idx.length, h);
        double[] gPlus = new double[n];
        double[] gMinus = new double[n];
        for (int q = 0; q < n; q++) {
            double step = 1e-5;
            double[] plus = theta.clone();
            double[] minus = theta.clone();
            plus[q] += step;
            minus[q] -= step;
            model.gradient(plus, data, idx, idx.length, gPlus);
            model.gradient(minus, data, idx, idx.length, gMinus);
            for (int p = 0; p < n; p++) {
                double fd = (gPlus[p] - gMinus[p]) / (2 * step);
                assertEquals(fd, h[p * n + q], 1e-5 * Math.max(1, Math.abs(fd)), c + " H[" + p + "][" + q + "]");
                assertEquals(h[p * n + q], h[q * n + p], 1e-12, c + " symmetric");
            }
        }
    }

    @org.junit.jupiter.api.Test
    void lossesAreStableForHugeLogits() {
        Examples bin = Examples.classification(1, new double[] {1, -1}, new int[] {0, 1}, 2);
        LinearModel logistic = new LinearModel(OutputLoss.BINARY_CROSS_ENTROPY, 1, 1, 0);
        double loss = logistic.loss(new double[] {1000, 0}, bin, new int[] {0, 1}, 2);
        assertEquals(1000, loss, 1e-9); // both examples wrong by a logit of 1000: mean loss 1000, not ∞
        Examples multi = Examples.classification(1, new double[] {1}, new int[] {2}, 3);
        LinearModel softmax = new LinearModel(OutputLoss.SOFTMAX_CROSS_ENTROPY, 1, 3, 0);
        double ce = softmax.loss(new double[] {800, 0, 0, 0, 0, 0}, multi, new int[] {0}, 1);
        assertEquals(800, ce, 1e-9);
    }
}

package org.optlab.engine.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The fresh test set's loss (the metric testLoss, an estimate of J*): the mean loss (1/n) Σ L(f(x⁽ⁱ⁾; θ), y⁽ⁱ⁾) over
 * the test examples, without weight decay, worked out by hand for a logistic model; and metamorphic: the same examples as
 * test set and as validation set give the same number.
 */
class TestLossTest {

    @Test
    void theTestLossIsTheMeanCrossEntropyOnTheTestExamples() {
        // one feature: p = σ(w x + b); θ = (w, b) as the linear model lays it out
        Examples train = Examples.classification(1, new double[] {-1, 1}, new int[] {0, 1}, 2);
        Examples test = Examples.classification(1, new double[] {2, -0.5, 0}, new int[] {1, 1, 0}, 2);
        DataProblem p = new DataProblem(new LinearModel(OutputLoss.BINARY_CROSS_ENTROPY, 1, 1, 0.5), train, train,
                test, 2, 1);
        assertEquals(List.of("validationLoss", "accuracy", "validationAccuracy", DataProblem.TEST_LOSS),
                List.of(p.metricNames()));
        double w = 0.8;
        double b = -0.3;
        double[] metrics = new double[4];
        p.evaluate(new double[] {w, b}, metrics);
        double expected = 0;
        double[][] rows = {{2, 1}, {-0.5, 1}, {0, 0}};
        for (double[] r : rows) {
            double q = 1 / (1 + Math.exp(-(w * r[0] + b)));
            expected -= r[1] == 1 ? Math.log(q) : Math.log(1 - q);
        }
        assertEquals(expected / 3, metrics[3], 1e-12, "no weight decay in J*'s estimate");
    }

    @Test
    void theSameExamplesAsTestAndAsValidationSetGiveTheSameLoss() {
        java.util.Random r = new java.util.Random(3);
        double[] x = new double[40];
        int[] y = new int[20];
        for (int i = 0; i < 20; i++) {
            x[2 * i] = r.nextGaussian();
            x[2 * i + 1] = r.nextGaussian();
            y[i] = r.nextInt(2);
        }
        Examples e = Examples.classification(2, x, y, 2);
        Mlp model = new Mlp(new int[] {2, 5, 1}, Activation.TANH, OutputLoss.BINARY_CROSS_ENTROPY, 0);
        double[] theta = new double[model.parameterCount()];
        model.initialize(theta, true, new java.util.Random(4));
        // with minibatches the minibatch loss stays the last metric
        DataProblem p = new DataProblem(model, e, e, e, 5, 7);
        String[] names = p.metricNames();
        assertEquals(DataProblem.TEST_LOSS, names[3]);
        assertEquals(DataProblem.MINIBATCH_LOSS, names[4]);
        double[] metrics = new double[names.length];
        p.evaluate(theta, metrics);
        assertEquals(metrics[0], metrics[3], 0, "test loss = validation loss on the same examples");
    }
}

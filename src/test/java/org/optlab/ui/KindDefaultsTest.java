package org.optlab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.optlab.engine.Algorithm;
import org.optlab.engine.Algorithm.Hyper;
import org.optlab.experiment.DocumentReader;
import org.optlab.experiment.ExperimentDocument;
import org.optlab.experiment.ExperimentRunner;

/**
 * The dataset defaults train: on the toy MLP (16, 16 tanh) on moons at batch size 32, every first-order algorithm with
 * its dataset learning rate completes 600 steps and brings the training loss below 60% of where it started; with the
 * Rosenbrock's ε = 0.0002 for gradient descent the loss falls less than a fifth as far.
 */
class KindDefaultsTest {

    static ExperimentDocument.OptimizerResult train(Algorithm a, double epsilon) throws Exception {
        String json = String.format(Locale.ROOT, """
                { "schemaVersion": 1, "seed": 1, "steps": 600,
                  "problem": { "dataset": "moons", "n": 500, "model": { "type": "mlp", "hidden": [16, 16] } },
                  "optimizers": [ { "algorithm": "%s", "learningRate": %s, "batchSize": 32 } ] }""", a.id(), epsilon);
        return ExperimentRunner.run(DocumentReader.read(json).document()).results().get(0);
    }

    @ParameterizedTest
    @EnumSource(value = Algorithm.class, names = {"NEWTON", "DAMPED_NEWTON"}, mode = EnumSource.Mode.EXCLUDE)
    void everyFirstOrderAlgorithmTrainsTheToyNetworkWithItsDatasetDefault(Algorithm a) throws Exception {
        ExperimentDocument.OptimizerResult r = train(a, KindDefaults.value(a, Hyper.LEARNING_RATE, true));
        double first = r.loss()[0];
        double last = r.loss()[r.loss().length - 1];
        assertEquals("completed", r.status(), r.message());
        assertTrue(last < 0.6 * first, a.id() + ": loss " + first + " → " + last);
    }

    @org.junit.jupiter.api.Test
    void rosenbrocksGradientDescentStepBarelyMovesIt() throws Exception {
        ExperimentDocument.OptimizerResult tiny = train(Algorithm.SGD, 0.0002);
        ExperimentDocument.OptimizerResult data = train(Algorithm.SGD, KindDefaults.value(Algorithm.SGD, Hyper.LEARNING_RATE, true));
        double tinyDrop = tiny.loss()[0] - tiny.loss()[tiny.loss().length - 1];
        double dataDrop = data.loss()[0] - data.loss()[data.loss().length - 1];
        assertTrue(tinyDrop < 0.2 * dataDrop, "ε = 0.0002 gains " + tinyDrop + ", the dataset default " + dataDrop);
    }
}

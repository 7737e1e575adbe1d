package org.optlab.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;
import org.junit.jupiter.api.Test;
import org.optlab.engine.Algorithm;
import org.optlab.engine.RunListener;
import org.optlab.engine.RunResult;
import org.optlab.engine.model.Examples;
import org.optlab.experiment.ExperimentDocument.OptimizerResult;

/** The checks of the data issue: Newton's one-step least squares, its convergence on logistic regression, the closed form of batch GD, and every optimizer on the moons MLP. */
class LearningFromDataTest {

    static ExperimentPlan plan(String json) throws Exception {
        return ExperimentPlan.prepare(DocumentReader.read(json).document());
    }

    static ExperimentDocument run(String json) throws Exception {
        return ExperimentRunner.run(DocumentReader.read(json).document());
    }

    @Test
    void newtonOnLinearRegressionReachesTheLeastSquaresSolutionInOneStep() throws Exception {
        ExperimentPlan plan = plan("""
                { "schemaVersion": 1, "steps": 1,
                  "problem": { "dataset": "diabetes", "validationFraction": 0, "model": { "type": "linear" } },
                  "optimizers": [ { "algorithm": "newton" } ] }""");
        RunResult r = plan.trainer(0, RunListener.NONE).runToEnd();
        Examples train = plan.split().train();
        int n = train.size();
        int d = train.features();
        // least squares by QR: [X 1] θ = y
        DMatrixRMaj a = new DMatrixRMaj(n, d + 1);
        DMatrixRMaj y = new DMatrixRMaj(n, 1);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                a.set(i, j, train.x(i, j));
            }
            a.set(i, d, 1);
            y.set(i, 0, train.y(i));
        }
        LinearSolverDense<DMatrixRMaj> qr = LinearSolverFactory_DDRM.leastSquares(n, d + 1);
        assertTrue(qr.setA(a));
        DMatrixRMaj theta = new DMatrixRMaj(d + 1, 1);
        qr.solve(y, theta);
        assertEquals(2, r.steps().length);
        for (int j = 0; j <= d; j++) {
            assertEquals(theta.get(j, 0), r.theta()[j], 1e-10 * Math.max(1, Math.abs(theta.get(j, 0))), "θ_" + j);
        }
    }

    @Test
    void newtonOnRegularisedLogisticRegressionOnBreastCancerConvergesInUnder15Steps() throws Exception {
        // The training split is linearly separable: without weight decay the loss has no minimiser. With λ = 0.01 it has one.
        OptimizerResult r = run("""
                { "schemaVersion": 1, "steps": 50, "stop": { "gradientTolerance": 1e-10 },
                  "problem": { "dataset": "breast_cancer", "model": { "type": "logistic", "weightDecay": 0.01 } },
                  "optimizers": [ { "algorithm": "newton" } ] }""").results().get(0);
        assertEquals("converged", r.status(), r.message());
        long steps = r.steps()[r.steps().length - 1];
        assertTrue(steps < 15, "converged at step " + steps);
        assertTrue(r.metrics().get("validationAccuracy")[r.steps().length - 1] > 0.93);
    }

    @Test
    void fullBatchSgdOnLinearRegressionMatchesTheClosedForm() throws Exception {
        double epsilon = 0.05;
        ExperimentPlan plan = plan("""
                { "schemaVersion": 1, "steps": 100,
                  "problem": { "dataset": "linear", "n": 200, "model": { "type": "linear", "init": "zeros" } },
                  "optimizers": [ { "algorithm": "sgd", "learningRate": 0.05, "batchSize": 160 } ] }""");
        assertEquals(160, plan.split().train().size(), "m = N: batch gradient descent");
        Examples t = plan.split().train();
        int n = t.size();
        int d = t.features();
        double[] theta = new double[d + 1];
        List<double[]> expected = new java.util.ArrayList<>();
        expected.add(theta.clone());
        for (int k = 0; k < 100; k++) {
            // θ_{k+1} = θ_k − ε·(2/N)·Xᵀ(Xθ_k − y), X with a column of ones for the bias
            double[] gradient = new double[d + 1];
            for (int i = 0; i < n; i++) {
                double residual = theta[d];
                for (int j = 0; j < d; j++) {
                    residual += t.x(i, j) * theta[j];
                }
                residual -= t.y(i);
                for (int j = 0; j < d; j++) {
                    gradient[j] += t.x(i, j) * residual;
                }
                gradient[d] += residual;
            }
            for (int j = 0; j <= d; j++) {
                theta[j] -= epsilon * 2.0 / n * gradient[j];
            }
            expected.add(theta.clone());
        }
        var trainer = plan.trainer(0, RunListener.NONE);
        for (int k = 1; k <= 100; k++) {
            trainer.advance(1);
            double[] got = trainer.theta();
            for (int j = 0; j <= d; j++) {
                double want = expected.get(k)[j];
                assertEquals(want, got[j], 1e-12 * Math.max(1, Math.abs(want)), "step " + k + " θ_" + j);
            }
        }
    }

    /**
     * The whole chain: moons (n = 1000, noise 0.2, seed 1), MLP 2-16-16-1 tanh, batch 32, 3000 steps. Every first-order
     * optimizer reaches a validation accuracy ≥ 0.95 with its defaults, except plain SGD, whose default ε = 0.01 is too
     * slow for 3000 steps: it is given ε = 0.3. Damped Newton needs 10 full-batch steps. Pure Newton is the lecture's
     * counter-example: on this non-convex loss it stops at a singular Hessian.
     */
    @Test
    void everyOptimizerTrainsTheMoonsMlp() throws Exception {
        String problem = "\"problem\": { \"dataset\": \"moons\", \"n\": 1000, \"noise\": 0.2, "
                + "\"model\": { \"type\": \"mlp\", \"hidden\": [16, 16], \"activation\": \"tanh\" } }";
        ExperimentDocument first = run("{ \"schemaVersion\": 1, \"seed\": 1, \"steps\": 3000, " + problem + ", \"optimizers\": ["
                + "{ \"algorithm\": \"sgd\", \"learningRate\": 0.3 }, { \"algorithm\": \"momentum\" }, { \"algorithm\": \"nesterov\" },"
                + "{ \"algorithm\": \"adagrad\" }, { \"algorithm\": \"rmsprop\" }, { \"algorithm\": \"rmsprop-nesterov\" },"
                + "{ \"algorithm\": \"adam\" } ] }");
        for (OptimizerResult r : first.results()) {
            double[] accuracy = r.metrics().get("validationAccuracy");
            assertEquals("completed", r.status(), r.label());
            assertTrue(accuracy[accuracy.length - 1] >= 0.95, r.label() + " validation accuracy " + accuracy[accuracy.length - 1]);
            assertEquals(32, r.batchSize());
            assertEquals(25, r.stepsPerEpoch(), "800 training points in minibatches of 32");
        }
        ExperimentDocument second = run("{ \"schemaVersion\": 1, \"seed\": 1, \"steps\": 10, " + problem + ", \"optimizers\": ["
                + "{ \"algorithm\": \"damped-newton\" }, { \"algorithm\": \"newton\" } ] }");
        OptimizerResult damped = second.results().get(0);
        double[] accuracy = damped.metrics().get("validationAccuracy");
        assertTrue(accuracy[accuracy.length - 1] >= 0.95, "damped Newton " + accuracy[accuracy.length - 1]);
        assertEquals(800, damped.batchSize(), "Newton always uses the full batch");
        assertEquals("singular-hessian", second.results().get(1).status());
    }

    @Test
    void everyOptimizerStartsFromTheSameThetaAndSeesTheSameMinibatches() throws Exception {
        ExperimentPlan plan = plan("""
                { "schemaVersion": 1, "seed": 9, "steps": 50, "recordEvery": 1,
                  "problem": { "dataset": "xor", "n": 200, "model": { "type": "mlp", "hidden": [4] } },
                  "optimizers": [ { "label": "a", "algorithm": "sgd", "batchSize": 10 },
                                  { "label": "b", "algorithm": "sgd", "batchSize": 10 },
                                  { "label": "c", "algorithm": "adam", "batchSize": 10 } ] }""");
        assertArrayEquals(plan.start(), plan.trainer(2, RunListener.NONE).theta(), 0);
        RunResult a = plan.trainer(0, RunListener.NONE).runToEnd();
        RunResult b = plan.trainer(1, RunListener.NONE).runToEnd();
        RunResult c = plan.trainer(2, RunListener.NONE).runToEnd();
        assertArrayEquals(a.loss(), b.loss(), 0, "same optimizer, same minibatches: same numbers");
        assertEquals(a.loss()[0], c.loss()[0], 0, "same θ₀");
        assertTrue(a.loss()[50] != c.loss()[50]);
    }

    @Test
    void datasetProblemsAreValidatedWithTheDataAtHand() throws Exception {
        InvalidDocumentException e = org.junit.jupiter.api.Assertions.assertThrows(InvalidDocumentException.class,
                () -> plan("""
                { "schemaVersion": 1, "steps": 10,
                  "problem": { "dataset": "iris", "model": { "type": "logistic" } },
                  "optimizers": [ { "algorithm": "sgd", "batchSize": 500 } ] }"""));
        assertEquals(List.of(
                "problem.model.type logistic needs exactly 2 classes; iris has 3 classes: use softmax or mlp",
                "optimizers[0].batchSize must be ≤ 120 (the training set of iris), got 500"), e.problems());
        InvalidDocumentException big = org.junit.jupiter.api.Assertions.assertThrows(InvalidDocumentException.class,
                () -> plan("""
                { "schemaVersion": 1, "steps": 10,
                  "problem": { "dataset": "digits", "model": { "type": "mlp", "hidden": [64] } },
                  "optimizers": [ { "algorithm": "adam" }, { "algorithm": "newton" } ] }"""));
        assertEquals(List.of(new Violation("optimizers[1]", "algorithm", "is newton, which needs the Hessian, offered up"
                + " to 2000 parameters; this model has 4810: use a smaller model (fewer hidden units) or a first-order"
                + " method")), big.violations());
        assertEquals(List.of(new Violation("problem.model", "type", "logistic needs exactly 2 classes; iris has 3 classes:"
                + " use softmax or mlp"), new Violation("optimizers[0]", "batchSize", "must be ≤ 120 (the training set of"
                + " iris), got 500")), e.violations(), "each at its path and field");
    }

    @Test
    void recordEveryDefaultsToUnderTenPercentOfTrainingAndAtLeast300PointsPerCurve() throws Exception {
        String doc = """
                { "schemaVersion": 1, "steps": %d,
                  "problem": { "dataset": "moons", "n": 1000 },
                  "optimizers": [ { "algorithm": "sgd", "batchSize": 32 }, { "algorithm": "adam", "batchSize": 800 } ] }""";
        // a long run: 1000 examples evaluated per record, the smallest batch 32: ⌈7·1000/32⌉
        ExperimentPlan plan = plan(doc.formatted(2_000_000));
        assertEquals(219, plan.recordEvery());
        assertEquals(Algorithm.SGD, plan.algorithm(0));
        // a short one: 219 would leave 22 points on a curve of 5000 steps; ⌊5000 / 300⌋ = 16 gives 313
        assertEquals(16, plan(doc.formatted(5000)).recordEvery());
        // the batch / minibatch / SGD preset's length: 3000 steps, 300 points and more per curve
        assertEquals(10, plan(doc.formatted(3000)).recordEvery());
    }
}

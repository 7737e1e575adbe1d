package org.optlab.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.optlab.engine.Algorithm;
import org.optlab.engine.Algorithm.Hyper;
import org.optlab.experiment.ExperimentDocument;
import org.optlab.experiment.ExperimentDocument.ModelSpec;
import org.optlab.experiment.ExperimentDocument.OptimizerSpec;
import org.optlab.experiment.ExperimentDocument.ProblemSpec;
import org.optlab.experiment.InvalidDocumentException;
import org.optlab.experiment.ModelType;
import org.optlab.experiment.Violation;

/** One tab's lab without a browser: edits are checked at their paths, and the data is loaded only when it changes. */
class LabSessionTest {

    @TempDir
    Path dir;

    private TrainingExecutor executor;
    private LabSession session;

    private LabSession session() throws Exception {
        return session(null);
    }

    private LabSession session(Long maxStepCost) throws Exception {
        executor = new TrainingExecutor(new LabProperties(1, 10, 200, null, null, null, null, 0, null, maxStepCost));
        LabService lab = new LabService(executor, new org.optlab.lab.FileUploadStore(Files.createDirectories(dir.resolve("data")).toString()));
        session = lab.openSession("owner-a");
        return session;
    }

    @AfterEach
    void close() {
        if (session != null) {
            session.close();
        }
        if (executor != null) {
            executor.destroy();
        }
    }

    /** Moons with n points and this validation share, one SGD optimizer at ε. */
    private static ExperimentDocument moons(int n, double validation, double epsilon, int steps) {
        ProblemSpec p = new ProblemSpec.DatasetSpec("moons", n, 0.2, null, null, null, null, null, null, validation,
                ModelSpec.of(ModelType.LOGISTIC));
        return new ExperimentDocument(1, null, 7L, steps, null, p,
                List.of(OptimizerSpec.of("GD", Algorithm.SGD).with(Hyper.LEARNING_RATE, epsilon)), null, null);
    }

    @Test
    void onlyAChangeOfTheDataLoadsTheDataAgain() throws Exception {
        LabSession s = session();
        assertEquals(List.of(), s.edit(moons(400, 0.2, 0.1, 50)));
        assertEquals(320, s.trainingSize(), "400 points, a fifth held out");
        s.plan();
        assertEquals(1, s.dataLoads());

        s.edit(moons(400, 0.2, 0.3, 50));      // a hyper-parameter
        s.plan();
        s.edit(moons(400, 0.2, 0.3, 80));      // the step budget
        s.plan();
        s.edit(moons(400, 0.5, 0.3, 80));      // the split, not the data
        assertEquals(200, s.trainingSize());
        s.plan();
        assertEquals(1, s.dataLoads(), "hyper-parameters, steps and the split reuse the loaded data");

        s.edit(moons(600, 0.5, 0.3, 80));      // other data
        assertEquals(300, s.trainingSize());
        assertEquals(2, s.dataLoads());
        s.plan();
        assertEquals(2, s.dataLoads());
    }

    @Test
    void anEditIsCheckedAtItsPathsAndABadOneCannotBePlannedOrOpened() throws Exception {
        LabSession s = session();
        List<Violation> v = s.edit(moons(400, 0.2, -1, 50));
        assertEquals(List.of(new Violation("optimizers[0]", "learningRate", "must be > 0 and ≤ 1000000, got -1")), v);
        assertEquals(v, s.violations());
        InvalidDocumentException e = assertThrows(InvalidDocumentException.class, s::open);
        assertEquals(v, e.violations());
        assertNull(s.live());
        assertEquals(0, s.dataLoads(), "nothing is loaded for an experiment that cannot run");

        ExperimentDocument none = new ExperimentDocument(1, null, 7L, 50, null,
                ProblemSpec.function("rosenbrock", null), List.of(), null, null);
        assertEquals("optimizers", s.edit(none).get(0).field());
    }

    @Test
    void aSessionHoldsOneLiveExperimentAndClosingItStopsIt() throws Exception {
        LabSession s = session();
        s.edit(moons(400, 0.2, 0.1, 50));
        LiveExperiment first = s.open();
        assertNotNull(first);
        assertEquals(LiveExperiment.State.READY, first.state());
        LiveExperiment second = s.open();
        assertTrue(first != second && s.live() == second, "a new run replaces the old one");
        assertEquals(LiveExperiment.State.STOPPED, first.state(), "the old one is closed");
        assertEquals(1, s.dataLoads());
        s.close();
        assertNull(s.live());
        assertEquals(LiveExperiment.State.STOPPED, second.state());
    }

    @Test
    void aStepTooCostlyToInterruptIsRefusedWithTheLimitAndWhatToChange() throws Exception {
        LabSession s = session(1_000_000L);
        ProblemSpec mlp = new ProblemSpec.DatasetSpec("moons", 400, 0.2, null, null, null, null, null, null, 0.2,
                new ModelSpec(ModelType.MLP, new int[] {64, 64}, null, null, null));
        // p = 2·64 + 64 + 64·64 + 64 + 64 + 1 = 4417 parameters, N = 320 training examples
        ExperimentDocument doc = new ExperimentDocument(1, null, 7L, 10, null, mlp, List.of(
                OptimizerSpec.of("minibatch", Algorithm.SGD).withBatchSize(32),      // 3·4417·32 ≈ 0.42 million
                OptimizerSpec.of("batch", Algorithm.SGD).withBatchSize(320)),        // 3·4417·320 ≈ 4.2 million
                null, null);
        s.edit(doc);
        InvalidDocumentException e = assertThrows(InvalidDocumentException.class, s::plan);
        assertEquals(1, e.violations().size(), e.getMessage());
        Violation v = e.violations().get(0);
        assertEquals("optimizers[1]", v.path());
        assertEquals("batchSize", v.field());
        assertTrue(v.message().contains("about 4 million multiply-adds") && v.message().contains("m = 320")
                && v.message().contains("limit is 1 million (optlab.max-step-cost)"), v.message());

        ProblemSpec small = new ProblemSpec.DatasetSpec("moons", 400, 0.2, null, null, null, null, null, null, 0.2,
                new ModelSpec(ModelType.MLP, new int[] {16}, null, null, null));
        // Newton on p = 2·16 + 16 + 16 + 1 = 65 parameters: p²·N + p³ = 4225·320 + 274625 ≈ 1.63 million
        s.edit(new ExperimentDocument(1, null, 7L, 10, null, small, List.of(OptimizerSpec.of("N", Algorithm.NEWTON)),
                null, null));
        Violation newton = assertThrows(InvalidDocumentException.class, s::plan).violations().get(0);
        assertEquals("algorithm", newton.field());
        assertTrue(newton.message().contains("about 2 million") && newton.message().contains("first-order method"),
                newton.message());
        assertEquals(1, s.dataLoads(), "moons 400 was loaded once for both");
    }

    @Test
    void aViewCanReadWhatTheOptimizerRemembersBetweenSteps() throws Exception {
        LabSession s = session();
        s.edit(new ExperimentDocument(1, null, 7L, 100, null, ProblemSpec.function("rosenbrock", new double[] {-2, 2}),
                List.of(OptimizerSpec.of("Adam", Algorithm.ADAM), OptimizerSpec.of("AdaGrad", Algorithm.ADAGRAD)),
                null, null));
        LiveExperiment live = s.open();
        live.step();
        live.step();
        org.optlab.engine.OptimizerState adam = live.optimizerState(0);
        assertEquals(2, adam.step());
        assertEquals(1 / (1 - 0.9 * 0.9), adam.scalar("1/(1−ρ₁ᵗ)"), 1e-12);
        double[] r = live.optimizerState(1).vector("r");
        double[] rate = live.optimizerState(1).vector("ε/(δ+√r)");
        // AdaGrad's default ε = 0.1 and δ = 1e-7: the rate is ε/(δ + √r) coordinate by coordinate
        assertEquals(0.1 / (1e-7 + Math.sqrt(r[0])), rate[0], 1e-15);
    }
}

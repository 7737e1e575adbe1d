package org.optlab.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.optlab.experiment.DocumentReader;
import org.optlab.experiment.ExperimentPlan;

/**
 * The server's memory budget for training: every experiment's heap is estimated before it starts (run history, models,
 * data, minibatch buffers) and an experiment that would take the running ones past {@code optlab.memory-budget-mb} is
 * refused, in words, until enough of them have finished.
 */
class MemoryBudgetTest {

    private TrainingExecutor executor;

    @AfterEach
    void shutDown() {
        if (executor != null) {
            executor.destroy();
        }
    }

    /** Sixteen optimizers on a quadratic, every step recorded. */
    static ExperimentPlan sixteen(long steps) throws Exception {
        StringBuilder optimizers = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            optimizers.append(i == 0 ? "" : ",").append("{ \"algorithm\": \"sgd\", \"learningRate\": 1e-9 }");
        }
        return ExperimentPlan.prepare(DocumentReader.read("""
                { "schemaVersion": 1, "steps": %d,
                  "problem": { "function": "quadratic", "a": [[1, 0], [0, 20]], "b": [0, 0], "start": [1, 1] },
                  "optimizers": [ %s ] }""".formatted(steps, optimizers)).document());
    }

    static ExperimentPlan moons(long steps, int hidden, int batch) throws Exception {
        return ExperimentPlan.prepare(DocumentReader.read("""
                { "schemaVersion": 1, "steps": %d,
                  "problem": { "dataset": "moons", "n": 1000, "model": { "type": "mlp", "hidden": [%d, %d] } },
                  "optimizers": [ { "algorithm": "adam", "batchSize": %d }, { "algorithm": "momentum", "batchSize": %d } ] }"""
                .formatted(steps, hidden, hidden, batch, batch)).document());
    }

    @Test
    void theEstimateIsBoundedInStepsAndGrowsWithTheModelTheBatchAndTheOptimizers() throws Exception {
        MemoryEstimate short_ = MemoryEstimate.of(sixteen(1_000));
        MemoryEstimate longer = MemoryEstimate.of(sixteen(100_000));
        MemoryEstimate longest = MemoryEstimate.of(sixteen(2_000_000));
        assertTrue(longer.history() > short_.history());
        assertEquals(longer.history(), longest.history(), "a run's history does not grow past the push buffer's bound");
        MemoryEstimate small = MemoryEstimate.of(moons(1000, 16, 32));
        MemoryEstimate wide = MemoryEstimate.of(moons(1000, 256, 32));
        MemoryEstimate big = MemoryEstimate.of(moons(1000, 16, 512));
        assertTrue(wide.model() > 100 * small.model() / 2, "p grows about 130-fold: " + small + " → " + wide);
        assertTrue(big.buffers() == 16 * small.buffers(), "buffers follow m: " + small + " → " + big);
        assertEquals(small.data(), big.data());
        assertTrue(small.data() >= 1000 * 3 * 8, "the moons' 1,000 × (2 + 1) values at least: " + small);
        assertTrue(small.words().startsWith("about "), small.words());
    }

    @Test
    void anExperimentThatWouldTakeTheRunningOnesPastTheBudgetIsRefusedUntilOneFinishes() throws Exception {
        ExperimentPlan plan = sixteen(2_000_000);
        long need = MemoryEstimate.of(plan).total();
        int budgetMb = (int) (1.5 * need / 1024 / 1024) + 1;
        executor = new TrainingExecutor(new LabProperties(1, 10, 200, null, null, null, null, null, null, null, null,
                budgetMb));
        LabService lab = new LabService(executor, null);
        LiveExperiment alice = lab.open(plan, "alice");
        assertNull(lab.mayStart(alice), "the first fits");
        alice.start();
        LiveExperiment bob = lab.open(sixteen(2_000_000), "bob");
        String refused = lab.mayStart(bob);
        assertTrue(refused != null && refused.startsWith("the server's memory for training is taken: this experiment"
                + " needs about ") && refused.contains("(optlab.memory-budget-mb)"), refused);
        LiveExperiment small = lab.open(sixteen(1_000), "carol");
        assertNull(lab.mayStart(small), "a small one still fits beside it: " + MemoryEstimate.of(sixteen(1_000)).words());
        alice.stop();
        assertNull(lab.mayStart(bob), "once alice's has stopped, bob's fits");
    }

    @Test
    void anExperimentLargerThanTheWholeBudgetSaysWhatToMakeSmaller() throws Exception {
        executor = new TrainingExecutor(new LabProperties(1, 10, 200, null, null, null, null, null, null, null, null, 1));
        LabService lab = new LabService(executor, null);
        String refused = lab.mayStart(lab.open(sixteen(2_000_000), "alice"));
        assertTrue(refused != null && refused.contains("more than this server's memory budget for training, 1.0 MB"
                + " (optlab.memory-budget-mb): use fewer optimizers"), refused);
    }

    /**
     * An experiment that has ended still holds its curves and its record while its tab is open: the budget counts that
     * part ({@link MemoryEstimate#kept}) until the tab closes it.
     */
    @Test
    void anEndedExperimentStillOpenCountsWhatItKeepsUntilItsTabClosesIt() throws Exception {
        ExperimentPlan plan = sixteen(2_000_000);
        MemoryEstimate e = MemoryEstimate.of(plan);
        assertTrue(e.kept() > 0 && e.kept() < e.total() / 2, e.kept() + " of " + e.total());
        int budgetMb = (int) ((e.total() + e.kept() / 2) / 1024 / 1024);
        executor = new TrainingExecutor(new LabProperties(1, 10, 200, null, null, null, null, null, null, null, null,
                budgetMb));
        LabService lab = new LabService(executor, null);
        LiveExperiment alice = lab.open(plan, "alice");
        assertNull(lab.mayStart(alice));
        alice.start();
        alice.stop();
        assertEquals(LiveExperiment.State.STOPPED, alice.state());
        LiveExperiment bob = lab.open(sixteen(2_000_000), "bob");
        String refused = lab.mayStart(bob);
        assertTrue(refused != null && refused.contains("the ended ones still open and the files being read hold"), refused);
        alice.close();
        assertNull(lab.mayStart(bob), "alice's tab closed: nothing of hers is held");
    }

    /**
     * An upload being read and parsed holds its reservation of the budget: an experiment that fits alone is refused
     * beside it, an upload is refused beside the experiments, each in words, and both fit again once the other is done.
     */
    @Test
    void anUploadBeingReadIsCountedInTheBudgetWithTheExperiments() throws Exception {
        ExperimentPlan plan = sixteen(2_000_000);
        long need = MemoryEstimate.of(plan).total();
        int budgetMb = (int) (1.5 * need / 1024 / 1024) + 1;
        long budget = budgetMb * 1024L * 1024L;
        executor = new TrainingExecutor(new LabProperties(1, 10, 200, null, null, null, null, null, null, null, null,
                budgetMb));
        LabService lab = new LabService(executor, null);
        LiveExperiment alice = lab.open(plan, "alice");
        try (LabService.Reservation upload = lab.reserve(budget - need / 2)) {
            String refused = lab.mayStart(alice);
            assertTrue(refused != null && refused.contains("the files being read hold"), refused);
        }
        assertNull(lab.mayStart(alice), "the upload has been handled: the experiment fits");
        alice.start();
        LabService.MemoryTaken taken = org.junit.jupiter.api.Assertions.assertThrows(LabService.MemoryTaken.class,
                () -> lab.reserve(20L * 1024 * 1024 * LabService.JSON_HEAP_PER_BYTE));
        assertTrue(taken.getMessage().startsWith("reading it needs about 140 MB of the server's memory, and the"
                + " experiments running now and the files being read hold ") && taken.getMessage().contains(
                "(optlab.memory-budget-mb): try again when some have finished, or use a smaller file"), taken.getMessage());
        try (LabService.Reservation small = lab.reserve(need / 3)) {
            org.junit.jupiter.api.Assertions.assertThrows(LabService.MemoryTaken.class, () -> lab.reserve(need / 3),
                    "two uploads are counted together");
        }
        alice.stop();
        alice.close();
        try (LabService.Reservation upload = lab.reserve(budget - 1)) {
            assertTrue(upload != null, "with nothing running the whole budget is the upload's");
        }
    }

    /** An uploaded CSV read again when its experiment starts is parsed within the budget too, and refused in words. */
    @Test
    void anUploadedDatasetIsParsedWithinTheBudgetWhenItsExperimentStarts(@org.junit.jupiter.api.io.TempDir
            java.nio.file.Path dir) throws Exception {
        StringBuilder csv = new StringBuilder("x1,x2,y\n");
        for (int r = 0; csv.length() < 400_000; r++) {
            csv.append(r % 7).append(',').append(r % 5).append(',').append(r % 2).append('\n');
        }
        FileUploadStore uploads = new FileUploadStore(dir.toString());
        String reference = uploads.put(csv.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        var doc = DocumentReader.read("""
                { "schemaVersion": 1, "steps": 10, "problem": { "dataset": "%s", "model": { "type": "linear" } },
                  "optimizers": [ { "algorithm": "sgd" } ] }""".formatted(reference)).document();
        // 400 KB at 7 bytes a byte is about 2.7 MB: refused by a 2 MB budget, read within a 4 MB one
        executor = new TrainingExecutor(new LabProperties(1, 10, 200, null, null, null, null, null, null, null, null, 2));
        var refused = org.junit.jupiter.api.Assertions.assertThrows(
                org.optlab.experiment.InvalidDocumentException.class, () -> new LabService(executor, uploads).loadData(doc));
        assertTrue(String.join("; ", refused.problems()).contains("cannot be read: reading it needs about 2.7 MB of the"
                + " server's memory, more than its whole budget of 2.0 MB (optlab.memory-budget-mb)"),
                String.join("; ", refused.problems()));
        executor.destroy();
        executor = new TrainingExecutor(new LabProperties(1, 10, 200, null, null, null, null, null, null, null, null, 4));
        LabService roomy = new LabService(executor, uploads);
        assertEquals(2, roomy.loadData(doc).features(), "x1 and x2");
        roomy.reserve(4L * 1024 * 1024).close(); // the parse's reservation was given back: the whole budget is free
    }
}

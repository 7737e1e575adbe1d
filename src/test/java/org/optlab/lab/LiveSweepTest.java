package org.optlab.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.optlab.experiment.DocumentReader;
import org.optlab.experiment.ExperimentDocument;
import org.optlab.experiment.ExperimentPlan;
import org.optlab.experiment.InvalidDocumentException;
import org.optlab.experiment.Sweep;
import org.optlab.experiment.SweepPoint;
import org.optlab.experiment.SweepSpec;

/** A sweep on the shared executor: the headless numbers, points as they finish, Cancel, fairness and the limits. */
class LiveSweepTest {

    static final String QUADRATIC = """
            { "schemaVersion": 1, "steps": %d,
              "problem": { "function": "quadratic", "a": [[1, 0], [0, 20]], "b": [0, 0], "start": [1, 1] },
              "optimizers": [ { "label": "GD", "algorithm": "sgd" }, { "algorithm": "adam" } ] }""";

    /** One worker: the sweep and everyone else share it. */
    private TrainingExecutor executor = new TrainingExecutor(
            new LabProperties(1, 10, 200, null, null, null, 1, null, null, null, 100_000_000L));

    @AfterEach
    void shutDown() {
        executor.destroy();
    }

    static ExperimentDocument document(long steps) throws Exception {
        return DocumentReader.read(QUADRATIC.formatted(steps)).document();
    }

    static Sweep sweep(long steps) throws Exception {
        return Sweep.of(ExperimentPlan.prepare(document(steps)), SweepSpec.defaults());
    }

    static void waitUntil(java.util.function.BooleanSupplier done, long millis) throws InterruptedException {
        long end = System.currentTimeMillis() + millis;
        while (!done.getAsBoolean() && System.currentTimeMillis() < end) {
            Thread.sleep(2);
        }
    }

    @Test
    void theGridFillsInSliceBySliceWithTheNumbersOfTheHeadlessSweep() throws Exception {
        LiveSweep<SweepPoint> live = new LiveSweep<>(sweep(20_000), executor, "alice", s -> { });
        assertEquals(62, live.size());
        live.start();
        assertEquals(LiveSweep.State.RUNNING, live.state());
        List<Integer> batches = new ArrayList<>();
        List<SweepPoint> seen = new ArrayList<>();
        long end = System.currentTimeMillis() + 60_000;
        while (live.state() != LiveSweep.State.FINISHED && System.currentTimeMillis() < end) {
            List<SweepPoint> fresh = live.drain();
            if (!fresh.isEmpty()) {
                batches.add(fresh.size());
                seen.addAll(fresh);
            }
            Thread.sleep(5);
        }
        seen.addAll(live.drain());
        assertEquals(LiveSweep.State.FINISHED, live.state());
        assertEquals(62, live.done());
        assertTrue(batches.size() >= 3, "points arrive as they finish, not all at the end: " + batches);
        // grid-major: GD and Adam at the smallest ε first, and so on up the grid
        for (int p = 0; p < seen.size(); p++) {
            assertEquals(p / 2, seen.get(p).gridIndex());
        }
        // sliced on a shared worker, or run at once on two threads: the same numbers
        assertEquals(List.of(sweep(20_000).runAll(2)), live.points());
        assertEquals(seen, live.points());
        assertEquals(0, executor.trainingCount(), "a finished sweep gives its place back");
    }

    @Test
    void cancelStopsTheSweepWithinASliceAndKeepsThePointsFinished() throws Exception {
        LiveSweep<SweepPoint> live = new LiveSweep<>(sweep(1_000_000), executor, "alice", s -> { });
        live.start();
        waitUntil(() -> live.done() >= 1, 30_000);
        live.cancel();
        long slices = live.slices();
        int done = live.done();
        Thread.sleep(150);
        assertEquals(LiveSweep.State.CANCELLED, live.state());
        assertTrue(live.slices() <= slices + 1, "at most the slice in progress ends after Cancel");
        assertTrue(done >= 1 && done < live.size(), done + " of " + live.size());
        assertEquals(live.done(), live.points().stream().filter(p -> p != null).count());
        assertEquals(0, executor.trainingCount());
    }

    @Test
    void anotherOwnersExperimentKeepsTrainingWhileASweepRunsOnTheOneWorker() throws Exception {
        LiveSweep<SweepPoint> live = new LiveSweep<>(sweep(1_000_000), executor, "alice", s -> { });
        LiveExperiment bobs = new LiveExperiment(ExperimentPlan.prepare(document(1_000_000)), executor, "bob", e -> { });
        try {
            live.start();
            bobs.start();
            waitUntil(() -> bobs.slices() >= 10 && live.slices() >= 10, 30_000);
            long bobSlices = bobs.slices();
            long sweepSlices = live.slices();
            assertEquals(LiveSweep.State.RUNNING, live.state());
            // round-robin across owners: each got about half of the worker's slices
            assertTrue(bobSlices >= 10 && sweepSlices >= 10, "bob " + bobSlices + ", sweep " + sweepSlices);
            assertTrue(Math.abs(bobSlices - sweepSlices) <= 2 + (bobSlices + sweepSlices) / 5,
                    "bob " + bobSlices + ", sweep " + sweepSlices);
        } finally {
            live.cancel();
            bobs.close();
        }
    }

    @Test
    void aSweepBeyondTheServersLimitIsRefusedWithTheLimitNamed() throws Exception {
        TrainingExecutor small = new TrainingExecutor(
                new LabProperties(1, 10, 200, null, null, null, 1, null, null, null, 100_000L));
        try {
            SweepService sweeps = new SweepService(new LabService(small, null));
            InvalidDocumentException e = assertThrows(InvalidDocumentException.class,
                    () -> sweeps.plan(document(2000), SweepSpec.defaults()));
            assertEquals(List.of("sweep.points make a sweep of 31 learning rates ε × 2 optimizers × 2,000 steps = 124,000"
                    + " updates; this server's limit per sweep is 100,000 (optlab.max-sweep-updates): use fewer grid"
                    + " points, fewer steps or fewer optimizers"), e.problems());
            // what a document may not hold is refused as for a run, whatever the sweep sets
            InvalidDocumentException momentum = assertThrows(InvalidDocumentException.class, () -> sweeps.plan(
                    DocumentReader.read(QUADRATIC.formatted(100)).document().withOptimizers(List.of(
                            org.optlab.experiment.ExperimentDocument.OptimizerSpec.of("HB",
                                    org.optlab.engine.Algorithm.MOMENTUM).with(
                                    org.optlab.engine.Algorithm.Hyper.MOMENTUM, 1.5))), SweepSpec.defaults()));
            assertTrue(momentum.problems().get(0).startsWith("optimizers[0].momentum must be"), momentum.problems()
                    .toString());
            // 25 points × 2 × 2000 = 100,000: at the limit, allowed
            assertEquals(100_000, sweeps.plan(document(2000), new SweepSpec(null, 1e-4, 1.0, 25)).updates());
        } finally {
            small.destroy();
        }
    }

    @Test
    void aSweepCountsAsOneRunningExperimentOfItsOwner() throws Exception {
        LabService lab = new LabService(executor, null);
        SweepService sweeps = new SweepService(lab);
        LiveSweep<SweepPoint> sweep = sweeps.open(sweeps.plan(document(1_000_000), SweepSpec.defaults()), "alice");
        // long enough that it still runs when the next sweep asks (a 1,000-step run can end before that on a fast machine)
        LiveExperiment alices = lab.open(lab.plan(document(1_000_000)), "alice");
        LiveExperiment bobs = lab.open(lab.plan(document(1000)), "bob");
        try {
            assertNull(sweeps.mayStart(sweep));
            sweep.start();
            assertEquals("you already run 1 experiments in other tabs (a sweep counts as one); the limit per person is 1"
                    + " (optlab.max-running-experiments): stop one first", lab.mayStart(alices));
            assertNull(lab.mayStart(bobs), "the limit is per person");
            sweep.cancel();
            assertNull(lab.mayStart(alices), "a cancelled sweep no longer counts");
            alices.start();
            LiveSweep<SweepPoint> another = sweeps.open(sweeps.plan(document(1000), SweepSpec.defaults()), "alice");
            assertEquals("you already run 1 experiments in other tabs; the limit per person is 1"
                    + " (optlab.max-running-experiments): stop one first", sweeps.mayStart(another));
            another.close();
        } finally {
            lab.stopAll();
        }
    }
}

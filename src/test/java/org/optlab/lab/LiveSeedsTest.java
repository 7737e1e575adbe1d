package org.optlab.lab;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.optlab.experiment.DocumentReader;
import org.optlab.experiment.ExperimentDocument;
import org.optlab.experiment.ExperimentPlan;
import org.optlab.experiment.InvalidDocumentException;
import org.optlab.experiment.SeedCurve;
import org.optlab.experiment.Seeds;
import org.optlab.experiment.SeedsSpec;
import org.optlab.experiment.SweepSpec;

/** k seeds on the shared executor, a {@link LiveSweep} of {@link Seeds}: the headless numbers, the waiting line, Cancel, fairness and the limits. */
class LiveSeedsTest {

    static final String NOISY = """
            { "schemaVersion": 1, "steps": %d,
              "problem": { "function": "quadratic", "a": [[1, 0], [0, 20]], "b": [0, 0], "start": [1, 1],
                           "gradientNoise": 0.1 },
              "optimizers": [ { "label": "GD", "algorithm": "sgd" }, { "algorithm": "adam" } ] }""";

    /** One worker, one experiment training at a time: the seeds and everyone else share it. */
    private TrainingExecutor executor = new TrainingExecutor(
            new LabProperties(1, 10, 200, null, null, null, 2, 1, null, null, null, null, null, null, 100_000_000L));

    @AfterEach
    void shutDown() {
        executor.destroy();
    }

    static ExperimentDocument document(long steps) throws Exception {
        return DocumentReader.read(NOISY.formatted(steps)).document();
    }

    static Seeds seeds(long steps, int k) throws Exception {
        return Seeds.of(ExperimentPlan.prepare(document(steps)), new SeedsSpec(k));
    }

    static void waitUntil(java.util.function.BooleanSupplier done, long millis) throws InterruptedException {
        long end = System.currentTimeMillis() + millis;
        while (!done.getAsBoolean() && System.currentTimeMillis() < end) {
            Thread.sleep(2);
        }
    }

    @Test
    void theSeedsRunSliceBySliceWithTheNumbersOfTheHeadlessRun() throws Exception {
        LiveSweep<SeedCurve> live = new LiveSweep<>(seeds(50_000, 6), executor, "alice", s -> { });
        assertEquals(12, live.size());
        live.start();
        assertEquals(LiveSweep.State.RUNNING, live.state());
        waitUntil(() -> live.state() == LiveSweep.State.FINISHED, 60_000);
        assertEquals(LiveSweep.State.FINISHED, live.state());
        assertEquals(12, live.done());
        assertTrue(live.slices() >= 3, "trained in slices: " + live.slices());
        // sliced on a shared worker, or run at once on two threads: the same numbers
        SeedCurve[] headless = seeds(50_000, 6).runAll(2);
        SeedCurve[] sliced = live.points().toArray(new SeedCurve[0]);
        for (int r = 0; r < headless.length; r++) {
            assertEquals(headless[r].seed(), sliced[r].seed());
            assertArrayEquals(headless[r].loss(), sliced[r].loss(), "run " + r);
        }
        assertEquals(6, ((Seeds) live.sweep()).bands(sliced).get(0).seeds()[0]);
        assertEquals(0, executor.trainingCount(), "finished seeds give their place back");
    }

    @Test
    void secondInLineWaitsForThePlaceAndCancelStopsWithinASlice() throws Exception {
        LiveSweep<SeedCurve> first = new LiveSweep<>(seeds(1_000_000, 5), executor, "alice", s -> { });
        LiveSweep<SeedCurve> second = new LiveSweep<>(seeds(1_000, 2), executor, "bob", s -> { });
        first.start();
        second.start();
        // one experiment may train at once: bob's seeds wait first in line
        assertEquals(LiveSweep.State.WAITING, second.state());
        assertEquals(1, second.positionInLine());
        waitUntil(() -> first.done() >= 1, 30_000);
        first.cancel();
        long slices = first.slices();
        int done = first.done();
        assertEquals(LiveSweep.State.CANCELLED, first.state());
        // the freed place goes to bob, whose seeds then run to their end
        waitUntil(() -> second.state() == LiveSweep.State.FINISHED, 30_000);
        assertEquals(LiveSweep.State.FINISHED, second.state());
        assertEquals(4, second.done());
        assertTrue(first.slices() <= slices + 1, "at most the slice in progress ends after Cancel");
        assertTrue(done >= 1 && done < first.size(), done + " of " + first.size());
        assertEquals(first.done(), first.points().stream().filter(c -> c != null).count());
        assertEquals(0, executor.trainingCount());
    }

    @Test
    void seedsBeyondTheServersLimitAreRefusedWithTheLimitNamed() throws Exception {
        TrainingExecutor small = new TrainingExecutor(
                new LabProperties(1, 10, 200, null, null, null, 1, null, null, null, null, null, null, null, 100_000L));
        try {
            SweepService service = new SweepService(new LabService(small, null));
            InvalidDocumentException e = assertThrows(InvalidDocumentException.class,
                    () -> service.planSeeds(document(20_000), new SeedsSpec(3)));
            assertEquals(List.of("seeds.count is too large: 3 seeds × 2 optimizers × 20,000 steps = 120,000 updates;"
                    + " this server's limit per run of k seeds is 100,000 (optlab.max-seeds-updates): use fewer seeds k, fewer steps or"
                    + " fewer optimizers"), e.problems());
            InvalidDocumentException many = assertThrows(InvalidDocumentException.class,
                    () -> service.planSeeds(document(10), new SeedsSpec(21)));
            assertTrue(many.problems().get(0).startsWith("seeds.count must be between 1 and 20"), many.problems()
                    .toString());
            // 5 seeds × 2 × 10,000 = 100,000: at the limit, allowed (the default k)
            assertEquals(100_000, service.planSeeds(document(10_000), SeedsSpec.defaults()).updates());
            // a seeds section the form kept from a document beside a sweep does not stop the dialog's own k
            assertEquals(2, service.planSeeds(document(10).withSweep(SweepSpec.defaults()), new SeedsSpec(2)).count());
        } finally {
            small.destroy();
        }
    }

    @Test
    void seedsCountAsOneRunningExperimentOfTheirOwner() throws Exception {
        TrainingExecutor roomy = new TrainingExecutor(
                new LabProperties(1, 10, 200, null, null, null, 1, null, null, null, null, null, null, null, null));
        LabService lab = new LabService(roomy, null);
        SweepService service = new SweepService(lab);
        SweepService sweeps = new SweepService(lab);
        LiveSweep<SeedCurve> seeds = service.open(service.planSeeds(document(1_000_000), new SeedsSpec(5)), "alice");
        LiveExperiment alices = lab.open(lab.plan(document(1_000_000)), "alice");
        try {
            assertNull(service.mayStart(seeds));
            seeds.start();
            assertEquals("you already run 1 experiments in other tabs (a run of k seeds counts as one); the limit per"
                    + " person is 1 (optlab.max-running-experiments): stop one first", lab.mayStart(alices));
            LiveSweep sweep = sweeps.open(sweeps.plan(document(100), SweepSpec.defaults()), "alice");
            assertEquals("you already run 1 experiments in other tabs (a run of k seeds counts as one); the limit per"
                    + " person is 1 (optlab.max-running-experiments): stop one first", sweeps.mayStart(sweep));
            seeds.cancel();
            assertNull(lab.mayStart(alices), "cancelled seeds no longer count");
            assertNull(sweeps.mayStart(sweep));
            sweep.close();
        } finally {
            lab.stopAll();
            roomy.destroy();
        }
    }

    @Test
    void seedsCountAsOneExperimentOfTheirAddressToo() throws Exception {
        // at most one experiment running from one client address
        TrainingExecutor one = new TrainingExecutor(
                new LabProperties(1, 10, 200, null, null, null, 4, null, null, null, null, null, 1, null, null));
        LabService lab = new LabService(one, null);
        SweepService service = new SweepService(lab);
        try {
            LabSession alice = lab.openSession("alice", "203.0.113.7");
            LabSession mallory = lab.openSession("mallory", "203.0.113.7");
            LiveSweep<SeedCurve> seeds = service.open(service.planSeeds(document(1_000_000), new SeedsSpec(5)), alice.owner());
            assertNull(service.mayStart(seeds));
            seeds.start();
            LiveExperiment another = lab.open(lab.plan(document(1000)), mallory.owner());
            assertEquals("1 experiments already run from your network address; the limit per address is 1"
                    + " (optlab.max-running-experiments-per-address): stop one first", lab.mayStart(another));
            seeds.cancel();
            assertNull(lab.mayStart(another), "cancelled seeds no longer count");
        } finally {
            lab.stopAll();
            one.destroy();
        }
    }
}

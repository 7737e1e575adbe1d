package org.optlab.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.optlab.lab.LiveExperiment.State;

/**
 * Workers take training slices round-robin across owners: a person running three long experiments gets the same share of
 * the server as a person running one, not three times as much.
 */
class FairShareTest {

    /** One worker, so that the shares are the executor's choice and not the cores'. */
    private final TestExecutor lab = new TestExecutor(new LabProperties(1, 10, 200, null, null, null, null, 0, null, null));

    @AfterEach
    void shutDown() {
        lab.close();
    }

    private LiveExperiment longRun(String owner) throws Exception {
        return lab.open("""
                { "schemaVersion": 1, "steps": 2000000,
                  "problem": { "dataset": "moons", "model": { "type": "mlp", "hidden": [16, 16] } },
                  "optimizers": [ { "algorithm": "adam", "batchSize": 32 } ] }""", owner);
    }

    private static long slices(List<LiveExperiment> experiments) {
        return experiments.stream().mapToLong(LiveExperiment::slices).sum();
    }

    @Test
    void threeExperimentsOfOnePersonShareTheWorkerEquallyWithOneOfAnother() throws Exception {
        List<LiveExperiment> alice = List.of(longRun("alice"), longRun("alice"), longRun("alice"));
        LiveExperiment bob = longRun("bob");
        alice.forEach(LiveExperiment::start);
        bob.start();
        Thread.sleep(300);
        long alice0 = slices(alice);
        long bob0 = bob.slices();
        Thread.sleep(2000);
        long aliceSlices = slices(alice) - alice0;
        long bobSlices = bob.slices() - bob0;
        for (LiveExperiment e : lab.opened) {
            assertEquals(State.RUNNING, e.state(), "every run still trains during the measurement");
        }
        double bobShare = (double) bobSlices / (aliceSlices + bobSlices);
        // round-robin across experiments would give bob a quarter; across people it gives him half
        assertTrue(aliceSlices + bobSlices > 50, "slices in 2 s: " + (aliceSlices + bobSlices));
        assertTrue(bobShare > 0.4 && bobShare < 0.6,
                "bob's share of the slices: " + bobShare + " (alice " + aliceSlices + ", bob " + bobSlices + ")");
        for (LiveExperiment a : alice) {
            assertTrue(a.slices() > 0, "each of alice's experiments trains too");
        }
    }
}

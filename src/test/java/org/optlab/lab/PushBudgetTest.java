package org.optlab.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The server sends at most about {@code optlab.push-budget} updates per second to all tabs together: a tab is updated
 * every push interval while few experiments are busy, and every few intervals when many are.
 */
class PushBudgetTest {

    @Test
    void strideGrowsWithTheBusyTabsBeyondTheBudget() {
        LabProperties defaults = new LabProperties(null, null, null, null, null, null, null, null, null, null);
        assertEquals(50, defaults.pushBudgetPerSecond());
        // 50 per second at 200 ms: 10 tabs per interval
        assertEquals(1, defaults.pushStride(0));
        assertEquals(1, defaults.pushStride(10));
        assertEquals(2, defaults.pushStride(11));
        assertEquals(2, defaults.pushStride(20));
        assertEquals(4, defaults.pushStride(32));
        LabProperties generous = new LabProperties(null, null, 100, null, null, null, null, null, 400, null);
        assertEquals(1, generous.pushStride(40), "400 per second at 100 ms: 40 tabs per interval");
        assertEquals(2, generous.pushStride(41));
        LabProperties tiny = new LabProperties(null, null, 200, null, null, null, null, null, 1, null);
        assertEquals(3, tiny.pushStride(3), "a budget below one per interval still updates every tab, one per interval");
    }

    private final TestExecutor lab = new TestExecutor(new LabProperties(2, 10, 100, null, null, null, null, 2, 20, null));
    private final TrainingExecutor executor = lab.executor;

    @AfterEach
    void shutDown() {
        lab.close();
    }

    private LiveExperiment started() throws Exception {
        LiveExperiment e = lab.open("""
                { "schemaVersion": 1, "steps": 1000000, "problem": { "function": "rosenbrock" },
                  "optimizers": [ { "algorithm": "adam" } ] }""", "");
        e.setSpeed(50);
        e.start();
        return e;
    }

    @Test
    void aTabIsUpdatedLessOftenWhenMoreExperimentsTrainOrWaitThanTheBudgetCovers() throws Exception {
        // budget 20 per second at 100 ms: 2 busy tabs per interval
        AtomicInteger ticks = new AtomicInteger();
        Runnable paced = executor.paced(ticks::incrementAndGet);
        for (int i = 0; i < 12; i++) {
            paced.run();
        }
        assertEquals(12, ticks.get(), "nothing busy: every interval");

        started();
        started();
        ticks.set(0);
        for (int i = 0; i < 12; i++) {
            paced.run();
        }
        assertEquals(12, ticks.get(), "two training: still every interval");

        started();
        started(); // waits in line (2 training at most), and counts: its tab is pushed its position
        assertEquals(2, executor.trainingCount());
        assertEquals(2, executor.waitingCount());
        assertEquals(2, executor.pushStride());
        ticks.set(0);
        for (int i = 0; i < 12; i++) {
            paced.run();
        }
        assertEquals(6, ticks.get(), "four busy: every second interval");

        lab.closeAll();
        assertEquals(0, executor.trainingCount() + executor.waitingCount());
        ticks.set(0);
        for (int i = 0; i < 12; i++) {
            paced.run();
        }
        assertEquals(12, ticks.get(), "all closed: every interval again");
    }
}

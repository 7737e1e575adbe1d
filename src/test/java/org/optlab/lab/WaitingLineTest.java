package org.optlab.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.optlab.engine.RunStatus;
import org.optlab.lab.LiveExperiment.State;

/**
 * The server trains a limited number of experiments at once; later ones wait in line, first come first served, know their
 * position, and start when a place is freed by pause, stop, finish or close.
 */
class WaitingLineTest {

    private final TestExecutor lab = new TestExecutor(new LabProperties(2, 10, 200, null, null, null, null, 2, null, null));
    private final TrainingExecutor executor = lab.executor;

    @AfterEach
    void shutDown() {
        lab.close();
    }

    private LiveExperiment experiment(long steps, double speed) throws Exception {
        LiveExperiment e = lab.open("""
                { "schemaVersion": 1, "steps": %d, "problem": { "function": "rosenbrock" },
                  "optimizers": [ { "algorithm": "adam" }, { "algorithm": "momentum" } ] }""".formatted(steps), "");
        e.setSpeed(speed);
        return e;
    }

    private static void startInOrder(LiveExperiment... experiments) {
        for (LiveExperiment e : experiments) {
            e.start();
        }
    }

    private static void await(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out waiting until " + what);
            Thread.sleep(5);
        }
    }

    @Test
    void experimentsBeyondTheLimitWaitInLineAndMoveUpAsPlacesAreFreed() throws Exception {
        LiveExperiment a = experiment(1_000_000, 50);
        LiveExperiment b = experiment(1_000_000, 50);
        LiveExperiment c = experiment(1_000_000, 50);
        LiveExperiment d = experiment(1_000_000, 50);
        startInOrder(a, b, c, d);
        assertEquals(State.RUNNING, a.state());
        assertEquals(State.RUNNING, b.state());
        assertEquals(State.WAITING, c.state());
        assertEquals(State.WAITING, d.state());
        assertEquals(1, c.positionInLine());
        assertEquals(2, d.positionInLine());
        assertEquals(0, a.positionInLine());
        assertEquals(2, executor.trainingCount());
        assertEquals(2, executor.waitingCount());
        Thread.sleep(100);
        assertEquals(0, c.runs().get(0).step(), "a waiting experiment does not train");

        a.pause();
        await(() -> c.state() == State.RUNNING, "the first in line takes the freed place");
        assertEquals(1, d.positionInLine(), "the rest of the line moves up");
        await(() -> c.runs().get(0).step() > 0, "the admitted experiment trains");

        a.resume();
        assertEquals(State.WAITING, a.state(), "resuming a paused experiment goes to the end of the line");
        assertEquals(2, a.positionInLine());

        b.stop();
        await(() -> d.state() == State.RUNNING, "stop frees a place");
        assertEquals(1, a.positionInLine());

        c.close();
        await(() -> a.state() == State.RUNNING, "closing a tab frees its place");
        assertEquals(0, executor.waitingCount());
    }

    @Test
    void pausingOrStoppingWhileWaitingLeavesTheLineAndAFinishedExperimentFreesItsPlace() throws Exception {
        LiveExperiment shortRun = experiment(100, 100); // about a second
        LiveExperiment slow = experiment(1_000_000, 20);
        LiveExperiment waiter = experiment(1_000_000, 20);
        LiveExperiment quitter = experiment(1_000_000, 20);
        startInOrder(slow, shortRun, waiter, quitter);
        assertEquals(State.WAITING, waiter.state());
        assertEquals(State.WAITING, quitter.state());
        quitter.pause();
        assertEquals(State.PAUSED, quitter.state());
        assertEquals(0, quitter.positionInLine());
        assertEquals(1, executor.waitingCount());

        await(() -> shortRun.state() == State.FINISHED, "the short run finishes");
        assertEquals(RunStatus.COMPLETED, shortRun.runs().get(0).status());
        await(() -> waiter.state() == State.RUNNING, "a finished experiment frees its place");

        quitter.resume();
        assertEquals(State.WAITING, quitter.state());
        quitter.stop();
        assertEquals(State.STOPPED, quitter.state());
        assertEquals(0, executor.waitingCount());
        assertEquals(RunStatus.STOPPED, quitter.runs().get(0).status(), "stopped while waiting: a result, not a hang");
    }

    @Test
    void aLateCallForAnExperimentThatWasPausedAndStartedAgainChangesNothing() throws Exception {
        LiveExperiment a = experiment(1_000_000, 20);
        LiveExperiment b = experiment(1_000_000, 20);
        LiveExperiment c = experiment(1_000_000, 20);
        startInOrder(a, b, c);
        assertEquals(State.WAITING, c.state());
        // c's turn is announced while it already trains on a start of its own: the late call must not give its place away
        b.pause();
        await(() -> c.state() == State.RUNNING, "c admitted");
        c.admitted();
        assertEquals(State.RUNNING, c.state());
        assertTrue(executor.isTraining(c));
        assertEquals(2, executor.trainingCount());
        // b waits again behind a full server: a late call for its earlier turn must not let it train without a place
        b.resume();
        assertEquals(State.WAITING, b.state());
        b.admitted();
        assertEquals(State.WAITING, b.state());
        assertEquals(1, b.positionInLine());
        assertEquals(2, executor.trainingCount());
    }
}

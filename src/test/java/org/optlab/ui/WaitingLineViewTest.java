package org.optlab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.optlab.experiment.DocumentReader;
import org.optlab.lab.LabService;
import org.optlab.lab.LiveExperiment;
import org.optlab.lab.LiveExperiment.State;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.TestPropertySource;

/** A tab whose experiment waits for a place on a full server shows its position in line, then trains when its turn comes. */
@SpringBootTest
@TestPropertySource(properties = "optlab.max-training-experiments=1")
class WaitingLineViewTest extends KaribuTestBase {

    @Autowired
    LabService lab;

    LabView view;
    LiveExperiment someoneElses;

    @BeforeEach
    void setUp() {
        view = openLab();
    }

    @AfterEach
    void closeTheOtherExperiment() {
        if (someoneElses != null) {
            someoneElses.close();
        }
    }

    @Test
    void aWaitingTabShowsItsPlaceInLineAndStartsWhenAPlaceIsFreed() throws Exception {
        someoneElses = lab.open(lab.plan(DocumentReader.read("""
                { "schemaVersion": 1, "steps": 1000000, "problem": { "function": "rosenbrock" },
                  "optimizers": [ { "algorithm": "adam" } ] }""").document()), "another-student");
        someoneElses.setSpeed(10);
        someoneElses.start();
        assertEquals(State.RUNNING, someoneElses.state());

        // long and slow enough to be seen running once admitted (2000 steps flat out can end within a poll)
        stepsField().setValue(1_000_000);
        select("speed").setValue(100);
        LabViewTest.click(button("start"));
        assertEquals(State.WAITING, view.session().live().state());
        String waiting = "waiting for a worker: number 1 in line (the server trains a limited number of experiments at once)";
        assertEquals(waiting, runStatus());
        assertEquals(waiting, cardStatus(cards().get(0)));
        assertTrue(button("pause").isEnabled(), "a waiting experiment can be paused (it leaves the line)");
        assertTrue(button("stop").isEnabled());

        someoneElses.stop();
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (view.session().live().state() == State.WAITING) {
            assertTrue(System.nanoTime() < deadline, "the waiting experiment is admitted");
            Thread.sleep(5);
        }
        view.refresh();
        assertEquals("running", runStatus());
        LabViewTest.click(button("stop"));
    }
}

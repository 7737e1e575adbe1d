package org.optlab.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.optlab.engine.RunStatus;
import org.optlab.experiment.DocumentReader;
import org.optlab.experiment.InvalidDocumentException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.TestPropertySource;

/** The shared server's operations: health, per-user limits, and stopping every run at shutdown. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(properties = {"optlab.max-steps-per-run=100000", "optlab.max-running-experiments=2",
    "optlab.max-parameters=1000"})
class OperationsTest {

    @Autowired
    TestRestTemplate http;
    @Autowired
    LabService lab;

    static final String ROSENBROCK = """
            { "schemaVersion": 1, "steps": %d, "problem": { "function": "rosenbrock" },
              "optimizers": [ { "algorithm": "adam" } ] }""";

    @Test
    void healthIsUp() {
        ResponseEntity<String> r = http.getForEntity("/actuator/health", String.class);
        assertEquals(200, r.getStatusCode().value());
        assertTrue(r.getBody().contains("\"status\":\"UP\""), r.getBody());
    }

    @Autowired
    io.micrometer.core.instrument.MeterRegistry registry;

    @Test
    void theServerPublishesItsPushIntervalsAndHowManyExperimentsTrainAndWait() throws Exception {
        LiveExperiment tab = lab.open(lab.plan(DocumentReader.read(ROSENBROCK.formatted(100_000)).document()), "carol-token");
        try {
            assertEquals(0.0, registry.get("optlab.experiments.training").gauge().value());
            tab.setSpeed(10);
            tab.start();
            assertEquals(1.0, registry.get("optlab.experiments.training").gauge().value());
            assertEquals(0.0, registry.get("optlab.experiments.waiting").gauge().value());
            assertTrue(registry.get("optlab.experiments.live").gauge().value() >= 1);
            assertEquals(1.0, registry.get("optlab.push.stride").gauge().value(), "one busy tab: updated every interval");
        } finally {
            tab.close();
        }
        assertEquals(0.0, registry.get("optlab.experiments.training").gauge().value(), "a closed tab frees its place");
        io.micrometer.core.instrument.Timer push = registry.get("optlab.push.interval").timer();
        long before = push.count();
        new LabMetrics(registry, lab.executor(), lab).pushed(200_000_000L);
        assertEquals(before + 1, push.count(), "the same timer, registered once");
        assertTrue(push.max(java.util.concurrent.TimeUnit.MILLISECONDS) >= 200);
    }

    @Test
    void perUserLimitsNameTheLimitAndItsValue() throws Exception {
        InvalidDocumentException steps = assertThrows(InvalidDocumentException.class,
                () -> lab.plan(DocumentReader.read(ROSENBROCK.formatted(200_000)).document()));
        assertEquals(List.of("steps is 200000; this server's limit per run is 100000 (optlab.max-steps-per-run)"),
                steps.problems());
        InvalidDocumentException parameters = assertThrows(InvalidDocumentException.class, () -> lab.plan(DocumentReader.read("""
                { "schemaVersion": 1, "steps": 10, "problem": { "dataset": "digits",
                  "model": { "type": "mlp", "hidden": [64] } }, "optimizers": [ { "algorithm": "adam" } ] }""").document()));
        assertEquals(List.of("problem.model has 4810 parameters; this server's limit is 1000 (optlab.max-parameters): use "
                + "fewer or smaller hidden layers"), parameters.problems());
    }

    @Test
    void aPersonRunsAtMostTheConfiguredNumberOfExperimentsAndShutdownStopsEveryRun() throws Exception {
        List<LiveExperiment> tabs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            tabs.add(lab.open(lab.plan(DocumentReader.read(ROSENBROCK.formatted(100_000)).document()), "alice-token"));
        }
        LiveExperiment bobs = lab.open(lab.plan(DocumentReader.read(ROSENBROCK.formatted(100_000)).document()), "bob-token");
        tabs.get(0).setSpeed(10);
        tabs.get(1).setSpeed(10);
        assertNull(lab.mayStart(tabs.get(0)));
        tabs.get(0).start();
        tabs.get(1).start();
        assertEquals("you already run 2 experiments in other tabs; the limit per person is 2 "
                + "(optlab.max-running-experiments): stop one first", lab.mayStart(tabs.get(2)));
        assertNull(lab.mayStart(bobs), "the limit is per person");
        tabs.get(1).stop();
        assertNull(lab.mayStart(tabs.get(2)));

        lab.stopAll();
        assertEquals(RunStatus.STOPPED, tabs.get(0).runs().get(0).status());
        assertEquals(0, lab.liveCount(), "closed experiments are released");
    }
}

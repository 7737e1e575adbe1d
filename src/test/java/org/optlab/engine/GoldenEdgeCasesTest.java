package org.optlab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.optlab.engine.GoldenTrajectoriesTest.JSON;
import static org.optlab.engine.GoldenTrajectoriesTest.document;
import static org.optlab.engine.GoldenTrajectoriesTest.runThroughRunner;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.optlab.experiment.DocumentWriter;
import org.optlab.experiment.ExperimentDocument.OptimizerResult;

/** The behaviours listed under {@code edgeCases} in the golden file. */
class GoldenEdgeCasesTest {

    static JsonNode edgeCases;

    @BeforeAll
    static void load() throws Exception {
        edgeCases = GoldenTrajectoriesTest.golden().get("edgeCases");
    }

    static JsonNode edge(String id) {
        for (JsonNode e : edgeCases) {
            if (e.get("id").asText().equals(id)) {
                return e;
            }
        }
        throw new AssertionError("no edge case " + id);
    }

    static OptimizerResult run(JsonNode e, long steps) throws Exception {
        return runThroughRunner(document(e.get("problem"), e.get("start"), e.get("optimizer"), steps));
    }

    static boolean hasWarning(OptimizerResult r, String kind) {
        return r.warnings().stream().anyMatch(w -> w.kind().equals(kind));
    }

    @Test
    void newtonStopsAtAnExactlySingularHessianKeepingTheStart() throws Exception {
        OptimizerResult r = run(edge("newton_singular_rosenbrock"), 10);
        assertEquals("singular-hessian", r.status());
        assertTrue(r.message().contains("step 0"), r.message());
        assertTrue(r.message().contains("[0.0, 0.005]"), "names θ: " + r.message());
        assertTrue(r.message().contains("eigenvalues [0.0, 200.0]"), "names the eigenvalues: " + r.message());
        assertEquals(1, r.steps().length);
        assertEquals(0.0, r.path()[0][0]);
        assertEquals(0.005, r.path()[0][1]);
        String written = DocumentWriter.write(new org.optlab.experiment.ExperimentDocument(1, null, null, 10, null, null,
                List.of(), null, List.of(r)));
        assertFalse(written.contains("NaN") || written.contains("Infinity"), written);
    }

    @Test
    void newtonTakesANearlySingularStepAndFlagsTheIndefiniteHessian() throws Exception {
        OptimizerResult r = run(edge("newton_nearly_singular_ok"), 1);
        assertEquals("completed", r.status(), r.message());
        assertEquals(2, r.steps().length);
        assertTrue(hasWarning(r, "indefinite-hessian"), r.warnings().toString());
    }

    @Test
    void newtonJumpsOntoTheSaddleInOneStep() throws Exception {
        JsonNode e = edge("newton_to_saddle");
        OptimizerResult r = run(e, e.get("steps").asLong());
        assertEquals(0.0, r.path()[1][0], 1e-15);
        assertEquals(0.0, r.path()[1][1], 1e-15);
        assertTrue(hasWarning(r, "indefinite-hessian"));
    }

    @Test
    void newtonConvergesToTheMaximumOfHimmelblau() throws Exception {
        JsonNode e = edge("newton_to_maximum");
        OptimizerResult r = run(e, e.get("steps").asLong());
        double[] last = r.path()[r.path().length - 1];
        assertEquals(-0.2708445906673476, last[0], 1e-9);
        assertEquals(-0.9230385564799815, last[1], 1e-9);
        assertEquals(181.6165, r.loss()[r.loss().length - 1], 1e-4);
        assertTrue(hasWarning(r, "negative-definite-hessian"));
    }

    @Test
    void rmsPropNesterovTakesAZeroStepWhereRIsZero() throws Exception {
        JsonNode e = edge("rmsprop_nesterov_zero_gradient");
        OptimizerResult r = run(e, e.get("steps").asLong());
        assertEquals("completed", r.status());
        for (double[] p : r.path()) {
            assertEquals(0.0, p[1]);
            assertTrue(Double.isFinite(p[0]));
        }
        assertTrue(r.path()[r.path().length - 1][0] < 1, "x moves");
    }

    @Test
    void axisStartStaysOnTheAxisForEveryFirstOrderMethod() throws Exception {
        JsonNode e = edge("axis_start_stays_on_axis");
        for (String algorithm : List.of("sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam")) {
            JsonNode optimizer = JSON.createObjectNode().put("algorithm", algorithm);
            OptimizerResult r = runThroughRunner(document(e.get("problem"), e.get("start"), optimizer, e.get("steps").asLong()));
            for (double[] p : r.path()) {
                assertEquals(0.0, p[1], algorithm);
            }
            double lastX = Math.abs(r.path()[r.path().length - 1][0]);
            assertTrue(lastX < 1, algorithm + " approaches the saddle, |x| = " + lastX);
        }
    }
}

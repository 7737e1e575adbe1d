package org.optlab.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Looking inside a live run: only when asked, every step of a short run, the lecture's quantities along it. */
class InspectTest {

    private final TestExecutor test = new TestExecutor(new LabProperties(1, 10, 200, null, null, null, null, 0, null, null));

    @AfterEach
    void close() {
        test.close();
    }

    /** AdaGrad and RMSProp at ε = 0.1 from (−1.8, 1) on ½θᵀdiag(1, 20)θ, 400 steps. */
    private static final String DOC = """
            {"schemaVersion": 1, "seed": 1, "steps": 400,
             "problem": {"function": "quadratic", "a": [[1, 0], [0, 20]], "b": [0, 0], "start": [-1.8, 1]},
             "optimizers": [
               {"label": "AdaGrad", "algorithm": "adagrad", "learningRate": 0.1, "delta": 1e-7},
               {"label": "RMSProp", "algorithm": "rmsprop", "learningRate": 0.1, "rho": 0.9, "delta": 1e-6}]}
            """;

    private static void runToEnd(LiveExperiment e) throws InterruptedException {
        e.start();
        for (int i = 0; i < 500 && e.state() != LiveExperiment.State.FINISHED; i++) {
            Thread.sleep(10);
        }
        assertEquals(LiveExperiment.State.FINISHED, e.state());
    }

    @Test
    void aRunNoOneLooksInsideTakesNoSnapshot() throws Exception {
        LiveExperiment e = test.open(DOC, "a");
        runToEnd(e);
        for (LiveRun run : e.runs()) {
            assertEquals(0, run.inside().size(), run.label());
        }
    }

    @Test
    void aRunLookedInsideKeepsEveryStepOfTheLecturesQuantities() throws Exception {
        LiveExperiment e = test.open(DOC, "a");
        e.inspect(true);
        runToEnd(e);
        List<Inside.Sample> adagrad = e.runs().get(0).inside().read(-1, 0).samples();
        assertEquals(400, adagrad.size(), "steps 1 … 400");
        assertEquals(1, adagrad.get(0).step());
        // r is the running sum of g², coordinate by coordinate (Algorithm 8.4), from the g drawn beside it
        double[] sum = new double[2];
        for (Inside.Sample s : adagrad) {
            double[] g = s.values().get("g");
            sum[0] += g[0] * g[0];
            sum[1] += g[1] * g[1];
            double[] r = s.values().get("r");
            assertEquals(sum[0], r[0], 1e-12 * sum[0], "r₁ at step " + s.step());
            assertEquals(sum[1], r[1], 1e-12 * sum[1], "r₂ at step " + s.step());
            double[] rate = s.values().get("ε/(δ+√r)");
            assertEquals(0.1 / (1e-7 + Math.sqrt(r[1])), rate[1], 1e-12 * rate[1]);
        }
        // the slide's point: AdaGrad's effective rate keeps shrinking, RMSProp's levels off far above it
        double adagradRate = adagrad.get(399).values().get("ε/(δ+√r)")[0];
        Inside.Sample rms = e.runs().get(1).inside().read(-1, 0).samples().get(399);
        double rmsRate = rms.values().get("ε/√(δ+r)")[0];
        assertTrue(rmsRate > 10 * adagradRate, "RMSProp " + rmsRate + " vs AdaGrad " + adagradRate);
    }

    @Test
    void lookingInsideAfterARunStartsWithTheStateItEndedIn() throws Exception {
        LiveExperiment e = test.open(DOC, "a");
        runToEnd(e);
        e.inspect(true);
        List<Inside.Sample> s = e.runs().get(0).inside().read(-1, 0).samples();
        assertEquals(1, s.size());
        assertEquals(400, s.get(0).step());
        e.reset();
        assertEquals(0, e.runs().get(0).inside().size(), "a reset starts an empty history");
    }
}

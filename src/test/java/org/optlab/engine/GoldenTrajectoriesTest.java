package org.optlab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.optlab.experiment.DocumentReader;
import org.optlab.experiment.DocumentWriter;
import org.optlab.experiment.ExperimentDocument;
import org.optlab.experiment.ExperimentDocument.OptimizerResult;
import org.optlab.experiment.ExperimentRunner;

/**
 * The lecture's algorithms against ../shared/golden/book-trajectories.json (50-digit reference, rounded to double), through
 * the same code path the headless runner uses: a JSON document, read, run, written, read back.
 */
class GoldenTrajectoriesTest {

    static final ObjectMapper JSON = new ObjectMapper();

    static JsonNode golden() throws IOException {
        try (InputStream in = GoldenTrajectoriesTest.class.getResourceAsStream("/golden/book-trajectories.json")) {
            return JSON.readTree(in);
        }
    }

    /** Builds the experiment document of a golden case, as a user would write it. */
    static String document(JsonNode problem, JsonNode start, JsonNode optimizer, long steps) {
        ObjectNode doc = JSON.createObjectNode();
        doc.put("schemaVersion", 1);
        doc.put("steps", steps);
        ObjectNode p = doc.putObject("problem");
        p.setAll((ObjectNode) problem.deepCopy());
        p.set("start", start);
        doc.putArray("optimizers").add(optimizer);
        return doc.toString();
    }

    static OptimizerResult runThroughRunner(String json) throws Exception {
        ExperimentDocument doc = DocumentReader.read(json).document();
        String written = DocumentWriter.write(ExperimentRunner.run(doc));
        return DocumentReader.read(written).document().results().get(0);
    }

    @TestFactory
    Stream<DynamicTest> everyCaseWithinTolerance() throws IOException {
        JsonNode golden = golden();
        double tol = golden.get("tolerance").get("tol").asDouble();
        double newtonTol = golden.get("tolerance").get("newtonTol").asDouble();
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : golden.get("cases")) {
            tests.add(DynamicTest.dynamicTest(c.get("id").asText(), () -> {
                JsonNode problem = golden.get("problems").get(c.get("problem").asText());
                String json = document(problem, c.get("start"), c.get("optimizer"), c.get("steps").asLong());
                OptimizerResult r = runThroughRunner(json);
                assertEquals("completed", r.status(), r.message());
                double t = c.get("optimizer").get("algorithm").asText().equals("newton") ? newtonTol : tol;
                for (Iterator<Map.Entry<String, JsonNode>> it = c.get("checkpoints").fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    int k = Integer.parseInt(e.getKey());
                    assertEquals(k, r.steps()[k], "recordEvery 1 records every step");
                    for (int i = 0; i < 2; i++) {
                        double want = e.getValue().get(i).asDouble();
                        double got = r.path()[k][i];
                        assertTrue(Math.abs(got - want) <= t * Math.max(1, Math.abs(want)),
                                c.get("id").asText() + " step " + k + " coordinate " + i + ": got " + got + ", want " + want);
                    }
                }
            }));
        }
        return tests.stream();
    }
}

package org.optlab.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HeadlessRunnerTest {

    static final String EXAMPLE = """
            { "schemaVersion": 1, "name": "Rosenbrock, five classics", "seed": 1, "steps": 500,
              "problem": { "function": "rosenbrock", "start": [-2, 2] },
              "optimizers": [ { "label": "GD", "algorithm": "sgd", "learningRate": 0.001 },
                              { "algorithm": "adam", "learningRate": 0.05,
                                "schedule": { "type": "linear", "finalLearningRate": 0.005, "steps": 400 } } ] }
            """;

    @TempDir
    Path dir;

    record Outcome(int code, String out, String err) {
    }

    static Outcome run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = HeadlessRunner.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    Path file(String name, String content) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, content);
        return p;
    }

    @Test
    void runsTheIssueExampleAndWritesTheDocumentWithResults() throws Exception {
        Path in = file("e.json", EXAMPLE);
        Path out = dir.resolve("r.json");
        Outcome o = run(in.toString(), "--out", out.toString());
        assertEquals(0, o.code(), o.err());
        JsonNode r = new ObjectMapper().readTree(out.toFile());
        assertEquals("Rosenbrock, five classics", r.get("name").asText());
        JsonNode results = r.get("results");
        assertEquals(2, results.size());
        assertEquals("GD", results.get(0).get("label").asText());
        assertEquals("adam", results.get(1).get("label").asText());
        for (JsonNode res : results) {
            assertEquals("completed", res.get("status").asText());
            assertEquals(501, res.get("steps").size());
            assertEquals(501, res.get("loss").size());
            assertEquals(501, res.get("path").size());
            assertEquals(-2.0, res.get("path").get(0).get(0).asDouble());
            assertTrue(res.get("elapsedMillis").asDouble() >= 0);
            assertTrue(res.get("loss").get(500).asDouble() < res.get("loss").get(0).asDouble());
        }
    }

    @Test
    void sameDocumentInGivesBitIdenticalNumbersOut() throws Exception {
        String noisy = EXAMPLE.replace("\"start\": [-2, 2]", "\"start\": [-2, 2], \"gradientNoise\": 0.3");
        Path in = file("e.json", noisy);
        Outcome a = run(in.toString());
        Outcome b = run(in.toString());
        assertEquals(0, a.code());
        ObjectMapper m = new ObjectMapper();
        JsonNode ra = m.readTree(a.out()).get("results");
        JsonNode rb = m.readTree(b.out()).get("results");
        for (int i = 0; i < ra.size(); i++) {
            assertEquals(ra.get(i).get("loss"), rb.get(i).get("loss"));
            assertEquals(ra.get(i).get("path"), rb.get(i).get("path"));
        }
        // and a result file run again gives the same numbers (results are a pure function of the document)
        Path again = file("again.json", a.out());
        JsonNode rc = m.readTree(run(again.toString()).out()).get("results");
        assertEquals(ra.get(0).get("loss"), rc.get(0).get("loss"));
    }

    @Test
    void aDocumentRoundTripsThroughJsonUnchanged() throws Exception {
        String full = """
                { "schemaVersion": 1, "name": "all fields", "seed": 42, "steps": 20, "recordEvery": 5,
                  "problem": { "function": "quadratic", "a": [[3.0, 1.0], [1.0, 2.0]], "b": [1.0, -1.0],
                               "start": [-1.0, 1.5], "gradientNoise": 0.1 },
                  "optimizers": [ { "label": "RMSProp ρ=0.5", "algorithm": "rmsprop", "learningRate": 0.01, "rho": 0.5,
                                    "delta": 1.0E-6, "schedule": { "type": "linear", "finalLearningRate": 0.001, "steps": 10 } },
                                  { "algorithm": "adam", "rho1": 0.8, "rho2": 0.99 } ],
                  "stop": { "targetLoss": -10.0, "gradientTolerance": 1.0E-9 } }
                """;
        ObjectMapper m = new ObjectMapper();
        ExperimentDocument doc = DocumentReader.read(full).document();
        assertEquals(m.readTree(full), m.readTree(DocumentWriter.write(doc)));
        String data = """
                { "schemaVersion": 1, "seed": 3, "steps": 20,
                  "problem": { "dataset": "spirals", "n": 120, "noise": 0.05, "arms": 3, "seed": 8, "validationFraction": 0.25,
                               "model": { "type": "mlp", "hidden": [8, 4], "activation": "relu", "init": "glorot", "weightDecay": 0.001 } },
                  "optimizers": [ { "algorithm": "momentum", "batchSize": 16 } ] }
                """;
        ExperimentDocument dataDoc = DocumentReader.read(data).document();
        assertEquals(m.readTree(data), m.readTree(DocumentWriter.write(dataDoc)));
        String dataRan = DocumentWriter.write(ExperimentRunner.run(dataDoc));
        assertEquals(m.readTree(dataRan), m.readTree(DocumentWriter.write(DocumentReader.read(dataRan).document())));
        // validation loss, accuracy, validation accuracy, and (m = 16 < N) the minibatch loss
        assertEquals(4, m.readTree(dataRan).get("results").get(0).get("metrics").size());
        assertTrue(m.readTree(dataRan).get("results").get(0).get("metrics").has("minibatchLoss"));
        ExperimentDocument ran = ExperimentRunner.run(doc);
        String written = DocumentWriter.write(ran);
        assertEquals(m.readTree(written), m.readTree(DocumentWriter.write(DocumentReader.read(written).document())));
    }

    @Test
    void anInvalidDocumentListsEveryProblemWithItsPathAndExitsTwo() throws Exception {
        Path in = file("bad.json", """
                { "schemaVersion": 1, "steps": 0,
                  "problem": { "function": "rosenbrok", "start": [1, 2, 3] },
                  "optimizers": [ { "algorithm": "sgd", "learningRate": 0.1 },
                                  { "algorithm": "adam", "learningRate": -0.1, "rho1": 1.0, "delta": -1e-8 },
                                  { "algorithm": "adamw" },
                                  { "algorithm": "rmsprop", "rho": 1.5, "schedule": { "type": "cosine" } } ] }
                """);
        Path out = dir.resolve("never.json");
        Outcome o = run(in.toString(), "--out", out.toString());
        assertEquals(2, o.code());
        assertEquals("", o.out());
        assertFalse(Files.exists(out), "nothing is written on failure");
        for (String expected : List.of(
                "steps must be between 1 and 10000000, got 0",
                "problem.function must be one of quadratic, rosenbrock, beale",
                "got \"rosenbrok\"",
                "problem.start must have 2 numbers, got 3",
                "optimizers[1].learningRate must be > 0 and ≤ 1000000, got -0.1",
                "optimizers[1].rho1 must be in [0, 1), got 1",
                "optimizers[1].delta must be in [0, 1], got -1.0E-8",
                "optimizers[2].algorithm must be one of sgd, momentum, nesterov, adagrad, rmsprop, rmsprop-nesterov, adam, newton, damped-newton, got \"adamw\"",
                "optimizers[3].rho must be in [0, 1), got 1.5",
                "optimizers[3].schedule.type must be constant, linear, inverse or exponential, got \"cosine\"")) {
            assertTrue(o.err().contains(expected), "stderr names: " + expected + "\n" + o.err());
        }
        assertTrue(o.err().contains("(9 problems)"), o.err());
    }

    @Test
    void malformedJsonNewerSchemaAndMissingFieldsAreRejected() throws Exception {
        Outcome malformed = run(file("m.json", "{ \"schemaVersion\": 1, \"steps\": 10, ").toString());
        assertEquals(2, malformed.code());
        assertTrue(malformed.err().contains("not valid JSON at line 1, column "), malformed.err());
        assertTrue(malformed.err().contains("the text ends too early"), malformed.err());

        Outcome newer = run(file("n.json", "{ \"schemaVersion\": 2, \"steps\": 10 }").toString());
        assertEquals(2, newer.code());
        assertTrue(newer.err().contains("schemaVersion 2 is newer than this OptLab understands"), newer.err());

        Outcome missing = run(file("x.json", "{ \"schemaVersion\": 1 }").toString());
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("steps is required"));
        assertTrue(missing.err().contains("problem is required"));
        assertTrue(missing.err().contains("optimizers is required"));

        Outcome nan = run(file("nan.json", "{ \"schemaVersion\": 1, \"steps\": 10, \"problem\": {\"function\": \"booth\", "
                + "\"start\": [NaN, 1]}, \"optimizers\": [{\"algorithm\": \"sgd\"}] }").toString());
        assertEquals(2, nan.code());
        assertTrue(nan.err().contains("NaN is not a JSON number: write a finite number"), nan.err());
        assertTrue(!nan.err().contains("JsonReadFeature"), "no parser internals: " + nan.err());

        Outcome tooMany = run(file("big.json", "{ \"schemaVersion\": 1, \"steps\": 10000001, \"problem\": {\"function\": \"booth\"}, "
                + "\"optimizers\": [{\"algorithm\": \"sgd\"}] }").toString());
        assertEquals(2, tooMany.code());
        assertTrue(tooMany.err().contains("steps must be between 1 and 10000000, got 10000001"), tooMany.err());

        Outcome noFile = run(dir.resolve("absent.json").toString());
        assertEquals(2, noFile.code());
        assertTrue(noFile.err().startsWith("cannot read"), noFile.err());
    }

    @Test
    void unknownFieldsAndUnusedHyperparametersAreNotedNotFatal() throws Exception {
        Path in = file("u.json", """
                { "schemaVersion": 1, "steps": 5, "colour": "red", "problem": { "function": "booth" },
                  "optimizers": [ { "algorithm": "sgd", "momentum": 0.5 } ] }
                """);
        Outcome o = run(in.toString());
        assertEquals(0, o.code());
        assertTrue(o.err().contains("note: unknown field colour ignored"), o.err());
        assertTrue(o.err().contains("note: optimizers[0].momentum is not used by sgd; ignored"), o.err());
    }

    @Test
    void aDivergenceIsAResultWithExitCodeZero() throws Exception {
        Path in = file("d.json", """
                { "schemaVersion": 1, "steps": 1000, "problem": { "function": "quadratic" },
                  "optimizers": [ { "algorithm": "sgd", "learningRate": 0.5 }, { "algorithm": "newton" } ] }
                """);
        Outcome o = run(in.toString());
        assertEquals(0, o.code(), o.err());
        JsonNode results = new ObjectMapper().readTree(o.out()).get("results");
        assertEquals("diverged", results.get(0).get("status").asText());
        assertTrue(results.get(0).get("message").asText().startsWith("diverged at step "));
        assertEquals("completed", results.get(1).get("status").asText());
        assertFalse(o.out().contains("NaN") || o.out().contains("Infinity"));
    }

    @Test
    void runsALocalCsvFileRelativeToTheDocument() throws Exception {
        Files.createDirectories(dir.resolve("data"));
        Files.copy(Path.of("src/main/resources/datasets/iris.csv"), dir.resolve("data/mine.csv"));
        Path in = file("iris.json", """
                { "schemaVersion": 1, "steps": 200, "problem": { "dataset": "file:data/mine.csv", "target": "species",
                  "model": { "type": "softmax" } }, "optimizers": [ { "algorithm": "adam", "learningRate": 0.05 } ] }
                """);
        Outcome o = run(in.toString());
        assertEquals(0, o.code(), o.err());
        JsonNode r = new ObjectMapper().readTree(o.out()).get("results").get(0);
        JsonNode accuracy = r.get("metrics").get("validationAccuracy");
        assertTrue(accuracy.get(accuracy.size() - 1).asDouble() > 0.9, r.toString());
    }

    @Test
    void aDeviceOrAFifoIsRefusedWithExitTwoWithinTwoSeconds() throws Exception {
        Path fifo = dir.resolve("data.fifo");
        org.junit.jupiter.api.Assumptions.assumeTrue(
                new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0, "mkfifo unavailable");
        for (String source : List.of("file:/dev/zero", "file:" + fifo)) {
            Path doc = dir.resolve("device.json");
            Files.writeString(doc, """
                    { "schemaVersion": 1, "seed": 1, "steps": 10,
                      "problem": { "dataset": "%s", "target": "species", "model": { "type": "softmax" } },
                      "optimizers": [ { "algorithm": "sgd", "learningRate": 0.1 } ] }
                    """.formatted(source));
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            long start = System.nanoTime();
            int code = HeadlessRunner.run(new String[] {doc.toString()}, new PrintStream(new ByteArrayOutputStream()),
                    new PrintStream(err, true, StandardCharsets.UTF_8));
            double seconds = (System.nanoTime() - start) / 1e9;
            String message = err.toString(StandardCharsets.UTF_8);
            assertEquals(HeadlessRunner.INVALID, code, source + ": " + message);
            assertTrue(message.contains("is not a regular file"), message);
            assertTrue(seconds < 2, source + " took " + seconds + " s");
        }
        // the experiment file itself: a FIFO as the document is refused the same way
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(HeadlessRunner.INVALID, HeadlessRunner.run(new String[] {fifo.toString()},
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8)));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("is not a regular file"));
    }

    @Test
    void aBadCsvFileOrAMissingFileIsExitTwoWithTheImportMessage() throws Exception {
        file("bad.csv", "a,b,c\n1,2,x\n4,abc,y\n");
        Outcome bad = run(file("b.json", """
                { "schemaVersion": 1, "steps": 10, "problem": { "dataset": "file:bad.csv", "model": { "type": "logistic" } },
                  "optimizers": [ { "algorithm": "sgd" } ] }""").toString());
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("problem.dataset file:bad.csv: line 3, column \"b\": \"abc\" is not a number"), bad.err());
        Outcome missing = run(file("m.json", """
                { "schemaVersion": 1, "steps": 10, "problem": { "dataset": "file:nowhere.csv" },
                  "optimizers": [ { "algorithm": "sgd" } ] }""").toString());
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("problem.dataset file:nowhere.csv cannot be read: no such file"), missing.err());
        Outcome upload = run(file("u.json", """
                { "schemaVersion": 1, "steps": 10, "problem": { "dataset": "upload:0123" },
                  "optimizers": [ { "algorithm": "sgd" } ], "problemX": 1 }""").toString());
        assertEquals(2, upload.code());
        assertTrue(upload.err().contains("upload:<sha256> needs the 64 lowercase hex digits"), upload.err());
    }

    @Test
    void datasetFieldsAreValidatedAllAtOnce() throws Exception {
        Outcome o = run(file("d.json", """
                { "schemaVersion": 1, "steps": 10,
                  "problem": { "dataset": "moon", "n": 5, "noise": -1, "validationFraction": 1,
                               "model": { "type": "cnn", "hidden": [0], "activation": "gelu", "init": "he", "weightDecay": -1 } },
                  "optimizers": [ { "algorithm": "sgd", "batchSize": 0 } ] }""").toString());
        assertEquals(2, o.code());
        for (String expected : List.of("problem.dataset must be one of moons, circles, spirals, xor, blobs, linear, sine, iris, wine, breast_cancer, digits, diabetes",
                "problem.n must be between 10 and 100000, got 5", "problem.noise must be in [0, 10], got -1",
                "problem.validationFraction must be in [0, 0.9], got 1", "problem.model.type must be linear, logistic, softmax or mlp, got \"cnn\"",
                "problem.model.hidden[0] must be an integer between 1 and 1024, got 0",
                "problem.model.activation must be tanh, relu or sigmoid, got \"gelu\"",
                "problem.model.init must be zeros or glorot, got \"he\"", "problem.model.weightDecay must be in [0, 1000], got -1",
                "optimizers[0].batchSize must be between 1 and 200000, got 0")) {
            assertTrue(o.err().contains(expected), "stderr names: " + expected + "\n" + o.err());
        }
    }

    /** f(θ) = ½ (x² + 10 y²) from (−1.5, 1): gradient descent scales x by (1 − ε) and y by (1 − 10 ε) at every step. */
    static double quadraticLossAfter(double epsilon, int k) {
        double x = Math.pow(1 - epsilon, k) * -1.5;
        double y = Math.pow(1 - 10 * epsilon, k) * 1.0;
        return 0.5 * (x * x + 10 * y * y);
    }

    static final String QUADRATIC_GD = """
            { "schemaVersion": 1, "seed": 1, "steps": 100,
              "problem": { "function": "quadratic", "a": [[1, 0], [0, 10]], "b": [0, 0], "start": [-1.5, 1] },
              "optimizers": [ { "label": "GD eps=0.01", "algorithm": "sgd", "learningRate": 0.01 },
                              { "label": "GD eps=0.1", "algorithm": "sgd", "learningRate": 0.1 },
                              { "algorithm": "sgd", "learningRate": 0.05 },
                              { "label": "too fast", "algorithm": "sgd", "learningRate": 0.5 } ] }
            """;

    /** The summary's columns: label, status, steps, final loss (split where two or more spaces stand). */
    static String[] columns(String line) {
        return line.strip().split(" {2,}");
    }

    @Test
    void withOutTheSummaryOnStdoutGivesEachOptimizersStatusStepsAndFinalLossInAlignedColumns() throws Exception {
        Path in = file("q.json", QUADRATIC_GD);
        Path out = dir.resolve("q-result.json");
        Outcome o = run(in.toString(), "--out", out.toString());
        assertEquals(0, o.code(), o.err());
        assertEquals("", o.err(), "nothing on stderr for a clean document");
        List<String> lines = o.out().lines().toList();
        assertEquals(5, lines.size(), o.out());
        assertEquals(List.of("optimizer", "status", "steps", "final loss"), List.of(columns(lines.get(0))));

        // ε = 0.5 > 2/λmax = 0.2: y is multiplied by −4 at every step. The README's rule: diverged at the second record
        // in a row whose loss exceeds 10⁶ × the initial loss.
        double initial = quadraticLossAfter(0.5, 0);
        int divergedAt = 1;
        while (!(quadraticLossAfter(0.5, divergedAt) > 1e6 * initial
                && quadraticLossAfter(0.5, divergedAt - 1) > 1e6 * initial)) {
            divergedAt++;
        }
        record Expected(String label, String status, long steps, double loss) {
        }
        List<Expected> expected = List.of(
                new Expected("GD eps=0.01", "completed", 100, quadraticLossAfter(0.01, 100)),
                new Expected("GD eps=0.1", "completed", 100, quadraticLossAfter(0.1, 100)),
                new Expected("sgd", "completed", 100, quadraticLossAfter(0.05, 100)),
                new Expected("too fast", "diverged", divergedAt, quadraticLossAfter(0.5, divergedAt)));
        for (int i = 0; i < expected.size(); i++) {
            Expected e = expected.get(i);
            String[] c = columns(lines.get(i + 1));
            assertEquals(e.label(), c[0], lines.get(i + 1));
            assertEquals(e.status(), c[1], lines.get(i + 1));
            assertEquals(e.steps(), Long.parseLong(c[2]), lines.get(i + 1));
            double printed = Double.parseDouble(c[3]);
            // 6 significant digits: within half a unit of the sixth
            assertEquals(e.loss(), printed, 5e-6 * Math.abs(e.loss()), lines.get(i + 1));
        }
        // a run that ended early says when and why after its numbers
        assertTrue(columns(lines.get(4))[4].startsWith("diverged at step " + divergedAt + ": the loss "), lines.get(4));
        // readable: plain decimals for ordinary values, scientific notation for tiny and huge ones
        assertEquals("0.150727", columns(lines.get(1))[3]);
        assertTrue(columns(lines.get(2))[3].matches("7\\.9369[67]e-10"), lines.get(2));
        assertTrue(columns(lines.get(4))[3].matches("1\\.3421[78]e\\+09"), lines.get(4));
        // aligned: labels and statuses start in the same column on every line; steps and losses end in the same column
        int status = lines.get(0).indexOf("status");
        int stepsEnd = lines.get(0).indexOf("steps") + "steps".length();
        int lossEnd = lines.get(0).indexOf("final loss") + "final loss".length();
        for (String line : lines.subList(1, lines.size())) {
            String[] c = columns(line);
            assertEquals(status, line.indexOf(c[1], c[0].length()), "status column: " + line);
            assertEquals(stepsEnd, line.indexOf(" " + c[2] + " ", status + c[1].length()) + 1 + c[2].length(),
                    "steps column: " + line);
            assertEquals(lossEnd, line.indexOf(c[3], stepsEnd) + c[3].length(), "loss column: " + line);
        }
        // and the summary says what the written document holds
        JsonNode results = new ObjectMapper().readTree(out.toFile()).get("results");
        for (int i = 0; i < expected.size(); i++) {
            JsonNode loss = results.get(i).get("loss");
            JsonNode steps = results.get(i).get("steps");
            assertEquals(expected.get(i).steps(), steps.get(steps.size() - 1).asLong());
            assertEquals(expected.get(i).loss(), loss.get(loss.size() - 1).asDouble(), 1e-12 * expected.get(i).loss());
        }
    }

    @Test
    void withoutOutStdoutHoldsOnlyTheResultDocumentAndTheSummaryGoesToStderr() throws Exception {
        Path in = file("q.json", QUADRATIC_GD);
        Outcome o = run(in.toString());
        assertEquals(0, o.code(), o.err());
        // the whole of stdout is one JSON document (trailing text would fail this read)
        JsonNode doc = new ObjectMapper().enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .readTree(o.out());
        assertEquals(4, doc.get("results").size());
        List<String> lines = o.err().lines().toList();
        assertEquals(5, lines.size(), o.err());
        assertEquals("optimizer", columns(lines.get(0))[0]);
        assertEquals("GD eps=0.01", columns(lines.get(1))[0]);
        assertEquals(quadraticLossAfter(0.01, 100), Double.parseDouble(columns(lines.get(1))[3]), 1e-6);
        // notes come before the summary, on stderr too
        Outcome noted = run(file("n.json", QUADRATIC_GD.replace("\"seed\": 1,", "\"seed\": 1, \"colour\": \"red\",")).toString());
        List<String> err = noted.err().lines().toList();
        assertEquals("note: unknown field colour ignored", err.get(0));
        assertEquals("optimizer", columns(err.get(1))[0]);
    }

    @Test
    void aConvergedRunShowsTheStepOfItsStopRuleAndALossBelowTheTarget() throws Exception {
        // GD with ε = 0.1 on ½ (x² + 10 y²): y is 0 after one step and x shrinks by 0.9 a step, so the loss first falls
        // to 1e-6 or below at the smallest k with ½ (1.5 · 0.9^k)² ≤ 1e-6
        int k = 0;
        while (quadraticLossAfter(0.1, k) > 1e-6) {
            k++;
        }
        Outcome o = run(file("c.json", QUADRATIC_GD.replace("\"steps\": 100,", "\"steps\": 1000, \"stop\": { \"targetLoss\": 1e-6 },"))
                .toString(), "--out", dir.resolve("c-out.json").toString());
        assertEquals(0, o.code(), o.err());
        String[] gd = columns(o.out().lines().toList().get(2));
        assertEquals(List.of("GD eps=0.1", "converged", Long.toString(k)), List.of(gd).subList(0, 3));
        assertEquals(quadraticLossAfter(0.1, k), Double.parseDouble(gd[3]), 5e-6 * quadraticLossAfter(0.1, k));
        assertEquals(4, gd.length, "no message after a converged run's numbers: " + o.out());
    }

    static final String SWEEP = """
            { "schemaVersion": 1, "name": "GD's edge on diag(1, 20)", "steps": 300,
              "problem": { "function": "quadratic", "a": [[1, 0], [0, 20]], "b": [0, 0], "start": [1, 1] },
              "optimizers": [ { "label": "GD", "algorithm": "sgd" }, { "label": "Newton", "algorithm": "newton" } ],
              "sweep": { "parameter": "learningRate", "from": 0.001, "to": 10, "points": 21 } }
            """;

    @Test
    void aDocumentWithASweepSectionWritesTheGridAndItsSummary() throws Exception {
        Path in = file("sweep.json", SWEEP);
        Path out = dir.resolve("grid.json");
        Outcome o = run(in.toString(), "--out", out.toString());
        assertEquals(0, o.code(), o.err());
        JsonNode r = new ObjectMapper().readTree(out.toFile());
        assertEquals("sweep", r.get("kind").asText());
        assertEquals(21, r.get("grid").size());
        assertEquals(1, r.get("optimizers").size(), "Newton has no ε: " + r.get("notSwept"));
        assertEquals("Newton has no learning rate ε", r.get("notSwept").get(0).asText());
        JsonNode gd = r.get("optimizers").get(0);
        assertEquals("GD", gd.get("label").asText());
        assertEquals(21, gd.get("points").size());
        double bestEpsilon = Double.NaN;
        double bestLoss = Double.POSITIVE_INFINITY;
        double firstDiverged = Double.NaN;
        for (JsonNode p : gd.get("points")) {
            double eps = p.get("learningRate").asDouble();
            boolean diverged = p.has("divergedAtStep");
            // the lecture's bound: GD on a quadratic is stable for ε < 2/λmax = 0.1
            assertEquals(eps > 0.1, diverged, "ε = " + eps + ": " + p);
            assertEquals(diverged ? "diverged" : "completed", p.get("status").asText());
            if (diverged) {
                assertTrue(p.get("message").asText().startsWith("diverged at step " + p.get("divergedAtStep").asLong()),
                        p.toString());
                if (Double.isNaN(firstDiverged)) {
                    firstDiverged = eps;
                }
            } else {
                assertFalse(p.has("message"), p.toString());
                assertTrue(p.get("bestLoss").asDouble() <= p.get("finalLoss").asDouble(), p.toString());
                if (p.get("finalLoss").asDouble() < bestLoss) {
                    bestLoss = p.get("finalLoss").asDouble();
                    bestEpsilon = eps;
                }
            }
        }
        // the document comes along, so the figure can be made again
        assertEquals("GD's edge on diag(1, 20)", r.get("document").get("name").asText());
        assertEquals(21, r.get("document").get("sweep").get("points").asInt());
        // summary: a header, then GD's best ε, its final loss and the smallest ε that diverged
        List<String> lines = o.out().lines().toList();
        assertTrue(lines.get(0).startsWith("sweep of the learning rate ε: 21 values from 0.001 to 10, 300 steps each"),
                o.out());
        String[] header = lines.get(1).trim().split("\\s{2,}");
        assertEquals(List.of("optimizer", "best ε", "final loss", "diverged from ε", "at step"), List.of(header));
        String[] row = lines.get(2).trim().split("\\s+");
        assertEquals("GD", row[0]);
        assertEquals(bestEpsilon, Double.parseDouble(row[1]), 1e-5 * bestEpsilon);
        assertEquals(bestLoss, Double.parseDouble(row[2]), 1e-5 * Math.max(bestLoss, 1e-300));
        assertEquals(firstDiverged, Double.parseDouble(row[3]), 1e-5 * firstDiverged);
        assertEquals("not swept: Newton has no learning rate ε", lines.get(3));
        assertTrue(lines.get(4).matches("21 runs \\(6,300 updates at most\\) in \\d+\\.\\d\\d s on \\d+ threads"),
                lines.get(4));
    }

    @Test
    void anInvalidSweepSectionIsRefusedInTheLecturesWords() throws Exception {
        Path in = file("bad.json", SWEEP.replace("\"from\": 0.001", "\"from\": 0").replace("\"points\": 21",
                "\"points\": 500"));
        Outcome o = run(in.toString());
        assertEquals(HeadlessRunner.INVALID, o.code());
        assertTrue(o.err().contains("sweep.from must be > 0 and ≤ 1000000 (the smallest learning rate ε of the sweep),"
                + " got 0.0"), o.err());
        assertTrue(o.err().contains("sweep.points must be between 2 and 101 (the number of learning rates ε on the grid),"
                + " got 500"), o.err());
        assertEquals("", o.out());
    }

    @Test
    void aDocumentWithoutASweepSectionRunsAsBefore() throws Exception {
        // the same document without its sweep section: one run per optimizer, results in the document
        Path in = file("plain.json", SWEEP.replaceAll(",\\s*\"sweep\": \\{[^}]*}", ""));
        Path out = dir.resolve("plain-out.json");
        Outcome o = run(in.toString(), "--out", out.toString());
        assertEquals(0, o.code(), o.err());
        JsonNode r = new ObjectMapper().readTree(out.toFile());
        assertFalse(r.has("sweep"));
        assertFalse(r.has("kind"));
        assertEquals(2, r.get("results").size());
    }

    static final String SEEDS = """
            { "schemaVersion": 1, "name": "Noisy GD on diag(1, 20)", "seed": 40, "steps": 200,
              "problem": { "function": "quadratic", "a": [[1, 0], [0, 20]], "b": [0, 0], "start": [1, 1],
                           "gradientNoise": 0.05 },
              "optimizers": [ { "label": "GD", "algorithm": "sgd", "learningRate": 0.05 },
                              { "label": "GD, ε > 2/λmax", "algorithm": "sgd", "learningRate": 0.11 } ],
              "seeds": { "count": 3 } }
            """;

    @Test
    void aDocumentWithASeedsSectionWritesEachOptimizersBandAndTheMeanAndSdOfItsFinalLoss() throws Exception {
        Path in = file("seeds.json", SEEDS);
        Path out = dir.resolve("seeds-out.json");
        Outcome o = run(in.toString(), "--out", out.toString());
        assertEquals(0, o.code(), o.err());
        JsonNode r = new ObjectMapper().readTree(out.toFile());
        assertEquals("seeds", r.get("kind").asText());
        assertEquals(List.of(40L, 41L, 42L), List.of(r.get("seeds").get(0).asLong(), r.get("seeds").get(1).asLong(),
                r.get("seeds").get(2).asLong()));
        // each seed's final loss is the plain document's with that seed, run by the plain runner
        double[] finals = new double[3];
        for (int i = 0; i < 3; i++) {
            String plain = SEEDS.replace("\"seed\": 40", "\"seed\": " + (40 + i))
                    .replaceAll(",\\s*\"seeds\": \\{[^}]*}", "");
            Outcome p = run(file("plain" + i + ".json", plain).toString(), "--out", dir.resolve("p" + i + ".json").toString());
            assertEquals(0, p.code(), p.err());
            JsonNode gd = new ObjectMapper().readTree(dir.resolve("p" + i + ".json").toFile()).get("results").get(0);
            JsonNode loss = gd.get("loss");
            finals[i] = loss.get(loss.size() - 1).asDouble();
            JsonNode run = r.get("optimizers").get(0).get("runs").get(i);
            assertEquals(40 + i, run.get("seed").asLong());
            assertEquals(finals[i], run.get("finalLoss").asDouble());
        }
        double mean = (finals[0] + finals[1] + finals[2]) / 3;
        double sd = Math.sqrt(((finals[0] - mean) * (finals[0] - mean) + (finals[1] - mean) * (finals[1] - mean)
                + (finals[2] - mean) * (finals[2] - mean)) / 2);
        JsonNode gd = r.get("optimizers").get(0);
        assertEquals(mean, gd.get("finalLoss").get("mean").asDouble(), 1e-12 * mean);
        assertEquals(sd, gd.get("finalLoss").get("sd").asDouble(), 1e-9 * sd);
        assertTrue(sd > 0, "the gradient noise follows the seed");
        JsonNode band = gd.get("band");
        assertEquals(201, band.get("steps").size());
        for (int j = 0; j < band.get("steps").size(); j++) {
            assertEquals(3, band.get("seeds").get(j).asInt());
            double lo = band.get("min").get(j).asDouble();
            double m = band.get("mean").get(j).asDouble();
            double hi = band.get("max").get(j).asDouble();
            assertTrue(lo <= m && m <= hi, "step " + j);
        }
        assertFalse(band.has("q10"), "three seeds: min and max, no quantiles");
        // ε = 0.11 > 2/λmax = 0.1: every seed diverges, said per seed; no mean of final losses is made up
        JsonNode edge = r.get("optimizers").get(1);
        assertEquals(3, edge.get("finalLoss").get("diverged").asInt());
        assertEquals(0, edge.get("finalLoss").get("seeds").asInt());
        assertFalse(edge.get("finalLoss").has("mean"));
        for (JsonNode run : edge.get("runs")) {
            assertEquals("diverged", run.get("status").asText());
            assertTrue(run.get("message").asText().startsWith("diverged at step "), run.toString());
        }
        assertEquals(3, r.get("document").get("seeds").get("count").asInt());
        // summary: a header line, the columns, GD's mean ± sd, min, max; the edge's 3 of 3 diverged
        List<String> lines = o.out().lines().toList();
        assertEquals("3 seeds (seeds 40 to 42), 200 steps each", lines.get(0));
        assertEquals(List.of("optimizer", "final loss mean", "± sd", "min", "max", "diverged"),
                List.of(lines.get(1).trim().split("\\s{2,}")));
        String[] row = lines.get(2).trim().split("\\s{2,}");
        assertEquals("GD", row[0]);
        assertEquals(mean, Double.parseDouble(row[1]), 1e-5 * mean);
        assertEquals(sd, Double.parseDouble(row[2].substring(2)), 1e-5 * sd);
        assertEquals("0 of 3", row[5]);
        String[] edgeRow = lines.get(3).trim().split("\\s{2,}");
        assertEquals(List.of("GD, ε > 2/λmax", "-", "-", "-", "-", "3 of 3"), List.of(edgeRow));
        assertTrue(lines.get(4).matches("6 runs \\(1,200 updates at most\\) in \\d+\\.\\d\\d s on \\d+ threads"),
                lines.get(4));
    }

    @Test
    void aSeedsSectionBesideASweepIsRefusedByName() throws Exception {
        Path in = file("both.json", SEEDS.replace("\"seeds\": { \"count\": 3 }",
                "\"seeds\": { \"count\": 30 }, \"sweep\": {}"));
        Outcome o = run(in.toString());
        assertEquals(HeadlessRunner.INVALID, o.code());
        assertTrue(o.err().contains("seeds cannot stand beside a sweep"), o.err());
        assertTrue(o.err().contains("seeds.count must be between 1 and 20 (the number of seeds k, each a run of the whole"
                + " experiment), got 30"), o.err());
        assertEquals("", o.out());
    }
}

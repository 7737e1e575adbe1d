package org.optlab.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.optlab.experiment.ExperimentDocument.OptimizerSpec;
import org.optlab.experiment.ExperimentDocument.ProblemSpec;
import org.optlab.experiment.ExperimentDocument.ScheduleSpec;

/**
 * Every field of the document, broken one at a time: the reader (for JSON) and the validator (for the typed document)
 * name exactly one violation, at that field's path, with a message that says what is wrong. The table is written from
 * the README's field table and the lecture's ranges, not from the validator's code.
 */
class ExperimentValidatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String FUNCTION = """
            { "schemaVersion": 1, "name": "t", "seed": 3, "steps": 100, "recordEvery": 2,
              "problem": { "function": "quadratic", "a": [[1, 0], [0, 10]], "b": [0, 0], "start": [-1.5, 1],
                           "gradientNoise": 0 },
              "optimizers": [ { "label": "Adam", "algorithm": "adam", "learningRate": 0.01, "rho1": 0.9, "rho2": 0.999,
                                "delta": 1e-8, "biasCorrection": true, "clipNorm": 5, "gradientNoise": 0.1,
                                "schedule": { "type": "linear", "finalLearningRate": 0.001, "steps": 50 } },
                              { "algorithm": "momentum", "momentum": 0.9 }, { "algorithm": "rmsprop", "rho": 0.9 } ],
              "stop": { "targetLoss": 1e-9, "gradientTolerance": 1e-12 } }""";

    private static final String DATASET = """
            { "schemaVersion": 1, "seed": 3, "steps": 100,
              "problem": { "dataset": "moons", "n": 200, "noise": 0.2, "arms": 2, "classes": 3, "seed": 4,
                           "validationFraction": 0.2,
                           "model": { "type": "mlp", "hidden": [8, 8], "activation": "tanh", "init": "glorot",
                                      "weightDecay": 0.001 } },
              "optimizers": [ { "algorithm": "sgd", "batchSize": 16 } ] }""";

    static Stream<Arguments> brokenFields() {
        return Stream.of(
                row(FUNCTION, "schemaVersion", "0", "", "schemaVersion", "must be ≥ 1"),
                row(FUNCTION, "schemaVersion", "\"1\"", "", "schemaVersion", "must be an integer"),
                row(FUNCTION, "schemaVersion", null, "", "schemaVersion", "is required"),
                row(FUNCTION, "name", "\"" + "n".repeat(201) + "\"", "", "name", "at most 200 characters"),
                row(FUNCTION, "name", "5", "", "name", "must be a string"),
                row(FUNCTION, "lesson", "\"momentum-valey\"", "", "lesson", "names no lesson of this OptLab"),
                row(FUNCTION, "lesson", "5", "", "lesson", "must be a string"),
                row(FUNCTION, "seed", "1.5", "", "seed", "must be an integer"),
                row(FUNCTION, "steps", "0", "", "steps", "between 1 and 10000000, got 0"),
                row(FUNCTION, "steps", "10000001", "", "steps", "between 1 and 10000000"),
                row(FUNCTION, "steps", "\"many\"", "", "steps", "must be an integer"),
                row(FUNCTION, "steps", null, "", "steps", "is required"),
                row(FUNCTION, "recordEvery", "0", "", "recordEvery", "between 1 and"),
                row(FUNCTION, "recordEvery", "101", "", "recordEvery", "≤ steps (100)"),
                row(FUNCTION, "problem", "5", "", "problem", "must be an object"),
                row(FUNCTION, "problem", null, "", "problem", "is required"),
                row(FUNCTION, "optimizers", "{}", "", "optimizers", "must be an array"),
                row(FUNCTION, "optimizers", "[]", "", "optimizers", "at least one"),
                row(FUNCTION, "optimizers[1]", "7", "optimizers[1]", "", "must be an object"),
                row(FUNCTION, "stop.targetLoss", "\"low\"", "stop", "targetLoss", "must be a number"),
                row(FUNCTION, "stop.gradientTolerance", "-1", "stop", "gradientTolerance", "≥ 0"),
                row(FUNCTION, "problem.function", "\"rosenbrok\"", "problem", "function", "must be one of quadratic"),
                row(FUNCTION, "problem.start", "[1, 2, 3]", "problem", "start", "must have 2 numbers, got 3"),
                row(FUNCTION, "problem.start", "\"origin\"", "problem", "start", "array of numbers"),
                row(FUNCTION, "problem.a", "[[1, 2], [3, 4]]", "problem", "a", "symmetric"),
                row(FUNCTION, "problem.a", "[[1, 0]]", "problem", "a", "2×2 matrix"),
                row(FUNCTION, "problem.b", "[1]", "problem", "b", "must have 2 numbers"),
                row(FUNCTION, "problem.gradientNoise", "-1", "problem", "gradientNoise", "in [0, 1000000]"),
                row(DATASET, "problem.dataset", "\"mnist\"", "problem", "dataset", "must be one of"),
                row(DATASET, "problem.dataset", "\"upload:abc\"", "problem", "dataset", "64 lowercase hex digits"),
                row(DATASET, "problem.n", "5", "problem", "n", "between 10 and"),
                row(DATASET, "problem.noise", "11", "problem", "noise", "in [0, 10]"),
                row(DATASET, "problem.arms", "4", "problem", "arms", "between 2 and 3"),
                row(DATASET, "problem.classes", "11", "problem", "classes", "between 2 and 10"),
                row(DATASET, "problem.seed", "\"x\"", "problem", "seed", "must be an integer"),
                row(DATASET, "problem.task", "\"clustering\"", "problem", "task", "auto, classification or regression"),
                row(DATASET, "problem.target", "5", "problem", "target", "must be a string"),
                row(DATASET, "problem.validationFraction", "0.95", "problem", "validationFraction", "in [0, 0.9]"),
                row(DATASET, "problem.model", "\"mlp\"", "problem", "model", "must be an object"),
                row(DATASET, "problem.model.type", "\"cnn\"", "problem.model", "type", "linear, logistic, softmax or mlp"),
                row(DATASET, "problem.model.type", null, "problem.model", "type", "is required"),
                row(DATASET, "problem.model.hidden", "[]", "problem.model", "hidden", "1 to 5 layer sizes"),
                row(DATASET, "problem.model.hidden", "[8, 2000]", "problem.model", "hidden[1]", "between 1 and 1024"),
                row(DATASET, "problem.model.hidden", "[8.5]", "problem.model", "hidden", "array of integers"),
                row(DATASET, "problem.model.activation", "\"gelu\"", "problem.model", "activation", "tanh, relu or sigmoid"),
                row(DATASET, "problem.model.init", "\"he\"", "problem.model", "init", "zeros or glorot"),
                row(DATASET, "problem.model.weightDecay", "-0.5", "problem.model", "weightDecay", "in [0, 1000]"),
                row(DATASET, "optimizers[0].batchSize", "0", "optimizers[0]", "batchSize", "between 1 and"),
                row(DATASET, "optimizers[0].batchSize", "1.5", "optimizers[0]", "batchSize", "must be an integer"),
                row(FUNCTION, "optimizers[0].label", "\"   \"", "optimizers[0]", "label", "must not be blank"),
                row(FUNCTION, "optimizers[0].label", "5", "optimizers[0]", "label", "must be a string"),
                row(FUNCTION, "optimizers[0].algorithm", "\"adamw\"", "optimizers[0]", "algorithm", "must be one of sgd"),
                row(FUNCTION, "optimizers[0].algorithm", null, "optimizers[0]", "algorithm", "is required"),
                row(FUNCTION, "optimizers[0].learningRate", "0", "optimizers[0]", "learningRate", "> 0 and ≤ 1000000"),
                row(FUNCTION, "optimizers[0].learningRate", "\"fast\"", "optimizers[0]", "learningRate", "a number"),
                row(FUNCTION, "optimizers[1].momentum", "1", "optimizers[1]", "momentum", "in [0, 1)"),
                row(FUNCTION, "optimizers[2].rho", "-0.1", "optimizers[2]", "rho", "in [0, 1)"),
                row(FUNCTION, "optimizers[0].rho1", "1", "optimizers[0]", "rho1", "in [0, 1)"),
                row(FUNCTION, "optimizers[0].rho2", "1.5", "optimizers[0]", "rho2", "in [0, 1)"),
                row(FUNCTION, "optimizers[0].delta", "2", "optimizers[0]", "delta", "in [0, 1]"),
                row(FUNCTION, "optimizers[0].biasCorrection", "\"yes\"", "optimizers[0]", "biasCorrection", "true or false"),
                row(FUNCTION, "optimizers[0].clipNorm", "0", "optimizers[0]", "clipNorm", "> 0"),
                row(FUNCTION, "optimizers[0].gradientNoise", "-1", "optimizers[0]", "gradientNoise", "in [0, 1000000]"),
                row(FUNCTION, "optimizers[0].schedule", "\"linear\"", "optimizers[0]", "schedule", "must be an object"),
                row(FUNCTION, "optimizers[0].schedule.type", "\"cosine\"", "optimizers[0].schedule", "type",
                        "constant, linear, inverse or exponential"),
                row(FUNCTION, "optimizers[0].schedule.type", null, "optimizers[0].schedule", "type", "is required"),
                row(FUNCTION, "optimizers[0].schedule.finalLearningRate", null, "optimizers[0].schedule",
                        "finalLearningRate", "is required"),
                row(FUNCTION, "optimizers[0].schedule.finalLearningRate", "0", "optimizers[0].schedule",
                        "finalLearningRate", "> 0"),
                row(FUNCTION, "optimizers[0].schedule.steps", "0", "optimizers[0].schedule", "steps", "between 1 and"));
    }

    private static Arguments row(String base, String path, String value, String violationPath, String field,
                                 String words) {
        return Arguments.of(base == FUNCTION ? "function" : "dataset", path, value, violationPath, field, words);
    }

    @ParameterizedTest(name = "{0} document, {1} = {2}")
    @MethodSource("brokenFields")
    void eachBrokenFieldIsOneViolationAtItsPath(String base, String path, String value, String violationPath,
                                                String field, String words) throws Exception {
        ObjectNode doc = (ObjectNode) JSON.readTree(base.equals("function") ? FUNCTION : DATASET);
        DocumentReader.read(doc.toString()); // the base is valid
        set(doc, path, value);
        InvalidDocumentException e = assertThrows(InvalidDocumentException.class, () -> DocumentReader.read(doc.toString()));
        assertEquals(1, e.violations().size(), "one broken field, one violation: " + e.violations());
        Violation v = e.violations().get(0);
        assertEquals(violationPath, v.path(), v.toString());
        assertEquals(field, v.field(), v.toString());
        assertTrue(v.message().contains(words), "'" + v.message() + "' says " + words);
    }

    @Test
    void theFormsTypedDocumentIsCheckedWithoutJsonAndTheSameWay() {
        OptimizerSpec broken = OptimizerSpec.of("GD", org.optlab.engine.Algorithm.SGD)
                .with(org.optlab.engine.Algorithm.Hyper.LEARNING_RATE, -0.1)
                .withSchedule(new ScheduleSpec(ScheduleType.LINEAR, null, 0L)).withBatchSize(0);
        ExperimentDocument doc = new ExperimentDocument(1, null, 1L, 0, null,
                ProblemSpec.function("quadratic", new double[] {1, Double.NaN}), List.of(broken), null, null);
        List<Violation> found = ExperimentValidator.validate(doc);
        assertEquals(List.of(
                new Violation("", "steps", "must be between 1 and 10000000, got 0"),
                new Violation("problem", "start[1]", "must be a finite number, got NaN"),
                new Violation("optimizers[0]", "learningRate", "must be > 0 and ≤ 1000000, got -0.1"),
                new Violation("optimizers[0]", "batchSize", "must be between 1 and " + org.optlab.dataset.CsvImport.MAX_ROWS
                        + ", got 0"),
                new Violation("optimizers[0].schedule", "finalLearningRate", "is required"),
                new Violation("optimizers[0].schedule", "steps", "must be between 1 and 10000000, got 0")), found);
        Violation schedule = found.get(5);
        assertEquals(0, schedule.optimizer().getAsInt());
        assertEquals("schedule.steps", schedule.optimizerField());
        assertEquals("optimizers[0].schedule.steps must be between 1 and 10000000, got 0", schedule.toString());
        assertTrue(found.get(1).aboutProblem());
        assertTrue(found.get(0).optimizer().isEmpty());
    }

    @Test
    void everyViolationOfADocumentIsReportedAtOnce() {
        InvalidDocumentException e = assertThrows(InvalidDocumentException.class, () -> DocumentReader.read("""
                { "schemaVersion": 1, "steps": "ten", "problem": { "function": "booth", "start": [1, "y"] },
                  "optimizers": [ { "algorithm": "sgd", "learningRate": -1 }, { "algorithm": "nadam" } ] }"""));
        assertEquals(List.of("steps", "problem.start", "optimizers[0].learningRate", "optimizers[1].algorithm"),
                e.violations().stream().map(Violation::where).toList());
    }

    @Test
    void aDocumentNamesOneOfTheLessonsOrNone() throws Exception {
        ExperimentDocument plain = DocumentReader.read(FUNCTION).document();
        assertEquals(null, plain.lesson(), "a document without the field reads as before");
        assertTrue(ExperimentValidator.validate(plain.withLesson("momentum-valley")).isEmpty());
        List<Violation> unknown = ExperimentValidator.validate(plain.withLesson("momentum"));
        assertEquals(1, unknown.size());
        assertEquals("lesson", unknown.get(0).where());
        assertTrue(unknown.get(0).message().contains("momentum-valley"), "it lists the lessons: " + unknown.get(0));
        String written = DocumentWriter.write(plain.withLesson("momentum-valley"));
        assertEquals("momentum-valley", DocumentReader.read(written).document().lesson(), "kept through JSON");
    }

    /** Sets (or, for null, removes) the value at a path like {@code optimizers[0].schedule.type}. */
    private static void set(ObjectNode doc, String path, String value) throws Exception {
        String[] parts = path.split("\\.");
        JsonNode node = doc;
        for (int i = 0; i < parts.length - 1; i++) {
            node = child(node, parts[i]);
        }
        String last = parts[parts.length - 1];
        JsonNode v = value == null ? null : JSON.readTree(value);
        int bracket = last.indexOf('[');
        if (bracket >= 0) {
            ArrayNode list = (ArrayNode) node.get(last.substring(0, bracket));
            int index = Integer.parseInt(last.substring(bracket + 1, last.length() - 1));
            list.set(index, v);
        } else if (v == null) {
            ((ObjectNode) node).remove(last);
        } else {
            ((ObjectNode) node).set(last, v);
        }
    }

    private static JsonNode child(JsonNode node, String part) {
        int bracket = part.indexOf('[');
        if (bracket < 0) {
            return node.get(part);
        }
        return node.get(part.substring(0, bracket)).get(Integer.parseInt(part.substring(bracket + 1, part.length() - 1)));
    }

    @Test
    void anOptimizersOwnStartMustLieInsideThePlotOfItsFunctionAndIsForFunctionsOnly() throws Exception {
        ExperimentDocument camel = new ExperimentDocument(1, "starts", 1L, 10, null,
                ProblemSpec.function("six-hump-camel", null), List.of(
                        OptimizerSpec.of("GD from (2, -1)", org.optlab.engine.Algorithm.SGD).withStart(new double[] {2, -1}),
                        OptimizerSpec.of("GD far away", org.optlab.engine.Algorithm.SGD).withStart(new double[] {5, 0})),
                null, null);
        List<Violation> found = ExperimentValidator.validate(camel);
        assertEquals(1, found.size(), found.toString());
        assertEquals("optimizers[1].start", found.get(0).where());
        // the plot of the six-hump camel is x in [−2, 2], y in [−1.2, 1.2]: the corner (2, −1) is inside, (5, 0) is not
        assertEquals("is (5, 0), outside the plot of six-hump-camel: \"GD far away\" would start where no one sees it;"
                + " x must be in [-2, 2] and y in [-1.2, 1.2]", found.get(0).message());
        // the start each run begins from
        ExperimentPlan plan = ExperimentPlan.prepare(camel.withOptimizers(List.of(camel.optimizers().get(0),
                OptimizerSpec.of(null, org.optlab.engine.Algorithm.SGD))));
        assertEquals(List.of(2.0, -1.0), List.of(plan.start(0)[0], plan.start(0)[1]));
        assertEquals(List.of(-1.5, 1.0), List.of(plan.start(1)[0], plan.start(1)[1]), "the function's own start");
        assertEquals(2, plan.starts().size());
        // a moved quadratic's plot is centred on A⁻¹b = (10, 0): [8, 12] × [−2, 2]
        ProblemSpec moved = new ProblemSpec.FunctionSpec("quadratic", new double[][] {{1, 0}, {0, 4}},
                new double[] {10, 0}, null, null);
        ExperimentDocument q = new ExperimentDocument(1, "q", 1L, 10, null, moved, List.of(
                OptimizerSpec.of("in", org.optlab.engine.Algorithm.SGD).withStart(new double[] {11.5, -2}),
                OptimizerSpec.of("out", org.optlab.engine.Algorithm.SGD).withStart(new double[] {0, 0})), null, null);
        found = ExperimentValidator.validate(q);
        assertEquals(1, found.size(), found.toString());
        assertEquals("optimizers[1].start", found.get(0).where());
        ExperimentDocument data = new ExperimentDocument(1, "d", 1L, 10, null,
                ProblemSpec.dataset("moons", ExperimentDocument.ModelSpec.of(ModelType.LOGISTIC)), List.of(
                OptimizerSpec.of("GD", org.optlab.engine.Algorithm.SGD).withStart(new double[] {0, 0})), null, null);
        found = ExperimentValidator.validate(data);
        assertEquals(1, found.size(), found.toString());
        assertTrue(found.get(0).message().contains("2-D function"), found.get(0).message());
        // written and read back
        String json = DocumentCodec.write(camel);
        assertTrue(json.contains("\"start\" : [ 2.0, -1.0 ]"), json);
        assertThrows(InvalidDocumentException.class, () -> DocumentReader.read(json));
        ExperimentDocument back = DocumentReader.read(DocumentCodec.write(q.withOptimizers(List.of(q.optimizers().get(0)))))
                .document();
        assertEquals(List.of(11.5, -2.0), List.of(back.optimizers().get(0).start()[0], back.optimizers().get(0).start()[1]));
    }
}

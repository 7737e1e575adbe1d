package org.optlab.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.optlab.dataset.BundledDatasets;
import org.optlab.dataset.CsvImport;
import org.optlab.dataset.ToyDatasets;
import org.optlab.engine.Algorithm;
import org.optlab.engine.Algorithm.Hyper;
import org.optlab.engine.RunStatus;
import org.optlab.engine.function.TestFunctions;
import org.optlab.engine.model.Activation;

/**
 * The JSON Schema and DocumentReader give the same verdict on a corpus of documents ({@code src/test/resources/documents},
 * see its README): every document in {@code valid/} is accepted by both (and can be prepared to run), every one in
 * {@code invalid/} refused by both, each at the field its {@code _breaks} names. Where JSON Schema cannot state a rule
 * ({@code reader-only/}) or the schema is stricter than the reader ({@code schema-only/}), the difference is pinned
 * document by document, so a change on either side shows up here. The schema also accepts every golden-trajectory
 * case written as a document, and its enums, limits and defaults are those of the code.
 */
class ExperimentSchemaTest {

    static final Path CORPUS = Path.of("src/test/resources/documents");

    static List<Path> corpus(String folder) throws IOException {
        try (Stream<Path> files = Files.list(CORPUS.resolve(folder))) {
            return files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
    }

    /** The reader's verdict: null when it accepts the document, else its problems. */
    static List<String> readerProblems(String json) {
        try {
            DocumentReader.read(json);
            return null;
        } catch (InvalidDocumentException e) {
            return e.problems();
        }
    }

    /** The field a corpus document breaks, from its {@code _breaks} (a field both validators ignore); null if none. */
    static String breaks(String json) throws IOException {
        JsonNode root = ExperimentSchema.JSON.readTree(json);
        return root.isObject() && root.has("_breaks") ? root.get("_breaks").asText() : null;
    }

    /** True when a reader problem is about that field: it starts with the field's path. */
    static boolean readerNames(List<String> problems, String field) {
        return problems.stream().anyMatch(p -> p.startsWith(field + " ") || p.startsWith(field + ".")
                || p.startsWith(field + "[") || p.startsWith(field + ":"));
    }

    /** True when a schema error points at that field or inside it. */
    static boolean schemaNames(List<Error> errors, String field) {
        return errors.stream().map(ExperimentSchema::path)
                .anyMatch(p -> p.equals(field) || p.startsWith(field + ".") || p.startsWith(field + "["));
    }

    static String describe(List<Error> errors) {
        StringBuilder s = new StringBuilder();
        for (Error e : errors) {
            s.append("\n  ").append(ExperimentSchema.path(e)).append(": ").append(e.getMessage());
        }
        return s.toString();
    }

    @Test
    void theSchemaIsAValidDraft202012Schema() {
        Schema meta = ExperimentSchema.REGISTRY.getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));
        JsonNode schema = ExperimentSchema.node();
        assertEquals("https://json-schema.org/draft/2020-12/schema", schema.get("$schema").asText());
        List<Error> errors = meta.validate(schema);
        assertTrue(errors.isEmpty(), describe(errors));
    }

    @Test
    void theCorpusHasItsSize() throws IOException {
        assertTrue(corpus("valid").size() >= 15, "valid documents: " + corpus("valid").size());
        assertTrue(corpus("invalid").size() >= 30, "invalid documents: " + corpus("invalid").size());
    }

    @TestFactory
    Stream<DynamicTest> validDocumentsAreAcceptedByBothAndCanBePrepared() throws IOException {
        Path base = CORPUS.resolve("valid").toAbsolutePath();
        return corpus("valid").stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
            String json = Files.readString(file);
            List<Error> errors = ExperimentSchema.errors(json);
            assertTrue(errors.isEmpty(), "the schema refuses " + file + ":" + describe(errors));
            DocumentReader.Read read;
            try {
                read = DocumentReader.read(json);
            } catch (InvalidDocumentException e) {
                throw new AssertionError("DocumentReader refuses " + file + ": " + e.problems());
            }
            // what only the data can tell (batch sizes, the model fitting the task) holds too: the document can run
            ExperimentPlan.prepare(read.document(), reference -> HeadlessRunner.readFile(base, reference));
        }));
    }

    @TestFactory
    Stream<DynamicTest> invalidDocumentsAreRefusedByBothAtTheFieldTheyBreak() throws IOException {
        return corpus("invalid").stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
            String json = Files.readString(file);
            List<Error> errors = ExperimentSchema.errors(json);
            List<String> problems = readerProblems(json);
            assertFalse(errors.isEmpty(), "the schema accepts " + file);
            assertTrue(problems != null, "DocumentReader accepts " + file);
            String field = breaks(json);
            if (field == null) {
                return; // the whole document is not an object: there is no field to name
            }
            assertTrue(readerNames(problems, field), "DocumentReader's problems name " + field + ": " + problems);
            assertTrue(schemaNames(errors, field), "the schema's errors name " + field + ":" + describe(errors));
        }));
    }

    @TestFactory
    Stream<DynamicTest> readerOnlyRulesAreBeyondJsonSchema() throws IOException {
        return corpus("reader-only").stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
            String json = Files.readString(file);
            List<Error> errors = ExperimentSchema.errors(json);
            List<String> problems = readerProblems(json);
            assertTrue(errors.isEmpty(), "the schema now refuses " + file + " (move it to invalid/):" + describe(errors));
            assertTrue(problems != null, "DocumentReader accepts " + file);
            String field = breaks(json);
            assertTrue(readerNames(problems, field) || problems.get(0).startsWith("not valid JSON"),
                    "DocumentReader's problems name " + field + ": " + problems);
        }));
    }

    @TestFactory
    Stream<DynamicTest> schemaOnlyRulesAreStricterThanTheReader() throws IOException {
        return corpus("schema-only").stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
            String json = Files.readString(file);
            List<Error> errors = ExperimentSchema.errors(json);
            assertTrue(schemaNames(errors, breaks(json)), "the schema's errors name " + breaks(json) + ":" + describe(errors));
            List<String> problems = readerProblems(json);
            if (problems != null) {
                fail("DocumentReader now refuses " + file + ", as the schema does: move it to invalid/ (" + problems + ")");
            }
        }));
    }

    /** Each golden-trajectory case of the lecture's algorithms, written as the document a user would write. */
    @TestFactory
    Stream<DynamicTest> theGoldenCasesAsDocumentsAreAcceptedByBoth() throws IOException {
        JsonNode golden;
        try (InputStream in = getClass().getResourceAsStream("/golden/book-trajectories.json")) {
            golden = ExperimentSchema.JSON.readTree(in);
        }
        List<JsonNode> cases = new ArrayList<>();
        golden.get("cases").forEach(cases::add);
        for (JsonNode edge : golden.get("edgeCases")) {
            // one edge case names its optimizers in words ("each of sgd, momentum, ..."): not a document
            if (edge.get("optimizer").isObject()) {
                cases.add(edge);
            }
        }
        assertTrue(cases.size() >= 25, "golden cases: " + cases.size());
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.get("id").asText(), () -> {
            ObjectNode doc = ExperimentSchema.JSON.createObjectNode();
            doc.put("schemaVersion", 1);
            doc.put("steps", c.path("steps").asLong(10));
            JsonNode problem = c.get("problem").isTextual() ? golden.get("problems").get(c.get("problem").asText())
                    : c.get("problem");
            ObjectNode p = doc.putObject("problem");
            p.setAll((ObjectNode) problem.deepCopy());
            p.set("start", c.get("start"));
            doc.putArray("optimizers").add(c.get("optimizer"));
            String json = doc.toString();
            List<Error> errors = ExperimentSchema.errors(json);
            assertTrue(errors.isEmpty(), json + describe(errors));
            assertEquals(null, readerProblems(json), json);
        }));
    }

    /** Every algorithm, function, dataset kind, schedule, model type, activation and initialisation has a valid document. */
    @Test
    void theValidCorpusCoversEveryChoice() throws IOException {
        Set<String> algorithms = new TreeSet<>();
        Set<String> functions = new TreeSet<>();
        Set<String> datasets = new TreeSet<>();
        Set<String> schedules = new TreeSet<>();
        Set<String> models = new TreeSet<>();
        Set<String> activations = new TreeSet<>();
        Set<String> inits = new TreeSet<>();
        Set<String> tasks = new TreeSet<>();
        Set<String> statuses = new TreeSet<>();
        for (Path file : corpus("valid")) {
            JsonNode doc = ExperimentSchema.JSON.readTree(file.toFile());
            JsonNode p = doc.get("problem");
            if (p.hasNonNull("function")) {
                functions.add(p.get("function").asText());
            } else {
                String d = p.get("dataset").asText();
                datasets.add(d.startsWith("upload:") ? "upload:" : d.startsWith("file:") ? "file:" : d);
                JsonNode m = p.path("model");
                models.add(m.path("type").asText("mlp"));
                activations.add(m.path("activation").asText("tanh"));
                if (m.hasNonNull("init")) {
                    inits.add(m.get("init").asText());
                }
                if (p.hasNonNull("task")) {
                    tasks.add(p.get("task").asText());
                }
            }
            for (JsonNode o : doc.get("optimizers")) {
                algorithms.add(o.get("algorithm").asText());
                if (o.hasNonNull("schedule")) {
                    schedules.add(o.get("schedule").get("type").asText());
                }
            }
            for (JsonNode r : doc.path("results")) {
                statuses.add(r.get("status").asText());
            }
        }
        Set<String> allAlgorithms = new TreeSet<>();
        for (Algorithm a : Algorithm.values()) {
            allAlgorithms.add(a.id());
        }
        assertEquals(allAlgorithms, algorithms);
        assertEquals(new TreeSet<>(TestFunctions.IDS), functions);
        Set<String> allDatasets = new TreeSet<>(DatasetIds.ALL);
        allDatasets.addAll(List.of("upload:", "file:"));
        assertEquals(allDatasets, datasets);
        assertEquals(Set.of("constant", "linear", "inverse", "exponential"), schedules);
        assertEquals(Set.of("linear", "logistic", "softmax", "mlp"), models);
        assertEquals(Set.of("tanh", "relu", "sigmoid"), activations);
        assertEquals(Set.of("zeros", "glorot"), inits);
        assertTrue(tasks.contains("auto") && tasks.contains("classification"), tasks.toString());
        assertTrue(statuses.containsAll(Set.of("completed", "diverged")), statuses.toString());
    }

    static JsonNode at(String pointer) {
        JsonNode n = ExperimentSchema.node().at(pointer);
        assertFalse(n.isMissingNode(), pointer + " is in the schema");
        return n;
    }

    static Set<String> texts(JsonNode array) {
        Set<String> s = new HashSet<>();
        for (JsonNode n : array) {
            if (!n.isNull()) {
                s.add(n.asText());
            }
        }
        return s;
    }

    /** A new algorithm, function, dataset, activation or limit in the code shows up here until the schema follows. */
    @Test
    void theSchemaFollowsTheCode() {
        Set<String> algorithms = new HashSet<>();
        for (Algorithm a : Algorithm.values()) {
            algorithms.add(a.id());
        }
        assertEquals(algorithms, texts(at("/$defs/optimizer/properties/algorithm/enum")));
        assertEquals(Set.copyOf(TestFunctions.IDS), texts(at("/$defs/functionProblem/properties/function/enum")));
        assertEquals(Set.copyOf(Lessons.IDS), texts(at("/properties/lesson/enum")), "the lessons' ids");
        assertEquals(Set.copyOf(DatasetIds.ALL), texts(at("/$defs/datasetProblem/properties/dataset/anyOf/0/enum")));
        Set<String> kinds = new HashSet<>(ToyDatasets.IDS);
        kinds.addAll(BundledDatasets.IDS);
        assertEquals(kinds, Set.copyOf(DatasetIds.ALL));
        Set<String> activations = new HashSet<>();
        for (Activation a : Activation.values()) {
            activations.add(a.id());
        }
        assertEquals(activations, texts(at("/$defs/model/properties/activation/enum")));
        Set<String> statuses = new HashSet<>();
        for (RunStatus s : RunStatus.values()) {
            statuses.add(s.id());
        }
        assertEquals(statuses, texts(at("/$defs/result/properties/status/enum")));
        for (String task : texts(at("/$defs/datasetProblem/properties/task/enum"))) {
            assertTrue(CsvImport.Task.byId(task) != null, task);
        }

        // limits
        assertEquals(ExperimentDocument.SCHEMA_VERSION, at("/properties/schemaVersion/maximum").asInt());
        assertEquals(org.optlab.engine.Numerics.VERSION, at("/$defs/result/properties/numerics/maximum").asInt(),
                "a result's numerics version");
        assertEquals(org.optlab.engine.Numerics.UNRECORDED, at("/$defs/result/properties/numerics/minimum").asInt());
        assertEquals(Limits.MAX_STEPS, at("/properties/steps/maximum").asLong());
        assertEquals(Limits.MAX_STEPS, at("/properties/recordEvery/maximum").asLong());
        assertEquals(Limits.MAX_OPTIMIZERS, at("/properties/optimizers/maxItems").asInt());
        assertEquals(Limits.MAX_OPTIMIZERS, at("/properties/results/maxItems").asInt());
        assertEquals(Limits.MAX_RECORDED_POINTS + 1, at("/$defs/result/properties/loss/maxItems").asLong());
        assertEquals(Limits.MAX_NAME_LENGTH, at("/properties/name/maxLength").asInt());
        assertEquals(Limits.MAX_SWEEP_POINTS, at("/properties/sweep/properties/points/maximum").asInt());
        assertEquals(Algorithm.Hyper.LEARNING_RATE.max(), at("/properties/sweep/properties/to/maximum").asDouble());
        assertEquals(Algorithm.Hyper.LEARNING_RATE.max(), at("/properties/sweep/properties/from/maximum").asDouble());
        assertEquals(Limits.MAX_SEEDS, at("/properties/seeds/properties/count/maximum").asInt());
        assertEquals(Limits.MAX_NAME_LENGTH, at("/$defs/optimizer/properties/label/maxLength").asInt());
        assertEquals(ToyDatasets.MAX_POINTS, at("/$defs/datasetProblem/properties/n/maximum").asInt());
        assertEquals(CsvImport.MAX_ROWS, at("/$defs/optimizer/properties/batchSize/maximum").asInt());
        assertEquals(Long.MIN_VALUE, at("/properties/seed/minimum").asLong());
        assertEquals(Long.MAX_VALUE, at("/properties/seed/maximum").asLong());

        // defaults
        assertEquals(Defaults.SEED, at("/properties/seed/default").asLong());
        assertEquals(Defaults.BATCH_SIZE, at("/$defs/optimizer/properties/batchSize/default").asInt());
        assertEquals(Defaults.VALIDATION_FRACTION,
                at("/$defs/datasetProblem/properties/validationFraction/default").asDouble());
        assertEquals(Defaults.TOY_POINTS, at("/$defs/datasetProblem/properties/n/default").asInt());
        assertEquals(SweepSpec.DEFAULT_FROM, at("/properties/sweep/properties/from/default").asDouble());
        assertEquals(SweepSpec.DEFAULT_TO, at("/properties/sweep/properties/to/default").asDouble());
        assertEquals(SweepSpec.DEFAULT_POINTS, at("/properties/sweep/properties/points/default").asInt());
        assertEquals(Defaults.SEEDS, at("/properties/seeds/properties/count/default").asInt());
        Map<Hyper, String> single = Map.of(Hyper.MOMENTUM, "momentum", Hyper.RHO, "rho", Hyper.RHO1, "rho1",
                Hyper.RHO2, "rho2");
        for (Map.Entry<Hyper, String> h : single.entrySet()) {
            for (Algorithm a : Algorithm.values()) {
                if (a.uses(h.getKey())) {
                    assertEquals(a.defaultValue(h.getKey()),
                            at("/$defs/optimizer/properties/" + h.getValue() + "/default").asDouble(), a + " " + h);
                }
            }
        }
        // ε and δ depend on the algorithm: one if/then per algorithm carries them
        JsonNode conditional = at("/$defs/optimizer/allOf");
        for (Algorithm a : Algorithm.values()) {
            JsonNode then = null;
            for (JsonNode c : conditional) {
                if (c.at("/if/properties/algorithm/const").asText().equals(a.id())) {
                    then = c.get("then").get("properties");
                }
            }
            for (Hyper h : List.of(Hyper.LEARNING_RATE, Hyper.DELTA)) {
                if (a.uses(h)) {
                    assertTrue(then != null && then.has(h.key()), a + " has a default " + h.key() + " in the schema");
                    assertEquals(a.defaultValue(h), then.get(h.key()).get("default").asDouble(), a + " " + h);
                } else {
                    assertTrue(then == null || !then.has(h.key()), a + " does not use " + h.key());
                }
            }
        }
        // every hyper-parameter of the code is a property of the optimizer, described with its lecture symbol, with
        // the range Algorithm.Hyper gives it (each end open or closed)
        JsonNode properties = at("/$defs/optimizer/properties");
        for (Hyper h : Hyper.values()) {
            assertTrue(properties.has(h.key()), h.key());
            JsonNode p = properties.get(h.key());
            assertTrue(p.get("description").asText().startsWith(h.symbol() + ", "),
                    h.key() + " is described with " + h.symbol());
            assertEquals(h.min(), p.get(h.minClosed() ? "minimum" : "exclusiveMinimum").asDouble(), h.key());
            assertFalse(p.has(h.minClosed() ? "exclusiveMinimum" : "minimum"), h.key());
            assertEquals(h.max(), p.get(h.maxClosed() ? "maximum" : "exclusiveMaximum").asDouble(), h.key());
            assertFalse(p.has(h.maxClosed() ? "exclusiveMaximum" : "maximum"), h.key());
        }
    }

    /** Every property the schema names is one the document records have, and the other way round. */
    @Test
    void theSchemaNamesEveryFieldOfTheDocument() {
        Map<String, Class<?>> records = Map.of(
                "/properties", ExperimentDocument.class,
                "/$defs/optimizer/properties", ExperimentDocument.OptimizerSpec.class,
                "/$defs/model/properties", ExperimentDocument.ModelSpec.class,
                "/$defs/schedule/properties", ExperimentDocument.ScheduleSpec.class,
                "/properties/stop/properties", ExperimentDocument.StopSpec.class,
                "/properties/embeddedDataset/properties", ExperimentDocument.EmbeddedDataset.class,
                "/properties/sweep/properties", SweepSpec.class,
                "/properties/seeds/properties", SeedsSpec.class,
                "/$defs/result/properties", ExperimentDocument.OptimizerResult.class);
        for (Map.Entry<String, Class<?>> r : records.entrySet()) {
            Set<String> fields = new TreeSet<>();
            for (var c : r.getValue().getRecordComponents()) {
                fields.add(c.getName());
            }
            if (fields.remove("hyper")) {
                // an optimizer's hyper-parameters stand flat in JSON, one field per Algorithm.Hyper
                for (Algorithm.Hyper h : Algorithm.Hyper.values()) {
                    fields.add(h.key());
                }
            }
            assertEquals(fields, names(at(r.getKey())), r.getValue().getSimpleName());
            for (Iterator<Map.Entry<String, JsonNode>> it = at(r.getKey()).fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                if (!r.getValue().equals(ExperimentDocument.OptimizerResult.class)) {
                    JsonNode described = f.getValue().has("$ref") ? at(f.getValue().get("$ref").asText().substring(1))
                            : f.getValue();
                    assertTrue(described.hasNonNull("description"), r.getKey() + "/" + f.getKey() + " has a description");
                }
            }
        }
        // the problem's two shapes together name every field of the two kinds of ProblemSpec
        Set<String> problem = new TreeSet<>(names(at("/$defs/functionProblem/properties")));
        problem.addAll(names(at("/$defs/datasetProblem/properties")));
        Set<String> fields = new TreeSet<>();
        for (Class<?> kind : ExperimentDocument.ProblemSpec.class.getPermittedSubclasses()) {
            for (var c : kind.getRecordComponents()) {
                fields.add(c.getName());
            }
        }
        assertEquals(fields, problem);
    }

    static Set<String> names(JsonNode object) {
        Set<String> s = new TreeSet<>();
        object.fieldNames().forEachRemaining(s::add);
        return s;
    }

    static String readmeSection() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        int start = readme.indexOf("## The headless runner and the experiment document");
        assertTrue(start >= 0, "the README has the runner's section");
        int end = readme.indexOf("\n## ", start + 1);
        return readme.substring(start, end < 0 ? readme.length() : end);
    }

    /** The README's complete example document is valid for both. */
    @Test
    void theReadmeExampleIsValid() throws IOException {
        String section = readmeSection();
        int start = section.indexOf("```json\n") + "```json\n".length();
        String example = section.substring(start, section.indexOf("```", start));
        assertTrue(example.contains("\"optimizers\""), example);
        assertTrue(ExperimentSchema.errors(example).isEmpty(), describe(ExperimentSchema.errors(example)));
        assertEquals(null, readerProblems(example));
    }

    /** The README's table names every field the schema describes, by its path. */
    @Test
    void theReadmeTableNamesEveryField() throws IOException {
        String section = readmeSection();
        List<String> missing = new ArrayList<>();
        for (String path : fieldPaths(ExperimentSchema.node(), "", ExperimentSchema.node())) {
            if (!section.contains("`" + path + "`")) {
                missing.add(path);
            }
        }
        assertTrue(missing.isEmpty(), "not in the README's table: " + missing);
    }

    /** Every field path under a schema node: {@code problem.model.hidden}, {@code optimizers[i].schedule.type}, ... */
    static Set<String> fieldPaths(JsonNode node, String prefix, JsonNode root) {
        Set<String> paths = new TreeSet<>();
        if (node.has("$ref")) {
            return fieldPaths(root.at(node.get("$ref").asText().substring(1)), prefix, root);
        }
        for (String combinator : List.of("oneOf", "anyOf", "allOf")) {
            for (JsonNode branch : node.path(combinator)) {
                paths.addAll(fieldPaths(branch, prefix, root));
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.path("properties").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            String path = prefix.isEmpty() ? f.getKey() : prefix + "." + f.getKey();
            if (path.startsWith("results[") || path.startsWith("embeddedDataset.")) {
                continue; // a result's fields are listed in the results row, the embedded CSV's two in its row
            }
            paths.add(path);
            JsonNode value = f.getValue();
            if (value.has("items") && value.get("items").has("$ref") && !path.equals("problem.a")) {
                paths.addAll(fieldPaths(value.get("items"), path + "[i]", root));
            } else if (value.has("$ref") || value.has("properties") || value.has("oneOf")) {
                paths.addAll(fieldPaths(value, path, root));
            }
        }
        return paths;
    }

    /** The schema is shipped in the jar's static resources, where the lab serves it. */
    @Test
    void theSchemaIsOnTheClassPathAsUtf8Json() throws IOException {
        try (InputStream in = getClass().getResourceAsStream(ExperimentSchema.RESOURCE)) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(text.contains("ε, the learning rate"), "the lecture's symbols survive the encoding");
        }
    }
}

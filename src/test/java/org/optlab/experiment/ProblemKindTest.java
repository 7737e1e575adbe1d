package org.optlab.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.optlab.experiment.ExperimentDocument.ModelSpec;
import org.optlab.experiment.ExperimentDocument.OptimizerSpec;
import org.optlab.experiment.ExperimentDocument.ProblemSpec;
import org.optlab.experiment.ExperimentDocument.ProblemSpec.DatasetSpec;
import org.optlab.experiment.ExperimentDocument.ProblemSpec.FunctionSpec;

/**
 * The two kinds of problem: a JSON problem object is a 2-D function or a dataset by the name it gives, never both and
 * never neither; each kind reads only its own fields; and every version-1 document of the corpus still reads, as the kind
 * its problem names, and writes back as it was.
 */
class ProblemKindTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A document around this problem object, with one optimizer. */
    private static String document(String problem) {
        return "{ \"schemaVersion\": 1, \"steps\": 10, \"problem\": " + problem
                + ", \"optimizers\": [ { \"algorithm\": \"sgd\" } ] }";
    }

    /** Problem objects that read, the kind each is, and the note the reader leaves (or none). */
    static Stream<Arguments> readable() {
        return Stream.of(
                Arguments.of("{ \"function\": \"booth\" }", FunctionSpec.class, null),
                Arguments.of("{ \"function\": \"quadratic\", \"a\": [[2, 0], [0, 3]], \"start\": [1, 1] }",
                        FunctionSpec.class, null),
                Arguments.of("{ \"dataset\": \"moons\" }", DatasetSpec.class, null),
                Arguments.of("{ \"dataset\": \"iris\", \"model\": { \"type\": \"softmax\" } }", DatasetSpec.class, null),
                // the other kind's fields are not the problem's: ignored, each with a note
                Arguments.of("{ \"function\": \"booth\", \"model\": { \"type\": \"mlp\" } }", FunctionSpec.class,
                        "unknown field problem.model ignored"),
                Arguments.of("{ \"function\": \"booth\", \"n\": 50 }", FunctionSpec.class, "unknown field problem.n ignored"),
                Arguments.of("{ \"dataset\": \"moons\", \"start\": [0, 0] }", DatasetSpec.class,
                        "unknown field problem.start ignored"),
                Arguments.of("{ \"dataset\": \"moons\", \"gradientNoise\": 0.1 }", DatasetSpec.class,
                        "unknown field problem.gradientNoise ignored"),
                // a null name is no name: the problem is the other kind, and the null one of the other kind's fields
                Arguments.of("{ \"function\": null, \"dataset\": \"moons\" }", DatasetSpec.class,
                        "unknown field problem.function ignored"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("readable")
    void aProblemObjectIsTheKindItNames(String problem, Class<?> kind, String note) throws Exception {
        DocumentReader.Read read = DocumentReader.read(document(problem));
        assertInstanceOf(kind, read.document().problem());
        assertEquals(note == null ? List.of() : List.of(note), read.notes());
    }

    /** Problem objects that do not read: the one violation, at its path, in the student's words. */
    static Stream<Arguments> unreadable() {
        return Stream.of(
                Arguments.of("{ \"function\": \"booth\", \"dataset\": \"moons\" }", "", "problem",
                        "must name either a function or a dataset, not both"),
                Arguments.of("{ \"function\": \"booth\", \"dataset\": \"moons\", \"n\": 5 }", "", "problem",
                        "must name either a function or a dataset, not both"),
                Arguments.of("{ }", "problem", "function", "or problem.dataset is required: a function is one of"),
                Arguments.of("{ \"start\": [0, 0] }", "problem", "function", "or problem.dataset is required"),
                Arguments.of("{ \"function\": null }", "problem", "function", "or problem.dataset is required"),
                Arguments.of("{ \"dataset\": null, \"model\": { \"type\": \"mlp\" } }", "problem", "function",
                        "a dataset is one of"),
                // each kind checks its own fields
                Arguments.of("{ \"function\": \"booth\", \"gradientNoise\": -1 }", "problem", "gradientNoise",
                        "must be in [0, 1000000], got -1"),
                Arguments.of("{ \"dataset\": \"moons\", \"n\": 5 }", "problem", "n", "must be between 10 and"),
                Arguments.of("{ \"dataset\": \"moons\", \"model\": { \"type\": \"mlp\", \"hidden\": [0] } }",
                        "problem.model", "hidden[0]", "must be an integer between 1 and 1024, got 0"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unreadable")
    void aProblemThatIsNeitherKindOrBothIsOneViolation(String problem, String path, String field, String words) {
        InvalidDocumentException e = assertThrows(InvalidDocumentException.class,
                () -> DocumentReader.read(document(problem)));
        assertEquals(1, e.violations().size(), e.violations().toString());
        Violation v = e.violations().get(0);
        assertEquals(path, v.path(), v.toString());
        assertEquals(field, v.field(), v.toString());
        assertTrue(v.message().contains(words), "'" + v.message() + "' says " + words);
    }

    @Test
    void theTypedProblemOfEachKindIsCheckedWithoutJson() {
        OptimizerSpec gd = OptimizerSpec.of("GD", org.optlab.engine.Algorithm.SGD);
        for (ProblemSpec nameless : List.of(ProblemSpec.function(null, null), ProblemSpec.dataset(null, null))) {
            List<Violation> found = ExperimentValidator.validate(new ExperimentDocument(1, null, 1L, 10, null, nameless,
                    List.of(gd), null, null));
            assertEquals(1, found.size(), found.toString());
            assertEquals("problem.function", found.get(0).where());
        }
        assertEquals(List.of(), ExperimentValidator.validate(new ExperimentDocument(1, null, 1L, 10, null,
                ProblemSpec.dataset("wine", ModelSpec.of(ModelType.SOFTMAX)), List.of(gd), null, null)));
        // an optimizer's own start belongs to a function: on a dataset it is refused at the optimizer
        List<Violation> onData = ExperimentValidator.validate(new ExperimentDocument(1, null, 1L, 10, null,
                ProblemSpec.dataset("moons", null), List.of(gd.withStart(new double[] {0, 0})), null, null));
        assertEquals(1, onData.size(), onData.toString());
        assertEquals("optimizers[0].start", onData.get(0).where());
        assertTrue(onData.get(0).message().contains("\"GD\" trains a model on data"), onData.get(0).message());
    }

    @Test
    void everyVersionOneDocumentOfTheCorpusReadsAsItsKindAndWritesBackItsProblem() throws Exception {
        List<Path> valid = ExperimentSchemaTest.corpus("valid");
        assertTrue(valid.size() > 30, "the corpus is there: " + valid.size());
        for (Path file : valid) {
            JsonNode given = JSON.readTree(Files.readString(file)).get("problem");
            ExperimentDocument doc = DocumentReader.read(Files.readString(file)).document();
            boolean dataset = given.hasNonNull("dataset");
            Class<?> kind = dataset ? DatasetSpec.class : FunctionSpec.class;
            assertInstanceOf(kind, doc.problem(), file.toString());
            // written back: the fields of its kind that the file gives, nothing else
            JsonNode written = JSON.readTree(DocumentCodec.write(doc)).get("problem");
            written.fieldNames().forEachRemaining(f -> assertTrue(given.hasNonNull(f), file + ": " + f + " was given"));
            given.fields().forEachRemaining(e -> {
                if (!e.getValue().isNull() && written.has(e.getKey())) {
                    assertTrue(JsonNumbers.same(e.getValue(), written.get(e.getKey())), file + ": " + e.getKey());
                }
            });
            assertEquals(dataset ? given.get("dataset") : given.get("function"),
                    written.get(dataset ? "dataset" : "function"), file.toString());
        }
    }

    @Test
    void aSavedDocumentIsWrittenAgainExactlyAsItWasSaved() throws Exception {
        for (String saved : List.of("saved-moons-with-metrics.json", "saved-newton-warnings-divergence.json",
                "saved-rosenbrock-with-results.json")) {
            String text = Files.readString(ExperimentSchemaTest.CORPUS.resolve("valid").resolve(saved));
            assertEquals(text.strip(), DocumentCodec.write(DocumentReader.read(text).document()).strip(), saved);
        }
    }

    /** JSON values equal as the numbers they stand for (a file's 1 is the written 1.0). */
    private static final class JsonNumbers {
        static boolean same(JsonNode a, JsonNode b) {
            if (a.isNumber() && b.isNumber()) {
                return a.asDouble() == b.asDouble();
            }
            if (a.isArray() && b.isArray() && a.size() == b.size()) {
                for (int i = 0; i < a.size(); i++) {
                    if (!same(a.get(i), b.get(i))) {
                        return false;
                    }
                }
                return true;
            }
            if (a.isObject() && b.isObject()) {
                for (var it = b.fieldNames(); it.hasNext(); ) {
                    String f = it.next();
                    if (!a.has(f) || !same(a.get(f), b.get(f))) {
                        return false;
                    }
                }
                return true;
            }
            return a.equals(b);
        }
    }

    @Test
    void aDatasetNameIsReadAsTheReferenceItStandsFor() {
        assertEquals(new DatasetRef.Toy("moons"), DatasetRef.of("moons"));
        assertEquals(new DatasetRef.Bundled("iris"), DatasetRef.of("iris"));
        assertEquals(new DatasetRef.Upload("ab12"), DatasetRef.of("upload:ab12"), "the hash as written: the validator"
                + " checks it");
        DatasetRef file = DatasetRef.of("file:data/tiny.csv");
        assertEquals(new DatasetRef.File("data/tiny.csv"), file);
        assertEquals("tiny.csv", ((DatasetRef.File) file).name());
        for (String name : new String[] {"moons", "iris", "upload:ab12", "file:data/tiny.csv"}) {
            assertEquals(name, DatasetRef.of(name).id(), "written back as it was named");
        }
        assertEquals(null, DatasetRef.of("mnist"), "a name OptLab does not know");
        assertEquals(null, DatasetRef.of(null));
        assertEquals(new DatasetRef.Toy("spirals"), ProblemSpec.dataset("spirals", null).ref());
    }
}

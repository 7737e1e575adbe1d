package org.optlab.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every lesson, as the lab exports and saves it (the document, and the document with its results), is a valid
 * version-1 document for the shipped JSON Schema and for DocumentReader alike, and names its lesson.
 */
class LessonDocumentsSchemaTest {

    @TestFactory
    Stream<DynamicTest> everyLessonAndItsSavedRunMatchTheSchema() {
        return Lessons.ALL.stream().map(p -> DynamicTest.dynamicTest(p.title(), () -> {
            assertEquals(p.id(), p.document().lesson(), "the document names its lesson");
            assertTrue(ExperimentValidator.validate(p.document()).isEmpty(), ExperimentValidator.validate(p.document())
                    .toString());
            String exported = DocumentWriter.write(p.document());
            assertTrue(ExperimentSchema.errors(exported).isEmpty(), p.title() + ": " + ExperimentSchema.errors(exported));
            DocumentReader.read(exported);
            // a saved experiment carries its results: a short run of the same document
            ObjectNode twenty = (ObjectNode) new ObjectMapper().readTree(exported);
            twenty.put("steps", 20);
            twenty.remove("recordEvery");
            var shortRun = DocumentReader.read(twenty.toString()).document();
            String saved = DocumentWriter.write(ExperimentRunner.run(shortRun));
            assertTrue(saved.contains("\"results\""), saved);
            assertTrue(ExperimentSchema.errors(saved).isEmpty(), p.title() + " saved: " + ExperimentSchema.errors(saved));
            assertEquals(p.id(), DocumentReader.read(saved).document().lesson(), "the saved run keeps its lesson");
        }));
    }
}

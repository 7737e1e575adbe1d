package org.optlab.ui;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.optlab.experiment.DocumentReader;
import org.optlab.experiment.DocumentWriter;
import org.optlab.experiment.ExperimentRunner;
import org.optlab.experiment.ExperimentSchema;

/**
 * Every preset, as the lab exports and saves it (the document, and the document with its results), is a valid
 * version-1 document for the shipped JSON Schema and for DocumentReader alike.
 */
class PresetDocumentsSchemaTest {

    @TestFactory
    Stream<DynamicTest> everyPresetAndItsSavedRunMatchTheSchema() {
        return Presets.ALL.stream().map(p -> DynamicTest.dynamicTest(p.title(), () -> {
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
            DocumentReader.read(saved);
        }));
    }
}

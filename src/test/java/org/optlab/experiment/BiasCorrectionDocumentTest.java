package org.optlab.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Adam's bias correction in a document: a boolean, Adam's only, off only when written false, and kept on a round trip. */
class BiasCorrectionDocumentTest {

    static String doc(String optimizer) {
        return "{ \"schemaVersion\": 1, \"steps\": 3, \"problem\": { \"function\": \"booth\" }, \"optimizers\": [ "
                + optimizer + " ] }";
    }

    @Test
    void offOnlyWhenWrittenFalseAndKeptOnARoundTrip() throws Exception {
        ExperimentDocument off = DocumentReader.read(doc("{ \"algorithm\": \"adam\", \"biasCorrection\": false }")).document();
        assertEquals(Boolean.FALSE, off.optimizers().get(0).biasCorrection());
        assertFalse(ExperimentPlan.prepare(off).hyperparameters(0).biasCorrection());
        assertEquals(Boolean.FALSE, DocumentReader.read(DocumentWriter.write(off)).document().optimizers().get(0)
                .biasCorrection(), "written and read back");
        ExperimentDocument on = DocumentReader.read(doc("{ \"algorithm\": \"adam\" }")).document();
        assertTrue(ExperimentPlan.prepare(on).hyperparameters(0).biasCorrection(), "the book's box by default");
    }

    @Test
    void notABooleanIsRefusedAndOnAnotherAlgorithmItIsIgnoredWithANote() throws Exception {
        InvalidDocumentException e = assertThrows(InvalidDocumentException.class,
                () -> DocumentReader.read(doc("{ \"algorithm\": \"adam\", \"biasCorrection\": \"no\" }")));
        assertEquals("optimizers[0].biasCorrection must be true or false, got \"no\"", e.problems().get(0));
        DocumentReader.Read sgd = DocumentReader.read(doc("{ \"algorithm\": \"sgd\", \"biasCorrection\": false }"));
        assertEquals("optimizers[0].biasCorrection is Adam's (Algorithm 8.7, lines 7–8); ignored for sgd",
                sgd.notes().get(0));
    }
}

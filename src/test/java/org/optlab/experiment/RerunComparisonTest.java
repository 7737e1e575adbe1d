package org.optlab.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.optlab.engine.Numerics;
import org.optlab.experiment.ExperimentDocument.OptimizerResult;

/**
 * "Run again" on a saved experiment: a run saved by this engine comes back bit-identical; a run saved before the dense
 * kernels (numerics version 1, a file written by the engine at 52a1339, with no version recorded) still opens, runs
 * again, and is reported as differing in the last digits by the largest relative difference actually found.
 */
class RerunComparisonTest {

    static ExperimentDocument savedBeforeTheKernels() throws Exception {
        String json = Files.readString(Path.of("src/test/resources/numerics/v1-moons-mlp.json"), StandardCharsets.UTF_8);
        return DocumentReader.read(json).document();
    }

    @Test
    void aVersionOneSaveStillReadsAndHasNoRecordedVersion() throws Exception {
        ExperimentDocument saved = savedBeforeTheKernels();
        assertEquals(1, saved.schemaVersion());
        assertEquals(2, saved.results().size());
        for (OptimizerResult r : saved.results()) {
            assertNull(r.numerics());
            assertEquals(Numerics.UNRECORDED, r.numericsVersion());
        }
    }

    @Test
    void runningAVersionOneSaveAgainSaysByHowMuchTheNumbersDiffer() throws Exception {
        ExperimentDocument saved = savedBeforeTheKernels();
        List<OptimizerResult> again = ExperimentRunner.run(saved.withResults(null)).results();
        for (int i = 0; i < again.size(); i++) {
            assertEquals(Numerics.VERSION, again.get(i).numericsVersion());
            assertTrue(Arrays.equals(saved.results().get(i).steps(), again.get(i).steps()));
            assertFalse(Arrays.equals(saved.results().get(i).loss(), again.get(i).loss()),
                    "the MLP's sums changed order: its losses are not bit-identical");
        }
        String message = RerunComparison.describe(saved.results(), again);
        assertTrue(message.startsWith("ran again with the engine's numerics version 2; the saved run was computed with "
                + "version 1"), message);
        assertTrue(message.contains("not bit-identical"), message);
        Matcher m = Pattern.compile("losses by at most ([0-9.e+-]+) relative, the final θ by at most ([0-9.e+-]+)")
                .matcher(message);
        assertTrue(m.find(), message);
        double loss = Double.parseDouble(m.group(1));
        double theta = Double.parseDouble(m.group(2));
        // the largest relative difference of the losses, recomputed here: the message reports it, and it is rounding only
        double expected = 0;
        for (int i = 0; i < again.size(); i++) {
            double[] a = saved.results().get(i).loss();
            double[] b = again.get(i).loss();
            for (int k = 0; k < a.length; k++) {
                expected = Math.max(expected, Math.abs(a[k] - b[k]) / Math.max(Math.abs(a[k]), Math.abs(b[k])));
            }
        }
        assertEquals(Double.parseDouble(String.format(java.util.Locale.ROOT, "%.1e", expected)), loss);
        assertTrue(loss > 0 && loss < 1e-10, "last digits only: " + loss);
        assertTrue(theta > 0 && theta < 1e-8, "last digits only: " + theta);
    }

    @Test
    void aSaveOfThisVersionRunsAgainBitIdentical() throws Exception {
        ExperimentDocument saved = ExperimentRunner.run(savedBeforeTheKernels().withResults(null));
        String json = DocumentWriter.write(saved);
        assertTrue(json.contains("\"numerics\" : " + Numerics.VERSION) || json.contains("\"numerics\":" + Numerics.VERSION),
                "the version is saved with the results");
        ExperimentDocument reopened = DocumentReader.read(json).document();
        for (OptimizerResult r : reopened.results()) {
            assertEquals(Numerics.VERSION, r.numerics(), "the version reads back");
        }
        List<OptimizerResult> again = ExperimentRunner.run(reopened.withResults(null)).results();
        assertEquals("ran again: every loss and path is bit-identical to the saved run ✓",
                RerunComparison.describe(reopened.results(), again));
    }

    @Test
    void withinOneVersionADifferenceIsNamedNotExcused() throws Exception {
        ExperimentDocument saved = ExperimentRunner.run(savedBeforeTheKernels().withResults(null));
        List<OptimizerResult> changed = new ArrayList<>(saved.results());
        OptimizerResult r = changed.get(1);
        double[] loss = r.loss().clone();
        loss[10] = Math.nextUp(loss[10]);
        changed.set(1, new OptimizerResult(r.label(), r.algorithm(), r.status(), r.message(), r.steps(), loss,
                r.metrics(), r.path(), r.theta(), r.batchSize(), r.stepsPerEpoch(), r.warnings(),
                r.suppressedWarnings(), r.elapsedMillis(), r.numerics()));
        assertEquals("ran again: " + r.label() + " differs from the saved run",
                RerunComparison.describe(changed, saved.results()));
    }
}

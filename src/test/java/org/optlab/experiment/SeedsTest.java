package org.optlab.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.optlab.engine.Algorithm;
import org.optlab.engine.Algorithm.Hyper;
import org.optlab.engine.RunStatus;
import org.optlab.experiment.ExperimentDocument.ModelSpec;
import org.optlab.experiment.ExperimentDocument.OptimizerResult;
import org.optlab.experiment.ExperimentDocument.OptimizerSpec;
import org.optlab.experiment.ExperimentDocument.ProblemSpec;

class SeedsTest {

    /** Moons (its points drawn from the experiment's seed), a small MLP: data, θ₀ and minibatches all follow the seed. */
    static ExperimentDocument moons(long seed, long steps) {
        ProblemSpec moons = new ProblemSpec.DatasetSpec("moons", 200, null, null, null, null, null, null, null, null,
                new ModelSpec(ModelType.MLP, new int[] {8}, null, null, null));
        List<OptimizerSpec> o = List.of(OptimizerSpec.of("SGD", Algorithm.SGD).withBatchSize(16)
                        .with(Hyper.LEARNING_RATE, 0.1),
                OptimizerSpec.of("Momentum", Algorithm.MOMENTUM).withBatchSize(32),
                OptimizerSpec.of("Adam", Algorithm.ADAM).withBatchSize(16));
        return new ExperimentDocument(1, null, seed, steps, null, moons, o, null, null);
    }

    @Test
    void eachSeedsRunIsBitForBitThePlainDocumentWithThatSeed() throws Exception {
        ExperimentDocument doc = moons(3, 150).withSeeds(new SeedsSpec(4));
        Seeds seeds = Seeds.of(ExperimentPlan.prepare(doc));
        SeedCurve[] curves = seeds.runAll(2);
        assertEquals(12, curves.length);
        for (SeedCurve c : curves) {
            // the plain run: the document written by hand with seed 3 + i and no seeds section
            ExperimentDocument plain = new ExperimentDocument(1, null, 3L + c.seedIndex(), 150, null,
                    doc.problem(), doc.optimizers(), null, null);
            OptimizerResult r = ExperimentRunner.run(plain).results().get(c.optimizer());
            assertEquals(3L + c.seedIndex(), c.seed());
            assertEquals(r.status(), c.status().id());
            assertArrayEquals(r.steps(), c.steps());
            assertArrayEquals(r.loss(), c.loss(), "seed " + c.seed() + ", optimizer " + c.optimizer());
        }
        // the seeds really differ: another seed, another curve
        assertFalse(java.util.Arrays.equals(curves[0].loss(), curves[3].loss()));
        // seed-major: every optimizer with the first seed first
        assertEquals(List.of(0, 1, 2, 0), List.of(curves[0].optimizer(), curves[1].optimizer(), curves[2].optimizer(),
                curves[3].optimizer()));
        assertEquals(List.of(0, 0, 0, 1), List.of(curves[0].seedIndex(), curves[1].seedIndex(), curves[2].seedIndex(),
                curves[3].seedIndex()));
    }

    @Test
    void oneSeedIsThePlainRunAndItsBandIsThatCurve() throws Exception {
        ExperimentDocument plain = moons(11, 120);
        Seeds seeds = Seeds.of(ExperimentPlan.prepare(plain.withSeeds(new SeedsSpec(1))));
        SeedCurve[] curves = seeds.runAll(1);
        List<OptimizerResult> results = ExperimentRunner.run(plain).results();
        List<SeedBand> bands = seeds.bands(curves);
        for (int o = 0; o < 3; o++) {
            assertArrayEquals(results.get(o).loss(), curves[o].loss());
            SeedBand b = bands.get(o);
            assertArrayEquals(results.get(o).steps(), b.steps());
            assertArrayEquals(results.get(o).loss(), b.mean());
            assertArrayEquals(results.get(o).loss(), b.min());
            assertArrayEquals(results.get(o).loss(), b.max());
            assertNull(b.q10());
        }
    }

    @Test
    void aNoisyFunctionGivesTheSameNumbersOnOneThreadOrTwoAndAgain() throws Exception {
        ProblemSpec rosenbrock = new ProblemSpec.FunctionSpec("rosenbrock", null, null, new double[] {-2, 2}, 0.5);
        ExperimentDocument doc = new ExperimentDocument(1, null, 7L, 300, null, rosenbrock,
                List.of(OptimizerSpec.of("GD", Algorithm.SGD).with(Hyper.LEARNING_RATE, 0.001),
                        OptimizerSpec.of("Adam", Algorithm.ADAM).with(Hyper.LEARNING_RATE, 0.05)), null, null)
                .withSeeds(new SeedsSpec(6));
        SeedCurve[] one = Seeds.of(ExperimentPlan.prepare(doc)).runAll(1);
        SeedCurve[] two = Seeds.of(ExperimentPlan.prepare(doc)).runAll(2);
        for (int r = 0; r < one.length; r++) {
            assertArrayEquals(one[r].loss(), two[r].loss());
        }
        // gradient noise σ = 0.5 follows the seed: the band has a width after step 0, none at θ₀
        SeedBand gd = Seeds.of(ExperimentPlan.prepare(doc)).bands(one).get(0);
        assertEquals(gd.min()[0], gd.max()[0]);
        assertTrue(gd.max()[gd.size() - 1] > gd.min()[gd.size() - 1]);
        for (int j = 0; j < gd.size(); j++) {
            assertEquals(6, gd.seeds()[j]);
            assertTrue(gd.min()[j] <= gd.mean()[j] && gd.mean()[j] <= gd.max()[j], "at step " + gd.steps()[j]);
        }
    }

    @Test
    void theBandIsOverTheSeedsStillRunningAndSaysHowMany() {
        // three seeds recording every 10 steps; the second diverged after step 20 (its curve ends at its last finite loss)
        SeedCurve a = new SeedCurve(0, 0, 1, RunStatus.COMPLETED, "", new long[] {0, 10, 20, 30}, new double[] {4, 3, 2, 1});
        SeedCurve b = new SeedCurve(0, 1, 2, RunStatus.DIVERGED, "diverged at step 25", new long[] {0, 10, 20},
                new double[] {4, 6, 50});
        SeedCurve c = new SeedCurve(0, 2, 3, RunStatus.COMPLETED, "", new long[] {0, 10, 20, 30}, new double[] {4, 0, 5, 3});
        SeedBand band = SeedBand.of(0, List.of(a, b, c));
        assertArrayEquals(new long[] {0, 10, 20, 30}, band.steps());
        assertArrayEquals(new int[] {3, 3, 3, 2}, band.seeds());
        assertArrayEquals(new double[] {4, 3, 19, 2}, band.mean());
        assertArrayEquals(new double[] {4, 0, 2, 1}, band.min());
        assertArrayEquals(new double[] {4, 6, 50, 3}, band.max());
        assertNull(band.q10());
        assertNull(band.q90());
        // a run that converged at step 17 (off the every-10 grid) adds its own last point, over that seed alone
        SeedCurve d = new SeedCurve(0, 3, 4, RunStatus.CONVERGED, "", new long[] {0, 10, 17}, new double[] {4, 2, 0.5});
        SeedBand withD = SeedBand.of(0, List.of(a, d));
        assertArrayEquals(new long[] {0, 10, 17, 20, 30}, withD.steps());
        assertArrayEquals(new int[] {2, 2, 1, 1, 1}, withD.seeds());
        assertArrayEquals(new double[] {4, 2.5, 0.5, 2, 1}, withD.mean());
    }

    @Test
    void fromTenSeedsTheBandHasTheTenAndNinetyPercentQuantiles() {
        // ten seeds whose loss at step 1 is 1, 2, …, 10 (given in another order): numpy.quantile gives 1.9 and 9.1
        double[] at1 = {7, 3, 10, 1, 5, 9, 2, 8, 4, 6};
        SeedCurve[] runs = new SeedCurve[11];
        for (int s = 0; s < 10; s++) {
            runs[s] = new SeedCurve(0, s, s, RunStatus.COMPLETED, "", new long[] {0, 1}, new double[] {20, at1[s]});
        }
        SeedBand band = SeedBand.of(0, List.of(java.util.Arrays.copyOf(runs, 10)));
        assertEquals(1.9, band.q10()[1], 1e-12);
        assertEquals(9.1, band.q90()[1], 1e-12);
        assertEquals(5.5, band.mean()[1], 1e-12);
        assertEquals(20, band.q10()[0]);
        // an eleventh seed that records a step the others do not: nine fewer than ten there, so no quantiles
        runs[10] = new SeedCurve(0, 10, 10, RunStatus.COMPLETED, "", new long[] {0, 1, 2}, new double[] {20, 0, -1});
        SeedBand eleven = SeedBand.of(0, List.of(runs));
        assertEquals(3, eleven.size());
        assertEquals(1, eleven.seeds()[2]);
        assertTrue(Double.isNaN(eleven.q10()[2]));
        assertEquals(1.0, eleven.q10()[1], 1e-12); // 0,1,…,10: h = 1
    }

    @Test
    void aSeedsSectionBesideASweepAndACountBeyondTwentyAreRefusedByName() throws Exception {
        ExperimentDocument doc = moons(1, 10);
        List<Violation> both = ExperimentValidator.validate(doc.withSweep(SweepSpec.defaults()).withSeeds(new SeedsSpec(3)));
        assertEquals(1, both.size());
        assertEquals("seeds", both.get(0).where());
        assertTrue(both.get(0).message().contains("sweep"), both.get(0).message());
        List<Violation> many = ExperimentValidator.validate(doc.withSeeds(new SeedsSpec(21)));
        assertEquals("seeds.count", many.get(0).where());
        assertTrue(many.get(0).message().contains("between 1 and 20"), many.get(0).message());
        assertThrows(InvalidDocumentException.class,
                () -> Seeds.of(ExperimentPlan.prepare(doc), new SeedsSpec(0)));
        // the defaults: five seeds
        assertEquals(5, Seeds.of(ExperimentPlan.prepare(doc), SeedsSpec.defaults()).count());
    }

    @Test
    void theSeedsSectionIsSavedAndReadBack() throws Exception {
        ExperimentDocument doc = moons(1, 10).withSeeds(new SeedsSpec(7));
        String json = DocumentWriter.write(doc);
        assertTrue(json.contains("\"seeds\""), json);
        ExperimentDocument back = DocumentReader.read(json).document();
        assertEquals(new SeedsSpec(7), back.seeds());
        assertEquals(json, DocumentWriter.write(back));
        // the section comes after the optimizers and the stop rule, before the results, as the document table lists it
        assertTrue(json.indexOf("\"seeds\"") > json.indexOf("\"optimizers\""));
        assertNull(DocumentReader.read(DocumentWriter.write(moons(1, 10))).document().seeds());
    }

    @Test
    void seedsThatDivergeLeaveTheBandWhereTheirCurveEndsAndAreCountedNotAveraged() throws Exception {
        // GD on Rosenbrock with strong gradient noise (σ = 300): whether the run blows up depends on the noise drawn
        ProblemSpec noisy = new ProblemSpec.FunctionSpec("rosenbrock", null, null, new double[] {-2, 2}, 300.0);
        ExperimentDocument doc = new ExperimentDocument(1, null, 1L, 500, null, noisy,
                List.of(OptimizerSpec.of("GD", Algorithm.SGD).with(Hyper.LEARNING_RATE, 0.0012)), null, null)
                .withSeeds(new SeedsSpec(10));
        Seeds seeds = Seeds.of(ExperimentPlan.prepare(doc));
        SeedCurve[] curves = seeds.runAll(2);
        int diverged = 0;
        for (SeedCurve c : curves) {
            if (c.diverged()) {
                diverged++;
                assertTrue(c.lastStep() < 500, "a diverged curve ends early: " + c.lastStep());
                assertTrue(c.message().startsWith("diverged at step "), c.message());
            } else {
                assertEquals(500, c.lastStep());
            }
        }
        assertTrue(diverged > 0 && diverged < 10, "some seeds diverge, not all: " + diverged);
        SeedBand band = seeds.bands(curves).get(0);
        for (int j = 0; j < band.size(); j++) {
            long t = band.steps()[j];
            // the seeds counted at step t are those whose curve has a record there
            int recorded = 0;
            double lo = Double.POSITIVE_INFINITY;
            for (SeedCurve c : curves) {
                int at = java.util.Arrays.binarySearch(c.steps(), t);
                if (at >= 0) {
                    recorded++;
                    lo = Math.min(lo, c.loss()[at]);
                }
            }
            assertEquals(recorded, band.seeds()[j], "seeds at step " + t);
            assertEquals(lo, band.min()[j], "smallest at step " + t);
            assertTrue(band.min()[j] <= band.mean()[j] && band.mean()[j] <= band.max()[j], "at step " + t);
            assertEquals(recorded >= 10, Double.isFinite(band.q10()[j]), "quantiles only over ten seeds, step " + t);
        }
        assertEquals(10 - diverged, band.seeds()[band.size() - 1], "at the end, the seeds that did not diverge");
        SeedsReport.FinalLoss f = SeedsReport.finalLoss(0, curves);
        assertEquals(10 - diverged, f.seeds());
        assertEquals(diverged, f.diverged());
        assertEquals(band.mean()[band.size() - 1], f.mean(), 1e-12 * Math.abs(f.mean()));
    }

    /** Seeds that all end at one loss (the exact gradient on a function: nothing random reaches the run) have no spread. */
    @Test
    void identicalSeedsHaveExactlyTheirLossAsMeanAndNoSpread() {
        double loss = 3.1500000000000007e-45;
        java.util.List<Double> ten = java.util.Collections.nCopies(10, loss);
        SeedsReport.FinalLoss f = SeedsReport.statistics(ten, 0);
        assertEquals(loss, f.mean());
        assertEquals(0.0, f.sd());
        // and a real spread is still the sample sd: 1, 2, 3 → mean 2, sd 1
        SeedsReport.FinalLoss g = SeedsReport.statistics(java.util.List.of(1.0, 2.0, 3.0), 0);
        assertEquals(2.0, g.mean());
        assertEquals(1.0, g.sd(), 1e-15);
    }
}

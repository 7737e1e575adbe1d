package org.optlab.ui;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.mvysny.kaributesting.v10.LocatorJ;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Span;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.optlab.experiment.DocumentReader;
import org.optlab.experiment.DocumentWriter;
import org.optlab.experiment.ExperimentDocument;
import org.optlab.experiment.ExperimentRunner;
import org.optlab.experiment.SeedsSpec;
import org.optlab.lab.LabService;
import org.optlab.ui.chart.ApexChart;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.TestPropertySource;

/**
 * "Run k seeds…" in the lab (Karibu): the dialog runs the lab's experiment with k seeds on the shared executor, draws each
 * optimizer's mean and band in its card's colour, Cancel stops the seeds, and the k of a run goes into the lab's
 * document, so that a saved experiment reproduces the same bands. Pushes are made by the test (the ticker is set to
 * once an hour), as in LabViewTest.
 */
@SpringBootTest
@TestPropertySource(properties = "optlab.push-millis=3600000")
class SeedsDialogTest extends KaribuTestBase {

    /** Moons drawn from the experiment's seed, a small MLP, plain SGD and Adam: every seed its own curve. */
    static final String MOONS = """
            { "schemaVersion": 1, "seed": 5, "steps": %d,
              "problem": { "dataset": "moons", "n": 200, "model": { "type": "mlp", "hidden": [8] } },
              "optimizers": [ { "label": "SGD", "algorithm": "sgd", "learningRate": 0.1, "batchSize": 16 },
                              { "label": "Adam", "algorithm": "adam", "learningRate": 0.01, "batchSize": 16 } ] }""";

    @Autowired
    LabService lab;

    LabView view;

    @BeforeEach
    void setUp() {
        view = openLab();
    }

    static ExperimentDocument moons(long steps) throws Exception {
        return DocumentReader.read(MOONS.formatted(steps)).document();
    }

    static SeedsDialog openSeeds() {
        button("seeds").click();
        return LocatorJ._get(SeedsDialog.class);
    }

    static String status() {
        return byId(Span.class, "seeds-status").getText();
    }

    /** Pushes until the status says it finished (or a minute has passed). */
    static void runToEnd(SeedsDialog d) throws InterruptedException {
        long end = System.currentTimeMillis() + 60_000;
        while (!status().startsWith("finished") && System.currentTimeMillis() < end) {
            Thread.sleep(5);
            d.push();
        }
        assertTrue(status().startsWith("finished"), status());
    }

    @Test
    void kSeedsDrawEachOptimizersMeanBetweenItsSmallestAndLargestAndTheMeanIsTheSeedsMean() throws Exception {
        view.setDocument(moons(300));
        SeedsDialog d = openSeeds();
        assertEquals(5, d.count.getValue(), "the default k");
        d.count.setValue(4);
        button("seeds-run").click();
        runToEnd(d);
        assertTrue(status().startsWith("finished: 4 seeds × 2 optimizers in "), status());
        ApexChart chart = d.chart;
        List<OptimizerCard> cards = cards();
        double[] finalMeans = new double[2];
        assertEquals(6, chart.series().size(), "mean, smallest and largest of each optimizer (no quantiles below ten)");
        assertEquals("[\"SGD\",\"Adam\"]", chart.options().get("legend").get("customLegendItems").toString());
        assertTrue(chart.isLogarithmic(), "the loss on the log scale, as on the loss chart");
        for (int o = 0; o < 2; o++) {
            ApexChart.Series mean = chart.series().get(SeedsChart.meanSeries(o));
            ApexChart.Series min = chart.series().get(SeedsChart.minSeries(o, 2));
            ApexChart.Series max = chart.series().get(SeedsChart.maxSeries(o, 2));
            for (ApexChart.Series s : List.of(mean, min, max)) {
                assertEquals(colour(cards.get(o)), s.color());
                assertTrue(s.name().startsWith(cards.get(o).spec().label() + ": "), s.name());
            }
            assertEquals(mean.data().size(), min.data().size());
            assertEquals(mean.data().size(), max.data().size());
            assertTrue(mean.data().size() > 10, "a curve, not a point: " + mean.data().size());
            boolean wide = false;
            for (int j = 0; j < mean.data().size(); j++) {
                double[] m = mean.data().get(j);
                double[] lo = min.data().get(j);
                double[] hi = max.data().get(j);
                assertEquals(m[0], lo[0]);
                assertEquals(m[0], hi[0]);
                assertTrue(lo[1] <= m[1] && m[1] <= hi[1], "at step " + m[0] + ": " + lo[1] + " ≤ " + m[1] + " ≤ " + hi[1]);
                wide |= hi[1] > lo[1] * 1.001;
            }
            assertTrue(wide, "the seeds differ: the band has a width");
            // the last mean is the mean of the plain document's final loss with seed 5, 6, 7, 8
            double sum = 0;
            for (int i = 0; i < 4; i++) {
                double[] loss = ExperimentRunner.run(moons(300).withSeed(5L + i)).results().get(o).loss();
                sum += loss[loss.length - 1];
            }
            assertEquals(sum / 4, mean.data().get(mean.data().size() - 1)[1], 1e-12 * sum);
            finalMeans[o] = sum / 4;
        }
        String[] summary = byId(com.vaadin.flow.component.html.Div.class, "seeds-summary").getText().split("\n");
        assertEquals(2, summary.length);
        for (int o = 0; o < 2; o++) {
            assertTrue(summary[o].startsWith(cards.get(o).spec().label() + ": final loss "
                    + SweepChart.Cards.number(finalMeans[o]) + " ± "), summary[o]);
            assertTrue(summary[o].endsWith("(mean ± sd over 4 seeds)"), summary[o]);
        }
        // the k of the run goes with the experiment: saved, read back and opened again, it reproduces the same bands
        ExperimentDocument saved = view.currentDocument();
        assertEquals(new SeedsSpec(4), saved.seeds());
        ExperimentDocument readBack = DocumentReader.read(DocumentWriter.write(saved)).document();
        assertEquals(new SeedsSpec(4), readBack.seeds());
        List<double[]> firstMean = List.copyOf(chart.series().get(SeedsChart.meanSeries(1)).data());
        button("seeds-close").click();
        view.setDocument(readBack);
        SeedsDialog again = openSeeds();
        assertEquals(4, again.count.getValue(), "the saved k");
        button("seeds-run").click();
        runToEnd(again);
        List<double[]> secondMean = again.chart.series().get(SeedsChart.meanSeries(1)).data();
        assertEquals(firstMean.size(), secondMean.size());
        for (int j = 0; j < firstMean.size(); j++) {
            assertArrayEquals(firstMean.get(j), secondMean.get(j));
        }
    }

    @Test
    void fromTenSeedsTheQuantilesAreDrawnBetweenTheSmallestAndTheLargest() throws Exception {
        view.setDocument(moons(100));
        SeedsDialog d = openSeeds();
        d.count.setValue(10);
        button("seeds-run").click();
        runToEnd(d);
        ApexChart chart = d.chart;
        assertEquals(10, chart.series().size(), "mean, smallest, largest, 10 % and 90 % of each optimizer");
        for (int o = 0; o < 2; o++) {
            List<double[]> min = chart.series().get(SeedsChart.minSeries(o, 2)).data();
            List<double[]> q10 = chart.series().get(SeedsChart.q10Series(o, 2)).data();
            List<double[]> q90 = chart.series().get(SeedsChart.q90Series(o, 2)).data();
            List<double[]> max = chart.series().get(SeedsChart.maxSeries(o, 2)).data();
            for (int j = 0; j < min.size(); j++) {
                assertTrue(min.get(j)[1] <= q10.get(j)[1] && q10.get(j)[1] <= q90.get(j)[1]
                        && q90.get(j)[1] <= max.get(j)[1], "at step " + min.get(j)[0]);
            }
        }
    }

    @Test
    void cancelStopsTheSeedsAndGivesTheirPlaceBack() throws Exception {
        view.setDocument(moons(1_000_000));
        SeedsDialog d = openSeeds();
        button("seeds-run").click();
        assertTrue(status().startsWith("running: 0 of 5 seeds") || status().startsWith("waiting"), status());
        assertTrue(button("seeds-cancel").isEnabled());
        assertEquals(1, lab.executor().trainingCount(), "the five seeds take one place");
        button("seeds-cancel").click();
        assertTrue(status().startsWith("cancelled: 0 of 5 seeds"), status());
        assertFalse(button("seeds-cancel").isEnabled());
        assertEquals(0, lab.executor().trainingCount());
        Thread.sleep(100);
        d.push();
        assertTrue(status().startsWith("cancelled: 0 of 5 seeds (0 of 10 runs)"), status());
        button("seeds-close").click();
        assertEquals(0, LocatorJ._find(SeedsDialog.class).size());
    }

    @Test
    void tooManySeedsAreRefusedInTheDialogsWords() throws Exception {
        view.setDocument(moons(1_000_000));
        SeedsDialog d = openSeeds();
        d.count.setValue(21);
        button("seeds-run").click();
        assertTrue(status().startsWith("seeds k must be between 1 and 20 (the number of seeds k, each a run of the whole"
                + " experiment), got 21"), status());
        assertTrue(d.count.isInvalid());
        d.count.clear();
        button("seeds-run").click();
        assertEquals("seeds k is empty: enter a number", status());
        assertEquals("seeds k is empty: enter a number", d.count.getErrorMessage());
        d.count.setValue(20);
        button("seeds-run").click();
        assertEquals("seeds k is too large: 20 seeds × 2 optimizers × 1,000,000 steps = 40,000,000 updates; this server's"
                + " limit per run of k seeds is 20,000,000 (optlab.max-seeds-updates): use fewer seeds k, fewer steps or"
                + " fewer optimizers", status());
        assertEquals(0, lab.executor().trainingCount());
        assertEquals(null, view.currentDocument().seeds(), "a refused run does not change the experiment");
    }

    @Test
    void aSavedExperimentCarriesItsSeedsAndItsSharedPageRunsThemAgainToTheSameBands() throws Exception {
        view.setDocument(moons(200));
        SeedsDialog d = openSeeds();
        d.count.setValue(3);
        button("seeds-run").click();
        runToEnd(d);
        List<List<double[]>> inLab = new java.util.ArrayList<>();
        for (ApexChart.Series s : d.chart.series()) {
            inLab.add(List.copyOf(s.data()));
        }
        button("seeds-close").click();
        button("save").click();
        String link = byId(com.vaadin.flow.component.textfield.TextField.class, "share-link").getValue();
        assertTrue(link.startsWith("e/"), link);
        com.vaadin.flow.component.UI.getCurrent().navigate(link);
        Button again = button("seeds-again");
        assertEquals("Run 3 seeds again", again.getText());
        again.click();
        SeedsDialog shared = LocatorJ._get(SeedsDialog.class);
        assertEquals(3, shared.count.getValue());
        button("seeds-run").click();
        runToEnd(shared);
        assertEquals(inLab.size(), shared.chart.series().size());
        for (int k = 0; k < inLab.size(); k++) {
            List<double[]> here = shared.chart.series().get(k).data();
            assertEquals(inLab.get(k).size(), here.size());
            for (int j = 0; j < here.size(); j++) {
                assertArrayEquals(inLab.get(k).get(j), here.get(j), shared.chart.series().get(k).name());
            }
        }
    }
}

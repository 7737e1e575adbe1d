package org.optlab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.mvysny.kaributesting.v10.LocatorJ;
import com.vaadin.flow.component.ComponentUtil;
import com.vaadin.flow.component.html.Span;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.optlab.experiment.SweepPoint;
import org.optlab.lab.LiveSweep;
import org.optlab.ui.chart.ApexChart;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.TestPropertySource;

/**
 * "Sweep ε…" in the lab (Karibu): the dialog runs the lab's experiment over the grid on the shared executor, the chart
 * fills in as points finish, Cancel stops the sweep, and a click on a point sets that card's ε. Pushes are made by the
 * test (the ticker is set to once an hour), as in LabViewTest.
 */
@SpringBootTest
@TestPropertySource(properties = "optlab.push-millis=3600000")
class SweepDialogTest extends KaribuTestBase {

    LabView view;

    @BeforeEach
    void setUp() {
        view = openLab();
    }

    static SweepDialog openSweep() {
        button("sweep").click();
        return LocatorJ._get(SweepDialog.class);
    }

    static void waitUntil(java.util.function.BooleanSupplier done) throws InterruptedException {
        long end = System.currentTimeMillis() + 60_000;
        while (!done.getAsBoolean() && System.currentTimeMillis() < end) {
            Thread.sleep(5);
        }
        assertTrue(done.getAsBoolean(), "in time");
    }

    /** Points drawn on the chart: final losses on the curve plus diverged runs on the top edge. */
    static int drawnRuns(ApexChart chart) {
        int n = 0;
        for (ApexChart.Series s : chart.series()) {
            if (!s.name().endsWith(": best loss")) {
                n += (int) s.data().stream().filter(Objects::nonNull).count();
            }
        }
        return n;
    }

    @Test
    void theGridFillsInAsRunsFinishAndCancelStopsTheSweep() throws Exception {
        stepsField().setValue(100_000);
        SweepDialog d = openSweep();
        assertEquals(1e-5, d.from.getValue());
        assertEquals(10.0, d.to.getValue());
        assertEquals(31, d.points.getValue());
        button("sweep-run").click();
        LiveSweep<SweepPoint> live = d.live();
        assertNotNull(live);
        assertEquals(155, live.size(), "31 ε × the five optimizers of the default experiment");
        waitUntil(() -> live.done() >= 3);
        d.push();
        int drawn = drawnRuns(d.chart);
        assertTrue(drawn >= 3 && drawn < 155, "part of the grid is drawn: " + drawn);
        assertTrue(byId(Span.class, "sweep-status").getText().startsWith("running: " + drawn + " of 155 runs"),
                byId(Span.class, "sweep-status").getText());
        assertTrue(button("sweep-cancel").isEnabled());
        button("sweep-cancel").click();
        assertEquals(LiveSweep.State.CANCELLED, live.state());
        int done = live.done();
        Thread.sleep(100);
        assertEquals(done, live.done(), "nothing more runs after Cancel");
        d.push();
        assertEquals(done, drawnRuns(d.chart));
        assertTrue(byId(Span.class, "sweep-status").getText().startsWith("cancelled: " + done + " of 155 runs"));
        assertFalse(button("sweep-cancel").isEnabled());
        // closing the dialog leaves nothing running
        button("sweep-close").click();
        assertEquals(0, LocatorJ._find(SweepDialog.class).size());
    }

    @Test
    void aFinishedSweepDrawsEveryOptimizerInItsCardsColourAndAClickSetsThatCardsEpsilon() throws Exception {
        SweepDialog d = openSweep();
        button("sweep-run").click();
        LiveSweep<SweepPoint> live = d.live();
        waitUntil(() -> live.state() == LiveSweep.State.FINISHED);
        d.push();
        assertTrue(byId(Span.class, "sweep-status").getText().startsWith("finished: 155 runs in "));
        ApexChart chart = d.chart;
        List<OptimizerCard> cards = cards();
        assertEquals(15, chart.series().size(), "final loss, best loss and diverged runs of each optimizer");
        for (int i = 0; i < 5; i++) {
            for (int series : new int[] {SweepChart.finalSeries(i), SweepChart.bestSeries(i, 5),
                SweepChart.divergedSeries(i, 5)}) {
                assertEquals(colour(cards.get(i)), chart.series().get(series).color());
                assertTrue(chart.series().get(series).name().startsWith(cards.get(i).spec().label() + ": "));
            }
        }
        assertEquals("[\"GD\",\"Momentum\",\"AdaGrad\",\"RMSProp\",\"Adam\"]",
                chart.options().get("legend").get("customLegendItems").toString(), "one legend entry per optimizer");
        assertEquals(155, drawnRuns(chart));
        // GD (ε = 0.0002 on its card) diverges on Rosenbrock for the large ε: dots on the top edge, a power of ten
        ApexChart.Series gdDiverged = chart.series().get(SweepChart.divergedSeries(0, 5));
        assertFalse(gdDiverged.data().isEmpty());
        double top = gdDiverged.data().get(0)[1];
        assertEquals(Math.rint(Math.log10(top)), Math.log10(top), 1e-12);
        for (double[] p : gdDiverged.data()) {
            assertEquals(top, p[1]);
        }
        // Momentum diverges too: its dots a little lower, so that GD's do not hide them, and above every loss drawn
        ApexChart.Series momentumDiverged = chart.series().get(SweepChart.divergedSeries(1, 5));
        assertFalse(momentumDiverged.data().isEmpty());
        double momentumDots = momentumDiverged.data().get(0)[1];
        assertTrue(momentumDots < top, momentumDots + " < " + top);
        for (ApexChart.Series s : chart.series()) {
            for (double[] p : s.data()) {
                assertTrue(p == null || p[1] <= top, s.name() + " stays below the top edge");
                if (p != null && !s.name().endsWith(": diverged")) {
                    assertTrue(p[1] < momentumDots, s.name() + " below the dots: " + p[1]);
                }
            }
        }
        // x is log10 ε, the axis from 10⁻⁵ to 10 labelled at each decade
        assertEquals(-5, chart.options().get("xaxis").get("min").asInt());
        assertEquals(1, chart.options().get("xaxis").get("max").asInt());
        assertEquals("[\"10⁻⁵\",\"10⁻⁴\",\"10⁻³\",\"10⁻²\",\"10⁻¹\",\"1\",\"10\"]",
                chart.options().get("xaxis").get("overwriteCategories").toString());
        assertTrue(chart.isLogarithmic(), "the loss on the log scale, as on the loss chart");
        // each card's current ε is marked
        List<String> marks = sent.chart(chart).marks();
        assertEquals(List.of("GD: ε = 0.0002", "Momentum: ε = 0.0002", "AdaGrad: ε = 0.5", "RMSProp: ε = 0.01",
                "Adam: ε = 0.05"), marks);
        // a click on Adam's point at ε = 10⁻² gives Adam's card that ε
        double[] adamAt = null;
        for (double[] p : chart.series().get(SweepChart.finalSeries(4)).data()) {
            if (p != null && Math.abs(p[0] + 2) < 1e-9) {
                adamAt = p;
            }
        }
        assertNotNull(adamAt, "Adam did not diverge at ε = 0.01");
        ComponentUtil.fireEvent(chart, new ApexChart.PlotClickEvent(chart, true, -2.02, Math.log10(adamAt[1])));
        assertEquals(0.01, field(cards.get(4), "learning rate ε").getValue(), 1e-15);
        assertEquals(0.01, view.session().document().optimizers().get(4).hyper(
                org.optlab.engine.Algorithm.Hyper.LEARNING_RATE), 1e-15, "the form's document follows the card");
        assertTrue(byId(Span.class, "sweep-status").getText().startsWith("Adam: learning rate ε set to 0.01"));
    }

    @Test
    void aGridBeyondTheLimitsIsRefusedInTheDialogsWords() {
        SweepDialog d = openSweep();
        d.points.setValue(500);
        d.from.setValue(0.0);
        button("sweep-run").click();
        String status = byId(Span.class, "sweep-status").getText();
        assertTrue(status.contains("smallest ε must be > 0 and ≤ 1000000 (the smallest learning rate ε of the sweep),"
                + " got 0.0"), status);
        assertTrue(status.contains("grid points must be between 2 and 101 (the number of learning rates ε on the grid),"
                + " got 500"), status);
        assertEquals(null, d.live());
        // each at its field, and the field that is right is not marked
        assertTrue(d.from.isInvalid());
        assertTrue(d.from.getErrorMessage().startsWith("smallest ε must be > 0"), d.from.getErrorMessage());
        assertTrue(d.points.isInvalid());
        assertFalse(d.to.isInvalid());
        // an empty field is said before anything runs, and a corrected one is no longer marked
        d.from.setValue(1e-3);
        d.points.clear();
        button("sweep-run").click();
        assertFalse(d.from.isInvalid(), "corrected");
        assertTrue(d.points.isInvalid());
        assertEquals("grid points is empty: enter a number", d.points.getErrorMessage());
        assertEquals("grid points is empty: enter a number",
                byId(Span.class, "sweep-status").getText());
        assertEquals(null, d.live());
    }
}

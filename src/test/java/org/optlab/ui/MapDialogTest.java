package org.optlab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.mvysny.kaributesting.v10.LocatorJ;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.optlab.engine.Algorithm.Hyper;
import org.optlab.engine.RunStatus;
import org.optlab.experiment.Lessons;
import org.optlab.experiment.MapSpec;
import org.optlab.experiment.SweepMap.Cell;
import org.optlab.lab.LiveSweep;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.TestPropertySource;

/**
 * "Map ε, α…" in the lab (Karibu), on the lesson "Momentum: a narrow valley" (a quadratic with curvatures 20 and 1):
 * the map runs every cell on the shared executor, draws each as a coloured cell, marks the card and Polyak's optimum,
 * finds its fastest cell next to that optimum, shows gradient descent's bound on the bottom row, and a click sets the
 * card's ε and α. Pushes are made by the test (the ticker is set to once an hour).
 */
@SpringBootTest
@TestPropertySource(properties = "optlab.push-millis=3600000")
class MapDialogTest extends KaribuTestBase {

    static LiveSweep<Cell> live(MapDialog d) {
        return d.live();
    }

    @Test
    void theMapOfMomentumOnTheValleyHasItsFastestCellAtPolyaksOptimumAndAClickSetsTheCard() throws Exception {
        openLab();
        select("lessons").setValue(Lessons.byId("momentum-valley"));
        sent.start();
        button("map").click();
        MapDialog d = LocatorJ._get(MapDialog.class);
        assertEquals("Momentum (momentum)", d.optimizer.getItemLabelGenerator().apply(d.optimizer.getValue()),
                "momentum-type cards first");
        assertEquals("smallest α", d.secondFrom.getLabel());
        assertTrue(d.threshold.getHelperText().startsWith("f* = "), d.threshold.getHelperText());
        button("map-run").click();
        LiveSweep<Cell> live = live(d);
        assertNotNull(live);
        assertEquals(24 * 20, live.size());
        SweepDialogTest.waitUntil(() -> live.state() == LiveSweep.State.FINISHED);
        d.push();
        assertTrue(byId(Span.class, "map-status").getText().startsWith("finished: 480 cells in "));

        // every cell is drawn, in one of the layers (8 step bins, not reached, diverged)
        SentToBrowser.Chart drawn = sent.chart(d.chart);
        int cellsDrawn = 0;
        for (int k = 0; k < MapChart.BINS.length + 2; k++) {
            cellsDrawn += drawn.layerPoints(k);
        }
        assertEquals(480, cellsDrawn);
        List<Cell> cells = live.points();
        long diverged = cells.stream().filter(Cell::diverged).count();
        assertEquals(diverged, drawn.layerPoints(MapChart.BINS.length + 1), "red: the runs that diverged");

        // gradient descent's bound on the lowest row (α = 0.025, nearly GD): ε above 2/λmax(1 + α) = 0.1025 diverges,
        // well below it the run does not
        for (Cell c : cells) {
            if (c.row() == 0 && c.epsilon() > 0.1025 * 1.05) {
                assertEquals(RunStatus.DIVERGED, c.status(), "ε = " + c.epsilon());
            }
            if (c.row() == 0 && c.epsilon() < 0.1025 * 0.95) {
                assertFalse(c.diverged(), "ε = " + c.epsilon());
            }
        }

        // the fastest cell is within one cell of Polyak's heavy-ball optimum for κ = 20
        double kappa = 20;
        double alphaStar = Math.pow((Math.sqrt(kappa) - 1) / (Math.sqrt(kappa) + 1), 2);
        double epsStar = 4 / Math.pow(Math.sqrt(20) + 1, 2);
        Cell best = MapChart.fastest(cells);
        assertNotNull(best);
        int[] theory = MapChart.cellAt(MapSpec.defaults(0), Math.log10(epsStar), alphaStar);
        assertTrue(Math.abs(best.row() - theory[0]) <= 1 && Math.abs(best.column() - theory[1]) <= 1,
                "fastest cell " + best + ", Polyak's in row " + theory[0] + ", column " + theory[1]);
        assertTrue(drawn.marks().stream().anyMatch(m -> m.startsWith("Polyak: ε* = 0.134, α* = 0.403")),
                drawn.marks().toString());
        assertTrue(drawn.marks().stream().anyMatch(m -> m.startsWith("Momentum: ε = 0.05, α = 0.6")),
                drawn.marks().toString());
        String summary = byId(Div.class, "map-summary").getText();
        assertTrue(summary.contains("fastest: ε = " + MapChart.number(best.epsilon()) + ", α = "
                + MapChart.number(best.second()) + " in " + best.steps() + " steps"), summary);
        String legend = byId(Div.class, "map-legend").getElement().getTextRecursively();
        assertTrue(legend.contains("diverged") && legend.contains("not within 300 steps"), legend);

        // a click on the fastest cell gives the card its ε and α
        d.clicked(Math.log10(best.epsilon()), best.second());
        OptimizerCard momentum = cards().get(1);
        assertEquals(best.epsilon(), momentum.spec().hyper(Hyper.LEARNING_RATE));
        assertEquals(best.second(), momentum.spec().hyper(Hyper.MOMENTUM));
        assertTrue(byId(Span.class, "map-status").getText().contains("reached the threshold in " + best.steps()),
                byId(Span.class, "map-status").getText());
        button("map-close").click();
        assertEquals(0, LocatorJ._find(MapDialog.class).size());
        assertEquals(LiveSweep.State.FINISHED, live.state());
    }

    @Test
    void aDatasetHasNoMapAndABadGridIsRefusedInTheDialogsWords() throws Exception {
        openLab();
        select("lessons").setValue(Lessons.byId("momentum-valley"));
        button("map").click();
        MapDialog d = LocatorJ._get(MapDialog.class);
        d.columns.setValue(61);
        d.secondTo.setValue(1.5);
        button("map-run").click();
        String status = byId(Span.class, "map-status").getText();
        assertTrue(status.contains("ε cells must be 2 to 60, got 61"), status);
        assertTrue(status.contains("largest α must be > the smallest value and ≤ 1, got 1.50000"), status);
        assertEquals(null, live(d), "nothing started");
        assertTrue(d.columns.isInvalid(), "marked at the ε cells field");
        assertEquals("largest α must be > the smallest value and ≤ 1, got 1.50000", d.secondTo.getErrorMessage());
        assertFalse(d.epsilonFrom.isInvalid());
    }
}

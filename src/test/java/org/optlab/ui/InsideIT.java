package org.optlab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.optlab.engine.RunListener;
import org.optlab.engine.Trainer;
import org.optlab.experiment.ExperimentDocument;
import org.optlab.experiment.ExperimentPlan;

/** The inside panel in Chromium: a card's state is drawn as the run goes, and ends where the engine's state ends. */
class InsideIT extends BrowserTestBase {

    static final int STEPS = 300;

    /** The id of the inside chart that draws {@code symbol}. */
    private String insideChart(String symbol) {
        return (String) page.evaluate("s => [...document.querySelectorAll('#inside-charts optlab-chart')]"
                + ".find(c => c.getAttribute('data-symbol') === s).id", symbol);
    }

    /** Points of the drawn line of a chart's first series. */
    private int drawnPoints(String chartId) {
        return ((Number) page.evaluate("id => { const p = document.querySelector('#' + id"
                + " + ' .apexcharts-series path.apexcharts-line'); if (!p) return 0;"
                + " return ((p.getAttribute('d') || '').match(/-?[0-9.]+(e[-+]?[0-9]+)?/gi) || []).length / 2; }",
                chartId)).intValue();
    }

    /** Optimizer i of the lab's first experiment at {@code steps} steps, run to the end by the engine alone. */
    private static Trainer engineRun(int i, int steps) throws Exception {
        ExperimentDocument d = LabView.defaultDocument();
        ExperimentDocument doc = new ExperimentDocument(d.schemaVersion(), d.name(), d.seed(), steps, d.recordEvery(),
                d.problem(), d.optimizers(), d.stop(), null);
        Trainer t = ExperimentPlan.prepare(doc).trainer(i, new RunListener() { });
        t.runToEnd();
        return t;
    }

    @Test
    void aCardsStateIsDrawnAsItRunsAndEndsAtTheEnginesNumbers() throws Exception {
        double adagradRate = engineRun(2, STEPS).optimizerState().vector("ε/(δ+√r)")[0];
        double rmspropRate = engineRun(3, STEPS).optimizerState().vector("ε/√(δ+r)")[0];

        openLab();
        fill("#steps", String.valueOf(STEPS));
        choose("speed", "100 steps/s");
        page.locator(".optimizer-card").nth(2).locator("vaadin-button:has-text('Inside')").click();
        page.locator("#inside-charts optlab-chart").first().waitFor();
        String rate = insideChart("ε/(δ+√r)");
        page.locator("#start").click();
        page.waitForTimeout(1500);
        int early = drawnPoints(rate);
        waitFor("() => document.getElementById('run-status').textContent === 'finished'", null);
        page.waitForTimeout(1500);
        int late = drawnPoints(rate);
        assertTrue(early > 10 && early < late, "the line grows with the run: " + early + " then " + late + " points");
        assertEquals(STEPS, late, "every step of a short run is drawn");
        // read back from the SVG: the last point of the first coordinate's line, through the log axis' tick labels
        double drawn = drawnLastValues(page, rate, true).get(0);
        assertEquals(Math.log10(adagradRate), Math.log10(drawn), 0.03, "AdaGrad's ε/(δ+√r)₁ drawn at " + drawn
                + ", the engine's is " + adagradRate);
        page.locator("#inside-panel").screenshot(new com.microsoft.playwright.Locator.ScreenshotOptions()
                .setPath(SCREENSHOTS.resolve("inside-adagrad.png")));

        page.locator(".optimizer-card").nth(3).locator("vaadin-button:has-text('Inside')").click();
        page.waitForTimeout(1500);
        String rms = insideChart("ε/√(δ+r)");
        double drawnRms = drawnLastValues(page, rms, true).get(0);
        assertEquals(Math.log10(rmspropRate), Math.log10(drawnRms), 0.03, "RMSProp's ε/√(δ+r)₁ drawn at " + drawnRms
                + ", the engine's is " + rmspropRate);
        page.locator("#inside-panel").screenshot(new com.microsoft.playwright.Locator.ScreenshotOptions()
                .setPath(SCREENSHOTS.resolve("inside-rmsprop.png")));
        assertEquals(List.of(), consoleErrors, "no errors in the browser console");
    }
}

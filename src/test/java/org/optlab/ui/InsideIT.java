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

    /**
     * The drawn length, in data units, of the latest arrow with this label and colour on the contour plot: its end
     * points on screen (through the SVG's screen matrix), turned into data units by the x axis' tick labels.
     */
    @SuppressWarnings("unchecked")
    private double drawnArrowLength(String label, String color) {
        java.util.Map<String, Object> m = (java.util.Map<String, Object>) page.evaluate("""
                ([label, color]) => {
                  const arrows = [...document.querySelectorAll('#side-chart path.arrow')]
                    .filter(p => p.getAttribute('data-label') === label && p.getAttribute('stroke') === color);
                  const p = arrows[arrows.length - 1];
                  const nums = p.getAttribute('d').match(/-?[0-9.]+(e[-+]?[0-9]+)?/gi).slice(0, 4).map(parseFloat);
                  const ctm = p.getScreenCTM();
                  const at = (x, y) => { const q = p.ownerSVGElement.createSVGPoint(); q.x = x; q.y = y;
                    return q.matrixTransform(ctm); };
                  const a = at(nums[0], nums[1]);
                  const b = at(nums[2], nums[3]);
                  const ticks = [...document.querySelectorAll('#side-chart .apexcharts-xaxis-label tspan')]
                    .map(t => { const r = t.getBoundingClientRect(); return { x: r.left + r.width / 2, text: t.textContent }; })
                    .filter(t => t.text.trim() !== '');
                  return { pixels: Math.hypot(b.x - a.x, b.y - a.y), count: arrows.length,
                    x0: ticks[0].x, v0: ticks[0].text, x1: ticks[ticks.length - 1].x, v1: ticks[ticks.length - 1].text };
                }""", java.util.List.of(label, color));
        double perPixel = (DrawnCurvesIT.parseTick((String) m.get("v1")) - DrawnCurvesIT.parseTick((String) m.get("v0")))
                / (((Number) m.get("x1")).doubleValue() - ((Number) m.get("x0")).doubleValue());
        return ((Number) m.get("pixels")).doubleValue() * perPixel;
    }

    @Test
    void stepModeDrawsEachUpdateAsArrowsOfTheEnginesLengths() throws Exception {
        org.optlab.engine.OptimizerState momentum = engineRun(1, 3).optimizerState();
        double[] g = momentum.vector("g");
        double[] v = momentum.vector("v");
        double epsilon = LabView.defaultDocument().optimizers().get(1).hyper(org.optlab.engine.Algorithm.Hyper.LEARNING_RATE);

        openLab();
        for (int press = 0; press < 3; press++) {
            page.locator("#step").click();
            page.waitForTimeout(400);
        }
        page.waitForTimeout(1000);
        String magenta = Colors.of(org.optlab.engine.Algorithm.MOMENTUM);
        // three presses: GD 1 arrow, momentum 3 (its first αv is 0 long, not drawn), AdaGrad, RMSProp, Adam 2 each
        assertEquals(29, ((Number) page.evaluate("() => document.querySelectorAll('#side-chart path.arrow').length"))
                .intValue(), "every arrow of three presses is drawn");
        double gradientStep = drawnArrowLength("−εg", magenta);
        assertEquals(epsilon * Math.hypot(g[0], g[1]), gradientStep, 0.02 * epsilon * Math.hypot(g[0], g[1]),
                "momentum's −εg after the third update");
        double step = drawnArrowLength("Δθ", magenta);
        assertEquals(Math.hypot(v[0], v[1]), step, 0.02 * Math.hypot(v[0], v[1]), "momentum's Δθ = v");
        page.locator("#side-chart").screenshot(new com.microsoft.playwright.Locator.ScreenshotOptions()
                .setPath(SCREENSHOTS.resolve("step-arrows.png")));
        assertEquals(List.of(), consoleErrors, "no errors in the browser console");
    }

    @Test
    void theLessonsShowTheirPointInsideTheOptimizerAndInStepMode() throws Exception {
        openLab();
        choose("lessons", "8.4 AdaGrad");
        page.waitForTimeout(1000);
        page.locator(".optimizer-card").nth(1).locator("vaadin-button:has-text('Inside')").click();
        page.locator("#inside-charts optlab-chart").first().waitFor();
        String rate = insideChart("ε/(δ+√r)");
        page.locator("#start").click();
        waitFor("() => document.getElementById('run-status').textContent === 'finished'", null);
        page.waitForTimeout(1500);
        // the slide's point, read from the picture: the steep coordinate y (dashed) gets a smaller rate than the flat x
        List<Double> last = drawnLastValues(page, rate, true);
        assertTrue(last.get(1) < last.get(0) / 2, "AdaGrad's rate in y " + last.get(1) + " below its rate in x "
                + last.get(0));
        page.locator("#inside-panel").screenshot(new com.microsoft.playwright.Locator.ScreenshotOptions()
                .setPath(SCREENSHOTS.resolve("inside-adagrad-lesson.png")));

        choose("lessons", "8.3 Nesterov");
        page.waitForTimeout(1000);
        for (int press = 0; press < 6; press++) {
            page.locator("#step").click();
            page.waitForTimeout(400);
        }
        page.waitForTimeout(1000);
        // per press: momentum αv, −εg, Δθ and Nesterov αv, −εg(θ̃), Δθ; both first αv are 0 long (v₀ = 0)
        assertEquals(6 * 6 - 2, ((Number) page.evaluate(
                "() => document.querySelectorAll('#side-chart path.arrow').length")).intValue());
        assertEquals(List.of("αv", "−εg", "Δθ", "αv", "−εg(θ̃)", "Δθ"), page.evaluate(
                "() => [...document.querySelectorAll('#side-chart text.arrow-label')].map(t => t.textContent)"),
                "the latest press is labelled");
        page.locator("#side-chart").screenshot(new com.microsoft.playwright.Locator.ScreenshotOptions()
                .setPath(SCREENSHOTS.resolve("step-arrows-nesterov.png")));
        assertEquals(List.of(), consoleErrors, "no errors in the browser console");
    }
}

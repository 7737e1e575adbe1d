package org.optlab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.optlab.experiment.ExperimentDocument;
import org.optlab.experiment.ExperimentRunner;

/**
 * What is drawn is what the engine computed: the last point of every loss curve, read back from the SVG in Chromium and
 * mapped through the axis's own tick labels, sits at the run's final loss (computed here by the headless runner on the
 * same document), on the log scale (the default) and on the linear one.
 */
class DrawnCurvesIT extends BrowserTestBase {

    static final int STEPS = 300;

    /**
     * For every line series of the loss chart: the screen y of its last point, and the axis's ticks as (screen y, label).
     * Read from the SVG only (paths through getScreenCTM, labels through their bounding boxes).
     */
    static final String READ_BACK = """
            () => {
              const chart = document.getElementById('loss-chart');
              const lines = [...chart.querySelectorAll('.apexcharts-series path.apexcharts-line')];
              const series = lines.map(p => {
                const d = p.getAttribute('d') || '';
                const nums = d.match(/-?[0-9.]+(e[-+]?[0-9]+)?/gi) || [];
                const x = parseFloat(nums[nums.length - 2]);
                const y = parseFloat(nums[nums.length - 1]);
                const pt = p.ownerSVGElement.createSVGPoint();
                pt.x = x; pt.y = y;
                const s = pt.matrixTransform(p.getScreenCTM());
                return { d, y: s.y };
              });
              // the label's own text (its <tspan>; the <title> beside it repeats it for hover)
              const ticks = [...chart.querySelectorAll('.apexcharts-yaxis-label tspan')].map(t => {
                const b = t.getBoundingClientRect();
                return { y: b.top + b.height / 2, text: t.textContent.trim() };
              }).filter(t => t.text !== '');
              return { series, ticks };
            }""";

    @Test
    void theLastPointOfEveryCurveIsDrawnAtTheRunsFinalLossOnLogAndLinearAxes() throws Exception {
        ExperimentDocument d = LabView.defaultDocument();
        ExperimentDocument doc = new ExperimentDocument(d.schemaVersion(), d.name(), d.seed(), STEPS, d.recordEvery(),
                d.problem(), d.optimizers(), d.stop(), null);
        List<ExperimentDocument.OptimizerResult> results = ExperimentRunner.run(doc).results();
        List<Double> finals = new ArrayList<>();
        for (ExperimentDocument.OptimizerResult r : results) {
            finals.add(r.loss()[r.loss().length - 1]);
        }

        openLab();
        fill("#steps", String.valueOf(STEPS));
        page.locator("#start").click();
        waitFor("() => document.getElementById('run-status').textContent === 'finished'", null);
        page.waitForTimeout(1500); // the last redraw is spaced at least 250 ms after the one before
        screenshot("log");
        check(finals, true);

        page.locator("vaadin-checkbox:has-text('log scale')").click();
        page.waitForTimeout(1500);
        screenshot("linear");
        check(finals, false);
        assertEquals(List.of(), consoleErrors, "no errors in the browser console");
    }

    @SuppressWarnings("unchecked")
    private void check(List<Double> finals, boolean log) {
        Map<String, Object> drawn = (Map<String, Object>) page.evaluate(READ_BACK);
        List<Map<String, Object>> series = (List<Map<String, Object>>) drawn.get("series");
        List<Map<String, Object>> ticks = (List<Map<String, Object>>) drawn.get("ticks");
        assertEquals(finals.size(), series.size(), "one drawn curve per optimizer");
        // the axis: screen y against the value each tick label says (log10 of it on the log scale)
        List<double[]> axis = new ArrayList<>();
        for (Map<String, Object> t : ticks) {
            double v = parseTick((String) t.get("text"));
            axis.add(new double[] {((Number) t.get("y")).doubleValue(), log ? Math.log10(v) : v});
        }
        assertTrue(axis.size() >= 2, "at least two tick labels: " + ticks);
        double[] top = axis.get(0);
        double[] bottom = axis.get(0);
        for (double[] a : axis) {
            top = a[0] < top[0] ? a : top;
            bottom = a[0] > bottom[0] ? a : bottom;
        }
        double perPixel = (top[1] - bottom[1]) / (top[0] - bottom[0]);
        double range = top[1] - bottom[1];
        for (int i = 0; i < finals.size(); i++) {
            String d = (String) series.get(i).get("d");
            assertFalse(d.contains("NaN") || d.contains("Infinity"), "curve " + i + " has no NaN or Infinity: " + d);
            double y = ((Number) series.get(i).get("y")).doubleValue();
            double value = bottom[1] + (y - bottom[0]) * perPixel;
            double expected = log ? Math.log10(finals.get(i)) : finals.get(i);
            System.err.printf("%s curve %d: drawn at %.6g, final loss %.6g (%s)%n", log ? "log" : "linear", i,
                    log ? Math.pow(10, value) : value, finals.get(i), log ? "decades" : "units");
            assertTrue(Math.abs(value - expected) <= 0.02 * range, (log ? "log" : "linear") + " curve " + i
                    + ": drawn at " + value + ", the run's final loss is " + expected + " (axis range " + range + ")");
        }
    }

    /** A tick label as a number: "10⁻³", "1", "0.25", "1.5e-3". */
    static double parseTick(String text) {
        String t = text.replace('−', '-');
        if (t.startsWith("10") && t.length() > 2 && !Character.isDigit(t.charAt(2)) && t.charAt(2) != '.') {
            StringBuilder k = new StringBuilder();
            for (char c : t.substring(2).toCharArray()) {
                k.append(switch (c) {
                    case '⁻' -> '-';
                    case '⁰' -> '0'; case '¹' -> '1'; case '²' -> '2'; case '³' -> '3'; case '⁴' -> '4';
                    case '⁵' -> '5'; case '⁶' -> '6'; case '⁷' -> '7'; case '⁸' -> '8'; case '⁹' -> '9';
                    default -> throw new IllegalArgumentException("tick label " + text);
                });
            }
            return Math.pow(10, Integer.parseInt(k.toString()));
        }
        return Double.parseDouble(t);
    }
}

package org.optlab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.optlab.experiment.ExperimentDocument;
import org.optlab.experiment.Lessons;
import org.optlab.experiment.ExperimentRunner;

/**
 * What is drawn is what the engine computed: the last point of every loss curve, read back from the SVG in Chromium and
 * mapped through the axis's own tick labels, sits at the run's final loss (computed here by the headless runner on the
 * same document), on the log scale (the default) and on the linear one.
 */
class DrawnCurvesIT extends BrowserTestBase {

    static final int STEPS = 300;

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

    /**
     * A chart drawn anew (a new configuration: another experiment, a restored draft) shortly after its box changed size
     * stays the new chart. ApexCharts redraws a chart 150 ms after its box changes size, and its destroy() did not cancel
     * that: the replaced chart drew its old series and axes over the new one, until the next resize (found when a
     * restored draft showed the first page's θ₀ instead of its curves). The component's own API, as the server calls it;
     * every x axis the element shows in the 600 ms after the new configuration is recorded.
     */
    @Test
    void aChartConfiguredRightAfterAResizeKeepsItsNewSeries() {
        openLab();
        page.waitForFunction("() => document.querySelectorAll('#loss-chart path.apexcharts-line').length > 0");
        @SuppressWarnings("unchecked")
        List<Object> drawn = (List<Object>) page.evaluate("""
                async () => {
                  const el = document.getElementById('loss-chart');
                  const frames = () => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
                  el.setConfig(JSON.stringify({ options: { chart: { type: 'line' },
                      xaxis: { type: 'numeric', min: 0, max: 2000, tickAmount: 4 } },
                    series: [0, 1, 2, 3, 4].map(i => ({ name: 'old ' + i, data: [[0, 400 + i]] })) }));
                  await frames();
                  el.parentNode.style.width = (el.parentNode.clientWidth - 40) + 'px'; // the box changes size
                  await frames(); // its resize observer ran: ApexCharts' redraw is due in 150 ms
                  el.setConfig(JSON.stringify({ options: { chart: { type: 'line' },
                      xaxis: { type: 'numeric', min: 0, max: 700000, tickAmount: 7 } },
                    series: [{ name: 'new', color: '#d81b60', data: [[0, 3], [350000, 2], [700000, 1]] }] }));
                  // every chart drawn from now on: the old chart, had it drawn again, would show its 2,000-step axis
                  const axes = [];
                  const seen = new MutationObserver(() => {
                    const labels = [...el.querySelectorAll('.apexcharts-xaxis-label tspan')].map(t => t.textContent);
                    if (labels.length > 0 && axes[axes.length - 1] !== labels[labels.length - 1]) {
                      axes.push(labels[labels.length - 1]);
                    }
                  });
                  seen.observe(el, { childList: true, subtree: true });
                  await new Promise(r => setTimeout(r, 600));
                  await frames();
                  seen.disconnect();
                  const paths = [...el.querySelectorAll('.apexcharts-series path.apexcharts-line')];
                  const labels = [...el.querySelectorAll('.apexcharts-xaxis-label tspan')].map(t => t.textContent);
                  return [paths.length, labels[labels.length - 1], axes.filter(a => a !== '700k')];
                }""");
        assertEquals(List.of(1, "700k", List.of()), drawn, "the new chart's one series and x axis, and no axis of the"
                + " old chart (2,000 steps) drawn again after it");
    }

    @Test
    void onADatasetTheLossCurvesAreDrawnAtTheirFinalLossesOnBothAxes() throws Exception {
        ExperimentDocument doc = lesson("batch-minibatch-sgd");
        List<Double> finals = new ArrayList<>();
        List<ExperimentDocument.OptimizerResult> results = ExperimentRunner.run(doc).results();
        for (ExperimentDocument.OptimizerResult r : results) {
            assertTrue(r.loss().length >= 300, "at least 300 points per curve: " + r.loss().length);
            finals.add(r.loss()[r.loss().length - 1]);
        }
        // then the faint traces of the minibatch runs (m = 32 and m = 1; batch GD has none): their last minibatch loss
        for (ExperimentDocument.OptimizerResult r : results) {
            double[] mb = r.metrics().get("minibatchLoss");
            if (mb != null) {
                finals.add(mb[mb.length - 1]);
            }
        }
        assertEquals(5, finals.size(), "three runs and two traces");
        openLab();
        choose("lessons", Lessons.byId("batch-minibatch-sgd").title());
        page.locator("#start").click();
        waitFor("() => document.getElementById('run-status').textContent === 'finished'", null);
        page.waitForTimeout(1500);
        screenshot("log");
        check(finals, true);
        page.locator("vaadin-checkbox:has-text('log scale')").click();
        page.waitForTimeout(1500);
        check(finals, false);
        assertEquals(List.of(), consoleErrors, "no errors in the browser console");
    }

    /** Every screen-y coordinate of the drawn path of the contour chart's first series, in order. */
    static final String DRAWN_PATH_Y = """
            () => {
              const p = document.querySelector('#side-chart .apexcharts-series path.apexcharts-line');
              const nums = (p.getAttribute('d') || '').match(/-?[0-9.]+(e[-+]?[0-9]+)?/gi) || [];
              const m = p.getScreenCTM();
              const ys = [];
              for (let i = 0; i + 1 < nums.length; i += 2) {
                const pt = p.ownerSVGElement.createSVGPoint();
                pt.x = parseFloat(nums[i]); pt.y = parseFloat(nums[i + 1]);
                ys.push(pt.matrixTransform(m).y);
              }
              return ys;
            }""";

    @Test
    void gradientDescentsZigZagAcrossTheValleyIsDrawnWithEveryTurn() throws Exception {
        ExperimentDocument doc = lesson("momentum-valley");
        double[][] real = ExperimentRunner.run(doc).results().get(0).path();
        List<Double> realY = new ArrayList<>();
        for (double[] theta : real) {
            realY.add(theta[1]);
        }
        int realTurns = turns(realY);
        assertTrue(realTurns > 50, "GD with ε = 0.09 on diag(1, 20) zig-zags: " + realTurns);

        openLab();
        choose("lessons", Lessons.byId("momentum-valley").title());
        page.locator("#start").click();
        waitFor("() => document.getElementById('run-status').textContent === 'finished'", null);
        page.waitForTimeout(1500);
        screenshot("zigzag");
        @SuppressWarnings("unchecked")
        List<Number> drawn = (List<Number>) page.evaluate(DRAWN_PATH_Y);
        List<Double> drawnY = new ArrayList<>();
        for (Number n : drawn) {
            drawnY.add(-n.doubleValue()); // screen y grows downwards
        }
        // no point is dropped from a path of a few hundred steps, and every turn big enough to see is drawn: a turn of
        // the real path at point i whose steps before and after are both at least half a pixel on screen (the scale is
        // the drawn path's own, from its first and last points) must be a turn of the drawn path at point i
        assertEquals(real.length, drawnY.size(), "every point of the path is drawn");
        int last = real.length - 1;
        double pixelsPerUnit = (drawnY.get(0) - drawnY.get(last)) / (realY.get(0) - realY.get(last));
        int visible = 0;
        for (int i = 1; i < last; i++) {
            double before = realY.get(i) - realY.get(i - 1);
            double after = realY.get(i + 1) - realY.get(i);
            if (before * after < 0 && Math.abs(before * pixelsPerUnit) >= 0.5 && Math.abs(after * pixelsPerUnit) >= 0.5) {
                visible++;
                double drawnBefore = drawnY.get(i) - drawnY.get(i - 1);
                double drawnAfter = drawnY.get(i + 1) - drawnY.get(i);
                assertTrue(drawnBefore * drawnAfter < 0, "the turn at step " + i + " is drawn");
            }
        }
        System.err.printf("zig-zag: %d points and %d turns in the real path (%d of them visible at %.1f px per unit),"
                + " %d points and %d turns drawn%n", real.length, realTurns, visible, pixelsPerUnit, drawnY.size(),
                turns(drawnY));
        assertTrue(visible >= 20, "the zig-zag is visible for at least 20 turns: " + visible);

        // where each optimizer is: its ball sits on the last drawn point of its path, and θ₀'s square on the first
        @SuppressWarnings("unchecked")
        Map<String, Number> at = (Map<String, Number>) page.evaluate(WHERE);
        System.err.println("ball and θ₀ against the path: " + at);
        assertEquals(at.get("pathEndX").doubleValue(), at.get("ballX").doubleValue(), 1.5, "the ball is at the path's end");
        assertEquals(at.get("pathEndY").doubleValue(), at.get("ballY").doubleValue(), 1.5);
        assertEquals(at.get("pathStartX").doubleValue(), at.get("startX").doubleValue(), 1.5, "θ₀'s square is at the start");
        assertEquals(at.get("pathStartY").doubleValue(), at.get("startY").doubleValue(), 1.5);

        // hover on GD's third point (step 2): the tip says whose point, its step, θ and loss
        @SuppressWarnings("unchecked")
        Map<String, Number> p2 = (Map<String, Number>) page.evaluate("""
                () => {
                  const p = document.querySelector('#side-chart .apexcharts-series path.apexcharts-line');
                  const n = p.getAttribute('d').match(/-?[0-9.]+(e[-+]?[0-9]+)?/gi).map(parseFloat);
                  const pt = p.ownerSVGElement.createSVGPoint();
                  pt.x = n[4]; pt.y = n[5];
                  const s = pt.matrixTransform(p.getScreenCTM());
                  return { x: s.x, y: s.y };
                }""");
        page.mouse().move(p2.get("x").doubleValue(), p2.get("y").doubleValue());
        // read in the same frame as it is found shown (a redraw of the chart may replace it a moment later)
        String tip = (String) page.waitForFunction("() => { const t = document.querySelector('#side-chart .optlab-path-tip');"
                + " return t && t.style.display === 'block' && t.textContent.length > 0 ? t.textContent : null; }")
                .jsonValue();
        java.util.regex.Matcher m = java.util.regex.Pattern
                .compile("GD · step 2 · θ = \\((\\S+), (\\S+)\\) · loss (\\S+)").matcher(tip);
        assertTrue(m.matches(), tip);
        assertEquals(real[2][0], Double.parseDouble(m.group(1)), 1e-5 * Math.abs(real[2][0]), tip);
        assertEquals(real[2][1], Double.parseDouble(m.group(2)), 1e-5 * Math.abs(real[2][1]), tip);
        double loss2 = 0.5 * (real[2][0] * real[2][0] + 20 * real[2][1] * real[2][1]);
        assertEquals(loss2, Double.parseDouble(m.group(3)), 1e-5 * loss2, tip);
        assertEquals(List.of(), consoleErrors, "no errors in the browser console");
    }

    /** Screen positions: GD's path's first and last points, its ball (the overlay), θ₀'s marker (series 6... the last). */
    static final String WHERE = """
            () => {
              const chart = document.getElementById('side-chart');
              const screen = (el, x, y) => {
                const pt = el.ownerSVGElement.createSVGPoint();
                pt.x = x; pt.y = y;
                return pt.matrixTransform(el.getScreenCTM());
              };
              const p = chart.querySelector('.apexcharts-series path.apexcharts-line');
              const nums = p.getAttribute('d').match(/-?[0-9.]+(e[-+]?[0-9]+)?/gi).map(parseFloat);
              const first = screen(p, nums[0], nums[1]);
              const last = screen(p, nums[nums.length - 2], nums[nums.length - 1]);
              const ball = chart.querySelector('svg.optlab-overlay path.head[data-series="0"]');
              const b = ball.getAttribute('d').match(/-?[0-9.]+(e[-+]?[0-9]+)?/gi).map(parseFloat);
              const bs = screen(ball, b[0], b[1]);
              const groups = [...chart.querySelectorAll('.apexcharts-series')];
              const start = groups[groups.length - 1].querySelector('.apexcharts-marker').getBoundingClientRect();
              return { pathStartX: first.x, pathStartY: first.y, pathEndX: last.x, pathEndY: last.y, ballX: bs.x,
                       ballY: bs.y, startX: start.left + start.width / 2, startY: start.top + start.height / 2 };
            }""";

    /** Sign changes of the steps of ys (steps of zero skipped). */
    static int turns(List<Double> ys) {
        int changes = 0;
        double before = 0;
        for (int i = 1; i < ys.size(); i++) {
            double d = ys.get(i) - ys.get(i - 1);
            if (d * before < 0) {
                changes++;
            }
            if (d != 0) {
                before = d;
            }
        }
        return changes;
    }

    static ExperimentDocument lesson(String id) {
        return Lessons.byId(id).document();
    }

    @SuppressWarnings("unchecked")
    private void check(List<Double> finals, boolean log) {
        List<String> paths = (List<String>) page.evaluate("() => [...document.querySelectorAll("
                + "'#loss-chart .apexcharts-series path.apexcharts-line')].map(p => p.getAttribute('d') || '')");
        assertEquals(finals.size(), paths.size(), "one drawn curve per optimizer");
        List<Double> drawn = drawnLastValues(page, "loss-chart", log);
        double range = drawn.get(drawn.size() - 1);
        for (int i = 0; i < finals.size(); i++) {
            String d = paths.get(i);
            assertFalse(d.contains("NaN") || d.contains("Infinity"), "curve " + i + " has no NaN or Infinity: " + d);
            double value = log ? Math.log10(drawn.get(i)) : drawn.get(i);
            double expected = log ? Math.log10(finals.get(i)) : finals.get(i);
            System.err.printf("%s curve %d: drawn at %.6g, final loss %.6g (%s)%n", log ? "log" : "linear", i,
                    drawn.get(i), finals.get(i), log ? "decades" : "units");
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

package org.optlab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Page;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.optlab.experiment.Lessons;

/**
 * The pictures as a student sees them, read back from what Chromium drew (at 1440 × 900): where the end labels and
 * warning labels sit (their text's bounding boxes against the plot area and against the curves, whose points are read
 * from the SVG paths through getScreenCTM), what the x axis spans and how its ticks read, whether every optimizer's ball
 * shows (pixels of its colour in a screenshot), how far down the log axis runs, which colour overlapping paths are drawn
 * in, and how the grid and the critical points stand out from the background on the light and the dark theme. Each
 * check was seen to fail on the chart component before these fixes (the review's findings 1–6).
 */
class PicturesIT extends BrowserTestBase {

    @BeforeEach
    void studentScreen() {
        page.setViewportSize(1440, 900);
    }

    /** A chart's plot area, and every label (an SVG text with "name: what happened") with its box, in screen pixels. */
    static final String LABELS = """
            ([id, words]) => {
              const chart = document.getElementById(id);
              const g = chart.querySelector('.apexcharts-grid').getBoundingClientRect();
              const labels = [...chart.querySelectorAll('text')].filter(t => t.textContent.includes(words)).map(t => {
                const b = t.getBoundingClientRect();
                return { text: t.textContent, left: b.left, top: b.top, right: b.right, bottom: b.bottom };
              });
              return { plot: { left: g.left, top: g.top, right: g.right, bottom: g.bottom }, labels };
            }""";

    /** Every drawn point of every line series of a chart, in screen pixels, by the legend's names (legend order = series order). */
    static final String CURVES = """
            id => {
              const chart = document.getElementById(id);
              const names = [...chart.querySelectorAll('.apexcharts-legend-text')].map(t => t.textContent);
              const curves = {};
              [...chart.querySelectorAll('.apexcharts-series path.apexcharts-line')].forEach((p, i) => {
                const n = (p.getAttribute('d') || '').match(/-?[0-9.]+(e[-+]?[0-9]+)?/gi) || [];
                const m = p.getScreenCTM();
                const pts = [];
                for (let k = 0; k + 1 < n.length; k += 2) {
                  const pt = p.ownerSVGElement.createSVGPoint();
                  pt.x = parseFloat(n[k]); pt.y = parseFloat(n[k + 1]);
                  const s = pt.matrixTransform(m);
                  pts.push([s.x, s.y]);
                }
                curves[names[i]] = pts;
              });
              return curves;
            }""";

    /** The x axis' tick labels (left to right) and the plot area's left and right edges. */
    static final String X_TICKS = """
            id => {
              const chart = document.getElementById(id);
              const g = chart.querySelector('.apexcharts-grid').getBoundingClientRect();
              const ticks = [...chart.querySelectorAll('.apexcharts-xaxis-label tspan')]
                .map(t => ({ x: t.getBoundingClientRect().left, text: t.textContent.trim() }))
                .filter(t => t.text !== '').sort((a, b) => a.x - b.x).map(t => t.text);
              return { ticks, left: g.left, right: g.right };
            }""";

    // ---- 1. a restored draft's end labels ----

    @Test
    @SuppressWarnings("unchecked")
    void aRestoredDraftsEndLabelsSitAtTheirCurvesEndsInsideThePlotAndApart() {
        openALongSlowRun();
        page.locator("#start").click();
        page.waitForTimeout(4000);
        page.reload();
        page.locator("#start").waitFor();
        // the draft is back with an end label per run (stopped at the step the page went away)
        waitFor("() => [...document.querySelectorAll('#loss-chart text')].filter(t => t.textContent.includes(': stopped')).length === 5", null);
        page.waitForTimeout(1500);
        screenshot("restored");
        List<Box> labels = labelsInsideThePlot("loss-chart", ": stopped", 5);
        Map<String, List<List<Number>>> curves = (Map<String, List<List<Number>>>) page.evaluate(CURVES, "loss-chart");
        for (Box l : labels) {
            String name = l.text().substring(0, l.text().indexOf(": stopped"));
            List<List<Number>> curve = curves.get(name);
            List<Number> end = curve.get(curve.size() - 1);
            double distance = l.distanceTo(end.get(0).doubleValue(), end.get(1).doubleValue());
            System.err.printf("%s: %.1f px from its curve's end%n", l, distance);
            assertTrue(distance <= 60, l.text() + " is " + distance + " px from its curve's end, not beside it");
        }
        for (int i = 0; i < labels.size(); i++) {
            for (int j = i + 1; j < labels.size(); j++) {
                assertFalse(labels.get(i).overlaps(labels.get(j)), labels.get(i) + " overlaps " + labels.get(j));
            }
        }
    }

    // ---- 2. the x axis follows the run ----

    @Test
    @SuppressWarnings("unchecked")
    void theStepAxisFollowsALongRunWithRoundTicksInOneFormat() {
        openALongSlowRun();
        page.waitForTimeout(1000);
        // before Start the axis is the whole budget, its ticks in one format
        Map<String, Object> before = (Map<String, Object>) page.evaluate(X_TICKS, "loss-chart");
        List<String> budgetTicks = (List<String>) before.get("ticks");
        System.err.println("ticks of the budget: " + budgetTicks);
        List<Double> budget = ticks(budgetTicks);
        assertEquals(100_000, budget.get(budget.size() - 1), 1e-9, "the budget's axis reaches 100,000: " + budgetTicks);
        page.locator("#start").click();
        page.waitForTimeout(6000);
        screenshot("following");
        Map<String, Object> during = (Map<String, Object>) page.evaluate(X_TICKS, "loss-chart");
        Map<String, List<List<Number>>> curves = (Map<String, List<List<Number>>>) page.evaluate(CURVES, "loss-chart");
        List<String> runTicks = (List<String>) during.get("ticks");
        System.err.println("ticks while running: " + runTicks);
        ticks(runTicks);
        double left = ((Number) during.get("left")).doubleValue();
        double right = ((Number) during.get("right")).doubleValue();
        for (Map.Entry<String, List<List<Number>>> c : curves.entrySet()) {
            double x = c.getValue().get(c.getValue().size() - 1).get(0).doubleValue();
            double across = (x - left) / (right - left);
            System.err.printf("%s: its last point %.0f%% across the plot%n", c.getKey(), 100 * across);
            assertTrue(across >= 0.5 && across <= 1.001, c.getKey() + "'s curve reaches " + across + " of the plot's width");
        }
        page.locator("#stop").click();
    }

    /**
     * Tick labels as numbers, checked: one format along the axis (no "1.00e+5" beside "80000"; "20k" with "40k"), ticks
     * evenly spaced at a round step from 0.
     */
    static List<Double> ticks(List<String> labels) {
        assertTrue(labels.size() >= 3, "at least three ticks: " + labels);
        String suffix = null;
        List<Double> values = new ArrayList<>();
        for (String t : labels) {
            assertFalse(t.contains("e"), "no exponent in a step tick: " + labels);
            assertTrue(t.matches("0|[0-9]+(\\.[0-9]+)?[kM]?"), "a plain or k/M tick: " + t + " in " + labels);
            double scale = t.endsWith("k") ? 1e3 : t.endsWith("M") ? 1e6 : 1;
            String number = scale == 1 ? t : t.substring(0, t.length() - 1);
            if (!t.equals("0")) {
                String s = scale == 1 ? "" : t.substring(t.length() - 1);
                assertTrue(suffix == null || suffix.equals(s), "one format along the axis: " + labels);
                suffix = s;
            }
            values.add(Double.parseDouble(number) * scale);
        }
        assertEquals(0, values.get(0), 0, "from 0: " + labels);
        double step = values.get(1) - values.get(0);
        double p = Math.pow(10, Math.floor(Math.log10(step)));
        double m = step / p;
        assertTrue(Math.abs(m - 1) < 1e-9 || Math.abs(m - 2) < 1e-9 || Math.abs(m - 5) < 1e-9, "a round step: " + labels);
        for (int i = 1; i < values.size(); i++) {
            assertEquals(step, values.get(i) - values.get(i - 1), 1e-9 * step, "evenly spaced: " + labels);
        }
        return values;
    }

    // ---- 3. every optimizer's ball shows ----

    @Test
    @SuppressWarnings("unchecked")
    void everyOptimizersBallShowsAtTheEndOfTheDefaultExperiment() throws Exception {
        runToTheEnd(null);
        screenshot("balls");
        List<Map<String, Object>> balls = (List<Map<String, Object>>) page.evaluate("""
                () => {
                  const chart = document.getElementById('side-chart');
                  const names = [...chart.querySelectorAll('.apexcharts-legend-text')].map(t => t.textContent);
                  const colors = [...chart.querySelectorAll('path.apexcharts-legend-marker')].map(m => m.getAttribute('fill'));
                  const seen = {};
                  for (const h of chart.querySelectorAll('svg.optlab-overlay path.head')) {
                    const i = h.getAttribute('data-series');
                    const n = h.getAttribute('d').match(/-?[0-9.]+(e[-+]?[0-9]+)?/gi).map(parseFloat);
                    const pt = h.ownerSVGElement.createSVGPoint();
                    pt.x = n[0]; pt.y = n[1];
                    const s = pt.matrixTransform(h.getScreenCTM());
                    seen[i] = { name: names[i], color: colors[i], x: s.x, y: s.y };
                  }
                  return Object.values(seen);
                }""");
        assertEquals(5, balls.size(), "a ball per optimizer: " + balls);
        for (Map<String, Object> b : balls) {
            double x = ((Number) b.get("x")).doubleValue();
            double y = ((Number) b.get("y")).doubleValue();
            int[] rgb = rgb((String) b.get("color"));
            // the pixels of the ball's colour within 10 px of its centre (a ball drawn alone: about 60)
            BufferedImage around = shot(x - 10, y - 10, 21, 21);
            int count = 0;
            for (int i = 0; i < around.getWidth(); i++) {
                for (int j = 0; j < around.getHeight(); j++) {
                    if (Math.hypot(i - 10, j - 10) <= 10 && distance(around.getRGB(i, j), rgb) < 40) {
                        count++;
                    }
                }
            }
            System.err.printf("%s's ball at (%.0f, %.0f): %d pixels of its colour %s%n", b.get("name"), x, y, count,
                    b.get("color"));
            assertTrue(count >= 40, b.get("name") + "'s ball shows " + count + " pixels of its colour");
        }
    }

    // ---- 4. lesson 8.8's warnings ----

    @Test
    @SuppressWarnings("unchecked")
    void newtonsWarningSitsInsideThePlotBesideNewtonsPath() {
        runToTheEnd("newton-saddle");
        screenshot("saddle");
        // Newton's and damped Newton's warnings
        List<Box> labels = labelsInsideThePlot("side-chart", "indefinite Hessian", 2);
        Map<String, List<List<Number>>> paths = (Map<String, List<List<Number>>>) page.evaluate(CURVES, "side-chart");
        for (Box l : labels) {
            String name = l.text().substring(0, l.text().indexOf(": "));
            String other = name.equals("damped Newton") ? "Newton (8.8)" : "damped Newton";
            double own = l.distanceTo(paths.get(name));
            double others = l.distanceTo(paths.get(other));
            System.err.printf("%s: %.1f px from its own path, %.1f px from %s's%n", l, own, others, other);
            assertTrue(own < others, l.text() + " is nearer " + other + "'s path (" + others + " px) than its own (" + own + ")");
        }
        assertFalse(labels.get(0).overlaps(labels.get(1)), labels.toString());
        // where a warning points, a hollow ring, not a filled dot that reads as a ball (damped Newton "never moved")
        List<String> fills = (List<String>) page.evaluate("() => [...document.querySelectorAll('#side-chart"
                + " circle.optlab-mark-dot')].map(c => c.getAttribute('fill'))");
        assertEquals(List.of("none", "none"), fills, "the warnings' points on the plane are rings");
    }

    /** Step mode with the five classics: their arrows start together at θ₀, and no label prints over another. */
    @Test
    @SuppressWarnings("unchecked")
    void stepModesLabelsNeverPrintOverEachOther() {
        openLab();
        for (int i = 0; i < 6; i++) {
            page.locator("#step").click();
            page.waitForTimeout(300);
        }
        page.waitForTimeout(1000);
        screenshot("step-labels");
        List<Map<String, Object>> boxes = (List<Map<String, Object>>) page.evaluate("() => [...document"
                + ".querySelectorAll('#side-chart text.arrow-label')].map(t => { const b = t.getBoundingClientRect();"
                + " return { text: t.textContent, left: b.left, top: b.top, right: b.right, bottom: b.bottom }; })");
        System.err.println("step labels: " + boxes.size());
        assertTrue(boxes.size() >= 3, "the latest press is labelled: " + boxes);
        for (int i = 0; i < boxes.size(); i++) {
            for (int j = i + 1; j < boxes.size(); j++) {
                Map<String, Object> a = boxes.get(i);
                Map<String, Object> b = boxes.get(j);
                double ox = Math.min(num(a, "right"), num(b, "right")) - Math.max(num(a, "left"), num(b, "left"));
                double oy = Math.min(num(a, "bottom"), num(b, "bottom")) - Math.max(num(a, "top"), num(b, "top"));
                assertFalse(ox > 1 && oy > 1, "labels print over each other: " + a + " and " + b);
            }
        }
    }

    /** §8.2.1 at 100 steps/s: the "diverged" label stays where it is while the other run goes on (it hopped 8–16 px). */
    @Test
    void aLabelStaysPutWhileTheRunGoesOn() {
        openLab();
        choose("lessons", Lessons.byId("ill-conditioning").title());
        waitFor("() => document.querySelector('#steps input').value === '400'", null); // the lesson is in the form
        fill("#steps", "3000");
        choose("speed", "100 steps/s");
        page.locator("#start").click();
        page.locator("#loss-chart svg.optlab-marks text").first().waitFor();
        page.waitForTimeout(800); // placed at the divergence; it may settle once as the other curve fills the plot
        List<Double> tops = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            page.waitForTimeout(400);
            assertEquals("running", page.locator("#run-status").textContent(), "the other run still goes on");
            // beside its point: the label's top less its dot's (the point moves as the log axis follows the other run)
            tops.add(((Number) page.evaluate("() => { const g = document.querySelector('#loss-chart svg.optlab-marks"
                    + " g.optlab-mark'); return g.querySelector('text').getBoundingClientRect().top"
                    + " - g.querySelector('circle.optlab-mark-dot').getBoundingClientRect().top; }")).doubleValue());
        }
        System.err.println("the diverged label's top, from its dot's, while running: " + tops);
        double spread = tops.stream().mapToDouble(d -> d).max().orElseThrow()
                - tops.stream().mapToDouble(d -> d).min().orElseThrow();
        // it hopped 16 px on every redraw before; a few pixels of the dot's rounding are not a hop
        assertTrue(spread <= 4, "the label stays put: " + tops);
        page.locator("#stop").click();
    }

    /** Before Start every path is θ₀ alone: no balls there (five nested rings hid θ₀'s square). */
    @Test
    void beforeStartNoBallsHideTheStartSquare() {
        openLab();
        page.waitForTimeout(1500);
        screenshot("before-start");
        assertEquals(0, page.locator("#side-chart svg.optlab-overlay path.head").count(), "no ball before Start");
        page.locator("#step").click();
        waitFor("() => document.querySelectorAll('#side-chart svg.optlab-overlay path.head').length > 0", null);
    }

    /**
     * On a phone the plot of the plane is about 300 px wide: a warning longer than that is shortened with "…" to fit
     * inside it (the whole text in its tooltip), not placed at the left edge and cut off at the right.
     */
    @Test
    @SuppressWarnings("unchecked")
    void onAPhoneALabelWiderThanThePlotIsShortenedToFitInsideIt() {
        page.setViewportSize(390, 844);
        openLab();
        choose("lessons", Lessons.byId("newton-saddle").title());
        String longName = "Newton with the full Hessian, Algorithm 8.8, undamped"; // a label holds 60 characters
        waitFor("() => { const f = document.querySelector('.optimizer-card vaadin-text-field input');"
                + " return f && f.value === 'Newton (8.8)'; }", null); // the lesson's cards are in the page
        fill(".optimizer-card >> nth=0 >> vaadin-text-field", longName);
        page.locator("#start").click();
        waitFor("() => document.getElementById('run-status').textContent === 'finished'", null);
        page.waitForTimeout(1500);
        screenshot("phone-saddle");
        Box shortened = labelsInsideThePlot("side-chart", "Newton with", 1).get(0);
        assertTrue(shortened.text().endsWith("…"), "shortened: " + shortened.text());
        String title = (String) page.evaluate("() => [...document.querySelectorAll('#side-chart .optlab-mark title')]"
                + ".map(t => t.textContent).find(t => t.startsWith('Newton with')) || ''");
        assertEquals(longName + ": indefinite Hessian from step 1", title, "the whole text in the tooltip");
        labelsInsideThePlot("side-chart", "damped Newton", 1);
    }

    // ---- 5. lesson 8.2: the log axis' floor, the colours of overlapping paths ----

    @Test
    @SuppressWarnings("unchecked")
    void theNarrowValleysLossAxisHasAFloor() throws Exception {
        runToTheEnd("momentum-valley");
        screenshot("valley");
        List<String> yTicks = (List<String>) page.evaluate("() => [...document.querySelectorAll('#loss-chart"
                + " .apexcharts-yaxis-label tspan')].map(t => t.textContent.trim()).filter(t => t !== '')");
        double lowest = Double.MAX_VALUE;
        double highest = 0;
        for (String t : yTicks) {
            lowest = Math.min(lowest, DrawnCurvesIT.parseTick(t));
            highest = Math.max(highest, DrawnCurvesIT.parseTick(t));
        }
        System.err.println("loss axis: " + yTicks);
        // the losses start at ½ (1.8² + 20) = 11.6 and fall to about 10⁻⁶⁴: the axis stops 12 decades below the start's
        assertTrue(lowest >= 1e-12, "the loss axis stops at a floor, not at " + lowest + ": " + yTicks);
        assertTrue(Math.log10(highest / lowest) <= 14, "at most 14 decades shown: " + yTicks);
        String note = (String) page.evaluate("() => { const c = document.getElementById('loss-chart');"
                + " const n = c.querySelector('.optlab-log-note'); return n ? n.textContent : 'no note; floor ' + c._logFloor"
                + " + ', log ' + c._logarithmic + ', ' + [...c.children].map(e => e.className).join(' | '); }");
        System.err.println("note: " + note);
        // the note names the axis' bottom as drawn (it said 10⁻¹¹ over an axis that reached 10⁻¹²)
        String bottom = yTicks.stream().min(java.util.Comparator.comparingDouble(DrawnCurvesIT::parseTick)).orElseThrow();
        assertTrue(note != null && note.contains("losses below " + bottom + " ("), "the chart says the losses below its"
                + " bottom tick " + bottom + " are off the axis: " + note);
    }

    /** A student presses Step once: the step axis reads whole steps (it read 0, 0.2 … 1.2). */
    @Test
    @SuppressWarnings("unchecked")
    void afterOneStepTheStepAxisReadsWholeSteps() {
        openLab();
        page.locator("#step").click();
        waitFor("() => document.getElementById('run-status').textContent === 'paused'", null);
        page.waitForTimeout(1000);
        List<String> xTicks = (List<String>) page.evaluate("() => [...document.querySelectorAll('#loss-chart"
                + " .apexcharts-xaxis-label tspan')].map(t => t.textContent.trim()).filter(t => t !== '')");
        System.err.println("step axis after one Step: " + xTicks);
        assertTrue(xTicks.size() >= 3, xTicks.toString());
        for (String t : xTicks) {
            assertTrue(t.matches("\\d+"), "a whole step: " + t + " in " + xTicks);
        }
    }

    /** §8.4's zero initialisation: its accuracy stays at 0.5; the axis still runs from 0 to 1 (it ran from −0.5 to 1.5). */
    @Test
    @SuppressWarnings("unchecked")
    void anAccuracyAxisRunsFromZeroToOne() {
        runToTheEnd("zero-initialisation");
        List<String> yTicks = (List<String>) page.evaluate("() => [...document.querySelectorAll('#accuracy-chart"
                + " .apexcharts-yaxis-label tspan')].map(t => t.textContent.trim()).filter(t => t !== '')");
        System.err.println("accuracy axis: " + yTicks);
        double lowest = yTicks.stream().mapToDouble(Double::parseDouble).min().orElseThrow();
        double highest = yTicks.stream().mapToDouble(Double::parseDouble).max().orElseThrow();
        assertEquals(0.0, lowest, yTicks.toString());
        assertEquals(1.0, highest, yTicks.toString());
    }

    @Test
    @SuppressWarnings("unchecked")
    void overlappingPathsAreDrawnInTheirLegendColours() throws Exception {
        runToTheEnd("momentum-valley");
        // where the three paths leave θ₀ together, the one drawn on top (Nesterov) shows in its legend colour, not in a
        // blend of the three (drawn at 85 % opacity they made a red no legend entry has)
        Map<String, List<List<Number>>> paths = (Map<String, List<List<Number>>>) page.evaluate(CURVES, "side-chart");
        List<List<Number>> nesterov = paths.get("Nesterov");
        double x = (nesterov.get(0).get(0).doubleValue() + nesterov.get(1).get(0).doubleValue()) / 2;
        double y = (nesterov.get(0).get(1).doubleValue() + nesterov.get(1).get(1).doubleValue()) / 2;
        String legend = (String) page.evaluate("() => [...document.querySelectorAll('#side-chart path.apexcharts-legend-marker')]"
                + ".map(m => m.getAttribute('fill'))[2]");
        int[] orange = rgb(legend);
        BufferedImage around = shot(x - 3, y - 3, 7, 7);
        int nearest = Integer.MAX_VALUE;
        for (int i = 0; i < around.getWidth(); i++) {
            for (int j = 0; j < around.getHeight(); j++) {
                nearest = Math.min(nearest, (int) distance(around.getRGB(i, j), orange));
            }
        }
        System.err.printf("the shared first step at (%.0f, %.0f): nearest pixel to Nesterov's %s is %d away%n", x, y,
                legend, nearest);
        assertTrue(nearest <= 12, "the shared segment is drawn in Nesterov's colour " + legend + ", not a blend: " + nearest);
    }

    // ---- 6. grid and critical points on both themes ----

    @Test
    @SuppressWarnings("unchecked")
    void gridLinesStayFaintAndTheCriticalPointsShowOnBothThemes() throws Exception {
        openLab();
        double[] light = themeContrast("light");
        page.locator("vaadin-button:has-text('Dark theme')").click();
        page.waitForTimeout(1500);
        screenshot("dark");
        double[] dark = themeContrast("dark");
        for (double[] t : List.of(light, dark)) {
            assertTrue(t[0] < t[1], "grid lines (contrast " + t[0] + ") are fainter than the contour lines (" + t[1] + ")");
        }
        assertTrue(dark[2] >= 0.7 * light[2], "the critical points show on the dark theme (" + dark[2]
                + ") about as well as on the light one (" + light[2] + ")");
    }

    /**
     * On the theme shown: the contrast ratio of the side chart's grid lines and of its contour lines with the page behind
     * them, and the critical point's visibility (the sum, over the pixels within 8 px of it, of their contrast ratio
     * with the background minus 1).
     */
    @SuppressWarnings("unchecked")
    double[] themeContrast(String theme) throws Exception {
        Map<String, Object> c = (Map<String, Object>) page.evaluate("""
                () => {
                  const chart = document.getElementById('side-chart');
                  let e = chart;
                  let bg = 'rgba(0, 0, 0, 0)';
                  while (e && (bg === 'rgba(0, 0, 0, 0)' || bg === 'transparent')) {
                    bg = getComputedStyle(e).backgroundColor;
                    e = e.parentElement;
                  }
                  if (bg === 'rgba(0, 0, 0, 0)') bg = getComputedStyle(document.documentElement).backgroundColor;
                  const line = chart.querySelector('.apexcharts-gridlines-horizontal line');
                  const contours = chart.querySelector('svg.optlab-overlay path.contours');
                  const groups = [...chart.querySelectorAll('.apexcharts-series')];
                  const names = [...chart.querySelectorAll('.apexcharts-legend-text')].map(t => t.textContent);
                  const at = groups[names.indexOf('known critical points')].querySelector('.apexcharts-marker').getBoundingClientRect();
                  return { bg, grid: getComputedStyle(line).stroke, contours: getComputedStyle(contours).stroke,
                           x: at.left + at.width / 2, y: at.top + at.height / 2 };
                }""");
        int[] bg = rgb((String) c.get("bg"));
        double grid = contrast(over((String) c.get("grid"), bg), bg);
        double contours = contrast(over((String) c.get("contours"), bg), bg);
        double x = ((Number) c.get("x")).doubleValue();
        double y = ((Number) c.get("y")).doubleValue();
        BufferedImage around = shot(x - 8, y - 8, 17, 17);
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(testName + "-critical-" + theme + ".png"))
                .setClip(x - 30, y - 30, 60, 60));
        double seen = 0;
        for (int i = 0; i < around.getWidth(); i++) {
            for (int j = 0; j < around.getHeight(); j++) {
                if (Math.hypot(i - 8, j - 8) <= 8) {
                    int p = around.getRGB(i, j);
                    seen += contrast(new int[] {(p >> 16) & 255, (p >> 8) & 255, p & 255}, bg) - 1;
                }
            }
        }
        System.err.printf("%s theme on %s: grid lines %s (contrast %.2f), contour lines %s (%.2f), critical point %.0f%n",
                theme, c.get("bg"), c.get("grid"), grid, c.get("contours"), contours, seen);
        return new double[] {grid, contours, seen};
    }

    // ---- helpers ----

    /** Opens the lab, opens a lesson (null: the default experiment), runs it to the end and lets the last redraw land. */
    void runToTheEnd(String lessonId) {
        openLab();
        if (lessonId != null) {
            choose("lessons", Lessons.byId(lessonId).title());
        }
        page.locator("#start").click();
        waitFor("() => document.getElementById('run-status').textContent === 'finished'", null);
        page.waitForTimeout(1500); // the last redraw is spaced at least 250 ms after the one before
    }

    /** Opens the lab with a step budget of 100,000 at 100 steps/s. */
    void openALongSlowRun() {
        openLab();
        fill("#steps", "100000");
        choose("speed", "100 steps/s");
    }

    /** A label's or the plot's box in screen pixels. */
    record Box(String text, double left, double top, double right, double bottom) {
        boolean contains(Box b) {
            return b.left >= left - 1 && b.right <= right + 1 && b.top >= top - 1 && b.bottom <= bottom + 1;
        }

        boolean overlaps(Box b) {
            return Math.min(right, b.right) - Math.max(left, b.left) > 0.5 && Math.min(bottom, b.bottom) - Math.max(top, b.top) > 0.5;
        }

        double distanceTo(double x, double y) {
            return Math.hypot(Math.max(0, Math.max(left - x, x - right)), Math.max(0, Math.max(top - y, y - bottom)));
        }

        /** To the nearest point of a polyline (its segments sampled every pixel or so). */
        double distanceTo(List<List<Number>> line) {
            double best = Double.MAX_VALUE;
            for (int k = 0; k + 1 < line.size(); k++) {
                double x0 = line.get(k).get(0).doubleValue();
                double y0 = line.get(k).get(1).doubleValue();
                double x1 = line.get(k + 1).get(0).doubleValue();
                double y1 = line.get(k + 1).get(1).doubleValue();
                int n = (int) Math.ceil(Math.hypot(x1 - x0, y1 - y0)) + 1;
                for (int i = 0; i <= n; i++) {
                    best = Math.min(best, distanceTo(x0 + (x1 - x0) * i / n, y0 + (y1 - y0) * i / n));
                }
            }
            return best;
        }

        @Override
        public String toString() {
            return String.format("'%s' [%.0f, %.0f]–[%.0f, %.0f]", text, left, top, right, bottom);
        }
    }

    /** The labels of a chart whose text has these words: as many as expected, each inside the plot area. */
    @SuppressWarnings("unchecked")
    List<Box> labelsInsideThePlot(String chartId, String words, int expected) {
        Map<String, Object> drawn = (Map<String, Object>) page.evaluate(LABELS, List.of(chartId, words));
        Map<String, Object> p = (Map<String, Object>) drawn.get("plot");
        Box plot = new Box("plot", num(p, "left"), num(p, "top"), num(p, "right"), num(p, "bottom"));
        List<Box> labels = new ArrayList<>();
        for (Map<String, Object> l : (List<Map<String, Object>>) drawn.get("labels")) {
            labels.add(new Box((String) l.get("text"), num(l, "left"), num(l, "top"), num(l, "right"), num(l, "bottom")));
        }
        assertEquals(expected, labels.size(), "labels with '" + words + "': " + labels);
        for (Box l : labels) {
            assertTrue(plot.contains(l), "inside the plot " + plot + ": " + l);
        }
        return labels;
    }

    static double num(Map<String, Object> m, String key) {
        return ((Number) m.get(key)).doubleValue();
    }

    /** A screenshot of a small square of the page (device pixels = CSS pixels). */
    BufferedImage shot(double x, double y, double w, double h) throws Exception {
        byte[] png = page.screenshot(new Page.ScreenshotOptions().setClip(x, y, w, h));
        return ImageIO.read(new ByteArrayInputStream(png));
    }

    /** "#rrggbb", "rgb(r, g, b)" or "rgba(r, g, b, a)" as {r, g, b}. */
    static int[] rgb(String css) {
        String c = css.trim();
        if (c.startsWith("#")) {
            return new int[] {Integer.parseInt(c.substring(1, 3), 16), Integer.parseInt(c.substring(3, 5), 16),
                Integer.parseInt(c.substring(5, 7), 16)};
        }
        String[] parts = c.substring(c.indexOf('(') + 1, c.indexOf(')')).split(",");
        int[] v = new int[3];
        for (int i = 0; i < 3; i++) {
            v[i] = (int) Math.round(Double.parseDouble(parts[i].trim()));
        }
        return v;
    }

    /** A colour, translucent or not, as drawn over the background bg. */
    static int[] over(String css, int[] bg) {
        int[] v = rgb(css);
        String c = css.trim();
        if (c.startsWith("rgba(")) {
            String[] parts = c.substring(c.indexOf('(') + 1, c.indexOf(')')).split(",");
            double a = Double.parseDouble(parts[3].trim());
            for (int i = 0; i < 3; i++) {
                v[i] = (int) Math.round(a * v[i] + (1 - a) * bg[i]);
            }
        }
        return v;
    }

    static double distance(int argb, int[] rgb) {
        return Math.sqrt(Math.pow(((argb >> 16) & 255) - rgb[0], 2) + Math.pow(((argb >> 8) & 255) - rgb[1], 2)
                + Math.pow((argb & 255) - rgb[2], 2));
    }

    /** WCAG's contrast ratio of two colours (1 to 21). */
    static double contrast(int[] a, int[] b) {
        double la = luminance(a);
        double lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    static double luminance(int[] c) {
        double[] l = new double[3];
        for (int i = 0; i < 3; i++) {
            double s = c[i] / 255.0;
            l[i] = s <= 0.03928 ? s / 12.92 : Math.pow((s + 0.055) / 1.055, 2.4);
        }
        return 0.2126 * l[0] + 0.7152 * l[1] + 0.0722 * l[2];
    }
}

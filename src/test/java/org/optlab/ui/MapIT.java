package org.optlab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The (ε, α) map in Chromium, on the lesson "Momentum: a narrow valley" (curvatures 20 and 1): every cell is drawn
 * where its (ε, α) is on the axes, read back from the SVG (the cells through the overlay's {@code getScreenCTM()}, the
 * axes through their tick labels); gradient descent's bound shows on the lowest row; Polyak's optimum is marked where
 * it is and stays visible above the cells; a click on a cell sets the card's ε and α.
 */
class MapIT extends BrowserTestBase {

    /** A drawn cell: its centre in axis units (log10 ε, α) and its layer (colour). */
    record DrawnCell(double logEpsilon, double alpha, int layer, double widthPx) {
    }

    /** Screen x or y → axis value, through the first and last tick labels of an axis. */
    static double[] axis(List<Map<String, Object>> ticks, String coordinate, boolean log) {
        double p0 = ((Number) ticks.get(0).get(coordinate)).doubleValue();
        double p1 = ((Number) ticks.get(ticks.size() - 1).get(coordinate)).doubleValue();
        String t0 = (String) ticks.get(0).get("text");
        String t1 = (String) ticks.get(ticks.size() - 1).get("text");
        double v0 = log ? Math.log10(DrawnCurvesIT.parseTick(t0)) : Double.parseDouble(t0);
        double v1 = log ? Math.log10(DrawnCurvesIT.parseTick(t1)) : Double.parseDouble(t1);
        return new double[] {p0, v0, (v1 - v0) / (p1 - p0)};
    }

    static double at(double[] axis, double screen) {
        return axis[1] + (screen - axis[0]) * axis[2];
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> readMap() {
        return (Map<String, Object>) page.evaluate("""
                () => {
                  const chart = document.getElementById('map-chart');
                  const svg = chart.querySelector('svg.optlab-overlay');
                  const ctm = svg.getScreenCTM();
                  const cells = [];
                  svg.querySelectorAll('path.layer').forEach((path, layer) => {
                    const d = path.getAttribute('d') || '';
                    const re = /M([-0-9.e]+) ([-0-9.e]+)h([-0-9.e]+)v([-0-9.e]+)/g;
                    let m;
                    while ((m = re.exec(d)) !== null) {
                      const x = +m[1], y = +m[2], w = +m[3], h = +m[4];
                      const p = new DOMPoint(x + w / 2, y + h / 2).matrixTransform(ctm);
                      const q = new DOMPoint(x + w, y).matrixTransform(ctm);
                      const r = new DOMPoint(x, y).matrixTransform(ctm);
                      cells.push({ x: p.x, y: p.y, layer, width: q.x - r.x });
                    }
                  });
                  const label = (sel) => [...chart.querySelectorAll(sel)]
                    .map(t => { const b = t.getBoundingClientRect(); return { x: b.left + b.width / 2, y: b.top + b.height / 2, text: t.textContent.trim() }; })
                    .filter(t => t.text !== '');
                  const marks = [...chart.querySelectorAll('svg.optlab-marks circle.optlab-mark-dot')]
                    .map(c => c.getBoundingClientRect()).filter(b => b.width > 2 && b.width < 30)
                    .map(b => ({ x: b.left + b.width / 2, y: b.top + b.height / 2 }));
                  const texts = [...chart.querySelectorAll('svg.optlab-marks text')].map(t => t.textContent);
                  const overlayFirst = chart.firstElementChild === svg;
                  return { cells, xTicks: label('.apexcharts-xaxis-label tspan'), yTicks: label('.apexcharts-yaxis-label tspan'),
                           marks, texts, overlayFirst };
                }""");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theMapIsDrawnWhereItsNumbersAreAndAClickSetsTheCard() throws Exception {
        openLab();
        choose("lessons", "8.2 Momentum: a narrow valley");
        page.waitForTimeout(1000);
        page.locator("#map").click();
        page.locator("#map-run").click();
        waitFor("() => (document.getElementById('map-status') || {}).textContent?.startsWith('finished')", null);
        page.waitForTimeout(1500);
        page.locator("vaadin-dialog-overlay").screenshot(new com.microsoft.playwright.Locator.ScreenshotOptions()
                .setPath(SCREENSHOTS.resolve("map-momentum-valley.png")));
        Map<String, Object> m = readMap();
        double[] x = axis((List<Map<String, Object>>) m.get("xTicks"), "x", true);
        double[] y = axis((List<Map<String, Object>>) m.get("yTicks"), "y", false);
        List<DrawnCell> cells = new ArrayList<>();
        for (Map<String, Object> c : (List<Map<String, Object>>) m.get("cells")) {
            cells.add(new DrawnCell(at(x, ((Number) c.get("x")).doubleValue()), at(y, ((Number) c.get("y")).doubleValue()),
                    ((Number) c.get("layer")).intValue(), ((Number) c.get("width")).doubleValue()));
        }
        assertEquals(24 * 20, cells.size(), "every cell drawn once");
        // each cell sits at its grid centre: log10 ε = −3 + (j + ½)/8, α = (i + ½)/20, within a tenth of a cell
        for (DrawnCell c : cells) {
            double j = (c.logEpsilon() + 3) * 8 - 0.5;
            double i = c.alpha() * 20 - 0.5;
            assertEquals(Math.rint(j), j, 0.1, "column of " + c);
            assertEquals(Math.rint(i), i, 0.1, "row of " + c);
            assertTrue(c.widthPx() > 3, "a cell is visible: " + c.widthPx() + " px wide");
        }
        // lowest row, α = 0.025: heavy ball diverges exactly for ε > 2(1 + α)/λmax = 0.1025; the last layer is red
        int diverged = MapChart.BINS.length + 1;
        double firstDiverged = cells.stream().filter(c -> c.alpha() < 0.05 && c.layer() == diverged)
                .mapToDouble(DrawnCell::logEpsilon).min().orElseThrow();
        double lastNot = cells.stream().filter(c -> c.alpha() < 0.05 && c.layer() != diverged)
                .mapToDouble(DrawnCell::logEpsilon).max().orElseThrow();
        assertTrue(Math.pow(10, lastNot) < 0.1025 && Math.pow(10, firstDiverged) > 0.1025,
                "bound between " + Math.pow(10, lastNot) + " and " + Math.pow(10, firstDiverged));
        // Polyak's optimum ε* = 0.134, α* = 0.403 touches a cell of the fastest bin (yellow): one cell away at most
        assertTrue(cells.stream().anyMatch(c -> c.layer() == 0 && Math.abs(c.logEpsilon() - Math.log10(0.134)) <= 0.125 * 1.5
                && Math.abs(c.alpha() - 0.403) <= 0.05 * 1.5), "a fastest-bin cell next to Polyak's optimum");
        // the two marks: the card's (0.05, 0.6) and Polyak's, drawn at their values, above the cells
        List<Map<String, Object>> marks = (List<Map<String, Object>>) m.get("marks");
        List<String> texts = (List<String>) m.get("texts");
        assertEquals(2, marks.size(), "marks " + texts);
        assertTrue(String.join("|", texts).contains("Polyak: ε* = 0.134, α* = 0.403"), texts.toString());
        assertEquals(true, m.get("overlayFirst"), "the cells are under the chart's SVG, whose marks stay visible");
        double[][] expected = {{Math.log10(0.05), 0.6}, {Math.log10(0.134), 0.403}};
        for (int k = 0; k < 2; k++) {
            double mx = at(x, ((Number) marks.get(k).get("x")).doubleValue());
            double my = at(y, ((Number) marks.get(k).get("y")).doubleValue());
            assertEquals(expected[k][0], mx, 0.02, "mark " + k + " at log10 ε");
            assertEquals(expected[k][1], my, 0.01, "mark " + k + " at α");
        }
        // a click on a cell near the optimum gives the momentum card that cell's ε and α
        Map<String, Object> target = null;
        for (Map<String, Object> c : (List<Map<String, Object>>) m.get("cells")) {
            double ce = at(x, ((Number) c.get("x")).doubleValue());
            double ca = at(y, ((Number) c.get("y")).doubleValue());
            if (Math.abs(ce - Math.log10(0.1155)) < 0.03 && Math.abs(ca - 0.425) < 0.01) {
                target = c;
            }
        }
        assertTrue(target != null, "the cell ε = 0.1155, α = 0.425 is drawn");
        page.mouse().click(((Number) target.get("x")).doubleValue(), ((Number) target.get("y")).doubleValue());
        waitFor("() => (document.getElementById('map-status') || {}).textContent?.includes('set on the card')", null);
        String status = page.locator("#map-status").textContent();
        assertTrue(status.startsWith("ε = 0.115, α = 0.425 set on the card"), status);
        page.locator("#map-close").click();
        page.waitForTimeout(500);
        String epsilonOnCard = (String) page.evaluate("() => [...document.querySelectorAll('vaadin-number-field')]"
                + ".filter(f => (f.label || '').startsWith('learning rate ε')).map(f => f.value)[1]");
        assertEquals(0.1155, Double.parseDouble(epsilonOnCard), 0.0005, "the momentum card's ε");
        assertEquals(List.of(), consoleErrors, "no errors in the browser console");
    }
}

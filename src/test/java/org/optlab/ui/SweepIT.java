package org.optlab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The learning-rate sweep in Chromium: where GD's divergences are drawn, read from the SVG through the axis' ticks. */
// a sweep long enough to be cancelled while it runs, however fast the machine: 155 runs of 1,000,000 steps (the
// default limit per sweep, 20,000,000 updates, would refuse it)
@org.springframework.test.context.TestPropertySource(properties = "optlab.max-sweep-updates=200000000")
class SweepIT extends BrowserTestBase {

    /**
     * The ε of every marker of the scatter series (the diverged runs) on the sweep chart, from its screen x through the x
     * axis' tick labels (10ᵏ at whole decades).
     */
    @SuppressWarnings("unchecked")
    private List<Double> divergedEpsilons() {
        Map<String, Object> m = (Map<String, Object>) page.evaluate("""
                () => {
                  const chart = document.getElementById('sweep-chart');
                  const xs = [...chart.querySelectorAll('.apexcharts-scatter-series .apexcharts-marker, '
                      + '.apexcharts-series[data\\\\:realIndex] .apexcharts-marker')]
                    .filter(p => p.closest('.apexcharts-scatter-series') !== null)
                    .map(p => p.getBoundingClientRect())
                    .filter(b => b.width > 1 && b.height > 1) // markers drawn, not the hover placeholders of size 0
                    .map(b => b.left + b.width / 2);
                  const ticks = [...chart.querySelectorAll('.apexcharts-xaxis-label tspan')]
                    .map(t => { const b = t.getBoundingClientRect(); return { x: b.left + b.width / 2, text: t.textContent.trim() }; })
                    .filter(t => t.text !== '');
                  return { xs, ticks };
                }""");
        List<Map<String, Object>> ticks = (List<Map<String, Object>>) m.get("ticks");
        assertTrue(ticks.size() >= 2, "tick labels: " + ticks);
        double x0 = ((Number) ticks.get(0).get("x")).doubleValue();
        double v0 = Math.log10(DrawnCurvesIT.parseTick((String) ticks.get(0).get("text")));
        double x1 = ((Number) ticks.get(ticks.size() - 1).get("x")).doubleValue();
        double v1 = Math.log10(DrawnCurvesIT.parseTick((String) ticks.get(ticks.size() - 1).get("text")));
        return ((List<Number>) m.get("xs")).stream()
                .map(x -> Math.pow(10, v0 + (x.doubleValue() - x0) * (v1 - v0) / (x1 - x0))).sorted().toList();
    }

    @Test
    void gradientDescentDivergesInTheSweepExactlyAboveTwoOverLambdaMax() throws Exception {
        openLab();
        choose("lessons", "§8.2.1 Ill-conditioning");
        page.waitForTimeout(1000);
        page.locator("#sweep").click();
        page.locator("#sweep-run").click();
        waitFor("() => (document.getElementById('sweep-status') || {}).textContent?.startsWith('finished')", null);
        page.waitForTimeout(1500);
        page.locator("vaadin-dialog-overlay").screenshot(new com.microsoft.playwright.Locator.ScreenshotOptions()
                .setPath(SCREENSHOTS.resolve("sweep-ill-conditioning.png")));
        List<Double> diverged = divergedEpsilons();
        System.err.println("diverged at ε drawn: " + diverged);
        // on diag(1, 50) GD diverges for ε > 2/λmax = 0.04: on the default grid (five values a decade) the smallest
        // diverged ε is 10^(-1.2) = 0.0631 and every larger grid value diverges too; the lesson has two GD cards
        assertEquals(2 * 12, diverged.size(), "ε = 10^-1.2 … 10 (12 grid values) diverge for both GD cards: " + diverged);
        assertEquals(Math.log10(0.0631), Math.log10(diverged.get(0)), 0.03, "the first divergence is drawn at 0.063");
        assertEquals(1, Math.log10(diverged.get(diverged.size() - 1)), 0.03, "the last at ε = 10");
        assertEquals(List.of(), consoleErrors, "no errors in the browser console");
    }

    /**
     * The sweep as a student drives it: started on the default experiment with a long budget, its points appear while it
     * runs (the drawn markers grow between two looks), Cancel stops it with part of the grid drawn, Run sweep starts it
     * again, and a click on a drawn point gives that optimizer's card the point's ε.
     */
    @Test
    void pointsAppearWhileItRunsCancelStopsItAndAClickSetsTheCardsEpsilon() throws Exception {
        openLab();
        // long enough that the sweep is still running when Cancel is pressed, on a fast or an idle machine
        fill("#steps", "1000000");
        page.waitForTimeout(500);
        page.locator("#sweep").click();
        page.locator("#sweep-run").click();
        waitFor("() => (document.getElementById('sweep-status') || {}).textContent?.startsWith('running')", null);
        // each finished run is one marker: its final loss on its optimizer's line, or its dot in the diverged row (the
        // lines' path commands are no measure: a divergence between two finished neighbours splits a line, and a lone
        // point of a line is drawn as its marker alone)
        String markers = "() => document.querySelectorAll('#sweep-chart .apexcharts-series .apexcharts-marker').length";
        waitFor(markers + " > 0", null);
        int early = ((Number) page.evaluate(markers)).intValue();
        waitFor(markers + " > " + early, null);
        int later = ((Number) page.evaluate(markers)).intValue();
        assertTrue(later > early, "points appear as they finish: " + early + " then " + later);
        page.locator("#sweep-cancel").click();
        waitFor("() => (document.getElementById('sweep-status') || {}).textContent?.startsWith('cancelled')", null);
        String cancelled = page.locator("#sweep-status").textContent();
        assertTrue(cancelled.matches("cancelled: \\d+ of 155 runs done"), cancelled);
        int done = Integer.parseInt(cancelled.replaceAll("cancelled: (\\d+) of.*", "$1"));
        assertTrue(done > 0 && done < 155, cancelled);
        page.waitForTimeout(800);
        assertEquals(cancelled, page.locator("#sweep-status").textContent(), "nothing more runs after Cancel");
        // again, shorter: it runs to the end
        page.locator("#sweep-close").click();
        fill("#steps", "2000");
        page.waitForTimeout(500);
        page.locator("#sweep").click();
        page.locator("#sweep-run").click();
        waitFor("() => (document.getElementById('sweep-status') || {}).textContent?.startsWith('finished')", null);
        // a click on the momentum curve's point at ε = 10⁻³ (the chart's x axis is log10 ε, read from its tick labels)
        @SuppressWarnings("unchecked")
        Map<String, Object> at = (Map<String, Object>) page.evaluate("""
                () => {
                  const chart = document.getElementById('sweep-chart');
                  const ticks = [...chart.querySelectorAll('.apexcharts-xaxis-label tspan')]
                    .map(t => { const b = t.getBoundingClientRect(); return { x: b.left + b.width / 2, text: t.textContent.trim() }; })
                    .filter(t => t.text !== '');
                  const grid = chart.querySelector('.apexcharts-grid').getBoundingClientRect();
                  return { ticks, top: grid.top, bottom: grid.bottom };
                }""");
        List<Map<String, Object>> ticks = (List<Map<String, Object>>) at.get("ticks");
        double x0 = ((Number) ticks.get(0).get("x")).doubleValue();
        double v0 = Math.log10(DrawnCurvesIT.parseTick((String) ticks.get(0).get("text")));
        double x1 = ((Number) ticks.get(ticks.size() - 1).get("x")).doubleValue();
        double v1 = Math.log10(DrawnCurvesIT.parseTick((String) ticks.get(ticks.size() - 1).get("text")));
        double x = x0 + (-3 - v0) * (x1 - x0) / (v1 - v0);
        double y = (((Number) at.get("top")).doubleValue() + ((Number) at.get("bottom")).doubleValue()) / 2;
        page.mouse().click(x, y);
        waitFor("() => (document.getElementById('sweep-status') || {}).textContent?.includes('set to 0.001 on its card')",
                null);
        String status = page.locator("#sweep-status").textContent();
        page.locator("#sweep-close").click();
        page.waitForTimeout(500);
        String label = status.substring(0, status.indexOf(':'));
        int card = List.of("GD", "Momentum", "AdaGrad", "RMSProp", "Adam").indexOf(label);
        assertTrue(card >= 0, status);
        String epsilon = (String) page.evaluate("i => [...document.querySelectorAll('vaadin-number-field')]"
                + ".filter(f => (f.label || '').startsWith('learning rate ε')).map(f => f.value)[i]", card);
        assertEquals(0.001, Double.parseDouble(epsilon), 1e-12, label + "'s card");
        assertEquals(List.of(), consoleErrors, "no errors in the browser console");
    }
}

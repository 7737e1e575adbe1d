package org.optlab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The learning-rate sweep in Chromium: where GD's divergences are drawn, read from the SVG through the axis' ticks. */
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
}

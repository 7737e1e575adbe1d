package org.optlab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.optlab.experiment.ExperimentPlan;
import org.optlab.experiment.Lessons;
import org.optlab.experiment.SeedBand;
import org.optlab.experiment.Seeds;
import org.optlab.experiment.SeedsSpec;

/**
 * k seeds in Chromium, on the lesson "Algorithm 8.1: the minibatch gradient has variance" (GD with the exact gradient
 * and GD with N(0, 1) added to it), 10 seeds: read back from the SVG, the noisy run's band holds its mean and its
 * 10-90 % lines at every drawn point, the exact run's band has no width (every seed is the same run), and each mean
 * ends where the headless seeds put it.
 */
class SeedsIT extends BrowserTestBase {

    /** Every line series of the seeds chart, in series order: its points on the screen, {x, y} pairs. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> drawn() {
        return (Map<String, Object>) page.evaluate("""
                () => {
                  const chart = document.getElementById('seeds-chart');
                  const series = [...chart.querySelectorAll('.apexcharts-line-series .apexcharts-series')]
                    .sort((a, b) => +a.getAttribute('data:realIndex') - +b.getAttribute('data:realIndex'))
                    .map(g => {
                      const p = g.querySelector('path.apexcharts-line');
                      if (!p) { return []; }
                      const nums = (p.getAttribute('d') || '').match(/-?[0-9.]+(e[-+]?[0-9]+)?/gi) || [];
                      const ctm = p.getScreenCTM();
                      const pts = [];
                      for (let i = 0; i + 1 < nums.length; i += 2) {
                        const q = new DOMPoint(+nums[i], +nums[i + 1]).matrixTransform(ctm);
                        pts.push([q.x, q.y]);
                      }
                      return pts;
                    });
                  const ticks = [...chart.querySelectorAll('.apexcharts-yaxis-label tspan')].map(t => {
                    const b = t.getBoundingClientRect();
                    return { y: b.top + b.height / 2, text: t.textContent.trim() };
                  }).filter(t => t.text !== '');
                  return { series, ticks };
                }""");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theNoisyRunsBandHoldsItsMeanAndTheExactRunsHasNoWidth() throws Exception {
        openLab();
        choose("lessons", "8.1 Algorithm 8.1: the minibatch gradient has variance");
        page.waitForTimeout(1000);
        page.locator("#seeds").click();
        fill("#seeds-count", "10");
        page.locator("#seeds-run").click();
        waitFor("() => (document.getElementById('seeds-status') || {}).textContent?.startsWith('finished')", null);
        page.waitForTimeout(1500);
        page.locator("vaadin-dialog-overlay").screenshot(new com.microsoft.playwright.Locator.ScreenshotOptions()
                .setPath(SCREENSHOTS.resolve("seeds-sgd-variance.png")));
        Map<String, Object> m = drawn();
        List<List<List<Number>>> series = (List<List<List<Number>>>) m.get("series");
        assertEquals(10, series.size(), "mean, min, max, 10 % and 90 % of both optimizers");
        int lines = 2;
        // the noisy GD (line 1): min ≤ 10 % ≤ 90 % ≤ max and min ≤ mean ≤ max at every point (screen y grows down)
        List<List<Number>> mean = series.get(SeedsChart.meanSeries(1));
        List<List<Number>> min = series.get(SeedsChart.minSeries(1, lines));
        List<List<Number>> max = series.get(SeedsChart.maxSeries(1, lines));
        List<List<Number>> q10 = series.get(SeedsChart.q10Series(1, lines));
        List<List<Number>> q90 = series.get(SeedsChart.q90Series(1, lines));
        assertTrue(mean.size() > 50, "the mean is drawn: " + mean.size() + " points");
        for (List<List<Number>> s : List.of(min, max, q10, q90)) {
            assertEquals(mean.size(), s.size(), "every line has a point at each recorded step");
        }
        double widest = 0;
        for (int j = 0; j < mean.size(); j++) {
            double x = mean.get(j).get(0).doubleValue();
            for (List<List<Number>> s : List.of(min, max, q10, q90)) {
                assertEquals(x, s.get(j).get(0).doubleValue(), 0.01, "the same steps");
            }
            double yMean = mean.get(j).get(1).doubleValue();
            double yMin = min.get(j).get(1).doubleValue();
            double yMax = max.get(j).get(1).doubleValue();
            double y10 = q10.get(j).get(1).doubleValue();
            double y90 = q90.get(j).get(1).doubleValue();
            assertTrue(yMax <= yMean + 0.01 && yMean <= yMin + 0.01, "min ≤ mean ≤ max at point " + j);
            assertTrue(yMax <= y90 + 0.01 && y90 <= y10 + 0.01 && y10 <= yMin + 0.01, "min ≤ 10 % ≤ 90 % ≤ max at " + j);
            widest = Math.max(widest, yMin - yMax);
        }
        assertTrue(widest > 20, "the noisy run's band is visibly wide: " + widest + " px");
        // the exact GD (line 0): every seed is the same run, the band has no width
        List<List<Number>> exactMin = series.get(SeedsChart.minSeries(0, lines));
        List<List<Number>> exactMax = series.get(SeedsChart.maxSeries(0, lines));
        for (int j = 0; j < exactMin.size(); j++) {
            assertEquals(exactMin.get(j).get(1).doubleValue(), exactMax.get(j).get(1).doubleValue(), 0.5, "point " + j);
        }
        // each mean's last point, through the axis's tick labels, is the headless seeds' mean at the last step
        List<Map<String, Object>> ticks = (List<Map<String, Object>>) m.get("ticks");
        double[] top = null;
        double[] bottom = null;
        for (Map<String, Object> t : ticks) {
            double[] a = {((Number) t.get("y")).doubleValue(), Math.log10(DrawnCurvesIT.parseTick((String) t.get("text")))};
            top = top == null || a[0] < top[0] ? a : top;
            bottom = bottom == null || a[0] > bottom[0] ? a : bottom;
        }
        double perPixel = (top[1] - bottom[1]) / (top[0] - bottom[0]);
        Seeds seeds = Seeds.of(ExperimentPlan.prepare(Lessons.byId("sgd-variance").document()), new SeedsSpec(10));
        List<SeedBand> bands = seeds.bands(seeds.runAll(2));
        for (int line = 0; line < lines; line++) {
            List<List<Number>> s = series.get(SeedsChart.meanSeries(line));
            double y = s.get(s.size() - 1).get(1).doubleValue();
            double drawnLog = bottom[1] + (y - bottom[0]) * perPixel;
            double[] expected = bands.get(line).mean();
            double want = Math.log10(expected[expected.length - 1]);
            assertEquals(want, drawnLog, 0.02 * (top[1] - bottom[1]), "line " + line + ": mean drawn at 10^" + drawnLog);
        }
        assertEquals(List.of(), consoleErrors, "no errors in the browser console");
    }
}

package org.optlab.ui;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The sweep chart's axes against the rules of the browser side (frontend/optlab-chart.js, _logYaxis). */
class SweepChartTest {

    /** The log axis optlab-chart.js draws for values whose log10 spans [lo, hi]: {min, max} in decades. */
    static int[] browserLogAxis(double lo, double hi) {
        int min = (int) Math.floor(lo);
        int max = (int) Math.ceil(hi);
        if (max - min < 1) {
            max = min + 1;
        }
        int step = Math.max(1, (int) Math.ceil((max - min) / 8.0));
        min = (int) Math.floor(min / (double) step) * step;
        max = (int) Math.ceil(max / (double) step) * step;
        return new int[] {min, max};
    }

    @Test
    void theDivergedDotsOfTheFirstOptimizerSitExactlyOnTheTopEdgeTheBrowserDraws() {
        Random random = new Random(1);
        for (int i = 0; i < 10_000; i++) {
            double lo = -40 + 50 * random.nextDouble();
            double hi = lo + 45 * random.nextDouble();
            int top = SweepChart.topExponent(Math.pow(10, lo), Math.pow(10, hi));
            assertTrue(top >= Math.ceil(hi) + 1, "a decade above the largest loss");
            // the browser's axis over the losses and the dots at 10^top ends at 10^top
            assertEquals(top, browserLogAxis(lo, top)[1], "losses 10^" + lo + " … 10^" + hi);
        }
        assertEquals(10, SweepChart.topExponent(1e-30, 1e8), "the lab's default sweep: ticks every 5 decades");
    }

    @Test
    void theXAxisRunsOverWholeDecadesWithAtMostEightTicks() {
        assertArrayEquals(new int[] {-5, 1, 1}, SweepChart.xDecades(1e-5, 10));
        assertArrayEquals(new int[] {-3, -1, 1}, SweepChart.xDecades(0.002, 0.05));
        assertArrayEquals(new int[] {-6, 6, 2}, SweepChart.xDecades(1e-6, 1e6));
        assertEquals("10⁻¹²", SweepChart.powerOfTen(-12));
        assertEquals("1", SweepChart.powerOfTen(0));
        assertEquals("10", SweepChart.powerOfTen(1));
        assertEquals("10³", SweepChart.powerOfTen(3));
    }

    @Test
    void legendLabelsAreTextNotHtml() {
        assertEquals("&lt;img src=x onerror=alert(1)&gt; &amp; &quot;GD&quot; &#39;",
                SweepChart.escapeHtml("<img src=x onerror=alert(1)> & \"GD\" '"));
    }
}

package org.optlab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.vaadin.flow.component.UI;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.optlab.engine.Decimation;
import org.optlab.ui.chart.ApexChart;
import org.optlab.ui.chart.ApexChart.Series;

/**
 * What one chart keeps and sends when many long runs stream into it (issue #13: one student's 16 optimizers × 2,000,000
 * steps filled the heap with chart messages): the server's series stay within the chart's share, no push sends more
 * than two series whole, the browser ends up holding exactly what the server holds, and a few optimizers still keep
 * every turning point of a zig-zag (the picture issue).
 */
class ChartBoundsTest {

    final SentToBrowser sent = new SentToBrowser();
    ApexChart chart;

    @BeforeEach
    void setUp() {
        MockVaadin.setup();
        sent.start();
        chart = new ApexChart();
        UI.getCurrent().add(chart);
    }

    @AfterEach
    void tearDown() {
        sent.stop();
        MockVaadin.tearDown();
    }

    /** A zig-zag in which every point is a turning point: gradient descent across a narrow valley, step k on. */
    static List<double[]> zigzag(int from, int count, double offset) {
        List<double[]> pts = new ArrayList<>();
        for (int k = from; k < from + count; k++) {
            pts.add(new double[] {(k % 2 == 0 ? 1 : -1) / (1.0 + k * 1e-4) + offset, k * 1e-5, k, 1.0 / (1 + k)});
        }
        return pts;
    }

    void configure(int runs) {
        List<Series> series = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            series.add(new Series("run " + i, "#123456", "line", true, true));
        }
        chart.configure(new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode(), series);
        MockVaadin.clientRoundtrip();
    }

    /** One push: {@code each} new points for every run. */
    void push(int runs, int step, int each) {
        List<Integer> idx = new ArrayList<>();
        List<List<double[]>> pts = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            idx.add(i);
            pts.add(zigzag(step, each, i));
        }
        chart.append(idx, pts);
    }

    void assertBrowserHoldsServersPoints(int runs) {
        SentToBrowser.Chart browser = sent.chart(chart);
        for (int i = 0; i < runs; i++) {
            List<double[]> server = chart.series().get(i).data();
            List<JsonNode> drawn = browser.series(i);
            assertEquals(server.size(), drawn.size(), "points of run " + i + " in the browser");
            for (int k = 0; k < server.size(); k++) {
                assertEquals(server.get(k)[0], drawn.get(k).get(0).asDouble(), 0, "x of point " + k);
                assertEquals(server.get(k)[2], drawn.get(k).get(2).asDouble(), 0, "step of point " + k);
            }
        }
    }

    @Test
    void sixteenLongZigZagsStayWithinTheChartsShareAndNoPushSendsMoreThanTwoSeriesWhole() {
        int runs = 16;
        configure(runs);
        int each = 2_000; // LiveRun's points per run and push
        int most = 0;
        for (int push = 0; push < 40; push++) {
            push(runs, push * each, each);
            int held = chart.series().stream().mapToInt(s -> s.data().size()).sum();
            most = Math.max(most, held);
        }
        // each run's share of 64,000 is 4,000; a series is decimated again at half as much again (6,000), and a
        // push adds at most 2,000 before that check
        assertTrue(most <= runs * (Decimation.CHART_POINTS / runs * 3 / 2 + 1), "points held on the server: " + most);
        SentToBrowser.Chart browser = sent.chart(chart);
        assertTrue(browser.mostReplacedInOneCall() <= ApexChart.REPLACES_PER_PUSH,
                "series sent whole in one push: " + browser.mostReplacedInOneCall());
        // 16 series each of 2,000 new points, and two sent whole (at most 6,000 points each): under 3 MB of JSON
        assertTrue(browser.largestCall() < 3_000_000, "largest message: " + browser.largestCall() + " characters");
        // the runs end: pushes without points send what is still due, within eight of them
        int pushes = 0;
        while (chart.replacementsPending() && pushes < 20) {
            chart.append(List.of(), List.of());
            pushes++;
        }
        assertFalse(chart.replacementsPending());
        assertTrue(pushes <= runs / ApexChart.REPLACES_PER_PUSH, "pushes after the end: " + pushes);
        assertBrowserHoldsServersPoints(runs);
        // and the last point of every run (its end) is kept
        for (int i = 0; i < runs; i++) {
            List<double[]> d = chart.series().get(i).data();
            assertEquals(40 * each - 1, d.get(d.size() - 1)[2], 0);
        }
    }

    @Test
    void aFewOptimizersKeepEveryTurnOfTheirZigZag() {
        int runs = 3;
        configure(runs);
        for (int push = 0; push < 4; push++) {
            push(runs, push * 2_000, 2_000);
        }
        while (chart.replacementsPending()) {
            chart.append(List.of(), List.of());
        }
        // 8,000 points, every one a turn, fewer than the rule's 10,000: all kept, in the server and in the browser
        for (int i = 0; i < runs; i++) {
            assertEquals(8_000, chart.series().get(i).data().size());
        }
        assertTrue(8_000 < Decimation.PATH_MAX);
        assertBrowserHoldsServersPoints(runs);
    }

    @Test
    void aReattachedChartGetsEveryPointInOneConfigurationWithNonFiniteValuesAsTheChartReadsThem() {
        configure(2);
        push(2, 0, 5_000);
        chart.append(List.of(0), List.of(List.of(new double[] {1.5, Double.NaN, 5_000, Double.POSITIVE_INFINITY})));
        UI.getCurrent().remove(chart);
        UI.getCurrent().add(chart); // the browser side starts empty: the whole state again
        SentToBrowser.Chart browser = sent.chart(chart);
        assertFalse(chart.replacementsPending());
        assertBrowserHoldsServersPoints(2);
        List<JsonNode> first = browser.series(0);
        JsonNode last = first.get(first.size() - 1);
        assertEquals("NaN", last.get(1).asText());
        assertEquals("Infinity", last.get(3).asText());
    }
}

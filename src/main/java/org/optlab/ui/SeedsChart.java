package org.optlab.ui;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.optlab.engine.Decimation;
import org.optlab.experiment.SeedBand;
import org.optlab.ui.chart.ApexChart;
import org.optlab.ui.chart.ApexChart.Series;

/**
 * The picture of k seeds: each optimizer's mean loss over the seeds against the step, a thick line in its card's colour,
 * and its band as thin lines in the same colour, the smallest and the largest loss of the seeds at each step and, from
 * ten seeds, the 10 % and 90 % quantiles dashed. The chart wrapper draws lines, not filled areas, so a band is drawn by
 * its edges.
 *
 * <p>The series are the n means first (so that legend entry s, one per optimizer, takes series s's colour), then the n
 * minima, the n maxima and, with quantiles, the n 10 % and the n 90 % lines. Every series of one optimizer is decimated at
 * the same steps (the union of the steps M4 keeps of each), so its mean lies between its minimum and maximum at every
 * point drawn. As on the lab's loss chart the y axis is the loss on the chart's log scale (log10 of the loss on a linear
 * axis, ticks labelled 10ᵏ), unless a loss drawn is ≤ 0 (a 2-D function with negative values), when it is linear.
 */
final class SeedsChart {

    /** An optimizer as the chart draws it. */
    record Line(String label, String color) {
    }

    private SeedsChart() {
    }

    static int meanSeries(int line) {
        return line;
    }

    static int minSeries(int line, int lines) {
        return lines + line;
    }

    static int maxSeries(int line, int lines) {
        return 2 * lines + line;
    }

    static int q10Series(int line, int lines) {
        return 3 * lines + line;
    }

    static int q90Series(int line, int lines) {
        return 4 * lines + line;
    }

    /**
     * Draws the bands so far ({@code bands} in the order of {@code lines}) over the seeds finished, {@code seeds} of
     * {@code count}.
     */
    static void draw(ApexChart chart, List<Line> lines, List<SeedBand> bands, int seeds, int count, long steps) {
        int n = lines.size();
        boolean quantiles = bands.stream().anyMatch(b -> b.q10() != null);
        ObjectNode o = Charts.lineOptions("Loss over " + seeds + " of " + count + " seed" + (count == 1 ? "" : "s"),
                "loss (log scale)", steps);
        o.putObject("subtitle").put("text", "thick: mean over the seeds · thin: smallest and largest"
                + (quantiles ? " · dashed: 10 % and 90 %" : "") + " · a band goes on over the seeds still running");
        o.putObject("tooltip").put("shared", false);
        ArrayNode widths = ((ObjectNode) o.get("stroke")).putArray("width");
        ArrayNode dashes = ((ObjectNode) o.get("stroke")).putArray("dashArray");
        ArrayNode legend = ((ObjectNode) o.get("legend")).putArray("customLegendItems");
        int groups = quantiles ? 5 : 3;
        List<List<Series>> byKind = new ArrayList<>();
        String[] kinds = {"mean", "min", "max", "10 %", "90 %"};
        for (int g = 0; g < groups; g++) {
            byKind.add(new ArrayList<>());
        }
        boolean positive = true;
        for (int s = 0; s < n; s++) {
            Line l = lines.get(s);
            SeedBand b = bands.get(s);
            double[][] ys = quantiles && b.q10() != null
                    ? new double[][] {b.mean(), b.min(), b.max(), b.q10(), b.q90()}
                    : new double[][] {b.mean(), b.min(), b.max()};
            int[] keep = keep(ys, b.size());
            for (int g = 0; g < groups; g++) {
                Series series = new Series(l.label() + ": " + kinds[g], l.color(), "line", false);
                if (g < ys.length) {
                    for (int j : keep) {
                        double y = ys[g][j];
                        if (Double.isFinite(y)) {
                            series.data().add(new double[] {b.steps()[j], y});
                            positive &= y > 0;
                        } else if (!series.data().isEmpty() && series.data().get(series.data().size() - 1) != null) {
                            series.data().add(null);
                        }
                    }
                }
                byKind.get(g).add(series);
            }
            legend.add(SweepChart.escapeHtml(l.label()));
        }
        List<Series> series = new ArrayList<>();
        double[] width = {2.5, 1, 1, 1, 1};
        int[] dash = {0, 0, 0, 4, 4};
        for (int g = 0; g < groups; g++) {
            series.addAll(byKind.get(g));
            for (int s = 0; s < n; s++) {
                widths.add(width[g]);
                dashes.add(dash[g]);
            }
        }
        if (!positive) {
            ((ObjectNode) o.get("yaxis")).putObject("title").put("text", "loss");
        }
        chart.configure(o, series);
        chart.setLogarithmic(positive);
    }

    /** The indices drawn: the union of what M4 keeps of each series, so that all of an optimizer's lines share them. */
    static int[] keep(double[][] ys, int size) {
        if (size <= Decimation.CURVE_MAX) {
            int[] all = new int[size];
            for (int i = 0; i < size; i++) {
                all[i] = i;
            }
            return all;
        }
        TreeSet<Integer> kept = new TreeSet<>();
        for (double[] y : ys) {
            for (int i : Decimation.curve(y, size, Decimation.CURVE_BUCKETS)) {
                kept.add(i);
            }
        }
        return kept.stream().mapToInt(Integer::intValue).toArray();
    }
}

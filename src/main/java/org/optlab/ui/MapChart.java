package org.optlab.ui;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.optlab.experiment.MapSpec;
import org.optlab.experiment.SweepMap.Cell;
import org.optlab.ui.chart.ApexChart;
import org.optlab.ui.chart.ApexChart.Series;

/**
 * The (ε, α) map's picture: one cell per run, its colour the steps the run took to bring the loss to the threshold, as
 * Distill's "Why Momentum Really Works" draws its convergence map. The cells are the chart's SVG overlay in data
 * coordinates (x = log10 ε, y = α, ρ or ρ₁), one layer per colour, so the cells tile the plot exactly whatever its size;
 * an invisible series gives ApexCharts its axes.
 *
 * <p>Colours: {@link #BINS} bins of equal width in log(steps), from the fastest cell so far to the step budget, on the
 * viridis scale (bright yellow fastest, dark purple slowest); light grey where the run did not reach the threshold
 * within the budget; red where it diverged. The card's current (ε, α) and, on a quadratic for the heavy ball, Polyak's
 * optimum are marked by labelled points.
 */
final class MapChart {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance; // builds nodes; no mapper of its own
    /** Viridis, fastest first. */
    static final String[] BINS = {"#fde725", "#a0da39", "#4ac16d", "#1fa187", "#277f8e", "#365c8d", "#46327e",
        "#440154"};
    static final String NOT_REACHED = "#bdbdbd";
    static final String DIVERGED = "#e53935";

    /** A labelled point on the map (ε, second parameter). */
    record Mark(double epsilon, double second, String text, String color) {
    }

    /** A colour of the legend and what it means. */
    record Key(String color, String words) {
    }

    private MapChart() {
    }

    /** The bin of a cell that reached the threshold in {@code steps}, given the fastest so far and the budget. */
    static int bin(long steps, long fastest, long budget) {
        if (budget <= fastest || steps <= fastest) {
            return 0;
        }
        double t = Math.log((double) steps / fastest) / Math.log((double) budget / fastest);
        return Math.min(BINS.length - 1, (int) Math.floor(t * BINS.length));
    }

    /** The largest step count of bin b (its upper edge, rounded down): the legend's numbers. */
    static long binTop(int b, long fastest, long budget) {
        if (budget <= fastest) {
            return budget;
        }
        return (long) Math.floor(fastest * Math.pow((double) budget / fastest, (b + 1.0) / BINS.length) + 1e-9);
    }

    /** The fastest cell that reached the threshold (fewest steps, then smallest ε, then smallest α), or null. */
    static Cell fastest(List<Cell> cells) {
        Cell best = null;
        for (Cell c : cells) {
            if (c.reached() && (best == null || c.steps() < best.steps()
                    || (c.steps() == best.steps() && (c.column() < best.column()
                    || (c.column() == best.column() && c.row() < best.row()))))) {
                best = c;
            }
        }
        return best;
    }

    /**
     * Draws the cells finished so far and the marks; returns the legend's keys, in order: the bins used (fastest
     * first), not reached, diverged.
     */
    static List<Key> draw(ApexChart chart, MapSpec spec, String symbol, long budget, List<Cell> cells,
                          List<Mark> marks) {
        double x0 = Math.log10(spec.epsilonFrom());
        double x1 = Math.log10(spec.epsilonTo());
        double cw = (x1 - x0) / spec.columns();
        double ch = (spec.secondTo() - spec.secondFrom()) / spec.rows();
        Cell best = fastest(cells);
        long fastest = best == null ? budget : Math.max(1, best.steps());
        List<List<Double>> byLayer = new ArrayList<>();
        for (int k = 0; k < BINS.length + 2; k++) {
            byLayer.add(new ArrayList<>());
        }
        for (Cell c : cells) {
            int layer = c.reached() ? bin(c.steps(), fastest, budget) : c.diverged() ? BINS.length + 1 : BINS.length;
            byLayer.get(layer).add(Math.log10(c.epsilon()));
            byLayer.get(layer).add(c.second());
        }
        List<ApexChart.Layer> layers = new ArrayList<>();
        List<Key> keys = new ArrayList<>();
        for (int k = 0; k < BINS.length + 2; k++) {
            String color = k < BINS.length ? BINS[k] : k == BINS.length ? NOT_REACHED : DIVERGED;
            double[] points = byLayer.get(k).stream().mapToDouble(Double::doubleValue).toArray();
            layers.add(new ApexChart.Layer(color, k < BINS.length ? 1.0 : 0.8, cw, ch, points));
        }
        if (best != null) {
            long low = fastest;
            for (int b = 0; b < BINS.length; b++) {
                long high = binTop(b, fastest, budget);
                if (high >= low) {
                    keys.add(new Key(BINS[b], low == high ? low + " steps" : low + "–" + high + " steps"));
                }
                low = high + 1;
                if (high >= budget) {
                    break;
                }
            }
        }
        keys.add(new Key(NOT_REACHED, "not within " + budget + " steps"));
        keys.add(new Key(DIVERGED, "diverged"));

        ObjectNode o = JSON.objectNode();
        ObjectNode c = o.putObject("chart");
        c.put("type", "scatter");
        c.putObject("toolbar").put("show", false);
        c.putObject("zoom").put("enabled", false);
        o.putObject("title").put("text", "Steps to reach loss ≤ " + threshold(spec.threshold()));
        o.putObject("subtitle").put("text", "each cell one run at its (ε, " + symbol + ") · click a cell to give the card"
                + " its ε and " + symbol);
        ObjectNode xaxis = o.putObject("xaxis");
        // no "type": numeric x values make the axis numeric, and our labels stand at the ticks (as in SweepChart)
        xaxis.put("min", x0).put("max", x1);
        boolean decades = Math.abs(x0 - Math.rint(x0)) < 1e-9 && Math.abs(x1 - Math.rint(x1)) < 1e-9;
        int ticks = decades ? (int) Math.rint(x1 - x0) : 6;
        int step = Math.max(1, (int) Math.ceil(ticks / 8.0));
        if (decades) {
            ticks = (int) Math.ceil(ticks / (double) step);
        }
        xaxis.put("tickAmount", ticks);
        ArrayNode labels = xaxis.putArray("overwriteCategories");
        for (int t = 0; t <= ticks; t++) {
            double v = x0 + (x1 - x0) * t / ticks;
            labels.add(decades ? SweepChart.powerOfTen((int) Math.rint(v)) : SweepChart.Cards.number(Math.pow(10, v)));
        }
        xaxis.putObject("title").put("text", "learning rate ε (log scale)");
        xaxis.putObject("tooltip").put("enabled", false);
        ObjectNode yaxis = o.putObject("yaxis");
        yaxis.put("min", spec.secondFrom()).put("max", spec.secondTo()).put("tickAmount", 5)
                .put("decimalsInFloat", 2);
        yaxis.putObject("title").put("text", symbol);
        o.putObject("legend").put("show", false);
        o.putObject("tooltip").put("enabled", false);
        o.putObject("dataLabels").put("enabled", false);
        o.putObject("markers").put("size", 0);
        chart.setOverlay(x0, x1, spec.secondFrom(), spec.secondTo(), new double[0], layers, true);
        Series frame = new Series("frame", "#00000000", "scatter", false);
        frame.data().add(new double[] {x0, spec.secondFrom()});
        frame.data().add(new double[] {x1, spec.secondTo()});
        chart.configure(o, List.of(frame));
        for (Mark m : marks) {
            chart.markEnd(Math.log10(m.epsilon()), m.second(), m.text(), m.color());
        }
        return keys;
    }

    /** The cell a click at (log10 ε, second) falls in: {row, column}, or null outside the map. */
    static int[] cellAt(MapSpec spec, double x, double y) {
        double x0 = Math.log10(spec.epsilonFrom());
        double x1 = Math.log10(spec.epsilonTo());
        int column = (int) Math.floor((x - x0) / (x1 - x0) * spec.columns());
        int row = (int) Math.floor((y - spec.secondFrom()) / (spec.secondTo() - spec.secondFrom()) * spec.rows());
        if (column < 0 || column >= spec.columns() || row < 0 || row >= spec.rows()) {
            return null;
        }
        return new int[] {row, column};
    }

    /** A threshold as the student typed it: 10⁻⁶ for a power of ten, else 4 significant digits. */
    static String threshold(double t) {
        double k = Math.log10(t);
        if (t > 0 && Math.abs(k - Math.rint(k)) < 1e-12) {
            return SweepChart.powerOfTen((int) Math.rint(k));
        }
        return SweepChart.Cards.number(t);
    }

    static String number(double x) {
        return String.format(Locale.ROOT, "%.3g", x);
    }
}

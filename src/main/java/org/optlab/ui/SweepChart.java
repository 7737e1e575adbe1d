package org.optlab.ui;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.optlab.experiment.SweepPoint;
import org.optlab.ui.chart.ApexChart;
import org.optlab.ui.chart.ApexChart.Series;

/**
 * The sweep's picture: final and best loss against the learning rate ε on log-log axes, one colour per optimizer.
 *
 * <p>The legend has one entry per optimizer ({@code legend.customLegendItems}), the subtitle says which line is which.
 *
 * <p>Both axes carry log10 values on linear axes (ApexCharts' own log axis draws small values at the wrong heights): x is
 * log10 ε, with a tick on whole powers of ten labelled 10ᵏ by {@code xaxis.overwriteCategories}; y is the loss, which
 * the chart's log scale ({@link ApexChart#setLogarithmic}) turns into log10 with 10ᵏ labels, as on the loss chart. Per
 * optimizer three series: the final loss (a line through the grid's points, broken where a run diverged), the best loss
 * (dashed), and the runs that diverged as dots along the top edge of the plot (the first optimizer's on the edge, each
 * next one a little lower so that none hides another). The top edge is a power of ten one decade above the largest
 * loss drawn, chosen so that the chart's log axis ends exactly there ({@link #topExponent}).
 */
final class SweepChart {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance; // builds nodes; no mapper of its own
    /** The chart's series: the n final-loss curves first, then the n best-loss curves, then the n diverged sets. */
    static int finalSeries(int line) {
        return line;
    }

    static int bestSeries(int line, int lines) {
        return lines + line;
    }

    static int divergedSeries(int line, int lines) {
        return 2 * lines + line;
    }

    static String escapeHtml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }

    /** A swept optimizer as the chart draws it. */
    record Line(String label, String color, Double currentEpsilon) {
    }

    private SweepChart() {
    }

    /** The exponents of the x axis's ends and its tick step, in decades: {min, max, step}. */
    static int[] xDecades(double from, double to) {
        int min = (int) Math.floor(Math.log10(from) + 1e-9);
        int max = (int) Math.ceil(Math.log10(to) - 1e-9);
        if (max <= min) {
            max = min + 1;
        }
        int step = Math.max(1, (int) Math.ceil((max - min) / 8.0));
        max = min + (int) Math.ceil((max - min) / (double) step) * step;
        return new int[] {min, max, step};
    }

    /** 10ᵏ with superscript digits (1 for k = 0, 10 for k = 1), as the loss chart labels its log scale. */
    static String powerOfTen(int k) {
        if (k == 0) {
            return "1";
        }
        if (k == 1) {
            return "10";
        }
        StringBuilder s = new StringBuilder("10");
        for (char c : Integer.toString(k).toCharArray()) {
            s.append(c == '-' ? '⁻' : "⁰¹²³⁴⁵⁶⁷⁸⁹".charAt(c - '0'));
        }
        return s.toString();
    }

    /**
     * The exponent of the plot's top edge: one decade above the largest loss drawn, rounded up to the tick step the
     * chart's log axis will choose for the range (it takes whole powers of ten from the smallest value's decade and at
     * most 8 ticks: optlab-chart.js, _logYaxis), so that the diverged dots sit exactly on the edge.
     */
    static int topExponent(double smallest, double largest) {
        int min = (int) Math.floor(Math.log10(smallest));
        int top = (int) Math.ceil(Math.log10(largest)) + 1;
        for (int i = 0; i < 10; i++) {
            int step = Math.max(1, (int) Math.ceil((top - min) / 8.0));
            int rounded = (int) Math.ceil(top / (double) step) * step;
            if (rounded == top) {
                break;
            }
            top = rounded;
        }
        return top;
    }

    /** The positive losses drawn (final losses of runs that did not diverge, and best losses): {smallest, largest}. */
    static double[] lossRange(List<SweepPoint> points) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (SweepPoint p : points) {
            for (double v : new double[] {p.diverged() ? Double.NaN : p.finalLoss(), p.bestLoss()}) {
                if (v > 0 && Double.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        return lo == Double.POSITIVE_INFINITY ? new double[] {0.1, 10} : new double[] {lo, hi};
    }

    /**
     * Draws the sweep so far: {@code points} holds the finished points (any order), {@code swept} the optimizers' document
     * indices in the order of {@code lines}. Returns the height (a loss) of each line's diverged dots.
     */
    static double[] draw(ApexChart chart, double[] grid, int[] swept, List<Line> lines, List<SweepPoint> points,
                         long steps) {
        double[] range = lossRange(points);
        int topExponent = topExponent(range[0], range[1]);
        double top = Math.pow(10, topExponent);
        // the diverged dots of line s sit a little below those of line s − 1, so that every optimizer's stay visible
        // (the first line's on the edge itself): at most 0.2 of a tick interval apart, all above the largest loss drawn
        int tick = Math.max(1, (int) Math.ceil((topExponent - Math.floor(Math.log10(range[0]))) / 8.0));
        double room = topExponent - Math.log10(range[1]);
        double[] dots = new double[lines.size()];
        for (int s = 0; s < dots.length; s++) {
            dots[s] = s == 0 ? top : Math.pow(10, topExponent - Math.min(0.2 * tick, 0.9 * room / dots.length) * s);
        }
        int[] x = xDecades(grid[0], grid[grid.length - 1]);
        ObjectNode o = JSON.objectNode();
        ObjectNode c = o.putObject("chart");
        c.put("type", "line");
        c.putObject("toolbar").put("show", false);
        c.putObject("zoom").put("enabled", false);
        o.putObject("title").put("text", "Loss after " + steps + " steps against the learning rate ε");
        o.putObject("subtitle").put("text", "solid: final loss · dashed: best loss · dots along the top edge: diverged ·"
                + " click a point to give its card that ε");
        ObjectNode xaxis = o.putObject("xaxis");
        // no "type": numeric x values make the axis numeric, and our labels stand at the whole decades
        xaxis.put("min", x[0]).put("max", x[1]).put("tickAmount", (x[1] - x[0]) / x[2]);
        ArrayNode labels = xaxis.putArray("overwriteCategories");
        for (int k = x[0]; k <= x[1]; k += x[2]) {
            labels.add(powerOfTen(k));
        }
        xaxis.putObject("title").put("text", "learning rate ε (log scale)");
        xaxis.putObject("tooltip").put("enabled", false);
        o.putObject("yaxis").putObject("title").put("text", "loss (log scale)");
        o.putObject("tooltip").put("shared", false).putObject("x").put("show", false);
        ArrayNode widths = o.putObject("stroke").put("curve", "straight").putArray("width");
        ArrayNode dashes = ((ObjectNode) o.get("stroke")).putArray("dashArray");
        ObjectNode markers = o.putObject("markers");
        ArrayNode sizes = markers.putArray("size");
        o.putObject("legend").put("show", true).put("position", "bottom");
        o.putObject("dataLabels").put("enabled", false);
        SweepPoint[][] byLine = new SweepPoint[lines.size()][grid.length];
        for (SweepPoint p : points) {
            for (int s = 0; s < swept.length; s++) {
                if (swept[s] == p.optimizer()) {
                    byLine[s][p.gridIndex()] = p;
                }
            }
        }
        int n = lines.size();
        List<Series> finals = new ArrayList<>();
        List<Series> bests = new ArrayList<>();
        List<Series> divergeds = new ArrayList<>();
        ArrayNode legend = ((ObjectNode) o.get("legend")).putArray("customLegendItems");
        for (int s = 0; s < n; s++) {
            Line l = lines.get(s);
            Series finalLoss = new Series(l.label() + ": final loss", l.color(), "line", false);
            Series best = new Series(l.label() + ": best loss", l.color(), "line", false);
            Series diverged = new Series(l.label() + ": diverged", l.color(), "scatter", false);
            for (int j = 0; j < grid.length; j++) {
                SweepPoint p = byLine[s][j];
                if (p == null) {
                    continue;
                }
                double lx = Math.log10(p.learningRate());
                if (p.diverged()) {
                    finalLoss.data().add(null);
                    diverged.data().add(new double[] {lx, dots[s]});
                } else if (Double.isFinite(p.finalLoss())) {
                    finalLoss.data().add(new double[] {lx, p.finalLoss()});
                }
                if (Double.isFinite(p.bestLoss())) {
                    best.data().add(new double[] {lx, p.bestLoss()});
                }
            }
            finals.add(finalLoss);
            bests.add(best);
            divergeds.add(diverged);
            // one legend entry per optimizer, in its colour (entry s takes series s's: its final loss); labels are
            // user text, which ApexCharts writes as HTML: escaped here, as the chart escapes series names
            legend.add(escapeHtml(l.label()));
        }
        List<Series> series = new ArrayList<>(finals);
        series.addAll(bests);
        series.addAll(divergeds);
        for (int s = 0; s < n; s++) {
            widths.add(2);
            dashes.add(0);
            sizes.add(4);
        }
        for (int s = 0; s < n; s++) {
            widths.add(1.5);
            dashes.add(5);
            sizes.add(0);
        }
        for (int s = 0; s < n; s++) {
            widths.add(0);
            dashes.add(0);
            sizes.add(6);
        }
        chart.configure(o, series);
        chart.setLogarithmic(true);
        for (int s = 0; s < lines.size(); s++) {
            Line l = lines.get(s);
            if (l.currentEpsilon() != null) {
                double y = lossAt(byLine[s], l.currentEpsilon(), dots[s]);
                chart.markEnd(Math.log10(l.currentEpsilon()), y, l.label() + ": ε = " + Cards.number(l.currentEpsilon()),
                        l.color());
            }
        }
        return dots;
    }

    /**
     * The final loss the curve shows at ε: interpolated in log-log between the finished points around it that did not
     * diverge, the nearest one beyond the grid's drawn part, or the top edge when there is none or a neighbour diverged.
     */
    static double lossAt(SweepPoint[] line, double epsilon, double top) {
        SweepPoint below = null;
        SweepPoint above = null;
        for (SweepPoint p : line) {
            if (p == null) {
                continue;
            }
            if (p.learningRate() <= epsilon) {
                below = p;
            } else if (above == null) {
                above = p;
            }
        }
        if (below == null && above == null) {
            return top;
        }
        if (below == null || above == null) {
            SweepPoint only = below == null ? above : below;
            return only.diverged() || !(only.finalLoss() > 0) ? top : only.finalLoss();
        }
        if (below.diverged() || above.diverged() || !(below.finalLoss() > 0) || !(above.finalLoss() > 0)) {
            return below.diverged() || !(below.finalLoss() > 0) ? top : below.finalLoss();
        }
        double t = (Math.log10(epsilon) - Math.log10(below.learningRate()))
                / (Math.log10(above.learningRate()) - Math.log10(below.learningRate()));
        return Math.pow(10, (1 - t) * Math.log10(below.finalLoss()) + t * Math.log10(above.finalLoss()));
    }

    /** Number formatting for the sweep's labels. */
    static final class Cards {
        private Cards() {
        }

        /** 6 significant digits, plainly from 10⁻⁴ up to 10⁶, else in scientific notation. */
        static String number(double x) {
            double a = Math.abs(x);
            if (a == 0 || !Double.isFinite(x)) {
                return a == 0 ? "0" : Double.toString(x);
            }
            if (a >= 1e-4 && a < 1e6) {
                return new java.math.BigDecimal(x).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString();
            }
            return String.format(java.util.Locale.ROOT, "%.3e", x);
        }
    }
}

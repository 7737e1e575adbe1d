package org.optlab.ui;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.optlab.engine.function.TestFunction;
import org.optlab.ui.chart.ApexChart;
import org.optlab.ui.chart.ApexChart.Series;

/** ApexCharts options for OptLab's charts: loss curves, metric curves, the contour plot with paths, the data plot. */
final class Charts {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance; // builds nodes; no mapper of its own
    private static final String[] CLASS_COLORS = {"#1e88e5", "#e53935", "#43a047", "#fb8c00", "#8e24aa", "#00897b",
        "#6d4c41", "#d81b60", "#546e7a", "#c0ca33"};

    private Charts() {
    }

    /** A colour the browser draws black on the light theme and near-white on the dark one (optlab-chart.js, INK). */
    static final String INK = "ink";

    /** The colour of the dots on a contour plot where a step met an indefinite or singular Hessian. */
    static final String HESSIAN_DOTS = "#b71c1c";

    /** The contour plot's overlay layer of those dots. */
    static final int HESSIAN_LAYER = 0;

    /** One entry per optimizer: its label and colour. */
    record Line(String name, String color) {
    }

    /** The x axis of a curve chart: from 0 to a round number at or above max, round ticks, titled. */
    static ObjectNode xAxis(double max, String title) {
        ObjectNode x = JSON.objectNode();
        x.put("type", "numeric");
        x.putObject("title").put("text", title);
        double[] axis = Axes.upTo(max);
        x.put("min", axis[0]).put("max", axis[1]).put("tickAmount", (int) axis[2]);
        return x;
    }

    /**
     * The x axis of a live curve chart: as {@link #xAxis}, and in the browser it grows with the curves, from 0 to a round
     * number a little beyond the furthest point, up to max (the step budget): a long run is seen as a curve from its
     * first seconds, not as a sliver at x = 0 (optlab-chart.js, _grownXaxis).
     */
    static ObjectNode growingXAxis(double max, String title) {
        return xAxis(max, title).put("optlabGrow", true);
    }

    /** A growing step axis: whole steps, so it grows from a top of 8 (after one Step: 0, 1 … 8, not 0, 0.2 … 1.2). */
    static ObjectNode growingStepAxis(double max) {
        return growingXAxis(max, "step").put("optlabGrowFrom", 8);
    }

    static ObjectNode lineOptions(String title, String yTitle, long steps) {
        return lineOptions(title, yTitle, xAxis(steps, "step"));
    }

    static ObjectNode lineOptions(String title, String yTitle, ObjectNode xAxis) {
        ObjectNode o = JSON.objectNode();
        ObjectNode chart = o.putObject("chart");
        chart.put("type", "line");
        chart.putObject("toolbar").put("show", true);
        chart.putObject("zoom").put("enabled", true);
        o.putObject("title").put("text", title);
        o.putObject("stroke").put("width", 2).put("curve", "straight");
        o.putObject("markers").put("size", 0);
        o.set("xaxis", xAxis);
        o.putObject("yaxis").putObject("title").put("text", yTitle);
        o.putObject("legend").put("show", true).put("position", "bottom");
        o.putObject("dataLabels").put("enabled", false);
        return o;
    }

    /** Curves against the step, one per optimizer, on an x axis from 0 to a round number at or above steps. */
    static void curves(ApexChart chart, String title, String yTitle, List<Line> lines, long steps) {
        curves(chart, title, yTitle, lines, xAxis(steps, "step"));
    }

    /** Curves against the x axis given (steps or epochs), one per optimizer. */
    static void curves(ApexChart chart, String title, String yTitle, List<Line> lines, ObjectNode xAxis) {
        chart.configure(lineOptions(title, yTitle, xAxis), liveLines(lines));
    }

    private static List<Series> liveLines(List<Line> lines) {
        List<Series> series = new ArrayList<>();
        for (Line l : lines) {
            series.add(new Series(l.name(), l.color(), "line", true));
        }
        return series;
    }

    /** Accuracy curves: the y axis from 0 to 1, the values an accuracy takes (not −0.5 to 1.5 around a flat 0.5). */
    static void accuracyCurves(ApexChart chart, String title, List<Line> lines, ObjectNode xAxis) {
        ObjectNode o = lineOptions(title, "accuracy", xAxis);
        ((ObjectNode) o.get("yaxis")).put("min", 0).put("max", 1).put("tickAmount", 5).put("forceNiceScale", false);
        chart.configure(o, liveLines(lines));
    }

    /** Index of optimizer i's path series on the contour chart. */
    static int pathSeries(int i) {
        return i;
    }

    /**
     * The contour plot of f with one live path per optimizer (the browser draws a ball where each one is), the known
     * critical points, and θ₀ as a square. {@code clickable}: the lab's plot, where a click sets θ₀ (says so under the
     * title); a shared experiment's is read-only.
     */
    static void contour(ApexChart chart, TestFunction f, List<Line> lines, double[] start, boolean clickable) {
        contour(chart, f, lines, start == null ? List.of() : List.of(start), clickable);
    }

    /** The contour plot with each distinct start θ₀ marked (cards of their own start: several basins at once). */
    static void contour(ApexChart chart, TestFunction f, List<Line> lines, List<double[]> starts, boolean clickable) {
        Axes.Plane plane = Axes.plane(f.domain());
        TestFunction.Domain d = plane.domain();
        ObjectNode o = JSON.objectNode();
        ObjectNode c = o.putObject("chart");
        c.put("type", "line");
        c.putObject("toolbar").put("show", true);
        c.putObject("zoom").put("enabled", false);
        o.putObject("title").put("text", "f(x, y) = " + f.formula());
        if (clickable) {
            o.putObject("subtitle").put("text", "click the plot to set the start θ₀");
        }
        ObjectNode x = o.putObject("xaxis");
        planeAxes(o, plane);
        x.putObject("title").put("text", "x");
        ((ObjectNode) o.get("yaxis")).putObject("title").put("text", "y");
        ArrayNode widths = o.putObject("stroke").put("curve", "straight").putArray("width");
        ObjectNode markers = o.putObject("markers");
        ArrayNode sizes = markers.putArray("size");
        ArrayNode shapes = markers.putArray("shape");
        ArrayNode rims = markers.putArray("strokeColors");
        ArrayNode rimWidths = markers.putArray("strokeWidth");
        ArrayNode fills = markers.putArray("fillOpacity");
        for (int i = 0; i < lines.size(); i++) {
            // overlapping paths stay apart: later ones are drawn thinner, on top of the earlier ones
            widths.add(Math.max(1.5, 3.0 - 0.4 * i));
            sizes.add(0);
            shapes.add("circle");
            rims.add("#ffffff");
            rimWidths.add(0);
            fills.add(1);
        }
        // the critical points as hollow rings in the theme's ink (black, or near-white on the dark theme): a ball that
        // ends on one shows through it; θ₀ a white square with a black rim
        widths.add(0).add(0);
        sizes.add(6).add(9);
        shapes.add("circle").add("square");
        rims.add(INK).add("#000000");
        rimWidths.add(2.5).add(2);
        fills.add(0).add(1);
        o.putObject("legend").put("show", true).put("position", "bottom");
        o.putObject("tooltip").put("enabled", false);
        o.putObject("dataLabels").put("enabled", false);
        List<Series> series = new ArrayList<>();
        // one layer of dots: where a run's step met a Hessian that is not positive definite (filled in while it runs)
        chart.setOverlay(d.xMin(), d.xMax(), d.yMin(), d.yMax(), Contours.of(f, d, 80, 14),
                List.of(new ApexChart.Layer(HESSIAN_DOTS, 0.9, 0, 0, new double[0])));
        for (Line l : lines) {
            series.add(new Series(l.name(), l.color(), "line", true, true));
        }
        Series minima = new Series("known critical points", INK, "scatter", false);
        for (TestFunction.CriticalPoint p : f.criticalPoints()) {
            minima.data().add(new double[] {p.x(), p.y()});
        }
        series.add(minima);
        Series theta0 = new Series(starts.size() > 1 ? "θ₀ (starts)" : "θ₀ (start)", "#ffffff", "scatter", false);
        for (double[] start : starts) {
            theta0.data().add(new double[] {start[0], start[1]});
        }
        series.add(theta0);
        chart.configure(o, series);
    }

    /**
     * The data of a 2-D classification problem as dots, one layer per class, over the decision regions of a chosen
     * optimizer's model (one layer of cells per predicted class, replaced every few seconds): all in the chart's SVG
     * overlay, so that a map of a thousand cells and points redraws in a few milliseconds.
     */
    static void data(ApexChart chart, double[] x, int[] labels, List<String> classNames, Axes.Plane plane, int cells) {
        TestFunction.Domain d = plane.domain();
        double[] bounds = {d.xMin(), d.xMax(), d.yMin(), d.yMax()};
        int k = classNames.size();
        ObjectNode o = JSON.objectNode();
        ObjectNode c = o.putObject("chart");
        c.put("type", "scatter");
        c.putObject("zoom").put("enabled", false);
        StringBuilder title = new StringBuilder("data and decision regions: ");
        for (int cl = 0; cl < k; cl++) {
            title.append(cl == 0 ? "" : ", ").append(classNames.get(cl)).append(" ").append(colorName(cl));
        }
        o.putObject("title").put("text", title.toString());
        planeAxes(o, plane);
        o.putObject("markers").put("size", 0);
        o.putObject("legend").put("show", false);
        o.putObject("tooltip").put("enabled", false);
        o.putObject("dataLabels").put("enabled", false);
        List<ApexChart.Layer> layers = new ArrayList<>();
        double cw = (bounds[1] - bounds[0]) / cells;
        double ch = (bounds[3] - bounds[2]) / cells;
        for (int cl = 0; cl < k; cl++) {
            layers.add(new ApexChart.Layer(CLASS_COLORS[cl % CLASS_COLORS.length], 0.18, cw, ch, new double[0]));
        }
        for (int cl = 0; cl < k; cl++) {
            List<Double> pts = new ArrayList<>();
            for (int i = 0; i < labels.length; i++) {
                if (labels[i] == cl) {
                    pts.add(x[2 * i]);
                    pts.add(x[2 * i + 1]);
                }
            }
            layers.add(new ApexChart.Layer(CLASS_COLORS[cl % CLASS_COLORS.length], 0.85, 0, 0,
                    pts.stream().mapToDouble(Double::doubleValue).toArray()));
        }
        chart.setOverlay(bounds[0], bounds[1], bounds[2], bounds[3], new double[0], layers);
        // one invisible series gives ApexCharts its axes
        Series frame = new Series("frame", "#00000000", "scatter", false);
        frame.data().add(new double[] {bounds[0], bounds[2]});
        frame.data().add(new double[] {bounds[1], bounds[3]});
        chart.configure(o, List.of(frame));
    }

    /**
     * Both axes of a plot of the plane: round ticks one step apart (the rectangle is already widened to whole steps)
     * and equal units on both axes (the chart's height follows its width; see optlab-chart.js, equalAspect).
     */
    private static void planeAxes(ObjectNode o, Axes.Plane plane) {
        TestFunction.Domain d = plane.domain();
        double step = plane.step();
        ObjectNode x = object(o, "xaxis");
        x.put("type", "numeric").put("min", d.xMin()).put("max", d.xMax())
                .put("tickAmount", (int) Math.round((d.xMax() - d.xMin()) / step));
        object(o, "yaxis").put("min", d.yMin()).put("max", d.yMax())
                .put("tickAmount", (int) Math.round((d.yMax() - d.yMin()) / step));
        o.putObject("optlab").put("equalAspect", true);
    }

    private static ObjectNode object(ObjectNode o, String field) {
        return o.has(field) ? (ObjectNode) o.get(field) : o.putObject(field);
    }

    private static String colorName(int cl) {
        String[] names = {"blue", "red", "green", "orange", "purple", "teal", "brown", "pink", "grey", "lime"};
        return "(" + names[cl % names.length] + ")";
    }
}

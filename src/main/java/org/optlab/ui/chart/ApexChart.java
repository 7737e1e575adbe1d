package org.optlab.ui.chart;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.DomEvent;
import com.vaadin.flow.component.EventData;
import com.vaadin.flow.component.HasSize;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.dependency.JsModule;
import com.vaadin.flow.component.dependency.NpmPackage;
import com.vaadin.flow.shared.Registration;
import java.util.ArrayList;
import java.util.List;
import org.optlab.engine.Decimation;

/**
 * The Java side of {@code <optlab-chart>} (frontend/optlab-chart.js), OptLab's wrapper of ApexCharts 4.7.0.
 *
 * <p>It keeps the chart's full state (options and series) so that a chart that is detached and attached again is drawn
 * whole; live points go to the browser in one {@link #append} call per push. A live series that grows past its limit is
 * decimated here ({@link Decimation}: M4 for curves, every turning point for paths) and sent whole; the browser draws
 * exactly what it holds.
 */
@Tag("optlab-chart")
@NpmPackage(value = "apexcharts", version = "4.7.0")
@JsModule("./optlab-chart.js")
public class ApexChart extends Component implements HasSize {

    static final ObjectMapper JSON = new ObjectMapper();

    /** One series: a name (user text, shown as text), a colour, an ApexCharts type, and whether live points append to it. */
    public static final class Series {
        private final String name;
        private final String color;
        private final String type;
        private final boolean live;
        private final boolean path;
        private List<double[]> data = new ArrayList<>();
        /** Decimated again once it holds more than this (twice what the last decimation kept: amortised cost). */
        private int limit;

        public Series(String name, String color, String type, boolean live) {
            this(name, color, type, live, false);
        }

        /** A series; {@code path}: points of θ in the plane (decimated as a path), else a curve against the step. */
        public Series(String name, String color, String type, boolean live, boolean path) {
            this.name = name;
            this.color = color;
            this.type = type;
            this.live = live;
            this.path = path;
            this.limit = path ? Decimation.PATH_KEEP_ALL : Decimation.CURVE_MAX;
        }

        public String name() {
            return name;
        }

        public String color() {
            return color;
        }

        /** The points held (null entries are gaps). */
        public List<double[]> data() {
            return data;
        }
    }

    private ObjectNode options = JSON.createObjectNode();
    private ObjectNode overlay;
    private final List<Series> series = new ArrayList<>();
    private String theme = "light";
    private boolean logarithmic;
    private final List<ObjectNode> marks = new ArrayList<>();

    public ApexChart() {
        setWidthFull();
        setHeight("320px");
    }

    /** A layer of the overlay: cells (cellWidth, cellHeight > 0) or dots, in one colour. */
    public record Layer(String color, double opacity, double cellWidth, double cellHeight, double[] points) {
    }

    private int overlayId;

    /**
     * What is drawn over the plot area in data coordinates, as plain SVG: contour line segments (x1, y1, x2, y2, ...) and
     * layers of cells or dots; the rectangle is the axes' range. Takes effect with the next {@link #configure}.
     */
    public void setOverlay(double xMin, double xMax, double yMin, double yMax, double[] segments, List<Layer> layers) {
        setOverlay(xMin, xMax, yMin, yMax, segments, layers, false);
    }

    /**
     * {@link #setOverlay} with the overlay drawn under the chart's own SVG instead of over it ({@code below}): opaque
     * cells (a heat map) then leave the chart's points and labels visible.
     */
    public void setOverlay(double xMin, double xMax, double yMin, double yMax, double[] segments, List<Layer> layers,
                           boolean below) {
        overlay = JSON.createObjectNode();
        if (below) {
            overlay.put("below", true);
        }
        overlayPoints.clear();
        overlay.put("id", ++overlayId);
        overlay.put("xMin", xMin).put("xMax", xMax).put("yMin", yMin).put("yMax", yMax);
        ArrayNode a = overlay.putArray("segments");
        for (double v : segments) {
            a.add(v);
        }
        ArrayNode ls = overlay.putArray("layers");
        for (Layer l : layers) {
            ObjectNode n = ls.addObject();
            n.put("color", l.color()).put("opacity", l.opacity());
            if (l.cellWidth() > 0) {
                n.putArray("cell").add(l.cellWidth()).add(l.cellHeight());
            }
            ArrayNode p = n.putArray("points");
            for (double v : l.points()) {
                p.add(v);
            }
        }
    }

    /** An arrow over the plot in data coordinates, from (x1, y1) to (x2, y2), labelled at its tip (step mode). */
    public record Arrow(double x1, double y1, double x2, double y2, String color, String label, boolean dashed) {
    }

    private final List<Arrow> arrows = new ArrayList<>();

    /** Replaces the arrows drawn over the plot (a chart with an overlay); {@link #reset()} removes them. */
    public void setArrows(List<Arrow> newArrows) {
        arrows.clear();
        arrows.addAll(newArrows);
        if (!configPending) {
            getElement().callJsFunction("setArrows", arrowsJson().toString());
        }
    }

    /** The arrows drawn now. */
    public List<Arrow> arrows() {
        return List.copyOf(arrows);
    }

    private ArrayNode arrowsJson() {
        ArrayNode a = JSON.createArrayNode();
        for (Arrow r : arrows) {
            a.addObject().put("x1", r.x1()).put("y1", r.y1()).put("x2", r.x2()).put("y2", r.y2())
                    .put("color", r.color()).put("label", r.label()).put("dashed", r.dashed());
        }
        return a;
    }

    public void clearOverlay() {
        overlay = null;
        overlayPoints.clear();
    }

    /**
     * Replaces the points (x, y, x, y, ...) of one overlay layer at once, without redrawing the chart. The same points
     * as last time are not sent again (a decision map that has settled costs nothing).
     */
    public void setOverlayLayer(int index, double[] points) {
        if (java.util.Arrays.equals(points, overlayPoints.get(index))) {
            return;
        }
        overlayPoints.put(index, points.clone());
        ArrayNode p = JSON.createArrayNode();
        for (double v : points) {
            p.add(v);
        }
        ((ObjectNode) overlay.get("layers").get(index)).set("points", p);
        if (configPending) {
            return;
        }
        ObjectNode u = JSON.createObjectNode();
        u.put("index", index);
        u.set("points", p);
        getElement().callJsFunction("setOverlayLayer", u.toString());
    }

    private final java.util.Map<Integer, double[]> overlayPoints = new java.util.HashMap<>();

    /** Replaces options and series, and draws them. */
    public void configure(ObjectNode options, List<Series> newSeries) {
        this.options = options;
        this.arrows.clear();
        this.marks.clear();
        this.series.clear();
        this.series.addAll(newSeries);
        scheduleConfig();
    }

    private boolean configPending;

    /** Sends the configuration once, just before the response: several configure calls in one round trip cost one. */
    private void scheduleConfig() {
        if (configPending) {
            return;
        }
        configPending = true;
        getElement().getNode().runWhenAttached(ui -> ui.beforeClientResponse(this, context -> {
            configPending = false;
            sendConfig();
        }));
    }

    /** The series, as the chart holds them. */
    public List<Series> series() {
        return series;
    }

    public ObjectNode options() {
        return options;
    }

    /** Appends points ([x, y]) to live series, all in one call to the browser. */
    public void append(List<Integer> indices, List<List<double[]>> points) {
        ArrayNode batch = JSON.createArrayNode();
        for (int k = 0; k < indices.size(); k++) {
            List<double[]> pts = points.get(k);
            if (pts.isEmpty()) {
                continue;
            }
            Series s = series.get(indices.get(k));
            s.data.addAll(pts);
            ObjectNode b = batch.addObject();
            b.put("index", indices.get(k));
            if (s.data.size() > s.limit) {
                s.data = s.path ? Decimation.path(s.data) : Decimation.curve(s.data);
                s.limit = Math.max(s.path ? Decimation.PATH_KEEP_ALL : Decimation.CURVE_MAX, 2 * s.data.size());
                b.put("replace", true);
                b.set("points", points(s.data));
            } else {
                b.set("points", points(pts));
            }
        }
        if (!batch.isEmpty() && !configPending) {
            getElement().callJsFunction("appendPoints", batch.toString());
        }
    }

    /** Empties the live series. */
    public void reset() {
        arrows.clear();
        for (Series s : series) {
            if (s.live) {
                s.data = new ArrayList<>();
                s.limit = s.path ? Decimation.PATH_KEEP_ALL : Decimation.CURVE_MAX;
            }
        }
        if (!configPending) {
            getElement().callJsFunction("reset");
        }
    }

    /**
     * Gives every point of live series i, and its end label, a new x computed from the point ([x, y, step, seconds]),
     * takes the x axis given and redraws the chart: a switch between steps, epochs and seconds.
     */
    public void remapX(java.util.function.BiFunction<Integer, double[], Double> x, ObjectNode xaxis) {
        for (int i = 0; i < series.size(); i++) {
            Series s = series.get(i);
            if (!s.live) {
                continue;
            }
            for (double[] p : s.data) {
                if (p != null && p.length >= 4) {
                    p[0] = x.apply(i, p);
                }
            }
        }
        for (ObjectNode m : marks) {
            if (m.has("series") && m.has("step")) {
                double[] p = {0, 0, m.get("step").asDouble(), m.get("seconds").asDouble()};
                m.put("x", x.apply(m.get("series").asInt(), p));
            }
        }
        setXAxis(xaxis);
    }

    /** A new x axis; the chart is drawn again with its points and labels. */
    public void setXAxis(ObjectNode xaxis) {
        options.set("xaxis", xaxis);
        List<ObjectNode> kept = new ArrayList<>(marks);
        configure(options, new ArrayList<>(series));
        marks.addAll(kept);
    }

    /** Labels the end of live series {@code index}'s curve at a point [x, y, step, seconds]; its x follows {@link #remapX}. */
    public void markEnd(int index, double[] point, double x, double y, String text, String color) {
        markEnd(x, y, text, color);
        marks.get(marks.size() - 1).put("series", index).put("step", point[2]).put("seconds", point[3]);
    }

    /** Labels the end of a run's curve (diverged at step k, converged, ...); kept across re-attach. */
    public void markEnd(double x, double y, String text, String color) {
        ObjectNode m = JSON.createObjectNode();
        m.put("x", x);
        m.put("y", y);
        m.put("text", text);
        m.put("color", color);
        marks.add(m);
        if (!configPending) {
            getElement().callJsFunction("markEnd", m.toString());
        }
    }

    public void clearMarks() {
        marks.clear();
        getElement().callJsFunction("clearMarks");
    }

    public void setTheme(boolean dark) {
        theme = dark ? "dark" : "light";
        getElement().callJsFunction("setTheme", theme);
    }

    public void setLogarithmic(boolean on) {
        logarithmic = on;
        getElement().callJsFunction("setLogarithmic", on);
    }

    public boolean isLogarithmic() {
        return logarithmic;
    }

    /** A click on the plot area, in data coordinates. */
    @DomEvent("plot-click")
    public static class PlotClickEvent extends ComponentEvent<ApexChart> {
        private final double x;
        private final double y;

        public PlotClickEvent(ApexChart source, boolean fromClient, @EventData("event.detail.x") double x,
                              @EventData("event.detail.y") double y) {
            super(source, fromClient);
            this.x = x;
            this.y = y;
        }

        public double x() {
            return x;
        }

        public double y() {
            return y;
        }
    }

    public Registration addPlotClickListener(ComponentEventListener<PlotClickEvent> listener) {
        return addListener(PlotClickEvent.class, listener);
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        super.onAttach(attachEvent);
        // the browser side starts empty after a re-attach: send the whole state again
        getElement().callJsFunction("setTheme", theme);
        if (logarithmic) {
            getElement().callJsFunction("setLogarithmic", true);
        }
        scheduleConfig();
    }

    private void sendConfig() {
        ObjectNode config = JSON.createObjectNode();
        if (overlay != null) {
            config.set("overlay", overlay);
        }
        config.set("arrows", arrowsJson());
        ArrayNode markArray = config.putArray("marks");
        marks.forEach(markArray::add);
        config.set("options", options);
        ArrayNode arr = config.putArray("series");
        for (Series s : series) {
            ObjectNode n = arr.addObject();
            n.put("name", s.name);
            if (s.color != null) {
                n.put("color", s.color);
            }
            if (s.type != null) {
                n.put("type", s.type);
            }
            n.put("live", s.live);
            n.set("data", points(s.data));
        }
        getElement().callJsFunction("setConfig", config.toString());
    }

    private static ArrayNode points(List<double[]> pts) {
        ArrayNode a = JSON.createArrayNode();
        for (double[] p : pts) {
            if (p == null) {
                a.addNull();
            } else {
                // [x, y] and, for a path, the step and loss of that point (shown on hover)
                ArrayNode point = a.addArray();
                for (double v : p) {
                    point.add(v);
                }
            }
        }
        return a;
    }
}

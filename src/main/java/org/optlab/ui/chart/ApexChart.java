package org.optlab.ui.chart;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
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
 * what it holds.
 *
 * <p>Bounded whatever the run: the live series of one chart keep at most {@link Decimation#CHART_POINTS} points between them
 * (each its share, and never more than the rule's own bounds), and one push sends at most {@link #REPLACES_PER_PUSH}
 * decimated series whole; another series due to be replaced keeps receiving its new points and is replaced in a
 * following push ({@link #replacementsPending()}), so that no message to the browser carries every series at once.
 */
@Tag("optlab-chart")
@NpmPackage(value = "apexcharts", version = "4.7.0")
@JsModule("./optlab-chart.js")
public class ApexChart extends Component implements HasSize {

    static final JsonNodeFactory JSON = JsonNodeFactory.instance; // builds nodes; no mapper of its own

    /** Decimated series sent whole in one push, at most; the others follow in the next pushes. */
    public static final int REPLACES_PER_PUSH = 2;

    /** One series: a name (user text, shown as text), a colour, an ApexCharts type, and whether live points append to it. */
    public static final class Series {
        private final String name;
        private final String color;
        private final String type;
        private final boolean live;
        private final boolean path;
        private List<double[]> data = new ArrayList<>();
        /** Decimated again once it holds more than this (half as much again as the last decimation kept). */
        private int limit;
        /** Decimated here since the browser last received it whole: to be sent whole in a coming push. */
        private boolean stale;

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

        /** The first limit: every point of a path up to its share of the rule's keep-all, a curve up to its share. */
        private void startLimit(int share) {
            limit = path ? Math.min(Decimation.PATH_KEEP_ALL, Math.min(Decimation.PATH_MAX, share))
                    : Math.min(Decimation.CURVE_MAX, 8 * Math.max(1, share / 8));
        }

        /** Decimates the points held to a share of the chart's {@link Decimation#CHART_POINTS}, and sets the next limit. */
        private void decimate(int share) {
            if (path) {
                int max = Math.min(Decimation.PATH_MAX, share);
                data = Decimation.path(data, Math.min(Decimation.PATH_KEEP_ALL, max), max);
                limit = Math.max(Math.min(Decimation.PATH_KEEP_ALL, max), data.size() + data.size() / 2 + 1);
            } else {
                // M4 keeps at most four points a run: after it the curve holds at most half its limit
                int buckets = Math.max(1, Math.min(Decimation.CURVE_BUCKETS, share / 8));
                data = Decimation.curve(data, buckets);
                limit = Math.max(8 * buckets, data.size() + data.size() / 2 + 1);
            }
            stale = true;
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

    private ObjectNode options = JSON.objectNode();
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
        overlay = JSON.objectNode();
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
        ArrayNode a = JSON.arrayNode();
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
        ArrayNode p = JSON.arrayNode();
        for (double v : points) {
            p.add(v);
        }
        ((ObjectNode) overlay.get("layers").get(index)).set("points", p);
        if (configPending) {
            return;
        }
        ObjectNode u = JSON.objectNode();
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
        int share = share();
        for (Series s : series) {
            s.startLimit(share);
        }
        scheduleConfig();
    }

    /** Each live series' share of {@link Decimation#CHART_POINTS}. */
    private int share() {
        long live = series.stream().filter(s -> s.live).count();
        return (int) (Decimation.CHART_POINTS / Math.max(1, live));
    }

    /** Whether a series is stale, kept for readers without the UI's lock (the push thread asks before it takes it). */
    private volatile boolean replacementsDue;

    /**
     * True while a decimated series has not yet been sent whole (see {@link #append}): the next push sends it. Safe to
     * call without the session's lock.
     */
    public boolean replacementsPending() {
        return replacementsDue;
    }

    private void noteReplacements() {
        replacementsDue = series.stream().anyMatch(s -> s.stale);
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

    /**
     * Appends points ([x, y]) to live series, all in one call to the browser. A series that passes its limit is
     * decimated here and sent whole, at most {@link #REPLACES_PER_PUSH} series a call: another one gets its new points
     * appended in the browser and is sent whole by a following call (an empty call sends what is still due).
     */
    public void append(List<Integer> indices, List<List<double[]>> points) {
        int share = share();
        List<Integer> changed = new ArrayList<>();
        List<List<double[]>> added = new ArrayList<>();
        for (int k = 0; k < indices.size(); k++) {
            List<double[]> pts = points.get(k);
            if (pts.isEmpty()) {
                continue;
            }
            Series s = series.get(indices.get(k));
            s.data.addAll(pts);
            if (s.data.size() > s.limit) {
                s.decimate(share);
            }
            changed.add(indices.get(k));
            added.add(pts);
        }
        if (configPending) {
            noteReplacements();
            return; // the configuration about to be sent carries every point
        }
        StringBuilder batch = new StringBuilder("[");
        int replaced = 0;
        for (int i = 0; i < series.size(); i++) {
            Series s = series.get(i);
            int k = changed.indexOf(i);
            if (s.stale && replaced < REPLACES_PER_PUSH) {
                replaced++;
                s.stale = false;
                entry(batch, i, true, s.data);
            } else if (k >= 0) {
                entry(batch, i, false, added.get(k));
            }
        }
        noteReplacements();
        if (batch.length() > 1) {
            getElement().callJsFunction("appendPoints", batch.append(']').toString());
        }
    }

    private static void entry(StringBuilder batch, int index, boolean replace, List<double[]> pts) {
        batch.append(batch.length() > 1 ? "," : "").append("{\"index\":").append(index);
        if (replace) {
            batch.append(",\"replace\":true");
        }
        batch.append(",\"points\":");
        points(batch, pts);
        batch.append('}');
    }

    /** Empties the live series. */
    public void reset() {
        arrows.clear();
        for (Series s : series) {
            if (s.live) {
                s.data = new ArrayList<>();
                s.stale = false;
                s.startLimit(share());
            }
        }
        noteReplacements();
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
        addMark(mark(x, y, text, color).put("series", index).put("step", point[2]).put("seconds", point[3]));
    }

    /**
     * Labels a point of series {@code index} (a path's first warning where it happened): the browser places the label
     * beside that series rather than another one through the same point.
     */
    public void markOn(int index, double x, double y, String text, String color) {
        addMark(mark(x, y, text, color).put("series", index));
    }

    /** Labels the end of a run's curve (diverged at step k, converged, ...); kept across re-attach. */
    public void markEnd(double x, double y, String text, String color) {
        addMark(mark(x, y, text, color));
    }

    private static ObjectNode mark(double x, double y, String text, String color) {
        ObjectNode m = JSON.objectNode();
        m.put("x", x);
        m.put("y", y);
        m.put("text", text);
        m.put("color", color);
        return m;
    }

    private void addMark(ObjectNode m) {
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
        // written as text, the points straight from the series (no tree of nodes for tens of thousands of points)
        ObjectNode head = JSON.objectNode();
        if (overlay != null) {
            head.set("overlay", overlay);
        }
        head.set("arrows", arrowsJson());
        ArrayNode markArray = head.putArray("marks");
        marks.forEach(markArray::add);
        head.set("options", options);
        String start = head.toString();
        StringBuilder config = new StringBuilder(start.length() + 64 * pointCount())
                .append(start, 0, start.length() - 1).append(",\"series\":[");
        for (int i = 0; i < series.size(); i++) {
            Series s = series.get(i);
            ObjectNode n = JSON.objectNode();
            n.put("name", s.name);
            if (s.color != null) {
                n.put("color", s.color);
            }
            if (s.type != null) {
                n.put("type", s.type);
            }
            n.put("live", s.live);
            String meta = n.toString();
            config.append(i == 0 ? "" : ",").append(meta, 0, meta.length() - 1).append(",\"data\":");
            points(config, s.data);
            config.append('}');
            s.stale = false; // sent whole
        }
        noteReplacements();
        getElement().callJsFunction("setConfig", config.append("]}").toString());
    }

    private int pointCount() {
        return series.stream().mapToInt(s -> s.data.size()).sum();
    }

    /** Points as JSON arrays: [x, y] and, for a path, the step and loss of that point (shown on hover); null a gap. */
    private static void points(StringBuilder out, List<double[]> pts) {
        out.append('[');
        for (int k = 0; k < pts.size(); k++) {
            double[] p = pts.get(k);
            out.append(k == 0 ? "" : ",");
            if (p == null) {
                out.append("null");
                continue;
            }
            out.append('[');
            for (int j = 0; j < p.length; j++) {
                number(out.append(j == 0 ? "" : ","), p[j]);
            }
            out.append(']');
        }
        out.append(']');
    }

    /**
     * A number as JSON: integers without a fraction, others in their shortest exact form (Jackson's Schubfach writer,
     * as the experiment document's codec: several times faster than Java 17's {@code Double.toString}, and a push holds
     * the tab's session while it writes); NaN and ±∞ as the strings "NaN", "Infinity" and "-Infinity", as Jackson
     * writes them (the chart reads them as numbers).
     */
    private static void number(StringBuilder out, double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            out.append('"').append(v).append('"');
        } else if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            out.append((long) v);
        } else {
            out.append(com.fasterxml.jackson.core.io.NumberOutput.toString(v, true));
        }
    }
}

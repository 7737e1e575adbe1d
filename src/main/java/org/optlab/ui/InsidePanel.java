package org.optlab.ui;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.optlab.lab.Inside;
import org.optlab.lab.InsideHistory;
import org.optlab.lab.LiveExperiment;
import org.optlab.lab.LiveRun;
import org.optlab.ui.chart.ApexChart;

/**
 * "Inside the optimizer": for the run the student picks, one small chart per quantity the algorithm remembers (the
 * lecture's g, v, θ̃, r, s, ŝ, r̂, the effective learning rate, Adam's bias corrections, Newton's eigenvalues), against
 * the step, in the card's colour, with the latest numbers beside the chart's title. Off until the student turns it on:
 * only then do the runs take snapshots of their optimizers ({@link LiveExperiment#inspect}).
 */
class InsidePanel extends VerticalLayout {

    private final Checkbox show = new Checkbox("Look inside the optimizer");
    private final Select<Integer> of = new Select<>();
    private final Span hint = new Span();
    private final Div grid = new Div();
    /** The charts of the quantities of the chosen run, by symbol, with the caption that carries the latest numbers. */
    private final Map<String, Box> boxes = new LinkedHashMap<>();

    private LiveExperiment live;
    private List<Charts.Line> lines = List.of();
    private long steps;
    private int shownRun = -1;
    private int generation = -1;
    private int seen;
    private boolean dark;

    private record Box(Div card, ApexChart chart, Span numbers, Inside.Quantity quantity) {
    }

    InsidePanel() {
        setId("inside-panel");
        setPadding(false);
        setSpacing(false);
        show.setId("inside-show");
        of.setId("inside-of");
        of.setLabel("of");
        of.setVisible(false);
        hint.getStyle().set("font-size", "var(--lumo-font-size-s)").set("color", "var(--lumo-secondary-text-color)");
        H3 title = new H3("Inside the optimizer");
        title.getStyle().set("margin", "0");
        HorizontalLayout header = new HorizontalLayout(title, show, of, hint);
        header.setAlignItems(FlexComponent.Alignment.BASELINE);
        header.getStyle().set("flex-wrap", "wrap");
        grid.setId("inside-charts");
        grid.getStyle().set("display", "grid").set("grid-template-columns", "repeat(auto-fill, minmax(min(300px, 100%), 1fr))")
                .set("gap", "var(--lumo-space-s)").set("width", "100%");
        grid.setVisible(false);
        add(header, grid);
        setWidthFull();
        show.addValueChangeListener(e -> {
            of.setVisible(e.getValue());
            grid.setVisible(e.getValue());
            if (live != null) {
                live.inspect(e.getValue());
            }
            shownRun = -1;
            update();
        });
        of.addValueChangeListener(e -> {
            shownRun = -1;
            update();
        });
    }

    /** A new live experiment: its runs, drawn as {@code lines} (label and colour of each card), for {@code steps} steps. */
    void configure(LiveExperiment experiment, List<Charts.Line> runLines, long stepBudget) {
        this.live = experiment;
        this.lines = runLines;
        this.steps = stepBudget;
        Integer chosen = of.getValue();
        List<Integer> runs = new ArrayList<>();
        for (int i = 0; i < runLines.size(); i++) {
            runs.add(i);
        }
        of.setItemLabelGenerator(i -> i < lines.size() ? lines.get(i).name() : "");
        of.setItems(runs);
        of.setValue(runs.isEmpty() ? null : chosen != null && chosen < runs.size() ? chosen : 0);
        live.inspect(show.getValue());
        shownRun = -1;
        update();
    }

    /** Shows optimizer i (a card's "inside" button) and turns the panel on. */
    void choose(int i) {
        show.setValue(true);
        if (i >= 0 && i < lines.size()) {
            of.setValue(i);
        }
    }

    /** Draws what the chosen run's history gained since the last call: from the push, after a control, on a choice. */
    void update() {
        if (!show.getValue() || live == null || of.getValue() == null || of.getValue() >= live.runs().size()) {
            hint.setText(show.getValue() ? "" : "the state behind each step: velocity, accumulated squared gradients,"
                    + " effective learning rates, bias corrections, the Hessian's eigenvalues");
            return;
        }
        int i = of.getValue();
        LiveRun run = live.runs().get(i);
        if (i != shownRun) {
            rebuild(i);
        }
        InsideHistory.Read read = run.inside().read(generation, seen);
        generation = read.generation();
        seen = read.seen();
        if (read.all()) {
            for (Box b : boxes.values()) {
                b.chart().reset();
            }
        }
        if (read.samples().isEmpty()) {
            hint.setText(run.step() == 0 ? "press Start or Step: each step's state is drawn here" : "");
            return;
        }
        hint.setText("");
        for (Box b : boxes.values()) {
            List<Integer> idx = new ArrayList<>();
            List<List<double[]>> points = new ArrayList<>();
            int n = b.quantity().lines().size();
            for (int line = 0; line < n; line++) {
                idx.add(line);
                points.add(new ArrayList<>());
            }
            for (Inside.Sample s : read.samples()) {
                double[] v = s.values().get(b.quantity().symbol());
                if (v == null) {
                    continue;
                }
                for (int line = 0; line < n && line < v.length; line++) {
                    if (Double.isFinite(v[line])) { // κ(H) of a singular H is ∞: not drawn, its number says so
                        points.get(line).add(new double[] {s.step(), v[line]});
                    }
                }
            }
            b.chart().append(idx, points);
            Inside.Sample last = read.samples().get(read.samples().size() - 1);
            double[] v = last.values().get(b.quantity().symbol());
            if (v != null) {
                b.numbers().setText(numbers(b.quantity(), v, last.step()));
            }
        }
    }

    /** The latest numbers of a quantity, e.g. "step 12: r₁ = 3.1e-2, r₂ = 1.27". */
    static String numbers(Inside.Quantity q, double[] v, long step) {
        StringBuilder sb = new StringBuilder("step ").append(step).append(": ");
        for (int k = 0; k < v.length && k < q.lines().size(); k++) {
            if (k > 0) {
                sb.append(", ");
            }
            sb.append(q.lines().get(k).replace(" (dashed)", "")).append(" = ").append(String.format(Locale.ROOT, "%.4g", v[k]));
        }
        return sb.toString();
    }

    /** One chart per quantity of run i's optimizer, in its card's colour. */
    private void rebuild(int i) {
        grid.removeAll();
        boxes.clear();
        shownRun = i;
        generation = -1;
        seen = 0;
        String color = lines.get(i).color();
        for (Inside.Quantity q : Inside.quantities(live.optimizerState(i))) {
            ApexChart chart = new ApexChart();
            chart.setHeight("200px");
            chart.getElement().setAttribute("data-symbol", q.symbol());
            chart.setId("inside-chart-" + boxes.size());
            ObjectNode o = Charts.lineOptions(q.symbol() + " · " + q.words(), null, Charts.xAxis(steps, "step"));
            o.putObject("yaxis");
            ((ObjectNode) o.get("chart")).putObject("toolbar").put("show", false);
            ((ObjectNode) o.get("chart")).putObject("zoom").put("enabled", false);
            o.putObject("title").put("text", q.symbol() + " · " + q.words()).putObject("style").put("fontSize", "12px");
            o.putObject("legend").put("show", q.lines().size() > 1).put("position", "bottom");
            ArrayNode widths = o.putObject("stroke").put("curve", "straight").putArray("width");
            ArrayNode dashes = ((ObjectNode) o.get("stroke")).putArray("dashArray");
            List<ApexChart.Series> series = new ArrayList<>();
            int n = q.lines().size();
            for (int line = 0; line < n; line++) {
                boolean band = n == 3 && line != 1; // the 10th and 90th percentiles around the median
                String c = band ? color + "88" : color;
                widths.add(band ? 1 : 2);
                dashes.add(n == 2 && line == 1 ? 5 : 0); // a second coordinate dashed
                series.add(new ApexChart.Series(q.lines().get(line), c, "line", true));
            }
            chart.configure(o, series);
            chart.setLogarithmic(q.positive());
            chart.setTheme(dark);
            Span numbers = new Span();
            numbers.addClassName("inside-numbers");
            numbers.getStyle().set("font-size", "var(--lumo-font-size-xs)").set("font-family", "monospace");
            Div card = new Div(chart, numbers);
            card.addClassName("inside-quantity");
            grid.add(card);
            boxes.put(q.symbol(), new Box(card, chart, numbers, q));
        }
    }

    /** No live experiment (the form changed): nothing to look inside. */
    void clear() {
        live = null;
        shownRun = -1;
        hint.setText(show.getValue() ? "press Start or Step: each step's state is drawn here" : "");
        grid.removeAll();
        boxes.clear();
    }

    void setTheme(boolean dark) {
        this.dark = dark;
        for (Box b : boxes.values()) {
            b.chart().setTheme(dark);
        }
    }
}

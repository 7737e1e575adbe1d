package org.optlab.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.NumberField;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.optlab.engine.Algorithm;
import org.optlab.engine.Algorithm.Hyper;
import org.optlab.experiment.ExperimentDocument;
import org.optlab.experiment.ExperimentDocument.OptimizerSpec;
import org.optlab.experiment.InvalidDocumentException;
import org.optlab.experiment.Limits;
import org.optlab.experiment.MapSpec;
import org.optlab.experiment.SweepMap;
import org.optlab.experiment.SweepMap.Cell;
import org.optlab.lab.LabService;
import org.optlab.lab.LiveSweep;
import org.optlab.lab.SweepService;
import org.optlab.ui.chart.ApexChart;

/**
 * "Map ε, α…": for one momentum-type optimizer of the lab's 2-D experiment, the steps its run takes to bring the loss to a
 * threshold over a grid of the learning rate ε and its second hyper-parameter (α for momentum and Nesterov, ρ for
 * RMSProp, ρ₁ for Adam), drawn as a heat map ({@link MapChart}) that fills in column by column as the cells finish. It
 * trains on the shared executor as one of this person's running experiments, like a sweep; Cancel stops it, closing
 * the dialog cancels it, and a click on a cell gives the card that cell's ε and α. On a quadratic the heavy ball's
 * theoretical optimum (Polyak) is marked.
 */
class MapDialog extends GridDialog<Cell> {

    /** Gives the card of document optimizer {@code i} the learning rate ε and the value of {@code second}. */
    interface SetHypers {
        void set(int i, double epsilon, Hyper second, double value);
    }

    private final ExperimentDocument document;
    private final List<String> colors;
    private final SetHypers setHypers;

    final Select<Integer> optimizer = new Select<>();
    final NumberField epsilonFrom = new NumberField("smallest ε");
    final NumberField epsilonTo = new NumberField("largest ε");
    final IntegerField columns = new IntegerField("ε cells");
    final NumberField secondFrom = new NumberField();
    final NumberField secondTo = new NumberField();
    final IntegerField rows = new IntegerField();
    final NumberField threshold = new NumberField("reach loss ≤");
    final Button run = new Button("Run map");
    final Div legend = new Div();
    final Div summary = new Div();
    final ApexChart chart = new ApexChart();
    /** The grid's fields, bound to the map's grid (paths {@code map.<component>} in its violations). */
    private final Section<MapSpec> grid = new Section<>(MapSpec.class)
            .bind(epsilonFrom, "epsilonFrom", "map.epsilonFrom").bind(epsilonTo, "epsilonTo", "map.epsilonTo")
            .bind(columns, "columns", "map.columns").bind(secondFrom, "secondFrom", "map.secondFrom")
            .bind(secondTo, "secondTo", "map.secondTo").bind(rows, "rows", "map.rows")
            .bind(threshold, "threshold", "map.threshold");

    private volatile SweepMap map;
    private MapSpec shownSpec;
    /** Hyper-parameters the card had when the map started, and what a click set since. */
    private final double[] current = new double[2];

    /**
     * @param document  the lab's experiment (its enabled optimizers, in card order), on a 2-D function
     * @param colors    each optimizer's card colour, in the document's order
     * @param preferred the optimizer to map first (a document index)
     */
    MapDialog(LabService lab, String owner, ExperimentDocument document, List<String> colors, int preferred,
              SetHypers setHypers) {
        super(lab, owner, "cells");
        this.document = document;
        this.colors = List.copyOf(colors);
        this.setHypers = setHypers;
        setHeaderTitle("(ε, α) map: which pairs of learning rate and momentum reach the minimum, and how fast?");
        setWidth("min(1100px, 95vw)");
        setId("map-dialog");
        List<Integer> mappable = mappable(document);
        optimizer.setLabel("optimizer");
        optimizer.setItems(mappable);
        optimizer.setItemLabelGenerator(i -> label(document.optimizers().get(i), i));
        optimizer.setValue(mappable.contains(preferred) ? preferred : mappable.get(0));
        optimizer.setId("map-optimizer");
        optimizer.addValueChangeListener(e -> secondLabels());
        double minimum = minimum(lab, document);
        grid.read(MapSpec.defaults(Double.isNaN(minimum) ? MapSpec.DEFAULT_GAP : minimum + MapSpec.DEFAULT_GAP));
        threshold.setHelperText(Double.isNaN(minimum) ? "the loss a run must reach"
                : "f* = " + SweepChart.Cards.number(minimum) + " at the minimum, + 10⁻⁶");
        columns.setHelperText("2 to " + Limits.MAX_MAP_SIDE + ", even in log ε");
        rows.setHelperText("2 to " + Limits.MAX_MAP_SIDE);
        epsilonFrom.setId("map-epsilon-from");
        epsilonTo.setId("map-epsilon-to");
        columns.setId("map-columns");
        secondFrom.setId("map-second-from");
        secondTo.setId("map-second-to");
        rows.setId("map-rows");
        threshold.setId("map-threshold");
        for (NumberField f : List.of(epsilonFrom, epsilonTo, secondFrom, secondTo, threshold)) {
            f.setWidth("9em");
        }
        columns.setWidth("7em");
        rows.setWidth("7em");
        secondLabels();
        run.setId("map-run");
        run.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        run.addClickListener(e -> start());
        cancel.setText("Cancel map");
        cancel.setId("map-cancel");
        Button close = new Button("Close", e -> close());
        close.setId("map-close");
        status.setId("map-status");
        status.getStyle().set("white-space", "pre-wrap");
        legend.setId("map-legend");
        legend.getStyle().set("display", "flex").set("flex-wrap", "wrap").set("gap", "0.25em 1em")
                .set("font-size", "var(--lumo-font-size-s)");
        summary.setId("map-summary");
        summary.getStyle().set("white-space", "pre-wrap").set("font-size", "var(--lumo-font-size-s)");
        chart.setId("map-chart");
        chart.setHeight("460px");
        chart.addPlotClickListener(e -> clicked(e.x(), e.y()));
        HorizontalLayout grid = new HorizontalLayout(optimizer, epsilonFrom, epsilonTo, columns, secondFrom, secondTo,
                rows, threshold);
        grid.setAlignItems(FlexComponent.Alignment.BASELINE);
        grid.getStyle().set("flex-wrap", "wrap");
        HorizontalLayout buttons = new HorizontalLayout(run, cancel);
        VerticalLayout body = new VerticalLayout(grid, buttons, status, chart, legend, summary);
        body.setPadding(false);
        add(body);
        getFooter().add(close);
        status.setText(document.steps() + " steps at most per cell, the same θ₀ and noise as the lab's experiment; a cell"
                + " stops when the loss reaches the threshold");
    }

    /** The enabled optimizers that have ε and α, ρ or ρ₁, momentum and Nesterov first. */
    static List<Integer> mappable(ExperimentDocument document) {
        List<Integer> first = new ArrayList<>();
        List<Integer> rest = new ArrayList<>();
        for (int i = 0; i < document.optimizers().size(); i++) {
            Algorithm a = document.optimizers().get(i).algorithm();
            if (a.uses(Hyper.LEARNING_RATE) && SweepMap.secondParameter(a) == Hyper.MOMENTUM) {
                first.add(i);
            } else if (a.uses(Hyper.LEARNING_RATE) && SweepMap.secondParameter(a) != null) {
                rest.add(i);
            }
        }
        first.addAll(rest);
        return first;
    }

    private static String label(OptimizerSpec o, int i) {
        return (o.label() == null || o.label().isBlank() ? o.algorithm().id() : o.label()) + " (" + o.algorithm().id()
                + ")";
    }

    private static double minimum(LabService lab, ExperimentDocument document) {
        try {
            return SweepService.knownMinimum(lab.plan(document));
        } catch (InvalidDocumentException e) {
            return Double.NaN;
        }
    }

    private Hyper second() {
        return SweepMap.secondParameter(document.optimizers().get(optimizer.getValue()).algorithm());
    }

    /** The second parameter's fields are named by its symbol: α, ρ or ρ₁. */
    private void secondLabels() {
        String s = second().symbol();
        secondFrom.setLabel("smallest " + s);
        secondTo.setLabel("largest " + s);
        rows.setLabel(s + " cells");
    }

    private void start() {
        stopGrid();
        MapSpec spec = grid.write();
        if (spec == null) {
            return;
        }
        int i = optimizer.getValue();
        SweepMap m;
        try {
            m = sweeps.planMap(document, i, spec);
        } catch (InvalidDocumentException e) {
            grid.show(e.violations());
            return;
        }
        OptimizerSpec o = document.optimizers().get(i);
        current[0] = value(o, Hyper.LEARNING_RATE);
        current[1] = value(o, m.second());
        map = m;
        shownSpec = spec;
        launch(sweeps.open(m, owner));
    }

    private static double value(OptimizerSpec o, Hyper h) {
        Double v = o.hyper(h);
        return v != null ? v : o.algorithm().defaultValue(h);
    }

    @Override
    protected void redraw(LiveSweep<Cell> s) {
        redraw();
    }

    private void redraw() {
        SweepMap m = map;
        int i = m.optimizer();
        String symbol = m.second().symbol();
        OptimizerSpec o = document.optimizers().get(i);
        String name = o.label() == null || o.label().isBlank() ? o.algorithm().id() : o.label();
        List<MapChart.Mark> marks = new ArrayList<>();
        marks.add(new MapChart.Mark(current[0], current[1], name + ": ε = " + SweepChart.Cards.number(current[0]) + ", "
                + symbol + " = " + SweepChart.Cards.number(current[1]), colors.get(i)));
        double[] polyak = m.heavyBallOptimum();
        if (polyak != null) {
            marks.add(new MapChart.Mark(polyak[0], polyak[1], "Polyak: ε* = " + MapChart.number(polyak[0]) + ", α* = "
                    + MapChart.number(polyak[1]), "#212121"));
        }
        List<MapChart.Key> keys = MapChart.draw(chart, shownSpec, symbol, document.steps(), shown, marks);
        legend.removeAll();
        for (MapChart.Key k : keys) {
            Span swatch = new Span();
            swatch.getStyle().set("display", "inline-block").set("width", "1em").set("height", "1em")
                    .set("background", k.color()).set("vertical-align", "middle").set("margin-right", "0.3em");
            Span entry = new Span(swatch, new Span(k.words()));
            legend.add(entry);
        }
        summary.setText(summaryText(m, symbol, polyak));
    }

    private String summaryText(SweepMap m, String symbol, double[] polyak) {
        List<String> lines = new ArrayList<>();
        Cell best = MapChart.fastest(shown);
        int reached = 0;
        int diverged = 0;
        for (Cell c : shown) {
            reached += c.reached() ? 1 : 0;
            diverged += c.diverged() ? 1 : 0;
        }
        lines.add(String.format(Locale.ROOT, "%d cells reached loss ≤ %s, %d diverged, %d did not reach it in %d steps",
                reached, MapChart.threshold(m.threshold()), diverged, shown.size() - reached - diverged,
                document.steps()));
        if (best != null) {
            lines.add("fastest: ε = " + MapChart.number(best.epsilon()) + ", " + symbol + " = "
                    + MapChart.number(best.second()) + " in " + best.steps() + " steps");
        }
        if (polyak != null) {
            lines.add("Polyak's heavy ball on this quadratic: α* = ((√κ − 1)/(√κ + 1))² = " + MapChart.number(polyak[1])
                    + ", ε* = 4/(√λmax + √λmin)² = " + MapChart.number(polyak[0]) + " (marked)");
        }
        return String.join("\n", lines);
    }

    /** A click on the map, in axis units (log10 ε, second): the card gets that cell's ε and second parameter. */
    void clicked(double x, double y) {
        SweepMap m = map;
        if (m == null) {
            return;
        }
        int[] rc = MapChart.cellAt(shownSpec, x, y);
        if (rc == null) {
            return;
        }
        double epsilon = m.epsilons()[rc[1]];
        double value = m.seconds()[rc[0]];
        setHypers.set(m.optimizer(), epsilon, m.second(), value);
        current[0] = epsilon;
        current[1] = value;
        Cell cell = null;
        for (Cell c : shown) {
            if (c.row() == rc[0] && c.column() == rc[1]) {
                cell = c;
            }
        }
        String what = cell == null ? "not run yet" : cell.reached() ? "reached the threshold in " + cell.steps()
                + " steps" : cell.diverged() ? cell.message() : "did not reach the threshold in " + document.steps()
                + " steps";
        redraw();
        status.setText(String.format(Locale.ROOT, "ε = %s, %s = %s set on the card (this cell %s)",
                MapChart.number(epsilon), m.second().symbol(), MapChart.number(value), what));
    }

}

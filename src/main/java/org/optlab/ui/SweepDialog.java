package org.optlab.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.NumberField;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import org.optlab.engine.Algorithm.Hyper;
import org.optlab.experiment.ExperimentDocument;
import org.optlab.experiment.InvalidDocumentException;
import org.optlab.experiment.Limits;
import org.optlab.experiment.Sweep;
import org.optlab.experiment.SweepPoint;
import org.optlab.experiment.SweepSpec;
import org.optlab.lab.LabService;
import org.optlab.lab.LiveSweep;
import org.optlab.ui.chart.ApexChart;

/**
 * "Sweep ε…": the lab's experiment run once for each learning rate ε of a log grid, every optimizer with an ε, drawn as
 * loss against ε ({@link SweepChart}). The sweep trains on the shared executor as one of this person's running
 * experiments; the chart fills in as points finish (pushed with the lab's ticker), Cancel stops it, and a click on a
 * point gives that optimizer's card the point's ε. Closing the dialog cancels the sweep.
 */
class SweepDialog extends GridDialog<SweepPoint> {

    private final ExperimentDocument document;
    private final List<String> colors;
    /** Sets ε on the card of document optimizer i. */
    private final BiConsumer<Integer, Double> setEpsilon;

    final NumberField from = new NumberField("smallest ε");
    final NumberField to = new NumberField("largest ε");
    final IntegerField points = new IntegerField("grid points");
    final Button run = new Button("Run sweep");
    final Div summary = new Div();
    final ApexChart chart = new ApexChart();
    /** The grid's fields, bound to the document's sweep section. */
    private final Section<SweepSpec> grid = new Section<>(SweepSpec.class)
            .bind(from, "from", "sweep.from").bind(to, "to", "sweep.to").bind(points, "points", "sweep.points")
            .keep("parameter");

    private volatile Sweep sweep;
    /** The height of each swept optimizer's diverged dots (in the sweep's order of optimizers). */
    private double[] dots = {};

    /**
     * @param document   the lab's experiment (its enabled optimizers, in card order)
     * @param colors     each optimizer's card colour, in the document's order
     * @param setEpsilon gives the card of document optimizer i a learning rate
     */
    SweepDialog(LabService lab, String owner, ExperimentDocument document, List<String> colors,
                BiConsumer<Integer, Double> setEpsilon) {
        super(lab, owner, "runs");
        this.document = document;
        this.colors = List.copyOf(colors);
        this.setEpsilon = setEpsilon;
        setHeaderTitle("Learning-rate sweep: how sensitive is each optimizer to ε?");
        setWidth("min(1100px, 95vw)");
        setId("sweep-dialog");
        SweepSpec spec = document.sweep() == null ? SweepSpec.defaults() : document.sweep();
        grid.read(new SweepSpec(spec.parameter(), spec.fromOrDefault(), spec.toOrDefault(), spec.pointsOrDefault()));
        from.setId("sweep-from");
        to.setId("sweep-to");
        points.setId("sweep-points");
        from.setHelperText("ε > 0");
        to.setHelperText("ε ≤ 10⁶");
        points.setHelperText("2 to " + Limits.MAX_SWEEP_POINTS + ", even in log ε");
        points.setMin(2);
        points.setMax(Limits.MAX_SWEEP_POINTS);
        run.setId("sweep-run");
        run.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        run.addClickListener(e -> start());
        cancel.setText("Cancel sweep");
        cancel.setId("sweep-cancel");
        Button close = new Button("Close", e -> close());
        close.setId("sweep-close");
        status.setId("sweep-status");
        summary.setId("sweep-summary");
        summary.getStyle().set("white-space", "pre-wrap").set("font-size", "var(--lumo-font-size-s)");
        chart.setId("sweep-chart");
        chart.setHeight("420px");
        chart.addPlotClickListener(e -> clicked(e.x(), e.y()));
        HorizontalLayout form = new HorizontalLayout(from, to, points, run, cancel);
        form.setAlignItems(FlexComponent.Alignment.BASELINE);
        VerticalLayout body = new VerticalLayout(form, status, chart, summary);
        body.setPadding(false);
        add(body);
        getFooter().add(close);
        status.setText(document.steps() + " steps per run, the same θ₀, seed and minibatch order as the lab's experiment");
    }

    /** The sweep of the lab's experiment over the grid in the fields, or the problems shown. */
    private void start() {
        stopGrid();
        SweepSpec spec = grid.write();
        if (spec == null) {
            return;
        }
        Sweep sweep;
        try {
            sweep = sweeps.plan(document.withSweep(spec), spec);
        } catch (InvalidDocumentException e) {
            grid.show(e.violations());
            return;
        }
        this.sweep = sweep;
        launch(sweeps.open(sweep, owner));
    }

    @Override
    protected void redraw(LiveSweep<SweepPoint> s) {
        Sweep sweep = this.sweep;
        int[] swept = sweep.swept();
        List<SweepChart.Line> lines = new ArrayList<>();
        for (int i : swept) {
            lines.add(new SweepChart.Line(sweep.label(i), colors.get(i),
                    currentEpsilon(document.optimizers().get(i))));
        }
        dots = SweepChart.draw(chart, sweep.grid(), swept, lines, shown, document.steps());
        summary.setText(summaryText(sweep, s));
    }

    private static Double currentEpsilon(ExperimentDocument.OptimizerSpec o) {
        Double eps = o.hyper(Hyper.LEARNING_RATE);
        return eps != null ? eps : o.algorithm().uses(Hyper.LEARNING_RATE) ? o.algorithm().defaultValue(Hyper.LEARNING_RATE)
                : null;
    }

    /** Per optimizer: its best ε so far and the smallest ε that diverged (the headless summary's verdicts). */
    private String summaryText(Sweep sweep, LiveSweep<SweepPoint> s) {
        List<SweepPoint> all = s.points();
        boolean complete = true;
        for (SweepPoint p : all) {
            complete &= p != null;
        }
        List<String> lines = new ArrayList<>();
        int[] swept = sweep.swept();
        for (int k = 0; k < swept.length; k++) {
            SweepPoint best = null;
            SweepPoint firstDiverged = null;
            for (int j = 0; j < sweep.grid().length; j++) {
                SweepPoint p = all.get(j * swept.length + k);
                if (p == null) {
                    continue;
                }
                if (p.diverged()) {
                    firstDiverged = firstDiverged == null ? p : firstDiverged;
                } else if (Double.isFinite(p.finalLoss()) && (best == null || p.finalLoss() < best.finalLoss())) {
                    best = p;
                }
            }
            String line = sweep.label(swept[k]) + ": " + (best == null ? "no run without divergence yet"
                    : "best ε " + SweepChart.Cards.number(best.learningRate()) + " (final loss "
                    + SweepChart.Cards.number(best.finalLoss()) + ")");
            if (firstDiverged != null) {
                line += "; diverged from ε = " + SweepChart.Cards.number(firstDiverged.learningRate()) + " ("
                        + firstDiverged.message() + ")";
            }
            lines.add(line);
        }
        for (int i : sweep.notSwept()) {
            lines.add(sweep.label(i) + ": not swept (no learning rate ε)");
        }
        if (complete) {
            lines.add(0, "best ε per optimizer:");
        }
        return String.join("\n", lines);
    }

    /**
     * A click on the plot, in axis units (log10 ε, log10 loss): the nearest grid ε that has finished, and among the
     * optimizers there the one drawn nearest the click, whose card gets that ε.
     */
    void clicked(double x, double y) {
        LiveSweep<SweepPoint> s = live();
        if (s == null || shown.isEmpty()) {
            return;
        }
        double[] grid = sweep.grid();
        int[] swept = sweep.swept();
        SweepPoint chosen = null;
        double bestX = Double.POSITIVE_INFINITY;
        double bestY = Double.POSITIVE_INFINITY;
        for (SweepPoint p : shown) {
            double dx = Math.abs(Math.log10(grid[p.gridIndex()]) - x);
            int line = 0;
            while (swept[line] != p.optimizer()) {
                line++;
            }
            double edge = line < dots.length ? dots[line] : dots[0];
            double drawn = p.diverged() || !(p.finalLoss() > 0) ? Math.log10(edge) : Math.log10(p.finalLoss());
            double dy = Math.abs(drawn - y);
            if (dx < bestX - 1e-9 || (Math.abs(dx - bestX) <= 1e-9 && dy < bestY)) {
                chosen = p;
                bestX = dx;
                bestY = dy;
            }
        }
        setEpsilon.accept(chosen.optimizer(), chosen.learningRate());
        status.setText(sweep.label(chosen.optimizer()) + ": learning rate ε set to "
                + SweepChart.Cards.number(chosen.learningRate()) + " on its card");
    }

}

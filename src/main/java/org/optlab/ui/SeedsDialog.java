package org.optlab.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.IntegerField;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.optlab.experiment.Defaults;
import org.optlab.experiment.ExperimentDocument;
import org.optlab.experiment.InvalidDocumentException;
import org.optlab.experiment.Limits;
import org.optlab.experiment.SeedBand;
import org.optlab.experiment.SeedCurve;
import org.optlab.experiment.Seeds;
import org.optlab.experiment.SeedsReport;
import org.optlab.experiment.SeedsSpec;
import org.optlab.lab.LabService;
import org.optlab.lab.LiveSweep;
import org.optlab.ui.chart.ApexChart;

/**
 * "Run k seeds…": the lab's experiment run once per seed (the experiment's seed, + 1, … + k − 1: another minibatch order,
 * gradient noise and θ₀ of a model each time), each optimizer drawn as its mean curve over the seeds with its band
 * ({@link SeedsChart}). The seeds train on the shared executor as one of this person's running experiments; the bands
 * widen as seeds finish (pushed with the lab's ticker), Cancel stops them, and closing the dialog cancels them. The k of
 * a run is handed to the lab ({@code onRun}), whose document then carries it as its {@code seeds} section, so a saved
 * experiment keeps its spread and the same k reproduces the same bands.
 */
class SeedsDialog extends GridDialog<SeedCurve> {

    private final ExperimentDocument document;
    private final List<String> colors;
    private final Consumer<SeedsSpec> onRun;

    final IntegerField count = new IntegerField("seeds k");
    final Button run = new Button("Run k seeds");
    final Div summary = new Div();
    final ApexChart chart = new ApexChart();
    /** The k field, bound to the document's seeds section. */
    private final Section<SeedsSpec> section = new Section<>(SeedsSpec.class).bind(count, "count", "seeds.count");

    private volatile Seeds seeds;

    /**
     * @param document the lab's experiment (its enabled optimizers, in card order)
     * @param colors   each optimizer's card colour, in the document's order
     * @param onRun    told the seeds section of a run that starts, for the lab's document
     */
    SeedsDialog(LabService lab, String owner, ExperimentDocument document, List<String> colors,
                Consumer<SeedsSpec> onRun) {
        super(lab, owner, "runs");
        this.document = document;
        this.colors = List.copyOf(colors);
        this.onRun = onRun;
        setHeaderTitle("k seeds: how much does each curve owe to chance?");
        setWidth("min(1100px, 95vw)");
        setId("seeds-dialog");
        section.read(new SeedsSpec(document.seeds() == null ? Defaults.SEEDS : document.seeds().countOrDefault()));
        count.setId("seeds-count");
        count.setMin(1);
        count.setMax(Limits.MAX_SEEDS);
        count.setStepButtonsVisible(true);
        count.setHelperText("1 to " + Limits.MAX_SEEDS + "; seed i is the experiment's seed + i");
        run.setId("seeds-run");
        run.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        run.addClickListener(e -> start());
        cancel.setText("Cancel");
        cancel.setId("seeds-cancel");
        Button close = new Button("Close", e -> close());
        close.setId("seeds-close");
        status.setId("seeds-status");
        status.getStyle().set("white-space", "pre-wrap");
        summary.setId("seeds-summary");
        summary.getStyle().set("white-space", "pre-wrap").set("font-size", "var(--lumo-font-size-s)");
        chart.setId("seeds-chart");
        chart.setHeight("420px");
        HorizontalLayout form = new HorizontalLayout(count, run, cancel);
        form.setAlignItems(FlexComponent.Alignment.BASELINE);
        VerticalLayout body = new VerticalLayout(form, status, chart, summary);
        body.setPadding(false);
        add(body);
        getFooter().add(close);
        status.setText(document.steps() + " steps per run; each seed draws its own minibatch order, gradient noise and θ₀"
                + " of a model, everything else is the lab's experiment");
    }

    /** The k seeds of the lab's experiment, or the problems shown in the dialog's words. */
    private void start() {
        stopGrid();
        SeedsSpec spec = section.write();
        if (spec == null) {
            return;
        }
        Seeds seeds;
        try {
            seeds = sweeps.planSeeds(document, spec);
        } catch (InvalidDocumentException e) {
            section.show(e.violations());
            return;
        }
        this.seeds = seeds;
        if (launch(sweeps.open(seeds, owner))) {
            onRun.accept(spec);
        }
    }

    /** The finished runs of the whole seeds so far (every optimizer of a seed done), in the grid's order. */
    private SeedCurve[] wholeSeeds(LiveSweep<SeedCurve> s) {
        List<SeedCurve> all = s.points();
        int n = seeds.optimizers();
        int whole = 0;
        while (whole < seeds.count() && all.subList(whole * n, (whole + 1) * n).stream().allMatch(c -> c != null)) {
            whole++;
        }
        return all.subList(0, whole * n).toArray(new SeedCurve[0]);
    }

    @Override
    protected String progress(LiveSweep<SeedCurve> s) {
        return wholeSeeds(s).length / seeds.optimizers() + " of " + seeds.count() + " seeds (" + s.done() + " of "
                + s.size() + " runs)";
    }

    @Override
    protected String finished(LiveSweep<SeedCurve> s) {
        return seeds.count() + " seeds × " + seeds.optimizers() + " optimizers";
    }

    /** The bands over the seeds finished so far (whole seeds: every optimizer of a seed done) and the summary. */
    @Override
    protected void redraw(LiveSweep<SeedCurve> s) {
        SeedCurve[] finished = wholeSeeds(s);
        int n = seeds.optimizers();
        int whole = finished.length / n;
        List<SeedBand> bands = seeds.bands(finished);
        List<SeedsChart.Line> lines = new ArrayList<>();
        for (int o = 0; o < n; o++) {
            lines.add(new SeedsChart.Line(seeds.label(o), colors.get(o)));
        }
        if (whole > 0) {
            SeedsChart.draw(chart, lines, bands, whole, seeds.count(), document.steps());
        }
        summary.setText(summaryText(seeds, finished));
    }

    /** Per optimizer: the final loss's mean ± sd over the seeds that did not diverge, and the seeds that diverged. */
    private static String summaryText(Seeds seeds, SeedCurve[] finished) {
        List<String> lines = new ArrayList<>();
        for (int o = 0; o < seeds.optimizers(); o++) {
            SeedsReport.FinalLoss f = SeedsReport.finalLoss(o, finished);
            if (f.seeds() + f.diverged() == 0) {
                continue;
            }
            StringBuilder line = new StringBuilder(seeds.label(o)).append(": ");
            if (f.seeds() == 0) {
                line.append("no seed without divergence");
            } else {
                line.append("final loss ").append(SweepChart.Cards.number(f.mean()));
                if (f.sd() != null) {
                    line.append(" ± ").append(SweepChart.Cards.number(f.sd()));
                }
                line.append(" (mean").append(f.sd() != null ? " ± sd" : "").append(" over ").append(f.seeds())
                        .append(f.seeds() == 1 ? " seed)" : " seeds)");
            }
            if (f.diverged() > 0) {
                for (SeedCurve c : finished) {
                    if (c.optimizer() == o && (c.diverged() || !Double.isFinite(c.finalLoss()))) {
                        line.append("; ").append(f.diverged()).append(" diverged (seed ").append(c.seed()).append(": ")
                                .append(c.message()).append(")");
                        break;
                    }
                }
            }
            lines.add(line.toString());
        }
        return String.join("\n", lines);
    }

}

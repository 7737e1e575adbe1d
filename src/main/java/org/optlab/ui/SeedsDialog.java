package org.optlab.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.IntegerField;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ScheduledFuture;
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
import org.optlab.experiment.Violation;
import org.optlab.lab.LabService;
import org.optlab.lab.LiveSeeds;
import org.optlab.lab.SeedsService;
import org.optlab.ui.chart.ApexChart;

/**
 * "Run k seeds…": the lab's experiment run once per seed (the experiment's seed, + 1, … + k − 1: another minibatch order,
 * gradient noise and θ₀ of a model each time), each optimizer drawn as its mean curve over the seeds with its band
 * ({@link SeedsChart}). The seeds train on the shared executor as one of this person's running experiments; the bands
 * widen as seeds finish (pushed with the lab's ticker), Cancel stops them, and closing the dialog cancels them. The k of
 * a run is handed to the lab ({@code onRun}), whose document then carries it as its {@code seeds} section, so a saved
 * experiment keeps its spread and the same k reproduces the same bands.
 */
class SeedsDialog extends Dialog {

    private final SeedsService service;
    private final String owner;
    private final ExperimentDocument document;
    private final List<String> colors;
    private final Consumer<SeedsSpec> onRun;

    final IntegerField count = new IntegerField("seeds k");
    final Button run = new Button("Run k seeds");
    final Button cancel = new Button("Cancel");
    final Span status = new Span();
    final Div summary = new Div();
    final ApexChart chart = new ApexChart();

    private volatile LiveSeeds live;
    private int shownDone = -1;
    private LiveSeeds.State shownState;
    private ScheduledFuture<?> ticker;
    private long startedNanos;

    /**
     * @param document the lab's experiment (its enabled optimizers, in card order)
     * @param colors   each optimizer's card colour, in the document's order
     * @param onRun    told the seeds section of a run that starts, for the lab's document
     */
    SeedsDialog(LabService lab, String owner, ExperimentDocument document, List<String> colors,
                Consumer<SeedsSpec> onRun) {
        this.service = new SeedsService(lab);
        this.owner = owner;
        this.document = document;
        this.colors = List.copyOf(colors);
        this.onRun = onRun;
        setHeaderTitle("k seeds: how much does each curve owe to chance?");
        setWidth("min(1100px, 95vw)");
        setId("seeds-dialog");
        count.setValue(document.seeds() == null ? Defaults.SEEDS : document.seeds().countOrDefault());
        count.setId("seeds-count");
        count.setMin(1);
        count.setMax(Limits.MAX_SEEDS);
        count.setStepButtonsVisible(true);
        count.setHelperText("1 to " + Limits.MAX_SEEDS + "; seed i is the experiment's seed + i");
        run.setId("seeds-run");
        run.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        run.addClickListener(e -> start());
        cancel.setId("seeds-cancel");
        cancel.setEnabled(false);
        cancel.addClickListener(e -> cancelSeeds());
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
        addOpenedChangeListener(e -> {
            if (!e.isOpened()) {
                stopSeeds();
            }
        });
        status.setText(document.steps() + " steps per run; each seed draws its own minibatch order, gradient noise and θ₀"
                + " of a model, everything else is the lab's experiment");
    }

    /** The k seeds of the lab's experiment, or the problems shown in the dialog's words. */
    private void start() {
        stopSeeds();
        Integer k = count.getValue();
        if (k == null) {
            count.setInvalid(true);
            count.setErrorMessage("give the number of seeds k, 1 to " + Limits.MAX_SEEDS);
            status.setText("seeds k is required: 1 to " + Limits.MAX_SEEDS);
            return;
        }
        SeedsSpec spec = new SeedsSpec(k);
        Seeds seeds;
        try {
            seeds = service.plan(document, spec);
        } catch (InvalidDocumentException e) {
            List<String> words = new ArrayList<>();
            for (Violation v : e.violations()) {
                words.add(v.where().equals("seeds.count") ? "seeds k " + v.message() : v.toString());
            }
            count.setInvalid(e.violations().stream().anyMatch(v -> v.where().equals("seeds.count")));
            count.setErrorMessage(count.isInvalid() ? words.get(0) : null);
            status.setText(String.join("\n", words));
            return;
        }
        count.setInvalid(false);
        LiveSeeds s = service.open(seeds, owner);
        String refused = service.mayStart(s);
        if (refused != null) {
            s.close();
            status.setText(refused);
            return;
        }
        live = s;
        shownDone = -1;
        shownState = null;
        startedNanos = System.nanoTime();
        onRun.accept(spec);
        s.start();
        cancel.setEnabled(true);
        push();
    }

    private void cancelSeeds() {
        LiveSeeds s = live;
        if (s != null) {
            s.cancel();
            push();
        }
    }

    private void stopSeeds() {
        LiveSeeds s = live;
        if (s != null) {
            s.close();
        }
    }

    /** The bands over the seeds finished so far, the progress and the summary. */
    void push() {
        LiveSeeds s = live;
        if (s == null) {
            return;
        }
        LiveSeeds.State state = s.state();
        int done = s.done();
        if (done == shownDone && state == shownState) {
            return;
        }
        shownDone = done;
        shownState = state;
        Seeds seeds = s.seeds();
        SeedCurve[] curves = s.curves();
        // the seeds whose every optimizer has finished: the bands are over whole seeds
        int n = seeds.optimizers();
        int whole = done / n;
        SeedCurve[] finished = new SeedCurve[whole * n];
        System.arraycopy(curves, 0, finished, 0, finished.length);
        List<SeedBand> bands = seeds.bands(finished);
        List<SeedsChart.Line> lines = new ArrayList<>();
        for (int o = 0; o < n; o++) {
            lines.add(new SeedsChart.Line(seeds.label(o), colors.get(o)));
        }
        if (whole > 0) {
            SeedsChart.draw(chart, lines, bands, whole, seeds.count(), document.steps());
        }
        String progress = whole + " of " + seeds.count() + " seeds (" + done + " of " + s.size() + " runs)";
        switch (state) {
            case WAITING -> status.setText(LabView.waitingText(s.positionInLine()));
            case RUNNING, READY -> status.setText("running: " + progress + " done");
            case CANCELLED -> status.setText("cancelled: " + progress + " done");
            case FINISHED -> status.setText(String.format(Locale.ROOT, "finished: %d seeds × %d optimizers in %.1f s",
                    seeds.count(), n, (System.nanoTime() - startedNanos) / 1e9));
        }
        cancel.setEnabled(s.active());
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

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        super.onAttach(attachEvent);
        UI ui = attachEvent.getUI();
        ticker = service.executorForPush().everyPush(() -> {
            LiveSeeds s = live;
            if (s != null && (s.state() != shownState || s.done() != shownDone)) {
                ui.access(this::push);
            }
        });
    }

    @Override
    protected void onDetach(DetachEvent detachEvent) {
        if (ticker != null) {
            ticker.cancel(false);
            ticker = null;
        }
        stopSeeds();
        super.onDetach(detachEvent);
    }
}

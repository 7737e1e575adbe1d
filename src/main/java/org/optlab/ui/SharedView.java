package org.optlab.ui;

import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import org.optlab.engine.Algorithm;
import org.optlab.experiment.ExperimentDocument;
import org.optlab.experiment.ExperimentDocument.OptimizerResult;
import org.optlab.experiment.ExperimentPlan;
import org.optlab.experiment.InvalidDocumentException;
import org.optlab.lab.LabService;
import org.optlab.lab.LiveExperiment;
import org.optlab.sharing.SharingException;
import org.optlab.sharing.SharingService;
import org.optlab.ui.chart.ApexChart;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A shared experiment, {@code /e/{id}}: read-only, its saved curves drawn at once; "Run again" re-runs the document and
 * says whether the numbers are bit-identical; "Copy to my lab" forks it into the visitor's own lab. Only the owner can
 * rename or delete it. What went wrong is said in the student's words: an unknown or malformed id is a "Not found"
 * page, a saved file that cannot be read says so and why, a refused change says which rule refused it.
 */
@Route("e/:id")
@jakarta.annotation.security.PermitAll // with sign-in on: any signed-in user
@PageTitle("OptLab: shared experiment")
public class SharedView extends VerticalLayout implements BeforeEnterObserver {

    private static final Logger LOG = LoggerFactory.getLogger(SharedView.class);

    private final LabService lab;
    private final SharingService sharing;
    private final ApexChart lossChart = new ApexChart();
    private final ApexChart sideChart = new ApexChart();
    /** On datasets: the saved validation loss and, with a fresh test set, J* (dashed), as the lab drew them. */
    private final ApexChart heldOutChart = new ApexChart();
    private final Span rerun = new Span();
    private String id;
    private ExperimentDocument document;
    /** The re-run in progress ("Run again"), trained on the shared executor. */
    private LiveExperiment again;
    private ScheduledFuture<?> ticker;

    public SharedView(LabService lab, SharingService sharing) {
        this.lab = lab;
        this.sharing = sharing;
        setPadding(true);
        lossChart.setId("shared-loss-chart");
        sideChart.setId("shared-side-chart");
        heldOutChart.setId("shared-held-out-chart");
        heldOutChart.setVisible(false);
        rerun.setId("rerun-result");
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        closeAgain();
        removeAll();
        id = event.getRouteParameters().get("id").orElse("");
        SharingService.SharedExperiment entry;
        try {
            entry = sharing.open(id, Owner.token());
        } catch (SharingException e) {
            Paragraph why = new Paragraph(sentence(e.getMessage()));
            why.setId("shared-error");
            add(new H1(e instanceof SharingException.Unreadable ? "Cannot be read" : "Not found"), why,
                    new Anchor("/", "Open the lab"));
            return;
        }
        document = entry.document();
        boolean mine = entry.mine();
        add(new H1(document.name() == null ? "Shared experiment" : document.name()));
        add(new Paragraph(describe(document) + " · saved " + SAVED.format(entry.saved()) + " UTC"
                + (mine ? " · yours" : "")));
        org.optlab.experiment.Lessons.Lesson lesson = org.optlab.experiment.Lessons.byId(document.lesson());
        if (lesson != null) {
            // a lesson shared from the lab: its text beside its curves (the lab keeps the lesson while the problem is the
            // lesson's; the optimizers, seed, steps and θ₀ may have been changed since it was opened)
            LessonPanel text = new LessonPanel();
            text.show(lesson);
            add(text);
        }
        Button again = new Button("Run again", e -> runAgain());
        again.setId("run-again");
        again.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Button copy = new Button("Copy to my lab", e -> copy());
        copy.setId("copy-to-lab");
        HorizontalLayout actions = new HorizontalLayout(again, copy);
        if (document.seeds() != null) {
            // the spread saved with the experiment: its k seeds run again, the same bands as where it was saved
            Button seeds = new Button("Run " + document.seeds().countOrDefault() + " seeds again", e -> runSeedsAgain());
            seeds.setId("seeds-again");
            actions.add(seeds);
        }
        if (mine) {
            com.vaadin.flow.component.textfield.TextField name = new com.vaadin.flow.component.textfield.TextField();
            name.setId("new-name");
            name.setValue(document.name() == null ? "" : document.name());
            name.setMaxLength(org.optlab.experiment.Limits.MAX_NAME_LENGTH);
            Button rename = new Button("Rename", e -> rename(name.getValue()));
            rename.setId("rename");
            Button delete = new Button("Delete", e -> delete());
            delete.addThemeVariants(ButtonVariant.LUMO_ERROR);
            delete.setId("delete");
            actions.add(name, rename, delete);
        }
        actions.add(new Anchor("/", "Open the lab"));
        add(actions, rerun);
        Div charts = new Div(lossChart, heldOutChart, sideChart);
        charts.getStyle().set("display", "grid").set("grid-template-columns", "repeat(auto-fit, minmax(min(420px, 100%), 1fr))")
                .set("gap", "var(--lumo-space-m)").set("width", "100%");
        add(charts);
        draw(document);
        Div statuses = new Div();
        if (document.results() != null) {
            for (OptimizerResult r : document.results()) {
                statuses.add(new Paragraph(r.label() + " (" + r.algorithm() + "): " + r.status() + ", " + r.message()));
            }
        }
        add(statuses);
    }

    private static String describe(ExperimentDocument d) {
        String problem = d.problem().id();
        List<String> labels = new ArrayList<>();
        d.optimizers().forEach(o -> labels.add(o.label() != null ? o.label() : o.algorithm().id()));
        return problem + " · " + String.join(", ", labels) + " · " + d.steps() + " steps, seed "
                + (d.seed() == null ? org.optlab.experiment.Defaults.SEED : d.seed());
    }

    /** When it was saved, to the minute, as My experiments shows it: "2026-12-02 16:38 UTC". */
    private static final java.time.format.DateTimeFormatter SAVED = java.time.format.DateTimeFormatter
            .ofPattern("yyyy-MM-dd HH:mm").withZone(java.time.ZoneOffset.UTC);

    /** The saved curves, drawn from the document alone: no training. */
    private void draw(ExperimentDocument d) {
        List<OptimizerResult> results = d.results() == null ? List.of() : d.results();
        List<Charts.Line> lines = new ArrayList<>();
        Set<String> used = new HashSet<>();
        for (OptimizerResult r : results) {
            // the lab's colours: each algorithm in its lecture colour, a repeated one in a spare
            String color = Colors.distinct(Algorithm.byId(r.algorithm()), used);
            used.add(color);
            lines.add(new Charts.Line(r.label(), color));
        }
        Charts.curves(lossChart, "Training loss (saved)", "loss", lines, d.steps());
        List<Integer> idx = new ArrayList<>();
        List<List<double[]>> loss = new ArrayList<>();
        List<List<double[]>> paths = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            OptimizerResult r = results.get(i);
            List<double[]> l = new ArrayList<>();
            for (int k = 0; k < r.steps().length; k++) {
                l.add(new double[] {r.steps()[k], r.loss()[k]});
            }
            idx.add(i);
            loss.add(l);
            List<double[]> path = new ArrayList<>();
            if (r.path() != null) {
                for (int k = 0; k < r.path().length; k++) {
                    // θ, and the step and loss of that point for the hover
                    path.add(new double[] {r.path()[k][0], r.path()[k][1], r.steps()[k], r.loss()[k]});
                }
            }
            paths.add(path);
        }
        // the lab's default: losses on the log scale, unless one goes below 0 (0 itself is a gap the chart notes)
        boolean negative = results.stream().anyMatch(r -> r.loss() != null
                && java.util.Arrays.stream(r.loss()).anyMatch(v -> v < 0));
        lossChart.setLogarithmic(!negative);
        lossChart.append(idx, loss);
        drawHeldOut(results, lines, d.steps(), negative);
        boolean function = d.problem() instanceof org.optlab.experiment.ExperimentDocument.ProblemSpec.FunctionSpec;
        sideChart.setVisible(function);
        if (function) {
            try {
                ExperimentPlan plan = ExperimentPlan.prepare(d);
                Charts.contour(sideChart, plan.function(), lines, plan.starts(), false);
                sideChart.append(idx, paths);
            } catch (InvalidDocumentException e) {
                sideChart.setVisible(false);
            }
        }
    }

    /**
     * The saved validation loss (solid) and the loss on a fresh test set, J* (dashed), of every result that has them:
     * the lesson "J and J*" makes its point on this chart, so its share link draws it too.
     */
    private void drawHeldOut(List<OptimizerResult> results, List<Charts.Line> lines, long steps, boolean negative) {
        List<Charts.Line> drawn = new ArrayList<>();
        List<List<double[]>> points = new ArrayList<>();
        List<Integer> dashes = new ArrayList<>();
        for (String metric : List.of("validationLoss", org.optlab.engine.model.DataProblem.TEST_LOSS)) {
            for (int i = 0; i < results.size(); i++) {
                OptimizerResult r = results.get(i);
                double[] values = r.metrics() == null ? null : r.metrics().get(metric);
                if (values == null) {
                    continue;
                }
                drawn.add(new Charts.Line(lines.get(i).name() + (metric.equals("validationLoss") ? " · validation"
                        : " · J* (fresh test set)"), lines.get(i).color()));
                List<double[]> l = new ArrayList<>();
                for (int k = 0; k < r.steps().length && k < values.length; k++) {
                    l.add(new double[] {r.steps()[k], values[k]});
                }
                points.add(l);
                dashes.add(metric.equals("validationLoss") ? 0 : 6);
            }
        }
        heldOutChart.setVisible(!drawn.isEmpty());
        if (drawn.isEmpty()) {
            return;
        }
        Charts.curves(heldOutChart, dashes.contains(6) ? "Held-out loss (saved): validation, and J* on a fresh test set"
                + " (dashed)" : "Validation loss (saved)", "loss", drawn, steps);
        com.fasterxml.jackson.databind.node.ArrayNode dash = heldOutChart.options().putObject("stroke")
                .put("width", 2).put("curve", "straight").putArray("dashArray");
        dashes.forEach(dash::add);
        heldOutChart.setLogarithmic(!negative);
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < drawn.size(); i++) {
            idx.add(i);
        }
        heldOutChart.append(idx, points);
    }

    /** The saved document's k seeds, in the lab's seeds dialog (on the shared executor, one of this person's runs). */
    private void runSeedsAgain() {
        List<String> colors = new ArrayList<>();
        Set<String> used = new HashSet<>();
        for (ExperimentDocument.OptimizerSpec o : document.optimizers()) {
            String color = Colors.distinct(o.algorithm(), used);
            used.add(color);
            colors.add(color);
        }
        new SeedsDialog(lab, Owner.token(), document.withResults(null), colors, spec -> { }).open();
    }

    /**
     * Re-runs the document on the server's shared training executor (so a visitor's re-run waits its turn like any run),
     * shows its progress, and compares every number with the saved results when it has finished.
     */
    private void runAgain() {
        if (again != null && again.state() != LiveExperiment.State.FINISHED && again.state() != LiveExperiment.State.STOPPED) {
            return;
        }
        closeAgain();
        ExperimentDocument saved = document;
        try {
            again = lab.open(lab.plan(saved.withResults(null)), Owner.token());
        } catch (InvalidDocumentException e) {
            rerun.setText("could not run again: " + String.join("; ", e.problems()));
            return;
        }
        String refused = lab.mayStart(again);
        if (refused != null) {
            closeAgain();
            rerun.setText(refused);
            return;
        }
        rerun.setText("running again…");
        again.start();
        UI ui = UI.getCurrent();
        LiveExperiment running = again;
        ticker = lab.executor().everyPush(() -> ui.access(() -> progress(running, saved)));
    }

    /** One push while running again: its position in line or its progress, and the comparison at the end. */
    private void progress(LiveExperiment running, ExperimentDocument saved) {
        if (running != again) {
            return;
        }
        switch (running.state()) {
            case WAITING -> rerun.setText("running again: " + org.optlab.lab.RunWords.waiting(running.positionInLine()));
            case RUNNING -> rerun.setText("running again: step " + running.runs().get(0).step() + " of " + saved.steps());
            case FINISHED -> {
                ExperimentDocument result = running.snapshot();
                cancelTicker();
                rerun.setText(compare(saved.results(), result.results()));
                draw(result);
            }
            default -> {
                cancelTicker();
                rerun.setText("running again: stopped");
            }
        }
    }

    private void cancelTicker() {
        if (ticker != null) {
            ticker.cancel(false);
            ticker = null;
        }
    }

    private void closeAgain() {
        cancelTicker();
        if (again != null) {
            again.close();
            again = null;
        }
    }

    @Override
    protected void onDetach(DetachEvent detachEvent) {
        closeAgain();
        super.onDetach(detachEvent);
    }

    /**
     * "bit-identical" when every recorded step, loss and θ matches; else, for a run saved by another version of the
     * engine's arithmetic, by how much the numbers differ; else where the first difference is.
     */
    static String compare(List<OptimizerResult> saved, List<OptimizerResult> again) {
        return org.optlab.experiment.RerunComparison.describe(saved, again);
    }

    /** A message as a sentence: capital first letter, full stop. */
    private static String sentence(String message) {
        return Character.toUpperCase(message.charAt(0)) + message.substring(1) + ".";
    }

    private void copy() {
        try {
            String fork = sharing.fork(id, Owner.token());
            UI.getCurrent().navigate("", com.vaadin.flow.router.QueryParameters.of("open", fork));
        } catch (SharingException e) {
            rerun.setText(e.getMessage());
        }
    }

    private void rename(String newName) {
        try {
            sharing.rename(id, newName, Owner.token());
            UI.getCurrent().getPage().reload();
        } catch (SharingException e) {
            LOG.warn("refused rename of {}: {}", id, e.getMessage());
            rerun.setText(e.getMessage());
        }
    }

    private void delete() {
        try {
            sharing.delete(id, Owner.token());
            UI.getCurrent().navigate(LabView.class);
        } catch (SharingException e) {
            LOG.warn("refused delete of {}: {}", id, e.getMessage());
            rerun.setText(e.getMessage());
        }
    }
}

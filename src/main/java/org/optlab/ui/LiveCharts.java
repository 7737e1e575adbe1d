package org.optlab.ui;

import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.optlab.engine.RunStatus;
import org.optlab.experiment.DocumentWriter;
import org.optlab.experiment.ExperimentDocument;
import org.optlab.experiment.ExperimentDocument.OptimizerResult;
import org.optlab.experiment.ExperimentPlan;
import org.optlab.lab.LiveRun;
import org.optlab.ui.chart.ApexChart;

/**
 * The lab's charts: training loss, the side chart (contours and paths of a 2-D function, or the data and a model's decision
 * regions), validation loss and accuracy, with their tools (log scale, whose decision regions, a note on the data). The
 * lab configures them for an experiment's plan and feeds them each push with the points its runs produced since the last.
 */
class LiveCharts extends VerticalLayout {

    /** The decision map is REGION_CELLS × REGION_CELLS cells. */
    static final int REGION_CELLS = 40;
    /** Decision regions are recomputed and sent about twice a second while training. */
    private static final long REGIONS_EVERY_NANOS = 450_000_000L;

    final ApexChart loss = new ApexChart();
    final ApexChart side = new ApexChart();
    final ApexChart validation = new ApexChart();
    final ApexChart accuracy = new ApexChart();
    private final Checkbox logScale = new Checkbox("log scale");
    /** Which run's decision regions are shaded: the run's index, shown by its label. */
    private final Select<Integer> regionsOf = new Select<>();
    private final Span note = new Span();
    /** The log scale was turned off because a loss went to 0 or below (not by the student): the next plan turns it on again. */
    private boolean logTurnedOffForNegative;

    private DecisionMap regions;
    /** The curve charts' x axis on datasets: "step" or "epoch" (examples seen / N). */
    private final Select<String> xAxis = new Select<>();
    private long steps;
    /** Per run: the epochs one step sees, m_i / N (0 on a 2-D function). */
    private double[] epochsPerStep;
    /** The side chart is a contour plot (a 2-D function), not the data. */
    private boolean contour;
    /** The runs whose regions can be drawn (the last ones seen), for a change of the selector after a run. */
    private List<LiveRun> regionRuns;
    /** Says whose regions are shaded and at which step. */
    private final Span regionsCaption = new Span();
    private long regionsDrawn;
    private int validationMetric = -1;
    /** The index of the fresh test set's loss (J*), or −1; drawn dashed on the validation chart, series runs + i. */
    private int testMetric = -1;
    /** Per run: the index of its minibatch-loss metric (runs with m &lt; N), or −1. */
    private int[] minibatchMetric = new int[0];
    /** Runs on the loss chart: series 0 … runs − 1; then the faint minibatch traces of the runs that have one. */
    private int runCount;
    /** Per run: the loss chart's series of its minibatch trace, or −1. */
    private int[] traceSeries = new int[0];
    /** Per loss-chart series: the run it belongs to. */
    private int[] seriesRun = new int[0];
    private int accuracyMetric = -1;
    /** Runs whose end is already labelled on the loss chart. */
    private final Set<Integer> marked = new HashSet<>();

    LiveCharts() {
        loss.setId("loss-chart");
        side.setId("side-chart");
        side.setHeight("420px");
        validation.setId("validation-chart");
        accuracy.setId("accuracy-chart");
        // log scale is the default for loss charts (log10 on a linear axis, ticks 10ᵏ: see optlab-chart.js)
        logScale.addValueChangeListener(e -> {
            loss.setLogarithmic(e.getValue());
            validation.setLogarithmic(e.getValue());
            if (e.isFromClient()) {
                logTurnedOffForNegative = false;
            }
        });
        logScale.setValue(true);
        logScale.getStyle().set("white-space", "nowrap"); // "log scale" on one line beside the selects
        regionsOf.setLabel("Decision regions of");
        regionsOf.setId("regions-of");
        // a new choice is drawn at once, also after the run has ended (no push would redraw it then)
        regionsOf.addValueChangeListener(e -> {
            regionsDrawn = 0;
            if (regionRuns != null) {
                drawRegions(regionRuns, true);
            }
        });
        regionsCaption.setId("regions-caption");
        regionsCaption.getStyle().set("font-size", "var(--lumo-font-size-s)");
        note.getStyle().set("font-size", "var(--lumo-font-size-s)").set("color", "var(--lumo-secondary-text-color)");

        xAxis.setId("x-axis");
        xAxis.setLabel("x axis");
        xAxis.setItems("step", "epoch", "seconds");
        xAxis.setItemLabelGenerator(v -> switch (v) {
            case "epoch" -> "epochs (examples seen / N)";
            case "seconds" -> "training time (s)";
            default -> "steps";
        });
        xAxis.setValue("step");
        xAxis.setVisible(false);
        xAxis.addValueChangeListener(e -> switchXAxis());
        HorizontalLayout tools = new HorizontalLayout(logScale, xAxis, regionsOf, regionsCaption, note);
        tools.setAlignItems(FlexComponent.Alignment.BASELINE);
        // on a phone the tools wrap onto more lines: the decision-regions select and its caption were off the screen
        tools.setWrap(true);
        tools.setWidthFull();
        Div grid = new Div(loss, side, validation, accuracy);
        grid.addClassName("chart-grid");
        grid.getStyle().set("display", "grid").set("grid-template-columns", "repeat(auto-fit, minmax(min(380px, 100%), 1fr))")
                .set("gap", "var(--lumo-space-m)").set("width", "100%");
        add(tools, grid);
        setPadding(false);
        getStyle().set("min-width", "0").set("flex", "1 1 600px");
    }

    /** What the charts were last set up for ({@link #preview}). */
    private String drawnFor = "";

    /**
     * A fresh preview of {@code plan}, run i in {@code colors.get(i)}: with the same problem and the same optimizers'
     * names and colours as drawn, the contours stay and the curves are cleared; otherwise every chart is set up again.
     *
     * @param dataName as for {@link #configure(ExperimentPlan, List, String)}
     */
    void preview(ExperimentPlan plan, List<String> colors, String dataName) {
        String signature = signature(plan, colors);
        if (signature.equals(drawnFor)) {
            clear(!plan.isDataset());
        } else {
            List<Charts.Line> lines = new ArrayList<>();
            for (int i = 0; i < plan.size(); i++) {
                lines.add(new Charts.Line(plan.label(i), colors.get(i)));
            }
            configure(plan, lines, dataName);
            drawnFor = signature;
        }
    }

    /** What the charts' configuration depends on: the problem, and each run's label and colour. */
    private static String signature(ExperimentPlan plan, List<String> colors) {
        // the steps too: the step axis runs from 0 to a round number at or above them
        StringBuilder sb = new StringBuilder(DocumentWriter.write(new ExperimentDocument(1, null, plan.document().seed(),
                plan.document().steps(), null, plan.document().problem(), List.of(), null, null)));
        for (int i = 0; i < plan.size(); i++) {
            sb.append('|').append(plan.label(i)).append('|').append(colors.get(i));
            if (plan.isDataset()) {
                sb.append('|').append(plan.batchSize(i)); // an epoch axis scales each run by m_i / N
            } else {
                sb.append('|').append(java.util.Arrays.toString(plan.start(i))); // the contour plot marks each start
            }
        }
        return sb.toString();
    }

    /** Sets every chart up for {@code plan}, with run i drawn as {@code lines.get(i)}. */
    void configure(ExperimentPlan plan, List<Charts.Line> lines) {
        configure(plan, lines, null);
    }

    /** @param dataName the dataset's name as the student knows it (an upload's file name), or null for its own name */
    void configure(ExperimentPlan plan, List<Charts.Line> lines, String dataName) {
        steps = plan.document().steps();
        epochsPerStep = new double[plan.size()];
        if (plan.isDataset()) {
            double n = plan.split().train().size();
            for (int i = 0; i < plan.size(); i++) {
                // one step of run i sees m_i examples: m_i / N of an epoch (the second-order methods: all N)
                epochsPerStep[i] = plan.batchSize(i) / n;
            }
        }
        xAxis.setVisible(plan.isDataset());
        if (!plan.isDataset()) {
            xAxis.setValue("step");
        }
        xMax = 0;
        runCount = lines.size();
        minibatchMetric = new int[plan.size()];
        List<Charts.Line> withTraces = new ArrayList<>(lines);
        boolean traces = false;
        for (int i = 0; i < plan.size(); i++) {
            minibatchMetric[i] = plan.isDataset()
                    ? List.of(plan.problem(i).metricNames()).indexOf(org.optlab.engine.model.DataProblem.MINIBATCH_LOSS) : -1;
            traces |= minibatchMetric[i] >= 0;
        }
        traceSeries = new int[plan.size()];
        List<Integer> owners = new ArrayList<>();
        for (int i = 0; i < plan.size(); i++) {
            owners.add(i);
        }
        for (int i = 0; i < plan.size(); i++) {
            // beside each minibatch run's training loss, faint: the loss on its minibatches, the noisy J it follows
            traceSeries[i] = minibatchMetric[i] >= 0 ? withTraces.size() : -1;
            if (minibatchMetric[i] >= 0) {
                withTraces.add(new Charts.Line(lines.get(i).name() + " · minibatch loss", lines.get(i).color() + "55"));
                owners.add(i);
            }
        }
        seriesRun = owners.stream().mapToInt(Integer::intValue).toArray();
        Charts.curves(loss, "Training loss", "loss", withTraces, xAxisOptions());
        if (traces) {
            com.fasterxml.jackson.databind.node.ArrayNode widths = loss.options().putObject("stroke")
                    .put("curve", "straight").putArray("width");
            for (int i = 0; i < withTraces.size(); i++) {
                widths.add(i < runCount ? 2 : 1);
            }
        }
        if (logTurnedOffForNegative) {
            logTurnedOffForNegative = false;
            logScale.setValue(true);
            note.setText("");
        }
        marked.clear();
        warned.clear();
        regions = null;
        regionRuns = null;
        regionsOf.setVisible(false);
        regionsCaption.setText("");
        validationMetric = -1;
        testMetric = -1;
        accuracyMetric = -1;
        side.clearOverlay();
        stepArrows.clear();
        contour = !plan.isDataset();
        if (!plan.isDataset()) {
            Charts.contour(side, plan.function(), lines, plan.starts(), true);
            side.setVisible(true);
            validation.setVisible(false);
            accuracy.setVisible(false);
            note.setText("");
            return;
        }
        List<String> names = List.of(plan.problem(0).metricNames());
        validationMetric = names.indexOf("validationLoss");
        accuracyMetric = names.indexOf("validationAccuracy") >= 0 ? names.indexOf("validationAccuracy") : names.indexOf("accuracy");
        testMetric = names.indexOf(org.optlab.engine.model.DataProblem.TEST_LOSS);
        validation.setVisible(validationMetric >= 0 || testMetric >= 0);
        if (testMetric >= 0) {
            // beside each run's validation loss, dashed in its colour: the loss on a test set drawn fresh from the
            // generator, J* estimated on data no split has touched
            List<Charts.Line> withTest = new ArrayList<>(lines);
            for (Charts.Line l : lines) {
                withTest.add(new Charts.Line(l.name() + " · J* (fresh test set)", l.color()));
            }
            Charts.curves(validation, validationMetric >= 0 ? "Validation loss and J* on a fresh test set (dashed)"
                    : "J* on a fresh test set (dashed)", "loss", withTest, xAxisOptions());
            com.fasterxml.jackson.databind.node.ArrayNode dashes = validation.options().putObject("stroke")
                    .put("width", 2).put("curve", "straight").putArray("dashArray");
            for (int i = 0; i < withTest.size(); i++) {
                dashes.add(i < lines.size() ? 0 : 6);
            }
        } else if (validationMetric >= 0) {
            Charts.curves(validation, "Validation loss", "loss", lines, xAxisOptions());
        }
        accuracy.setVisible(accuracyMetric >= 0);
        if (accuracyMetric >= 0) {
            Charts.accuracyCurves(accuracy, validationMetric >= 0 ? "Validation accuracy" : "Training accuracy", lines,
                    xAxisOptions());
        }
        boolean twoD = plan.dataset().features() == 2 && plan.dataset().isClassification();
        side.setVisible(twoD);
        note.setText((dataName != null ? dataName : plan.dataset().name()) + ": " + plan.dataset().summary() + "; " + plan.split().train().size()
                + " for training, batch sizes " + batchSizes(plan) + ", loss recorded every " + plan.recordEvery() + " steps");
        if (twoD) {
            regions = new DecisionMap(plan, REGION_CELLS);
            Charts.data(side, plan.dataset().x(), plan.dataset().labels(), plan.dataset().classNames(),
                    regions.plane(), REGION_CELLS);
            List<Integer> runs = new ArrayList<>();
            List<String> labels = new ArrayList<>();
            for (int i = 0; i < plan.size(); i++) {
                runs.add(i);
                labels.add(plan.label(i));
            }
            // a label two runs share gets its place in the list, "GD (2)"; the others are shown as they are. Setting the
            // generator relabels the previous experiment's runs and setting the items labels the new ones, so it
            // answers for an index of either (one of the previous experiment's beyond these runs: its number)
            regionsOf.setItemLabelGenerator(i -> i >= labels.size() ? String.valueOf(i + 1)
                    : java.util.Collections.frequency(labels, labels.get(i)) > 1
                    ? labels.get(i) + " (" + (i + 1) + ")" : labels.get(i));
            regionsOf.setItems(runs);
            regionsOf.setValue(0);
            regionsOf.setVisible(true);
        }
    }

    private static String batchSizes(ExperimentPlan plan) {
        Set<Integer> sizes = new TreeSet<>();
        for (int i = 0; i < plan.size(); i++) {
            sizes.add(plan.batchSize(i));
        }
        return sizes.toString();
    }

    /** Clears the curves (and a function's paths) but keeps the configuration: a reset, or a rerun of the same setup. */
    void clear(boolean function) {
        stepArrows.clear();
        loss.reset();
        loss.clearMarks();
        marked.clear();
        warned.clear();
        validation.reset();
        accuracy.reset();
        if (function) {
            side.reset();
            side.clearMarks();
        }
        regionsDrawn = 0;
    }

    /**
     * The x of a curve point [x, y, step, seconds] of run i on the curve charts: its step, the epochs it has seen
     * (step · m_i / N), or its training time in seconds.
     */
    private double x(int series, double[] point) {
        int i = series < seriesRun.length ? seriesRun[series] : series; // a faint minibatch trace goes with its run
        return switch (xAxis.getValue() == null ? "step" : xAxis.getValue()) {
            case "epoch" -> i < epochsPerStep.length ? point[2] * epochsPerStep[i] : point[2];
            case "seconds" -> point[3];
            default -> point[2];
        };
    }

    /** The top of the seconds axis (it grows, by round steps, as the runs take longer), or 0. */
    private double xMax;

    private com.fasterxml.jackson.databind.node.ObjectNode xAxisOptions() {
        String mode = xAxis.getValue() == null ? "step" : xAxis.getValue();
        if (mode.equals("epoch")) {
            double most = 0;
            for (double e : epochsPerStep) {
                most = Math.max(most, e);
            }
            return Charts.growingXAxis(steps * most, "epoch (examples seen / N)");
        }
        if (mode.equals("seconds")) {
            return Charts.xAxis(Math.max(xMax, 1e-3), "training time (s)");
        }
        return Charts.growingStepAxis(steps);
    }

    /** Steps, epochs or seconds on every curve chart, with the points already drawn and their end labels. */
    private void switchXAxis() {
        if (contour || epochsPerStep == null) {
            return;
        }
        xMax = 0;
        if ("seconds".equals(xAxis.getValue())) {
            for (ApexChart.Series s : loss.series()) {
                for (double[] p : s.data()) {
                    if (p != null && p.length > 3) {
                        xMax = Math.max(xMax, p[3]);
                    }
                }
            }
            xMax = Axes.upTo(xMax * 1.25)[1];
        }
        for (ApexChart c : new ApexChart[] {loss, validation, accuracy}) {
            if (!c.series().isEmpty()) {
                c.remapX(this::x, xAxisOptions());
            }
        }
    }

    /** On the seconds axis: a point beyond its top moves the top up (to a round value a quarter above). */
    private void growSecondsAxis(double seconds) {
        if (!"seconds".equals(xAxis.getValue()) || seconds <= xMax) {
            return;
        }
        xMax = Axes.upTo(seconds * 1.25)[1];
        for (ApexChart c : new ApexChart[] {loss, validation, accuracy}) {
            if (!c.series().isEmpty()) {
                c.setXAxis(xAxisOptions());
            }
        }
    }

    /** True while a chart still has a decimated series to send whole: the tab is pushed again until none is left. */
    boolean replacementsPending() {
        return loss.replacementsPending() || side.replacementsPending() || validation.replacementsPending()
                || accuracy.replacementsPending();
    }

    /** Appends what every run produced since the last push: one append call per chart for all its series. */
    void append(List<LiveRun> runs, boolean dataset) {
        List<Integer> index = new ArrayList<>();
        List<LiveRun.Points> drained = new ArrayList<>();
        // a dot on the path wherever a step met a Hessian that is not positive definite (Newton near a saddle)
        double[] dots = new double[0];
        for (LiveRun run : runs) {
            index.add(run.index());
            drained.add(run.drain(runs.size()));
            double[] p = run.hessianPoints();
            if (p.length > 0) {
                double[] all = java.util.Arrays.copyOf(dots, dots.length + p.length);
                System.arraycopy(p, 0, all, dots.length, p.length);
                dots = all;
            }
        }
        append(index, drained, dots, dataset);
    }

    /**
     * The results of a restored draft, drawn as their runs drew them (the charts configured for the same experiment):
     * each run's recorded points, and a label where a run had ended or was stopped ({@code stoppedWords} after "stopped
     * at step N" for a run that was still going: why it stopped). The time axis is each run's training time spread
     * evenly over its steps (a draft keeps the total, not the time of each point).
     */
    void show(List<OptimizerResult> results, ExperimentPlan plan, List<String> colors, String stoppedWords) {
        List<Integer> index = new ArrayList<>();
        List<LiveRun.Points> points = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            OptimizerResult r = results.get(i);
            int n = r.steps().length;
            String[] names = plan.problem(i).metricNames();
            double[][] metrics = new double[names.length][];
            for (int j = 0; j < names.length; j++) {
                double[] v = r.metrics() == null ? null : r.metrics().get(names[j]);
                metrics[j] = v != null && v.length == n ? v : nan(n);
            }
            double[] seconds = new double[n];
            double total = r.elapsedMillis() == null ? 0 : r.elapsedMillis() / 1000;
            long last = n == 0 ? 0 : r.steps()[n - 1];
            for (int k = 0; k < n; k++) {
                seconds[k] = last == 0 ? 0 : total * r.steps()[k] / last;
            }
            double[][] path = new double[n][];
            for (int k = 0; k < n; k++) {
                path[k] = r.path() != null && k < r.path().length && r.path()[k] != null && r.path()[k].length == 2
                        ? r.path()[k] : null;
            }
            index.add(i);
            points.add(new LiveRun.Points(r.steps(), r.loss(), metrics, path, seconds));
        }
        append(index, points, new double[0], plan.isDataset());
        for (int i = 0; i < results.size(); i++) {
            OptimizerResult r = results.get(i);
            int n = r.steps().length;
            if (n == 0) {
                continue;
            }
            RunStatus status = RunStatus.byId(r.status());
            boolean going = status == null || status == RunStatus.RUNNING;
            double[] theta = r.path() != null && r.path()[n - 1] != null ? r.path()[n - 1] : null;
            markEnd(i, r.label(), going ? RunStatus.STOPPED : status, r.steps()[n - 1], r.loss()[n - 1],
                    points.get(i).seconds()[n - 1], theta, colors.get(i), going ? stoppedWords : "");
        }
    }

    private static double[] nan(int n) {
        double[] v = new double[n];
        java.util.Arrays.fill(v, Double.NaN);
        return v;
    }

    /** Appends these points of these runs, one append call per chart for all its series; dots: Hessian warnings. */
    private void append(List<Integer> runIndex, List<LiveRun.Points> drained, double[] dots, boolean dataset) {
        List<Integer> idx = new ArrayList<>();
        List<List<double[]>> lossPoints = new ArrayList<>();
        List<Integer> traceIdx = new ArrayList<>();
        List<List<double[]>> tracePoints = new ArrayList<>();
        List<List<double[]>> validationPoints = new ArrayList<>();
        List<List<double[]>> testPoints = new ArrayList<>();
        List<List<double[]>> accuracyPoints = new ArrayList<>();
        List<Integer> pathIdx = new ArrayList<>();
        List<List<double[]>> paths = new ArrayList<>();
        double minLoss = Double.POSITIVE_INFINITY;
        double maxSeconds = 0;
        for (int r = 0; r < runIndex.size(); r++) {
            int run = runIndex.get(r);
            LiveRun.Points p = drained.get(r);
            List<double[]> l = new ArrayList<>(p.size());
            List<double[]> v = new ArrayList<>();
            List<double[]> t = new ArrayList<>();
            List<double[]> a = new ArrayList<>();
            List<double[]> path = new ArrayList<>();
            int mb = run < minibatchMetric.length ? minibatchMetric[run] : -1;
            List<double[]> trace = new ArrayList<>();
            for (int k = 0; k < p.size(); k++) {
                double[] at = {0, 0, p.steps()[k], p.seconds()[k]};
                double x = x(run, at);
                maxSeconds = Math.max(maxSeconds, p.seconds()[k]);
                l.add(new double[] {x, p.loss()[k], p.steps()[k], p.seconds()[k]});
                if (mb >= 0) {
                    trace.add(new double[] {x, p.metrics()[mb][k], p.steps()[k], p.seconds()[k]});
                }
                minLoss = Math.min(minLoss, p.loss()[k]);
                if (validationMetric >= 0) {
                    v.add(new double[] {x, p.metrics()[validationMetric][k], p.steps()[k], p.seconds()[k]});
                }
                if (testMetric >= 0) {
                    t.add(new double[] {x, p.metrics()[testMetric][k], p.steps()[k], p.seconds()[k]});
                }
                if (accuracyMetric >= 0) {
                    a.add(new double[] {x, p.metrics()[accuracyMetric][k], p.steps()[k], p.seconds()[k]});
                }
                if (p.path()[k] != null) {
                    double[] theta = p.path()[k];
                    path.add(new double[] {theta[0], theta[1], p.steps()[k], p.loss()[k]});
                }
            }
            idx.add(run);
            lossPoints.add(l);
            validationPoints.add(v);
            testPoints.add(t);
            accuracyPoints.add(a);
            if (mb >= 0) {
                traceIdx.add(traceSeries[run]);
                tracePoints.add(trace);
            }
            pathIdx.add(Charts.pathSeries(run));
            paths.add(path);
        }
        if (dataset) {
            growSecondsAxis(maxSeconds);
        }
        List<Integer> lossIdx = new ArrayList<>(idx);
        lossIdx.addAll(traceIdx);
        lossPoints.addAll(tracePoints);
        loss.append(lossIdx, lossPoints);
        if (testMetric >= 0) {
            List<Integer> both = new ArrayList<>(validationMetric >= 0 ? idx : List.of());
            List<List<double[]>> points = new ArrayList<>(validationMetric >= 0 ? validationPoints : List.of());
            for (int i : idx) {
                both.add(runCount + i);
            }
            points.addAll(testPoints);
            validation.append(both, points);
        } else if (validationMetric >= 0) {
            validation.append(idx, validationPoints);
        }
        if (accuracyMetric >= 0) {
            accuracy.append(idx, accuracyPoints);
        }
        if (!dataset) {
            side.append(pathIdx, paths);
            side.setOverlayLayer(Charts.HESSIAN_LAYER, dots);
        }
        // below 0 the log scale cannot show the curve: switch to linear and say why. A loss of exactly 0 (the quadratic's
        // minimum, reached) stays on the log scale as a gap that the chart's own note explains
        if (minLoss < 0 && logScale.getValue()) {
            logScale.setValue(false);
            logTurnedOffForNegative = true;
            note.setText("log scale needs positive losses: this function goes below 0");
        }
    }

    /** Step mode: the arrows of the last presses of Step, oldest first (the latest set labelled). */
    private final java.util.ArrayDeque<List<ApexChart.Arrow>> stepArrows = new java.util.ArrayDeque<>();
    /** The most presses whose arrows stay on the contour plot. */
    static final int STEP_ARROWS_KEPT = 20;

    /**
     * Draws one press of Step on the contour plot: for each run, its update taken apart into arrows in its colour
     * ({@link org.optlab.lab.StepArrows}). Earlier presses stay, unlabelled, up to {@link #STEP_ARROWS_KEPT}.
     */
    void addStepArrows(List<List<org.optlab.lab.StepArrows.Arrow>> perRun, List<String> colors) {
        if (!contour) {
            return;
        }
        List<ApexChart.Arrow> set = new ArrayList<>();
        for (int i = 0; i < perRun.size(); i++) {
            for (org.optlab.lab.StepArrows.Arrow a : perRun.get(i)) {
                set.add(new ApexChart.Arrow(a.x1(), a.y1(), a.x2(), a.y2(), colors.get(i), a.label(), a.part()));
            }
        }
        if (stepArrows.size() == STEP_ARROWS_KEPT) {
            stepArrows.removeFirst();
        }
        stepArrows.addLast(set);
        List<ApexChart.Arrow> all = new ArrayList<>();
        for (List<ApexChart.Arrow> press : stepArrows) {
            for (ApexChart.Arrow a : press) {
                // only the latest press is labelled: twenty sets of labels would hide the contours
                all.add(press == set ? a : new ApexChart.Arrow(a.x1(), a.y1(), a.x2(), a.y2(), a.color(), "", a.dashed()));
            }
        }
        side.setArrows(all);
    }

    /** Removes the step-mode arrows (the run goes on by itself, or starts again). */
    void clearStepArrows() {
        if (!stepArrows.isEmpty()) {
            stepArrows.clear();
            side.setArrows(List.of());
        }
    }

    /** Runs whose first warning is already marked on the contour plot. */
    private final Set<Integer> warned = new HashSet<>();

    /**
     * Marks on the contour plot where a run's first warning happened (Newton's "indefinite Hessian from step 1": it is
     * heading for a saddle point), once per run.
     */
    void markWarning(LiveRun run, String color) {
        double[] at = run.firstWarningTheta();
        if (!contour || at == null || at.length != 2 || !warned.add(run.index())) {
            return;
        }
        side.markOn(Charts.pathSeries(run.index()), at[0], at[1], run.label() + ": " + run.firstWarningLabel(), color);
    }

    /** Labels where a run ended on the loss chart (diverged, singular Hessian, converged), once per run. */
    void markEnd(LiveRun run, String color) {
        markEnd(run.index(), run.label(), run.status(), run.endStep(), run.lastLoss(), run.trainingSeconds(),
                run.latestTheta(), color, "");
    }

    /** Labels where run i ended with this status at endStep (its loss, time and θ there); words added after the label. */
    private void markEnd(int i, String label, RunStatus s, long endStep, double lastLoss, double seconds,
                         double[] theta, String color, String words) {
        // a run that used its step budget ends with its ball and no label (five labels at one minimum would hide it)
        if (s == RunStatus.RUNNING || s == RunStatus.COMPLETED || !marked.add(i)) {
            return;
        }
        double y = Double.isNaN(lastLoss) ? 0 : lastLoss;
        String text = switch (s) {
            case DIVERGED -> "diverged at step " + endStep;
            case SINGULAR_HESSIAN -> "singular Hessian at step " + endStep;
            case CONVERGED -> "converged at step " + endStep;
            case STOPPED -> "stopped at step " + endStep;
            default -> s.id();
        } + words;
        double[] at = {0, 0, endStep, seconds};
        loss.markEnd(i, at, x(i, at), y, label + ": " + text, color);
        if (contour && theta != null && theta.length == 2 && Double.isFinite(theta[0])
                && Double.isFinite(theta[1])) {
            // on the contour plot too, where the path ends (its ball)
            side.markOn(Charts.pathSeries(i), theta[0], theta[1], label + ": " + text, color);
        }
    }

    /**
     * The chosen run's decision regions, on a 2-D classification dataset: about twice a second while training, and at
     * once when {@code now} is set (the run paused, stopped or ended).
     */
    void drawRegions(List<LiveRun> runs, boolean now) {
        regionRuns = regions == null ? null : runs;
        long t = System.nanoTime();
        if (regions == null || !now && regionsDrawn != 0 && t - regionsDrawn < REGIONS_EVERY_NANOS) {
            return;
        }
        int chosen = regionsOf.getValue() == null ? 0 : regionsOf.getValue();
        if (chosen >= runs.size()) {
            return;
        }
        LiveRun run = runs.get(chosen);
        double[] theta = run.latestTheta();
        if (theta == null) {
            return;
        }
        regionsDrawn = t;
        regionsCaption.setText("shaded: the class " + run.label() + "'s model predicts, at step " + run.step());
        double[][] byClass = regions.byClass(theta);
        for (int c = 0; c < byClass.length; c++) {
            side.setOverlayLayer(c, byClass[c]);
        }
    }

    void setTheme(boolean dark) {
        for (ApexChart c : new ApexChart[] {loss, side, validation, accuracy}) {
            c.setTheme(dark);
        }
    }
}

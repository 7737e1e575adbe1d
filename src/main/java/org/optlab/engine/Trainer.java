package org.optlab.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Runs one optimizer on one problem: update after update, recording the loss (and θ on 2-D problems), checking for
 * divergence at every step, until the budget is spent, a stop rule is met, the optimizer cannot go on, or the user stops it.
 *
 * <p>The run advances in slices ({@link #advance}) so that a shared executor can interleave many runs fairly, and pausing
 * is simply not advancing. One thread advances a run at a time; {@link #requestStop} may be called from any thread and is
 * checked before every update. The update loop allocates nothing.
 *
 * <p>A run diverges when θ becomes non-finite, when a step is larger than 10⁶·(1 + ‖θ‖), or when the recorded loss is
 * non-finite, or when it stays above 10⁶ times the initial loss (when that is positive) at two records in a row. The path kept ends at the last finite point, so no NaN or infinity ever reaches a result.
 */
public final class Trainer {

    static final double DIVERGENCE_FACTOR = 1e6;

    private final Problem problem;
    private final Optimizer optimizer;
    private final RunSettings settings;
    private final RunListener listener;
    private final int n;
    private final double[] theta;
    private final double[] previous;
    private final double[] g;

    private final LongSeries steps = new LongSeries();
    private final DoubleSeries loss = new DoubleSeries();
    /**
     * The recorded step since which the loss has stayed above 10⁶ × its initial value, or −1. The loss rule fires at the
     * second such record in a row, so a single excursion (Newton's one long step off a nearly singular Hessian) is not
     * divergence while sustained growth is.
     */
    private long lossAboveSince = -1;
    private final DoubleSeries path = new DoubleSeries();
    private final String[] metricNames;
    private final double[] metricValues;
    private final DoubleSeries[] metrics;
    private final List<Warning> warnings = new ArrayList<>();
    private int suppressedWarnings;

    /** k, the number of updates made so far. */
    private long k;
    private long lastRecorded = -1;
    /** Written by the training thread only; read by views (steps per second). */
    private volatile long elapsedNanos;
    private RunStatus status = RunStatus.RUNNING;
    private String message = "";
    private volatile boolean stopRequested;
    /** Why the run was asked to stop, as its message says it. */
    private volatile String stopReason = "by the user";

    private final StepWarnings warningSink = this::warn;

    public Trainer(Problem problem, Optimizer optimizer, double[] theta0, RunSettings settings, RunListener listener) {
        if (theta0.length != problem.dimension()) {
            throw new IllegalArgumentException("θ₀ has " + theta0.length + " components, the problem " + problem.dimension());
        }
        this.problem = problem;
        this.optimizer = optimizer;
        this.settings = settings;
        this.listener = listener;
        this.n = theta0.length;
        this.theta = theta0.clone();
        this.previous = new double[n];
        this.g = new double[n];
        this.metricNames = problem.metricNames();
        this.metricValues = new double[metricNames.length];
        this.metrics = new DoubleSeries[metricNames.length];
        for (int j = 0; j < metrics.length; j++) {
            metrics[j] = new DoubleSeries();
        }
        recordAndCheck();
        if (status == RunStatus.RUNNING && settings.steps() == 0) {
            finish(RunStatus.COMPLETED, 0, "completed 0 steps");
        }
    }

    /** Asks the run to stop before its next update, as the student's Stop does; safe from any thread. */
    public void requestStop() {
        requestStop("by the user");
    }

    /**
     * Asks the run to stop before its next update; safe from any thread. Its message says why: "stopped " + why +
     * " after step k" (e.g. "when its page was closed or reloaded").
     */
    public void requestStop(String why) {
        stopReason = why;
        stopRequested = true;
    }

    public boolean finished() {
        return status != RunStatus.RUNNING;
    }

    public RunStatus status() {
        return status;
    }

    /** The number of updates made so far. */
    public long step() {
        return k;
    }

    /** Runs to the end of the budget (or an earlier end) and returns the result. */
    public RunResult runToEnd() {
        while (!advance(Long.MAX_VALUE)) {
            // advance returns only at the end when given an unbounded slice
        }
        return result();
    }

    /**
     * Makes at most {@code maxUpdates} updates.
     *
     * @return true when the run has ended
     */
    public boolean advance(long maxUpdates) {
        long start = System.nanoTime();
        Objective J = problem.objective();
        for (long i = 0; i < maxUpdates && status == RunStatus.RUNNING; i++) {
            if (stopRequested) {
                elapsedNanos += System.nanoTime() - start;
                finish(RunStatus.STOPPED, k, "stopped " + stopReason + " after step " + k);
                return true;
            }
            long next = k + 1;
            System.arraycopy(theta, 0, previous, 0, n);
            problem.beforeUpdate(next);
            if (optimizer.step(theta, J, next, warningSink) instanceof Optimizer.StepFailure failure) {
                System.arraycopy(previous, 0, theta, 0, n);
                elapsedNanos += System.nanoTime() - start;
                finish(failure.status(), failure.status() == RunStatus.SINGULAR_HESSIAN ? k : next, failure.message());
                return true;
            }
            k = next;
            if (!checkStep()) {
                elapsedNanos += System.nanoTime() - start;
                return true;
            }
            if (k % settings.recordEvery() == 0 || k == settings.steps()) {
                elapsedNanos += System.nanoTime() - start;
                recordAndCheck();
                start = System.nanoTime();
                if (status == RunStatus.RUNNING && k == settings.steps()) {
                    finish(RunStatus.COMPLETED, k, "completed " + k + " steps");
                }
            }
        }
        elapsedNanos += System.nanoTime() - start;
        return status != RunStatus.RUNNING;
    }

    /** Checks θ_k against θ_{k−1}; ends the run as diverged and returns false if the step blew up. */
    private boolean checkStep() {
        double stepSquared = 0;
        double previousSquared = 0;
        boolean finite = true;
        for (int i = 0; i < n; i++) {
            double t = theta[i];
            finite &= t - t == 0;
            double d = t - previous[i];
            stepSquared += d * d;
            previousSquared += previous[i] * previous[i];
        }
        if (!finite) {
            System.arraycopy(previous, 0, theta, 0, n);
            k = k - 1;
            finish(RunStatus.DIVERGED, k + 1, "diverged at step " + (k + 1) + ": θ is no longer finite (the last finite θ, at step "
                    + k + ", is " + Vectors.format(theta) + ")");
            return false;
        }
        double stepNorm = Math.sqrt(stepSquared);
        double limit = DIVERGENCE_FACTOR * (1 + Math.sqrt(previousSquared));
        if (stepNorm > limit) {
            finish(RunStatus.DIVERGED, k, "diverged at step " + k + ": the step ‖Δθ‖ = "
                    + (Double.isFinite(stepNorm) ? sci(stepNorm) : "beyond the largest double")
                    + " exceeds 10⁶ × (1 + ‖θ‖) = " + sci(limit));
            return false;
        }
        return true;
    }

    /** Records step k unless it is recorded already; false (nothing recorded) when the loss or a metric is not finite. */
    private boolean record() {
        if (lastRecorded == k) {
            return true;
        }
        double J = problem.evaluate(theta, metricValues);
        if (!Double.isFinite(J)) {
            return false;
        }
        for (double v : metricValues) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        lastRecorded = k;
        steps.add(k);
        loss.add(J);
        for (int j = 0; j < metrics.length; j++) {
            metrics[j].add(metricValues[j]);
        }
        if (problem.recordsPath()) {
            for (double t : theta) {
                path.add(t);
            }
        }
        listener.onRecord(k, J, theta, metricValues);
        if (steps.size() >= HISTORY_MAX) {
            compactHistory();
        }
        return true;
    }

    /**
     * Records a run keeps: at this many its history is decimated to at most half ({@link Decimation}: M4 on the loss and
     * every metric, every turning point of a 2-D path, first and last kept), so a run's memory does not grow with its
     * steps. A run of up to this many records keeps every one (all golden and cross-checked runs do).
     */
    public static final int HISTORY_MAX = 20_000;

    private void compactHistory() {
        int size = steps.size();
        int buckets = HISTORY_MAX / 16;
        int pathMax = HISTORY_MAX / 4;
        double[][] metricValues = new double[metrics.length][];
        for (int j = 0; j < metrics.length; j++) {
            metricValues[j] = metrics[j].array();
        }
        double[] x = null;
        double[] y = null;
        if (problem.recordsPath() && n == 2) {
            x = new double[size];
            y = new double[size];
            for (int i = 0; i < size; i++) {
                x[i] = path.array()[2 * i];
                y[i] = path.array()[2 * i + 1];
            }
        }
        boolean[] keep;
        int kept;
        do {
            keep = Decimation.records(loss.array(), metricValues, x, y, size, buckets, 0, pathMax);
            kept = 0;
            for (boolean b : keep) {
                kept += b ? 1 : 0;
            }
            buckets /= 2;
            pathMax /= 2;
        } while (kept > HISTORY_MAX / 2 && buckets > 0);
        steps.keep(keep);
        loss.keep(keep, 1);
        for (DoubleSeries m : metrics) {
            m.keep(keep, 1);
        }
        if (problem.recordsPath()) {
            path.keep(keep, n);
        }
    }

    /** Records step k and applies the divergence and stop rules to it. */
    private void recordAndCheck() {
        if (!record()) {
            finish(RunStatus.DIVERGED, k, "diverged at step " + k + ": the loss (or a validation metric) is no longer finite at θ = "
                    + Vectors.format(theta));
            return;
        }
        double J = loss.last();
        double J0 = loss.array()[0];
        boolean above = J0 > 0 && J > DIVERGENCE_FACTOR * J0;
        if (above && lossAboveSince >= 0) {
            finish(RunStatus.DIVERGED, k, "diverged at step " + k + ": the loss " + sci(J)
                    + " exceeds 10⁶ × its initial value " + sci(J0) + " (since step " + lossAboveSince + ")");
            return;
        }
        lossAboveSince = above ? k : -1;
        if (J <= settings.targetLoss()) {
            finish(RunStatus.CONVERGED, k, "converged at step " + k + ": loss " + J + " ≤ target " + settings.targetLoss());
        } else if (!Double.isNaN(settings.gradientTolerance())) {
            problem.fullGradient(theta, g);
            double gNorm = Vectors.norm(g);
            if (gNorm <= settings.gradientTolerance()) {
                finish(RunStatus.CONVERGED, k, "converged at step " + k + ": ‖g‖ = " + gNorm + " ≤ tolerance "
                        + settings.gradientTolerance());
            }
        }
    }

    /** A number in scientific notation with 4 significant digits (3.157e158), or plainly when it is between 1e-3 and 1e4. */
    static String sci(double x) {
        double a = Math.abs(x);
        if (a == 0 || (a >= 1e-3 && a < 1e4)) {
            String plain = String.format(java.util.Locale.ROOT, "%.4g", x);
            return plain.contains(".") ? plain.replaceAll("\\.?0+$", "") : plain;
        }
        return String.format(java.util.Locale.ROOT, "%.3e", x).replaceAll("\\.?0+e", "e").replace("e+", "e")
                .replaceAll("e(-?)0+(\\d)", "e$1$2");
    }

    /** Ends the run, keeping the last point reached (the path "so far") when its loss is finite. */
    private void finish(RunStatus end, long atStep, String why) {
        status = end;
        message = why;
        record();
        listener.onEnd(end, atStep, why);
    }

    private void warn(String kind, String text) {
        Warning w = new Warning(k + 1, kind, text);
        if (warnings.size() < RunSettings.MAX_WARNINGS) {
            warnings.add(w);
        } else {
            suppressedWarnings++;
        }
        listener.onWarning(w);
    }

    /** Time spent in updates and records so far (not waiting for a turn), in nanoseconds. */
    public long elapsedNanos() {
        return elapsedNanos;
    }

    /** θ now (a copy). */
    /** A copy of what the optimizer remembers after its last update (see {@link Optimizer#state()}). */
    public OptimizerState optimizerState() {
        return optimizer.state();
    }

    public double[] theta() {
        return theta.clone();
    }

    /** The result so far (complete once {@link #finished()}). */
    public RunResult result() {
        double[][] points = null;
        if (problem.recordsPath()) {
            points = new double[steps.size()][];
            for (int i = 0; i < points.length; i++) {
                points[i] = Arrays.copyOfRange(path.array(), i * n, (i + 1) * n);
            }
        }
        double[][] metricSeries = new double[metrics.length][];
        for (int j = 0; j < metrics.length; j++) {
            metricSeries[j] = metrics[j].toArray();
        }
        return new RunResult(status, message, steps.toArray(), loss.toArray(), points, theta.clone(),
                List.copyOf(warnings), suppressedWarnings, elapsedNanos, metricNames.clone(), metricSeries,
                problem.stepsPerEpoch());
    }

    /** A growable array of doubles without boxing. */
    static final class DoubleSeries {
        private double[] data = new double[64];
        private int size;

        void add(double x) {
            if (size == data.length) {
                data = Arrays.copyOf(data, size * 2);
            }
            data[size++] = x;
        }

        double[] array() {
            return data;
        }

        double last() {
            return data[size - 1];
        }

        double[] toArray() {
            return Arrays.copyOf(data, size);
        }

        /** Keeps record i (its {@code width} values) where keep[i]. */
        void keep(boolean[] keep, int width) {
            int to = 0;
            for (int i = 0; i < keep.length; i++) {
                if (keep[i]) {
                    System.arraycopy(data, i * width, data, to, width);
                    to += width;
                }
            }
            size = to;
        }
    }

    /** A growable array of longs without boxing. */
    static final class LongSeries {
        private long[] data = new long[64];
        private int size;

        void add(long x) {
            if (size == data.length) {
                data = Arrays.copyOf(data, size * 2);
            }
            data[size++] = x;
        }

        int size() {
            return size;
        }

        long[] toArray() {
            return Arrays.copyOf(data, size);
        }

        void keep(boolean[] keep) {
            int to = 0;
            for (int i = 0; i < keep.length; i++) {
                if (keep[i]) {
                    data[to++] = data[i];
                }
            }
            size = to;
        }
    }
}

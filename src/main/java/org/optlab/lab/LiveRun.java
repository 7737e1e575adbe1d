package org.optlab.lab;

import java.util.Arrays;
import org.optlab.engine.Decimation;
import org.optlab.engine.RunListener;
import org.optlab.engine.RunStatus;
import org.optlab.engine.Trainer;
import org.optlab.engine.Warning;

/**
 * One optimizer's run inside a live experiment: the trainer, and a buffer of the points recorded since the browser last
 * drained it. The trainer appends under a short lock of this object only; the push thread drains under the same lock.
 */
public final class LiveRun implements RunListener {

    /**
     * New points since the last drain: step numbers, losses, metrics[j][...], on 2-D problems θ pairs, and the run's
     * training time in seconds at each (waiting for a turn not counted).
     */
    public record Points(long[] steps, double[] loss, double[][] metrics, double[][] path, double[] seconds) {
        public int size() {
            return steps.length;
        }
    }

    /**
     * Points a run keeps for a tab that has not drained them; past it they are thinned as the charts would thin them
     * ({@link #thin}: at most {@link org.optlab.engine.Decimation#PATH_MAX} path points and a few hundred per curve stay),
     * so that what a run holds does not grow with its steps (the abuse suite filled a 512 MB heap at 50,000).
     */
    static final int MAX_PENDING = 20_000;

    /**
     * Points of the path one push carries at most (every point up to it; beyond, about this many turning points); the
     * curves keep their M4 points ({@link org.optlab.engine.Decimation#CURVE_BUCKETS} buckets) as always.
     */
    static final int PUSH_POINTS = 2_000;

    /**
     * Points one push carries at most for all the runs of an experiment together (each run its share, at most
     * {@link #PUSH_POINTS}): sixteen runs send 500 points each, so that one push's JSON text stays under a megabyte or
     * so whatever the number of optimizers.
     */
    public static final int PUSH_POINTS_ALL_RUNS = 8_000;

    private final int index;
    private final String label;
    private final int metricCount;
    private volatile Trainer trainer;
    private volatile RunStatus status = RunStatus.RUNNING;
    private volatile String message = "";
    private volatile long step;
    private volatile double lastLoss = Double.NaN;
    private volatile long endStep = -1;
    private volatile double bestLoss = Double.NaN;
    private volatile Warning firstWarning;
    private volatile double[] latestTheta;
    private volatile int warnings;
    /** Someone looks inside: every record (thinned, see {@link InsideHistory}) also takes the optimizer's state. */
    private volatile boolean inspected;
    private final InsideHistory inside = new InsideHistory();

    private long[] steps = new long[64];
    private double[] loss = new double[64];
    private double[] seconds = new double[64];
    private double[][] metrics;
    private double[][] path = new double[64][];
    private int pending;

    LiveRun(int index, String label, int metricCount) {
        this.index = index;
        this.label = label;
        this.metricCount = metricCount;
        this.metrics = new double[metricCount][64];
    }

    void attach(Trainer t) {
        this.trainer = t;
    }

    Trainer trainer() {
        return trainer;
    }

    public int index() {
        return index;
    }

    public String label() {
        return label;
    }

    public RunStatus status() {
        return status;
    }

    public String message() {
        return message;
    }

    /** Updates made so far. */
    public long step() {
        return step;
    }

    /** The step the end message names (see {@link RunListener#onEnd}), or -1 while the run goes on. */
    public long endStep() {
        return endStep;
    }

    /** The smallest loss recorded so far (NaN before the first record). */
    public double bestLoss() {
        return bestLoss;
    }

    /**
     * The run's warnings in one line, or "" when there were none: the first one's kind and step, how many there were,
     * and the first one's own text, e.g. "indefinite Hessian from step 1 (12 times): step 1: indefinite Hessian at θ = …".
     */
    public String warningSummary() {
        Warning w = firstWarning;
        int n = warnings;
        if (w == null || n == 0) {
            return "";
        }
        return warningSummary(w.kind(), w.step(), w.message(), n);
    }

    /** {@link #warningSummary()} of a run whose first of n warnings was of this kind, at this step, with this text. */
    public static String warningSummary(String kind, long step, String message, int n) {
        return warningLabel(kind, step) + " (" + n + (n == 1 ? " time" : " times") + "): " + message;
    }

    private static String warningLabel(String kind, long step) {
        return kind.replace('-', ' ').replace("hessian", "Hessian") + " from step " + step;
    }

    /** Training time so far in seconds (waiting for a turn not counted). */
    public double trainingSeconds() {
        Trainer t = trainer;
        return t == null ? 0 : t.elapsedNanos() / 1e9;
    }

    /** Steps per second of training time (waiting for a turn not counted), or NaN before any time was measured. */
    public double stepsPerSecond() {
        double seconds = trainingSeconds();
        return seconds <= 0 ? Double.NaN : step / seconds;
    }

    public double lastLoss() {
        return lastLoss;
    }

    public int warningCount() {
        return warnings;
    }

    /** θ at the last recorded step (a copy), or null before the first record. */
    public double[] latestTheta() {
        return latestTheta;
    }

    @Override
    public void onRecord(long k, double J, double[] theta, double[] values) {
        step = k;
        lastLoss = J;
        if (!(J >= bestLoss)) {
            bestLoss = J;
        }
        latestTheta = theta.clone();
        Trainer tr = trainer;
        if (inspected && tr != null && inside.wants()) {
            inside.add(Inside.sample(tr.optimizerState()));
        }
        synchronized (this) {
            if (pending == MAX_PENDING) {
                thin();
            }
            if (pending == steps.length) {
                int size = pending * 2;
                steps = Arrays.copyOf(steps, size);
                loss = Arrays.copyOf(loss, size);
                seconds = Arrays.copyOf(seconds, size);
                path = Arrays.copyOf(path, size);
                for (int j = 0; j < metricCount; j++) {
                    metrics[j] = Arrays.copyOf(metrics[j], size);
                }
            }
            steps[pending] = k;
            loss[pending] = J;
            Trainer t = trainer;
            seconds[pending] = t == null ? 0 : t.elapsedNanos() / 1e9;
            path[pending] = theta.length == 2 ? theta.clone() : null;
            for (int j = 0; j < metricCount; j++) {
                metrics[j][pending] = values[j];
            }
            pending++;
        }
    }

    /**
     * A tab that has not drained for long: the pending points are decimated as the charts would decimate them (a record
     * is kept when M4 keeps it on the loss or on a metric curve, or when it is a turning point of the path).
     */
    private void thin() {
        thin(Decimation.PATH_KEEP_ALL, Decimation.PATH_MAX, Decimation.CURVE_BUCKETS);
    }

    /**
     * {@link #thin()} with other bounds: the path every point up to pathKeepAll, about pathMax turning points beyond;
     * the curves M4 in that many buckets.
     */
    private void thin(int pathKeepAll, int pathMax, int buckets) {
        double[] x = null;
        double[] y = null;
        if (path[0] != null) {
            x = new double[pending];
            y = new double[pending];
            for (int i = 0; i < pending; i++) {
                x[i] = path[i][0];
                y[i] = path[i][1];
            }
        }
        boolean[] keep = Decimation.records(loss, metrics, x, y, pending, buckets, pathKeepAll, pathMax);
        int kept = 0;
        for (int i = 0; i < pending; i++) {
            if (!keep[i]) {
                continue;
            }
            steps[kept] = steps[i];
            seconds[kept] = seconds[i];
            loss[kept] = loss[i];
            path[kept] = path[i];
            for (int j = 0; j < metricCount; j++) {
                metrics[j][kept] = metrics[j][i];
            }
            kept++;
        }
        pending = kept;
    }

    /** The most points kept where the Hessian was indefinite or singular (2-D problems). */
    static final int MAX_HESSIAN_POINTS = 1000;
    /** θ (x, y, x, y, …) where a step met an indefinite, negative-definite or singular Hessian, up to the bound. */
    private double[] hessianPoints = new double[0];

    @Override
    public void onWarning(Warning w) {
        double[] here = latestTheta;
        if (w.kind().endsWith("hessian") && here != null && here.length == 2) {
            synchronized (this) {
                if (hessianPoints.length < 2 * MAX_HESSIAN_POINTS) {
                    hessianPoints = Arrays.copyOf(hessianPoints, hessianPoints.length + 2);
                    hessianPoints[hessianPoints.length - 2] = here[0];
                    hessianPoints[hessianPoints.length - 1] = here[1];
                }
            }
        }
        if (warnings == 0) {
            firstWarning = w;
            // the warning is about the step from the last recorded θ (on 2-D functions every step is recorded)
            double[] at = latestTheta;
            firstWarningTheta = at == null ? null : at.clone();
        }
        warnings++;
    }

    private volatile double[] firstWarningTheta;

    /**
     * Where on a 2-D function the run's steps met a Hessian that is not positive definite (x, y, x, y, … where each such
     * step started; at most {@link #MAX_HESSIAN_POINTS}): Newton heading for a saddle, marked on its path.
     */
    public synchronized double[] hessianPoints() {
        return hessianPoints.clone();
    }

    /** θ where the first warning's step started (a copy), or null. */
    public double[] firstWarningTheta() {
        double[] at = firstWarningTheta;
        return at == null ? null : at.clone();
    }

    /** The first warning's kind in words and its step, e.g. "indefinite Hessian from step 1", or "". */
    public String firstWarningLabel() {
        Warning w = firstWarning;
        return w == null ? "" : warningLabel(w.kind(), w.step());
    }

    @Override
    public void onEnd(RunStatus end, long atStep, String why) {
        endStep = atStep;
        message = why;
        status = end;
    }

    /**
     * Takes the points recorded since the last drain, for one push of an experiment of {@code runs} runs: at most this
     * run's share of {@link #PUSH_POINTS_ALL_RUNS} (and of {@link #PUSH_POINTS}), thinned as the charts would thin them.
     */
    public synchronized Points drain(int runs) {
        int budget = Math.min(PUSH_POINTS, PUSH_POINTS_ALL_RUNS / Math.max(1, runs));
        if (pending > budget) {
            // a tab that drains after many records gets them as its charts would keep them, not all: what one push
            // carries (and the JSON text it becomes, several copies of it on the way out) stays bounded; M4 keeps at
            // most four points a bucket
            thin(budget, budget, Math.max(1, Math.min(Decimation.CURVE_BUCKETS, budget / 4)));
        }
        Points p = new Points(Arrays.copyOf(steps, pending), Arrays.copyOf(loss, pending), new double[metricCount][],
                Arrays.copyOf(path, pending), Arrays.copyOf(seconds, pending));
        for (int j = 0; j < metricCount; j++) {
            p.metrics()[j] = Arrays.copyOf(metrics[j], pending);
        }
        Arrays.fill(path, 0, pending, null); // handed over: the buffer keeps no θ of them
        pending = 0;
        if (endStep >= 0) {
            freeBuffer(); // the run has ended: nothing more comes
        }
        return p;
    }

    /** Gives the buffer of pending records (up to 32,768 of them) back and starts a small one. */
    private synchronized void freeBuffer() {
        pending = 0;
        if (steps.length > 64) {
            steps = new long[64];
            loss = new double[64];
            seconds = new double[64];
            path = new double[64][];
            for (int j = 0; j < metricCount; j++) {
                metrics[j] = new double[64];
            }
        }
    }

    /** Whether records take the optimizer's state (see {@link LiveExperiment#inspect}). */
    void inspect(boolean on) {
        inspected = on;
    }

    boolean inspected() {
        return inspected;
    }

    /** The optimizer's state along the run, sampled while someone looked inside. */
    public InsideHistory inside() {
        return inside;
    }

    void clear() {
        trainer = null; // the next trainer's first record (θ₀, while it is built) takes no state of the old one
        inside.clear();
        freeBuffer();
        status = RunStatus.RUNNING;
        message = "";
        step = 0;
        lastLoss = Double.NaN;
        endStep = -1;
        bestLoss = Double.NaN;
        firstWarning = null;
        firstWarningTheta = null;
        synchronized (this) {
            hessianPoints = new double[0];
        }
        latestTheta = null;
        warnings = 0;
    }
}

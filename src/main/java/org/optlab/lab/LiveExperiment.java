package org.optlab.lab;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.optlab.engine.Trainer;
import org.optlab.experiment.ExperimentDocument;
import org.optlab.experiment.ExperimentDocument.OptimizerResult;
import org.optlab.experiment.ExperimentPlan;

/**
 * The runs of one experiment in one browser tab: Start, Pause/Resume, Step, Stop, Reset and a speed limit, trained on the
 * shared {@link TrainingExecutor} in short slices. Closing the tab closes the experiment and stops its runs.
 *
 * <p>All trainer access happens under this object's lock, held for at most one slice (about 10 ms), so a control pressed
 * in the browser takes effect between two slices. The admission, the line and the slices are {@link SlicedJob}'s; pausing
 * (which gives the place back), stepping, stopping, resetting and the speed limit are here.
 */
public final class LiveExperiment extends SlicedJob<LiveExperiment.State> implements AutoCloseable {

    /** What the run controls show. */
    public enum State {
        /** Built, not started: θ₀ recorded, nothing trained. */
        READY,
        /** Started, waiting in line for a place among the experiments training at once (see {@link #positionInLine()}). */
        WAITING,
        RUNNING,
        PAUSED,
        /** Every run has ended (completed, diverged, converged or singular). */
        FINISHED,
        /** Stopped by the user. */
        STOPPED
    }

    private static final long MIN_CHUNK = 1;
    private static final long MAX_CHUNK = 1 << 20;
    private static final long SPEED_TICK_MILLIS = 20;

    private final MemoryEstimate memory;
    private final ExperimentPlan plan;
    private final List<LiveRun> runs = new ArrayList<>();
    private final long[] chunk;
    private volatile double stepsPerSecond;
    private double credit;
    private long lastPump;

    private final Consumer<LiveExperiment> onClose;

    /** What this experiment may hold in the heap while it trains (the server's budget counts it). */
    public MemoryEstimate memory() {
        return memory;
    }

    public LiveExperiment(ExperimentPlan plan, TrainingExecutor executor) {
        this(plan, executor, "", e -> { });
    }

    /**
     * @param owner   whose experiment it is: the executor takes turns across owners
     * @param onClose told when the experiment is closed (its tab went away)
     */
    public LiveExperiment(ExperimentPlan plan, TrainingExecutor executor, String owner, Consumer<LiveExperiment> onClose) {
        super(executor, owner, State.READY, State.WAITING, State.RUNNING, State.FINISHED);
        this.plan = plan;
        this.onClose = onClose;
        this.chunk = new long[plan.size()];
        this.memory = MemoryEstimate.of(plan);
        for (int i = 0; i < plan.size(); i++) {
            runs.add(new LiveRun(i, plan.label(i), plan.problem(i).metricNames().length));
        }
        buildTrainers();
    }

    private void buildTrainers() {
        for (int i = 0; i < plan.size(); i++) {
            LiveRun run = runs.get(i);
            run.clear();
            run.attach(plan.trainer(i, run));
            chunk[i] = 16;
        }
    }

    public ExperimentPlan plan() {
        return plan;
    }

    public List<LiveRun> runs() {
        return runs;
    }

    /** Steps per second per run; 0 for as fast as possible. */
    public void setSpeed(double stepsPerSecond) {
        this.stepsPerSecond = Math.max(0, stepsPerSecond);
    }

    public double speed() {
        return stepsPerSecond;
    }

    /** Trains now if the server has a place for it, else waits in line ({@link State#WAITING}). */
    public synchronized void start() {
        if (state() == State.READY || state() == State.PAUSED) {
            admit();
        }
    }

    /** Pausing gives the place back (a paused experiment waiting in line leaves the line). */
    public synchronized void pause() {
        if (state() == State.RUNNING || state() == State.WAITING) {
            leave(State.PAUSED);
        }
    }

    public void resume() {
        start();
    }

    /**
     * One update of every run that has not ended; the experiment is paused afterwards. Returns, per run, that update
     * taken apart into arrows for step mode ({@link StepArrows}; none for a run that did not move or is not 2-D).
     */
    public synchronized List<List<StepArrows.Arrow>> step() {
        List<List<StepArrows.Arrow>> arrows = new ArrayList<>();
        if (state() == State.READY || state() == State.PAUSED) {
            // a single step does not queue: it costs one update per run
            for (LiveRun run : runs) {
                Trainer t = run.trainer();
                long before = t.step();
                double[] from = plan.isDataset() ? null : t.theta(); // arrows only on a 2-D function
                t.advance(1);
                arrows.add(from == null || t.step() == before ? List.of()
                        : StepArrows.of(from, t.theta(), t.optimizerState()));
            }
            setState(allEnded() ? State.FINISHED : State.PAUSED);
        }
        return arrows;
    }

    /** Ends every run now, as the student's Stop; what was recorded stays. */
    public void stop() {
        stop("by the user");
    }

    /** Ends every run now, each saying why ("stopped " + why + " after step k"); what was recorded stays. */
    private synchronized void stop(String why) {
        if (state() == State.FINISHED || state() == State.STOPPED) {
            return;
        }
        for (LiveRun run : runs) {
            Trainer t = run.trainer();
            if (!t.finished()) {
                t.requestStop(why);
                t.advance(1);
            }
        }
        leave(State.STOPPED);
    }

    /** Back to θ₀ with the same minibatch order: fresh trainers from the same plan, nothing recorded but step 0. */
    public synchronized void reset() {
        stop();
        buildTrainers();
        setState(State.READY);
        credit = 0;
    }

    /**
     * The tab is gone (closed, reloaded, or its session ended): the runs stop saying so, not as if the student had
     * pressed Stop (a reloaded tab restores them with these words).
     */
    @Override
    public void close() {
        stop("when its page was closed or reloaded");
        onClose.accept(this);
    }

    private boolean allEnded() {
        for (LiveRun run : runs) {
            if (!run.trainer().finished()) {
                return false;
            }
        }
        return true;
    }

    @Override
    protected void scheduled() {
        lastPump = System.nanoTime();
    }

    /** One slice: every run trains for its share of the slice time (or its share of the speed limit). */
    @Override
    protected boolean slice(long sliceNanos) {
        double speed = stepsPerSecond;
        long now = System.nanoTime();
        long allowed = Long.MAX_VALUE;
        if (speed > 0) {
            credit = Math.min(credit + speed * (now - lastPump) / 1e9, Math.max(1, speed));
            allowed = (long) credit;
            credit -= allowed;
        }
        lastPump = now;
        long share = Math.max(1, sliceNanos / Math.max(1, runs.size()));
        for (int i = 0; i < runs.size(); i++) {
            Trainer t = runs.get(i).trainer();
            if (t.finished() || allowed == 0) {
                continue;
            }
            long n = Math.min(chunk[i], allowed);
            long start = System.nanoTime();
            t.advance(n);
            long took = Math.max(1, System.nanoTime() - start);
            if (speed == 0) {
                chunk[i] = Math.max(MIN_CHUNK, Math.min(MAX_CHUNK, chunk[i] * share / took));
            }
        }
        return !allEnded();
    }

    /** Under a speed limit the next turn waits a tick, so the credit of steps builds up between slices. */
    @Override
    protected long pauseMillis() {
        return stepsPerSecond > 0 ? SPEED_TICK_MILLIS : 0;
    }

    /**
     * What optimizer i remembers after its last update, named with the lecture's symbols, for a view that inspects it.
     * Taken between two slices (it waits for the one in progress, which {@code optlab.max-step-cost} keeps short), so a
     * run no one inspects pays nothing.
     */
    public synchronized org.optlab.engine.OptimizerState optimizerState(int i) {
        return runs.get(i).trainer().optimizerState();
    }

    /**
     * Looks inside every run from now on, or stops looking: while on, each recorded step also keeps (a thinned
     * history of) the optimizer's state, {@link LiveRun#inside()}. A run turned on mid-way starts its history with the
     * state it is in now. Off, the runs take no snapshot at all.
     */
    public synchronized void inspect(boolean on) {
        for (LiveRun run : runs) {
            boolean was = run.inspected();
            run.inspect(on);
            if (on && !was && run.inside().size() == 0 && run.step() > 0) {
                run.inside().add(Inside.sample(run.trainer().optimizerState()));
            }
        }
    }

    /** The document with every run's results so far (the full series, kept on the server). */
    public synchronized ExperimentDocument snapshot() {
        List<OptimizerResult> results = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            results.add(plan.toDocument(i, runs.get(i).trainer().result()));
        }
        return plan.document().withResults(results);
    }
}

package org.optlab.experiment;

import java.util.ArrayList;
import java.util.List;
import org.optlab.dataset.Dataset;
import org.optlab.engine.Algorithm.Hyper;
import org.optlab.engine.RunListener;
import org.optlab.engine.RunStatus;
import org.optlab.engine.Trainer;
import org.optlab.experiment.ExperimentDocument.OptimizerSpec;

/**
 * A learning-rate sweep of a document: every optimizer that has a learning rate ε, run once at each ε of the grid, each
 * for the document's step budget, everything else (θ₀, seed, minibatch order, noise, schedule, stop rules, recordEvery)
 * as the document says. The run at grid point j is exactly the run of the document whose optimizers' ε is grid[j]: the
 * same {@link ExperimentPlan}, so a sweep point equals a plain run of that document bit for bit, and the results are a
 * pure function of document and grid.
 *
 * <p>Points are numbered grid-major ({@link #point}): all swept optimizers at the smallest ε, then at the next, so the
 * curves of every optimizer fill in together from left to right. A point runs in slices through {@link PointRun}; one
 * thread advances a point at a time. Optimizers without ε (Newton's methods) are not swept ({@link #notSwept()}).
 */
public final class Sweep implements GridRuns<SweepPoint> {

    private final ExperimentPlan base;
    private final SweepSpec spec;
    private final double[] grid;
    private final int[] swept;
    private final List<Integer> notSwept = new ArrayList<>();
    /** The plan of the grid column last asked for (points run column by column). */
    private int planColumn = -1;
    private ExperimentPlan plan;

    private Sweep(ExperimentPlan base, SweepSpec spec) {
        this.base = base;
        this.spec = spec;
        this.grid = spec.grid();
        List<Integer> s = new ArrayList<>();
        for (int i = 0; i < base.size(); i++) {
            if (base.algorithm(i).uses(Hyper.LEARNING_RATE)) {
                s.add(i);
            } else {
                notSwept.add(i);
            }
        }
        this.swept = s.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * A sweep of a prepared document (its data loaded and checked) over {@code spec}'s grid; throws with the violations
     * when the section is invalid for this document.
     */
    public static Sweep of(ExperimentPlan base, SweepSpec spec) throws InvalidDocumentException {
        ExperimentValidator.checkSection(base.document().withSweep(spec), "sweep");
        return new Sweep(base, spec);
    }

    /** A sweep of a document with the grid of its own {@code sweep} section (the defaults without one). */
    public static Sweep of(ExperimentPlan base) throws InvalidDocumentException {
        SweepSpec spec = base.document().sweep();
        return of(base, spec == null ? SweepSpec.defaults() : spec);
    }

    public ExperimentDocument document() {
        return base.document();
    }

    public SweepSpec spec() {
        return spec;
    }

    /** ε of each grid point, smallest first. */
    public double[] grid() {
        return grid.clone();
    }

    /** The indices (in the document) of the optimizers swept, in document order. */
    public int[] swept() {
        return swept.clone();
    }

    /** The indices of the optimizers without a learning rate, which a sweep leaves out. */
    public List<Integer> notSwept() {
        return List.copyOf(notSwept);
    }

    /** The label of optimizer i of the document. */
    public String label(int i) {
        return base.label(i);
    }

    /** Runs in the sweep: grid points × swept optimizers. */
    @Override
    public int size() {
        return grid.length * swept.length;
    }

    /** Updates the whole sweep makes at most: runs × the step budget. */
    public long updates() {
        return (long) size() * base.document().steps();
    }

    /** The document with every optimizer that has an ε given this one: what grid point ε runs. */
    public static ExperimentDocument at(ExperimentDocument document, double epsilon) {
        List<OptimizerSpec> optimizers = new ArrayList<>();
        for (OptimizerSpec o : document.optimizers()) {
            optimizers.add(o.algorithm().uses(Hyper.LEARNING_RATE) ? o.with(Hyper.LEARNING_RATE, epsilon) : o);
        }
        return document.withOptimizers(optimizers).withSweep(null).withResults(null);
    }

    /** Point p: grid index p / (swept optimizers), optimizer swept[p % (swept optimizers)]. */
    public int gridIndex(int p) {
        return p / swept.length;
    }

    public int optimizer(int p) {
        return swept[p % swept.length];
    }

    /** The run of point p, ready to advance (the data of the document already loaded: only the ε differs). */
    @Override
    public PointRun point(int p) {
        int j = gridIndex(p);
        if (j != planColumn) {
            try {
                plan = ExperimentPlan.prepare(at(base.document(), grid[j]), base.dataset());
            } catch (InvalidDocumentException e) {
                // the base plan passed the same checks with the same data; only ε differs, which they do not look at
                throw new IllegalStateException("a sweep point cannot be prepared: " + e.problems(), e);
            }
            planColumn = j;
        }
        return new PointRun(plan, optimizer(p), j, grid[j]);
    }

    /** Runs point p to its end on the calling thread. */
    public SweepPoint run(int p) {
        PointRun r = point(p);
        r.advance(Long.MAX_VALUE);
        return r.result();
    }

    /** Every point, run on up to {@code threads} threads; the same numbers whatever the threads. */
    public SweepPoint[] runAll(int threads) {
        SweepPoint[] points = new SweepPoint[size()];
        int columns = grid.length;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(
                Math.max(1, Math.min(threads, columns)));
        try {
            List<java.util.concurrent.Future<?>> futures = new ArrayList<>();
            for (int j = 0; j < columns; j++) {
                int column = j;
                futures.add(pool.submit(() -> {
                    // each column on one thread with a Sweep of its own: plans are not shared between threads
                    Sweep own = new Sweep(base, spec);
                    for (int s = 0; s < swept.length; s++) {
                        int p = column * swept.length + s;
                        points[p] = own.run(p);
                    }
                }));
            }
            for (java.util.concurrent.Future<?> f : futures) {
                f.get();
            }
            return points;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("a sweep run failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** One point's run: the trainer, the smallest loss recorded and where the run ended. */
    public static final class PointRun extends GridRuns.TrainerRun<SweepPoint> implements RunListener {
        private final Trainer trainer;
        private final int optimizer;
        private final int gridIndex;
        private final double epsilon;
        private double best = Double.NaN;
        private long endStep = -1;

        PointRun(ExperimentPlan plan, int optimizer, int gridIndex, double epsilon) {
            this.optimizer = optimizer;
            this.gridIndex = gridIndex;
            this.epsilon = epsilon;
            this.trainer = plan.trainer(optimizer, this);
        }

        @Override
        public void onRecord(long step, double loss, double[] theta, double[] metrics) {
            if (!(loss >= best)) {
                best = loss;
            }
        }

        @Override
        public void onEnd(RunStatus status, long step, String message) {
            endStep = step;
        }

        @Override
        protected Trainer trainer() {
            return trainer;
        }

        @Override
        public SweepPoint result() {
            var r = trainer.result();
            double last = r.loss().length == 0 ? Double.NaN : r.loss()[r.loss().length - 1];
            return new SweepPoint(optimizer, gridIndex, epsilon, r.status(), r.message(), endStep, last, best);
        }
    }
}

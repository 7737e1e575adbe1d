package org.optlab.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.optlab.engine.Algorithm;
import org.optlab.engine.Algorithm.Hyper;
import org.optlab.engine.RunListener;
import org.optlab.engine.RunResult;
import org.optlab.engine.RunStatus;
import org.optlab.engine.Trainer;
import org.optlab.experiment.ExperimentDocument.OptimizerSpec;
import org.optlab.experiment.ExperimentDocument.StopSpec;

/**
 * A two-parameter map of one optimizer: the steps it takes to bring the loss to a threshold, over a grid of the learning
 * rate ε and a second hyper-parameter (the momentum α of heavy ball or Nesterov, ρ of RMSProp, ρ₁ of Adam), the way
 * Distill's "Why Momentum Really Works" draws its convergence map. Each cell is the plain run of the document with that
 * optimizer's ε and second parameter set and the stop rule {@code targetLoss} = the threshold, so a cell is reproduced by
 * running that document; everything else is the document's.
 */
public final class SweepMap implements GridRuns<SweepMap.Cell> {

    /**
     * One cell: the run at (ε, value of the second parameter); {@code steps} the step at which the loss reached the
     * threshold, or −1 when it did not within the budget (then {@code status} says whether it diverged and
     * {@code message} where and why, in the engine's words).
     *
     * @param row    the index of the second parameter's value (the map's row)
     * @param column the index of ε (the map's column)
     */
    public record Cell(int row, int column, double epsilon, double second, RunStatus status, long steps,
                       String message) {
        public boolean reached() {
            return status == RunStatus.CONVERGED;
        }

        public boolean diverged() {
            return status == RunStatus.DIVERGED;
        }
    }

    private final ExperimentPlan base;
    private final int optimizer;
    private final Hyper second;
    private final double[] epsilons;
    private final double[] seconds;
    private final double threshold;

    private SweepMap(ExperimentPlan base, int optimizer, Hyper second, double[] epsilons, double[] seconds,
                     double threshold) {
        this.base = base;
        this.optimizer = optimizer;
        this.second = second;
        this.epsilons = epsilons.clone();
        this.seconds = seconds.clone();
        this.threshold = threshold;
    }

    /**
     * The map of optimizer {@code i} of a prepared document over ε × the second parameter's values, each cell stopping
     * when the loss ≤ {@code threshold}; throws when that optimizer has no ε and α, ρ or ρ₁ to map.
     */
    public static SweepMap of(ExperimentPlan base, int i, double[] epsilons, double[] seconds, double threshold)
            throws InvalidDocumentException {
        Hyper second = secondParameter(base.algorithm(i));
        if (second == null || !base.algorithm(i).uses(Hyper.LEARNING_RATE)) {
            throw InvalidDocumentException.of("optimizers[" + i + "]", "algorithm", "is " + base.algorithm(i).id()
                    + ", which has no learning rate ε and momentum α, ρ or ρ₁ to map");
        }
        return new SweepMap(base, i, second, epsilons, seconds, threshold);
    }

    /** The second hyper-parameter a map varies for an algorithm: α, ρ or ρ₁; null when it has none. */
    public static Hyper secondParameter(Algorithm a) {
        for (Hyper h : new Hyper[] {Hyper.MOMENTUM, Hyper.RHO1, Hyper.RHO}) {
            if (a.uses(h)) {
                return h;
            }
        }
        return null;
    }

    /** The document whose optimizer {@code i} has these ε and second parameter, stopping at the threshold. */
    public static ExperimentDocument at(ExperimentDocument document, int i, Hyper second, double epsilon, double value,
                                        double threshold) {
        List<OptimizerSpec> optimizers = new ArrayList<>(document.optimizers());
        optimizers.set(i, optimizers.get(i).with(Hyper.LEARNING_RATE, epsilon).with(second, value));
        ExperimentDocument d = document.withOptimizers(optimizers).withSweep(null).withResults(null);
        return new ExperimentDocument(d.schemaVersion(), d.name(), d.seed(), d.steps(), d.recordEvery(), d.problem(),
                d.optimizers(), new StopSpec(threshold, null), null, d.embeddedDataset(), null);
    }

    public ExperimentDocument document() {
        return base.document();
    }

    /** The index in the document of the optimizer mapped. */
    public int optimizer() {
        return optimizer;
    }

    /** The hyper-parameter along the rows: α, ρ or ρ₁. */
    public Hyper second() {
        return second;
    }

    public double[] epsilons() {
        return epsilons.clone();
    }

    public double[] seconds() {
        return seconds.clone();
    }

    public double threshold() {
        return threshold;
    }

    /** Cells: ε values × second-parameter values. */
    @Override
    public int size() {
        return epsilons.length * seconds.length;
    }

    /** Updates the whole map makes at most: cells × the step budget. */
    public long updates() {
        return (long) size() * base.document().steps();
    }

    /** Cell p is column p / rows (ε), row p % rows: the map fills in column by column, smallest ε first. */
    @Override
    public CellRun point(int p) {
        int column = p / seconds.length;
        int row = p % seconds.length;
        ExperimentDocument d = at(base.document(), optimizer, second, epsilons[column], seconds[row], threshold);
        try {
            return new CellRun(ExperimentPlan.prepare(d, base.dataset()), row, column);
        } catch (InvalidDocumentException e) {
            // the base plan passed the same checks with the same data; a cell only sets ε, α and the stop rule
            throw new IllegalStateException("a map cell cannot be prepared: " + e.problems(), e);
        }
    }

    /** Every cell, cells[row][column], run on up to {@code threads} threads (the same numbers whatever the threads). */
    public Cell[][] runAll(int threads) {
        Cell[][] cells = new Cell[seconds.length][epsilons.length];
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(threads, seconds.length)));
        try {
            List<Future<?>> rows = new ArrayList<>();
            for (int a = 0; a < seconds.length; a++) {
                int row = a;
                rows.add(pool.submit(() -> {
                    for (int e = 0; e < epsilons.length; e++) {
                        CellRun r = point(e * seconds.length + row);
                        r.advance(Long.MAX_VALUE);
                        cells[row][e] = r.result();
                    }
                }));
            }
            for (Future<?> f : rows) {
                f.get();
            }
            return cells;
        } catch (InterruptedException x) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", x);
        } catch (ExecutionException x) {
            throw new IllegalStateException("a map run failed: " + x.getCause(), x.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** The map of optimizer {@code i}: cells[a][e] for second-parameter value a and ε index e. */
    public static Cell[][] run(ExperimentPlan base, int i, double[] epsilons, double[] seconds, double threshold,
                               int threads) throws InvalidDocumentException {
        return of(base, i, epsilons, seconds, threshold).runAll(threads);
    }

    /**
     * The heavy ball's best constant ε and α on a quadratic with these extreme eigenvalues of A (Polyak; Goh,
     * "Why Momentum Really Works"): α* = ((√κ − 1)/(√κ + 1))², ε* = 4/(√λmax + √λmin)², κ = λmax/λmin.
     */
    public static double[] heavyBallOptimum(double lambdaMin, double lambdaMax) {
        double sMin = Math.sqrt(lambdaMin);
        double sMax = Math.sqrt(lambdaMax);
        double alpha = Math.pow((sMax - sMin) / (sMax + sMin), 2);
        double epsilon = 4 / Math.pow(sMax + sMin, 2);
        return new double[] {epsilon, alpha};
    }

    /**
     * Polyak's (ε*, α*) for this map ({@link #heavyBallOptimum(double, double)}) when it maps the heavy ball (momentum,
     * Algorithm 8.2) on a quadratic with a positive-definite A; else null (Nesterov's and the adaptive methods' optima
     * differ, and other functions have no such formula).
     */
    public double[] heavyBallOptimum() {
        if (base.algorithm(optimizer) != Algorithm.MOMENTUM || base.isDataset()
                || !(base.function() instanceof org.optlab.engine.function.Quadratic q)) {
            return null;
        }
        org.optlab.engine.function.Quadratic.Spectrum sp = q.spectrum();
        return sp.lambdaMin() > 0 ? heavyBallOptimum(sp.lambdaMin(), sp.lambdaMax()) : null;
    }

    /** One cell's run. */
    public final class CellRun extends GridRuns.TrainerRun<Cell> {
        private final Trainer trainer;
        private final int row;
        private final int column;

        CellRun(ExperimentPlan plan, int row, int column) {
            this.trainer = plan.trainer(optimizer, RunListener.NONE);
            this.row = row;
            this.column = column;
        }

        @Override
        protected Trainer trainer() {
            return trainer;
        }

        @Override
        public Cell result() {
            RunResult r = trainer.result();
            long[] steps = r.steps();
            long reached = r.status() == RunStatus.CONVERGED && steps.length > 0 ? steps[steps.length - 1] : -1;
            return new Cell(row, column, epsilons[column], seconds[row], r.status(), reached, r.message());
        }
    }
}

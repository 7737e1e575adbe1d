package org.optlab.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.optlab.engine.Algorithm;
import org.optlab.engine.Algorithm.Hyper;
import org.optlab.engine.RunStatus;
import org.optlab.experiment.ExperimentDocument.OptimizerSpec;
import org.optlab.experiment.ExperimentDocument.StopSpec;

/**
 * A two-parameter map of one optimizer: the steps it takes to bring the loss to a threshold, over a grid of the learning
 * rate ε and a second hyper-parameter (the momentum α of heavy ball or Nesterov, ρ of RMSProp, ρ₁ of Adam), the way
 * Distill's "Why Momentum Really Works" draws its convergence map. Each cell is the plain run of the document with that
 * optimizer's ε and second parameter set and the stop rule {@code targetLoss} = the threshold, so a cell is reproduced by
 * running that document; everything else is the document's.
 */
public final class SweepMap {

    /**
     * One cell: the run at (ε, value of the second parameter); {@code steps} the step at which the loss reached the
     * threshold, or −1 when it did not within the budget (then {@code status} says whether it diverged).
     */
    public record Cell(double epsilon, double second, RunStatus status, long steps) {
        public boolean reached() {
            return status == RunStatus.CONVERGED;
        }
    }

    private SweepMap() {
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

    /**
     * The map of optimizer {@code i}: cells[a][e] for second-parameter value a and ε index e, run on up to
     * {@code threads} threads (the same numbers whatever the threads).
     */
    public static Cell[][] run(ExperimentPlan base, int i, double[] epsilons, double[] seconds, double threshold,
                               int threads) throws InvalidDocumentException {
        Hyper second = secondParameter(base.algorithm(i));
        if (second == null || !base.algorithm(i).uses(Hyper.LEARNING_RATE)) {
            throw InvalidDocumentException.of("optimizers[" + i + "]", "algorithm", "is " + base.algorithm(i).id()
                    + ", which has no learning rate ε and momentum α, ρ or ρ₁ to map");
        }
        Cell[][] cells = new Cell[seconds.length][epsilons.length];
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(threads, seconds.length)));
        try {
            List<Future<?>> rows = new ArrayList<>();
            for (int a = 0; a < seconds.length; a++) {
                int row = a;
                rows.add(pool.submit(() -> {
                    for (int e = 0; e < epsilons.length; e++) {
                        ExperimentDocument d = at(base.document(), i, second, epsilons[e], seconds[row], threshold);
                        ExperimentPlan plan;
                        try {
                            plan = ExperimentPlan.prepare(d, base.dataset());
                        } catch (InvalidDocumentException x) {
                            throw new IllegalStateException(x.problems().toString(), x);
                        }
                        var r = plan.trainer(i, org.optlab.engine.RunListener.NONE).runToEnd();
                        long[] steps = r.steps();
                        cells[row][e] = new Cell(epsilons[e], seconds[row], r.status(),
                                r.status() == RunStatus.CONVERGED ? steps[steps.length - 1] : -1);
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
}

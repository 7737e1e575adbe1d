package org.optlab.lab;

import java.util.List;
import java.util.Locale;
import org.optlab.engine.function.TestFunction;
import org.optlab.experiment.ExperimentDocument;
import org.optlab.experiment.ExperimentPlan;
import org.optlab.experiment.InvalidDocumentException;
import org.optlab.experiment.MapSpec;
import org.optlab.experiment.Seeds;
import org.optlab.experiment.SeedsSpec;
import org.optlab.experiment.Sweep;
import org.optlab.experiment.SweepMap;
import org.optlab.experiment.SweepSpec;
import org.optlab.experiment.Violation;
import org.springframework.stereotype.Service;

/**
 * What the sweep, map and seeds views call: a grid of runs of the tab's experiment (a learning-rate sweep, an (ε, α)
 * map, k seeds), checked against the server's limits (those of every run, and {@code optlab.max-sweep-updates} or
 * {@code optlab.max-seeds-updates} for the grid as a whole), live on the shared executor, counted as one running
 * experiment of its owner.
 */
@Service
public class SweepService {

    private final LabService lab;

    public SweepService(LabService lab) {
        this.lab = lab;
    }

    /**
     * The sweep of {@code document} over {@code spec}'s grid; throws with every problem, each naming the limit and its
     * value: the document's own (as for a run) and the sweep's size.
     */
    public Sweep plan(ExperimentDocument document, SweepSpec spec) throws InvalidDocumentException {
        // the lab's form may hold what a document may not (it is validated as it changes, not when a sweep starts)
        org.optlab.experiment.DocumentReader.check(document);
        ExperimentPlan base = lab.plan(document);
        Sweep sweep = Sweep.of(base, spec);
        long limit = lab.executor().properties().sweepUpdatesLimit();
        if (sweep.updates() > limit) {
            throw new InvalidDocumentException(List.of(new Violation("sweep", "points", String.format(Locale.ROOT,
                    "make a sweep of %d learning rates ε × %d optimizers × %,d steps = %,d updates; this server's limit"
                            + " per sweep is %,d (optlab.max-sweep-updates): use fewer grid points, fewer steps or fewer"
                            + " optimizers", sweep.grid().length, sweep.swept().length, document.steps(), sweep.updates(),
                    limit))));
        }
        return sweep;
    }

    /**
     * The (ε, α) map of optimizer {@code optimizer} of {@code document} over {@code spec}'s grid; throws with every
     * problem in the dialog's words: the document's own, the grid's, a problem that is not a 2-D function, an optimizer
     * without ε and α, ρ or ρ₁, and the map's size against {@code optlab.max-sweep-updates} (a map counts as a sweep).
     */
    public SweepMap planMap(ExperimentDocument document, int optimizer, MapSpec spec) throws InvalidDocumentException {
        org.optlab.experiment.DocumentReader.check(document);
        List<Violation> grid = spec.violations();
        if (!grid.isEmpty()) {
            throw new InvalidDocumentException(grid);
        }
        ExperimentPlan base = lab.plan(document);
        if (base.isDataset()) {
            throw InvalidDocumentException.of("map", "problem", "an (ε, α) map is drawn on a 2-D function; this"
                    + " experiment trains a model on data: use the learning-rate sweep");
        }
        SweepMap map = SweepMap.of(base, optimizer, spec.epsilons(), spec.seconds(), spec.threshold());
        long limit = lab.executor().properties().sweepUpdatesLimit();
        if (map.updates() > limit) {
            throw InvalidDocumentException.of("map", "cells", String.format(Locale.ROOT,
                    "make a map of %d × %d cells × %,d steps = %,d updates; this server's limit per sweep or map is %,d"
                            + " (optlab.max-sweep-updates): use fewer cells or fewer steps", spec.columns(), spec.rows(),
                    document.steps(), map.updates(), limit));
        }
        return map;
    }

    /**
     * The smallest loss at the function's known minima (f* for the map's default threshold f* + 10⁻⁶), or NaN when
     * the document is not a 2-D function with a known minimum.
     */
    public static double knownMinimum(ExperimentPlan plan) {
        if (plan.isDataset()) {
            return Double.NaN;
        }
        TestFunction f = plan.function();
        double best = Double.NaN;
        for (TestFunction.CriticalPoint c : f.criticalPoints()) {
            if (c.kind().contains("minimum")) {
                double v = f.f(c.x(), c.y());
                best = Double.isNaN(best) ? v : Math.min(best, v);
            }
        }
        return best;
    }

    /**
     * A live grid (a sweep, a map, k seeds) for a tab of the browser with that owner token, ready to start; it counts as
     * one running experiment of its owner.
     */
    public <R> LiveSweep<R> open(org.optlab.experiment.GridRuns<R> grid, String owner) {
        return lab.openSweep(grid, owner);
    }

    /**
     * The k seeds of {@code document} as {@code spec} says; throws with every problem, each naming the limit and its
     * value: the document's own (as for a run) and the seeds' size.
     */
    public Seeds planSeeds(ExperimentDocument document, SeedsSpec spec) throws InvalidDocumentException {
        // the lab's form may hold what a document may not (it is validated as it changes, not when the seeds start)
        org.optlab.experiment.DocumentReader.check(document.withSweep(null).withSeeds(null));
        ExperimentPlan base = lab.plan(document.withSweep(null).withSeeds(null));
        Seeds seeds = Seeds.of(base, spec);
        long limit = lab.executor().properties().seedsUpdatesLimit();
        if (seeds.updates() > limit) {
            throw new InvalidDocumentException(List.of(new Violation("seeds", "count", String.format(Locale.ROOT,
                    "is too large: %d seeds × %d optimizers × %,d steps = %,d updates; this server's limit per run of k"
                            + " seeds is %,d (optlab.max-seeds-updates): use fewer seeds k, fewer steps or fewer"
                            + " optimizers",
                    seeds.count(), seeds.optimizers(), document.steps(), seeds.updates(), limit))));
        }
        return seeds;
    }

    /** The executor whose ticker pushes a sweep's progress to its tab. */
    public TrainingExecutor executorForPush() {
        return lab.executor();
    }

    /** Null when the sweep may start now, else the message that says which per-person limit stops it. */
    public String mayStart(LiveSweep<?> sweep) {
        return lab.mayStart(sweep);
    }
}

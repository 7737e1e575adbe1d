package org.optlab.lab;

import java.util.List;
import java.util.Locale;
import org.optlab.experiment.ExperimentDocument;
import org.optlab.experiment.ExperimentPlan;
import org.optlab.experiment.InvalidDocumentException;
import org.optlab.experiment.Sweep;
import org.optlab.engine.function.TestFunction;
import org.optlab.experiment.MapSpec;
import org.optlab.experiment.SweepMap;
import org.optlab.experiment.SweepPoint;
import org.optlab.experiment.SweepSpec;
import org.optlab.experiment.Violation;
import org.springframework.stereotype.Service;

/**
 * What the sweep view calls: a learning-rate sweep of the tab's experiment, checked against the server's limits (those
 * of every run, and {@code optlab.max-sweep-updates} for the sweep as a whole), live on the shared executor, counted as
 * one running experiment of its owner.
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

    /** A live map for a tab of the browser with that owner token, ready to start; it counts as a sweep. */
    public LiveSweep<SweepMap.Cell> open(SweepMap map, String owner) {
        return lab.openSweep(map, owner);
    }

    /** The executor whose ticker pushes a sweep's progress to its tab. */
    public TrainingExecutor executorForPush() {
        return lab.executor();
    }

    /** A live sweep for a tab of the browser with that owner token, ready to start. */
    public LiveSweep<SweepPoint> open(Sweep sweep, String owner) {
        return lab.openSweep(sweep, owner);
    }

    /** Null when the sweep may start now, else the message that says which per-person limit stops it. */
    public String mayStart(LiveSweep<?> sweep) {
        return lab.mayStart(sweep);
    }
}

package org.optlab.lab;

import java.util.List;
import java.util.Locale;
import org.optlab.experiment.ExperimentDocument;
import org.optlab.experiment.ExperimentPlan;
import org.optlab.experiment.InvalidDocumentException;
import org.optlab.experiment.Sweep;
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

    /** The executor whose ticker pushes a sweep's progress to its tab. */
    public TrainingExecutor executorForPush() {
        return lab.executor();
    }

    /** A live sweep for a tab of the browser with that owner token, ready to start. */
    public LiveSweep open(Sweep sweep, String owner) {
        return lab.openSweep(sweep, owner);
    }

    /** Null when the sweep may start now, else the message that says which per-person limit stops it. */
    public String mayStart(LiveSweep sweep) {
        return lab.mayStart(sweep);
    }
}

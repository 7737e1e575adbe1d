package org.optlab.lab;

import java.util.List;
import java.util.Locale;
import org.optlab.experiment.DocumentReader;
import org.optlab.experiment.ExperimentDocument;
import org.optlab.experiment.ExperimentPlan;
import org.optlab.experiment.InvalidDocumentException;
import org.optlab.experiment.SeedCurve;
import org.optlab.experiment.Seeds;
import org.optlab.experiment.SeedsSpec;
import org.optlab.experiment.Violation;
import org.springframework.stereotype.Service;

/**
 * What the seeds view calls: a run of k seeds of the tab's experiment, checked against the server's limits (those of
 * every run, and {@code optlab.max-seeds-updates} for the k seeds as a whole), live on the shared executor, counted as
 * one running experiment of its owner.
 */
@Service
public class SeedsService {

    private final LabService lab;

    public SeedsService(LabService lab) {
        this.lab = lab;
    }

    /**
     * The k seeds of {@code document} as {@code spec} says; throws with every problem, each naming the limit and its
     * value: the document's own (as for a run) and the seeds' size.
     */
    public Seeds plan(ExperimentDocument document, SeedsSpec spec) throws InvalidDocumentException {
        // the lab's form may hold what a document may not (it is validated as it changes, not when the seeds start)
        DocumentReader.check(document.withSweep(null).withSeeds(null));
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

    /** The executor whose ticker pushes the seeds' progress to their tab. */
    public TrainingExecutor executorForPush() {
        return lab.executor();
    }

    /** A live run of k seeds for a tab of the browser with that owner token, ready to start. */
    public LiveSweep<SeedCurve> open(Seeds seeds, String owner) {
        return lab.openSeeds(seeds, owner);
    }

    /** Null when the seeds may start now, else the message that says which per-person limit stops them. */
    public String mayStart(LiveSweep<?> seeds) {
        return lab.mayStart(seeds);
    }
}

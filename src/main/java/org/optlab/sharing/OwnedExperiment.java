package org.optlab.sharing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.optlab.experiment.ExperimentStore;

/**
 * One line of an owner's list ("My experiments"), as the owner's index keeps it: enough to show the list without
 * opening a single experiment file.
 *
 * @param finalLosses each optimizer's final training loss ({@code GD 0.1234, Adam 1.2e-05}), {@code not run}, or
 *                    {@code cannot be read: <reason>} for a file found damaged
 */
public record OwnedExperiment(String id, String name, Instant saved, long bytes, String finalLosses) {

    /** The line for an experiment as just written or read. */
    static OwnedExperiment of(ExperimentStore.Stored s) {
        return new OwnedExperiment(s.id(), s.document().name(), s.saved(), s.bytes(),
                finalLosses(ExperimentStore.FinalLoss.of(s.document())));
    }

    /** The line for an experiment's file as seen when an index is rebuilt. */
    static OwnedExperiment of(ExperimentStore.Seen s) {
        return new OwnedExperiment(s.id(), s.name(), s.saved(), s.bytes(), finalLosses(s.finalLosses()));
    }

    /** The line for a file that is the owner's but cannot be read (found when the index is rebuilt). */
    static OwnedExperiment unreadable(String id, String reason) {
        return new OwnedExperiment(id, null, Instant.now(), 0, "cannot be read: " + reason);
    }

    /** Each optimizer's final training loss to 4 significant digits, or "not run". */
    static String finalLosses(List<ExperimentStore.FinalLoss> losses) {
        if (losses == null) {
            return "not run";
        }
        List<String> parts = new ArrayList<>();
        for (ExperimentStore.FinalLoss l : losses) {
            parts.add(l.label() + " " + (l.loss() == null ? "–" : String.format("%.4g", l.loss())));
        }
        return String.join(", ", parts);
    }
}

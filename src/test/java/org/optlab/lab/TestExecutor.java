package org.optlab.lab;

import java.util.ArrayList;
import java.util.List;
import org.optlab.experiment.DocumentReader;
import org.optlab.experiment.ExperimentPlan;

/**
 * A private training executor for the lab's tests, with the experiments opened on it: {@link #close()} closes them all
 * and shuts the executor down.
 */
final class TestExecutor implements AutoCloseable {

    final TrainingExecutor executor;
    /** Every experiment opened here, in order. */
    final List<LiveExperiment> opened = new ArrayList<>();

    TestExecutor(LabProperties properties) {
        executor = new TrainingExecutor(properties);
    }

    /** An experiment of {@code owner}'s from its JSON document, ready to start. */
    LiveExperiment open(String json, String owner) throws Exception {
        ExperimentPlan plan = ExperimentPlan.prepare(DocumentReader.read(json).document());
        LiveExperiment e = new LiveExperiment(plan, executor, owner, x -> { });
        opened.add(e);
        return e;
    }

    void closeAll() {
        opened.forEach(LiveExperiment::close);
    }

    @Override
    public void close() {
        closeAll();
        executor.destroy();
    }
}

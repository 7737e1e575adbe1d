package org.optlab.lab;

import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.optlab.experiment.DatasetResolver;
import org.optlab.experiment.ExperimentDocument;
import org.optlab.experiment.ExperimentPlan;
import org.optlab.experiment.InvalidDocumentException;
import org.optlab.experiment.Violation;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Service;

/** What the views call: turn a document into a live experiment on the shared executor, and keep uploads. */
@Service
@EnableConfigurationProperties(LabProperties.class)
public class LabService {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(LabService.class);

    private final TrainingExecutor executor;
    private final UploadStore uploads;
    /** Every live experiment of the server (each knows the owner token of the browser that runs it). */
    private final Set<LiveExperiment> live = ConcurrentHashMap.newKeySet();

    public LabService(TrainingExecutor executor, UploadStore uploads) {
        this.executor = executor;
        this.uploads = uploads;
    }

    public TrainingExecutor executor() {
        return executor;
    }

    public UploadStore uploads() {
        return uploads;
    }

    /** Resolves {@code upload:} datasets from the store; the web lab never opens a file path named in a document. */
    public DatasetResolver resolver() {
        return reference -> {
            if (reference.startsWith("file:")) {
                return DatasetResolver.NONE.csv(reference);
            }
            byte[] bytes = uploads.get(reference);
            if (bytes == null) {
                throw new IOException("the uploaded dataset is no longer on the server; upload the CSV file again");
            }
            return bytes;
        };
    }

    /**
     * Loads the data and checks the document against it and against the server's per-user limits; throws with every
     * problem found, each naming the limit and its value.
     */
    public ExperimentPlan plan(ExperimentDocument document) throws InvalidDocumentException {
        ExperimentPlan plan = ExperimentPlan.prepare(document, resolver());
        LabProperties p = executor.properties();
        List<Violation> problems = new ArrayList<>();
        if (document.steps() > p.stepsPerRunLimit()) {
            problems.add(new Violation("", "steps", "is " + document.steps() + "; this server's limit per run is "
                    + p.stepsPerRunLimit() + " (optlab.max-steps-per-run)"));
        }
        if (plan.isDataset()) {
            if (plan.dataset().size() > p.datasetRowsLimit()) {
                problems.add(new Violation("problem", "dataset", "has " + plan.dataset().size() + " rows; this server's"
                        + " limit is " + p.datasetRowsLimit() + " (optlab.max-dataset-rows)"));
            }
            int parameters = plan.start().length;
            if (parameters > p.parametersLimit()) {
                problems.add(new Violation("problem", "model", "has " + parameters + " parameters; this server's limit is "
                        + p.parametersLimit() + " (optlab.max-parameters): use fewer or smaller hidden layers"));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidDocumentException(problems);
        }
        return plan;
    }

    /** A live experiment for one tab of the browser with that owner token, ready to start. */
    public LiveExperiment open(ExperimentPlan plan, String owner) {
        LiveExperiment experiment = new LiveExperiment(plan, executor, owner == null ? "" : owner, this::released);
        live.add(experiment);
        return experiment;
    }

    /**
     * Checks the per-user limit of experiments running at once before {@code experiment} starts.
     *
     * @return null when it may start, else the message that says which limit
     */
    public String mayStart(LiveExperiment experiment) {
        long running = live.stream()
                .filter(e -> e != experiment && e.owner().equals(experiment.owner()))
                .filter(e -> e.state() == LiveExperiment.State.RUNNING || e.state() == LiveExperiment.State.WAITING
                        || e.state() == LiveExperiment.State.PAUSED)
                .count();
        int limit = executor.properties().runningExperimentsLimit();
        return running >= limit ? "you already run " + running + " experiments in other tabs; the limit per person is "
                + limit + " (optlab.max-running-experiments): stop one first" : null;
    }

    private void released(LiveExperiment experiment) {
        live.remove(experiment);
    }

    /** Live experiments on the server (all tabs, all users). */
    public int liveCount() {
        return live.size();
    }

    /** Graceful shutdown: every run is stopped (its results stay complete and finite); nothing is half-written. */
    @PreDestroy
    public void stopAll() {
        for (LiveExperiment e : new ArrayList<>(live)) {
            e.close();
        }
        LOG.info("stopped every run for shutdown");
    }
}

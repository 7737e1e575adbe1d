package org.optlab.lab;

import java.io.IOException;
import org.optlab.experiment.DatasetResolver;
import org.optlab.experiment.ExperimentDocument;
import org.optlab.experiment.ExperimentPlan;
import org.optlab.experiment.InvalidDocumentException;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Service;

/** What the views call: turn a document into a live experiment on the shared executor, and keep uploads. */
@Service
@EnableConfigurationProperties(LabProperties.class)
public class LabService {

    private final TrainingExecutor executor;
    private final UploadStore uploads;

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

    /** Loads the data and checks the document against it; throws with every problem found. */
    public ExperimentPlan plan(ExperimentDocument document) throws InvalidDocumentException {
        return ExperimentPlan.prepare(document, resolver());
    }

    /** A live experiment for one tab, ready to start. */
    public LiveExperiment open(ExperimentPlan plan) {
        return new LiveExperiment(plan, executor);
    }
}

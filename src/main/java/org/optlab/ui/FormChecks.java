package org.optlab.ui;

import java.util.List;
import org.optlab.experiment.ExperimentValidator;
import org.optlab.experiment.DocumentWriter;
import org.optlab.experiment.ExperimentDocument;
import org.optlab.experiment.ExperimentDocument.OptimizerSpec;
import org.optlab.experiment.ExperimentDocument.ProblemSpec;
import org.optlab.experiment.ExperimentPlan;
import org.optlab.experiment.InvalidDocumentException;
import org.optlab.experiment.Violation;
import org.optlab.lab.LabService;

/**
 * The lab form's checks, kept out of the view: what is wrong with the document the form describes (the document
 * validator's messages, with their JSON paths, which the view marks at the fields), the plan the server makes of it
 * (its per-user limits and what only the data can tell), and the training-set size the batch-size shortcuts need.
 */
final class FormChecks {

    private final LabService lab;
    private String sizedProblem;
    private int sizedTraining;

    FormChecks(LabService lab) {
        this.lab = lab;
    }

    /** Every problem of the form's document; empty when it can run. */
    List<Violation> problems(ExperimentDocument doc, String uploadError) {
        if (doc.problem() == null) {
            return List.of(new Violation("problem", "dataset", "is missing: upload a CSV file"
                    + (uploadError.isEmpty() ? "" : " that imports without errors")));
        } else if (doc.optimizers().isEmpty()) {
            return List.of(new Violation("", "optimizers", "are all disabled: enable at least one optimizer"));
        } else if (doc.seed() == null) {
            return List.of(new Violation("", "seed", "is required"));
        }
        return ExperimentValidator.validate(doc);
    }

    /** The server's plan of the document: its data loaded, checked against the data and this server's limits. */
    ExperimentPlan plan(ExperimentDocument doc) throws InvalidDocumentException {
        return lab.plan(ExperimentValidator.check(doc));
    }

    /** The training-set size of a dataset problem, 0 for a function or a problem that does not load (cached). */
    int trainingSize(ProblemSpec p, Long seed) {
        if (p == null || !p.usesDataset()) {
            return 0;
        }
        ExperimentDocument probe = new ExperimentDocument(1, null, seed == null ? 1L : seed, 1, null, p,
                List.of(OptimizerSpec.of(null, "sgd")), null, null);
        String key = DocumentWriter.write(probe);
        if (key.equals(sizedProblem)) {
            return sizedTraining;
        }
        try {
            sizedTraining = plan(probe).split().train().size();
        } catch (InvalidDocumentException | RuntimeException e) {
            sizedTraining = 0;
        }
        sizedProblem = key;
        return sizedTraining;
    }
}

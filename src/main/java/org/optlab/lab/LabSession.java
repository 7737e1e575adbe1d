package org.optlab.lab;

import java.util.List;
import java.util.Objects;
import org.optlab.dataset.CsvImport;
import org.optlab.dataset.Dataset;
import org.optlab.engine.Algorithm;
import org.optlab.experiment.ExperimentDocument;
import org.optlab.experiment.ExperimentDocument.OptimizerSpec;
import org.optlab.experiment.ExperimentDocument.ProblemSpec.DatasetSpec;
import org.optlab.experiment.ExperimentPlan;
import org.optlab.experiment.ExperimentValidator;
import org.optlab.experiment.InvalidDocumentException;
import org.optlab.experiment.Violation;

/**
 * One browser tab's lab, without any UI: the experiment the tab's form describes, its violations, the dataset loaded
 * for its problem (kept while only the optimizers, the steps or the split change, loaded again when the data would
 * differ), and the tab's live experiment. The view calls this and nothing below it; closing the session stops its runs.
 *
 * <p>Not thread-safe: a tab's calls come one at a time (Vaadin's session lock), the training threads never call it.
 */
public final class LabSession implements AutoCloseable {

    private final LabService lab;
    private final String owner;

    private ExperimentDocument document;
    private List<Violation> violations = List.of();

    /** The data's identity: what it is generated, read or imported from. */
    private record DataKey(String dataset, Integer n, Double noise, Integer arms, Integer classes, long seed,
                           String target, CsvImport.Task task, String embeddedSha) {
    }

    /** What the training-set size depends on: the data, the validation share and the experiment's seed. */
    private record SizeKey(DataKey data, Double validationFraction, Long seed) {
    }

    private DataKey loadedKey;
    private SizeKey sizedKey;
    private int sized;
    private Dataset loaded;
    private int dataLoads;
    /** Volatile: the push thread reads it to see whether the tab is idle. */
    private volatile LiveExperiment live;

    /** Told once when the tab closes (the service forgets the tab's client address). */
    private Runnable onClose;

    LabSession(LabService lab, String owner) {
        this(lab, owner, () -> { });
    }

    LabSession(LabService lab, String owner, Runnable onClose) {
        this.lab = lab;
        this.owner = owner;
        this.onClose = onClose;
    }

    /**
     * Takes the experiment the form now describes and checks it; returns its violations (empty when it can run), each at
     * its path. A form without an uploaded CSV, without an enabled optimizer or without a seed is told so in those words.
     */
    public List<Violation> edit(ExperimentDocument doc) {
        this.document = doc;
        if (doc.problem() == null) {
            violations = List.of(new Violation("problem", "dataset", "is missing: upload a CSV file"));
        } else if (doc.optimizers().isEmpty()) {
            violations = List.of(new Violation("", "optimizers", "are all disabled: enable at least one optimizer"));
        } else if (doc.seed() == null) {
            violations = List.of(new Violation("", "seed", "is required"));
        } else {
            violations = ExperimentValidator.validate(doc);
        }
        return violations;
    }

    /** The experiment as last edited (null before the first edit). */
    public ExperimentDocument document() {
        return document;
    }

    /** The violations of the experiment as last edited. */
    public List<Violation> violations() {
        return violations;
    }

    /**
     * The plan of the current experiment: checked, its data loaded (or taken from this session's cache), checked against
     * the data and the server's limits.
     */
    public ExperimentPlan plan() throws InvalidDocumentException {
        if (document == null) {
            throw InvalidDocumentException.of("", "", "there is no experiment yet");
        }
        if (!violations.isEmpty()) {
            throw new InvalidDocumentException(violations);
        }
        return lab.plan(document, data(document));
    }

    /** The training-set size of the current dataset problem (0 for a function, or data that does not load). */
    public int trainingSize() {
        if (document == null || !(document.problem() instanceof DatasetSpec p)) {
            return 0;
        }
        // the problem alone: an optimizer the form has not finished yet does not hide the data's size
        ExperimentDocument probe = new ExperimentDocument(1, null, document.seed() == null ? 1L : document.seed(), 1,
                null, p, List.of(OptimizerSpec.of(null, Algorithm.SGD)), null, null, document.embeddedDataset());
        if (!ExperimentValidator.validate(probe).isEmpty()) {
            return 0;
        }
        SizeKey key = new SizeKey(dataKey(probe, p), p.validationFraction(), probe.seed());
        if (!key.equals(sizedKey)) {
            // the split copies and standardises the data: once per data, share and seed, not on every edit
            try {
                sized = ExperimentPlan.prepare(probe, data(probe)).split().train().size();
            } catch (InvalidDocumentException | RuntimeException e) {
                sized = 0;
            }
            sizedKey = key;
        }
        return sized;
    }

    /** The data's identity in a document with a dataset problem. */
    private static DataKey dataKey(ExperimentDocument doc, DatasetSpec p) {
        return new DataKey(p.dataset(), p.n(), p.noise(), p.arms(), p.classes(),
                p.seed() != null ? p.seed() : doc.seed() == null ? org.optlab.experiment.Defaults.SEED : doc.seed(),
                p.target(), p.task(), doc.embeddedDataset() == null ? null : doc.embeddedDataset().sha256());
    }

    /** The dataset of a document, loaded only when it differs from the one this session holds. */
    private Dataset data(ExperimentDocument doc) throws InvalidDocumentException {
        if (!(doc.problem() instanceof DatasetSpec p)) {
            return null;
        }
        DataKey key = dataKey(doc, p);
        if (!key.equals(loadedKey)) {
            loaded = null;
            loadedKey = null;
            dataLoads++;
            loaded = lab.loadData(doc);
            loadedKey = key;
        }
        return loaded;
    }

    /** How many times this session has loaded a dataset (a lab tab reads it to know what an edit cost). */
    public int dataLoads() {
        return dataLoads;
    }

    /** A new live experiment from the current experiment (the previous one closed), ready to start. */
    public LiveExperiment open() throws InvalidDocumentException {
        ExperimentPlan plan = plan();
        discardLive();
        live = lab.open(plan, owner);
        return live;
    }

    /** The live experiment of this tab, or null. */
    public LiveExperiment live() {
        return live;
    }

    /** Null when the live experiment may start now, else the message that says which per-person limit stops it. */
    public String mayStart() {
        return live == null ? null : lab.mayStart(live);
    }

    /** Stops and forgets the live experiment. */
    public void discardLive() {
        if (live != null) {
            live.close();
            live = null;
        }
    }

    /** The owner token of the tab's browser. */
    public String owner() {
        return owner;
    }

    @Override
    public void close() {
        Runnable closed = onClose;
        onClose = () -> { };
        closed.run();
        discardLive();
        loaded = null;
        loadedKey = null;
        sizedKey = null;
    }

    @Override
    public String toString() {
        return "LabSession[" + Objects.toString(owner, "") + "]";
    }
}

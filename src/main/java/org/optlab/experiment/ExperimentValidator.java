package org.optlab.experiment;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.optlab.dataset.CsvImport;
import org.optlab.dataset.ToyDatasets;
import org.optlab.engine.Algorithm;
import org.optlab.engine.Algorithm.Hyper;
import org.optlab.engine.function.TestFunctions;
import org.optlab.experiment.ExperimentDocument.ModelSpec;
import org.optlab.experiment.ExperimentDocument.OptimizerResult;
import org.optlab.experiment.ExperimentDocument.OptimizerSpec;
import org.optlab.experiment.ExperimentDocument.ProblemSpec;
import org.optlab.experiment.ExperimentDocument.ProblemSpec.DatasetSpec;
import org.optlab.experiment.ExperimentDocument.ProblemSpec.FunctionSpec;
import org.optlab.experiment.ExperimentDocument.ScheduleSpec;

/**
 * The one place the rules of an experiment document live: required values, ranges, closed sets and the rules between
 * fields, checked on the typed document and returned as {@link Violation}s, each at its path. {@link DocumentReader}
 * checks only the JSON's shape (numbers where numbers go, and which of the two kinds a problem object is: the typed
 * {@link ExperimentDocument.ProblemSpec} is a function or a dataset, never both) and then asks this class; the lab's form
 * asks it directly.
 * The ranges of the optimizers' hyper-parameters are those of {@link Hyper}.
 */
public final class ExperimentValidator {

    private final List<Violation> violations = new ArrayList<>();

    private ExperimentValidator() {
    }

    /** Every violation of the document; empty when it can run. */
    public static List<Violation> validate(ExperimentDocument d) {
        ExperimentValidator v = new ExperimentValidator();
        v.document(d);
        return List.copyOf(v.violations);
    }

    /**
     * Throws with the violations of one section of the document ({@code sweep}, {@code seeds}: those whose path starts
     * with it), for a section checked against a document already prepared; nothing when there are none.
     */
    public static void checkSection(ExperimentDocument d, String section) throws InvalidDocumentException {
        List<Violation> found = new ArrayList<>();
        for (Violation v : validate(d)) {
            if (v.where().startsWith(section)) {
                found.add(v);
            }
        }
        if (!found.isEmpty()) {
            throw new InvalidDocumentException(found);
        }
    }

    /** The document if it has no violation; else throws with all of them. */
    public static ExperimentDocument check(ExperimentDocument d) throws InvalidDocumentException {
        List<Violation> found = validate(d);
        if (!found.isEmpty()) {
            throw new InvalidDocumentException(found);
        }
        return d;
    }

    private void add(String path, String field, String message) {
        violations.add(new Violation(path, field, message));
    }

    private void document(ExperimentDocument d) {
        if (d.schemaVersion() > ExperimentDocument.SCHEMA_VERSION) {
            add("", "schemaVersion", d.schemaVersion() + " is newer than this OptLab understands (it reads up to "
                    + ExperimentDocument.SCHEMA_VERSION + "); update OptLab to open this document");
            return;
        }
        if (d.schemaVersion() < 1) {
            add("", "schemaVersion", "must be ≥ 1, got " + d.schemaVersion());
        }
        text("", "name", d.name());
        if (d.lesson() != null && Lessons.byId(d.lesson()) == null) {
            add("", "lesson", "names no lesson of this OptLab: \"" + (d.lesson().length() > 40
                    ? d.lesson().substring(0, 40) + "…" : d.lesson()) + "\". A lesson is one of " + String.join(", ",
                    Lessons.IDS) + "; leave lesson out for an experiment of your own");
        }
        integer("", "steps", d.steps(), 1, Limits.MAX_STEPS);
        Integer recordEvery = d.recordEvery();
        if (recordEvery != null && integer("", "recordEvery", recordEvery, 1, Limits.MAX_STEPS)
                && d.steps() >= 1 && d.steps() <= Limits.MAX_STEPS) {
            if (recordEvery > d.steps()) {
                add("", "recordEvery", "must be ≤ steps (" + d.steps() + "), got " + recordEvery);
            } else if (d.steps() / recordEvery > Limits.MAX_RECORDED_POINTS) {
                add("", "recordEvery", "must keep steps / recordEvery ≤ " + Limits.MAX_RECORDED_POINTS
                        + " recorded points, got " + d.steps() / recordEvery + "; raise recordEvery");
            }
        }
        if (d.problem() == null) {
            add("", "problem", "is required");
        } else {
            problem(d.problem());
        }
        List<OptimizerSpec> optimizers = d.optimizers();
        if (optimizers == null) {
            add("", "optimizers", "is required");
        } else if (optimizers.isEmpty()) {
            add("", "optimizers", "must list at least one optimizer");
        } else if (optimizers.size() > Limits.MAX_OPTIMIZERS) {
            add("", "optimizers", "may list at most " + Limits.MAX_OPTIMIZERS + " optimizers, got " + optimizers.size());
        } else {
            for (int i = 0; i < optimizers.size(); i++) {
                optimizer(optimizers.get(i), "optimizers[" + i + "]");
                start(optimizers.get(i), "optimizers[" + i + "]", d.problem());
            }
        }
        if (d.stop() != null) {
            number("stop", "targetLoss", d.stop().targetLoss(), Double.NEGATIVE_INFINITY, false, Double.POSITIVE_INFINITY,
                    false);
            number("stop", "gradientTolerance", d.stop().gradientTolerance(), 0, true, Double.POSITIVE_INFINITY, false);
        }
        if (d.sweep() != null) {
            sweep(d.sweep(), optimizers);
        }
        if (d.seeds() != null) {
            seeds(d.seeds(), d.sweep() != null);
        }
        if (d.results() != null) {
            results(d.results());
        }
        if (d.embeddedDataset() != null) {
            embedded(d.embeddedDataset(), d.problem() instanceof DatasetSpec s && s.dataset() != null ? s.dataset()
                    : "");
        }
    }

    /**
     * The sweep section: the learning rate ε over a log grid from {@code from} to {@code to} with {@code points} values,
     * each end within ε's range, and at least one optimizer with an ε to sweep.
     */
    private void sweep(SweepSpec s, List<OptimizerSpec> optimizers) {
        if (s.parameter() != null && !SweepSpec.LEARNING_RATE.equals(s.parameter())) {
            add("sweep", "parameter", "must be learningRate (the learning rate ε, the one hyper-parameter a sweep varies),"
                    + " got \"" + (s.parameter().length() > 40 ? s.parameter().substring(0, 40) + "…" : s.parameter()) + "\"");
        }
        Hyper eps = Hyper.LEARNING_RATE;
        boolean ends = true;
        for (String end : new String[] {"from", "to"}) {
            Double v = end.equals("from") ? s.from() : s.to();
            String words = end.equals("from") ? "the smallest" : "the largest";
            if (v != null && (!Double.isFinite(v) || v <= eps.min() || v > eps.max())) {
                add("sweep", end, "must be " + range(eps.min(), eps.minClosed(), eps.max(), eps.maxClosed()) + " ("
                        + words + " learning rate ε of the sweep), got " + v);
                ends = false;
            }
        }
        if (ends && s.fromOrDefault() >= s.toOrDefault()) {
            add("sweep", "to", "must be greater than from = " + s.fromOrDefault() + " (the largest learning rate ε of the"
                    + " sweep above the smallest), got " + s.toOrDefault());
        }
        if (s.points() != null) {
            if (s.points() < 2 || s.points() > Limits.MAX_SWEEP_POINTS) {
                add("sweep", "points", "must be between 2 and " + Limits.MAX_SWEEP_POINTS + " (the number of learning"
                        + " rates ε on the grid), got " + s.points());
            }
        }
        if (optimizers != null && !optimizers.isEmpty() && optimizers.stream()
                .noneMatch(o -> o != null && o.algorithm() != null && o.algorithm().uses(eps))) {
            add("", "sweep", "varies the learning rate ε, but no optimizer here has one (Newton's methods have none):"
                    + " add an optimizer with a learning rate ε");
        }
    }

    /**
     * The seeds section: between 1 and {@link Limits#MAX_SEEDS} seeds, and not beside a sweep (a sweep of seeds would
     * multiply both; the document runs one or the other).
     */
    private void seeds(SeedsSpec s, boolean withSweep) {
        if (s.count() != null && (s.count() < 1 || s.count() > Limits.MAX_SEEDS)) {
            add("seeds", "count", "must be between 1 and " + Limits.MAX_SEEDS + " (the number of seeds k, each a run of"
                    + " the whole experiment), got " + s.count());
        }
        if (withSweep) {
            add("", "seeds", "cannot stand beside a sweep: a document runs either its learning-rate sweep or its k seeds;"
                    + " remove one of the two sections");
        }
    }

    private void problem(ProblemSpec p) {
        if (p instanceof FunctionSpec f && f.function() != null) {
            functionProblem(f);
        } else if (p instanceof DatasetSpec d && d.dataset() != null) {
            datasetProblem(d);
        } else {
            add("problem", "function", "or problem.dataset is required: a function is one of "
                    + String.join(", ", TestFunctions.IDS) + "; a dataset is one of " + String.join(", ", DatasetIds.ALL)
                    + ", upload:<sha256> or file:<path>");
        }
    }

    private void functionProblem(FunctionSpec p) {
        text("problem", "function", p.function());
        if (TestFunctions.byId(p.function()) == null) {
            add("problem", "function", "must be one of " + String.join(", ", TestFunctions.IDS) + ", got \""
                    + p.function() + "\"");
        }
        vector("problem", "start", p.start(), 2);
        double[][] a = p.a();
        if (a != null) {
            if (a.length != 2 || a[0] == null || a[1] == null) {
                add("problem", "a", "must be a 2×2 matrix [[a11, a12], [a21, a22]], got " + a.length + " rows");
            } else {
                boolean ok = vector("problem", "a[0]", a[0], 2) & vector("problem", "a[1]", a[1], 2);
                if (ok && a[0][1] != a[1][0]) {
                    add("problem", "a", "must be symmetric (a12 = a21), got a12 = " + a[0][1] + " and a21 = " + a[1][0]);
                }
            }
        }
        vector("problem", "b", p.b(), 2);
        number("problem", "gradientNoise", p.gradientNoise(), 0, true, 1e6, true);
    }

    private void datasetProblem(DatasetSpec p) {
        String dataset = p.dataset();
        text("problem", "dataset", dataset);
        DatasetRef ref = p.ref();
        if (ref == null) {
            add("problem", "dataset", "must be one of " + String.join(", ", DatasetIds.ALL)
                    + ", upload:<sha256> or file:<path>, got \"" + dataset + "\"");
        }
        if (ref instanceof DatasetRef.Upload u && !u.sha256().matches("[0-9a-f]{64}")) {
            add("problem", "dataset", "upload:<sha256> needs the 64 lowercase hex digits of the file's SHA-256, got \""
                    + dataset + "\"");
        }
        if (p.n() != null) {
            integer("problem", "n", p.n(), 10, ToyDatasets.MAX_POINTS);
        }
        if (p.testPoints() != null) {
            integer("problem", "testPoints", p.testPoints(), 10, ToyDatasets.MAX_POINTS);
        }
        number("problem", "noise", p.noise(), 0, true, 10, true);
        if (p.arms() != null) {
            integer("problem", "arms", p.arms(), 2, 3);
        }
        if (p.classes() != null) {
            integer("problem", "classes", p.classes(), 2, 10);
        }
        text("problem", "target", p.target());
        number("problem", "validationFraction", p.validationFraction(), 0, true, 0.9, true);
        if (p.model() != null) {
            model(p.model());
        }
    }

    private void model(ModelSpec m) {
        if (m.type() == null) {
            add("problem.model", "type", "is required: linear, logistic, softmax or mlp");
        }
        int[] hidden = m.hidden();
        if (hidden != null) {
            if (hidden.length == 0 || hidden.length > 5) {
                add("problem.model", "hidden", "must be an array of 1 to 5 layer sizes, e.g. [16, 16], got an array of "
                        + hidden.length);
            } else {
                for (int i = 0; i < hidden.length; i++) {
                    if (hidden[i] < 1 || hidden[i] > 1024) {
                        add("problem.model", "hidden[" + i + "]", "must be an integer between 1 and 1024, got "
                                + hidden[i]);
                    }
                }
            }
        }
        number("problem.model", "weightDecay", m.weightDecay(), 0, true, 1000, true);
    }

    private void optimizer(OptimizerSpec o, String path) {
        if (o == null) {
            add(path, "", "must be an object, got null");
            return;
        }
        text(path, "label", o.label());
        if (o.label() != null && o.label().isBlank()) {
            add(path, "label", "must not be blank");
        }
        if (o.algorithm() == null) {
            add(path, "algorithm", "is required: one of " + algorithmIds());
        }
        for (Hyper h : Hyper.values()) {
            number(path, h.key(), o.hyper(h), h.min(), h.minClosed(), h.max(), h.maxClosed());
        }
        if (o.batchSize() != null) {
            integer(path, "batchSize", o.batchSize(), 1, CsvImport.MAX_ROWS);
        }
        number(path, "clipNorm", o.clipNorm(), 0, false, 1e12, true);
        number(path, "gradientNoise", o.gradientNoise(), 0, true, 1e6, true);
        ScheduleSpec schedule = o.schedule();
        if (schedule != null) {
            String sp = path + ".schedule";
            ScheduleType type = schedule.type();
            if (type == null) {
                add(sp, "type", "is required: constant, linear, inverse or exponential");
            }
            if (type == ScheduleType.LINEAR) {
                required(sp, "finalLearningRate", schedule.finalLearningRate());
                number(sp, "finalLearningRate", schedule.finalLearningRate(), 0, false, 1e6, true);
            }
            if (type != null && type.decays()) {
                if (required(sp, "steps", schedule.steps())) {
                    integer(sp, "steps", schedule.steps(), 1, Limits.MAX_STEPS);
                }
            }
        }
    }

    /**
     * An optimizer's own start θ₀: two finite numbers, on a 2-D function only, inside the function's plotted domain
     * (where the student can see the run begin).
     */
    private void start(OptimizerSpec o, String path, ProblemSpec p) {
        if (o == null || o.start() == null) {
            return;
        }
        String card = o.label() != null ? "\"" + o.label() + "\"" : o.algorithm() != null ? o.algorithm().id()
                : "this optimizer";
        if (p instanceof DatasetSpec) {
            add(path, "start", "is a start point (x, y) on a 2-D function; " + card + " trains a model on data, whose"
                    + " start is the model's initialisation: leave start out");
            return;
        }
        if (!vector(path, "start", o.start(), 2) || !(p instanceof FunctionSpec fp) || fp.function() == null) {
            return;
        }
        org.optlab.engine.function.TestFunction f = TestFunctions.byId(fp.function());
        if (f == null) {
            return;
        }
        double[][] a = fp.a();
        if ("quadratic".equals(fp.function()) && (a != null || fp.b() != null)) {
            double[] b = fp.b() != null && fp.b().length == 2 ? fp.b() : new double[] {0, 0};
            if (a == null) {
                a = Defaults.quadraticA();
            }
            if (a.length != 2 || a[0] == null || a[1] == null || a[0].length != 2 || a[1].length != 2
                    || a[0][1] != a[1][0]) {
                return;
            }
            f = new org.optlab.engine.function.Quadratic(a, b);
        }
        var box = f.domain();
        double x = o.start()[0];
        double y = o.start()[1];
        if (x < box.xMin() || x > box.xMax() || y < box.yMin() || y > box.yMax()) {
            add(path, "start", "is (" + fmt(x) + ", " + fmt(y) + "), outside the plot of " + fp.function() + ": " + card
                    + " would start where no one sees it; x must be in [" + fmt(box.xMin()) + ", " + fmt(box.xMax())
                    + "] and y in [" + fmt(box.yMin()) + ", " + fmt(box.yMax()) + "]");
        }
    }

    /** Saved results: at most one per optimizer, arrays within the recorded-points limit and of equal lengths. */
    private void results(List<OptimizerResult> results) {
        if (results.size() > Limits.MAX_OPTIMIZERS) {
            add("", "results", "may hold at most " + Limits.MAX_OPTIMIZERS + " runs, got " + results.size());
            return;
        }
        for (int i = 0; i < results.size(); i++) {
            OptimizerResult r = results.get(i);
            String at = "results[" + i + "]";
            if (r == null) {
                add(at, "", "must be an object, got null");
                continue;
            }
            int[] lengths = {r.steps() == null ? -1 : r.steps().length, r.loss() == null ? -1 : r.loss().length,
                r.path() == null ? -1 : r.path().length};
            String[] names = {"steps", "loss", "path"};
            int length = -1;
            for (int k = 0; k < 3; k++) {
                if (lengths[k] < 0) {
                    continue;
                }
                if (lengths[k] > Limits.MAX_RECORDED_POINTS + 1) {
                    add(at, names[k], "holds " + lengths[k] + " points; the limit is " + (Limits.MAX_RECORDED_POINTS + 1));
                } else if (length >= 0 && lengths[k] != length) {
                    add(at, names[k], "has " + lengths[k] + " entries, but steps has " + length);
                } else {
                    length = lengths[k];
                }
            }
        }
    }

    /** An uploaded CSV carried in the document: its SHA-256 must match its text and the problem's upload reference. */
    private void embedded(ExperimentDocument.EmbeddedDataset e, String dataset) {
        if (e.sha256() == null || e.csv() == null) {
            add("", "embeddedDataset", "must be an object with sha256 and csv strings");
            return;
        }
        byte[] csv = e.csv().getBytes(StandardCharsets.UTF_8);
        if (csv.length > CsvImport.MAX_BYTES) {
            add("embeddedDataset", "csv", "is larger than the " + CsvImport.MAX_BYTES / 1024 / 1024
                    + " MB limit of a CSV file");
            return;
        }
        String actual = StoreFiles.sha256(csv);
        if (!actual.equals(e.sha256())) {
            add("embeddedDataset", "sha256", "does not match its csv (the CSV text hashes to " + actual + ")");
        } else if (!dataset.equals("upload:" + e.sha256())) {
            add("", "embeddedDataset", "is upload:" + e.sha256() + ", but problem.dataset is \"" + dataset + "\"");
        }
    }

    static String algorithmIds() {
        List<String> ids = new ArrayList<>();
        for (Algorithm a : Algorithm.values()) {
            ids.add(a.id());
        }
        return String.join(", ", ids);
    }

    private boolean required(String path, String field, Object value) {
        if (value == null) {
            add(path, field, "is required");
            return false;
        }
        return true;
    }

    private void text(String path, String field, String value) {
        if (value != null && value.length() > Limits.MAX_NAME_LENGTH) {
            add(path, field, "must be at most " + Limits.MAX_NAME_LENGTH + " characters, got " + value.length());
        }
    }

    private boolean integer(String path, String field, long v, long min, long max) {
        if (v < min || v > max) {
            add(path, field, "must be between " + min + " and " + max + ", got " + v);
            return false;
        }
        return true;
    }

    /** Checks a number in (min, max) with each end open or closed; null passes (the default applies). */
    private void number(String path, String field, Double v, double min, boolean minClosed, double max,
                        boolean maxClosed) {
        if (v == null) {
            return;
        }
        if (!Double.isFinite(v)) {
            add(path, field, "must be finite, got " + v);
            return;
        }
        boolean low = minClosed ? v < min : v <= min;
        boolean high = maxClosed ? v > max : v >= max;
        if (low || high) {
            add(path, field, "must be " + range(min, minClosed, max, maxClosed) + ", got " + fmt(v)); // -1, not -1.0
        }
    }

    static String range(double min, boolean minClosed, double max, boolean maxClosed) {
        if (max == Double.POSITIVE_INFINITY) {
            return (minClosed ? "≥ " : "> ") + fmt(min);
        }
        if (min == 0 && !minClosed && maxClosed) {
            return "> 0 and ≤ " + fmt(max);
        }
        return "in " + (minClosed ? "[" : "(") + fmt(min) + ", " + fmt(max) + (maxClosed ? "]" : ")");
    }

    private static String fmt(double x) {
        return x == Math.rint(x) && Math.abs(x) < 1e15 ? Long.toString((long) x) : Double.toString(x);
    }

    /** Checks an array of {@code length} finite numbers; true when it is one (or absent). */
    private boolean vector(String path, String field, double[] v, int length) {
        if (v == null) {
            return true;
        }
        if (v.length != length) {
            add(path, field, "must have " + length + " numbers, got " + v.length);
            return false;
        }
        boolean ok = true;
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) {
                add(path, field + "[" + i + "]", "must be a finite number, got " + v[i]);
                ok = false;
            }
        }
        return ok;
    }
}

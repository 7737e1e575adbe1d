package org.optlab.experiment;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.optlab.dataset.BundledDatasets;
import org.optlab.dataset.CsvImport;
import org.optlab.dataset.CsvImportException;
import org.optlab.dataset.Dataset;
import org.optlab.dataset.Preprocessing;
import org.optlab.dataset.ToyDatasets;
import org.optlab.engine.Algorithm;
import org.optlab.engine.Algorithm.Hyper;
import org.optlab.engine.FunctionProblem;
import org.optlab.engine.Hyperparameters;
import org.optlab.engine.LearningRateSchedule;
import org.optlab.engine.Problem;
import org.optlab.engine.RunListener;
import org.optlab.engine.RunResult;
import org.optlab.engine.RunSettings;
import org.optlab.engine.Trainer;
import org.optlab.engine.function.Quadratic;
import org.optlab.engine.function.TestFunction;
import org.optlab.engine.function.TestFunctions;
import org.optlab.engine.model.Activation;
import org.optlab.engine.model.DataProblem;
import org.optlab.engine.model.LinearModel;
import org.optlab.engine.model.Mlp;
import org.optlab.engine.model.Model;
import org.optlab.engine.model.OutputLoss;
import org.optlab.experiment.ExperimentDocument.ModelSpec;
import org.optlab.experiment.ExperimentDocument.OptimizerResult;
import org.optlab.experiment.ExperimentDocument.OptimizerSpec;
import org.optlab.experiment.ExperimentDocument.ProblemSpec.DatasetSpec;
import org.optlab.experiment.ExperimentDocument.ProblemSpec.FunctionSpec;
import org.optlab.experiment.ExperimentDocument.ScheduleSpec;
import org.optlab.experiment.ExperimentDocument.WarningEntry;

/**
 * Turns a valid document into runs: the dataset loaded, split and standardised once, defaults filled in, and one fresh
 * problem, optimizer and θ₀ per optimizer configuration. Every run of an experiment starts from the same θ₀ and, for the
 * same batch size, sees the same minibatch sequence (and the same gradient noise), all drawn from the document's seed.
 */
public final class ExperimentPlan {


    private final ExperimentDocument document;
    private final Dataset dataset;
    private final Preprocessing.Split split;
    /** The fresh test set of a toy dataset (null: none). */
    private final org.optlab.engine.model.Examples test;
    private final double[] theta0;
    private final int[] batchSizes;
    private final int recordEvery;

    private ExperimentPlan(ExperimentDocument document, Dataset dataset, Preprocessing.Split split,
                           org.optlab.engine.model.Examples test) {
        this.document = document;
        this.dataset = dataset;
        this.split = split;
        this.test = test;
        int size = document.optimizers().size();
        this.batchSizes = new int[size];
        if (split != null) {
            int n = split.train().size();
            int smallest = n;
            for (int i = 0; i < size; i++) {
                Integer m = document.optimizers().get(i).batchSize();
                boolean secondOrder = document.optimizers().get(i).algorithm().secondOrder();
                batchSizes[i] = secondOrder ? n : m != null ? m : Math.min(Defaults.BATCH_SIZE, n);
                smallest = Math.min(smallest, batchSizes[i]);
            }
            Model model = model();
            this.theta0 = new double[model.parameterCount()];
            model.initialize(theta0, glorot(), new Random(stream(3)));
            this.recordEvery = document.recordEvery() != null ? document.recordEvery()
                    : defaultRecordEvery(n + (split.validation() == null ? 0 : split.validation().size())
                    + (test == null ? 0 : test.size()), smallest,
                    document.steps());
        } else {
            this.theta0 = null;
            this.recordEvery = document.recordEvery() != null ? document.recordEvery() : fewestRecords(document.steps());
        }
    }

    /**
     * The default {@code recordEvery} on data. Recording evaluates each of the N training and validation examples once
     * (a forward pass, cost e each); an update costs u per minibatch example (forward, backward, optimizer). Recording
     * every R updates costs N·e / (R·m·u) of training, under 10% when R ≥ 10·(e/u)·N/m. {@code bench data} measures
     * e/u ≈ 0.7 on the MLP and softmax workloads, hence R = ⌈7·N/m⌉, with m the smallest batch size of the experiment.
     * But a curve needs points to show anything: R is never more than ⌊steps / {@value #MIN_CURVE_POINTS}⌋, so every curve
     * has at least that many points whatever the batch size (a short run then spends more on recording, which on a short
     * run costs little in absolute terms; the 10% bound holds from steps ≥ 300·⌈7·N/m⌉).
     */
    static int defaultRecordEvery(int evaluated, int smallestBatch, long steps) {
        long r = (long) Math.ceil(7.0 * evaluated / smallestBatch);
        long dense = Math.max(1, steps / MIN_CURVE_POINTS);
        return (int) Math.max(fewestRecords(steps), Math.min(r, dense));
    }

    /** Records a curve gets at least by default (the x axis of a loss chart is a few hundred pixels wide). */
    static final int MIN_CURVE_POINTS = 300;

    /** The smallest recordEvery that keeps a run within {@link Limits#MAX_RECORDED_POINTS}: 1 up to that many steps. */
    static int fewestRecords(long steps) {
        return (int) Math.max(1, (steps + Limits.MAX_RECORDED_POINTS - 1) / Limits.MAX_RECORDED_POINTS);
    }

    /** A plan for a function problem, or a dataset problem with only toy and bundled datasets. */
    public static ExperimentPlan prepare(ExperimentDocument document) throws InvalidDocumentException {
        return prepare(document, DatasetResolver.NONE);
    }

    /**
     * Loads the document's dataset (through {@code resolver} for CSV files) and checks what can only be checked with the
     * data at hand: the model fits the task, batch sizes fit the training set, Newton's Hessian fits in memory.
     */
    public static ExperimentPlan prepare(ExperimentDocument document, DatasetResolver resolver)
            throws InvalidDocumentException {
        return prepare(document, document.problem() instanceof DatasetSpec ? loadData(document, resolver) : null);
    }

    /**
     * A plan of a document with its dataset already loaded by {@link #loadData} (null for a function problem): the
     * checks that need the data, then the split. A lab tab keeps the data while only the optimizers change.
     */
    public static ExperimentPlan prepare(ExperimentDocument document, Dataset data) throws InvalidDocumentException {
        if (!(document.problem() instanceof DatasetSpec p)) {
            return new ExperimentPlan(document, null, null, null);
        }
        List<Violation> problems = new ArrayList<>();
        ModelType type = modelType(p);
        if (type == ModelType.LINEAR && data.isClassification()) {
            problems.add(new Violation("problem.model", "type", "linear is for regression targets; " + data.name()
                    + " has " + data.classes() + " classes: use logistic (2 classes), softmax or mlp"));
        } else if (type == ModelType.LOGISTIC && (!data.isClassification() || data.classes() != 2)) {
            problems.add(new Violation("problem.model", "type", "logistic needs exactly 2 classes; " + data.name()
                    + " has " + (data.isClassification() ? data.classes() + " classes: use softmax or mlp"
                    : "a regression target: use linear or mlp")));
        } else if (type == ModelType.SOFTMAX && !data.isClassification()) {
            problems.add(new Violation("problem.model", "type", "softmax is for classes; " + data.name()
                    + " has a regression target: use linear or mlp"));
        }
        double fraction = p.validationFraction() == null ? Defaults.VALIDATION_FRACTION : p.validationFraction();
        Preprocessing.WithTest withTest = Preprocessing.split(data, fraction, stream(seedOf(document), 1),
                freshTestData(document));
        Preprocessing.Split split = withTest.split();
        int n = split.train().size();
        long parameters = parameterCount(p, data);
        if (parameters > Limits.MAX_PARAMETERS) {
            problems.add(new Violation("problem", "model", "has " + parameters + " parameters; the limit is "
                    + Limits.MAX_PARAMETERS + ": use fewer or smaller hidden layers"));
        }
        for (int i = 0; i < document.optimizers().size(); i++) {
            OptimizerSpec o = document.optimizers().get(i);
            Algorithm a = o.algorithm();
            if (o.batchSize() != null && o.batchSize() > n && !a.secondOrder()) {
                problems.add(new Violation("optimizers[" + i + "]", "batchSize", "must be ≤ " + n
                        + " (the training set of " + data.name() + "), got " + o.batchSize()));
            }
            if (a.secondOrder() && parameters > Model.MAX_HESSIAN_PARAMETERS) {
                problems.add(new Violation("optimizers[" + i + "]", "algorithm", "is " + a.id() + ", which needs the Hessian,"
                        + " offered up to " + Model.MAX_HESSIAN_PARAMETERS + " parameters; this model has " + parameters
                        + ": use a smaller model (fewer hidden units) or a first-order method"));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidDocumentException(problems);
        }
        return new ExperimentPlan(document, data, split, withTest.test());
    }

    /**
     * The fresh test set of a toy dataset with {@code testPoints}: that many points from the same generator with the same
     * noise, drawn with another seed (derived from the data's), so no point is one the model trained or was validated on;
     * null otherwise.
     */
    static Dataset freshTestData(ExperimentDocument document) {
        if (!(document.problem() instanceof DatasetSpec p) || !(p.ref() instanceof DatasetRef.Toy)
                || p.testPoints() == null) {
            return null;
        }
        long dataSeed = p.seed() == null ? seedOf(document) : p.seed();
        String id = p.dataset();
        return ToyDatasets.generate(id, p.testPoints(), p.noise() == null ? ToyDatasets.defaultNoise(id) : p.noise(),
                p.arms() == null ? 2 : p.arms(), p.classes() == null ? 3 : p.classes(), stream(dataSeed, 5));
    }

    /** The fresh test set's examples, standardised as the training split (null: none). */
    public org.optlab.engine.model.Examples test() {
        return test;
    }

    /** Generates, reads or imports the dataset of a dataset problem (through {@code resolver} for CSV files). */
    public static Dataset loadData(ExperimentDocument document, DatasetResolver resolver)
            throws InvalidDocumentException {
        DatasetSpec p = (DatasetSpec) document.problem();
        DatasetRef ref = p.ref();
        String id = p.dataset();
        if (ref instanceof DatasetRef.Toy) {
            return ToyDatasets.generate(id, p.n() == null ? Defaults.TOY_POINTS : p.n(),
                    p.noise() == null ? ToyDatasets.defaultNoise(id) : p.noise(),
                    p.arms() == null ? 2 : p.arms(), p.classes() == null ? 3 : p.classes(),
                    p.seed() == null ? seedOf(document) : p.seed());
        }
        if (ref instanceof DatasetRef.Bundled) {
            return BundledDatasets.load(id);
        }
        byte[] bytes;
        try {
            ExperimentDocument.EmbeddedDataset embedded = document.embeddedDataset();
            bytes = embedded != null && ref instanceof DatasetRef.Upload u && u.sha256().equals(embedded.sha256())
                    ? embedded.csv().getBytes(java.nio.charset.StandardCharsets.UTF_8) : resolver.csv(id);
        } catch (IOException e) {
            throw InvalidDocumentException.of("problem", "dataset", id + " cannot be read: " + e.getMessage());
        }
        try {
            CsvImport.Task task = p.task() == null ? CsvImport.Task.AUTO : p.task();
            String name = ref instanceof DatasetRef.File f ? f.name() : id;
            return CsvImport.read(name, bytes, p.target(), task);
        } catch (CsvImportException e) {
            throw InvalidDocumentException.of("problem", "dataset", id + ": " + e.getMessage());
        }
    }

    private static ModelType modelType(DatasetSpec p) {
        return p.model() == null ? ModelType.MLP : p.model().type();
    }

    private static int[] hidden(DatasetSpec p) {
        return p.model() == null || p.model().hidden() == null ? Defaults.hidden() : p.model().hidden();
    }

    private static long parameterCount(DatasetSpec p, Dataset data) {
        OutputLoss loss = data.isClassification()
                ? (data.classes() == 2 ? OutputLoss.BINARY_CROSS_ENTROPY : OutputLoss.SOFTMAX_CROSS_ENTROPY)
                : OutputLoss.SQUARED;
        int outputs = loss.outputs(data.classes());
        if (modelType(p) != ModelType.MLP) {
            return (long) outputs * data.features() + outputs;
        }
        int[] h = hidden(p);
        int[] sizes = new int[h.length + 2];
        sizes[0] = data.features();
        System.arraycopy(h, 0, sizes, 1, h.length);
        sizes[sizes.length - 1] = outputs;
        return Mlp.parameterCount(sizes);
    }

    private static long seedOf(ExperimentDocument document) {
        return document.seed() == null ? Defaults.SEED : document.seed();
    }

    /** An independent random stream derived from the seed, one per purpose (data split, init, minibatches). */
    private long stream(int purpose) {
        return stream(seed(), purpose);
    }

    private static long stream(long seed, int purpose) {
        return seed * 0x9E3779B97F4A7C15L + purpose;
    }

    public ExperimentDocument document() {
        return document;
    }

    public int size() {
        return document.optimizers().size();
    }

    public long seed() {
        return seedOf(document);
    }

    /** True for a dataset problem. */
    public boolean isDataset() {
        return dataset != null;
    }

    /** The dataset (null for a function problem). */
    public Dataset dataset() {
        return dataset;
    }

    /** The training and validation examples (null for a function problem). */
    public Preprocessing.Split split() {
        return split;
    }

    /** m of optimizer i (0 for a function problem). */
    public int batchSize(int i) {
        return batchSizes[i];
    }

    public int recordEvery() {
        return recordEvery;
    }

    public RunSettings settings() {
        var stop = document.stop();
        return new RunSettings(document.steps(), recordEvery,
                stop == null || stop.targetLoss() == null ? Double.NaN : stop.targetLoss(),
                stop == null || stop.gradientTolerance() == null ? Double.NaN : stop.gradientTolerance());
    }

    /** The test function the document names, with its parameters (null for a dataset problem). */
    public TestFunction function() {
        if (!(document.problem() instanceof FunctionSpec p)) {
            return null;
        }
        if ("quadratic".equals(p.function()) && (p.a() != null || p.b() != null)) {
            return new Quadratic(p.a() != null ? p.a() : Defaults.quadraticA(),
                    p.b() != null ? p.b() : new double[] {0, 0});
        }
        return TestFunctions.byId(p.function());
    }

    /** A fresh model for one run (models hold scratch buffers). */
    public Model model() {
        DatasetSpec p = (DatasetSpec) document.problem();
        ModelSpec spec = p.model();
        double decay = spec == null || spec.weightDecay() == null ? 0 : spec.weightDecay();
        OutputLoss loss = OutputLoss.forTask(split.train());
        int outputs = loss.outputs(split.train().classes());
        int d = split.train().features();
        ModelType type = modelType(p);
        if (type != ModelType.MLP) {
            return new LinearModel(loss, d, outputs, decay);
        }
        int[] h = hidden(p);
        int[] sizes = new int[h.length + 2];
        sizes[0] = d;
        System.arraycopy(h, 0, sizes, 1, h.length);
        sizes[sizes.length - 1] = outputs;
        Activation activation = spec == null || spec.activation() == null ? Activation.TANH : spec.activation();
        return new Mlp(sizes, activation, loss, decay);
    }

    private boolean glorot() {
        DatasetSpec p = (DatasetSpec) document.problem();
        if (p.model() != null && p.model().init() != null) {
            return p.model().init() == Init.GLOROT;
        }
        return modelType(p) == ModelType.MLP;
    }

    /** θ₀: the document's start or the function's default start; the model's initialisation on data. */
    public double[] start() {
        if (theta0 != null) {
            return theta0.clone();
        }
        double[] start = ((FunctionSpec) document.problem()).start();
        return start != null ? start.clone() : function().defaultStart();
    }

    /**
     * θ₀ of optimizer i: on a 2-D function its own start when its entry gives one (several starts of one optimizer show
     * the basins of local minima), else {@link #start()}.
     */
    public double[] start(int i) {
        double[] own = document.optimizers().get(i).start();
        return own != null && !isDataset() ? own.clone() : start();
    }

    /** The distinct starts of the runs on a 2-D function, in the optimizers' order (what the contour plot marks). */
    public List<double[]> starts() {
        List<double[]> distinct = new ArrayList<>();
        for (int i = 0; i < size(); i++) {
            double[] s = start(i);
            if (distinct.stream().noneMatch(d -> java.util.Arrays.equals(d, s))) {
                distinct.add(s);
            }
        }
        return distinct;
    }

    public Algorithm algorithm(int i) {
        return document.optimizers().get(i).algorithm();
    }

    /** The label shown for optimizer i: its own, or the algorithm's id. */
    public String label(int i) {
        OptimizerSpec o = document.optimizers().get(i);
        return o.label() != null ? o.label() : o.algorithm().id();
    }

    /** The hyper-parameters of optimizer i, defaults filled in. */
    public Hyperparameters hyperparameters(int i) {
        OptimizerSpec o = document.optimizers().get(i);
        Algorithm a = algorithm(i);
        return Hyperparameters.of(h -> orDefault(o.hyper(h), a, h), schedule(o.schedule()),
                !Boolean.FALSE.equals(o.biasCorrection()));
    }

    private static double orDefault(Double value, Algorithm a, Hyper h) {
        return value != null ? value : a.defaultValue(h);
    }

    private static LearningRateSchedule schedule(ScheduleSpec s) {
        if (s == null) {
            return LearningRateSchedule.CONSTANT;
        }
        return switch (s.type()) {
            case CONSTANT -> LearningRateSchedule.CONSTANT;
            case INVERSE -> new LearningRateSchedule.Inverse(s.steps());
            case EXPONENTIAL -> new LearningRateSchedule.Exponential(s.steps());
            case LINEAR -> new LearningRateSchedule.Linear(s.finalLearningRate(), s.steps());
        };
    }

    /** A fresh problem instance for run i (its minibatch sampler or noise generator seeded by the document's seed). */
    public Problem problem(int i) {
        if (isDataset()) {
            return new DataProblem(model(), split.train(), split.validation(), test, batchSizes[i], stream(4));
        }
        // this optimizer's own gradient noise σ, else the problem's (noisy and exact runs side by side)
        Double own = document.optimizers().get(i).gradientNoise();
        Double sigma = own != null ? own : ((FunctionSpec) document.problem()).gradientNoise();
        return new FunctionProblem(function(), sigma == null ? 0 : sigma, seed());
    }

    /** A trainer for optimizer i, ready to advance. */
    public Trainer trainer(int i, RunListener listener) {
        Double clip = document.optimizers().get(i).clipNorm();
        Problem problem = clip == null ? problem(i) : new org.optlab.engine.GradientClipping(problem(i), clip);
        Algorithm a = algorithm(i);
        return new Trainer(problem, a.create(hyperparameters(i), problem.dimension()), start(i), settings(), listener);
    }

    /** A run's result as it goes into the document. */
    public OptimizerResult toDocument(int i, RunResult r) {
        List<WarningEntry> warnings = new ArrayList<>();
        for (var w : r.warnings()) {
            warnings.add(new WarningEntry(w.step(), w.kind(), w.message()));
        }
        Map<String, double[]> metrics = null;
        if (r.metricNames().length > 0) {
            metrics = new LinkedHashMap<>();
            for (int j = 0; j < r.metricNames().length; j++) {
                metrics.put(r.metricNames()[j], r.metrics()[j]);
            }
        }
        return new OptimizerResult(label(i), algorithm(i).id(), r.status().id(), r.message(), r.steps(), r.loss(),
                metrics, r.path(), r.theta(), isDataset() ? batchSizes[i] : null,
                isDataset() ? r.stepsPerEpoch() : null, warnings,
                r.suppressedWarnings() == 0 ? null : r.suppressedWarnings(), r.elapsedNanos() / 1e6,
                org.optlab.engine.Numerics.VERSION);
    }
}

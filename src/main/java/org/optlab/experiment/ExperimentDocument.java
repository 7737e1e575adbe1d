package org.optlab.experiment;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.optlab.dataset.CsvImport;
import org.optlab.engine.Algorithm;
import org.optlab.engine.Algorithm.Hyper;
import org.optlab.engine.model.Activation;

/**
 * The experiment document: one problem, several optimizer configurations, a seed and a step budget, and, once run, the
 * results of every optimizer. The same document is what the UI edits, what the store saves, what a share link opens and
 * what the headless runner executes; results are a pure function of it.
 *
 * <p>Optional values are {@code null} when the document does not give them, so that a document reads back exactly as
 * written; {@link ExperimentPlan} fills in the defaults.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"schemaVersion", "name", "lesson", "seed", "steps", "recordEvery", "problem", "optimizers", "stop",
    "sweep", "seeds", "results", "embeddedDataset"})
public record ExperimentDocument(
        int schemaVersion,
        String name,
        Long seed,
        long steps,
        Integer recordEvery,
        ProblemSpec problem,
        List<OptimizerSpec> optimizers,
        StopSpec stop,
        List<OptimizerResult> results,
        EmbeddedDataset embeddedDataset,
        String lesson,
        SweepSpec sweep,
        SeedsSpec seeds) {

    /** The document without a seeds section (see {@link SeedsSpec}). */
    public ExperimentDocument(int schemaVersion, String name, Long seed, long steps, Integer recordEvery, ProblemSpec problem,
                              List<OptimizerSpec> optimizers, StopSpec stop, List<OptimizerResult> results,
                              EmbeddedDataset embeddedDataset, String lesson, SweepSpec sweep) {
        this(schemaVersion, name, seed, steps, recordEvery, problem, optimizers, stop, results, embeddedDataset, lesson,
                sweep, null);
    }

    /** The document without a sweep section (see {@link SweepSpec}), opened from a lesson or none. */
    public ExperimentDocument(int schemaVersion, String name, Long seed, long steps, Integer recordEvery, ProblemSpec problem,
                              List<OptimizerSpec> optimizers, StopSpec stop, List<OptimizerResult> results,
                              EmbeddedDataset embeddedDataset, String lesson) {
        this(schemaVersion, name, seed, steps, recordEvery, problem, optimizers, stop, results, embeddedDataset, lesson,
                null, null);
    }

    /** The document without a lesson (a document opened from no lesson, or read from a file that names none). */
    public ExperimentDocument(int schemaVersion, String name, Long seed, long steps, Integer recordEvery, ProblemSpec problem,
                              List<OptimizerSpec> optimizers, StopSpec stop, List<OptimizerResult> results,
                              EmbeddedDataset embeddedDataset) {
        this(schemaVersion, name, seed, steps, recordEvery, problem, optimizers, stop, results, embeddedDataset, null, null,
                null);
    }

    /** The document without an embedded dataset and without a lesson. */
    public ExperimentDocument(int schemaVersion, String name, Long seed, long steps, Integer recordEvery, ProblemSpec problem,
                              List<OptimizerSpec> optimizers, StopSpec stop, List<OptimizerResult> results) {
        this(schemaVersion, name, seed, steps, recordEvery, problem, optimizers, stop, results, null, null, null, null);
    }

    /** An uploaded CSV carried inside an exported document, so that the file stands alone. */
    public record EmbeddedDataset(String sha256, String csv) {
    }

    /** The same document carrying (or, with null, not carrying) its uploaded CSV. */
    public ExperimentDocument withEmbeddedDataset(EmbeddedDataset dataset) {
        return new ExperimentDocument(schemaVersion, name, seed, steps, recordEvery, problem, optimizers, stop, results,
                dataset, lesson, sweep, seeds);
    }

    /**
     * The same document opened from (or, with null, no longer tied to) a lesson: {@code lesson} is the id of one of
     * {@link Lessons#ALL}, so that a shared link shows the lesson's text beside its curves.
     */
    public ExperimentDocument withLesson(String lessonId) {
        return new ExperimentDocument(schemaVersion, name, seed, steps, recordEvery, problem, optimizers, stop, results,
                embeddedDataset, lessonId, sweep, seeds);
    }

    /** The same document with this sweep section (null: none). */
    public ExperimentDocument withSweep(SweepSpec newSweep) {
        return new ExperimentDocument(schemaVersion, name, seed, steps, recordEvery, problem, optimizers, stop, results,
                embeddedDataset, lesson, newSweep, seeds);
    }

    /** The same document with this seeds section (null: none). */
    public ExperimentDocument withSeeds(SeedsSpec newSeeds) {
        return new ExperimentDocument(schemaVersion, name, seed, steps, recordEvery, problem, optimizers, stop, results,
                embeddedDataset, lesson, sweep, newSeeds);
    }

    /** The same document with this seed. */
    public ExperimentDocument withSeed(Long newSeed) {
        return new ExperimentDocument(schemaVersion, name, newSeed, steps, recordEvery, problem, optimizers, stop, results,
                embeddedDataset, lesson, sweep, seeds);
    }

    /** The same document with this name. */
    public ExperimentDocument withName(String newName) {
        return new ExperimentDocument(schemaVersion, newName, seed, steps, recordEvery, problem, optimizers, stop, results,
                embeddedDataset, lesson, sweep, seeds);
    }

    /** The same document with these optimizers. */
    public ExperimentDocument withOptimizers(List<OptimizerSpec> newOptimizers) {
        return new ExperimentDocument(schemaVersion, name, seed, steps, recordEvery, problem, newOptimizers, stop, results,
                embeddedDataset, lesson, sweep, seeds);
    }

    /** The schema version this OptLab writes and the newest it reads. */
    public static final int SCHEMA_VERSION = 1;

    /** The same document with these results (or none). */
    public ExperimentDocument withResults(List<OptimizerResult> newResults) {
        return new ExperimentDocument(schemaVersion, name, seed, steps, recordEvery, problem, optimizers, stop, newResults,
                embeddedDataset, lesson, sweep, seeds);
    }

    /**
     * The problem: either a 2-D test function ({@link FunctionSpec}) or a dataset with a model ({@link DatasetSpec}). In
     * JSON it is one object that gives either {@code function} or {@code dataset} (never both), with the fields of that
     * kind only; {@link DocumentCodec} reads it as the kind its object names.
     */
    public sealed interface ProblemSpec permits ProblemSpec.FunctionSpec, ProblemSpec.DatasetSpec {

        /** What the problem is named by: the function's id ({@code rosenbrock}) or the dataset's ({@code moons}). */
        String id();

        /** A 2-D function problem starting at {@code start} (null: the function's default start). */
        static FunctionSpec function(String function, double[] start) {
            return new FunctionSpec(function, null, null, start, null);
        }

        /** A dataset problem with the defaults of its dataset. */
        static DatasetSpec dataset(String dataset, ModelSpec model) {
            return new DatasetSpec(dataset, null, null, null, null, null, null, null, null, null, model);
        }

        /**
         * A 2-D test {@code function} (one of {@link org.optlab.engine.function.TestFunctions#IDS}); for the quadratic
         * its {@code a} (2×2, symmetric) and {@code b}; θ₀ {@code start}; gradient noise σ ({@code gradientNoise}).
         */
        @JsonInclude(JsonInclude.Include.NON_NULL)
        @JsonPropertyOrder({"function", "a", "b", "start", "gradientNoise"})
        record FunctionSpec(String function, double[][] a, double[] b, double[] start, Double gradientNoise)
                implements ProblemSpec {

            @Override
            public String id() {
                return function;
            }

            /** The same function with θ₀ at {@code xy} (null: the function's default start). */
            public FunctionSpec withStart(double[] xy) {
                return new FunctionSpec(function, a, b, xy, gradientNoise);
            }
        }

        /**
         * A {@code dataset} with a {@code model}: a toy generator ({@code n}, {@code noise}, {@code arms}, {@code classes},
         * {@code seed}, {@code testPoints}: a test set of that many points drawn fresh from the same generator, whose
         * loss estimates J*), a bundled dataset, {@code upload:<sha256>} or, in the headless runner only,
         * {@code file:<path>} (with {@code target} and {@code task}); {@code validationFraction} for every dataset.
         */
        @JsonInclude(JsonInclude.Include.NON_NULL)
        @JsonPropertyOrder({"dataset", "n", "noise", "arms", "classes", "seed", "testPoints", "target", "task",
            "validationFraction", "model"})
        record DatasetSpec(String dataset, Integer n, Double noise, Integer arms, Integer classes, Long seed,
                           Integer testPoints, String target, CsvImport.Task task, Double validationFraction,
                           ModelSpec model) implements ProblemSpec {

            @Override
            public String id() {
                return dataset;
            }

            /** What {@code dataset} names, typed; null for a name OptLab does not know (the validator says so). */
            public DatasetRef ref() {
                return DatasetRef.of(dataset);
            }

            /** The same problem with a fresh test set of that many points from a toy generator (null: none). */
            public DatasetSpec withTestPoints(Integer points) {
                return new DatasetSpec(dataset, n, noise, arms, classes, seed, points, target, task, validationFraction,
                        model);
            }

            /** The same problem with this model. */
            public DatasetSpec withModel(ModelSpec newModel) {
                return new DatasetSpec(dataset, n, noise, arms, classes, seed, testPoints, target, task,
                        validationFraction, newModel);
            }
        }
    }

    /**
     * The model for a dataset problem: {@code type} linear, logistic, softmax or mlp; for the MLP its {@code hidden} layer
     * sizes and {@code activation} (tanh, relu, sigmoid); {@code init} zeros or glorot; L2 {@code weightDecay} λ.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"type", "hidden", "activation", "init", "weightDecay"})
    public record ModelSpec(ModelType type, int[] hidden, Activation activation, Init init, Double weightDecay) {

        /** A model of this type with the defaults. */
        public static ModelSpec of(ModelType type) {
            return new ModelSpec(type, null, null, null, null);
        }
    }

    /**
     * One optimizer configuration: its label, its algorithm, the hyper-parameters it gives, keyed by the lecture's symbols
     * (absent ones take the algorithm's defaults), its learning-rate schedule and batch size m, Adam's bias correction, a
     * gradient-clipping threshold, gradient noise σ and, on a 2-D function, its own start θ₀ (null: the problem's; several
     * cards of one algorithm from several starts show the basins of local minima). In JSON the hyper-parameters stand flat under their keys
     * ({@code "learningRate": 0.01}); {@link DocumentCodec} writes and reads them.
     */
    public record OptimizerSpec(String label, Algorithm algorithm, Map<Hyper, Double> hyper, ScheduleSpec schedule,
                                Integer batchSize, Boolean biasCorrection, Double clipNorm, Double gradientNoise,
                                double[] start) {

        /** An optimizer that starts where the problem says. */
        public OptimizerSpec(String label, Algorithm algorithm, Map<Hyper, Double> hyper, ScheduleSpec schedule,
                             Integer batchSize, Boolean biasCorrection, Double clipNorm, Double gradientNoise) {
            this(label, algorithm, hyper, schedule, batchSize, biasCorrection, clipNorm, gradientNoise, null);
        }

        public OptimizerSpec {
            EnumMap<Hyper, Double> given = new EnumMap<>(Hyper.class);
            if (hyper != null) {
                hyper.forEach((h, v) -> {
                    if (v != null) {
                        given.put(h, v);
                    }
                });
            }
            hyper = Collections.unmodifiableMap(given);
        }

        /** An optimizer with the algorithm's defaults. */
        public static OptimizerSpec of(String label, Algorithm algorithm) {
            return new OptimizerSpec(label, algorithm, null, null, null, null, null, null);
        }

        /** The value it gives a hyper-parameter, or null for the algorithm's default. */
        public Double hyper(Hyper h) {
            return hyper.get(h);
        }

        /** The same optimizer giving {@code h} that value (null: the default). */
        public OptimizerSpec with(Hyper h, Double value) {
            EnumMap<Hyper, Double> m = new EnumMap<>(Hyper.class);
            m.putAll(hyper);
            if (value == null) {
                m.remove(h);
            } else {
                m.put(h, value);
            }
            return new OptimizerSpec(label, algorithm, m, schedule, batchSize, biasCorrection, clipNorm, gradientNoise,
                    start);
        }

        public OptimizerSpec withLabel(String newLabel) {
            return new OptimizerSpec(newLabel, algorithm, hyper, schedule, batchSize, biasCorrection, clipNorm,
                    gradientNoise, start);
        }

        public OptimizerSpec withSchedule(ScheduleSpec newSchedule) {
            return new OptimizerSpec(label, algorithm, hyper, newSchedule, batchSize, biasCorrection, clipNorm,
                    gradientNoise, start);
        }

        public OptimizerSpec withBatchSize(Integer m) {
            return new OptimizerSpec(label, algorithm, hyper, schedule, m, biasCorrection, clipNorm, gradientNoise,
                    start);
        }

        public OptimizerSpec withBiasCorrection(Boolean on) {
            return new OptimizerSpec(label, algorithm, hyper, schedule, batchSize, on, clipNorm, gradientNoise, start);
        }

        public OptimizerSpec withClipNorm(Double v) {
            return new OptimizerSpec(label, algorithm, hyper, schedule, batchSize, biasCorrection, v, gradientNoise,
                    start);
        }

        public OptimizerSpec withGradientNoise(Double sigma) {
            return new OptimizerSpec(label, algorithm, hyper, schedule, batchSize, biasCorrection, clipNorm, sigma,
                    start);
        }

        /** The same optimizer starting from θ₀ = (x, y) on a 2-D function (null: the problem's start). */
        public OptimizerSpec withStart(double[] xy) {
            return new OptimizerSpec(label, algorithm, hyper, schedule, batchSize, biasCorrection, clipNorm,
                    gradientNoise, xy == null ? null : xy.clone());
        }
    }

    /**
     * A learning-rate schedule: {@code constant}, or {@code linear} decay from ε₀ to {@code finalLearningRate} (ε_τ) over
     * {@code steps} (τ) updates.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"type", "finalLearningRate", "steps"})
    public record ScheduleSpec(ScheduleType type, Double finalLearningRate, Long steps) {
    }

    /** Optional stop rules: converged when the loss ≤ {@code targetLoss} or ‖g‖ ≤ {@code gradientTolerance}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record StopSpec(Double targetLoss, Double gradientTolerance) {
    }

    /** The result of one optimizer. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"label", "algorithm", "status", "message", "steps", "loss", "metrics", "path", "theta",
        "batchSize", "stepsPerEpoch", "warnings", "suppressedWarnings", "elapsedMillis", "numerics"})
    public record OptimizerResult(String label, String algorithm, String status, String message, long[] steps,
                                  double[] loss, java.util.Map<String, double[]> metrics, double[][] path, double[] theta,
                                  Integer batchSize, Long stepsPerEpoch, List<WarningEntry> warnings,
                                  Integer suppressedWarnings, Double elapsedMillis, Integer numerics) {

        /**
         * The version of the engine's arithmetic ({@link org.optlab.engine.Numerics}) that produced the numbers; a result
         * saved before it was recorded is of version {@link org.optlab.engine.Numerics#UNRECORDED}.
         */
        public int numericsVersion() {
            return numerics == null ? org.optlab.engine.Numerics.UNRECORDED : numerics;
        }
    }

    /** A per-step warning of a result. */
    public record WarningEntry(long step, String kind, String message) {
    }
}

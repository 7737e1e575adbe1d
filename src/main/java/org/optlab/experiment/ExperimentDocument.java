package org.optlab.experiment;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * The experiment document: one problem, several optimizer configurations, a seed and a step budget, and, once run, the
 * results of every optimizer. The same document is what the UI edits, what the store saves, what a share link opens and
 * what the headless runner executes; results are a pure function of it.
 *
 * <p>Optional values are {@code null} when the document does not give them, so that a document reads back exactly as
 * written; {@link ExperimentPlan} fills in the defaults.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"schemaVersion", "name", "seed", "steps", "recordEvery", "problem", "optimizers", "stop", "results"})
public record ExperimentDocument(
        int schemaVersion,
        String name,
        Long seed,
        long steps,
        Integer recordEvery,
        ProblemSpec problem,
        List<OptimizerSpec> optimizers,
        StopSpec stop,
        List<OptimizerResult> results) {

    /** The schema version this OptLab writes and the newest it reads. */
    public static final int SCHEMA_VERSION = 1;

    /** The same document with these results (or none). */
    public ExperimentDocument withResults(List<OptimizerResult> newResults) {
        return new ExperimentDocument(schemaVersion, name, seed, steps, recordEvery, problem, optimizers, stop, newResults);
    }

    /** The problem: a 2-D test function (datasets come with the data issue). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"function", "a", "b", "start", "gradientNoise"})
    public record ProblemSpec(String function, double[][] a, double[] b, double[] start, Double gradientNoise) {
    }

    /** One optimizer configuration; hyper-parameters left null take the algorithm's defaults. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"label", "algorithm", "learningRate", "momentum", "rho", "rho1", "rho2", "delta", "schedule"})
    public record OptimizerSpec(String label, String algorithm, Double learningRate, Double momentum, Double rho,
                                Double rho1, Double rho2, Double delta, ScheduleSpec schedule) {
    }

    /**
     * A learning-rate schedule: {@code constant}, or {@code linear} decay from ε₀ to {@code finalLearningRate} (ε_τ) over
     * {@code steps} (τ) updates.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"type", "finalLearningRate", "steps"})
    public record ScheduleSpec(String type, Double finalLearningRate, Long steps) {
    }

    /** Optional stop rules: converged when the loss ≤ {@code targetLoss} or ‖g‖ ≤ {@code gradientTolerance}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record StopSpec(Double targetLoss, Double gradientTolerance) {
    }

    /** The result of one optimizer. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"label", "algorithm", "status", "message", "steps", "loss", "path", "theta", "warnings",
        "suppressedWarnings", "elapsedMillis"})
    public record OptimizerResult(String label, String algorithm, String status, String message, long[] steps,
                                  double[] loss, double[][] path, double[] theta, List<WarningEntry> warnings,
                                  Integer suppressedWarnings, Double elapsedMillis) {
    }

    /** A per-step warning of a result. */
    public record WarningEntry(long step, String kind, String message) {
    }
}

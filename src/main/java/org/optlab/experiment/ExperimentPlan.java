package org.optlab.experiment;

import java.util.ArrayList;
import java.util.List;
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
import org.optlab.experiment.ExperimentDocument.OptimizerResult;
import org.optlab.experiment.ExperimentDocument.OptimizerSpec;
import org.optlab.experiment.ExperimentDocument.ProblemSpec;
import org.optlab.experiment.ExperimentDocument.ScheduleSpec;
import org.optlab.experiment.ExperimentDocument.WarningEntry;

/**
 * Turns a valid document into runs: defaults filled in, one fresh problem, optimizer and θ₀ per optimizer configuration.
 * Every run of an experiment starts from the same θ₀ and sees the same random sequence (gradient noise), drawn from the
 * document's seed.
 */
public final class ExperimentPlan {

    /** The seed used when a document gives none. */
    public static final long DEFAULT_SEED = 1;

    private final ExperimentDocument document;

    public ExperimentPlan(ExperimentDocument document) {
        this.document = document;
    }

    public ExperimentDocument document() {
        return document;
    }

    public int size() {
        return document.optimizers().size();
    }

    public long seed() {
        return document.seed() == null ? DEFAULT_SEED : document.seed();
    }

    public RunSettings settings() {
        var stop = document.stop();
        return new RunSettings(document.steps(),
                document.recordEvery() == null ? 1 : document.recordEvery(),
                stop == null || stop.targetLoss() == null ? Double.NaN : stop.targetLoss(),
                stop == null || stop.gradientTolerance() == null ? Double.NaN : stop.gradientTolerance());
    }

    /** The test function the document names, with its parameters. */
    public TestFunction function() {
        ProblemSpec p = document.problem();
        if ("quadratic".equals(p.function()) && (p.a() != null || p.b() != null)) {
            Quadratic standard = Quadratic.standard();
            return new Quadratic(p.a() != null ? p.a() : new double[][] {{1, 0}, {0, 10}},
                    p.b() != null ? p.b() : new double[] {0, 0});
        }
        return TestFunctions.byId(p.function());
    }

    /** θ₀: the document's start, or the function's default start. */
    public double[] start() {
        double[] start = document.problem().start();
        return start != null ? start.clone() : function().defaultStart();
    }

    public Algorithm algorithm(int i) {
        return Algorithm.byId(document.optimizers().get(i).algorithm());
    }

    /** The label shown for optimizer i: its own, or the algorithm's id. */
    public String label(int i) {
        OptimizerSpec o = document.optimizers().get(i);
        return o.label() != null ? o.label() : o.algorithm();
    }

    /** The hyper-parameters of optimizer i, defaults filled in. */
    public Hyperparameters hyperparameters(int i) {
        OptimizerSpec o = document.optimizers().get(i);
        Algorithm a = algorithm(i);
        return new Hyperparameters(
                orDefault(o.learningRate(), a, Hyper.LEARNING_RATE),
                orDefault(o.momentum(), a, Hyper.MOMENTUM),
                orDefault(o.rho(), a, Hyper.RHO),
                orDefault(o.rho1(), a, Hyper.RHO1),
                orDefault(o.rho2(), a, Hyper.RHO2),
                orDefault(o.delta(), a, Hyper.DELTA),
                schedule(o.schedule()));
    }

    private static double orDefault(Double value, Algorithm a, Hyper h) {
        return value != null ? value : a.defaultValue(h);
    }

    private static LearningRateSchedule schedule(ScheduleSpec s) {
        if (s == null || "constant".equals(s.type())) {
            return LearningRateSchedule.CONSTANT;
        }
        return new LearningRateSchedule.Linear(s.finalLearningRate(), s.steps());
    }

    /** A fresh problem instance for one run (its noise generator seeded by the document's seed). */
    public Problem problem() {
        Double sigma = document.problem().gradientNoise();
        return new FunctionProblem(function(), sigma == null ? 0 : sigma, seed());
    }

    /** A trainer for optimizer i, ready to advance. */
    public Trainer trainer(int i, RunListener listener) {
        Problem problem = problem();
        Algorithm a = algorithm(i);
        return new Trainer(problem, a.create(hyperparameters(i), problem.dimension()), start(), settings(), listener);
    }

    /** A run's result as it goes into the document. */
    public OptimizerResult toDocument(int i, RunResult r) {
        List<WarningEntry> warnings = new ArrayList<>();
        for (var w : r.warnings()) {
            warnings.add(new WarningEntry(w.step(), w.kind(), w.message()));
        }
        return new OptimizerResult(label(i), algorithm(i).id(), r.status().id(), r.message(), r.steps(), r.loss(),
                r.path(), r.theta(), warnings, r.suppressedWarnings() == 0 ? null : r.suppressedWarnings(),
                r.elapsedNanos() / 1e6);
    }
}

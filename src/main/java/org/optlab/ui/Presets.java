package org.optlab.ui;

import java.util.List;
import org.optlab.experiment.ExperimentDocument;
import org.optlab.experiment.ExperimentDocument.ModelSpec;
import org.optlab.experiment.ExperimentDocument.OptimizerSpec;
import org.optlab.experiment.ExperimentDocument.ProblemSpec;

/** Instructive experiments shipped with the lab, one click from the start page. */
final class Presets {

    record Preset(String title, ExperimentDocument document) {
    }

    private Presets() {
    }

    private static OptimizerSpec opt(String label, String algorithm, Double epsilon, Double alpha, Integer batch) {
        return new OptimizerSpec(label, algorithm, epsilon, alpha, null, null, null, null, null, batch);
    }

    static final List<Preset> ALL = List.of(
            new Preset("Rosenbrock, five classics", LabView.defaultDocument()),
            new Preset("Momentum on an ill-conditioned quadratic", new ExperimentDocument(1,
                    "Momentum on an ill-conditioned quadratic", 1L, 300, null,
                    new ProblemSpec("quadratic", new double[][] {{1, 0}, {0, 20}}, new double[] {0, 0},
                            new double[] {-1.8, 1}, null, null, null, null, null, null, null, null, null, null, null),
                    List.of(opt("GD", "sgd", 0.09, null, null), opt("Momentum", "momentum", 0.02, 0.9, null),
                            opt("Nesterov", "nesterov", 0.02, 0.9, null)), null, null)),
            new Preset("Newton runs to a saddle", new ExperimentDocument(1, "Newton runs to a saddle", 1L, 60, null,
                    ProblemSpec.function("saddle", new double[] {1.5, 0.3}),
                    List.of(opt("Newton (8.8)", "newton", null, null, null), opt("GD", "sgd", 0.05, null, null),
                            opt("damped Newton", "damped-newton", null, null, null)), null, null)),
            new Preset("Batch vs minibatch vs SGD on moons", new ExperimentDocument(1, "Batch vs minibatch vs SGD on moons",
                    1L, 3000, null,
                    new ProblemSpec(null, null, null, null, null, "moons", 500, 0.2, null, null, null, null, null, 0.2,
                            new ModelSpec("mlp", new int[] {16, 16}, "tanh", "glorot", null)),
                    List.of(opt("batch GD (m = N)", "sgd", 0.3, null, 400), opt("minibatch (m = 32)", "sgd", 0.3, null, 32),
                            opt("SGD (m = 1)", "sgd", 0.05, null, 1)), null, null)),
            new Preset("AdaGrad's shrinking steps vs RMSProp", new ExperimentDocument(1,
                    "AdaGrad's shrinking steps vs RMSProp", 1L, 3000, null,
                    ProblemSpec.function("rosenbrock", new double[] {-2, 2}),
                    List.of(new OptimizerSpec("AdaGrad", "adagrad", 0.5, null, null, null, null, 1e-7, null, null),
                            new OptimizerSpec("RMSProp", "rmsprop", 0.01, null, 0.9, null, null, 1e-6, null, null)),
                    null, null)));
}

package org.optlab.ui;

import static org.optlab.engine.Algorithm.ADAGRAD;
import static org.optlab.engine.Algorithm.ADAM;
import static org.optlab.engine.Algorithm.DAMPED_NEWTON;
import static org.optlab.engine.Algorithm.Hyper.DELTA;
import static org.optlab.engine.Algorithm.Hyper.LEARNING_RATE;
import static org.optlab.engine.Algorithm.Hyper.RHO;
import static org.optlab.engine.Algorithm.MOMENTUM;
import static org.optlab.engine.Algorithm.NESTEROV;
import static org.optlab.engine.Algorithm.NEWTON;
import static org.optlab.engine.Algorithm.RMSPROP;
import static org.optlab.engine.Algorithm.SGD;

import java.util.List;
import org.optlab.engine.Algorithm;
import org.optlab.engine.Algorithm.Hyper;
import org.optlab.engine.model.Activation;
import org.optlab.experiment.ExperimentDocument;
import org.optlab.experiment.ExperimentDocument.ScheduleSpec;
import org.optlab.experiment.Init;
import org.optlab.experiment.ModelType;
import org.optlab.experiment.ScheduleType;
import org.optlab.experiment.ExperimentDocument.ModelSpec;
import org.optlab.experiment.ExperimentDocument.OptimizerSpec;
import org.optlab.experiment.ExperimentDocument.ProblemSpec;

/** Instructive experiments shipped with the lab, one click from the start page. */
final class Presets {

    /** A preset: its title (the slide), the experiment, and what to watch in it (shown under the presets). */
    record Preset(String title, ExperimentDocument document, String watch) {
    }

    private Presets() {
    }

    /** An optimizer at learning rate ε (null: the algorithm's default); other settings with its {@code with…}. */
    private static OptimizerSpec opt(String label, Algorithm algorithm, Double epsilon) {
        return OptimizerSpec.of(label, algorithm).with(LEARNING_RATE, epsilon);
    }

    /** f = ½ θᵀ diag(1, a22) θ from (x, y), with gradient noise σ (null: none): the lecture's narrow valley. */
    private static ProblemSpec quadratic(double a22, double x, double y, Double sigma) {
        return new ProblemSpec("quadratic", new double[][] {{1, 0}, {0, a22}}, new double[] {0, 0}, new double[] {x, y},
                sigma, null, null, null, null, null, null, null, null, null, null);
    }

    /** Each preset's claim is a test on its numbers: {@code PresetClaimsTest}. */
    static final List<Preset> ALL = List.of(
            new Preset("Rosenbrock, five classics", LabView.defaultDocument(),
                    "The lecture's comparison in its colours: GD cyan, momentum magenta, AdaGrad grey, RMSProp green,"
                    + " Adam blue, from (−2, 2) down Rosenbrock's curved valley to the minimum at (1, 1). Watch how each"
                    + " one enters the valley and how fast it then moves along its floor."),
            new Preset("Momentum on an ill-conditioned quadratic", new ExperimentDocument(1,
                    "Momentum on an ill-conditioned quadratic", 1L, 300, null,
                    quadratic(20, -1.8, 1, null),
                    List.of(opt("GD", SGD, 0.09), opt("Momentum", MOMENTUM, 0.05).with(Hyper.MOMENTUM, 0.6),
                            opt("Nesterov", NESTEROV, 0.05).with(Hyper.MOMENTUM, 0.6)), null, null),
                    "A narrow valley: curvature 20 across, 1 along. Gradient descent (cyan) at ε = 0.09, close to"
                    + " 2/λmax = 0.1, crosses the valley at every step while it creeps along it. Momentum (magenta, α ="
                    + " 0.6) averages its steps: the crossings cancel in the velocity, the path runs down the valley and"
                    + " reaches a loss of 10⁻⁶ in about half GD's steps; Nesterov (orange) looks ahead and hardly crosses"
                    + " at all."),
            new Preset("Nesterov's look-ahead", new ExperimentDocument(1, "Nesterov's look-ahead", 1L, 300, null,
                    quadratic(50, -1.8, 1, null),
                    List.of(opt("Momentum", MOMENTUM, 0.02).with(Hyper.MOMENTUM, 0.9),
                            opt("Nesterov", NESTEROV, 0.02).with(Hyper.MOMENTUM, 0.9)), null, null),
                    "A narrower valley (curvature 50 across, 1 along) and heavy momentum, α = 0.9, for both at ε = 0.02."
                    + " Momentum (magenta, Algorithm 8.2) takes the gradient where it stands and its velocity carries it"
                    + " across the valley again and again. Nesterov (orange, 8.3) takes the gradient at the interim"
                    + " point θ̃ = θ + αv, where the velocity is about to take it: it feels the far wall before it"
                    + " arrives and brakes. It does not cross at all and reaches a loss of 10⁻⁶ in about 60% of"
                    + " momentum's steps."),
            new Preset("Newton runs to a saddle", new ExperimentDocument(1, "Newton runs to a saddle", 1L, 60, null,
                    ProblemSpec.function("bounded-saddle", new double[] {1.5, 0.3}),
                    List.of(opt("Newton (8.8)", NEWTON, null), opt("GD", SGD, 0.1),
                            opt("damped Newton", DAMPED_NEWTON, null)), null, null),
                    "f = x² + y⁴/4 − y² has a saddle at the origin and minima at (0, ±√2). Near the x axis its Hessian"
                    + " is indefinite, and Newton's method (8.8) jumps to where the local quadratic model is flat: the"
                    + " saddle (loss 0; its card warns of the indefinite Hessian). Gradient descent and damped Newton"
                    + " move away from the saddle into a minimum (loss −1)."),
            new Preset("Saddle points slow gradient descent", new ExperimentDocument(1,
                    "Saddle points slow gradient descent", 1L, 300, null,
                    ProblemSpec.function("bounded-saddle", new double[] {1.5, 0.0001}),
                    List.of(opt("GD", SGD, 0.05), opt("Momentum", MOMENTUM, 0.05).with(Hyper.MOMENTUM, 0.9),
                            opt("Adam", ADAM, 0.05)), null, null),
                    "f = x² + y⁴/4 − y² from (1.5, 0.0001), almost on the line that leads into the saddle at the"
                    + " origin. Gradient descent (cyan) slides into the saddle, where the gradient is nearly zero, and"
                    + " sits there: its loss stays flat near 0 for about 45 steps (a plateau on the loss curve) until the"
                    + " tiny y has grown enough to carry it down to a minimum at (0, ±√2). Momentum (magenta) arrives"
                    + " with speed and passes the saddle in a few steps; Adam (blue), whose step does not shrink with"
                    + " the gradient, never lingers."),
            new Preset("Batch vs minibatch vs SGD on moons", new ExperimentDocument(1, "Batch vs minibatch vs SGD on moons",
                    1L, 3000, null,
                    new ProblemSpec(null, null, null, null, null, "moons", 500, 0.2, null, null, null, null, null, 0.2,
                            new ModelSpec(ModelType.MLP, new int[] {16, 16}, Activation.TANH, Init.GLOROT, null)),
                    List.of(opt("batch GD (m = N)", SGD, 0.3).withBatchSize(400),
                            opt("minibatch (m = 32)", SGD, 0.3).withBatchSize(32),
                            opt("SGD (m = 1)", SGD, 0.05).withBatchSize(1)), null, null),
                    "The same 3000 steps are 3000 passes over the 400 training examples for batch GD, 240 for"
                    + " minibatches of 32 and 7.5 for SGD. Per step, batch GD goes lowest; per epoch (switch the x axis"
                    + " to epochs), SGD is far ahead: at 7.5 epochs batch GD has made 7 steps. SGD's curve stays noisy:"
                    + " with a constant ε it keeps bouncing around the minimum."),
            new Preset("Adam's bias correction", new ExperimentDocument(1, "Adam's bias correction", 1L, 200, null,
                    quadratic(20, -1.8, 1, null),
                    List.of(opt("Adam", ADAM, 0.05),
                            opt("Adam without lines 7-8", ADAM, 0.05).withBiasCorrection(false)), null, null),
                    "Adam's moments s and r start at 0, so early on they are biased towards 0; lines 7–8 of Algorithm 8.7"
                    + " divide that out. Without them the first step is ε (1 − ρ₁) / √(1 − ρ₂) ≈ 3.16 ε in each"
                    + " coordinate (hover the second point of each path): the uncorrected Adam jumps three times as far"
                    + " before its moments warm up."),
            new Preset("Noisy and exact gradients", new ExperimentDocument(1, "Noisy and exact gradients", 1L, 1000, null,
                    quadratic(10, -1.5, 1, null),
                    List.of(opt("GD, exact gradient", SGD, 0.05),
                            opt("GD, gradient + N(0, 1)", SGD, 0.05).withGradientNoise(1.0)), null, null),
                    "The same gradient descent twice, once with the exact gradient and once with noise added to it (σ ="
                    + " 1, this optimizer's own), as a minibatch estimate would be. The exact run keeps descending; the"
                    + " noisy one follows it at first, then wanders around the minimum at a floor set by ε and σ."),
            new Preset("SGD needs a decaying learning rate", new ExperimentDocument(1, "SGD needs a decaying learning rate",
                    1L, 3000, null,
                    quadratic(10, -1.5, 1, 2.0),
                    List.of(opt("SGD, constant ε", SGD, 0.05),
                            opt("SGD, ε₀ / (1 + k/100)", SGD, 0.05)
                                    .withSchedule(new ScheduleSpec(ScheduleType.INVERSE, null, 100L)),
                            opt("SGD, ε₀ e^(−k/300)", SGD, 0.05)
                                    .withSchedule(new ScheduleSpec(ScheduleType.EXPONENTIAL, null, 300L))),
                    null, null),
                    "The gradient is noisy (σ = 2, as a minibatch's would be). With a constant ε, SGD reaches the"
                    + " minimum's neighbourhood and keeps jumping around it: its loss stops falling at a floor set by ε"
                    + " and the noise. With ε₀ / (1 + k/τ), which meets the Robbins–Monro conditions, the steps shrink"
                    + " and average the noise away: the floor is some fifty times lower. Exponential decay also"
                    + " shrinks, but its steps add up to a finite distance: a run can freeze before it arrives."),
            new Preset("Cliffs and gradient clipping", new ExperimentDocument(1, "Cliffs and gradient clipping", 1L, 200,
                    null, ProblemSpec.function("cliff", new double[] {-3.5, 1}),
                    List.of(opt("GD", SGD, 2.0), opt("GD, clipped at v = 0.5", SGD, 2.0).withClipNorm(0.5)), null, null),
                    "A shallow valley ends at a cliff 20 high (the book's figure 8.3). Gradient descent with ε = 2"
                    + " walks towards it; the step that lands on the wall meets a gradient of about 20 and is thrown"
                    + " tens of units back, off the plot. Clipped at ‖g‖ ≤ v = 0.5 (§10.11.1), no step is longer than"
                    + " ε v = 1: it stays at the foot of the wall, near the minimum."),
            new Preset("AdaGrad's shrinking steps vs RMSProp", new ExperimentDocument(1,
                    "AdaGrad's shrinking steps vs RMSProp", 1L, 3000, null,
                    ProblemSpec.function("rosenbrock", new double[] {-2, 2}),
                    List.of(opt("AdaGrad", ADAGRAD, 0.5).with(DELTA, 1e-7),
                            opt("RMSProp", RMSPROP, 0.01).with(RHO, 0.9).with(DELTA, 1e-6)),
                    null, null),
                    "AdaGrad (grey) divides ε by the root of the sum of all squared gradients so far: after the steep"
                    + " descent into the valley that sum only grows, and its steps shrink a hundredfold; it stalls far"
                    + " from (1, 1). RMSProp (green) keeps a moving average instead, forgets the steep start and keeps"
                    + " its step size along the valley floor to the minimum."));
}

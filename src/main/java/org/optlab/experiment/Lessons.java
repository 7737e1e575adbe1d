package org.optlab.experiment;

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
import static org.optlab.engine.Algorithm.RMSPROP_NESTEROV;
import static org.optlab.engine.Algorithm.SGD;

import java.util.ArrayList;
import java.util.List;
import org.optlab.engine.Algorithm;
import org.optlab.engine.Algorithm.Hyper;
import org.optlab.engine.model.Activation;
import org.optlab.experiment.ExperimentDocument.ModelSpec;
import org.optlab.experiment.ExperimentDocument.OptimizerSpec;
import org.optlab.experiment.ExperimentDocument.ProblemSpec;
import org.optlab.experiment.ExperimentDocument.ProblemSpec.DatasetSpec;
import org.optlab.experiment.ExperimentDocument.ProblemSpec.FunctionSpec;
import org.optlab.experiment.ExperimentDocument.ScheduleSpec;

/**
 * The lecture, slide by slide: one experiment per topic of "Optimization for Training Deep Models" (Goodfellow et al.,
 * Deep Learning ch. 8), in the lecture's order, then the chapter's difficulties around it. Each lesson has a stable id
 * (a document's {@code lesson} field names it, so that a shared link shows its text), a title tied to its slide, what to
 * watch, the question it answers and the algorithm boxes it is about. Each lesson's claim is a test on its numbers
 * ({@code LessonClaimsTest}); a lesson whose claim fails its test does not ship.
 */
public final class Lessons {

    /**
     * A lesson: its stable {@code id}, the {@code slide} it belongs to (the lecture's algorithm number or the book's
     * section), its {@code title}, what to {@code watch} (two or three sentences), the {@code question} it answers, the
     * algorithm boxes involved and its experiment (which names the lesson).
     */
    public record Lesson(String id, String slide, String title, String watch, String question, List<Algorithm> boxes,
                         ExperimentDocument document) {
    }

    private Lessons() {
    }

    /** An optimizer at learning rate ε (null: the algorithm's default); other settings with its {@code with…}. */
    private static OptimizerSpec opt(String label, Algorithm algorithm, Double epsilon) {
        return OptimizerSpec.of(label, algorithm).with(LEARNING_RATE, epsilon);
    }

    /** f = ½ θᵀ diag(1, a22) θ from (x, y), with gradient noise σ (null: none): the lecture's narrow valley. */
    private static FunctionSpec quadratic(double a22, double x, double y, Double sigma) {
        return new FunctionSpec("quadratic", new double[][] {{1, 0}, {0, a22}}, new double[] {0, 0}, new double[] {x, y},
                sigma);
    }

    /** Two moons (n points, label noise) with an MLP of these hidden layers, tanh, this initialisation. */
    private static DatasetSpec moons(int n, double noise, double validation, int[] hidden, Init init) {
        return new DatasetSpec("moons", n, noise, null, null, null, null, null, null, validation,
                new ModelSpec(ModelType.MLP, hidden, Activation.TANH, init, null));
    }

    private static final List<Lesson> BUILT = new ArrayList<>();

    private static void lesson(String id, String slide, String title, long steps, ProblemSpec problem,
                               List<OptimizerSpec> optimizers, List<Algorithm> boxes, String watch, String question) {
        ExperimentDocument d = new ExperimentDocument(1, title, 1L, steps, null, problem, optimizers, null, null, null, id);
        BUILT.add(new Lesson(id, slide, title, watch, question, List.copyOf(boxes), d));
    }

    /** The lecture's comparison on Rosenbrock: the lab's first experiment too. */
    public static ExperimentDocument fiveClassics() {
        List<OptimizerSpec> o = List.of(
                opt("GD", SGD, 0.0002),
                opt("Momentum", MOMENTUM, 0.0002).with(Hyper.MOMENTUM, 0.9),
                opt("AdaGrad", ADAGRAD, 0.5).with(DELTA, 1e-7),
                opt("RMSProp", RMSPROP, 0.01).with(RHO, 0.9).with(DELTA, 1e-6),
                opt("Adam", ADAM, 0.05).with(Hyper.RHO1, 0.9).with(Hyper.RHO2, 0.999).with(DELTA, 1e-8));
        return new ExperimentDocument(1, "Rosenbrock, five classics", Defaults.SEED, Defaults.STEPS, null,
                ProblemSpec.function("rosenbrock", new double[] {-2, 2}), o, null, null);
    }

    static {
        lesson("j-vs-jstar", "8.1", "8.1 J and J*: the training loss stands in for the risk", 3000,
                moons(120, 0.3, 0.5, new int[] {32, 32}, Init.GLOROT).withTestPoints(2000),
                List.of(opt("Adam, m = N", ADAM, 0.01).withBatchSize(60)),
                List.of(ADAM),
                "Training minimises J, the average loss over the 60 training examples; what we want small is J*, the"
                + " expected loss on new examples from the same generator. J* is estimated twice on the right: on 60"
                + " held-out examples (the validation curve) and on 2000 moons drawn fresh from the generator (the"
                + " dashed J* curve). J keeps falling to nearly 0; J* turns around and rises as the network fits the"
                + " training set's noise.",
                "Why is minimising the training loss J not the same as minimising J*?");
        lesson("batch-minibatch-sgd", "8.1", "8.1 Batch, minibatch, SGD: per step and per epoch", 3000,
                moons(500, 0.2, 0.2, new int[] {16, 16}, Init.GLOROT),
                List.of(opt("batch GD (m = N)", SGD, 0.3).withBatchSize(400),
                        opt("minibatch (m = 32)", SGD, 0.3).withBatchSize(32),
                        opt("SGD (m = 1)", SGD, 0.05).withBatchSize(1)),
                List.of(SGD),
                "The same 3000 steps are 3000 passes over the 400 training examples for batch GD, 240 for minibatches"
                + " of 32 and 7.5 for SGD. Per step, batch GD goes lowest; per epoch (switch the x axis to epochs), SGD"
                + " is far ahead: at 7.5 epochs batch GD has made 7 steps. SGD's curve stays noisy: with a constant ε it"
                + " keeps bouncing around the minimum.",
                "What does a step of batch gradient descent cost, and what do we buy with a smaller m?");
        lesson("sgd-variance", "8.1", "8.1 Algorithm 8.1: the minibatch gradient has variance", 1000,
                quadratic(10, -1.5, 1, null),
                List.of(opt("GD, exact gradient", SGD, 0.05),
                        opt("GD, gradient + N(0, 1)", SGD, 0.05).withGradientNoise(1.0)),
                List.of(SGD),
                "The same gradient descent twice, once with the exact gradient and once with noise added to it (σ = 1,"
                + " this optimizer's own), as a minibatch estimate would be. The exact run keeps descending; the noisy"
                + " one follows it at first, then wanders around the minimum at a floor set by ε and σ.",
                "Why does SGD with a constant learning rate not converge to the minimum?");
        lesson("decaying-rate", "8.1", "8.1 ε_k: SGD needs a decaying learning rate", 3000,
                quadratic(10, -1.5, 1, 2.0),
                List.of(opt("SGD, constant ε", SGD, 0.05),
                        opt("SGD, ε₀ / (1 + k/100)", SGD, 0.05)
                                .withSchedule(new ScheduleSpec(ScheduleType.INVERSE, null, 100L)),
                        opt("SGD, ε₀ e^(−k/300)", SGD, 0.05)
                                .withSchedule(new ScheduleSpec(ScheduleType.EXPONENTIAL, null, 300L))),
                List.of(SGD),
                "The gradient is noisy (σ = 2, as a minibatch's would be). With a constant ε, SGD reaches the minimum's"
                + " neighbourhood and keeps jumping around it: its loss stops falling at a floor set by ε and the noise."
                + " With ε₀ / (1 + k/τ), which meets the Robbins–Monro conditions (Σ ε_k = ∞, Σ ε_k² < ∞), the steps"
                + " shrink and average the noise away: the floor is some fifty times lower. Exponential decay also"
                + " shrinks, but its steps add up to a finite distance: a run can freeze before it arrives.",
                "Why does Algorithm 8.1 write ε_k, a learning rate that changes with k?");
        lesson("momentum-valley", "8.2", "8.2 Momentum: a narrow valley", 300,
                quadratic(20, -1.8, 1, null),
                List.of(opt("GD", SGD, 0.09), opt("Momentum", MOMENTUM, 0.05).with(Hyper.MOMENTUM, 0.6),
                        opt("Nesterov", NESTEROV, 0.05).with(Hyper.MOMENTUM, 0.6)),
                List.of(SGD, MOMENTUM, NESTEROV),
                "A narrow valley: curvature 20 across, 1 along. Gradient descent (cyan) at ε = 0.09, close to 2/λmax ="
                + " 0.1, crosses the valley at every step while it creeps along it. Momentum (magenta, α = 0.6)"
                + " averages its steps: the crossings cancel in the velocity, the path runs down the valley and reaches"
                + " a loss of 10⁻⁶ in about half GD's steps; Nesterov (orange) looks ahead and hardly crosses at all."
                + " Press Step instead of Start: each update is drawn as arrows, momentum's αv (what the velocity"
                + " keeps) and −εg (the new gradient step) adding up to its Δθ.",
                "What does the velocity v of Algorithm 8.2 do to the zig-zag of gradient descent?");
        lesson("nesterov-look-ahead", "8.3", "8.3 Nesterov: the look-ahead brakes before the wall", 300,
                quadratic(50, -1.8, 1, null),
                List.of(opt("Momentum", MOMENTUM, 0.02).with(Hyper.MOMENTUM, 0.9),
                        opt("Nesterov", NESTEROV, 0.02).with(Hyper.MOMENTUM, 0.9)),
                List.of(MOMENTUM, NESTEROV),
                "A narrower valley (curvature 50 across, 1 along) and heavy momentum, α = 0.9, for both at ε = 0.02."
                + " Momentum (magenta, Algorithm 8.2) takes the gradient where it stands and its velocity carries it"
                + " across the valley again and again. Nesterov (orange, 8.3) takes the gradient at the interim point"
                + " θ̃ = θ + αv, where the velocity is about to take it: it feels the far wall before it arrives and"
                + " brakes, does not cross at all and reaches a loss of 10⁻⁶ in about 60% of momentum's steps."
                + " Press Step a few times: Nesterov's arrow αv runs to θ̃, and the gradient step −εg(θ̃) taken there"
                + " already points back from the wall.",
                "What changes when the gradient is taken at θ + αv instead of at θ?");
        lesson("adagrad-per-coordinate", "8.4", "8.4 AdaGrad: a learning rate per coordinate, always shrinking", 300,
                quadratic(20, -1.8, 1, null),
                List.of(opt("GD", SGD, 0.09), opt("AdaGrad", ADAGRAD, 0.5).with(DELTA, 1e-7)),
                List.of(SGD, ADAGRAD),
                "The narrow valley again. AdaGrad (grey) divides ε by δ + √r, the root of the sum of all squared"
                + " gradients so far, coordinate by coordinate: the steep coordinate, whose gradients were large, gets"
                + " a small rate and the flat one a large rate, so it does not zig-zag like gradient descent (cyan)."
                + " But r only grows, so a rate can only shrink: the flat coordinate's has lost a third by step 30.",
                "What does dividing by √r do, coordinate by coordinate, and what happens to it over time?");
        lesson("rmsprop-vs-adagrad", "8.5", "8.5 RMSProp vs AdaGrad: forgetting the steep start", 3000,
                ProblemSpec.function("rosenbrock", new double[] {-2, 2}),
                List.of(opt("AdaGrad", ADAGRAD, 0.5).with(DELTA, 1e-7),
                        opt("RMSProp", RMSPROP, 0.01).with(RHO, 0.9).with(DELTA, 1e-6)),
                List.of(ADAGRAD, RMSPROP),
                "The lecture's animation: RMSProp (green) against AdaGrad (grey) on Rosenbrock. AdaGrad's r sums every"
                + " squared gradient, and after the steep descent into the valley that sum only grows: its steps"
                + " shrink a hundredfold and it stalls far from (1, 1). RMSProp keeps a moving average r ← ρr +"
                + " (1 − ρ)g² instead, forgets the steep start and keeps its step size along the valley floor to the"
                + " minimum.",
                "Why does replacing AdaGrad's sum by a moving average keep the optimizer moving?");
        lesson("rmsprop-nesterov", "8.6", "8.6 RMSProp with Nesterov momentum", 3000,
                ProblemSpec.function("rosenbrock", new double[] {-2, 2}),
                List.of(opt("RMSProp", RMSPROP, 0.001).with(RHO, 0.9).with(DELTA, 1e-6),
                        opt("RMSProp + Nesterov", RMSPROP_NESTEROV, 0.001).with(RHO, 0.9)
                                .with(Hyper.MOMENTUM, 0.9)),
                List.of(RMSPROP, RMSPROP_NESTEROV),
                "Both scale each coordinate's step by 1/√r; RMSProp with Nesterov momentum (Algorithm 8.6) adds a"
                + " velocity and takes the gradient at the look-ahead point θ + αv. With the same small ε = 0.001,"
                + " plain RMSProp (green) takes steps of about ε each and after 3000 steps is still crossing the"
                + " valley's bend; with the velocity adding up its steps along the floor, RMSProp with Nesterov"
                + " reaches (1, 1) in under a thousand.",
                "What does momentum add to a method that already scales its steps per coordinate?");
        lesson("adam-bias-correction", "8.7", "8.7 Adam: the bias correction", 200,
                quadratic(20, -1.8, 1, null),
                List.of(opt("Adam", ADAM, 0.05),
                        opt("Adam without lines 7-8", ADAM, 0.05).withBiasCorrection(false)),
                List.of(ADAM),
                "Adam's moments s and r start at 0, so early on they are biased towards 0; lines 7–8 of Algorithm 8.7"
                + " divide that out. Without them the first step is ε (1 − ρ₁) / √(1 − ρ₂) ≈ 3.16 ε in each coordinate"
                + " (hover the second point of each path): the uncorrected Adam jumps three times as far before its"
                + " moments warm up.",
                "Why does Adam divide its moments by 1 − ρ₁ᵗ and 1 − ρ₂ᵗ?");
        ExperimentDocument five = fiveClassics();
        lesson("five-classics", "8.2–8.7", "8.2–8.7 The five classics on Rosenbrock", five.steps(), five.problem(),
                five.optimizers(), List.of(SGD, MOMENTUM, ADAGRAD, RMSPROP, ADAM),
                "The lecture's comparison in its colours: GD cyan, momentum magenta, AdaGrad grey, RMSProp green, Adam"
                + " blue, from (−2, 2) down Rosenbrock's curved valley to the minimum at (1, 1). Watch how each one"
                + " enters the valley and how fast it then moves along its floor: in 2000 steps momentum and RMSProp"
                + " arrive near (1, 1), Adam is on its way along the floor, AdaGrad's steps have shrunk to a crawl, and"
                + " gradient descent, at the small ε the steep walls allow, has hardly entered the valley.",
                "Which of the five reaches the minimum of a curved valley, and why?");
        lesson("newton-quadratic", "8.8", "8.8 Newton: one step on a quadratic", 200,
                new FunctionSpec("quadratic", new double[][] {{3, 1}, {1, 2}}, new double[] {1, -1},
                        new double[] {-1.5, 1.5}, null),
                List.of(opt("GD", SGD, 0.2), opt("Newton (8.8)", NEWTON, null)),
                List.of(SGD, NEWTON),
                "f = ½ θᵀAθ − bᵀθ is its own second-order Taylor model, so Newton's step θ − H⁻¹g lands on the"
                + " minimum A⁻¹b in one step, whatever the conditioning (hover its second point). Gradient descent"
                + " (cyan) needs dozens of steps, slowest along the direction of least curvature.",
                "Why does Newton's method need the Hessian, and what does it buy on a quadratic?");
        lesson("newton-saddle", "8.8", "8.8 Newton runs to a saddle", 60,
                ProblemSpec.function("bounded-saddle", new double[] {1.5, 0.3}),
                List.of(opt("Newton (8.8)", NEWTON, null), opt("GD", SGD, 0.1),
                        opt("damped Newton", DAMPED_NEWTON, null)),
                List.of(NEWTON, SGD),
                "f = x² + y⁴/4 − y² has a saddle at the origin and minima at (0, ±√2). Near the x axis its Hessian is"
                + " indefinite, and Newton's method (8.8) jumps to where the local quadratic model is flat: the saddle"
                + " (loss 0; its card warns of the indefinite Hessian). Gradient descent and damped Newton move away"
                + " from the saddle into a minimum (loss −1).",
                "Why is Newton's method attracted to saddle points, where gradient descent is not?");
        lesson("ill-conditioning", "§8.2.1", "§8.2.1 Ill-conditioning: ε is capped by 2/λmax", 400,
                quadratic(50, -1.8, 1, null),
                List.of(opt("GD, ε = 0.039", SGD, 0.039), opt("GD, ε = 0.042", SGD, 0.042)),
                List.of(SGD),
                "A quadratic with curvatures 1 and 50 (condition number κ = 50). Gradient descent is stable only for"
                + " ε < 2/λmax = 0.04: at ε = 0.042 each step overshoots the steep direction a little further and the"
                + " run diverges, although the flat direction would have liked a far larger step. At ε = 0.039 it"
                + " converges, but along the flat direction it gains only a factor 1 − ε per step: about κ/2 steps"
                + " per digit of loss.",
                "Why does a large condition number make gradient descent slow?");
        lesson("local-minima", "§8.2.2", "§8.2.2 Local minima: where you start decides", 2000,
                ProblemSpec.function("six-hump-camel", new double[] {-2, 0}),
                List.of(opt("GD from (−2, 0)", SGD, 0.01).withStart(new double[] {-2, 0}),
                        opt("GD from (−2, −1)", SGD, 0.01).withStart(new double[] {-2, -1}),
                        opt("GD from (−1, 0)", SGD, 0.01).withStart(new double[] {-1, 0}),
                        opt("GD from (2, −1)", SGD, 0.01).withStart(new double[] {2, -1}),
                        opt("Momentum", MOMENTUM, 0.01).with(Hyper.MOMENTUM, 0.9)),
                List.of(SGD, MOMENTUM),
                "The six-hump camel has six minima of three different heights. The same gradient descent from four"
                + " starts (four cards, each with its own θ₀) rolls into the nearest minimum each time and stops"
                + " there: the gradient is zero, so no first-order method leaves. Four starts, four minima, three"
                + " heights: the start decides. Momentum (α = 0.9) from the problem's start (−2, 0) gathers speed on"
                + " the way down and rolls over the ridge into the lowest minimum, −1.03 against GD's −0.22. Duplicate"
                + " a card and give it another start θ₀ to map another basin.",
                "Is a minimum that gradient descent finds the lowest one?");
        lesson("saddle-plateau", "§8.2.3", "§8.2.3 Saddle points slow gradient descent", 300,
                ProblemSpec.function("bounded-saddle", new double[] {1.5, 0.0001}),
                List.of(opt("GD", SGD, 0.05), opt("Momentum", MOMENTUM, 0.05).with(Hyper.MOMENTUM, 0.9),
                        opt("Adam", ADAM, 0.05)),
                List.of(SGD, MOMENTUM, ADAM),
                "f = x² + y⁴/4 − y² from (1.5, 0.0001), almost on the line that leads into the saddle at the origin."
                + " Gradient descent (cyan) slides into the saddle, where the gradient is nearly zero, and sits there:"
                + " its loss stays flat near 0 for about 45 steps (a plateau on the loss curve) until the tiny y has"
                + " grown enough to carry it down to a minimum at (0, ±√2). Momentum (magenta) arrives with speed and"
                + " passes the saddle in a few steps; Adam (blue), whose step does not shrink with the gradient, never"
                + " lingers.",
                "Do saddle points stop gradient descent, or only slow it down?");
        lesson("plateau", "§8.2.3", "§8.2.3 Plateaus: where the gradient vanishes", 500,
                ProblemSpec.function("plateau", new double[] {4, 1}),
                List.of(opt("GD", SGD, 1.0), opt("Momentum", MOMENTUM, 1.0).with(Hyper.MOMENTUM, 0.9),
                        opt("Adam", ADAM, 0.1)),
                List.of(SGD, MOMENTUM, ADAM),
                "f = 1 − exp(−(x² + y²)/2): a well in a flat plain. From (4, 1) the gradient is about 0.001, so"
                + " gradient descent (cyan), even at ε = 1, moves a tenth of a unit in its first 100 steps and its loss"
                + " curve lies flat at 1 for over 300 steps before it drops. Momentum (magenta) adds up the tiny steps"
                + " and crosses in about 60; Adam (blue) divides the gradient by its own size and walks across at ε"
                + " per step.",
                "Why can a flat region stall gradient descent far from any minimum?");
        lesson("cliff-clipping", "§8.2.4", "§8.2.4 Cliffs and gradient clipping", 200,
                ProblemSpec.function("cliff", new double[] {-3.5, 1}),
                List.of(opt("GD", SGD, 2.0), opt("GD, clipped at v = 0.5", SGD, 2.0).withClipNorm(0.5)),
                List.of(SGD),
                "A shallow valley ends at a cliff 20 high (the book's figure 8.3). Gradient descent with ε = 2 walks"
                + " towards it; the step that lands on the wall meets a gradient of about 20 and is thrown tens of"
                + " units back, off the plot. Clipped at ‖g‖ ≤ v = 0.5 (§10.11.1), no step is longer than ε v = 1: it"
                + " stays at the foot of the wall, near the minimum.",
                "What happens to a gradient step at a cliff, and how does clipping the gradient's norm help?");
        lesson("zero-initialisation", "§8.4", "§8.4 Initialisation: all zeros never breaks the symmetry", 1000,
                moons(500, 0.2, 0.2, new int[] {16, 16}, Init.ZEROS),
                List.of(opt("GD", SGD, 0.3).withBatchSize(32), opt("Adam", ADAM, 0.01).withBatchSize(32)),
                List.of(SGD, ADAM),
                "An MLP whose weights all start at 0: every hidden unit computes the same thing, receives the same"
                + " gradient (here exactly zero) and stays equal to the others, so no optimizer can make the units"
                + " differ. Both curves sit on a plateau at the loss of a constant guess, about ln 2. Set Initialisation"
                + " to Glorot and run again: random weights break the symmetry and the loss falls.",
                "Why must the initial weights be random?");
    }

    /** Every lesson, in the lecture's order. */
    public static final List<Lesson> ALL = List.copyOf(BUILT);

    /** Their ids, in the same order. */
    public static final List<String> IDS = ALL.stream().map(Lesson::id).toList();

    /** The lesson with that id, or null. */
    public static Lesson byId(String id) {
        for (Lesson l : ALL) {
            if (l.id().equals(id)) {
                return l;
            }
        }
        return null;
    }
}

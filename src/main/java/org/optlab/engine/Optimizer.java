package org.optlab.engine;

/**
 * One of the lecture's optimization algorithms: its state (velocity, accumulators, step counter) plus its update rule.
 *
 * <p>An instance serves one run: its state starts at zero when it is created. {@link #step} changes θ in place; a step
 * that is made allocates nothing in Algorithms 8.1–8.7 (in Newton's methods, EJML's eigen-decomposition allocates a few
 * dozen bytes a step).
 */
public interface Optimizer {

    /**
     * Makes update number {@code k} of θ in place; k = 1 for the first update, as in the lecture's boxes.
     *
     * @param theta    θ, updated in place
     * @param J        the objective (on the current minibatch, when training on data)
     * @param k        the number of this update (1, 2, ...), for the learning-rate schedule ε_k
     * @param warnings where the algorithm reports a remark about this step (Newton's Hessian, for example)
     * @return {@link #MADE} when the step was made, or a {@link StepFailure} saying why the run cannot go on (θ left
     *         unchanged)
     */
    StepOutcome step(double[] theta, Objective J, long k, StepWarnings warnings);

    /**
     * A copy of what the optimizer remembers after its last step, named with the lecture's symbols (g, v, θ̃, r, s, ŝ,
     * r̂, the effective rate, Newton's eigenvalues). Made only when asked: it allocates, {@link #step} does not.
     */
    OptimizerState state();

    /** The outcome of every step that was made: one shared value, so a successful step allocates nothing. */
    StepOutcome MADE = Made.MADE;

    /** What became of one step: it was made ({@link #MADE}), or it failed ({@link StepFailure}) and the run ends. */
    sealed interface StepOutcome permits Made, StepFailure {
    }

    /** The step was made and the run goes on. Its one value is {@link Optimizer#MADE}. */
    enum Made implements StepOutcome {
        MADE
    }

    /** Why a step could not be made (θ left unchanged); ends the run with the given status. */
    record StepFailure(RunStatus status, String message) implements StepOutcome {
    }
}

package org.optlab.engine;

/**
 * One of the lecture's optimization algorithms: its state (velocity, accumulators, step counter) plus its update rule.
 *
 * <p>An instance serves one run: its state starts at zero when it is created. {@link #step} changes θ in place and
 * allocates nothing.
 */
public interface Optimizer {

    /**
     * Makes update number {@code k} of θ in place; k = 1 for the first update, as in the lecture's boxes.
     *
     * @param theta    θ, updated in place
     * @param J        the objective (on the current minibatch, when training on data)
     * @param k        the number of this update (1, 2, ...), for the learning-rate schedule ε_k
     * @param warnings where the algorithm reports a remark about this step (Newton's Hessian, for example)
     * @return {@code null} when the step was made, or a reason why the run cannot go on (θ left unchanged)
     */
    StepFailure step(double[] theta, Objective J, long k, StepWarnings warnings);

    /** Why a step could not be made; ends the run with the given status. */
    record StepFailure(RunStatus status, String message) {
    }
}

package org.optlab.engine;

/**
 * Hears a run's progress from the training thread. Implementations must return at once (append to a queue, never wait on a
 * lock held by a UI): the trainer never waits for its listeners.
 */
public interface RunListener {

    /**
     * A recorded point: the loss at step k, θ_k and the problem's metrics (validation loss, accuracy, in the order of
     * {@link Problem#metricNames()}). Both arrays are live buffers: copy what you keep.
     */
    default void onRecord(long step, double loss, double[] theta, double[] metrics) {
    }

    /** A per-step warning, e.g. an indefinite Hessian. */
    default void onWarning(Warning warning) {
    }

    /**
     * The run ended. {@code step} is the step its message names (the update that diverged, the step at which the loss
     * converged, the θ whose Hessian is singular): the one number every view shows for this event.
     */
    default void onEnd(RunStatus status, long step, String message) {
    }

    RunListener NONE = new RunListener() {
    };
}

package org.optlab.lab;

/**
 * A batch of runs of one browser tab that trains on the shared {@link TrainingExecutor} as one experiment: a
 * learning-rate sweep or an (ε, α) map ({@link LiveSweep}) or a run of k seeds (a {@link LiveSweep} of {@link org.optlab.experiment.Seeds}). It takes one place among the
 * experiments training at once (or waits in line for it, {@link #positionInLine()}), trains in slices that take turns
 * with every other owner's, and can be cancelled between two slices. What a slice does is the subclass's
 * ({@link #slice(long, long)}); the admission, the line and the slices are {@link SlicedJob}'s, the cancel is here.
 *
 * <p>States go READY → (WAITING →) RUNNING → FINISHED, or to CANCELLED from any but the last two. The place is released
 * exactly when the job finishes or is cancelled. All access to the job's runs happens under this object's lock, held for
 * at most one slice.
 */
public abstract class AdmittedJob extends SlicedJob<AdmittedJob.State> implements AutoCloseable {

    /** What the job's view shows. */
    public enum State {
        READY,
        /** Started, waiting in line for a place among the experiments training at once. */
        WAITING,
        RUNNING,
        /** Every run has ended. */
        FINISHED,
        CANCELLED
    }

    protected AdmittedJob(TrainingExecutor executor, String owner) {
        super(executor, owner, State.READY, State.WAITING, State.RUNNING, State.FINISHED);
    }

    /** Whether it holds or waits for a place, i.e. counts as one of its owner's running experiments. */
    public boolean active() {
        State s = state();
        return s == State.RUNNING || s == State.WAITING;
    }

    /** Trains now if the server has a place for it, else waits in line. */
    public synchronized void start() {
        if (state() == State.READY) {
            admit();
        }
    }

    /** Stops the job: the run in progress is dropped ({@link #stopCurrent()}), the finished ones stay. */
    public synchronized void cancel() {
        if (state() == State.FINISHED || state() == State.CANCELLED) {
            return;
        }
        stopCurrent();
        leave(State.CANCELLED);
    }

    @Override
    public void close() {
        cancel();
        closed();
    }

    @Override
    protected final boolean slice(long sliceNanos) {
        return slice(System.nanoTime() + sliceNanos, sliceNanos);
    }

    /**
     * One slice's work, under the lock: advance the runs until {@code deadline} (System.nanoTime) has passed.
     *
     * @param sliceNanos the slice's length, for the subclass's chunk sizes
     * @return false when every run has ended (the job is then finished), true when there is more to do
     */
    protected abstract boolean slice(long deadline, long sliceNanos);

    /** Asks the run in progress to stop and forgets it (under the lock). */
    protected abstract void stopCurrent();

    /** Told once the job is closed (its tab went away), after it was cancelled. */
    protected abstract void closed();
}

package org.optlab.lab;

/**
 * A batch of runs of one browser tab that trains on the shared {@link TrainingExecutor} as one experiment: a
 * learning-rate sweep or an (ε, α) map ({@link LiveSweep}) or a run of k seeds (a {@link LiveSweep} of {@link org.optlab.experiment.Seeds}). It takes one place among the
 * experiments training at once (or waits in line for it, {@link #positionInLine()}), trains in slices that take turns
 * with every other owner's, and can be cancelled between two slices. What a slice does is the subclass's
 * ({@link #slice}); the admission, the line, the slices and the cancel are here, written once.
 *
 * <p>States go READY → (WAITING →) RUNNING → FINISHED, or to CANCELLED from any but the last two. The place is released
 * exactly when the job finishes or is cancelled. All access to the job's runs happens under this object's lock, held for
 * at most one slice.
 *
 * <p>{@link LiveExperiment} keeps its own admission: it also pauses (giving back its place) and resumes (asking again),
 * steps one update at a time, resets, and paces its slices to a speed limit with delayed turns, states and timings a
 * batch of runs does not have.
 */
public abstract class AdmittedJob implements TrainingExecutor.Job, AutoCloseable {

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

    protected final TrainingExecutor executor;
    private final String owner;
    private volatile State state = State.READY;
    private boolean pumping;
    private volatile long slices;

    protected AdmittedJob(TrainingExecutor executor, String owner) {
        this.executor = executor;
        this.owner = owner;
    }

    public State state() {
        return state;
    }

    /** Whether it holds or waits for a place, i.e. counts as one of its owner's running experiments. */
    public boolean active() {
        State s = state;
        return s == State.RUNNING || s == State.WAITING;
    }

    String owner() {
        return owner;
    }

    /** Slices trained so far. */
    long slices() {
        return slices;
    }

    /** Trains now if the server has a place for it, else waits in line. */
    public synchronized void start() {
        if (state != State.READY) {
            return;
        }
        if (executor.admit(this)) {
            state = State.RUNNING;
            schedule();
        } else {
            state = State.WAITING;
        }
    }

    @Override
    public void admitted() {
        synchronized (this) {
            if (state == State.WAITING) {
                if (executor.isTraining(this)) {
                    state = State.RUNNING;
                    schedule();
                }
                return;
            }
            if (state == State.RUNNING) {
                return;
            }
        }
        // cancelled while waiting: the place it was just given goes to the next in line
        executor.release(this);
    }

    /** 1 for the first in line while waiting, else 0. */
    public int positionInLine() {
        return state == State.WAITING ? executor.positionInLine(this) : 0;
    }

    /** Stops the job: the run in progress is dropped ({@link #stopCurrent()}), the finished ones stay. */
    public synchronized void cancel() {
        if (state == State.FINISHED || state == State.CANCELLED) {
            return;
        }
        stopCurrent();
        state = State.CANCELLED;
        executor.release(this);
    }

    @Override
    public void close() {
        cancel();
        closed();
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

    /** Must hold the lock. */
    private void schedule() {
        if (pumping) {
            return;
        }
        pumping = true;
        executor.submit(owner, this::pump);
    }

    /** One slice, then the next turn in the executor's round-robin. */
    private void pump() {
        synchronized (this) {
            if (state != State.RUNNING) {
                pumping = false;
                return;
            }
            slices++;
            long slice = executor.properties().sliceNanos();
            if (!slice(System.nanoTime() + slice, slice)) {
                state = State.FINISHED;
                pumping = false;
                executor.release(this);
                return;
            }
        }
        executor.submit(owner, this::pump);
    }
}

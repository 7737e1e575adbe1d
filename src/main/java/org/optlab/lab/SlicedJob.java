package org.optlab.lab;

/**
 * What trains on the shared {@link TrainingExecutor} as one experiment, written once for a tab's
 * {@link LiveExperiment} and for a batch of runs ({@link AdmittedJob}): it asks for one place among the experiments
 * training at once (or waits in line for it, {@link #positionInLine()}), trains in slices that take turns with every
 * other owner's, and gives its place back when it ends or is stopped. What a slice does, and which other states a job
 * has (paused, stopped, cancelled), is the subclass's.
 *
 * <p>The job's state is one of its own enum {@code S}; this class moves it to the constants it is given for waiting in
 * line, running and finished. All access to the state and to the job's runs happens under this object's lock, held for
 * at most one slice.
 *
 * @param <S> the job's states, as its view shows them
 */
public abstract class SlicedJob<S extends Enum<S>> implements TrainingExecutor.Job {

    private final TrainingExecutor executor;
    private final String owner;
    private final S waiting;
    private final S running;
    private final S finished;
    private volatile S state;
    private boolean pumping;
    /** Slices trained so far (for the executor's fairness tests). */
    private volatile long slices;

    /**
     * @param ready    the state of a job built and not started
     * @param waiting  started, waiting in line for a place
     * @param running  holding a place and training
     * @param finished every run has ended
     */
    protected SlicedJob(TrainingExecutor executor, String owner, S ready, S waiting, S running, S finished) {
        this.executor = executor;
        this.owner = owner;
        this.state = ready;
        this.waiting = waiting;
        this.running = running;
        this.finished = finished;
    }

    public S state() {
        return state;
    }

    /** Sets a state of the subclass's own (paused, ready again after a reset...); must hold the lock. */
    protected final void setState(S state) {
        this.state = state;
    }

    /** The owner token of the browser that runs it: the executor takes turns across owners. */
    String owner() {
        return owner;
    }

    /** Slices trained so far. */
    long slices() {
        return slices;
    }

    /** Must hold the lock: trains now if the server has a place for it, else waits in line. */
    protected final void admit() {
        if (executor.admit(this)) {
            state = running;
            schedule();
        } else {
            state = waiting;
        }
    }

    /**
     * Its turn has come (called by the executor on a worker). If it was paused, stopped or cancelled meanwhile it gives
     * the place back to the next in line; if it was paused and started again meanwhile, that new start has taken (or is
     * waiting for) a place of its own.
     */
    @Override
    public final void admitted() {
        synchronized (this) {
            if (state == waiting) {
                if (executor.isTraining(this)) {
                    state = running;
                    schedule();
                }
                return;
            }
            if (state == running) {
                return;
            }
        }
        executor.release(this);
    }

    /** 1 for the first in line while waiting, else 0. */
    public int positionInLine() {
        return state == waiting ? executor.positionInLine(this) : 0;
    }

    /** Must hold the lock: moves to {@code state} and gives the place back (or leaves the line). */
    protected final void leave(S state) {
        this.state = state;
        executor.release(this);
    }

    /**
     * One slice's work, under the lock.
     *
     * @param sliceNanos the slice's length ({@code optlab.slice-millis})
     * @return false when every run has ended (the job is then finished), true when there is more to do
     */
    protected abstract boolean slice(long sliceNanos);

    /** Told under the lock before the first slice of a stretch of running (a speed limit starts counting here). */
    protected void scheduled() {
    }

    /** Milliseconds before the job's next turn after a slice: 0 to take it as soon as the round-robin comes back. */
    protected long pauseMillis() {
        return 0;
    }

    /** Must hold the lock. */
    private void schedule() {
        if (pumping) {
            return;
        }
        pumping = true;
        scheduled();
        executor.submit(owner, this::pump);
    }

    /** One slice, then the next turn in the executor's round-robin. */
    private void pump() {
        long pause;
        synchronized (this) {
            if (state != running) {
                pumping = false;
                return;
            }
            slices++;
            if (!slice(executor.properties().sliceNanos())) {
                pumping = false;
                leave(finished);
                return;
            }
            pause = pauseMillis();
        }
        if (pause > 0) {
            executor.submit(owner, this::pump, pause);
        } else {
            executor.submit(owner, this::pump);
        }
    }
}

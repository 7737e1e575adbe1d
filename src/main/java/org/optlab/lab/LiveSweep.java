package org.optlab.lab;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.optlab.experiment.GridRuns;

/**
 * A grid of runs of one browser tab (a learning-rate sweep's points, {@link org.optlab.experiment.Sweep}, or an (ε, α)
 * map's cells, {@link org.optlab.experiment.SweepMap}), trained on the shared {@link TrainingExecutor} like a live experiment: it
 * takes one place among the experiments training at once (or waits in line for it), and trains in slices that take
 * turns with every other owner's, so a sweep of hundreds of runs does not block anyone else. Within a slice it runs the
 * grid's points one after another in the grid's order ({@link GridRuns#point}); each point that ends is kept and handed to the tab by {@link #drain()}, so the grid fills in as the points finish.
 * {@link #cancel()} takes effect between two slices.
 *
 * <p>All access to the sweep and its current run happens under this object's lock, held for at most one slice.
 */
public final class LiveSweep<R> implements TrainingExecutor.Job, AutoCloseable {

    /** What the sweep view shows. */
    public enum State {
        READY,
        /** Started, waiting in line for a place among the experiments training at once. */
        WAITING,
        RUNNING,
        /** Every point has run. */
        FINISHED,
        CANCELLED
    }

    private static final long MAX_CHUNK = 1 << 20;

    private final GridRuns<R> sweep;
    private final TrainingExecutor executor;
    private final String owner;
    private final Consumer<LiveSweep<?>> onClose;
    private final Object[] points;
    /** Points finished since the last drain (guarded by itself). */
    private final List<R> fresh = new ArrayList<>();
    private volatile State state = State.READY;
    private volatile int done;
    private boolean pumping;
    private int next;
    private GridRuns.Run<R> current;
    private long chunk = 64;
    private volatile long slices;

    public LiveSweep(GridRuns<R> sweep, TrainingExecutor executor, String owner, Consumer<LiveSweep<?>> onClose) {
        this.sweep = sweep;
        this.executor = executor;
        this.owner = owner;
        this.onClose = onClose;
        this.points = new Object[sweep.size()];
    }

    /** The grid this job runs. */
    public GridRuns<R> sweep() {
        return sweep;
    }

    public State state() {
        return state;
    }

    /** Points finished so far. */
    public int done() {
        return done;
    }

    /** Points in the sweep. */
    public int size() {
        return points.length;
    }

    String owner() {
        return owner;
    }

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
        executor.release(this);
    }

    /** 1 for the first in line while waiting, else 0. */
    public int positionInLine() {
        return state == State.WAITING ? executor.positionInLine(this) : 0;
    }

    /** Stops the sweep: the point in progress is dropped, the finished ones stay. */
    public synchronized void cancel() {
        if (state == State.FINISHED || state == State.CANCELLED) {
            return;
        }
        if (current != null) {
            current.requestStop();
            current = null;
        }
        state = State.CANCELLED;
        executor.release(this);
    }

    @Override
    public void close() {
        cancel();
        onClose.accept(this);
    }

    /** The points finished since the last call, in the order they finished. */
    public List<R> drain() {
        synchronized (fresh) {
            List<R> taken = new ArrayList<>(fresh);
            fresh.clear();
            return taken;
        }
    }

    /** Every point so far, in the sweep's order (null where a point has not finished). */
    @SuppressWarnings("unchecked")
    public synchronized List<R> points() {
        List<R> all = new ArrayList<>(points.length);
        for (Object p : points) {
            all.add((R) p);
        }
        return all;
    }

    /** Must hold the lock. */
    private void schedule() {
        if (pumping) {
            return;
        }
        pumping = true;
        executor.submit(owner, this::pump);
    }

    /** One slice: points advance one after another until the slice's time is spent. */
    private void pump() {
        synchronized (this) {
            if (state != State.RUNNING) {
                pumping = false;
                return;
            }
            slices++;
            long slice = executor.properties().sliceNanos();
            long deadline = System.nanoTime() + slice;
            do {
                if (current == null) {
                    if (next == points.length) {
                        state = State.FINISHED;
                        pumping = false;
                        executor.release(this);
                        return;
                    }
                    current = sweep.point(next);
                }
                long start = System.nanoTime();
                boolean ended = current.advance(chunk);
                long took = Math.max(1, System.nanoTime() - start);
                // one advance takes about half a slice: the slice ends close to its time
                chunk = Math.max(1, Math.min(MAX_CHUNK, (long) (chunk * (slice / 2.0) / took)));
                if (ended) {
                    R p = current.result();
                    points[next] = p;
                    synchronized (fresh) {
                        fresh.add(p);
                    }
                    next++;
                    done = next;
                    current = null;
                }
            } while (System.nanoTime() < deadline);
        }
        executor.submit(owner, this::pump);
    }
}

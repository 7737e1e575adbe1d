package org.optlab.lab;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.optlab.experiment.GridRuns;

/**
 * A grid of runs of one browser tab (a learning-rate sweep's points, {@link org.optlab.experiment.Sweep}, or an (ε, α)
 * map's cells, {@link org.optlab.experiment.SweepMap}), trained on the shared {@link TrainingExecutor} like a live
 * experiment: it takes one place among the experiments training at once (or waits in line for it), and trains in slices
 * that take turns with every other owner's, so a sweep of hundreds of runs does not block anyone else. Within a slice it
 * runs the grid's points one after another in the grid's order ({@link GridRuns#point}); each point that ends is kept
 * and handed to the tab by {@link #drain()}, so the grid fills in as the points finish. {@link #cancel()} takes effect
 * between two slices. The admission, the line and the slices are {@link AdmittedJob}'s.
 *
 * <p>All access to the sweep and its current run happens under this object's lock, held for at most one slice.
 */
public final class LiveSweep<R> extends AdmittedJob {

    private static final long MAX_CHUNK = 1 << 20;

    private final GridRuns<R> sweep;
    private final Consumer<LiveSweep<?>> onClose;
    private final Object[] points;
    /** Points finished since the last drain (guarded by itself). */
    private final List<R> fresh = new ArrayList<>();
    private volatile int done;
    private int next;
    private GridRuns.Run<R> current;
    private long chunk = 64;

    public LiveSweep(GridRuns<R> sweep, TrainingExecutor executor, String owner, Consumer<LiveSweep<?>> onClose) {
        super(executor, owner);
        this.sweep = sweep;
        this.onClose = onClose;
        this.points = new Object[sweep.size()];
    }

    /** The grid this job runs. */
    public GridRuns<R> sweep() {
        return sweep;
    }

    /** Points finished so far. */
    public int done() {
        return done;
    }

    /** Points in the sweep. */
    public int size() {
        return points.length;
    }

    @Override
    protected void stopCurrent() {
        if (current != null) {
            current.requestStop();
            current = null;
        }
    }

    @Override
    protected void closed() {
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

    /** One slice: points advance one after another until the slice's time is spent. */
    @Override
    protected boolean slice(long deadline, long slice) {
        do {
            if (current == null) {
                if (next == points.length) {
                    return false;
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
        return true;
    }
}

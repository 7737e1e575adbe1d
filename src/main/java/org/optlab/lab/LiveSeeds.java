package org.optlab.lab;

import java.util.List;
import java.util.function.Consumer;
import org.optlab.experiment.SeedBand;
import org.optlab.experiment.SeedCurve;
import org.optlab.experiment.Seeds;

/**
 * A run of k seeds of one browser tab's experiment, trained on the shared {@link TrainingExecutor} as one experiment
 * ({@link AdmittedJob}: one place, the waiting line, slices that take turns with every other owner's, cancel between two
 * slices). Within a slice it runs the seeds' runs one after another ({@link Seeds#run}: seed-major, every optimizer with
 * the first seed first); each run that ends is kept, so the bands ({@link #bands()}) widen as the seeds finish.
 *
 * <p>All access to the seeds' runs happens under this object's lock, held for at most one slice.
 */
public final class LiveSeeds extends AdmittedJob {

    private static final long MAX_CHUNK = 1 << 20;

    private final Seeds seeds;
    private final Consumer<LiveSeeds> onClose;
    private final SeedCurve[] curves;
    private volatile int done;
    private int next;
    private Seeds.Run current;
    private long chunk = 64;

    public LiveSeeds(Seeds seeds, TrainingExecutor executor, String owner, Consumer<LiveSeeds> onClose) {
        super(executor, owner);
        this.seeds = seeds;
        this.onClose = onClose;
        this.curves = new SeedCurve[seeds.size()];
    }

    public Seeds seeds() {
        return seeds;
    }

    /** Runs finished so far. */
    public int done() {
        return done;
    }

    /** Runs in all: seeds × optimizers. */
    public int size() {
        return curves.length;
    }

    /** Every run so far, seed-major (null where a run has not finished). */
    public synchronized SeedCurve[] curves() {
        return curves.clone();
    }

    /** Each optimizer's band over the runs finished so far, in document order. */
    public List<SeedBand> bands() {
        return seeds.bands(curves());
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

    /** One slice: runs advance one after another until the slice's time is spent. */
    @Override
    protected boolean slice(long deadline, long slice) {
        do {
            if (current == null) {
                if (next == curves.length) {
                    return false;
                }
                current = seeds.run(next);
            }
            long start = System.nanoTime();
            boolean ended = current.advance(chunk);
            long took = Math.max(1, System.nanoTime() - start);
            // one advance takes about half a slice: the slice ends close to its time
            chunk = Math.max(1, Math.min(MAX_CHUNK, (long) (chunk * (slice / 2.0) / took)));
            if (ended) {
                curves[next] = current.result();
                next++;
                done = next;
                current = null;
            }
        } while (System.nanoTime() < deadline);
        return true;
    }
}

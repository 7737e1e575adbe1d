package org.optlab.lab;

import java.util.ArrayList;
import java.util.List;

/**
 * The optimizer's state along one run, as the inside panel draws it, in bounded memory and bounded cost: every record is
 * sampled until {@link #CAPACITY} samples are held; then every other sample is dropped and from there only every second
 * record is sampled, and so on. A run of any length keeps at most {@code CAPACITY} samples, spread evenly over its steps,
 * and takes about {@code CAPACITY · log₂(records / CAPACITY)} snapshots in all.
 *
 * <p>Written by the training thread, read by the push thread: every method holds this object's lock briefly.
 */
public final class InsideHistory {

    /** The most samples held. */
    public static final int CAPACITY = 2048;

    private final List<Inside.Sample> samples = new ArrayList<>();
    /** Sample one record in {@code stride}. */
    private long stride = 1;
    private long records;
    /** Incremented when samples are dropped: a reader then takes the whole history again. */
    private int generation;

    /** Whether the next record is sampled (the caller then takes the snapshot and {@link #add}s it). */
    synchronized boolean wants() {
        return records++ % stride == 0;
    }

    synchronized void add(Inside.Sample s) {
        if (!samples.isEmpty() && samples.get(samples.size() - 1).step() == s.step()) {
            samples.set(samples.size() - 1, s); // the end of a run records its last step again
            return;
        }
        if (samples.size() == CAPACITY) {
            List<Inside.Sample> kept = new ArrayList<>(CAPACITY);
            for (int i = 0; i < samples.size(); i += 2) {
                kept.add(samples.get(i));
            }
            samples.clear();
            samples.addAll(kept);
            stride *= 2;
            generation++;
        }
        samples.add(s);
    }

    synchronized void clear() {
        samples.clear();
        stride = 1;
        records = 0;
        generation++;
    }

    /**
     * What a reader who has seen {@code seen} samples of generation {@code generation} has not: the new samples, or
     * all of them ({@link Read#all()}) when samples were dropped since or the reader has seen nothing.
     */
    public synchronized Read read(int generation, int seen) {
        if (generation != this.generation || seen > samples.size() || seen == 0) {
            return new Read(this.generation, samples.size(), true, List.copyOf(samples));
        }
        return new Read(this.generation, samples.size(), false, List.copyOf(samples.subList(seen, samples.size())));
    }

    /** Samples held now. */
    public synchronized int size() {
        return samples.size();
    }

    /**
     * @param generation the history's generation now
     * @param seen       samples the reader has seen after this read
     * @param all        the samples are the whole history (replace what is drawn), not an addition to it
     */
    public record Read(int generation, int seen, boolean all, List<Inside.Sample> samples) {
    }
}

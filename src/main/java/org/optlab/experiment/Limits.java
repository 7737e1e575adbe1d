package org.optlab.experiment;

/** The limits a document must keep (documented in the README). */
public final class Limits {

    /** Updates per optimizer run. */
    public static final long MAX_STEPS = 10_000_000;
    /** Recorded points per run: steps / recordEvery may not exceed this. */
    public static final long MAX_RECORDED_POINTS = 200_000;
    /** Optimizers per experiment. */
    public static final int MAX_OPTIMIZERS = 16;
    /** Parameters a model may have in any document; a server may set a lower limit (optlab.max-parameters). */
    public static final long MAX_PARAMETERS = 1_000_000;
    /** Learning rates ε on a sweep's grid. */
    public static final int MAX_SWEEP_POINTS = 101;
    /** Seeds of a seeds section (runs of the whole experiment, one per seed). */
    public static final int MAX_SEEDS = 20;
    /** Cells along either side of an (ε, α) map. */
    public static final int MAX_MAP_SIDE = 60;
    /**
     * A tab's draft keeps each run's results thinned to this many M4 runs per curve (at most four points each: 256 on
     * the loss and on every metric) ...
     */
    public static final int DRAFT_CURVE_BUCKETS = 64;
    /** ... and at most this many points of a 2-D path, whatever the steps: a draft's size does not grow with a run. */
    public static final int DRAFT_PATH_POINTS = 256;
    /** Characters in a name or label. */
    public static final int MAX_NAME_LENGTH = 200;

    private Limits() {
    }
}

package org.optlab.lab;

import java.util.Locale;
import org.optlab.engine.Decimation;
import org.optlab.experiment.ExperimentPlan;

/**
 * What a live experiment may hold in the server's heap while it trains, estimated before it starts from its plan, in
 * bytes, per part. An upper estimate, not a measurement: each part is the most its structures can hold.
 *
 * <ul>
 * <li>history: per run, the points recorded and not yet pushed (the steps over recordEvery, and {@value #PENDING_POINTS}
 *     at most, in a buffer that grows by doubling: step, loss, time, each metric and on a 2-D function θ; twice, as a
 *     push copies them out), the points its charts keep on the server (each live series its share of
 *     {@link Decimation#CHART_POINTS}, at most half as much again as {@link Decimation} keeps), one push of them
 *     as JSON text (its share of {@link LiveRun#PUSH_POINTS_ALL_RUNS}), the trainer's own record of the run (at most
 *     {@link org.optlab.engine.Trainer#HISTORY_MAX} records, in arrays that grow by doubling), and the inside view's
 *     samples ({@value #INSIDE_SAMPLES});</li>
 * <li>model: per run, θ and the gradient, the optimizer's state (v, r, s, θ̃: at most four more vectors) and two work
 *     vectors, 8 × p doubles; for Newton's methods the Hessian, its factorisation and a copy, 3 × p² doubles;</li>
 * <li>data: the dataset's values and the split's copies of them (features and target, twice);</li>
 * <li>buffers: per run, a minibatch's rows and each layer's activations and deltas for m examples.</li>
 * </ul>
 *
 * <p>{@code kept}: what the experiment still holds once it has ended while its tab stays open: the trainer's record,
 * the charts' series on the server and the inside view's samples (the pending points are pushed, the buffers freed).
 */
public record MemoryEstimate(long history, long model, long data, long buffers, long kept) {

    static final int PENDING_POINTS = LiveRun.MAX_PENDING;
    static final int INSIDE_SAMPLES = 2_048;

    public long total() {
        return history + model + data + buffers;
    }

    /** The estimate of an experiment's plan. */
    public static MemoryEstimate of(ExperimentPlan plan) {
        long history = 0;
        long model = 0;
        long buffers = 0;
        long data = 0;
        boolean dataset = plan.isDataset();
        int p = plan.start().length;
        int metrics = dataset ? 4 : 0;
        // a pending point: step, loss, time, each metric and the path's reference, and on a function θ as a double[2]
        // (16 bytes of header); held twice while a push copies it out
        long perPoint = 2 * (8L * (4 + metrics) + (dataset ? 0 : 32));
        long units = 0;
        if (dataset) {
            int d = plan.dataset().features();
            int k = Math.max(1, plan.dataset().classes());
            units = d + k;
            var spec = ((org.optlab.experiment.ExperimentDocument.ProblemSpec.DatasetSpec) plan.document().problem())
                    .model();
            int[] hidden = spec == null ? null : spec.hidden();
            if (hidden != null) {
                for (int h : hidden) {
                    units += h;
                }
            }
            data = 2L * 8 * plan.dataset().size() * (d + 1);
        }
        long kept = 0;
        long recorded = Math.min(PENDING_POINTS, plan.document().steps() / Math.max(1, plan.recordEvery()) + 1);
        // the pending buffer and the trainer's record grow by doubling: their arrays hold the next power of two
        long buffered = capacity(recorded);
        long records = capacity(Math.min(recorded, org.optlab.engine.Trainer.HISTORY_MAX));
        // what the charts keep on the server for each run, 56 bytes a point ([x, y, step, seconds or loss] and its
        // reference): a path its share of the chart's points, at most half as much again as the rule keeps, and each
        // curve its M4 limit; and one push of its share of the points as JSON text, in the several copies it takes on
        // its way to the browser (about 400 bytes a point, both charts)
        int runs = Math.max(1, plan.size());
        long share = Decimation.CHART_POINTS / runs;
        long pathPoints = dataset ? 0 : 3 * Math.min(Decimation.PATH_MAX, share) / 2 + 1;
        long curvePoints = (1 + metrics) * Math.min(Decimation.CURVE_MAX, share);
        long charted = Math.min(recorded, pathPoints) + Math.min(recorded, curvePoints);
        long pushed = Math.min(recorded, Math.min(LiveRun.PUSH_POINTS, LiveRun.PUSH_POINTS_ALL_RUNS / runs));
        for (int i = 0; i < plan.size(); i++) {
            // the trainer's own record of the run (for its results): step, loss, each metric and on a function θ
            long record = records * (8L * (2 + metrics) + (dataset ? 0 : 16));
            long inside = (long) INSIDE_SAMPLES * 8 * Math.min(16, Math.max(4, p));
            history += record + buffered * perPoint + charted * 56 + pushed * 400 * (dataset ? 1 : 2) + inside;
            kept += record + charted * 56 + inside;
            model += 8L * 8 * p;
            if (plan.algorithm(i).secondOrder()) {
                model += 3L * 8 * p * p;
            }
            if (dataset) {
                buffers += 8L * 3 * plan.batchSize(i) * units;
            }
        }
        return new MemoryEstimate(history, model, data, buffers, kept + model + data);
    }

    /** "about 21 MB (run history 20 MB, models 0.1 MB, data 0.3 MB, minibatch buffers 0.2 MB)". */
    public String words() {
        return String.format(Locale.ROOT, "about %s (run history %s, models %s, data %s, minibatch buffers %s)",
                mb(total()), mb(history), mb(model), mb(data), mb(buffers));
    }

    /** The length a doubling array (from 64) has when it holds n records. */
    static long capacity(long n) {
        long c = 64;
        while (c < n) {
            c *= 2;
        }
        return c;
    }

    static String mb(long bytes) {
        double m = bytes / 1024.0 / 1024.0;
        return m >= 10 ? String.format(Locale.ROOT, "%,.0f MB", m) : String.format(Locale.ROOT, "%.1f MB", m);
    }
}

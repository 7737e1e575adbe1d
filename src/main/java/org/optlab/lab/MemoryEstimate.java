package org.optlab.lab;

import java.util.Locale;
import org.optlab.experiment.ExperimentPlan;

/**
 * What a live experiment may hold in the server's heap while it trains, estimated before it starts from its plan, in
 * bytes, per part. An upper estimate, not a measurement: each part is the most its structures can hold.
 *
 * <ul>
 * <li>history: per run, the points recorded and not yet pushed (the steps over recordEvery, and {@value #PENDING_POINTS}
 *     at most: step, loss, time,
 *     each metric and on a 2-D function θ), the points its charts keep (decimated to a bounded number,
 *     {@value #CHART_POINTS} per series) and the inside view's samples ({@value #INSIDE_SAMPLES});</li>
 * <li>model: per run, θ and the gradient, the optimizer's state (v, r, s, θ̃: at most four more vectors) and two work
 *     vectors, 8 × p doubles; for Newton's methods the Hessian, its factorisation and a copy, 3 × p² doubles;</li>
 * <li>data: the dataset's values and the split's copies of them (features and target, twice);</li>
 * <li>buffers: per run, a minibatch's rows and each layer's activations and deltas for m examples.</li>
 * </ul>
 */
public record MemoryEstimate(long history, long model, long data, long buffers) {

    static final int PENDING_POINTS = 50_000;
    static final int CHART_POINTS = 4_096;
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
        long perPoint = 8L * (3 + metrics + (dataset ? 0 : 2)) + (dataset ? 0 : 16);
        long units = 0;
        if (dataset) {
            int d = plan.dataset().features();
            int k = Math.max(1, plan.dataset().classes());
            units = d + k;
            int[] hidden = plan.document().problem().model() == null ? null : plan.document().problem().model().hidden();
            if (hidden != null) {
                for (int h : hidden) {
                    units += h;
                }
            }
            data = 2L * 8 * plan.dataset().size() * (d + 1);
        }
        long recorded = Math.min(PENDING_POINTS, plan.document().steps() / Math.max(1, plan.recordEvery()) + 1);
        for (int i = 0; i < plan.size(); i++) {
            history += recorded * perPoint + (long) CHART_POINTS * (2 + metrics) * 24
                    + (long) INSIDE_SAMPLES * 8 * Math.min(16, Math.max(4, p));
            model += 8L * 8 * p;
            if (plan.algorithm(i).secondOrder()) {
                model += 3L * 8 * p * p;
            }
            if (dataset) {
                buffers += 8L * 3 * plan.batchSize(i) * units;
            }
        }
        return new MemoryEstimate(history, model, data, buffers);
    }

    /** "about 21 MB (run history 20 MB, models 0.1 MB, data 0.3 MB, minibatch buffers 0.2 MB)". */
    public String words() {
        return String.format(Locale.ROOT, "about %s (run history %s, models %s, data %s, minibatch buffers %s)",
                mb(total()), mb(history), mb(model), mb(data), mb(buffers));
    }

    static String mb(long bytes) {
        double m = bytes / 1024.0 / 1024.0;
        return m >= 10 ? String.format(Locale.ROOT, "%,.0f MB", m) : String.format(Locale.ROOT, "%.1f MB", m);
    }
}

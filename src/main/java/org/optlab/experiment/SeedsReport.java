package org.optlab.experiment;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.optlab.engine.RunStatus;

/**
 * What the headless runner writes for a document with a {@code seeds} section: the document, the seeds, and for each
 * optimizer how each seed's run ended, the final loss over the seeds and its band ({@link SeedBand}: at each recorded
 * step the number of seeds still recording, mean, min, max and, from ten seeds, the 10 %/90 % quantiles). Numbers that
 * are not finite (a quantile where fewer than ten seeds record, a run without a finite record) are written as null. It
 * prints a summary too: each optimizer's final loss as mean ± sd over the seeds that did not diverge, its smallest and
 * largest, and how many seeds diverged.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"kind", "schemaVersion", "seeds", "optimizers", "document"})
public record SeedsReport(String kind, int schemaVersion, long[] seeds, List<Optimizer> optimizers,
                          ExperimentDocument document) {

    /** One optimizer over the seeds: each seed's end, the final loss's statistics and the band. */
    @JsonPropertyOrder({"label", "algorithm", "finalLoss", "runs", "band"})
    public record Optimizer(String label, String algorithm, FinalLoss finalLoss, List<Run> runs, Band band) {
    }

    /**
     * The final loss over the {@code seeds} runs that did not diverge (and had a finite record): mean, sample standard
     * deviation (n − 1; null for one seed), min and max; {@code diverged} counts the others.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"seeds", "diverged", "mean", "sd", "min", "max"})
    public record FinalLoss(int seeds, int diverged, Double mean, Double sd, Double min, Double max) {
    }

    /** How one seed's run ended: its seed, status, last recorded step, the loss there and, unless completed, why. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"seed", "status", "steps", "finalLoss", "message"})
    public record Run(long seed, String status, long steps, Double finalLoss, String message) {
    }

    /** The band as arrays over the recorded steps (q10 and q90 only from ten seeds). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"steps", "seeds", "mean", "min", "max", "q10", "q90"})
    public record Band(long[] steps, int[] seeds, Double[] mean, Double[] min, Double[] max, Double[] q10, Double[] q90) {
    }

    /** The report of a finished seeds experiment ({@code curves} as {@link Seeds#runAll} returns them). */
    public static SeedsReport of(Seeds seeds, SeedCurve[] curves) {
        List<SeedBand> bands = seeds.bands(curves);
        List<Optimizer> optimizers = new ArrayList<>();
        for (int o = 0; o < seeds.optimizers(); o++) {
            List<Run> runs = new ArrayList<>();
            for (SeedCurve c : curves) {
                if (c.optimizer() == o) {
                    boolean plain = c.status() == RunStatus.COMPLETED || c.status() == RunStatus.CONVERGED;
                    runs.add(new Run(c.seed(), c.status().id(), c.lastStep(), finite(c.finalLoss()),
                            plain ? null : c.message()));
                }
            }
            SeedBand b = bands.get(o);
            optimizers.add(new Optimizer(seeds.label(o), seeds.document().optimizers().get(o).algorithm().id(),
                    finalLoss(o, curves), runs, new Band(b.steps(), b.seeds(), boxed(b.mean()), boxed(b.min()),
                    boxed(b.max()), boxed(b.q10()), boxed(b.q90()))));
        }
        long[] list = new long[seeds.count()];
        for (int i = 0; i < list.length; i++) {
            list[i] = seeds.seed(i);
        }
        return new SeedsReport("seeds", ExperimentDocument.SCHEMA_VERSION, list, optimizers,
                seeds.document().withResults(null));
    }

    /**
     * Optimizer o's final loss over the finished runs given (null entries: not finished): mean, sd, min and max over the
     * seeds that did not diverge and had a finite record, and how many did not.
     */
    public static FinalLoss finalLoss(int o, SeedCurve[] curves) {
        List<Double> finals = new ArrayList<>();
        int diverged = 0;
        for (SeedCurve c : curves) {
            if (c == null || c.optimizer() != o) {
                continue;
            }
            if (c.diverged() || !Double.isFinite(c.finalLoss())) {
                diverged++;
            } else {
                finals.add(c.finalLoss());
            }
        }
        return statistics(finals, diverged);
    }

    static FinalLoss statistics(List<Double> finals, int diverged) {
        int n = finals.size();
        if (n == 0) {
            return new FinalLoss(0, diverged, null, null, null, null);
        }
        double sum = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double f : finals) {
            sum += f;
            min = Math.min(min, f);
            max = Math.max(max, f);
        }
        // seeds that all ended at the same loss (no randomness reaches the run) have that mean and no spread, exactly:
        // a sum of n equal numbers over n can differ from them in the last bit, which would read as a spread
        double mean = min == max ? min : sum / n;
        Double sd = null;
        if (n > 1 && min == max) {
            sd = 0.0;
        } else if (n > 1) {
            double squares = 0;
            for (double f : finals) {
                squares += (f - mean) * (f - mean);
            }
            sd = Math.sqrt(squares / (n - 1));
        }
        return new FinalLoss(n, diverged, mean, sd, min, max);
    }

    private static Double finite(double x) {
        return Double.isFinite(x) ? x : null;
    }

    private static Double[] boxed(double[] xs) {
        if (xs == null) {
            return null;
        }
        Double[] boxed = new Double[xs.length];
        for (int i = 0; i < xs.length; i++) {
            boxed[i] = finite(xs[i]);
        }
        return boxed;
    }

    /** The report as indented JSON (the document codec's mapper: ids for closed sets, doubles exact). */
    public String json() {
        try {
            return DocumentCodec.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The seeds in a few lines, aligned like the run's summary: per optimizer the final loss as mean ± sd over the seeds
     * that did not diverge, its min and max, and how many seeds diverged ("-" where there is no number).
     */
    public List<String> summary() {
        String[] header = {"optimizer", "final loss mean", "± sd", "min", "max", "diverged"};
        List<String[]> rows = new ArrayList<>();
        rows.add(header);
        for (Optimizer o : optimizers) {
            FinalLoss f = o.finalLoss();
            rows.add(new String[] {o.label(), text(f.mean()), f.sd() == null ? "-" : "± " + HeadlessRunner.loss(f.sd()),
                text(f.min()), text(f.max()), f.diverged() + " of " + (f.seeds() + f.diverged())});
        }
        int[] width = new int[header.length];
        for (String[] row : rows) {
            for (int c = 0; c < row.length; c++) {
                width[c] = Math.max(width[c], row[c].length());
            }
        }
        List<String> lines = new ArrayList<>();
        lines.add(seeds.length + " seed" + (seeds.length == 1 ? "" : "s") + " (" + (seeds.length == 1 ? "seed " + seeds[0]
                : "seeds " + seeds[0] + " to " + seeds[seeds.length - 1]) + "), " + document.steps() + " steps each");
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder(row[0] + " ".repeat(width[0] - row[0].length()));
            for (int c = 1; c < row.length; c++) {
                line.append("  ").append(" ".repeat(width[c] - row[c].length())).append(row[c]);
            }
            lines.add(line.toString().stripTrailing());
        }
        return lines;
    }

    private static String text(Double x) {
        return x == null ? "-" : HeadlessRunner.loss(x);
    }
}

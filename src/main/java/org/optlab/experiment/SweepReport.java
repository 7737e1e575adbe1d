package org.optlab.experiment;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * What the headless runner writes for a document with a {@code sweep} section: the document, the grid, and for each swept
 * optimizer one entry per ε with its final loss, its best loss and, for a run that diverged, the step and the engine's
 * reason. Losses that are not numbers (a run without a finite record) are written as null. It prints a summary too:
 * each optimizer's best ε (the smallest final loss among the runs that did not diverge), its final loss there, and the
 * smallest ε at which it diverged.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"kind", "schemaVersion", "parameter", "grid", "optimizers", "notSwept", "document"})
public record SweepReport(String kind, int schemaVersion, String parameter, double[] grid, List<Curve> optimizers,
                          List<String> notSwept, ExperimentDocument document) {

    /** One optimizer's runs, smallest ε first. */
    @JsonPropertyOrder({"label", "algorithm", "points"})
    public record Curve(String label, String algorithm, List<Point> points) {
    }

    /** One run of the sweep. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"learningRate", "status", "finalLoss", "bestLoss", "divergedAtStep", "message"})
    public record Point(double learningRate, String status, Double finalLoss, Double bestLoss, Long divergedAtStep,
                        String message) {
    }

    /** The report of a finished sweep ({@code points} as {@link Sweep#runAll} returns them). */
    public static SweepReport of(Sweep sweep, SweepPoint[] points) {
        List<Curve> curves = new ArrayList<>();
        int[] swept = sweep.swept();
        for (int s = 0; s < swept.length; s++) {
            List<Point> list = new ArrayList<>();
            for (int j = 0; j < sweep.grid().length; j++) {
                SweepPoint p = points[j * swept.length + s];
                boolean plain = p.status() == org.optlab.engine.RunStatus.COMPLETED;
                list.add(new Point(p.learningRate(), p.status().id(), finite(p.finalLoss()), finite(p.bestLoss()),
                        p.diverged() ? p.endStep() : null, plain ? null : p.message()));
            }
            curves.add(new Curve(sweep.label(swept[s]), sweep.document().optimizers().get(swept[s]).algorithm().id(),
                    list));
        }
        List<String> notSwept = new ArrayList<>();
        for (int i : sweep.notSwept()) {
            notSwept.add(sweep.label(i) + " has no learning rate ε");
        }
        return new SweepReport("sweep", ExperimentDocument.SCHEMA_VERSION, SweepSpec.LEARNING_RATE, sweep.grid(), curves,
                notSwept.isEmpty() ? null : notSwept, sweep.document().withResults(null));
    }

    private static Double finite(double x) {
        return Double.isFinite(x) ? x : null;
    }

    /** The report as indented JSON (the document codec's mapper: ids for closed sets, doubles exact). */
    public String json() {
        try {
            return DocumentCodec.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One optimizer's verdict: its best ε among the runs that did not diverge, and the smallest ε that diverged. */
    public record Verdict(String label, Point best, Point firstDiverged, int diverged) {
    }

    public List<Verdict> verdicts() {
        List<Verdict> verdicts = new ArrayList<>();
        for (Curve c : optimizers) {
            Point best = null;
            Point firstDiverged = null;
            int diverged = 0;
            for (Point p : c.points()) {
                if (p.divergedAtStep() != null) {
                    diverged++;
                    if (firstDiverged == null) {
                        firstDiverged = p;
                    }
                } else if (p.finalLoss() != null && (best == null || p.finalLoss() < best.finalLoss())) {
                    best = p;
                }
            }
            verdicts.add(new Verdict(c.label(), best, firstDiverged, diverged));
        }
        return verdicts;
    }

    /**
     * The sweep in a few lines, aligned like the run's summary: per optimizer its best ε, the final loss there, and the
     * smallest ε that diverged with its step ("-" when none did).
     */
    public List<String> summary() {
        String[] header = {"optimizer", "best ε", "final loss", "diverged from ε", "at step"};
        List<String[]> rows = new ArrayList<>();
        rows.add(header);
        for (Verdict v : verdicts()) {
            rows.add(new String[] {v.label(), v.best() == null ? "-" : HeadlessRunner.loss(v.best().learningRate()),
                v.best() == null ? "-" : HeadlessRunner.loss(v.best().finalLoss()),
                v.firstDiverged() == null ? "-" : HeadlessRunner.loss(v.firstDiverged().learningRate()),
                v.firstDiverged() == null ? "-" : Long.toString(v.firstDiverged().divergedAtStep())});
        }
        int[] width = new int[header.length];
        for (String[] row : rows) {
            for (int c = 0; c < row.length; c++) {
                width[c] = Math.max(width[c], row[c].length());
            }
        }
        List<String> lines = new ArrayList<>();
        lines.add("sweep of the learning rate ε: " + grid.length + " values from " + HeadlessRunner.loss(grid[0]) + " to "
                + HeadlessRunner.loss(grid[grid.length - 1]) + ", " + document.steps() + " steps each");
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder(row[0] + " ".repeat(width[0] - row[0].length()));
            for (int c = 1; c < row.length; c++) {
                line.append("  ").append(" ".repeat(width[c] - row[c].length())).append(row[c]);
            }
            lines.add(line.toString().stripTrailing());
        }
        if (notSwept != null) {
            for (String n : notSwept) {
                lines.add("not swept: " + n);
            }
        }
        return lines;
    }
}

package org.optlab.lab;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.optlab.engine.RunStatus;
import org.optlab.experiment.DocumentWriter;
import org.optlab.experiment.ExperimentDocument;
import org.optlab.experiment.ExperimentDocument.OptimizerResult;

/**
 * A tab's draft that came back with its results (after a reload, or on another instance when its server went away), as
 * the lab shows it until the next real edit, Start or Step: each run's card status as of the draft, and a note that
 * says when the draft was kept and where the runs were. The results are the draft's, not a run: nothing trains them on.
 *
 * <p>It also remembers the form's document as the restore left it: a field's event that leaves the experiment as
 * restored (the browser syncing a value it was given) keeps the restored view ({@link #showsForm}).
 */
public final class RestoredDraft {

    /** When a draft was kept, as the note says it: "14:02:11 UTC". */
    private static final DateTimeFormatter KEPT = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    /** A card's status as of the draft: its words, and whether they are bad news (diverged, singular, warned). */
    public record CardStatus(String text, boolean bad) {
    }

    private final String form;
    private final List<CardStatus> cards = new ArrayList<>();
    private final String why;
    private final String note;

    /**
     * @param draft    the draft with its results, one per run of the preview the form now shows
     * @param kept     when the draft was kept
     * @param keptHere whether this server kept it (a reload) or another one (its server went away)
     * @param form     the form's document as the restore left it
     */
    public RestoredDraft(ExperimentDocument draft, Instant kept, boolean keptHere, ExperimentDocument form) {
        this.form = DocumentWriter.write(form);
        this.why = keptHere ? " when the page was reloaded" : " when its server went away";
        long first = Long.MAX_VALUE;
        long last = -1;
        for (OptimizerResult r : draft.results()) {
            RunStatus status = RunStatus.byId(r.status());
            int n = r.steps() == null ? 0 : r.steps().length;
            long step = n == 0 ? 0 : r.steps()[n - 1];
            double lastLoss = n == 0 ? Double.NaN : r.loss()[n - 1];
            double best = Arrays.stream(r.loss() == null ? new double[0] : r.loss()).min().orElse(Double.NaN);
            double rate = r.elapsedMillis() == null || r.elapsedMillis() <= 0 ? Double.NaN
                    : step / (r.elapsedMillis() / 1000);
            String warned = r.warnings() == null || r.warnings().isEmpty() ? ""
                    : LiveRun.warningSummary(r.warnings().get(0).kind(), r.warnings().get(0).step(),
                    r.warnings().get(0).message(), r.warnings().size()
                    + (r.suppressedWarnings() == null ? 0 : r.suppressedWarnings()));
            if (status == null || status == RunStatus.RUNNING) {
                first = Math.min(first, step);
                last = Math.max(last, step);
                cards.add(new CardStatus(RunWords.ended("stopped at step " + step + why, lastLoss, best, rate, step,
                        warned), !warned.isEmpty()));
            } else {
                boolean bad = status == RunStatus.DIVERGED || status == RunStatus.SINGULAR_HESSIAN || !warned.isEmpty();
                cards.add(new CardStatus(RunWords.ended(r.message() == null ? status.id() : r.message(), lastLoss, best,
                        rate, step, warned), bad));
            }
        }
        String from = restoredFrom(kept);
        if (last < 0) {
            note = from + "; it had ended (each card says how). Press Start to run it again.";
        } else {
            note = from + "; it was stopped at " + (first == last ? "step " + last
                    : "steps " + first + " to " + last) + why + ". Press Start to run it again.";
        }
    }

    /** The note for a draft restored without results to show (its settings alone). */
    public static String settingsOnly(Instant kept) {
        return restoredFrom(kept) + " (its settings; press Start to run it).";
    }

    private static String restoredFrom(Instant kept) {
        return "Restored your experiment from " + KEPT.format(kept) + " UTC";
    }

    /** Whether {@code form} is the experiment as the restore left it (compared as the file would write it). */
    public boolean showsForm(ExperimentDocument form) {
        return DocumentWriter.write(form).equals(this.form);
    }

    /** Run i's card status as of the draft. */
    public CardStatus card(int i) {
        return cards.get(i);
    }

    /** Why the runs stopped, as the charts' note says it (" when the page was reloaded"). */
    public String why() {
        return why;
    }

    /** What the note above the form says. */
    public String note() {
        return note;
    }
}

package org.optlab.lab;

import java.util.Locale;

/**
 * What a tab says of a run in the student's words: waiting in line for a place, and how a run ended. Plain text, shown
 * on the optimizer cards, the shared page and the sweep dialogs.
 */
public final class RunWords {

    private RunWords() {
    }

    /** What the run controls say of an experiment in state {@code s}, {@code position} in line while it waits. */
    public static String state(LiveExperiment.State s, int position) {
        return switch (s) {
            case READY -> "ready";
            case WAITING -> waiting(position);
            case RUNNING -> "running";
            case PAUSED -> "paused";
            case FINISHED -> "finished";
            case STOPPED -> "stopped";
        };
    }

    /** What a tab shows while its experiment waits for a place among those training on the server. */
    public static String waiting(int position) {
        return position <= 0 ? "waiting for a worker: next" : "waiting for a worker: number " + position
                + " in line (the server trains a limited number of experiments at once)";
    }

    /**
     * What a card says when its run has ended: how it ended (the engine's message, which names the step), the final and
     * best loss, and the first of its warnings with their count (Newton heading for a saddle point).
     */
    public static String ended(LiveRun run) {
        return ended(run.message(), run.lastLoss(), run.bestLoss(), run.stepsPerSecond(), run.step(),
                run.warningSummary());
    }

    /** A card's words for a run that ended with this message, final and best loss, speed, steps and warnings. */
    public static String ended(String message, double lastLoss, double bestLoss, double rate, long steps, String warned) {
        StringBuilder t = new StringBuilder(message);
        if (!Double.isNaN(lastLoss)) {
            t.append(String.format(Locale.ROOT, " · final loss %.6g · best %.6g", lastLoss, bestLoss));
        }
        if (Double.isFinite(rate) && steps > 0) {
            t.append(String.format(Locale.ROOT, " · %,.0f steps/s", rate));
        }
        if (!warned.isEmpty()) {
            t.append('\n').append(warned);
        }
        return t.toString();
    }
}

package org.optlab.engine;

import java.util.List;

/**
 * What a run produced.
 *
 * @param status            how it ended
 * @param message           why, in words (names the step for divergence and singular Hessians)
 * @param steps             the recorded step numbers, step 0 first
 * @param loss              the loss at those steps
 * @param path              θ at those steps for 2-D problems ([[x, y], ...]); null otherwise
 * @param theta             the last θ the run reached (finite)
 * @param warnings          per-step warnings (at most {@link RunSettings#MAX_WARNINGS})
 * @param suppressedWarnings warnings beyond that limit, counted
 * @param elapsedNanos      the wall time spent in updates alone (recording excluded)
 * @param metricNames       the names of the extra recorded metrics (validation loss, accuracy), possibly none
 * @param metrics           metrics[j] holds metric j at the recorded steps
 * @param stepsPerEpoch     updates per pass over the training set; 0 for problems without data
 */
public record RunResult(RunStatus status, String message, long[] steps, double[] loss, double[][] path, double[] theta,
                        List<Warning> warnings, int suppressedWarnings, long elapsedNanos, String[] metricNames,
                        double[][] metrics, long stepsPerEpoch) {
}

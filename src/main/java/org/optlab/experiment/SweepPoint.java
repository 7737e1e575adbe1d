package org.optlab.experiment;

import org.optlab.engine.RunStatus;

/**
 * One run of a sweep: optimizer {@code optimizer} of the document at the learning rate ε = {@code learningRate}.
 *
 * @param optimizer    the optimizer's index in the document
 * @param gridIndex    the index of ε on the sweep's grid
 * @param learningRate ε
 * @param status       how the run ended, as the engine reports it
 * @param message      why, in the engine's words ("diverged at step 13: ...")
 * @param endStep      the step the end names (for a divergence: the step at which it diverged)
 * @param finalLoss    the loss at the last recorded step (for a divergence, the last finite one); NaN if none
 * @param bestLoss     the smallest recorded loss; NaN if none
 */
public record SweepPoint(int optimizer, int gridIndex, double learningRate, RunStatus status, String message, long endStep,
                         double finalLoss, double bestLoss) {

    public boolean diverged() {
        return status == RunStatus.DIVERGED;
    }
}

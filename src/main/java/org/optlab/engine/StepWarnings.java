package org.optlab.engine;

/** Receives per-step remarks from an optimizer, for example that Newton's Hessian is indefinite at this θ. */
@FunctionalInterface
public interface StepWarnings {

    /** Reports a remark of kind {@code kind} (a short stable id such as {@code indefinite-hessian}) about the current step. */
    void warn(String kind, String message);
}

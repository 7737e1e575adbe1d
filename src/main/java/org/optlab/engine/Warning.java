package org.optlab.engine;

/** A remark about one step of a run, e.g. {@code indefinite-hessian} at step 3. */
public record Warning(long step, String kind, String message) {
}

package org.optlab.engine;

/** How a run ended (or that it has not ended yet). */
public enum RunStatus {
    /** Still making updates. */
    RUNNING("running"),
    /** Made every update of its budget. */
    COMPLETED("completed"),
    /** θ or the loss became non-finite, or a step grew beyond 1e6·(1 + ‖θ‖). */
    DIVERGED("diverged"),
    /** Pure Newton met a singular Hessian and cannot solve H d = g. */
    SINGULAR_HESSIAN("singular-hessian"),
    /** Cancelled by the user. */
    STOPPED("stopped"),
    /** A stop rule was met: the loss fell below its target or ‖g‖ below its tolerance. */
    CONVERGED("converged");

    private final String id;

    RunStatus(String id) {
        this.id = id;
    }

    /** The status with this id, or null for none. */
    public static RunStatus byId(String id) {
        for (RunStatus s : values()) {
            if (s.id.equals(id)) {
                return s;
            }
        }
        return null;
    }

    /** The id used in documents and in the UI, e.g. {@code singular-hessian}. */
    public String id() {
        return id;
    }
}

package org.optlab.experiment;

/**
 * A learning-rate schedule ε_k: constant, linear decay to ε_τ over τ steps (the lecture's), ε₀/(1 + k/τ) and
 * ε₀·0.1^(k/τ).
 */
public enum ScheduleType {
    CONSTANT("constant"),
    LINEAR("linear"),
    INVERSE("inverse"),
    EXPONENTIAL("exponential");

    private final String id;

    ScheduleType(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** True when the schedule decays over τ = {@code steps} updates. */
    public boolean decays() {
        return this != CONSTANT;
    }

    /** The schedule with that id, or null. */
    public static ScheduleType byId(String id) {
        for (ScheduleType t : values()) {
            if (t.id.equals(id)) {
                return t;
            }
        }
        return null;
    }
}

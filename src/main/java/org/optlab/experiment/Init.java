package org.optlab.experiment;

/** How a model's parameters start: all zeros, or Glorot's uniform draw for the weights (biases zero). */
public enum Init {
    ZEROS("zeros"),
    GLOROT("glorot");

    private final String id;

    Init(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** The initialisation with that id, or null. */
    public static Init byId(String id) {
        for (Init i : values()) {
            if (i.id.equals(id)) {
                return i;
            }
        }
        return null;
    }
}

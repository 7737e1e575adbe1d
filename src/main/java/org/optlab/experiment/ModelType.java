package org.optlab.experiment;

/** The model of a dataset problem, by its id in documents. */
public enum ModelType {
    /** Linear regression, squared error. */
    LINEAR("linear"),
    /** Logistic regression, two classes, cross-entropy. */
    LOGISTIC("logistic"),
    /** Softmax regression, k classes, cross-entropy. */
    SOFTMAX("softmax"),
    /** A multilayer perceptron with hidden layers. */
    MLP("mlp");

    private final String id;

    ModelType(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** The type with that id, or null. */
    public static ModelType byId(String id) {
        for (ModelType t : values()) {
            if (t.id.equals(id)) {
                return t;
            }
        }
        return null;
    }
}

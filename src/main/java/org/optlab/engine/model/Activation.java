package org.optlab.engine.model;

/**
 * The hidden units' activation g(z) and its first two derivatives, written in terms of a = g(z) where that is cheaper:
 * tanh: g' = 1 − a², g'' = −2a(1 − a²); ReLU: g' = [z &gt; 0], g'' = 0 (for z ≠ 0; at z = 0, where neither exists,
 * both are taken as 0); sigmoid: g' = a(1 − a), g'' = a(1 − a)(1 − 2a).
 */
public enum Activation {
    TANH("tanh"),
    RELU("relu"),
    SIGMOID("sigmoid");

    private final String id;

    Activation(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static Activation byId(String id) {
        for (Activation a : values()) {
            if (a.id.equals(id)) {
                return a;
            }
        }
        return null;
    }

    double apply(double z) {
        return switch (this) {
            case TANH -> Math.tanh(z);
            case RELU -> z > 0 ? z : 0;
            case SIGMOID -> OutputLoss.sigmoid(z);
        };
    }

    /** g'(z) given z and a = g(z). */
    double derivative(double z, double a) {
        return switch (this) {
            case TANH -> 1 - a * a;
            case RELU -> z > 0 ? 1 : 0;
            case SIGMOID -> a * (1 - a);
        };
    }

    /** g''(z) given z and a = g(z). */
    double secondDerivative(double z, double a) {
        return switch (this) {
            case TANH -> -2 * a * (1 - a * a);
            case RELU -> 0;
            case SIGMOID -> a * (1 - a) * (1 - 2 * a);
        };
    }
}

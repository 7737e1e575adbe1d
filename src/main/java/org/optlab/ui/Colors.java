package org.optlab.ui;

import java.util.Collection;
import java.util.List;
import org.optlab.engine.Algorithm;

/** The lecture's colours for the classic methods (GD cyan, momentum magenta, AdaGrad grey, RMSProp green, Adam blue) and distinct ones for the rest. */
final class Colors {

    private static final List<String> SPARE = List.of("#ff7043", "#8d6e63", "#ffca28", "#26a69a", "#ec407a", "#5c6bc0",
            "#9ccc65", "#ab47bc", "#78909c", "#d4e157");

    private Colors() {
    }

    static String of(Algorithm a) {
        return switch (a) {
            case SGD -> "#00bcd4";
            case MOMENTUM -> "#d500f9";
            case NESTEROV -> "#ff6d00";
            case ADAGRAD -> "#9e9e9e";
            case RMSPROP -> "#43a047";
            case RMSPROP_NESTEROV -> "#827717";
            case ADAM -> "#1e63e9";
            case NEWTON -> "#e53935";
            case DAMPED_NEWTON -> "#6d4c41";
        };
    }

    /** The algorithm's colour, or a spare one when another card already uses it. */
    static String distinct(Algorithm a, Collection<String> used) {
        String c = of(a);
        if (!used.contains(c)) {
            return c;
        }
        for (String s : SPARE) {
            if (!used.contains(s)) {
                return s;
            }
        }
        return c;
    }
}

package org.optlab.ui;

import org.optlab.engine.Algorithm;
import org.optlab.engine.Algorithm.Hyper;

/**
 * Where a card's hyper-parameters start, per kind of problem. On 2-D functions: the lecture's defaults. On datasets
 * (a model trained on minibatches): learning rates that train the toy MLP on moons at batch size 32 in a few hundred
 * steps without diverging ({@code KindDefaultsTest} checks it on the numbers). Rosenbrock's tiny ε = 0.0002 for
 * gradient descent, say, barely moves a network.
 */
final class KindDefaults {

    private KindDefaults() {
    }

    static double value(Algorithm a, Hyper h, boolean dataset) {
        if (!dataset || h != Hyper.LEARNING_RATE) {
            return a.defaultValue(h);
        }
        return switch (a) {
            case SGD -> 0.1;
            case MOMENTUM, NESTEROV -> 0.05;
            case ADAGRAD -> 0.1;
            case RMSPROP, RMSPROP_NESTEROV -> 0.005;
            case ADAM -> 0.01;
            default -> a.defaultValue(h);
        };
    }
}

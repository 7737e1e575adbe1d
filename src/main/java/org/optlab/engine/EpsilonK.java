package org.optlab.engine;

/**
 * ε_k, the learning rate of update k (Algorithm 8.1's "Apply update: θ ← θ − ε_k ĝ", and every first-order algorithm
 * after it), from the hyper-parameters' ε and schedule; remembers the last k and ε_k for the optimizer's state.
 */
final class EpsilonK {

    private final Hyperparameters hp;
    private double last = Double.NaN;
    private long k;

    EpsilonK(Hyperparameters hp) {
        this.hp = hp;
    }

    /** ε_k of update k, remembered as the last one. */
    double at(long k) {
        this.k = k;
        last = hp.epsilon(k);
        return last;
    }

    /** ε_k of the last update (NaN before the first). */
    double last() {
        return last;
    }

    /** k of the last update (0 before the first). */
    long k() {
        return k;
    }
}

package org.optlab.engine;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A read-only copy of what an optimizer remembers after its last step, named with the lecture's symbols: the gradient g,
 * the velocity v, Nesterov's interim point θ̃, the accumulator r and the effective per-coordinate learning rate, Adam's
 * moments s, r, ŝ, r̂ and its two bias-correction factors, Newton's Hessian eigenvalues and condition number.
 *
 * <p>Taken only when someone asks ({@link Optimizer#state()}): a run that no one inspects pays nothing for it.
 *
 * @param step    the number k of the last update (0 before the first)
 * @param vectors per-coordinate quantities by symbol, e.g. {@code "g"}, {@code "v"}, {@code "θ̃"}, {@code "r"},
 *                {@code "ε/(δ+√r)"}
 * @param scalars single numbers by symbol, e.g. {@code "ε_k"}, {@code "1/(1−ρ₁ᵗ)"}, {@code "κ(H)"}
 */
public record OptimizerState(long step, Map<String, double[]> vectors, Map<String, Double> scalars) {

    public OptimizerState {
        Map<String, double[]> v = new LinkedHashMap<>();
        vectors.forEach((k, a) -> v.put(k, a.clone()));
        vectors = Collections.unmodifiableMap(v);
        scalars = Collections.unmodifiableMap(new LinkedHashMap<>(scalars));
    }

    /** A copy of the vector with that symbol, or null. */
    public double[] vector(String symbol) {
        double[] a = vectors.get(symbol);
        return a == null ? null : a.clone();
    }

    /** The number with that symbol, or NaN. */
    public double scalar(String symbol) {
        Double x = scalars.get(symbol);
        return x == null ? Double.NaN : x;
    }

    /** A builder that keeps the order in which quantities are added (the order of the lecture's box). */
    static final class Builder {
        private final long step;
        private final Map<String, double[]> vectors = new LinkedHashMap<>();
        private final Map<String, Double> scalars = new LinkedHashMap<>();

        Builder(long step) {
            this.step = step;
        }

        Builder vector(String symbol, double[] a) {
            vectors.put(symbol, a);
            return this;
        }

        Builder scalar(String symbol, double x) {
            scalars.put(symbol, x);
            return this;
        }

        OptimizerState build() {
            return new OptimizerState(step, vectors, scalars);
        }
    }
}

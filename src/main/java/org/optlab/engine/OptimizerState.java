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
 * <p>The keys each algorithm gives, in this order (a view can draw one small chart per key; vectors have one value per
 * parameter, except λ(H), which has one per eigenvalue):
 * <table>
 *   <caption>Keys per algorithm</caption>
 *   <tr><th>algorithm</th><th>vectors</th><th>scalars</th></tr>
 *   <tr><td>8.1 SGD</td><td>g</td><td>ε_k</td></tr>
 *   <tr><td>8.2 momentum</td><td>g, v</td><td>ε_k</td></tr>
 *   <tr><td>8.3 Nesterov</td><td>θ̃, g (taken at θ̃), v</td><td>ε_k</td></tr>
 *   <tr><td>8.4 AdaGrad</td><td>g, r, ε/(δ+√r)</td><td>ε_k</td></tr>
 *   <tr><td>8.5 RMSProp</td><td>g, r, ε/√(δ+r)</td><td>ε_k</td></tr>
 *   <tr><td>8.6 RMSProp + Nesterov</td><td>θ̃, g, r, v, ε/√r</td><td>ε_k</td></tr>
 *   <tr><td>8.7 Adam</td><td>g, s, r, ŝ, r̂</td><td>1/(1−ρ₁ᵗ), 1/(1−ρ₂ᵗ), ε_k</td></tr>
 *   <tr><td>8.8 Newton</td><td>g, Δθ, λ(H)</td><td>κ(H)</td></tr>
 *   <tr><td>damped Newton</td><td>g, λ(H)</td><td>κ(H), shift λ, t, halvings</td></tr>
 * </table>
 * Before the first update ({@code step} 0) vectors are zeros and most scalars NaN. When Newton's Hessian is singular, the
 * snapshot of that update (the one it could not make, numbered k while the run stays at k − 1) holds the singular
 * λ(H), κ(H) = ∞ or ≥ 10¹², and Δθ = 0.
 *
 * <p>Where the Hessian is not positive definite, the step's {@link Warning}s say so, by kind: {@code indefinite-hessian},
 * {@code negative-definite-hessian}, {@code singular-hessian} (Newton and damped Newton), {@code not-descent} (Newton),
 * {@code line-search-failed} (damped Newton). A warning of update k concerns θ_{k−1}, where that update starts.
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

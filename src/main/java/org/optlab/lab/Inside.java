package org.optlab.lab;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.optlab.engine.OptimizerState;

/**
 * What the "inside the optimizer" panel draws of an {@link OptimizerState}: one small chart per quantity of the lecture's
 * box, each with a few numbers per step.
 *
 * <ul>
 *   <li>a single number (ε_k, Adam's 1/(1−ρ₁ᵗ), Newton's κ(H)): that number;</li>
 *   <li>a vector on a 2-D problem (g, v, θ̃, r, …): its two coordinates;</li>
 *   <li>a vector of a model (thousands of parameters): its norm ‖·‖, or for a per-parameter effective learning rate
 *       (ε/(δ+√r), ε/√(δ+r), ε/√r) the distribution over the parameters: 10th percentile, median, 90th percentile; for the
 *       Hessian's eigenvalues λ(H), the smallest and the largest.</li>
 * </ul>
 */
public final class Inside {

    private Inside() {
    }

    /** How one quantity is drawn: its symbol, its words, the names of its lines, and whether a log axis suits it. */
    public record Quantity(String symbol, String words, List<String> lines, boolean positive) {
    }

    /** One step's numbers: per quantity symbol, one value per line. */
    public record Sample(long step, Map<String, double[]> values) {
    }

    /** The quantities of a state, in the order of the lecture's box, with their lines for a problem of this dimension. */
    public static List<Quantity> quantities(OptimizerState s) {
        List<Quantity> q = new java.util.ArrayList<>();
        s.vectors().forEach((symbol, a) -> q.add(new Quantity(symbol, words(symbol), lines(symbol, a.length),
                positive(symbol))));
        s.scalars().forEach((symbol, x) -> q.add(new Quantity(symbol, words(symbol), List.of(symbol), positive(symbol))));
        return q;
    }

    /** The numbers drawn of a state (see the class comment). */
    public static Sample sample(OptimizerState s) {
        Map<String, double[]> values = new LinkedHashMap<>();
        s.vectors().forEach((symbol, a) -> values.put(symbol, reduce(symbol, a)));
        s.scalars().forEach((symbol, x) -> values.put(symbol, new double[] {x}));
        return new Sample(s.step(), values);
    }

    /** A per-parameter effective learning rate: drawn as a distribution on models. */
    static boolean isRate(String symbol) {
        return symbol.startsWith("ε/");
    }

    private static boolean isEigenvalues(String symbol) {
        return symbol.startsWith("λ(");
    }

    private static List<String> lines(String symbol, int n) {
        if (n <= 2) {
            // the second coordinate is drawn dashed
            return n == 1 ? List.of(symbol + "₁") : List.of(symbol + "₁", symbol + "₂ (dashed)");
        }
        if (isRate(symbol)) {
            return List.of("10th percentile", "median", "90th percentile");
        }
        if (isEigenvalues(symbol)) {
            return List.of("λmin", "λmax");
        }
        return List.of("‖" + symbol + "‖");
    }

    private static double[] reduce(String symbol, double[] a) {
        if (a.length <= 2) {
            return a.clone();
        }
        if (isRate(symbol)) {
            double[] sorted = a.clone();
            Arrays.sort(sorted);
            return new double[] {percentile(sorted, 0.1), percentile(sorted, 0.5), percentile(sorted, 0.9)};
        }
        if (isEigenvalues(symbol)) {
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (double x : a) {
                min = Math.min(min, x);
                max = Math.max(max, x);
            }
            return new double[] {min, max};
        }
        double sum = 0;
        for (double x : a) {
            sum += x * x;
        }
        return new double[] {Math.sqrt(sum)};
    }

    /** The q-quantile of sorted values, linear between the two nearest ranks (as numpy's default). */
    static double percentile(double[] sorted, double q) {
        double at = q * (sorted.length - 1);
        int lo = (int) Math.floor(at);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (at - lo) * (sorted[hi] - sorted[lo]);
    }

    /** Quantities that are never negative: drawn on a log axis, where a rate falling like 1/√t is a straight line. */
    private static boolean positive(String symbol) {
        return isRate(symbol) || symbol.equals("r") || symbol.equals("r̂") || symbol.equals("κ(H)")
                || symbol.equals("ε_k") || symbol.startsWith("1/(1−");
    }

    /** The words beside a symbol, as the lecture says them. */
    public static String words(String symbol) {
        return switch (symbol) {
            case "g" -> "gradient";
            case "v" -> "velocity";
            case "θ̃" -> "interim point θ + αv";
            case "r" -> "squared-gradient accumulator";
            case "s" -> "first moment (biased)";
            case "ŝ" -> "first moment, corrected";
            case "r̂" -> "second moment, corrected";
            case "ε/(δ+√r)" -> "effective learning rate";
            case "ε/√(δ+r)" -> "effective learning rate";
            case "ε/√r" -> "effective learning rate";
            case "1/(1−ρ₁ᵗ)" -> "bias correction of s";
            case "1/(1−ρ₂ᵗ)" -> "bias correction of r";
            case "ε_k" -> "learning rate at step k";
            case "λ(H)" -> "the Hessian's eigenvalues";
            case "κ(H)" -> "condition number";
            case "Δθ" -> "Newton's step −H⁻¹g";
            case "shift λ" -> "damping";
            case "t" -> "line-search step size";
            case "halvings" -> "line-search halvings (t = 2⁻ʰ)";
            default -> "";
        };
    }
}

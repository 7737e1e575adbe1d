package org.optlab.engine;

/**
 * How the learning rate ε changes with the update number k (§8.3.1 of the lecture). Updates are numbered from k = 1, as in
 * Algorithm 8.1, so ε₀ is the value the decay starts from and update τ is the first to use ε_τ.
 */
public sealed interface LearningRateSchedule {

    /** ε_k given ε₀, for the update numbered k ≥ 1. */
    double epsilon(double epsilon0, long k);

    /** ε_k = ε₀ for every k. */
    record Constant() implements LearningRateSchedule {
        @Override
        public double epsilon(double epsilon0, long k) {
            return epsilon0;
        }
    }

    /**
     * The book's linear decay: ε_k = (1 − k/τ) ε₀ + (k/τ) ε_τ for k ≤ τ, and ε_k = ε_τ after iteration τ.
     *
     * @param finalLearningRate ε_τ
     * @param tau               τ, the number of updates over which ε decays
     */
    record Linear(double finalLearningRate, long tau) implements LearningRateSchedule {
        @Override
        public double epsilon(double epsilon0, long k) {
            if (k >= tau) {
                return finalLearningRate;
            }
            double kOverTau = (double) k / tau;
            return (1 - kOverTau) * epsilon0 + kOverTau * finalLearningRate;
        }
    }

    /**
     * 1/k decay: ε_k = ε₀ / (1 + k/τ). It meets the Robbins–Monro conditions Σ ε_k = ∞ and Σ ε_k² &lt; ∞ under which SGD
     * converges (§8.3.1): the steps shrink enough to average the gradient noise away, yet never so fast that they stop
     * short.
     */
    record Inverse(long tau) implements LearningRateSchedule {
        @Override
        public double epsilon(double epsilon0, long k) {
            return epsilon0 / (1 + (double) k / tau);
        }
    }

    /**
     * Exponential decay: ε_k = ε₀ e^(−k/τ). Σ ε_k is finite (about ε₀ τ), so it breaks the first Robbins–Monro
     * condition: a run can stop short of the minimum, frozen where its steps ran out.
     */
    record Exponential(long tau) implements LearningRateSchedule {
        @Override
        public double epsilon(double epsilon0, long k) {
            return epsilon0 * Math.exp(-(double) k / tau);
        }
    }

    LearningRateSchedule CONSTANT = new Constant();
}

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

    LearningRateSchedule CONSTANT = new Constant();
}

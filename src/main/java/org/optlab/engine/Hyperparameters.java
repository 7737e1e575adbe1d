package org.optlab.engine;

/**
 * The hyper-parameters of one optimizer, in the lecture's words. Immutable; an algorithm reads the ones it uses.
 *
 * @param learningRate ε, the learning rate (ε₀ when a schedule decays it)
 * @param momentum     α, the momentum parameter
 * @param rho          ρ, the decay rate of RMSProp's accumulator
 * @param rho1         ρ₁, Adam's decay rate of the first moment estimate
 * @param rho2         ρ₂, Adam's decay rate of the second moment estimate
 * @param delta        δ, the small constant for numerical stability
 * @param schedule     how ε changes with the step number k
 */
public record Hyperparameters(double learningRate, double momentum, double rho, double rho1, double rho2, double delta,
                              LearningRateSchedule schedule, boolean biasCorrection) {

    /** With Adam's bias correction on (Algorithm 8.7 as the book writes it). */
    public Hyperparameters(double learningRate, double momentum, double rho, double rho1, double rho2, double delta,
                           LearningRateSchedule schedule) {
        this(learningRate, momentum, rho, rho1, rho2, delta, schedule, true);
    }

    /**
     * The hyper-parameters that {@code value} gives each {@link Algorithm.Hyper} (a document's value or the algorithm's
     * default): the one place that knows which record component each hyper-parameter is.
     */
    public static Hyperparameters of(java.util.function.ToDoubleFunction<Algorithm.Hyper> value,
                                     LearningRateSchedule schedule, boolean biasCorrection) {
        return new Hyperparameters(value.applyAsDouble(Algorithm.Hyper.LEARNING_RATE),
                value.applyAsDouble(Algorithm.Hyper.MOMENTUM), value.applyAsDouble(Algorithm.Hyper.RHO),
                value.applyAsDouble(Algorithm.Hyper.RHO1), value.applyAsDouble(Algorithm.Hyper.RHO2),
                value.applyAsDouble(Algorithm.Hyper.DELTA), schedule, biasCorrection);
    }

    /** ε_k, the learning rate of update k (k = 1 for the first update, as in Algorithm 8.1). */
    public double epsilon(long k) {
        return schedule.epsilon(learningRate, k);
    }
}

package org.optlab.engine;

/**
 * The version of the engine's arithmetic. A run's numbers are a pure function of its document and this version, bit for
 * bit on every machine; a change of the order in which any recorded quantity is summed gets a new version, so that a
 * saved run can say which arithmetic produced it.
 *
 * <ol>
 *   <li>Until issue #18: the MLP's pre-activations z = b + (s₀ + s₁) + (s₂ + s₃), the dot product Wa in four partial
 *       sums; the linear models' Hessian summed in full. Results saved without a version are of this one.</li>
 *   <li>Issue #18, the dense kernels ({@link org.optlab.engine.model.Kernels}): every entry of a matrix product summed
 *       left to right in one fixed order (z = b + w₀a₀ + w₁a₁ + …); the linear models' Hessian summed in its upper
 *       triangle and mirrored; tanh computed by the engine itself (within 4 ulp of {@code Math.tanh}); the output losses'
 *       exp and log from {@link StrictMath}, not the JIT's processor-specific {@code Math.exp} and {@code Math.log}. The
 *       models' results differ from version 1 in their last digits; the 2-D functions' do not.</li>
 * </ol>
 */
public final class Numerics {

    /** The version this engine computes with. */
    public static final int VERSION = 2;

    /** The version of a result saved before the version was recorded. */
    public static final int UNRECORDED = 1;

    private Numerics() {
    }
}

package org.optlab.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.optlab.engine.function.Quadratic;

/** §10.11.1: a gradient longer than v is scaled to length v, in its direction; a shorter one passes unchanged. */
class GradientClippingTest {

    @Test
    void aLongGradientIsScaledToTheThresholdAndAShortOnePasses() {
        // f = ½ θᵀ diag(1, 10) θ: ∇f(3, 4) = (3, 40), ‖∇f‖ = √1609
        Problem clipped = new GradientClipping(new FunctionProblem(Quadratic.standard(), 0, 1), 2);
        double[] g = new double[2];
        clipped.objective().gradient(new double[] {3, 4}, g);
        double norm = Math.sqrt(1609);
        assertArrayEquals(new double[] {3 * 2 / norm, 40 * 2 / norm}, g, 1e-15);
        assertEquals(2, Math.hypot(g[0], g[1]), 1e-15);
        clipped.objective().gradient(new double[] {0.1, 0.1}, g);
        assertArrayEquals(new double[] {0.1, 1.0}, g, 1e-15, "‖(0.1, 1)‖ < 2: unchanged");
        // what is recorded and what the stop rule sees are the true loss and gradient
        clipped.fullGradient(new double[] {3, 4}, g);
        assertArrayEquals(new double[] {3, 40}, g, 1e-15);
        assertEquals(0.5 * (9 + 160), clipped.evaluate(new double[] {3, 4}, new double[0]), 1e-12);
    }
}

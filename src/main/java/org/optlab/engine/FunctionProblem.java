package org.optlab.engine;

import java.util.Random;
import org.optlab.engine.function.TestFunction;

/**
 * A 2-D test function, optionally with gradient noise: the optimizer then sees g + N(0, σ²I), drawn from a generator seeded
 * by the experiment's seed (so every optimizer of an experiment sees the same noise sequence, draw for draw).
 */
public final class FunctionProblem implements Problem {

    private final TestFunction f;
    private final Objective seen;

    /** @param sigma the standard deviation σ of the gradient noise; 0 for the exact gradient */
    public FunctionProblem(TestFunction f, double sigma, long seed) {
        this.f = f;
        this.seen = sigma == 0 ? f : new NoisyGradient(f, sigma, new Random(seed));
    }

    public TestFunction function() {
        return f;
    }

    @Override
    public int dimension() {
        return 2;
    }

    @Override
    public void beforeUpdate(long k) {
    }

    @Override
    public Objective objective() {
        return seen;
    }

    @Override
    public double evaluate(double[] theta, double[] metrics) {
        return f.value(theta);
    }

    @Override
    public void fullGradient(double[] theta, double[] g) {
        f.gradient(theta, g);
    }

    @Override
    public boolean recordsPath() {
        return true;
    }

    /** The function with N(0, σ²I) added to every gradient; value and Hessian exact. */
    private record NoisyGradient(Objective f, double sigma, Random random) implements Objective {
        @Override
        public int dimension() {
            return f.dimension();
        }

        @Override
        public double value(double[] theta) {
            return f.value(theta);
        }

        @Override
        public void gradient(double[] theta, double[] g) {
            f.gradient(theta, g);
            for (int i = 0; i < g.length; i++) {
                g[i] += sigma * random.nextGaussian();
            }
        }

        @Override
        public void hessian(double[] theta, double[] h) {
            f.hessian(theta, h);
        }
    }
}

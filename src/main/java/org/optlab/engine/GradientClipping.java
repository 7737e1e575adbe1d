package org.optlab.engine;

/**
 * Gradient clipping by norm (the book's §10.11.1, eq. 10.48): the optimizer sees
 *
 * <pre>
 *   if ‖g‖ &gt; v:  g ← g v / ‖g‖
 * </pre>
 *
 * with v the threshold, so that no step is driven by more than v of gradient; near a cliff (figure 8.3) an unclipped
 * step is thrown far away, a clipped one is not. It wraps the problem: every gradient the optimizer asks for (Nesterov's
 * look-ahead one included) is clipped; the recorded loss, the metrics and the ‖g‖ stop rule see the true gradient.
 */
public final class GradientClipping implements Problem {

    private final Problem problem;
    private final double v;
    private final Objective clipped;

    /** @param v the threshold, &gt; 0 */
    public GradientClipping(Problem problem, double v) {
        this.problem = problem;
        this.v = v;
        this.clipped = new Objective() {
            @Override
            public int dimension() {
                return problem.objective().dimension();
            }

            @Override
            public double value(double[] theta) {
                return problem.objective().value(theta);
            }

            @Override
            public void gradient(double[] theta, double[] g) {
                problem.objective().gradient(theta, g);
                double norm = 0;
                for (double gi : g) {
                    norm += gi * gi;
                }
                norm = Math.sqrt(norm);
                if (norm > GradientClipping.this.v) {
                    double scale = GradientClipping.this.v / norm;
                    for (int i = 0; i < g.length; i++) {
                        g[i] *= scale;
                    }
                }
            }

            @Override
            public void hessian(double[] theta, double[] h) {
                problem.objective().hessian(theta, h);
            }
        };
    }

    @Override
    public int dimension() {
        return problem.dimension();
    }

    @Override
    public void beforeUpdate(long k) {
        problem.beforeUpdate(k);
    }

    @Override
    public Objective objective() {
        return clipped;
    }

    @Override
    public double evaluate(double[] theta, double[] metrics) {
        return problem.evaluate(theta, metrics);
    }

    @Override
    public void fullGradient(double[] theta, double[] g) {
        problem.fullGradient(theta, g);
    }

    @Override
    public boolean recordsPath() {
        return problem.recordsPath();
    }

    @Override
    public String[] metricNames() {
        return problem.metricNames();
    }

    @Override
    public long stepsPerEpoch() {
        return problem.stepsPerEpoch();
    }
}

package org.optlab.engine;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.ejml.interfaces.linsol.LinearSolverDense;

/**
 * Damped Newton, the regularised update of the lecture's eq. 8.28, θ* = θ₀ − [H(f(θ₀)) + αI]⁻¹ ∇_θ f(θ₀), with a line
 * search. <b>Not Algorithm 8.8</b>: it is what one does in practice when H is not positive definite.
 *
 * <pre>
 *   while stopping criterion not met do
 *     g ← ∇_θ J(θ);  H ← ∇²_θ J(θ);  λ_min, λ_max ← extreme eigenvalues of H
 *     μ ← 10⁻³ · max(1, max|λ|)
 *     λ ← max(0, μ − λ_min)                       (H + λI is positive definite, its smallest eigenvalue ≥ μ)
 *     solve (H + λI) d = g
 *     t ← 1; while J(θ − t d) > J(θ) − c₁ t gᵀd and fewer than 30 halvings: t ← t / 2     (Armijo, c₁ = 10⁻⁴)
 *     θ ← θ − t d
 *   end while
 * </pre>
 *
 * d is (H + λI)⁻¹g, the damped H⁻¹g, so the update is Δθ = −t d: with λ = 0 and t = 1 it is Algorithm 8.8's Δθ = −H⁻¹g.
 * When no t passes after 30 halvings, θ is left unchanged for that step and a {@code line-search-failed} warning is
 * reported. The Hessian's shape is reported as in {@link Newton}: {@code indefinite-hessian} or
 * {@code negative-definite-hessian} when some λ &lt; 0, and {@code singular-hessian} when |λ|min ≤ 10⁻¹² |λ|max (the
 * shift makes H + λI invertible, so the run goes on).
 */
public final class DampedNewton implements Optimizer {

    static final double C1 = 1e-4;
    static final int MAX_HALVINGS = 30;

    private final int n;
    private final double[] g;
    private final double[] h;
    private final double[] thetaTry;
    private final DMatrixRMaj H;
    private final DMatrixRMaj work;
    private final DMatrixRMaj gVector;
    /** d = (H + λI)⁻¹g, found by solving (H + λI) d = g. */
    private final DMatrixRMaj d;
    private final EigenDecomposition_F64<DMatrixRMaj> eigen;
    private final LinearSolverDense<DMatrixRMaj> solver;
    private final double[] lambdas;
    /** k, the shift λ and the step length t of the last update, for {@link #state()}. */
    private long lastK;
    private double lastShift = Double.NaN;
    private double lastT = Double.NaN;
    private int lastHalvings;

    public DampedNewton(int n) {
        this.n = n;
        this.g = new double[n];
        this.h = new double[n * n];
        this.thetaTry = new double[n];
        this.H = new DMatrixRMaj(n, n);
        this.work = new DMatrixRMaj(n, n);
        this.gVector = new DMatrixRMaj(n, 1);
        this.d = new DMatrixRMaj(n, 1);
        this.eigen = DecompositionFactory_DDRM.eig(n, false, true);
        this.solver = LinearSolverFactory_DDRM.lu(n);
        this.lambdas = new double[n];
    }

    @Override
    public StepOutcome step(double[] theta, Objective J, long k, StepWarnings warnings) {
        lastK = k;
        J.gradient(theta, g);
        J.hessian(theta, h);
        if (!Newton.eigenvalues(h, H, work, eigen, lambdas)) {
            return Newton.noEigenDecomposition(k, theta);
        }
        Newton.reportCurvature(lambdas, k, theta, warnings);
        double lambdaMin = lambdas[0];
        double maxAbs = Math.max(Math.abs(lambdas[0]), Math.abs(lambdas[n - 1]));
        double mu = 1e-3 * Math.max(1, maxAbs);
        double lambda = Math.max(0, mu - lambdaMin);
        lastShift = lambda;
        if (Newton.isSingular(lambdas)) {
            warnings.warn("singular-hessian", "step " + k + ": singular Hessian at θ = " + Vectors.format(theta)
                    + " (eigenvalues " + Vectors.format(lambdas) + "): damped Newton solves with H + λI, λ = " + lambda
                    + ", instead");
        }

        work.setTo(H);
        for (int i = 0; i < n; i++) {
            work.data[i * n + i] += lambda;
        }
        System.arraycopy(g, 0, gVector.data, 0, n);
        solver.setA(work);
        solver.solve(gVector, d);

        double J0 = J.value(theta);
        double gTd = 0;
        for (int i = 0; i < n; i++) {
            gTd += g[i] * d.data[i];
        }
        double t = 1;
        for (int halvings = 0; halvings <= MAX_HALVINGS; halvings++) {
            for (int i = 0; i < n; i++) {
                thetaTry[i] = theta[i] - t * d.data[i];
            }
            if (J.value(thetaTry) <= J0 - C1 * t * gTd) {
                System.arraycopy(thetaTry, 0, theta, 0, n);
                lastT = t;
                lastHalvings = halvings;
                return MADE;
            }
            t = t / 2;
        }
        lastT = 0;
        lastHalvings = MAX_HALVINGS + 1;
        warnings.warn("line-search-failed", "step " + k + ": no step length t = 2⁻ʲ, j ≤ " + MAX_HALVINGS
                + ", decreases J enough (Armijo, c₁ = 10⁻⁴); θ kept");
        return MADE;
    }

    /**
     * At the last step: {@code "g"}, {@code "λ(H)"} (the eigenvalues of H, ascending, before the shift), the scalars
     * {@code "κ(H)"} (of H, not of H + λI), {@code "shift λ"} added to H's diagonal, {@code "t"}, the step length the line
     * search accepted (0 when it found none), and {@code "halvings"}, how many times it halved t to get there (t = 2⁻ʲ;
     * {@value #MAX_HALVINGS} + 1 when no t passed).
     */
    @Override
    public OptimizerState state() {
        return new OptimizerState.Builder(lastK).vector("g", g).vector("λ(H)", lambdas)
                .scalar("κ(H)", Newton.conditionNumber(lambdas)).scalar("shift λ", lastShift).scalar("t", lastT)
                .scalar("halvings", lastHalvings).build();
    }
}

package org.optlab.engine;

import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.ejml.interfaces.linsol.LinearSolverDense;

/**
 * Algorithm 8.8, Newton's method with objective J(θ) = (1/m) Σᵢ L(f(x⁽ⁱ⁾; θ), y⁽ⁱ⁾).
 *
 * <pre>
 * Require: Initial parameter θ₀
 * Require: Training set of m examples
 *   while stopping criterion not met do
 *     Compute gradient: g ← (1/m) ∇_θ Σᵢ L(f(x⁽ⁱ⁾; θ), y⁽ⁱ⁾)
 *     Compute Hessian: H ← (1/m) ∇²_θ Σᵢ L(f(x⁽ⁱ⁾; θ), y⁽ⁱ⁾)
 *     Compute Hessian inverse: H⁻¹
 *     Compute update: Δθ = −H⁻¹g
 *     Apply update: θ = θ + Δθ
 *   end while
 * </pre>
 *
 * Pure Newton: a unit step and nothing added to H. It therefore jumps to whatever critical point the local quadratic model
 * has, a saddle point or a maximum included (the lecture's point); such steps are reported as warnings
 * ({@code indefinite-hessian}, {@code negative-definite-hessian}, {@code not-descent}), not errors. When H is singular
 * (|λ|min ≤ 10⁻¹² |λ|max, or H = 0) H⁻¹ does not exist: a {@code singular-hessian} warning names the step, and the run
 * ends with status {@code singular-hessian}, θ where it was.
 *
 * <p>A warning of update k is about the Hessian at θ_{k−1}, the point the update starts from: that is where a view puts
 * its marker on the path.
 */
public final class Newton implements Optimizer {

    /** H counts as singular when |λ|min ≤ SINGULAR_RATIO · |λ|max. */
    public static final double SINGULAR_RATIO = 1e-12;

    private final int n;
    private final double[] g;
    private final double[] h;
    private final DMatrixRMaj H;
    private final DMatrixRMaj work;
    private final DMatrixRMaj gVector;
    /** H⁻¹g, found by solving H x = g (H⁻¹ itself is never formed). */
    private final DMatrixRMaj hInverseG;
    /** Δθ = −H⁻¹g, the box's update. */
    private final double[] deltaTheta;
    private final EigenDecomposition_F64<DMatrixRMaj> eigen;
    private final LinearSolverDense<DMatrixRMaj> solver;
    private final double[] lambda;
    /** k of the last update, for {@link #state()}. */
    private long lastK;

    public Newton(int n) {
        this.n = n;
        this.g = new double[n];
        this.h = new double[n * n];
        this.H = new DMatrixRMaj(n, n);
        this.work = new DMatrixRMaj(n, n);
        this.gVector = new DMatrixRMaj(n, 1);
        this.hInverseG = new DMatrixRMaj(n, 1);
        this.deltaTheta = new double[n];
        this.eigen = DecompositionFactory_DDRM.eig(n, false, true);
        this.solver = LinearSolverFactory_DDRM.lu(n);
        this.lambda = new double[n];
    }

    @Override
    public StepOutcome step(double[] theta, Objective J, long k, StepWarnings warnings) {
        lastK = k;
        J.gradient(theta, g);
        J.hessian(theta, h);
        if (!eigenvalues(h, H, work, eigen, lambda)) {
            return noEigenDecomposition(k, theta);
        }
        if (isSingular(lambda)) {
            Arrays.fill(deltaTheta, 0);
            warnings.warn("singular-hessian", "step " + k + ": singular Hessian at θ = " + Vectors.format(theta)
                    + " (eigenvalues " + Vectors.format(lambda) + "): H⁻¹ does not exist");
            return new StepFailure(RunStatus.SINGULAR_HESSIAN, "singular Hessian at step " + (k - 1) + ", θ = "
                    + Vectors.format(theta) + ": eigenvalues " + Vectors.format(lambda)
                    + ", so H⁻¹ does not exist and pure Newton cannot take step " + k
                    + " (damped-newton adds λI and can go on)");
        }
        reportCurvature(lambda, k, theta, warnings);

        // Compute update: Δθ = −H⁻¹g, with H⁻¹g the solution of H x = g (solving is what "compute H⁻¹" amounts to here).
        System.arraycopy(g, 0, gVector.data, 0, n);
        work.setTo(H);
        solver.setA(work);
        solver.solve(gVector, hInverseG);
        for (int i = 0; i < n; i++) {
            deltaTheta[i] = -hInverseG.data[i];
        }
        double slope = 0;
        for (int i = 0; i < n; i++) {
            slope += g[i] * deltaTheta[i];
        }
        if (slope >= 0 && slope == slope && maxNorm(g) > 0) {
            warnings.warn("not-descent", "step " + k + ": −H⁻¹g is not a descent direction (gᵀΔθ = " + slope + " ≥ 0)");
        }
        // Apply update: θ = θ + Δθ
        for (int i = 0; i < n; i++) {
            theta[i] = theta[i] + deltaTheta[i];
        }
        return MADE;
    }

    /**
     * Eigenvalues of the symmetric Hessian {@code h} (row-major, copied into H) into {@code lambda}, ascending; false if
     * the decomposition failed.
     */
    static boolean eigenvalues(double[] h, DMatrixRMaj H, DMatrixRMaj work, EigenDecomposition_F64<DMatrixRMaj> eigen,
            double[] lambda) {
        System.arraycopy(h, 0, H.data, 0, h.length);
        for (double x : H.data) {
            if (!Double.isFinite(x)) {
                return false;
            }
        }
        work.setTo(H);
        if (!eigen.decompose(work)) {
            return false;
        }
        for (int i = 0; i < lambda.length; i++) {
            lambda[i] = eigen.getEigenvalue(i).getReal();
        }
        Arrays.sort(lambda);
        return true;
    }

    /** Divergence at step k: the Hessian at θ has entries that are not finite, or EJML could not decompose it. */
    static StepFailure noEigenDecomposition(long k, double[] theta) {
        return new StepFailure(RunStatus.DIVERGED,
                "step " + k + ": the Hessian at θ = " + Vectors.format(theta) + " has no finite eigen-decomposition");
    }

    /** True when |λ|min ≤ {@link #SINGULAR_RATIO} · |λ|max (H = 0 included): H⁻¹ does not exist. */
    static boolean isSingular(double[] lambda) {
        double minAbs = Double.POSITIVE_INFINITY;
        double maxAbs = 0;
        for (double l : lambda) {
            minAbs = Math.min(minAbs, Math.abs(l));
            maxAbs = Math.max(maxAbs, Math.abs(l));
        }
        return maxAbs == 0 || minAbs <= SINGULAR_RATIO * maxAbs;
    }

    /** Warns when H is not positive definite: Newton then heads for a saddle point or a maximum. */
    static void reportCurvature(double[] lambda, long k, double[] theta, StepWarnings warnings) {
        boolean anyNegative = lambda[0] < 0;
        boolean allNegative = lambda[lambda.length - 1] < 0;
        if (allNegative) {
            warnings.warn("negative-definite-hessian", "step " + k + ": negative definite Hessian at θ = "
                    + Vectors.format(theta) + " (eigenvalues " + Vectors.format(lambda) + "): Newton heads for a maximum");
        } else if (anyNegative) {
            warnings.warn("indefinite-hessian", "step " + k + ": indefinite Hessian at θ = "
                    + Vectors.format(theta) + " (eigenvalues " + Vectors.format(lambda) + "): Newton heads for a saddle point");
        }
    }

    private static double maxNorm(double[] x) {
        double m = 0;
        for (double xi : x) {
            m = Math.max(m, Math.abs(xi));
        }
        return m;
    }

    /**
     * At the last update attempted: {@code "g"}, {@code "Δθ"} = −H⁻¹g (0 when H was singular and no step was made),
     * {@code "λ(H)"}, the eigenvalues of H ascending, and the scalar {@code "κ(H)"} = max|λ| / min|λ| (infinite when
     * some λ is 0).
     */
    @Override
    public OptimizerState state() {
        return new OptimizerState.Builder(lastK).vector("g", g).vector("Δθ", deltaTheta).vector("λ(H)", lambda)
                .scalar("κ(H)", conditionNumber(lambda)).build();
    }

    /** max|λ| / min|λ| (infinite for a singular H). */
    static double conditionNumber(double[] lambda) {
        double minAbs = Double.POSITIVE_INFINITY;
        double maxAbs = 0;
        for (double l : lambda) {
            minAbs = Math.min(minAbs, Math.abs(l));
            maxAbs = Math.max(maxAbs, Math.abs(l));
        }
        return maxAbs / minAbs;
    }
}

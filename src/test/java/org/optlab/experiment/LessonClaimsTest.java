package org.optlab.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.optlab.engine.function.TestFunction;
import org.optlab.engine.function.TestFunctions;
import org.optlab.experiment.ExperimentDocument.OptimizerResult;
import org.optlab.experiment.ExperimentDocument.OptimizerSpec;
import org.optlab.experiment.ExperimentDocument.ProblemSpec;

/**
 * Every lesson makes its slide's point, in numbers with margins, through the headless path (its text says what to
 * watch; this checks it). A lesson without a test here fails {@link #everyLessonHasItsClaimTested}.
 */
class LessonClaimsTest {

    /** The lessons whose claims the tests below check; each test adds its lesson's id. */
    private static final java.util.Set<String> TESTED = java.util.Set.of("j-vs-jstar", "batch-minibatch-sgd",
            "sgd-variance", "decaying-rate", "momentum-valley", "nesterov-look-ahead", "adagrad-per-coordinate",
            "rmsprop-vs-adagrad", "rmsprop-nesterov", "adam-bias-correction", "five-classics", "newton-quadratic",
            "newton-saddle", "ill-conditioning", "local-minima", "saddle-plateau", "plateau", "cliff-clipping",
            "zero-initialisation");

    static ExperimentDocument document(String id) {
        Lessons.Lesson lesson = Lessons.byId(id);
        assertTrue(lesson != null, "no lesson " + id);
        return lesson.document();
    }

    static List<OptimizerResult> run(String id) throws Exception {
        return ExperimentRunner.run(document(id)).results();
    }

    /** The same document from another start θ₀. */
    static ExperimentDocument from(ExperimentDocument d, double x, double y) {
        ProblemSpec.FunctionSpec p = (ProblemSpec.FunctionSpec) d.problem();
        return new ExperimentDocument(1, d.name(), d.seed(), d.steps(), d.recordEvery(), p.withStart(new double[] {x, y}),
                d.optimizers(), null, null);
    }

    @Test
    void everyLessonHasItsClaimTested() {
        assertEquals(java.util.Set.copyOf(Lessons.IDS), TESTED, "every lesson's claim is a test in this class");
        assertTrue(Lessons.ALL.size() >= 14, "at least 14 lessons: " + Lessons.ALL.size());
    }

    /** The first recorded step with a loss below t, or MAX_VALUE. */
    static long stepsTo(OptimizerResult r, double t) {
        for (int i = 0; i < r.loss().length; i++) {
            if (r.loss()[i] < t) {
                return r.steps()[i];
            }
        }
        return Long.MAX_VALUE;
    }

    /** Crossings of the valley's axis (y changes sign) while both points are visibly off it (|y| > 0.01). */
    static int crossings(double[][] path) {
        int c = 0;
        for (int i = 1; i < path.length; i++) {
            if (path[i][1] * path[i - 1][1] < 0 && Math.abs(path[i][1]) > 0.01 && Math.abs(path[i - 1][1]) > 0.01) {
                c++;
            }
        }
        return c;
    }

    static double meanStep(double[][] p, int from, int to) {
        double s = 0;
        for (int i = from + 1; i <= to; i++) {
            s += Math.hypot(p[i][0] - p[i - 1][0], p[i][1] - p[i - 1][1]);
        }
        return s / (to - from);
    }

    @Test
    void nesterovsLookAheadBrakesBeforeTheWallWhereMomentumOvershoots() throws Exception {
        List<OptimizerResult> r = run("nesterov-look-ahead");
        OptimizerResult momentum = r.get(0);
        OptimizerResult nesterov = r.get(1);
        // measured: momentum 141 steps to 1e-6 and 20 crossings, Nesterov 86 and 0
        assertTrue(crossings(momentum.path()) >= 10, "momentum overshoots: " + crossings(momentum.path()));
        assertTrue(crossings(nesterov.path()) <= 1, "Nesterov brakes: " + crossings(nesterov.path()));
        assertTrue(stepsTo(nesterov, 1e-6) <= 0.7 * stepsTo(momentum, 1e-6),
                "Nesterov " + stepsTo(nesterov, 1e-6) + " steps to 1e-6, momentum " + stepsTo(momentum, 1e-6));
        assertEquals("completed", momentum.status());
        assertEquals("completed", nesterov.status());
    }

    /** Recorded points within 0.1 of the origin (the saddle). */
    static int nearSaddle(double[][] path) {
        int n = 0;
        for (double[] p : path) {
            n += Math.hypot(p[0], p[1]) < 0.1 ? 1 : 0;
        }
        return n;
    }

    @Test
    void gradientDescentLingersAtTheSaddleWhereMomentumAndAdamPass() throws Exception {
        List<OptimizerResult> r = run("saddle-plateau");
        OptimizerResult gd = r.get(0);
        OptimizerResult momentum = r.get(1);
        OptimizerResult adam = r.get(2);
        // measured: GD 47 steps within 0.1 of the saddle and a loss below −0.99 from step 111; momentum 4 and 43; Adam 0
        assertTrue(nearSaddle(gd.path()) >= 30, "GD lingers: " + nearSaddle(gd.path()));
        assertTrue(nearSaddle(momentum.path()) <= 10, "momentum passes: " + nearSaddle(momentum.path()));
        assertTrue(nearSaddle(adam.path()) <= 5, "Adam passes: " + nearSaddle(adam.path()));
        assertTrue(stepsTo(momentum, -0.99) <= 0.5 * stepsTo(gd, -0.99),
                "momentum " + stepsTo(momentum, -0.99) + " steps to −0.99, GD " + stepsTo(gd, -0.99));
        for (OptimizerResult o : r) {
            assertTrue(o.loss()[o.loss().length - 1] < -0.999, o.label() + " ends in a minimum");
        }
    }

    @Test
    void momentumCrossesTheValleyLessAndConvergesFasterThanGradientDescent() throws Exception {
        List<OptimizerResult> r = run("momentum-valley");
        OptimizerResult gd = r.get(0);
        OptimizerResult momentum = r.get(1);
        OptimizerResult nesterov = r.get(2);
        // measured: GD 76 steps and 20 crossings, momentum 38 and 4, Nesterov 46 and 0
        assertTrue(stepsTo(momentum, 1e-6) <= 0.7 * stepsTo(gd, 1e-6),
                "momentum " + stepsTo(momentum, 1e-6) + " steps to 1e-6, GD " + stepsTo(gd, 1e-6));
        assertTrue(stepsTo(nesterov, 1e-6) <= 0.7 * stepsTo(gd, 1e-6));
        assertTrue(crossings(gd.path()) >= 15, "GD zig-zags: " + crossings(gd.path()));
        assertTrue(crossings(momentum.path()) <= crossings(gd.path()) / 3, "momentum: " + crossings(momentum.path()));
        assertTrue(crossings(nesterov.path()) <= 1, "Nesterov: " + crossings(nesterov.path()));
    }

    @Test
    void newtonEndsAtTheSaddleWhileGradientDescentAndDampedNewtonFindAMinimum() throws Exception {
        List<OptimizerResult> r = run("newton-saddle");
        OptimizerResult newton = r.get(0);
        assertEquals(0, newton.theta()[0], 1e-6);
        assertEquals(0, newton.theta()[1], 1e-6, "Newton sits on the saddle");
        assertEquals("indefinite-hessian", newton.warnings().get(0).kind());
        assertEquals(1, newton.warnings().get(0).step(), "warned from the first step");
        for (OptimizerResult other : List.of(r.get(1), r.get(2))) {
            assertEquals(Math.sqrt(2), Math.abs(other.theta()[1]), 1e-3, other.label() + " ends in a minimum");
            assertTrue(other.loss()[other.loss().length - 1] < -0.999, other.label());
        }
    }

    @Test
    void perStepBatchWinsAndPerEpochSgdWins() throws Exception {
        List<OptimizerResult> r = run("batch-minibatch-sgd");
        OptimizerResult batch = r.get(0);
        OptimizerResult sgd = r.get(2);
        assertTrue(batch.loss().length >= 300 && sgd.loss().length >= 300, "every curve has 300 points or more");
        double batchFinal = batch.loss()[batch.loss().length - 1];
        double sgdFinal = sgd.loss()[sgd.loss().length - 1];
        // per step: after the same 3000 steps batch GD is lower (measured 0.068 against 0.113)
        assertTrue(batchFinal < 0.8 * sgdFinal, "per step: batch " + batchFinal + ", SGD " + sgdFinal);
        // per epoch: SGD's 3000 steps are 7.5 epochs; batch GD's loss at 10 epochs (step 10) is still far above
        double batchAt10Epochs = Double.NaN;
        for (int i = 0; i < batch.steps().length; i++) {
            if (batch.steps()[i] == 10) {
                batchAt10Epochs = batch.loss()[i];
            }
        }
        assertTrue(sgdFinal < 0.5 * batchAt10Epochs, "per epoch: SGD at 7.5 epochs " + sgdFinal
                + ", batch GD at 10 epochs " + batchAt10Epochs);
    }

    @Test
    void adamWithoutBiasCorrectionTakesAFirstStepOfAbout316Epsilon() throws Exception {
        List<OptimizerResult> r = run("adam-bias-correction");
        double epsilon = 0.05;
        for (int c = 0; c < 2; c++) {
            double corrected = Math.abs(r.get(0).path()[1][c] - r.get(0).path()[0][c]);
            double uncorrected = Math.abs(r.get(1).path()[1][c] - r.get(1).path()[0][c]);
            // ε (1 − ρ₁) / √(1 − ρ₂) = 0.05 · 0.1 / √0.001 = 0.158; the corrected step is ε (δ = 1e-8 aside)
            assertEquals(epsilon, corrected, 1e-6, "corrected: ε in coordinate " + c);
            assertEquals(epsilon * 0.1 / Math.sqrt(0.001), uncorrected, 0.01 * 3.16 * epsilon,
                    "uncorrected: 3.16 ε in coordinate " + c);
        }
    }

    @Test
    void theExactGradientKeepsDescendingWhileTheNoisyOneStopsAtAFloor() throws Exception {
        List<OptimizerResult> r = run("sgd-variance");
        double exact = r.get(0).loss()[r.get(0).loss().length - 1];
        double noisyFloor = floor(r.get(1).loss());
        // measured: exact 3e-45 after 1000 steps; the noisy run's floor 0.035
        assertTrue(exact < 1e-6, "the exact run converges: " + exact);
        assertTrue(noisyFloor > 1000 * exact && noisyFloor > 1e-3, "the noisy run stays at a floor: " + noisyFloor);
    }

    @Test
    void theOneOverKScheduleHasALowerNoiseFloorThanAConstantRateOnEveryOfThreeSeeds() throws Exception {
        ExperimentDocument doc = document("decaying-rate");
        for (long seed = 1; seed <= 3; seed++) {
            List<OptimizerResult> r = ExperimentRunner.run(new ExperimentDocument(doc.schemaVersion(), doc.name(), seed,
                    doc.steps(), doc.recordEvery(), doc.problem(), doc.optimizers(), doc.stop(), null)).results();
            double constant = floor(r.get(0).loss());
            double inverse = floor(r.get(1).loss());
            // measured: 0.099, 0.098, 0.098 against 0.0012, 0.0018, 0.0010
            assertTrue(inverse < constant / 10, "seed " + seed + ": 1/k floor " + inverse + ", constant " + constant);
        }
    }

    /** The mean loss over the last 10% of the records. */
    static double floor(double[] loss) {
        int n = loss.length;
        double sum = 0;
        for (int i = n - n / 10; i < n; i++) {
            sum += loss[i];
        }
        return sum / (n / 10);
    }

    static double longestStep(double[][] p) {
        double longest = 0;
        for (int i = 1; i < p.length; i++) {
            longest = Math.max(longest, Math.hypot(p[i][0] - p[i - 1][0], p[i][1] - p[i - 1][1]));
        }
        return longest;
    }

    @Test
    void atTheCliffUnclippedGradientDescentIsThrownAwayAndClippedGradientDescentIsNot() throws Exception {
        List<OptimizerResult> r = run("cliff-clipping");
        double[][] plain = r.get(0).path();
        double[][] clipped = r.get(1).path();
        // measured: unclipped 45.0 (thrown to x = −46), clipped 1.0; the minimum is at x* ≈ −1.64
        assertTrue(longestStep(plain) > 10, "unclipped: thrown far, " + longestStep(plain));
        assertTrue(longestStep(clipped) <= 2.0 * 0.5 + 1e-12, "clipped: no step longer than ε v = 1, " + longestStep(clipped));
        double leftmost = 0;
        for (double[] p : plain) {
            leftmost = Math.min(leftmost, p[0]);
        }
        assertTrue(leftmost < -8, "unclipped leaves the plot: x = " + leftmost);
        assertEquals(-1.64, r.get(1).theta()[0], 0.2, "clipped ends at the foot of the wall");
    }

    @Test
    void adaGradsStepsShrinkWhileRmsPropsDoNot() throws Exception {
        List<OptimizerResult> r = run("rmsprop-vs-adagrad");
        double[][] adagrad = r.get(0).path();
        double[][] rmsprop = r.get(1).path();
        // measured: AdaGrad's mean step 0.081 over the first 10 steps, 0.00064 over the last 1000; RMSProp's 0.014
        assertTrue(meanStep(adagrad, 2000, 3000) < meanStep(adagrad, 0, 10) / 50, "AdaGrad's steps shrink");
        assertTrue(meanStep(adagrad, 2000, 3000) < meanStep(rmsprop, 2000, 3000) / 10, "below RMSProp's by 10×");
        double[] a = r.get(0).theta();
        double[] b = r.get(1).theta();
        assertTrue(Math.hypot(b[0] - 1, b[1] - 1) < 0.1, "RMSProp reaches the minimum (1, 1)");
        assertTrue(Math.hypot(a[0] - 1, a[1] - 1) > 0.5, "AdaGrad stalls far from it");
    }

    /** The gradient of a 2-D function at θ. */
    static double[] gradient(TestFunction f, double[] theta) {
        double[] g = new double[2];
        f.gradient(theta, g);
        return g;
    }

    static double[] gradient(String function, double[] theta) {
        return gradient(TestFunctions.byId(function), theta);
    }

    /** The lesson's own quadratic, ½ θᵀAθ − bᵀθ with its A and b. */
    static TestFunction quadraticOf(ExperimentDocument d) {
        ProblemSpec.FunctionSpec p = (ProblemSpec.FunctionSpec) d.problem();
        return new org.optlab.engine.function.Quadratic(p.a(), p.b());
    }

    /**
     * The effective learning rates of AdaGrad (ε / (δ + √r)) and RMSProp (ε / √(δ + r)) per coordinate before step k,
     * recomputed from the recorded path and the function's gradient (r from the gradients at θ₀ … θ_{k−1}).
     */
    static double[] adaGradRate(double[][] path, String function, double epsilon, double delta, int k) {
        return adaGradRate(path, TestFunctions.byId(function), epsilon, delta, k);
    }

    static double[] adaGradRate(double[][] path, TestFunction function, double epsilon, double delta, int k) {
        double[] r = new double[2];
        for (int i = 0; i < k; i++) {
            double[] g = gradient(function, path[i]);
            r[0] += g[0] * g[0];
            r[1] += g[1] * g[1];
        }
        return new double[] {epsilon / (delta + Math.sqrt(r[0])), epsilon / (delta + Math.sqrt(r[1]))};
    }

    static double[] rmsPropRate(double[][] path, String function, double epsilon, double rho, double delta, int k) {
        double[] r = new double[2];
        for (int i = 0; i < k; i++) {
            double[] g = gradient(function, path[i]);
            r[0] = rho * r[0] + (1 - rho) * g[0] * g[0];
            r[1] = rho * r[1] + (1 - rho) * g[1] * g[1];
        }
        return new double[] {epsilon / Math.sqrt(delta + r[0]), epsilon / Math.sqrt(delta + r[1])};
    }

    @Test
    void adaGradsEffectiveRateAtStep1000IsFarBelowRmsProps() throws Exception {
        List<OptimizerResult> r = run("rmsprop-vs-adagrad");
        double[][] adagrad = r.get(0).path();
        double[][] rmsprop = r.get(1).path();
        // the recomputed rates are the engine's: θ_k − θ_{k−1} = −rate · g(θ_{k−1}) in each coordinate
        for (int k : new int[] {1, 10, 1000}) {
            double[] g = gradient("rosenbrock", adagrad[k - 1]);
            double[] rate = adaGradRate(adagrad, "rosenbrock", 0.5, 1e-7, k);
            assertEquals(-rate[0] * g[0], adagrad[k][0] - adagrad[k - 1][0], 1e-9 * Math.abs(rate[0] * g[0]) + 1e-15);
            double[] gr = gradient("rosenbrock", rmsprop[k - 1]);
            double[] rr = rmsPropRate(rmsprop, "rosenbrock", 0.01, 0.9, 1e-6, k);
            assertEquals(-rr[1] * gr[1], rmsprop[k][1] - rmsprop[k - 1][1], 1e-9 * Math.abs(rr[1] * gr[1]) + 1e-15);
        }
        double[] a = adaGradRate(adagrad, "rosenbrock", 0.5, 1e-7, 1000);
        double[] b = rmsPropRate(rmsprop, "rosenbrock", 0.01, 0.9, 1e-6, 1000);
        double[] a1 = adaGradRate(adagrad, "rosenbrock", 0.5, 1e-7, 1);
        double[] b1 = rmsPropRate(rmsprop, "rosenbrock", 0.01, 0.9, 1e-6, 1);
        System.out.printf("rates at step 1: AdaGrad %.3g %.3g, RMSProp %.3g %.3g; at step 1000: AdaGrad %.3g %.3g,"
                + " RMSProp %.3g %.3g%n", a1[0], a1[1], b1[0], b1[1], a[0], a[1], b[0], b[1]);
        // measured at step 1000: AdaGrad 0.00031 and 0.0012, RMSProp 0.0027 and 0.0040 (8.8 and 3.2 times higher)
        assertTrue(a[0] < b[0] / 5, "x: AdaGrad " + a[0] + ", RMSProp " + b[0]);
        assertTrue(a[1] < b[1] / 2.5, "y: AdaGrad " + a[1] + ", RMSProp " + b[1]);
        // the steep start set both rates low; RMSProp's recovers as it forgets, AdaGrad's never does
        for (int c = 0; c < 2; c++) {
            assertTrue(a[c] <= a1[c], "AdaGrad's rate never grows back, coordinate " + c);
            assertTrue(b[c] > 20 * b1[c], "RMSProp's rate recovers, coordinate " + c + ": " + b1[c] + " then " + b[c]);
        }
    }

    @Test
    void adaGradGivesTheSteepCoordinateASmallerRateAndEveryRateShrinks() throws Exception {
        TestFunction f = quadraticOf(document("adagrad-per-coordinate"));
        List<OptimizerResult> r = run("adagrad-per-coordinate");
        OptimizerResult gd = r.get(0);
        OptimizerResult adagrad = r.get(1);
        double[][] p = adagrad.path();
        double[] first = adaGradRate(p, f, 0.5, 1e-7, 1);
        double[] later = adaGradRate(p, f, 0.5, 1e-7, 30);
        // the quadratic's gradient is (x, 20 y); the engine's steps are −rate · g with these rates
        for (int k : new int[] {1, 5, 30}) {
            double[] rate = adaGradRate(p, f, 0.5, 1e-7, k);
            assertEquals(-rate[1] * 20 * p[k - 1][1], p[k][1] - p[k - 1][1], 1e-9);
            assertEquals(-rate[0] * p[k - 1][0], p[k][0] - p[k - 1][0], 1e-9);
        }
        System.out.printf("AdaGrad rates: step 1 %.3g %.3g, step 30 %.3g %.3g; GD %d crossings, %d steps; AdaGrad %d, %d%n",
                first[0], first[1], later[0], later[1], crossings(gd.path()), stepsTo(gd, 1e-6), crossings(p),
                stepsTo(adagrad, 1e-6));
        for (int k = 1; k <= 30; k++) {
            double[] rate = adaGradRate(p, f, 0.5, 1e-7, k);
            assertTrue(rate[1] < rate[0] / 5, "step " + k + ": the steep coordinate's rate " + rate[1] + ", the flat's "
                    + rate[0]);
        }
        // measured: the flat coordinate's rate 0.278 at step 1, 0.179 at step 30 (the steep one's 0.025, 0.021)
        assertTrue(later[0] < 0.75 * first[0], "the flat coordinate's rate has lost a quarter or more: " + later[0]);
        assertTrue(later[1] <= first[1], "the steep coordinate's never grows");
        assertTrue(crossings(gd.path()) >= 15, "GD zig-zags: " + crossings(gd.path()));
        assertTrue(crossings(p) <= 1, "AdaGrad does not: " + crossings(p));
        assertTrue(stepsTo(adagrad, 1e-6) <= 0.7 * stepsTo(gd, 1e-6));
    }

    @Test
    void rmsPropWithNesterovMomentumReachesTheMinimumWherePlainRmsPropIsStillOnItsWay() throws Exception {
        List<OptimizerResult> r = run("rmsprop-nesterov");
        OptimizerResult plain = r.get(0);
        OptimizerResult nesterov = r.get(1);
        double plainFinal = plain.loss()[plain.loss().length - 1];
        double nesterovFinal = nesterov.loss()[nesterov.loss().length - 1];
        // measured: with Nesterov loss < 1e-3 from step 643, ends at 6e-5; plain RMSProp ends at 1.33
        assertTrue(stepsTo(nesterov, 1e-3) <= 1000, "RMSProp + Nesterov: " + stepsTo(nesterov, 1e-3));
        assertTrue(Math.hypot(nesterov.theta()[0] - 1, nesterov.theta()[1] - 1) < 0.01, "it ends at (1, 1)");
        assertTrue(plainFinal > 0.5 && plainFinal > 1000 * nesterovFinal, "plain RMSProp " + plainFinal);
    }

    static double last(OptimizerResult r) {
        return r.loss()[r.loss().length - 1];
    }

    static double distance(double[] theta, double x, double y) {
        return Math.hypot(theta[0] - x, theta[1] - y);
    }

    @Test
    void theFiveClassicsEndInTheOrderTheSlideTells() throws Exception {
        List<OptimizerResult> r = run("five-classics");
        List<String> labels = r.stream().map(OptimizerResult::label).toList();
        assertEquals(List.of("GD", "Momentum", "AdaGrad", "RMSProp", "Adam"), labels);
        OptimizerResult gd = r.get(0);
        OptimizerResult momentum = r.get(1);
        OptimizerResult adagrad = r.get(2);
        OptimizerResult rmsprop = r.get(3);
        OptimizerResult adam = r.get(4);
        // measured final losses: momentum 0.0055 < RMSProp 0.026 < Adam 0.13 < AdaGrad 1.8 < GD 5.0
        List<OptimizerResult> order = List.of(momentum, rmsprop, adam, adagrad, gd);
        for (int i = 1; i < order.size(); i++) {
            assertTrue(last(order.get(i)) > 2 * last(order.get(i - 1)), order.get(i).label() + " " + last(order.get(i))
                    + " against " + order.get(i - 1).label() + " " + last(order.get(i - 1)));
        }
        assertTrue(distance(momentum.theta(), 1, 1) < 0.25 && distance(rmsprop.theta(), 1, 1) < 0.25, "arrive");
        assertTrue(distance(adagrad.theta(), 1, 1) > 1 && distance(gd.theta(), 1, 1) > 1.5, "far from (1, 1)");
    }

    @Test
    void newtonsFirstStepOnAQuadraticLandsOnTheMinimum() throws Exception {
        ExperimentDocument d = document("newton-quadratic");
        ProblemSpec.FunctionSpec p = (ProblemSpec.FunctionSpec) d.problem();
        double[][] a = p.a();
        double[] b = p.b();
        // A⁻¹b by Cramer's rule
        double det = a[0][0] * a[1][1] - a[0][1] * a[1][0];
        double[] star = {(b[0] * a[1][1] - a[0][1] * b[1]) / det, (a[0][0] * b[1] - a[1][0] * b[0]) / det};
        List<OptimizerResult> r = ExperimentRunner.run(d).results();
        double[][] newton = r.get(1).path();
        assertEquals(star[0], newton[1][0], 1e-12);
        assertEquals(star[1], newton[1][1], 1e-12, "Newton's θ₁ = A⁻¹b");
        double[][] gd = r.get(0).path();
        int k = 0;
        while (k < gd.length && distance(gd[k], star[0], star[1]) > 1e-6) {
            k++;
        }
        System.out.println("GD within 1e-6 of A⁻¹b at step " + k);
        assertTrue(k >= 20 && k < gd.length, "gradient descent needs dozens of steps: " + k);
    }

    @Test
    void beyondTwoOverLambdaMaxGradientDescentDivergesAndBelowItCrawls() throws Exception {
        List<OptimizerResult> r = run("ill-conditioning");
        OptimizerResult stable = r.get(0);
        OptimizerResult unstable = r.get(1);
        // measured: ε = 0.039 reaches 1e-6 at step 183; ε = 0.042 diverges at step 75 with y = 1156
        assertEquals("completed", stable.status());
        assertTrue(last(stable) < 1e-10, "ε < 2/λmax converges: " + last(stable));
        assertTrue(stepsTo(stable, 1e-6) >= 150, "but slowly: " + stepsTo(stable, 1e-6));
        assertEquals("diverged", unstable.status());
        double[][] p = unstable.path();
        assertTrue(Math.abs(p[p.length - 1][1]) > 10 * Math.abs(p[0][1]), "thrown out along the steep direction");
    }

    /** The six-hump camel written out here, apart from the engine: (4 − 2.1x² + x⁴/3)x² + xy + (−4 + 4y²)y². */
    static double camel(double x, double y) {
        return (4 - 2.1 * x * x + Math.pow(x, 4) / 3) * x * x + x * y + (-4 + 4 * y * y) * y * y;
    }

    /** Its gradient by hand: (8x − 8.4x³ + 2x⁵ + y, x − 8y + 16y³). */
    static double[] camelGradient(double x, double y) {
        return new double[] {8 * x - 8.4 * Math.pow(x, 3) + 2 * Math.pow(x, 5) + y, x - 8 * y + 16 * Math.pow(y, 3)};
    }

    @Test
    void theStartDecidesWhichMinimumGradientDescentFinds() throws Exception {
        ExperimentDocument d = document("local-minima");
        List<OptimizerResult> r = ExperimentRunner.run(d).results();
        double[][] starts = {{-2, 0}, {-2, -1}, {-1, 0}, {2, -1}};
        assertEquals(5, r.size(), "four GD cards and momentum");
        List<double[]> ends = new java.util.ArrayList<>();
        java.util.Set<Long> heights = new java.util.TreeSet<>();
        for (int k = 0; k < 4; k++) {
            OptimizerResult gd = r.get(k);
            assertEquals("sgd", gd.algorithm());
            // each card ran from its own start: the first point of its path
            assertEquals(starts[k][0], gd.path()[0][0], 0, gd.label());
            assertEquals(starts[k][1], gd.path()[0][1], 0, gd.label());
            double[] end = gd.theta();
            double[] g = camelGradient(end[0], end[1]);
            assertTrue(Math.hypot(g[0], g[1]) < 1e-4, gd.label() + " ends at a stationary point: ‖g‖ = "
                    + Math.hypot(g[0], g[1]));
            // the height the formula gives there is the loss the run recorded
            assertEquals(camel(end[0], end[1]), last(gd), 1e-9, gd.label());
            // a minimum, not a saddle: the Hessian by hand is positive definite
            double hxx = 8 - 25.2 * end[0] * end[0] + 10 * Math.pow(end[0], 4);
            double hyy = -8 + 48 * end[1] * end[1];
            assertTrue(hxx > 0 && hxx * hyy - 1 > 0, gd.label() + " ends in a minimum");
            for (double[] e : ends) {
                assertTrue(distance(e, end[0], end[1]) > 0.5, gd.label() + " ends at another minimum");
            }
            ends.add(end);
            heights.add(Math.round(last(gd) * 100));
        }
        assertEquals(3, heights.size(), "four minima of three heights: " + heights);
        // the camel's three heights of minima (its known values): −1.0316, −0.2155, 2.1043
        for (long h : heights) {
            assertTrue(h == -103 || h == -22 || h == 210, "a known minimum's height: " + h / 100.0);
        }
        // GD from (−2, 0) stops in a local minimum; momentum from the problem's start (−2, 0) rolls on into the lowest
        OptimizerResult momentum = r.get(4);
        assertEquals(-2, momentum.path()[0][0], 0);
        assertEquals(0, momentum.path()[0][1], 0);
        assertEquals(-0.2155, last(r.get(0)), 1e-3, "GD from (−2, 0) ends in a local minimum");
        assertEquals(-1.0316, last(momentum), 1e-3, "momentum rolls on into the lowest");
        System.out.println("local minima: GD ends " + ends.stream().map(java.util.Arrays::toString).toList()
                + " at heights " + heights);
    }

    @Test
    void allZeroWeightsStayOnThePlateauAndRandomOnesLeaveIt() throws Exception {
        ExperimentDocument d = document("zero-initialisation");
        List<OptimizerResult> r = ExperimentRunner.run(d).results();
        for (OptimizerResult o : r) {
            // measured: 0.6933 and 0.6932; ln 2 = 0.6931 is the loss of the constant guess 1/2
            assertEquals(Math.log(2), last(o), 0.01, o.label() + " stays at the constant guess's loss");
            long moved = java.util.Arrays.stream(o.theta()).filter(t -> t != 0).count();
            assertTrue(moved <= 1, o.label() + ": only the output bias moves, " + moved + " weights moved");
        }
        ProblemSpec.DatasetSpec p = (ProblemSpec.DatasetSpec) d.problem();
        ExperimentDocument.ModelSpec m = p.model();
        ExperimentDocument glorot = new ExperimentDocument(1, d.name(), d.seed(), d.steps(), null, new ProblemSpec.DatasetSpec(
                p.dataset(), p.n(), p.noise(), null, null, null, null, null, null, p.validationFraction(),
                new ExperimentDocument.ModelSpec(m.type(), m.hidden(), m.activation(), Init.GLOROT, null)),
                d.optimizers(), null, null);
        OptimizerResult adam = ExperimentRunner.run(glorot).results().get(1);
        System.out.println("Glorot: Adam ends at " + last(adam));
        assertTrue(last(adam) < 0.35, "random weights break the symmetry: " + last(adam));
    }

    @Test
    void trainingLossKeepsFallingWhileTheHeldOutLossTurnsAround() throws Exception {
        OptimizerResult r = run("j-vs-jstar").get(0);
        double[] validation = r.metrics().get("validationLoss");
        double lowest = java.util.Arrays.stream(validation).min().orElseThrow();
        double end = validation[validation.length - 1];
        // measured: J ends at 0.00018; the validation loss falls to 0.20, then rises to 1.46
        assertTrue(last(r) < 0.01, "J falls to nearly 0: " + last(r));
        assertTrue(end > 3 * lowest, "the held-out loss turns around: " + lowest + " then " + end);
        assertTrue(end > 100 * last(r), "J* is far above J at the end");
    }

    @Test
    void onAFreshTestSetFromTheGeneratorJStarRisesWhileJFalls() throws Exception {
        ExperimentDocument d = document("j-vs-jstar");
        ExperimentPlan plan = ExperimentPlan.prepare(d);
        // the test set: 2000 points of its own, none of them a training or validation point
        assertEquals(2000, plan.test().size());
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (var e : new org.optlab.engine.model.Examples[] {plan.split().train(), plan.split().validation()}) {
            for (int i = 0; i < e.size(); i++) {
                seen.add(e.x(i, 0) + "," + e.x(i, 1));
            }
        }
        for (int i = 0; i < plan.test().size(); i++) {
            assertTrue(!seen.contains(plan.test().x(i, 0) + "," + plan.test().x(i, 1)), "a fresh point");
        }
        // drawn from the same generator with another seed, standardised with the training split's mean and deviation
        org.optlab.dataset.Dataset fresh = ExperimentPlan.freshTestData(d);
        org.optlab.dataset.Dataset data = ExperimentPlan.loadData(d, DatasetResolver.NONE);
        assertEquals(data.name(), fresh.name());
        double[] mean = plan.split().featureMean();
        double[] std = plan.split().featureStd();
        for (int i = 0; i < fresh.size(); i++) {
            for (int f = 0; f < 2; f++) {
                assertEquals((fresh.x()[2 * i + f] - mean[f]) / std[f], plan.test().x(i, f), 1e-12);
            }
        }
        OptimizerResult r = ExperimentRunner.run(d).results().get(0);
        double[] jStar = r.metrics().get("testLoss");
        double[] j = r.loss();
        assertEquals(j.length, jStar.length, "J* recorded with every J");
        int best = 0;
        for (int k = 1; k < jStar.length; k++) {
            if (jStar[k] < jStar[best]) {
                best = k;
            }
        }
        double end = jStar[jStar.length - 1];
        System.out.println("J*: lowest " + jStar[best] + " at step " + r.steps()[best] + " (J " + j[best] + "), ends "
                + end + " (J " + last(r) + ")");
        // from J*'s lowest point to the end J keeps falling and J* rises
        assertTrue(best < jStar.length / 2, "J* turns around in the first half: step " + r.steps()[best]);
        assertTrue(last(r) < j[best] / 100, "J falls on by a factor > 100: " + j[best] + " then " + last(r));
        assertTrue(end > 3 * jStar[best], "J* rises > 3×: " + jStar[best] + " then " + end);
        assertTrue(end > 100 * last(r), "J* far above J at the end");
        // the fresh test set and the held-out one estimate the same J*: at the start, before any fitting, within 20%
        double v0 = r.metrics().get("validationLoss")[0];
        assertEquals(v0, jStar[0], 0.2 * v0, "J* at θ₀ on 2000 fresh points and on 60 held-out ones");
    }

    @Test
    void onThePlateauGradientDescentCreepsWhereMomentumAndAdamCross() throws Exception {
        List<OptimizerResult> r = run("plateau");
        OptimizerResult gd = r.get(0);
        OptimizerResult momentum = r.get(1);
        OptimizerResult adam = r.get(2);
        double gdMoved = distance(gd.path()[100], gd.path()[0][0], gd.path()[0][1]);
        double adamMoved = distance(adam.path()[100], adam.path()[0][0], adam.path()[0][1]);
        // measured: in 100 steps GD moves 0.10, Adam 4.1; steps to loss < 0.01: GD 342, momentum 66, Adam 36
        assertTrue(gdMoved < 0.2, "GD creeps: " + gdMoved);
        assertTrue(adamMoved > 3, "Adam crosses: " + adamMoved);
        assertTrue(stepsTo(adam, 0.01) <= 60, "Adam: " + stepsTo(adam, 0.01));
        assertTrue(stepsTo(momentum, 0.01) <= 100, "momentum: " + stepsTo(momentum, 0.01));
        assertTrue(stepsTo(gd, 0.01) >= 3 * stepsTo(momentum, 0.01) && stepsTo(gd, 0.01) >= 5 * stepsTo(adam, 0.01)
                && stepsTo(gd, 0.01) < Long.MAX_VALUE, "GD arrives, but late: " + stepsTo(gd, 0.01));
        for (int i = 0; i < gd.loss().length && gd.steps()[i] <= 300; i++) {
            assertTrue(gd.loss()[i] > 0.9, "GD's loss lies flat near 1 for 300 steps: " + gd.loss()[i] + " at step "
                    + gd.steps()[i]);
        }
    }
}

package org.optlab.lab;

import java.util.ArrayList;
import java.util.List;
import org.optlab.engine.OptimizerState;

/**
 * One update of a 2-D run taken apart into arrows, for step mode: where it started (θ before the step), what it did
 * (Δθ), and the parts the lecture's box adds up.
 *
 * <ul>
 *   <li>Momentum (8.2): v ← αv − εg, θ ← θ + v. The step is the old velocity's share αv (drawn from θ) plus the gradient
 *       step −εg (drawn from its tip): Δθ = αv − εg.</li>
 *   <li>Nesterov (8.3) and RMSProp with Nesterov (8.6): the gradient is taken at the interim point θ̃ = θ + αv: the arrow
 *       αv runs from θ to θ̃, and the gradient step from θ̃ (labelled g(θ̃)) ends where θ lands.</li>
 *   <li>Gradient descent (8.1): Δθ = −εg, one arrow.</li>
 *   <li>AdaGrad, RMSProp, Adam (8.4, 8.5, 8.7): the direction of steepest descent −g, drawn as long as the step, dashed,
 *       beside the step the method actually takes, Δθ: how far the per-parameter rates turn it.</li>
 *   <li>Newton (8.8): Δθ = −H⁻¹g.</li>
 * </ul>
 */
public final class StepArrows {

    private StepArrows() {
    }

    /** An arrow from (x1, y1) to (x2, y2); {@code part}: a component of the step (drawn dashed), not the step itself. */
    public record Arrow(String label, double x1, double y1, double x2, double y2, boolean part) {
        public double length() {
            return Math.hypot(x2 - x1, y2 - y1);
        }
    }

    /**
     * The arrows of the update from θ = {@code before} to {@code after}, with the optimizer's state after it; none when
     * the run did not move (it had ended) or the problem is not 2-D.
     */
    public static List<Arrow> of(double[] before, double[] after, OptimizerState s) {
        List<Arrow> arrows = new ArrayList<>();
        if (before == null || after == null || before.length != 2 || after.length != 2) {
            return arrows;
        }
        double[] delta = {after[0] - before[0], after[1] - before[1]};
        double[] g = s.vector("g");
        double epsilon = s.scalar("ε_k");
        double[] tilde = s.vector("θ̃");
        double[] v = s.vector("v");
        if (tilde != null && v != null) {
            // θ̃ = θ + αv: the velocity's share; the rest of Δθ is the gradient step taken at θ̃
            arrows.add(new Arrow("αv", before[0], before[1], tilde[0], tilde[1], true));
            arrows.add(new Arrow("−εg(θ̃)", tilde[0], tilde[1], after[0], after[1], true));
        } else if (v != null && g != null && Double.isFinite(epsilon)) {
            double[] gradientStep = {-epsilon * g[0], -epsilon * g[1]};
            double[] share = {delta[0] - gradientStep[0], delta[1] - gradientStep[1]};
            double[] tip = {before[0] + share[0], before[1] + share[1]};
            arrows.add(new Arrow("αv", before[0], before[1], tip[0], tip[1], true));
            arrows.add(new Arrow("−εg", tip[0], tip[1], after[0], after[1], true));
        } else if (g != null && Double.isFinite(epsilon) && s.vectors().size() > 1) {
            // an adaptive method: the direction of steepest descent −g, as long as the step it takes, so that the turn
            // its per-parameter rates give the step shows (−εg itself can be a hundred times longer than Δθ)
            double gNorm = Math.hypot(g[0], g[1]);
            double scale = gNorm > 0 ? Math.hypot(delta[0], delta[1]) / gNorm : 0;
            arrows.add(new Arrow("−g direction", before[0], before[1], before[0] - scale * g[0],
                    before[1] - scale * g[1], true));
        }
        arrows.add(new Arrow("Δθ", before[0], before[1], after[0], after[1], false));
        return arrows;
    }
}

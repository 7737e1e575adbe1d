package org.optlab.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.optlab.engine.RunListener;
import org.optlab.engine.Trainer;
import org.optlab.experiment.DocumentReader;
import org.optlab.experiment.ExperimentPlan;

/** Step mode's arrows against the lecture's boxes worked by hand on f = ½θᵀdiag(1, 10)θ, where g = (x, 10y). */
class StepArrowsTest {

    private static final String DOC = """
            {"schemaVersion": 1, "seed": 1, "steps": 10,
             "problem": {"function": "quadratic", "a": [[1, 0], [0, 10]], "b": [0, 0], "start": [1, 1]},
             "optimizers": [
               {"label": "Momentum", "algorithm": "momentum", "learningRate": 0.05, "momentum": 0.5},
               {"label": "Nesterov", "algorithm": "nesterov", "learningRate": 0.05, "momentum": 0.5},
               {"label": "GD", "algorithm": "sgd", "learningRate": 0.05},
               {"label": "Adam", "algorithm": "adam", "learningRate": 0.1}]}
            """;

    /** Optimizer i after two updates: the arrows of the second. */
    private static List<StepArrows.Arrow> secondStep(int i) throws Exception {
        Trainer t = ExperimentPlan.prepare(DocumentReader.read(DOC).document()).trainer(i, new RunListener() { });
        t.advance(1);
        double[] before = t.theta();
        t.advance(1);
        return StepArrows.of(before, t.theta(), t.optimizerState());
    }

    private static StepArrows.Arrow find(List<StepArrows.Arrow> arrows, String label) {
        return arrows.stream().filter(a -> a.label().equals(label)).findFirst()
                .orElseThrow(() -> new AssertionError("no arrow " + label + " in " + arrows));
    }

    @Test
    void momentumsStepIsTheOldVelocitysShareThenTheGradientStep() throws Exception {
        // step 1 from (1, 1): g = (1, 10), v₁ = −0.05 g = (−0.05, −0.5), θ₁ = (0.95, 0.5)
        // step 2: αv₁ = (−0.025, −0.25); g(θ₁) = (0.95, 5), −εg = (−0.0475, −0.25); θ₂ = (0.8775, 0)
        List<StepArrows.Arrow> a = secondStep(0);
        StepArrows.Arrow share = find(a, "αv");
        assertEquals(0.95, share.x1(), 1e-15);
        assertEquals(0.5, share.y1(), 1e-15);
        assertEquals(0.95 - 0.025, share.x2(), 1e-15);
        assertEquals(0.25, share.y2(), 1e-15);
        StepArrows.Arrow gradient = find(a, "−εg");
        assertEquals(Math.hypot(0.0475, 0.25), gradient.length(), 1e-15);
        assertEquals(0.8775, gradient.x2(), 1e-15);
        assertEquals(0, gradient.y2(), 1e-15);
        StepArrows.Arrow delta = find(a, "Δθ");
        assertEquals(Math.hypot(0.0725, 0.5), delta.length(), 1e-15);
        assertEquals(false, delta.part());
        assertEquals(3, a.size());
    }

    @Test
    void nesterovTakesItsGradientAtTheInterimPoint() throws Exception {
        // step 1 as momentum (v₀ = 0: θ̃ = θ₀): θ₁ = (0.95, 0.5), v₁ = (−0.05, −0.5)
        // step 2: θ̃ = θ₁ + 0.5 v₁ = (0.925, 0.25); g(θ̃) = (0.925, 2.5); −εg(θ̃) = (−0.04625, −0.125)
        List<StepArrows.Arrow> a = secondStep(1);
        StepArrows.Arrow share = find(a, "αv");
        assertEquals(0.925, share.x2(), 1e-15);
        assertEquals(0.25, share.y2(), 1e-15);
        StepArrows.Arrow gradient = find(a, "−εg(θ̃)");
        assertEquals(0.925, gradient.x1(), 1e-15);
        assertEquals(Math.hypot(0.04625, 0.125), gradient.length(), 1e-15);
        assertEquals(0.925 - 0.04625, find(a, "Δθ").x2(), 1e-15);
    }

    @Test
    void gradientDescentIsOneArrowAndAdamsStepIsShownBesideThePlainGradientStep() throws Exception {
        List<StepArrows.Arrow> gd = secondStep(2);
        assertEquals(List.of("Δθ"), gd.stream().map(StepArrows.Arrow::label).toList());
        // θ₁ = (0.95, 0.5): Δθ = −0.05 (0.95, 5)
        assertEquals(Math.hypot(0.0475, 0.25), gd.get(0).length(), 1e-15);
        List<StepArrows.Arrow> adam = secondStep(3);
        assertEquals(List.of("−g direction", "Δθ"), adam.stream().map(StepArrows.Arrow::label).toList());
        assertEquals(true, adam.get(0).part());
        // as long as Δθ, along −g(θ₁): Adam's first step is −ε g/(√(g²) + δ) ≈ −0.1 (1, 1), so θ₁ ≈ (0.9, 0.9) and
        // g(θ₁) ≈ (0.9, 9)
        assertEquals(adam.get(1).length(), adam.get(0).length(), 1e-15);
        double dx = adam.get(0).x2() - adam.get(0).x1();
        double dy = adam.get(0).y2() - adam.get(0).y1();
        assertEquals(10, dy / dx, 1e-6);
        assertEquals(true, dx < 0);
    }

    @Test
    void aRunThatDidNotMoveOrIsNotTwoDimensionalHasNoArrows() {
        assertEquals(List.of(), StepArrows.of(null, new double[] {1, 2}, null));
        assertEquals(List.of(), StepArrows.of(new double[] {1, 2, 3}, new double[] {1, 2, 3}, null));
    }
}

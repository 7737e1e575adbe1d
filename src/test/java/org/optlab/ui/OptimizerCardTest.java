package org.optlab.ui;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.mvysny.kaributesting.v10.HasValueUtilsKt;
import com.github.mvysny.kaributesting.v10.LocatorJ;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.NumberField;
import com.vaadin.flow.component.textfield.TextField;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.optlab.engine.Algorithm;
import org.optlab.engine.Algorithm.Hyper;
import org.optlab.experiment.ExperimentDocument.OptimizerSpec;
import org.optlab.experiment.ExperimentDocument.ScheduleSpec;
import org.optlab.experiment.ScheduleType;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.TestPropertySource;

/**
 * An optimizer card as the student uses it (Karibu, on the lab page): each kind of field edits the tab's experiment
 * document, an algorithm shows the fields of the hyper-parameters it reads, and a violation of the validator is shown at
 * the field its path names and goes when the value is corrected. The card is read from the page by labels and the
 * document from the tab's session.
 */
@SpringBootTest
@TestPropertySource(properties = "optlab.push-millis=3600000")
class OptimizerCardTest extends KaribuTestBase {

    LabView view;

    @BeforeEach
    void setUp() {
        view = openLab(); // the five classics on Rosenbrock from (−2, 2): GD, momentum, AdaGrad, RMSProp, Adam
    }

    /** Optimizer i of the experiment the tab's form describes. */
    OptimizerSpec optimizer(int i) {
        return view.session().document().optimizers().get(i);
    }

    @SuppressWarnings("unchecked")
    static <V> Select<V> cardSelect(OptimizerCard card, String label) {
        return LocatorJ._get(card, Select.class, spec -> spec.withLabel(label));
    }

    static IntegerField tau(OptimizerCard card) {
        return LocatorJ._get(card, IntegerField.class, spec -> spec.withLabel("τ (steps)"));
    }

    @Test
    void eachKindOfFieldEditsTheDocumentsOptimizer() {
        OptimizerCard momentum = cards().get(1);
        HasValueUtilsKt._setValue(field(momentum, "momentum α"), 0.5); // typed, as the browser sends it
        assertEquals(0.5, optimizer(1).hyper(Hyper.MOMENTUM), "a hyper-parameter");

        LocatorJ._get(momentum, TextField.class, spec -> spec.withLabel("Label")).setValue("  heavy ball ");
        assertEquals("heavy ball", optimizer(1).label(), "the label, trimmed");

        field(momentum, "clip ‖g‖ at v").setValue(2.0);
        assertEquals(2.0, optimizer(1).clipNorm(), "clipping by norm");
        field(momentum, "clip ‖g‖ at v").clear();
        assertNull(optimizer(1).clipNorm(), "empty: no clipping");

        field(momentum, "start θ₀ x").setValue(-1.0);
        assertNull(optimizer(1).start(), "half a start is no start");
        field(momentum, "start θ₀ y").setValue(1.5);
        assertArrayEquals(new double[] {-1.0, 1.5}, optimizer(1).start(), "its own start θ₀");

        Select<ScheduleType> schedule = cardSelect(momentum, "Learning-rate schedule");
        LocatorJ._assertNone(momentum, IntegerField.class, spec -> spec.withLabel("τ (steps)"));
        schedule.setValue(ScheduleType.LINEAR);
        field(momentum, "Final ε_τ").setValue(1e-4);
        tau(momentum).setValue(500);
        assertEquals(new ScheduleSpec(ScheduleType.LINEAR, 1e-4, 500L), optimizer(1).schedule(), "linear decay");
        schedule.setValue(ScheduleType.INVERSE);
        LocatorJ._assertNone(momentum, NumberField.class, spec -> spec.withLabel("Final ε_τ"));
        assertEquals(new ScheduleSpec(ScheduleType.INVERSE, null, 500L), optimizer(1).schedule(),
                "1/k keeps τ and has no ε_τ");
        schedule.setValue(ScheduleType.CONSTANT);
        assertNull(optimizer(1).schedule(), "a constant ε is no schedule in the document");
        assertValid("every value in range");

        select("problem-kind").setValue(ProblemPanel.Kind.TOY); // moons: 400 examples for training
        assertNull(optimizer(1).start(), "on data a model starts from its initialisation");
        assertEquals(32, optimizer(1).batchSize(), "a minibatch of 32 by default");
        batchSizeField(momentum).setValue(100);
        assertEquals(100, optimizer(1).batchSize(), "batch size m");
        LocatorJ._get(momentum, Button.class, spec -> spec.withText("SGD")).click();
        assertEquals(1, optimizer(1).batchSize(), "the SGD shortcut: m = 1");
        LocatorJ._get(momentum, Button.class, spec -> spec.withText("batch")).click();
        assertEquals(400, optimizer(1).batchSize(), "the batch shortcut: m = N");
        assertEquals(0.5, optimizer(1).hyper(Hyper.MOMENTUM), "a typed α stays on data");
        assertValid("momentum on moons");
    }

    @Test
    void anAlgorithmShowsTheFieldsOfTheHyperparametersItReadsWithTheirDefaults() {
        OptimizerCard card = cards().get(0);
        Select<Algorithm> algorithm = cardSelect(card, "Algorithm");
        algorithm.setValue(Algorithm.RMSPROP_NESTEROV);
        assertEquals(Set.of("learning rate ε", "decay rate ρ", "momentum α"), shownHypers(card));
        assertEquals(0.9, field(card, "decay rate ρ").getValue());
        assertEquals(0.9, field(card, "momentum α").getValue());
        algorithm.setValue(Algorithm.ADAGRAD);
        assertEquals(Set.of("learning rate ε", "small constant δ"), shownHypers(card));
        assertEquals(0.1, field(card, "learning rate ε").getValue(), "AdaGrad's ε");
        assertEquals(1e-7, field(card, "small constant δ").getValue(), "Algorithm 8.4's δ");
        assertEquals(Map.of(Hyper.LEARNING_RATE, 0.1, Hyper.DELTA, 1e-7), optimizer(0).hyper(),
                "the document has AdaGrad's two, not RMSProp's ρ");
        // every algorithm: the fields shown are the hyper-parameters it reads, filled with what its run trains with
        for (Algorithm a : Algorithm.values()) {
            algorithm.setValue(a);
            Set<String> expected = new TreeSet<>();
            for (Hyper h : Hyper.values()) {
                if (a.uses(h)) {
                    expected.add(OptimizerCard.words(h));
                    assertEquals(a.defaultValue(h), optimizer(0).hyper(h), a.id() + ": " + h.key());
                }
            }
            assertEquals(expected, shownHypers(card), a.id());
            assertEquals(a, optimizer(0).algorithm());
            assertValid(a.id() + " with its defaults");
        }
        assertEquals(Map.of(), optimizer(0).hyper(), "damped Newton reads none");
        LocatorJ._assertNone(card, Select.class, spec -> spec.withLabel("Learning-rate schedule"));
    }

    /** The labels of the hyper-parameter fields the card shows. */
    static Set<String> shownHypers(OptimizerCard card) {
        Set<String> shown = new TreeSet<>();
        for (NumberField f : LocatorJ._find(card, NumberField.class)) {
            if (Hyper.byKey(f.getElement().getAttribute("data-hyper")) != null) {
                shown.add(f.getLabel());
            }
        }
        return shown;
    }

    @Test
    void aViolationIsShownAtTheFieldItsPathNamesAndClearedWhenCorrected() {
        OptimizerCard gd = cards().get(0);
        NumberField clip = field(gd, "clip ‖g‖ at v");
        clip.setValue(0.0);
        assertInvalid("a clipping threshold of 0");
        assertTrue(clip.isInvalid(), "marked at the clip field");
        assertTrue(clip.getErrorMessage().startsWith("GD: clipping threshold v must be > 0"), clip.getErrorMessage());
        assertTrue(formErrors().contains(clip.getErrorMessage()), formErrors());
        clip.setValue(5.0);
        assertFalse(clip.isInvalid());
        assertValid("v = 5");

        NumberField noise = field(gd, "gradient noise σ (this optimizer)");
        noise.setValue(-1.0);
        assertTrue(noise.isInvalid(), "marked at its own noise field, not the problem's");
        assertTrue(noise.getErrorMessage().startsWith("GD: gradient noise σ must be in [0, "), noise.getErrorMessage());
        noise.clear();
        assertFalse(noise.isInvalid());
        assertValid("the problem's noise");

        cardSelect(gd, "Learning-rate schedule").setValue(ScheduleType.EXPONENTIAL);
        IntegerField tau = tau(gd);
        assertInvalid("a decay without τ");
        assertEquals("GD: τ is empty: enter a number of steps", tau.getErrorMessage());
        tau.setValue(0);
        assertTrue(tau.isInvalid());
        assertEquals("GD: τ (steps of the decay) must be between 1 and 10000000, got 0", tau.getErrorMessage());
        tau.setValue(200);
        assertFalse(tau.isInvalid());
        assertValid("τ = 200");

        select("problem-kind").setValue(ProblemPanel.Kind.TOY);
        IntegerField batch = batchSizeField(gd);
        batch.setValue(0);
        assertTrue(batch.isInvalid());
        assertTrue(batch.getErrorMessage().startsWith("GD: batch size m must be between 1 and "), batch.getErrorMessage());
        batch.setValue(50);
        assertFalse(batch.isInvalid());
        assertValid("m = 50");
    }

    @Test
    void anEmptyFieldIsMarkedAndTheOtherEditsStillReachTheDocument() {
        OptimizerCard adam = cards().get(4);
        NumberField rho1 = field(adam, "decay rate ρ₁");
        rho1.clear();
        assertInvalid("an empty ρ₁");
        assertEquals("Adam: decay rate ρ₁ is empty: enter a number (the lecture's default is 0.9)",
                rho1.getErrorMessage());
        field(adam, "decay rate ρ₂").setValue(0.99);
        assertEquals(0.99, optimizer(4).hyper(Hyper.RHO2), "another field's edit is written all the same");
        assertNull(optimizer(4).hyper(Hyper.RHO1), "and the empty one is empty in the draft too");
        assertTrue(rho1.isInvalid(), "still marked");
        rho1.setValue(0.8);
        assertFalse(rho1.isInvalid());
        assertValid("ρ₁ = 0.8");
        assertEquals(0.8, optimizer(4).hyper(Hyper.RHO1));
    }

    @Test
    void everyEditIsOneChangeEvent() {
        OptimizerCard card = cards().get(0);
        AtomicInteger changes = new AtomicInteger();
        card.addChangeListener(e -> changes.incrementAndGet());
        cardSelect(card, "Algorithm").setValue(Algorithm.ADAM);
        assertEquals(1, changes.get(), "a new algorithm with its four defaults is one edit");
        HasValueUtilsKt._setValue(field(card, "decay rate ρ₂"), 0.99);
        assertEquals(2, changes.get(), "a typed value");
        card.setSpec(OptimizerSpec.of("Adam again", Algorithm.ADAM));
        assertEquals(3, changes.get(), "a document's optimizer filled in");
        assertEquals(0.999, optimizer(0).hyper(Hyper.RHO2), "its defaults, not the typed ρ₂");
        assertEquals("Adam again", optimizer(0).label());
    }

    @Test
    void aDocumentsOptimizerGoesThroughTheCardUnchanged() {
        OptimizerSpec adam = new OptimizerSpec("Adam, decayed", Algorithm.ADAM,
                Map.of(Hyper.LEARNING_RATE, 0.02, Hyper.RHO1, 0.8, Hyper.RHO2, 0.99, Hyper.DELTA, 1e-6),
                new ScheduleSpec(ScheduleType.LINEAR, 0.001, 300L), null, Boolean.FALSE, 3.0, 0.1,
                new double[] {0.5, -0.5});
        OptimizerCard card = cards().get(4);
        card.setSpec(adam);
        OptimizerSpec back = optimizer(4);
        assertEquals(adam.label(), back.label());
        assertEquals(adam.hyper(), back.hyper());
        assertEquals(adam.schedule(), back.schedule());
        assertEquals(Boolean.FALSE, back.biasCorrection());
        assertEquals(3.0, back.clipNorm());
        assertEquals(0.1, back.gradientNoise());
        assertArrayEquals(new double[] {0.5, -0.5}, back.start());
        assertEquals(0.8, field(card, "decay rate ρ₁").getValue(), "shown on the card");
        assertEquals(300, tau(card).getValue());
        assertValid("a full optimizer");
    }

    /** The helper text under a card's learning-rate schedule: how the schedule stands to Robbins–Monro here. */
    static String scheduleHint(OptimizerCard card) {
        return cardSelect(card, "Learning-rate schedule").getHelperText();
    }

    static NumberField problemNoise() {
        return LocatorJ._get(NumberField.class, spec -> spec.withLabel("Gradient noise σ"));
    }

    @Test
    void theScheduleHintSaysWhetherThisCardsGradientsAreNoisy() {
        OptimizerCard gd = cards().get(0); // SGD on Rosenbrock, no noise in the problem or on the card
        assertEquals(Algorithm.SGD, gd.algorithm());
        String exact = scheduleHint(gd);
        assertTrue(exact.contains("exact gradients") && exact.contains("σ = 0") && exact.contains("can converge"), exact);
        assertFalse(exact.contains("bouncing"), "no noise floor without noise: " + exact);

        NumberField own = field(gd, "gradient noise σ (this optimizer)");
        HasValueUtilsKt._setValue(own, 0.5);
        String noisy = scheduleHint(gd);
        assertTrue(noisy.contains("σ = 0.5") && noisy.contains("SGD keeps bouncing at a floor"), noisy);
        assertTrue(noisy.startsWith("Σε² = ∞"), noisy);
        cardSelect(gd, "Learning-rate schedule").setValue(ScheduleType.LINEAR);
        assertTrue(scheduleHint(gd).contains("noise floor remains"), scheduleHint(gd));
        cardSelect(gd, "Learning-rate schedule").setValue(ScheduleType.INVERSE);
        assertTrue(scheduleHint(gd).contains("meets the Robbins–Monro conditions"), scheduleHint(gd));
        cardSelect(gd, "Learning-rate schedule").setValue(ScheduleType.CONSTANT);

        HasValueUtilsKt._setValue(own, null);
        HasValueUtilsKt._setValue(problemNoise(), 0.3);
        assertTrue(scheduleHint(gd).contains("σ = 0.3") && scheduleHint(gd).contains("bouncing"),
                "the card's σ empty: the problem's: " + scheduleHint(gd));
        HasValueUtilsKt._setValue(own, 0.0);
        assertTrue(scheduleHint(gd).contains("exact gradients"), "the card's σ = 0 beats the problem's: " + scheduleHint(gd));
        cardSelect(gd, "Learning-rate schedule").setValue(ScheduleType.LINEAR);
        assertTrue(scheduleHint(gd).contains("it can converge"), scheduleHint(gd));
    }

    @Test
    void theScheduleHintOnADatasetFollowsTheBatchSize() {
        select("problem-kind").setValue(ProblemPanel.Kind.TOY); // moons: 400 for training
        OptimizerCard gd = cards().get(0);
        IntegerField m = batchSizeField(gd);
        HasValueUtilsKt._setValue(m, 32);
        assertTrue(scheduleHint(gd).contains("minibatch noise (m < n)") && scheduleHint(gd).contains("bouncing"),
                scheduleHint(gd));
        cardButton(gd, "batch").click();
        assertEquals(400, m.getValue(), "full batch: m = n");
        assertTrue(scheduleHint(gd).contains("m = n: exact gradients") && scheduleHint(gd).contains("can converge"),
                scheduleHint(gd));
    }

    @Test
    void adaptiveMethodsAreToldTheirScalingDoesNotRemoveTheNoiseFloor() {
        OptimizerCard adam = cards().get(4);
        assertEquals(Algorithm.ADAM, adam.algorithm());
        assertTrue(scheduleHint(adam).contains("exact gradients"), "no noise: " + scheduleHint(adam));
        assertFalse(scheduleHint(adam).contains("SGD"), scheduleHint(adam));
        HasValueUtilsKt._setValue(field(adam, "gradient noise σ (this optimizer)"), 0.5);
        assertTrue(scheduleHint(adam).contains("leaves Adam a floor") && scheduleHint(adam).contains("scaling"),
                scheduleHint(adam));
        OptimizerCard adagrad = cards().get(2);
        HasValueUtilsKt._setValue(field(adagrad, "gradient noise σ (this optimizer)"), 0.5);
        assertTrue(scheduleHint(adagrad).contains("AdaGrad's growing r shrinks its steps"), scheduleHint(adagrad));
    }

    @Test
    void everyScheduleHintFitsUnderItsMenu() {
        OptimizerCard card = cards().get(0);
        HasValueUtilsKt._setValue(field(card, "gradient noise σ (this optimizer)"), 0.125);
        for (boolean data : new boolean[] {false, true}) {
            if (data) {
                select("problem-kind").setValue(ProblemPanel.Kind.TOY);
            }
            for (Integer m : data ? new Integer[] {32, 400} : new Integer[] {null}) {
                if (m != null) {
                    HasValueUtilsKt._setValue(batchSizeField(card), m);
                }
                for (Algorithm a : Algorithm.values()) {
                    if (a.secondOrder()) {
                        continue;
                    }
                    cardSelect(card, "Algorithm").setValue(a);
                    for (ScheduleType s : ScheduleType.values()) {
                        cardSelect(card, "Learning-rate schedule").setValue(s);
                        String hint = scheduleHint(card);
                        assertTrue(hint.length() <= 90, a + ", " + s + ", m = " + m + ": " + hint.length() + " " + hint);
                    }
                }
            }
        }
    }
}

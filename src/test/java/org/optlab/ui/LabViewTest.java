package org.optlab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.mvysny.kaributesting.v10.BasicUtilsKt;
import com.github.mvysny.kaributesting.v10.HasValueUtilsKt;
import com.github.mvysny.kaributesting.v10.LocatorJ;
import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.AbstractNumberField;
import com.vaadin.flow.component.textfield.NumberField;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.optlab.engine.Algorithm;
import org.optlab.engine.Algorithm.Hyper;
import org.optlab.experiment.ExperimentDocument;
import org.optlab.lab.LiveExperiment;
import org.optlab.lab.LiveExperiment.State;
import org.optlab.ui.chart.ApexChart;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.TestPropertySource;

/**
 * Browserless tests of the lab's view logic (Karibu): the document the form builds, validation, the run controls' states.
 * They read the page (components by id, label or text), what the server sent to the charts, and the tab's session.
 */
@SpringBootTest
// No timed pushes (one an hour): these tests push by calling refresh() or push() themselves, so that no component lookup
// (a client round trip in Karibu, which runs what the push ticker queued) pushes between a step and what it checks.
@TestPropertySource(properties = "optlab.push-millis=3600000")
class LabViewTest extends KaribuTestBase {

    LabView view;

    @BeforeEach
    void setUp() {
        view = openLab();
    }

    /** The tab's live experiment (the preview before Start), as its session holds it. */
    LiveExperiment live() {
        return view.session().live();
    }

    /** The experiment the tab's form describes, as its session holds it. */
    ExperimentDocument document() {
        return view.session().document();
    }

    static void click(Button b) {
        assertTrue(b.isEnabled(), b.getText() + " is enabled");
        b.click();
    }

    @Test
    void theQuadraticsEigenvaluesConditionNumberAndStableRateFollowItsMatrix() {
        select("function").setValue("quadratic");
        Span spectrum = byId(Span.class, "quadratic-spectrum");
        assertTrue(spectrum.isVisible());
        // the default A = diag(1, 10): the eigenvalues are the diagonal, κ = 10/1, 2/λmax = 0.2
        assertEquals("λ = 1, 10 · κ = 10 · 2/λmax = 0.2", spectrum.getText());
        LocatorJ._get(NumberField.class, spec -> spec.withLabel("A₂₂")).setValue(20.0);
        assertEquals("λ = 1, 20 · κ = 20 · 2/λmax = 0.1", spectrum.getText());
        // A = [[1, 5], [5, 20]]: det = 20 − 25 < 0, so one eigenvalue is negative: a saddle
        LocatorJ._get(NumberField.class, spec -> spec.withLabel("A₁₂ = A₂₁")).setValue(5.0);
        assertTrue(spectrum.getText().contains("indefinite: a saddle"), spectrum.getText());
        // A = [[1, 3], [3, 20]]: tr = 21, det = 11, λ = (21 ± √397)/2
        LocatorJ._get(NumberField.class, spec -> spec.withLabel("A₁₂ = A₂₁")).setValue(3.0);
        double lo = (21 - Math.sqrt(397)) / 2;
        double hi = (21 + Math.sqrt(397)) / 2;
        assertEquals(String.format(java.util.Locale.ROOT, "λ = %.6g, %.6g · κ = %.6g · 2/λmax = %.6g", lo, hi, hi / lo,
                2 / hi), spectrum.getText());
        select("function").setValue("rosenbrock");
        assertFalse(spectrum.isVisible(), "only the quadratic has a matrix");
    }

    @Test
    void theFormBuildsTheDefaultExperimentDocument() {
        ExperimentDocument doc = document();
        ExperimentDocument expected = LabView.defaultDocument();
        assertEquals("rosenbrock", doc.problem().id());
        var function = (ExperimentDocument.ProblemSpec.FunctionSpec) doc.problem();
        assertEquals(-2.0, function.start()[0]);
        assertEquals(2.0, function.start()[1]);
        assertEquals(expected.steps(), doc.steps());
        assertEquals(expected.optimizers().size(), doc.optimizers().size());
        for (int i = 0; i < doc.optimizers().size(); i++) {
            assertEquals(expected.optimizers().get(i).algorithm(), doc.optimizers().get(i).algorithm());
            assertEquals(expected.optimizers().get(i).hyper(org.optlab.engine.Algorithm.Hyper.LEARNING_RATE), doc.optimizers().get(i).hyper(org.optlab.engine.Algorithm.Hyper.LEARNING_RATE));
            assertEquals(expected.optimizers().get(i).label(), doc.optimizers().get(i).label());
        }
        assertValid("the default experiment");
        assertTrue(button("start").isEnabled());
        assertNotNull(live(), "a preview is ready: contour plot and θ₀");
        assertEquals(State.READY, live().state());
        assertEquals("#00bcd4", colour(cards().get(0)), "the lecture's colours: GD cyan");
        assertEquals("#9e9e9e", colour(cards().get(2)), "AdaGrad grey");
    }

    @Test
    void anOutOfRangeValueIsMarkedAtItsFieldWithTheValidatorsMessageAndDisablesStart() {
        NumberField gdRate = field(cards().get(0), "learning rate ε");
        gdRate.setValue(-0.1);
        // in the student's words: the card's label and the lecture's symbol, not the document's JSON path
        String message = "GD: learning rate ε must be > 0 and ≤ 1000000, got -0.1";
        assertTrue(gdRate.isInvalid());
        assertEquals(message, gdRate.getErrorMessage());
        assertTrue(formErrors().contains(message));
        assertFalse(button("start").isEnabled());
        assertFalse(button("step").isEnabled());
        gdRate.setValue(0.001);
        assertFalse(gdRate.isInvalid());
        assertTrue(button("start").isEnabled());

        NumberField rho = field(cards().get(3), "decay rate ρ");
        rho.setValue(1.0);
        assertEquals("RMSProp: decay rate ρ must be in [0, 1), got 1", rho.getErrorMessage());
        stepsField().setValue(0);
        assertEquals("Steps must be between 1 and 10000000, got 0", stepsField().getErrorMessage());
    }

    @Test
    void theSeedAndTheStepBudgetAreTheDocumentsAndBadInputIsSaidAtTheirFields() {
        var seed = byId(com.vaadin.flow.component.textfield.TextField.class, "seed");
        assertEquals("1", seed.getValue(), "the five classics' seed");
        seed.setValue("123456789012");
        assertEquals(123456789012L, document().seed(), "any 64-bit seed, as a document may have it");
        seed.setValue("1.5");
        assertInvalid("a seed that is not a whole number");
        assertEquals("Seed is not a whole number: enter one such as 1", seed.getErrorMessage());
        seed.setValue("");
        assertEquals("Seed is empty: enter a whole number (1 if any will do)", seed.getErrorMessage());
        seed.setValue(" 7 ");
        assertFalse(seed.isInvalid());
        assertValid("seed 7");
        assertEquals(7L, document().seed());

        stepsField().setValue(250);
        assertEquals(250, document().steps());
        stepsField().clear();
        assertInvalid("no step budget");
        assertEquals("Steps is empty: enter a number", stepsField().getErrorMessage());
        stepsField().setValue(300);
        assertValid("300 steps");
        assertEquals(300, document().steps());
    }

    @Test
    void anEmptyFieldIsAnErrorNotASilentDefault() {
        NumberField delta = field(cards().get(4), "small constant δ");
        delta.clear();
        assertInvalid("an empty δ");
        assertFalse(button("start").isEnabled(), "Start waits for the field");
        assertEquals("Adam: small constant δ is empty: enter a number (the lecture's default is 1e-8)",
                delta.getErrorMessage());
        assertTrue(delta.isInvalid());
        assertTrue(formErrors().contains("Adam: small constant δ is empty"), formErrors());
        delta.setValue(1e-8);
        assertValid("δ filled in again");

        select("function").setValue("quadratic");
        assertValid("the quadratic");
        NumberField startX = LocatorJ._get(NumberField.class, spec -> spec.withLabel("Start x"));
        startX.clear();
        assertInvalid("an empty start x");
        assertEquals("Start x is empty: enter a number", startX.getErrorMessage());
    }

    /**
     * The student clears a number field and types text it cannot read ("1e", "--"): what the browser then sends, the
     * text in the field's {@code _inputElementValue} and an {@code unparsable-change} event, with no number.
     */
    static void typeText(AbstractNumberField<?, ?> field, String text) {
        if (!field.isEmpty()) {
            HasValueUtilsKt._setValue(field, null);
        }
        field.getElement().setProperty("_inputElementValue", text);
        BasicUtilsKt._fireDomEvent(field, "unparsable-change");
    }

    @Test
    void textThatIsNotANumberIsToldFromAnEmptyField() {
        NumberField epsilon = field(cards().get(0), "learning rate ε");
        typeText(epsilon, "1e");
        assertInvalid("ε not a number");
        assertTrue(epsilon.getErrorMessage().startsWith("GD: learning rate ε is not a number: enter a number"),
                epsilon.getErrorMessage());
        assertTrue(formErrors().contains("GD: learning rate ε is not a number"), formErrors());
        typeText(epsilon, "");
        assertTrue(epsilon.getErrorMessage().startsWith("GD: learning rate ε is empty: enter a number"),
                "the text cleared: " + epsilon.getErrorMessage());
        typeText(epsilon, "--");
        assertTrue(epsilon.getErrorMessage().startsWith("GD: learning rate ε is not a number"),
                "text typed into the empty field, no value changed: " + epsilon.getErrorMessage());
        HasValueUtilsKt._setValue(epsilon, 0.02);
        assertValid("ε = 0.02");

        typeText(stepsField(), "1e");
        assertEquals("Steps is not a number: enter a number", stepsField().getErrorMessage());
        HasValueUtilsKt._setValue(stepsField(), 300);
        assertValid("300 steps");

        NumberField problemNoise = LocatorJ._get(NumberField.class, spec -> spec.withLabel("Gradient noise σ"));
        HasValueUtilsKt._setValue(problemNoise, 0.1);
        typeText(problemNoise, "0.1e");
        assertEquals("Gradient noise σ is not a number: enter a number", problemNoise.getErrorMessage());
    }

    @Test
    void choosingAnAlgorithmSetsTheLecturesDefaultsAndShowsOnlyItsHyperparameters() {
        OptimizerCard card = cards().get(0);
        Select<Algorithm> algorithm = LocatorJ._get(card, Select.class, spec -> spec.withLabel("Algorithm"));
        algorithm.setValue(Algorithm.ADAM);
        assertEquals(0.001, field(card, "learning rate ε").getValue());
        assertEquals(0.9, field(card, "decay rate ρ₁").getValue());
        assertEquals(0.999, field(card, "decay rate ρ₂").getValue());
        assertEquals(1e-8, field(card, "small constant δ").getValue());
        LocatorJ._assertNone(card, NumberField.class, spec -> spec.withLabel("momentum α"));
        algorithm.setValue(Algorithm.NEWTON);
        LocatorJ._assertNone(card, NumberField.class, spec -> spec.withLabel("learning rate ε"));
        assertEquals(Algorithm.NEWTON, document().optimizers().get(0).algorithm());
        assertNull(document().optimizers().get(0).hyper(org.optlab.engine.Algorithm.Hyper.LEARNING_RATE));
    }

    @Test
    void cardsAreAddedDuplicatedRemovedAndDisabled() {
        int before = cards().size();
        OptimizerCard first = cards().get(0);
        cardButton(first, "Duplicate").click();
        assertEquals(before + 1, cards().size());
        OptimizerCard copy = cards().get(before);
        assertEquals(document().optimizers().get(0).hyper(Hyper.LEARNING_RATE),
                document().optimizers().get(before).hyper(Hyper.LEARNING_RATE));
        assertEquals(field(first, "learning rate ε").getValue(), field(copy, "learning rate ε").getValue());
        assertTrue(!colour(copy).equals(colour(first)), "a duplicate gets a distinct colour");
        LocatorJ._get(copy, Checkbox.class, spec -> spec.withLabel("Enabled")).setValue(false);
        assertEquals(before, document().optimizers().size(), "a disabled card is not run");
        cardButton(copy, "Remove").click();
        assertEquals(before, cards().size());
    }

    @Test
    void stepAfterAnEndedRunStartsItAgainFromThetaZeroOneUpdateAtATime() throws Exception {
        stepsField().setValue(50);
        click(button("start"));
        for (int i = 0; i < 200 && live().state() != State.FINISHED; i++) {
            Thread.sleep(50);
        }
        view.refresh();
        assertEquals(State.FINISHED, live().state());
        assertTrue(button("step").isEnabled(), "Step after the run ended, as a lesson may ask");
        click(button("step"));
        assertEquals(1, live().runs().get(0).step(), "a new run from θ₀, one update");
        click(button("step"));
        assertEquals(2, live().runs().get(0).step());
    }

    @Test
    void startPauseStepStopAndResetMoveThroughTheirStates() throws Exception {
        select("speed").setValue(5);
        stepsField().setValue(100_000);
        click(button("start"));
        assertEquals(State.RUNNING, live().state());
        assertFalse(button("start").isEnabled());
        assertTrue(button("pause").isEnabled());
        assertTrue(button("stop").isEnabled());
        assertFalse(button("step").isEnabled());
        assertFalse(LocatorJ._get(ProblemPanel.class).isEnabled(), "the problem is locked while it runs");
        assertFalse(select("function").isEnabled(), "its fields too");

        click(button("pause"));
        assertEquals(State.PAUSED, live().state());
        assertEquals("Resume", button("pause").getText());
        long before = live().runs().get(0).step();
        click(button("step"));
        assertEquals(before + 1, live().runs().get(0).step(), "Step: one update of every optimizer");
        assertEquals(State.PAUSED, live().state());

        click(button("pause"));
        assertEquals(State.RUNNING, live().state());
        click(button("stop"));
        assertEquals(State.STOPPED, live().state());
        assertTrue(button("reset").isEnabled());
        assertTrue(button("start").isEnabled());
        view.refresh();
        String stopped = cardStatus(cards().get(0));
        assertTrue(stopped.startsWith("stopped by the user after step"), stopped);
        String step = stopped.replaceAll("(?s)^stopped by the user after step (\\d+).*", "$1");
        List<String> marks = sent.chart(chart("loss-chart")).marks();
        assertTrue(marks.contains("GD: stopped at step " + step), "the same step on the card and at the curve's end: " + marks);

        click(button("reset"));
        assertEquals(State.READY, live().state());
        assertEquals(0, live().runs().get(0).step(), "back to θ₀");
        view.refresh();
        for (ApexChart.Series s : chart("loss-chart").series()) {
            assertEquals(1, s.data().size(), "after Reset the curves hold step 0 only");
        }
    }

    @Test
    void liveCurvesReachTheChartsInBatchesWithTheCardsLabels() throws Exception {
        // no timed pushes in this class: this test pushes by calling refresh(), so it can count the calls
        stepsField().setValue(300);
        select("speed").setValue(1000); // about 0.3 s: most points arrive after Start's own refresh
        click(button("start"));
        for (int i = 0; i < 200 && live().state() == State.RUNNING; i++) {
            Thread.sleep(20);
        }
        ApexChart loss = chart("loss-chart");
        ApexChart side = chart("side-chart");
        // the chart configuration goes out once, before the response (a round trip, made by reading what was sent)
        int calls = sent.count(loss, "appendPoints");
        view.refresh();
        assertEquals(calls + 1, sent.count(loss, "appendPoints"), "one append call per push for all series");
        List<ApexChart.Series> series = loss.series();
        assertEquals(List.of("GD", "Momentum", "AdaGrad", "RMSProp", "Adam"), series.stream().map(ApexChart.Series::name).toList());
        for (ApexChart.Series s : series) {
            assertEquals(300, s.data().get(s.data().size() - 1)[0], "the last point is the last step");
        }
        // the contour chart: one path per optimizer (from θ₀ to the last step), the known minimum
        assertEquals(7, side.series().size());
        assertEquals(-2.0, side.series().get(0).data().get(0)[0]);
        assertEquals(1.0, side.series().get(5).data().get(0)[0]);
        assertEquals("θ₀ (start)", side.series().get(6).name());
        assertEquals(-2.0, side.series().get(6).data().get(0)[0], "θ₀ is marked where the paths start");
        assertEquals(2.0, side.series().get(6).data().get(0)[1]);
    }

    @Test
    void anIdleTabIsPushedNothingOnceItsLastChangeHasGoneOut() throws Exception {
        // no timed pushes in this class: the test pushes itself
        view.push(); // the preview
        assertTrue(view.idle(), "a tab that has not started waits for nothing");
        stepsField().setValue(200);
        // 100 steps/s: still running when Start's own response has gone out (as fast as possible, 200 steps can end
        // inside the click, and then there is nothing more to push)
        select("speed").setValue(100);
        click(button("start"));
        assertFalse(view.idle(), "a running tab is pushed every interval");
        for (int i = 0; i < 500 && live().state() == State.RUNNING; i++) {
            Thread.sleep(10);
        }
        assertEquals(State.FINISHED, live().state());
        assertFalse(view.idle(), "the push after the end carries the last points and statuses");
        view.push();
        assertTrue(view.idle());
        String status = cardStatus(cards().get(4));
        assertTrue(status.startsWith("completed"), status);
        assertTrue(status.matches("(?s)completed \\d+ steps · final loss \\S+ · best \\S+ · [0-9,]+ steps/s.*"),
                "an ended run's card keeps its final and best loss: " + status);
        click(button("reset"));
        assertEquals("ready", runStatus(), "Reset shows its new state in its own response");
        assertTrue(view.idle(), "so there is nothing left for the ticker to push");
    }

    @Test
    void aDivergingRunIsMarkedOnItsCardAndAtTheEndOfItsCurve() throws Exception {
        select("function").setValue("quadratic");
        field(cards().get(0), "learning rate ε").setValue(0.5);
        click(button("start"));
        for (int i = 0; i < 500 && live().state() == State.RUNNING; i++) {
            Thread.sleep(10);
        }
        view.refresh();
        String status = cardStatus(cards().get(0));
        assertTrue(status.startsWith("diverged at step "), status);
        List<String> marks = sent.chart(chart("loss-chart")).marks();
        assertTrue(marks.get(0).startsWith("GD: diverged at step "), marks.toString());
    }

    @Test
    void theLogScaleGivesWayOnlyToLossesBelowZero() throws Exception {
        com.vaadin.flow.component.checkbox.Checkbox log = com.github.mvysny.kaributesting.v10.LocatorJ._get(
                com.vaadin.flow.component.checkbox.Checkbox.class, spec -> spec.withLabel("log scale"));
        // the quadratic's minimum is 0: a run may reach it exactly (AdaGrad at ε = 0.5 does), the scale stays
        select("function").setValue("quadratic");
        click(button("start"));
        for (int i = 0; i < 500 && live().state() == State.RUNNING; i++) {
            Thread.sleep(10);
        }
        view.refresh();
        assertTrue(log.getValue(), "a loss of 0 is a gap on the log scale, not a reason to leave it");
        // x² + y⁴/4 − y² goes down to −1: the curve cannot be drawn on a log scale
        select("function").setValue("bounded-saddle");
        click(button("start"));
        for (int i = 0; i < 500 && live().state() == State.RUNNING; i++) {
            Thread.sleep(10);
        }
        view.refresh();
        assertFalse(log.getValue(), "losses below 0 switch the chart to linear");
    }

    @Test
    void anEditAfterARunClearsItsCurvesEndLabelsAndStatuses() throws Exception {
        select("function").setValue("quadratic");
        field(cards().get(0), "learning rate ε").setValue(0.5);
        stepsField().setValue(200);
        click(button("start"));
        for (int i = 0; i < 500 && live().state() == State.RUNNING; i++) {
            Thread.sleep(10);
        }
        view.refresh();
        assertTrue(cardStatus(cards().get(0)).startsWith("diverged at step "), cardStatus(cards().get(0)));
        ApexChart loss = chart("loss-chart");
        assertFalse(sent.chart(loss).marks().isEmpty());

        // another function: nothing of the quadratic's run stays on the page
        select("function").setValue("himmelblau");
        view.refresh();
        assertEquals(State.READY, live().state(), "a fresh preview of the edited experiment");
        for (ApexChart.Series s : loss.series()) {
            assertTrue(s.data().size() <= 1, s.name() + ": only θ₀'s loss, not the old curve: " + s.data().size());
        }
        assertEquals(List.of(), sent.chart(loss).marks(), "no end label of the old run");
        for (OptimizerCard c : cards()) {
            String status = cardStatus(c);
            assertFalse(status.contains("diverged") || status.contains("completed"), "no old status: " + status);
        }
        ApexChart side = chart("side-chart");
        assertTrue(side.options().get("title").get("text").asText().contains("(x² + y − 11)²"),
                "the contour plot of the new function: " + side.options().get("title"));

        // a changed hyper-parameter after a run clears the curves too (they belong to the old ε)
        click(button("start"));
        for (int i = 0; i < 500 && live().state() == State.RUNNING; i++) {
            Thread.sleep(10);
        }
        view.refresh();
        field(cards().get(1), "learning rate ε").setValue(0.001);
        view.refresh();
        assertEquals(State.READY, live().state());
        for (ApexChart.Series s : loss.series()) {
            assertTrue(s.data().size() <= 1, s.name() + " was cleared: " + s.data().size());
        }
    }

    @Test
    void theDecisionRegionsSelectorRedrawsAtOnceAfterARunAndNamesItsOptimizer() throws Exception {
        select("problem-kind").setValue(ProblemPanel.Kind.TOY);
        stepsField().setValue(300);
        click(button("start"));
        for (int i = 0; i < 1000 && live().state() == State.RUNNING; i++) {
            Thread.sleep(10);
        }
        assertEquals(State.FINISHED, live().state());
        view.push();
        view.push();
        assertTrue(view.idle(), "nothing more is pushed after the run");
        Select<Integer> select = select("regions-of");
        assertEquals("Adam", select.getItemLabelGenerator().apply(4), "each run by its label, no numbering");
        Span caption = byId(Span.class, "regions-caption");
        ApexChart side = chart("side-chart");
        assertTrue(caption.getText().contains("GD's model") && caption.getText().contains("step 300"), caption.getText());
        int before = sent.count(side, "setOverlayLayer");
        select.setValue(4);
        assertTrue(sent.count(side, "setOverlayLayer") > before, "Adam's regions are sent at once, without a push");
        assertTrue(caption.getText().contains("Adam's model"), caption.getText());
    }

    @Test
    void switchingToADatasetMovesUntypedHyperparametersToTheDatasetDefaults() {
        NumberField gd = field(cards().get(0), "learning rate ε");
        NumberField momentum = field(cards().get(1), "learning rate ε");
        assertEquals(0.0002, gd.getValue(), "Rosenbrock's ε for GD");
        // the student types momentum's ε (as the browser would: a change from the client)
        com.github.mvysny.kaributesting.v10.HasValueUtilsKt._setValue(momentum, 0.02);
        select("problem-kind").setValue(ProblemPanel.Kind.TOY);
        assertEquals(0.1, gd.getValue(), "GD gets the dataset default");
        assertEquals(0.02, momentum.getValue(), "a typed value stays");
        assertEquals(0.01, field(cards().get(4), "learning rate ε").getValue(), "Adam's dataset default");
        assertEquals(0.1, document().optimizers().get(0).hyper(org.optlab.engine.Algorithm.Hyper.LEARNING_RATE), "and it is what trains");
        select("problem-kind").setValue(ProblemPanel.Kind.FUNCTION);
        assertEquals(0.01, gd.getValue(), "back on a function: the lecture's default");
        assertEquals(0.02, momentum.getValue());
    }

    @Test
    void theCurvesSwitchBetweenStepsAndEpochs() throws Exception {
        select("problem-kind").setValue(ProblemPanel.Kind.TOY); // moons: 400 for training
        batchSizeField(cards().get(0)).setValue(400);
        batchSizeField(cards().get(1)).setValue(1);
        stepsField().setValue(200);
        click(button("start"));
        for (int i = 0; i < 1000 && live().state() == State.RUNNING; i++) {
            Thread.sleep(10);
        }
        view.refresh();
        ApexChart loss = chart("loss-chart");
        List<double[]> batch = loss.series().get(0).data();
        List<double[]> sgd = loss.series().get(1).data();
        assertEquals(200, batch.get(batch.size() - 1)[0], "per step: the last point at step 200");
        assertEquals(200, sgd.get(sgd.size() - 1)[0]);
        Select<String> xAxis = select("x-axis");
        assertTrue(xAxis.isVisible(), "datasets offer the epoch axis");
        xAxis.setValue("epoch");
        batch = loss.series().get(0).data();
        sgd = loss.series().get(1).data();
        assertEquals(200.0, batch.get(batch.size() - 1)[0], 1e-9, "batch GD: 200 steps of m = N are 200 epochs");
        assertEquals(0.5, sgd.get(sgd.size() - 1)[0], 1e-9, "SGD: 200 steps of m = 1 are 200 / 400 epochs");
        assertEquals("epoch (examples seen / N)", loss.options().get("xaxis").get("title").get("text").asText());
        assertEquals(200.0, loss.options().get("xaxis").get("max").asDouble(), 1e-9);
        xAxis.setValue("seconds");
        sgd = loss.series().get(1).data();
        double[] last = sgd.get(sgd.size() - 1);
        assertTrue(last[3] > 0, "a record carries the run's training time");
        assertEquals(last[3], last[0], 0, "per second: x is the training time of the record");
        assertEquals("training time (s)", loss.options().get("xaxis").get("title").get("text").asText());
        assertTrue(loss.options().get("xaxis").get("max").asDouble() >= last[3], "the axis reaches it");
        xAxis.setValue("step");
        sgd = loss.series().get(1).data();
        assertEquals(200, sgd.get(sgd.size() - 1)[0], "and back to steps, exactly");
    }

    @Test
    void newtonsSaddleWarningIsOnItsCardAndMarkedOnThePath() throws Exception {
        select("lessons").setValue(org.optlab.experiment.Lessons.byId("newton-saddle"));
        click(button("start"));
        for (int i = 0; i < 500 && live().state() == State.RUNNING; i++) {
            Thread.sleep(10);
        }
        view.refresh();
        String card = cardStatus(cards().get(0));
        assertTrue(card.contains("indefinite Hessian from step 1"), card);
        List<String> marks = sent.chart(chart("side-chart")).marks();
        assertTrue(marks.contains("Newton (8.8): indefinite Hessian from step 1"), marks.toString());
        assertFalse(marks.stream().anyMatch(t -> t.startsWith("GD:")), "GD has no warning");
        // and a dot on the path at every step that met the indefinite Hessian (the card counts them)
        java.util.regex.Matcher times = java.util.regex.Pattern.compile("from step 1 \\((\\d+) times\\)").matcher(card);
        assertTrue(times.find(), card);
        int warned = Integer.parseInt(times.group(1));
        assertTrue(warned > 1, card);
        int dots = sent.chart(chart("side-chart")).layerPoints(Charts.HESSIAN_LAYER);
        assertTrue(dots > 1 && dots <= warned, dots + " dots for " + warned + " warnings (of every kind)");
        // each dot where a step of its run's path started (Newton's, and damped Newton's once)
        int held = 0;
        for (org.optlab.lab.LiveRun run : live().runs()) {
            double[] own = run.hessianPoints();
            List<double[]> path = chart("side-chart").series().get(run.index()).data();
            for (int k = 0; k < own.length; k += 2) {
                double x = own[k];
                double y = own[k + 1];
                assertTrue(path.stream().anyMatch(p -> p != null && p[0] == x && p[1] == y),
                        run.label() + ": dot " + k / 2 + " on its path");
            }
            held += own.length / 2;
        }
        assertEquals(held, dots);
        assertTrue(live().runs().get(0).hessianPoints().length / 2 > 50, "Newton's steps near the saddle are marked");
    }

    @Test
    void minibatchRunsShowTheirRawMinibatchLossAsAFaintTraceBesideTheTrainingLoss() throws Exception {
        select("problem-kind").setValue(ProblemPanel.Kind.TOY); // moons: 400 for training
        batchSizeField(cards().get(0)).setValue(400); // batch GD: no minibatches, no trace
        batchSizeField(cards().get(1)).setValue(1);
        stepsField().setValue(2000);
        click(button("start"));
        for (int i = 0; i < 1000 && live().state() == State.RUNNING; i++) {
            Thread.sleep(10);
        }
        view.refresh();
        List<ApexChart.Series> series = chart("loss-chart").series();
        assertEquals(List.of("GD", "Momentum", "AdaGrad", "RMSProp", "Adam", "Momentum · minibatch loss",
                "AdaGrad · minibatch loss", "RMSProp · minibatch loss", "Adam · minibatch loss"),
                series.stream().map(ApexChart.Series::name).toList(), "a trace for each run with m < N, after the runs");
        assertTrue(series.get(5).color().startsWith(series.get(1).color()) && series.get(5).color().length() == 9,
                "in its run's colour, faint: " + series.get(5).color());
        // SGD (m = 1): every record's minibatch loss is one example's, scattered around the training loss
        List<double[]> loss = series.get(1).data();
        List<double[]> trace = series.get(5).data();
        assertEquals(loss.size(), trace.size(), "one minibatch loss per record");
        double spread = 0;
        for (int k = 1; k < loss.size(); k++) {
            assertEquals(loss.get(k)[0], trace.get(k)[0], "at the same step");
            spread += Math.abs(Math.log(trace.get(k)[1] / loss.get(k)[1]));
        }
        assertEquals(loss.get(0)[1], trace.get(0)[1], "at step 0, before any minibatch: the training loss itself");
        assertTrue(spread / (loss.size() - 1) > 0.3, "one example's loss scatters widely: " + spread / (loss.size() - 1));
    }

    @Test
    void adamsBiasCorrectionCanBeSwitchedOffOnItsCardOnly() {
        var boxes = LocatorJ._find(Checkbox.class, spec -> spec.withLabel("bias correction (lines 7–8)"));
        long shown = boxes.stream().filter(b -> b.isVisible() && b.getParent().map(p -> p.isVisible()).orElse(true)).count();
        assertEquals(1, shown, "only Adam's card offers it");
        Checkbox adams = boxes.stream().filter(com.vaadin.flow.component.Component::isVisible).findFirst().orElseThrow();
        assertEquals(null, document().optimizers().get(4).biasCorrection(), "on: the book's box, nothing written");
        adams.setValue(false);
        assertEquals(Boolean.FALSE, document().optimizers().get(4).biasCorrection());
        assertValid("Adam without bias correction");
    }

    @Test
    void anOptimizerCanHaveItsOwnGradientNoiseOnAFunction() {
        OptimizerCard gd = cards().get(0);
        var noise = LocatorJ._find(gd, NumberField.class, spec -> spec.withLabel("gradient noise σ (this optimizer)")).get(0);
        assertTrue(noise.isVisible(), "offered on a 2-D function");
        assertEquals(null, document().optimizers().get(0).gradientNoise(), "empty: the problem's");
        noise.setValue(0.5);
        assertEquals(0.5, document().optimizers().get(0).gradientNoise());
        assertValid("an empty noise field is allowed: it means the problem's");
        select("problem-kind").setValue(ProblemPanel.Kind.TOY);
        assertFalse(noise.isVisible(), "on data the minibatches are the noise");
        assertEquals(null, document().optimizers().get(0).gradientNoise());
    }

    @Test
    void aToyDatasetGetsBatchSizesAndDataStageErrorsAreMarkedToo() {
        select("problem-kind").setValue(ProblemPanel.Kind.TOY);
        ExperimentDocument doc = document();
        assertEquals("moons", doc.problem().id());
        assertEquals(org.optlab.experiment.ModelType.MLP,
                ((ExperimentDocument.ProblemSpec.DatasetSpec) doc.problem()).model().type());
        assertEquals(32, doc.optimizers().get(0).batchSize(), "minibatch by default");
        var batchSize = batchSizeField(cards().get(0));
        assertTrue(batchSize.isVisible());
        batchSize.setValue(10_000);
        assertInvalid("a batch larger than the training set");
        assertEquals("GD: batch size m must be ≤ 400 (the training set of moons), got 10000", batchSize.getErrorMessage());
        batchSize.setValue(400);
        assertValid("m = N");
        ApexChart side = chart("side-chart");
        assertTrue(side.isVisible(), "2-D classification: data and decision regions");
        SentToBrowser.Chart drawn = sent.chart(side);
        assertEquals(500, drawn.layerPoints(2) + drawn.layerPoints(3), "the 500 moons points, drawn as dots, one layer per class");
        click(button("step"));
        view.refresh();
        drawn = sent.chart(side);
        assertEquals(LiveCharts.REGION_CELLS * LiveCharts.REGION_CELLS, drawn.layerPoints(0) + drawn.layerPoints(1),
                "every cell of the decision map belongs to one predicted class");
        MockVaadin.clientRoundtrip();
        view.refresh();
        int before = sent.count(side, "setOverlayLayer");
        view.refresh(); // paused: the map is recomputed at the same θ
        assertEquals(before, sent.count(side, "setOverlayLayer"), "an unchanged decision map is not sent again");
    }
}

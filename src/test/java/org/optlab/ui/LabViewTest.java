package org.optlab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.vaadin.flow.component.button.Button;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.optlab.engine.Algorithm;
import org.optlab.engine.Algorithm.Hyper;
import org.optlab.experiment.ExperimentDocument;
import org.optlab.lab.LiveExperiment.State;
import org.optlab.ui.chart.ApexChart;
import org.springframework.boot.test.context.SpringBootTest;

/** Browserless tests of the lab's view logic (Karibu): the document the form builds, validation, the run controls' states. */
@SpringBootTest
class LabViewTest extends KaribuTestBase {

    LabView view;

    @BeforeEach
    void setUp() {
        view = openLab();
    }

    static void click(Button b) {
        assertTrue(b.isEnabled(), b.getText() + " is enabled");
        b.click();
    }

    @Test
    void theFormBuildsTheDefaultExperimentDocument() {
        ExperimentDocument doc = view.document();
        ExperimentDocument expected = LabView.defaultDocument();
        assertEquals("rosenbrock", doc.problem().function());
        assertEquals(-2.0, doc.problem().start()[0]);
        assertEquals(2.0, doc.problem().start()[1]);
        assertEquals(expected.steps(), doc.steps());
        assertEquals(expected.optimizers().size(), doc.optimizers().size());
        for (int i = 0; i < doc.optimizers().size(); i++) {
            assertEquals(expected.optimizers().get(i).algorithm(), doc.optimizers().get(i).algorithm());
            assertEquals(expected.optimizers().get(i).hyper(org.optlab.engine.Algorithm.Hyper.LEARNING_RATE), doc.optimizers().get(i).hyper(org.optlab.engine.Algorithm.Hyper.LEARNING_RATE));
            assertEquals(expected.optimizers().get(i).label(), doc.optimizers().get(i).label());
        }
        assertTrue(view.isValid());
        assertTrue(view.controls().start.isEnabled());
        assertNotNull(view.live(), "a preview is ready: contour plot and θ₀");
        assertEquals(State.READY, view.live().state());
        assertEquals("#00bcd4", view.cards().get(0).color(), "the lecture's colours: GD cyan");
        assertEquals("#9e9e9e", view.cards().get(2).color(), "AdaGrad grey");
    }

    @Test
    void anOutOfRangeValueIsMarkedAtItsFieldWithTheValidatorsMessageAndDisablesStart() {
        OptimizerCard gd = view.cards().get(0);
        gd.hyperField(Hyper.LEARNING_RATE).setValue(-0.1);
        // in the student's words: the card's label and the lecture's symbol, not the document's JSON path
        String message = "GD: learning rate ε must be > 0 and ≤ 1000000, got -0.1";
        assertTrue(gd.hyperField(Hyper.LEARNING_RATE).isInvalid());
        assertEquals(message, gd.hyperField(Hyper.LEARNING_RATE).getErrorMessage());
        assertTrue(view.errorsText().contains(message));
        assertFalse(view.controls().start.isEnabled());
        assertFalse(view.controls().step.isEnabled());
        gd.hyperField(Hyper.LEARNING_RATE).setValue(0.001);
        assertFalse(gd.hyperField(Hyper.LEARNING_RATE).isInvalid());
        assertTrue(view.controls().start.isEnabled());

        OptimizerCard rms = view.cards().get(3);
        rms.hyperField(Hyper.RHO).setValue(1.0);
        assertEquals("RMSProp: decay rate ρ must be in [0, 1), got 1.0", rms.hyperField(Hyper.RHO).getErrorMessage());
        view.controls().steps.setValue(0);
        assertEquals("Steps must be between 1 and 10000000, got 0", view.controls().steps.getErrorMessage());
    }

    @Test
    void anEmptyFieldIsAnErrorNotASilentDefault() {
        OptimizerCard adam = view.cards().get(4);
        adam.hyperField(Hyper.DELTA).clear();
        assertFalse(view.isValid());
        assertFalse(view.controls().start.isEnabled(), "Start waits for the field");
        assertEquals("Adam: small constant δ is empty or not a number: enter a number (the lecture's default is 1e-8)",
                adam.hyperField(Hyper.DELTA).getErrorMessage());
        assertTrue(adam.hyperField(Hyper.DELTA).isInvalid());
        assertTrue(view.errorsText().contains("Adam: small constant δ is empty"), view.errorsText());
        adam.hyperField(Hyper.DELTA).setValue(1e-8);
        assertTrue(view.isValid());

        view.problemPanel().functionSelect().setValue("quadratic");
        assertTrue(view.isValid());
        view.problemPanel().startXField().clear();
        assertFalse(view.isValid());
        assertEquals("Start x is empty or not a number: enter a number", view.problemPanel().startXField().getErrorMessage());
    }

    @Test
    void choosingAnAlgorithmSetsTheLecturesDefaultsAndShowsOnlyItsHyperparameters() {
        OptimizerCard card = view.cards().get(0);
        card.algorithmSelect().setValue(Algorithm.ADAM);
        assertEquals(0.001, card.hyperField(Hyper.LEARNING_RATE).getValue());
        assertEquals(0.9, card.hyperField(Hyper.RHO1).getValue());
        assertEquals(0.999, card.hyperField(Hyper.RHO2).getValue());
        assertEquals(1e-8, card.hyperField(Hyper.DELTA).getValue());
        assertFalse(card.hyperField(Hyper.MOMENTUM).isVisible());
        card.algorithmSelect().setValue(Algorithm.NEWTON);
        assertFalse(card.hyperField(Hyper.LEARNING_RATE).isVisible());
        assertEquals(Algorithm.NEWTON, view.document().optimizers().get(0).algorithm());
        assertNull(view.document().optimizers().get(0).hyper(org.optlab.engine.Algorithm.Hyper.LEARNING_RATE));
    }

    @Test
    void cardsAreAddedDuplicatedRemovedAndDisabled() {
        int before = view.cards().size();
        OptimizerCard first = view.cards().get(0);
        first.duplicateButton().click();
        assertEquals(before + 1, view.cards().size());
        OptimizerCard copy = view.cards().get(before);
        assertEquals(first.spec().hyper(org.optlab.engine.Algorithm.Hyper.LEARNING_RATE), copy.spec().hyper(org.optlab.engine.Algorithm.Hyper.LEARNING_RATE));
        assertTrue(!copy.color().equals(first.color()), "a duplicate gets a distinct colour");
        copy.setEnabledOptimizer(false);
        assertEquals(before, view.document().optimizers().size(), "a disabled card is not run");
        copy.removeButton().click();
        assertEquals(before, view.cards().size());
    }

    @Test
    void startPauseStepStopAndResetMoveThroughTheirStates() throws Exception {
        RunControls c = view.controls();
        c.speed.setValue(5);
        c.steps.setValue(100_000);
        click(c.start);
        assertEquals(State.RUNNING, view.live().state());
        assertFalse(c.start.isEnabled());
        assertTrue(c.pause.isEnabled());
        assertTrue(c.stop.isEnabled());
        assertFalse(c.step.isEnabled());
        assertFalse(view.problemPanel().isEnabled(), "the problem is locked while it runs");

        click(c.pause);
        assertEquals(State.PAUSED, view.live().state());
        assertEquals("Resume", c.pause.getText());
        long before = view.live().runs().get(0).step();
        click(c.step);
        assertEquals(before + 1, view.live().runs().get(0).step(), "Step: one update of every optimizer");
        assertEquals(State.PAUSED, view.live().state());

        click(c.pause);
        assertEquals(State.RUNNING, view.live().state());
        click(c.stop);
        assertEquals(State.STOPPED, view.live().state());
        assertTrue(c.reset.isEnabled());
        assertTrue(c.start.isEnabled());
        view.refresh();
        String stopped = view.cards().get(0).statusText();
        assertTrue(stopped.startsWith("stopped by the user after step"), stopped);
        String step = stopped.replaceAll("(?s)^stopped by the user after step (\\d+).*", "$1");
        assertTrue(view.lossChart().markTexts().contains("GD: stopped at step " + step),
                "the same step on the card and at the curve's end: " + view.lossChart().markTexts());

        click(c.reset);
        assertEquals(State.READY, view.live().state());
        assertEquals(0, view.live().runs().get(0).step(), "back to θ₀");
        view.refresh();
        for (ApexChart.Series s : view.lossChart().series()) {
            assertEquals(1, s.data().size(), "after Reset the curves hold step 0 only");
        }
    }

    @Test
    void liveCurvesReachTheChartsInBatchesWithTheCardsLabels() throws Exception {
        view.stopTimedPushes(); // this test pushes by calling refresh(), so it can count the calls
        view.controls().steps.setValue(300);
        view.controls().speed.setValue(1000); // about 0.3 s: most points arrive after Start's own refresh
        click(view.controls().start);
        for (int i = 0; i < 200 && view.live().state() == State.RUNNING; i++) {
            Thread.sleep(20);
        }
        MockVaadin.clientRoundtrip(); // the chart configuration goes out once, before the response
        int calls = view.lossChart().appendCalls();
        view.refresh();
        assertEquals(calls + 1, view.lossChart().appendCalls(), "one append call per push for all series");
        List<ApexChart.Series> series = view.lossChart().series();
        assertEquals(List.of("GD", "Momentum", "AdaGrad", "RMSProp", "Adam"), series.stream().map(ApexChart.Series::name).toList());
        for (ApexChart.Series s : series) {
            assertEquals(300, s.data().get(s.data().size() - 1)[0], "the last point is the last step");
        }
        // the contour chart: one path per optimizer (from θ₀ to the last step), the known minimum
        assertEquals(7, view.sideChart().series().size());
        assertEquals(-2.0, view.sideChart().series().get(0).data().get(0)[0]);
        assertEquals(1.0, view.sideChart().series().get(5).data().get(0)[0]);
        assertEquals("θ₀ (start)", view.sideChart().series().get(6).name());
        assertEquals(-2.0, view.sideChart().series().get(6).data().get(0)[0], "θ₀ is marked where the paths start");
        assertEquals(2.0, view.sideChart().series().get(6).data().get(0)[1]);
    }

    @Test
    void anIdleTabIsPushedNothingOnceItsLastChangeHasGoneOut() throws Exception {
        view.stopTimedPushes();
        view.push(); // the preview
        assertTrue(view.idle(), "a tab that has not started waits for nothing");
        view.controls().steps.setValue(200);
        click(view.controls().start);
        assertFalse(view.idle(), "a running tab is pushed every interval");
        for (int i = 0; i < 500 && view.live().state() == State.RUNNING; i++) {
            Thread.sleep(10);
        }
        assertEquals(State.FINISHED, view.live().state());
        assertFalse(view.idle(), "the push after the end carries the last points and statuses");
        view.push();
        assertTrue(view.idle());
        String status = view.cards().get(4).statusText();
        assertTrue(status.startsWith("completed"), status);
        assertTrue(status.matches("(?s)completed \\d+ steps · final loss \\S+ · best \\S+ · [0-9,]+ steps/s.*"),
                "an ended run's card keeps its final and best loss: " + status);
        click(view.controls().reset);
        assertFalse(view.idle(), "a new state goes out once");
    }

    @Test
    void aDivergingRunIsMarkedOnItsCardAndAtTheEndOfItsCurve() throws Exception {
        view.problemPanel().functionSelect().setValue("quadratic");
        view.cards().get(0).hyperField(Hyper.LEARNING_RATE).setValue(0.5);
        click(view.controls().start);
        for (int i = 0; i < 500 && view.live().state() == State.RUNNING; i++) {
            Thread.sleep(10);
        }
        view.refresh();
        assertTrue(view.cards().get(0).statusText().startsWith("diverged at step "), view.cards().get(0).statusText());
        assertTrue(view.lossChart().markTexts().get(0).startsWith("GD: diverged at step "), view.lossChart().markTexts().toString());
    }

    @Test
    void anEditAfterARunClearsItsCurvesEndLabelsAndStatuses() throws Exception {
        view.problemPanel().functionSelect().setValue("quadratic");
        view.cards().get(0).hyperField(Hyper.LEARNING_RATE).setValue(0.5);
        view.controls().steps.setValue(200);
        click(view.controls().start);
        for (int i = 0; i < 500 && view.live().state() == State.RUNNING; i++) {
            Thread.sleep(10);
        }
        view.refresh();
        assertTrue(view.cards().get(0).statusText().startsWith("diverged at step "), view.cards().get(0).statusText());
        assertFalse(view.lossChart().markTexts().isEmpty());

        // another function: nothing of the quadratic's run stays on the page
        view.problemPanel().functionSelect().setValue("himmelblau");
        view.refresh();
        assertEquals(State.READY, view.live().state(), "a fresh preview of the edited experiment");
        for (ApexChart.Series s : view.lossChart().series()) {
            assertTrue(s.data().size() <= 1, s.name() + ": only θ₀'s loss, not the old curve: " + s.data().size());
        }
        assertEquals(List.of(), view.lossChart().markTexts(), "no end label of the old run");
        for (OptimizerCard c : view.cards()) {
            assertFalse(c.statusText().contains("diverged") || c.statusText().contains("completed"),
                    "no old status: " + c.statusText());
        }
        assertTrue(view.sideChart().options().get("title").get("text").asText().contains("(x² + y − 11)²"),
                "the contour plot of the new function: " + view.sideChart().options().get("title"));

        // a changed hyper-parameter after a run clears the curves too (they belong to the old ε)
        click(view.controls().start);
        for (int i = 0; i < 500 && view.live().state() == State.RUNNING; i++) {
            Thread.sleep(10);
        }
        view.refresh();
        view.cards().get(1).hyperField(Hyper.LEARNING_RATE).setValue(0.001);
        view.refresh();
        assertEquals(State.READY, view.live().state());
        for (ApexChart.Series s : view.lossChart().series()) {
            assertTrue(s.data().size() <= 1, s.name() + " was cleared: " + s.data().size());
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void theDecisionRegionsSelectorRedrawsAtOnceAfterARunAndNamesItsOptimizer() throws Exception {
        view.problemPanel().setKind(ProblemPanel.Kind.TOY);
        view.controls().steps.setValue(300);
        click(view.controls().start);
        for (int i = 0; i < 1000 && view.live().state() == State.RUNNING; i++) {
            Thread.sleep(10);
        }
        assertEquals(State.FINISHED, view.live().state());
        view.push();
        view.push();
        assertTrue(view.idle(), "nothing more is pushed after the run");
        var select = com.github.mvysny.kaributesting.v10.LocatorJ._get(com.vaadin.flow.component.select.Select.class,
                spec -> spec.withId("regions-of"));
        var caption = com.github.mvysny.kaributesting.v10.LocatorJ._get(com.vaadin.flow.component.html.Span.class,
                spec -> spec.withId("regions-caption"));
        assertTrue(caption.getText().contains("GD's model") && caption.getText().contains("step 300"), caption.getText());
        int sent = view.sideChart().overlayCalls();
        select.setValue("Adam #5");
        assertTrue(view.sideChart().overlayCalls() > sent, "Adam's regions are sent at once, without a push");
        assertTrue(caption.getText().contains("Adam's model"), caption.getText());
    }

    @Test
    void switchingToADatasetMovesUntypedHyperparametersToTheDatasetDefaults() {
        OptimizerCard gd = view.cards().get(0);
        OptimizerCard momentum = view.cards().get(1);
        assertEquals(0.0002, gd.hyperField(Hyper.LEARNING_RATE).getValue(), "Rosenbrock's ε for GD");
        // the student types momentum's ε (as the browser would: a change from the client)
        com.github.mvysny.kaributesting.v10.HasValueUtilsKt._setValue(momentum.hyperField(Hyper.LEARNING_RATE), 0.02);
        view.problemPanel().setKind(ProblemPanel.Kind.TOY);
        assertEquals(0.1, gd.hyperField(Hyper.LEARNING_RATE).getValue(), "GD gets the dataset default");
        assertEquals(0.02, momentum.hyperField(Hyper.LEARNING_RATE).getValue(), "a typed value stays");
        assertEquals(0.01, view.cards().get(4).hyperField(Hyper.LEARNING_RATE).getValue(), "Adam's dataset default");
        assertEquals(0.1, view.document().optimizers().get(0).hyper(org.optlab.engine.Algorithm.Hyper.LEARNING_RATE), "and it is what trains");
        view.problemPanel().setKind(ProblemPanel.Kind.FUNCTION);
        assertEquals(0.01, gd.hyperField(Hyper.LEARNING_RATE).getValue(), "back on a function: the lecture's default");
        assertEquals(0.02, momentum.hyperField(Hyper.LEARNING_RATE).getValue());
    }

    @Test
    @SuppressWarnings("unchecked")
    void theCurvesSwitchBetweenStepsAndEpochs() throws Exception {
        view.problemPanel().setKind(ProblemPanel.Kind.TOY); // moons: 400 for training
        view.cards().get(0).batchSizeField().setValue(400);
        view.cards().get(1).batchSizeField().setValue(1);
        view.controls().steps.setValue(200);
        click(view.controls().start);
        for (int i = 0; i < 1000 && view.live().state() == State.RUNNING; i++) {
            Thread.sleep(10);
        }
        view.refresh();
        List<double[]> batch = view.lossChart().series().get(0).data();
        List<double[]> sgd = view.lossChart().series().get(1).data();
        assertEquals(200, batch.get(batch.size() - 1)[0], "per step: the last point at step 200");
        assertEquals(200, sgd.get(sgd.size() - 1)[0]);
        var xAxis = com.github.mvysny.kaributesting.v10.LocatorJ._get(com.vaadin.flow.component.select.Select.class,
                spec -> spec.withId("x-axis"));
        assertTrue(xAxis.isVisible(), "datasets offer the epoch axis");
        xAxis.setValue("epoch");
        batch = view.lossChart().series().get(0).data();
        sgd = view.lossChart().series().get(1).data();
        assertEquals(200.0, batch.get(batch.size() - 1)[0], 1e-9, "batch GD: 200 steps of m = N are 200 epochs");
        assertEquals(0.5, sgd.get(sgd.size() - 1)[0], 1e-9, "SGD: 200 steps of m = 1 are 200 / 400 epochs");
        assertEquals("epoch (examples seen / N)", view.lossChart().options().get("xaxis").get("title").get("text").asText());
        assertEquals(200.0, view.lossChart().options().get("xaxis").get("max").asDouble(), 1e-9);
        xAxis.setValue("seconds");
        sgd = view.lossChart().series().get(1).data();
        double[] last = sgd.get(sgd.size() - 1);
        assertTrue(last[3] > 0, "a record carries the run's training time");
        assertEquals(last[3], last[0], 0, "per second: x is the training time of the record");
        assertEquals("training time (s)", view.lossChart().options().get("xaxis").get("title").get("text").asText());
        assertTrue(view.lossChart().options().get("xaxis").get("max").asDouble() >= last[3], "the axis reaches it");
        xAxis.setValue("step");
        sgd = view.lossChart().series().get(1).data();
        assertEquals(200, sgd.get(sgd.size() - 1)[0], "and back to steps, exactly");
    }

    @Test
    void newtonsSaddleWarningIsOnItsCardAndMarkedOnThePath() throws Exception {
        view.experimentsBar().presets.setValue("Newton runs to a saddle");
        click(view.controls().start);
        for (int i = 0; i < 500 && view.live().state() == State.RUNNING; i++) {
            Thread.sleep(10);
        }
        view.refresh();
        String card = view.cards().get(0).statusText();
        assertTrue(card.contains("indefinite Hessian from step 1"), card);
        assertTrue(view.sideChart().markTexts().contains("Newton (8.8): indefinite Hessian from step 1"),
                view.sideChart().markTexts().toString());
        assertFalse(view.sideChart().markTexts().stream().anyMatch(t -> t.startsWith("GD:")), "GD has no warning");
    }

    @Test
    void minibatchRunsShowTheirRawMinibatchLossAsAFaintTraceBesideTheTrainingLoss() throws Exception {
        view.problemPanel().setKind(ProblemPanel.Kind.TOY); // moons: 400 for training
        view.cards().get(0).batchSizeField().setValue(400); // batch GD: no minibatches, no trace
        view.cards().get(1).batchSizeField().setValue(1);
        view.controls().steps.setValue(2000);
        click(view.controls().start);
        for (int i = 0; i < 1000 && view.live().state() == State.RUNNING; i++) {
            Thread.sleep(10);
        }
        view.refresh();
        List<ApexChart.Series> series = view.lossChart().series();
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
        var boxes = com.github.mvysny.kaributesting.v10.LocatorJ._find(com.vaadin.flow.component.checkbox.Checkbox.class,
                spec -> spec.withLabel("bias correction (lines 7–8)"));
        long shown = boxes.stream().filter(b -> b.isVisible() && b.getParent().map(p -> p.isVisible()).orElse(true)).count();
        assertEquals(1, shown, "only Adam's card offers it");
        com.vaadin.flow.component.checkbox.Checkbox adams = boxes.stream().filter(com.vaadin.flow.component.Component::isVisible)
                .findFirst().orElseThrow();
        assertEquals(null, view.document().optimizers().get(4).biasCorrection(), "on: the book's box, nothing written");
        adams.setValue(false);
        assertEquals(Boolean.FALSE, view.document().optimizers().get(4).biasCorrection());
        assertTrue(view.isValid());
    }

    @Test
    void anOptimizerCanHaveItsOwnGradientNoiseOnAFunction() {
        OptimizerCard gd = view.cards().get(0);
        var noise = com.github.mvysny.kaributesting.v10.LocatorJ._find(gd,
                com.vaadin.flow.component.textfield.NumberField.class,
                spec -> spec.withLabel("gradient noise σ (this optimizer)")).get(0);
        assertTrue(noise.isVisible(), "offered on a 2-D function");
        assertEquals(null, view.document().optimizers().get(0).gradientNoise(), "empty: the problem's");
        noise.setValue(0.5);
        assertEquals(0.5, view.document().optimizers().get(0).gradientNoise());
        assertTrue(view.isValid(), "an empty noise field is allowed: it means the problem's");
        view.problemPanel().setKind(ProblemPanel.Kind.TOY);
        assertFalse(noise.isVisible(), "on data the minibatches are the noise");
        assertEquals(null, view.document().optimizers().get(0).gradientNoise());
    }

    @Test
    void aToyDatasetGetsBatchSizesAndDataStageErrorsAreMarkedToo() {
        view.problemPanel().setKind(ProblemPanel.Kind.TOY);
        ExperimentDocument doc = view.document();
        assertEquals("moons", doc.problem().dataset());
        assertEquals(org.optlab.experiment.ModelType.MLP, doc.problem().model().type());
        assertEquals(32, doc.optimizers().get(0).batchSize(), "minibatch by default");
        OptimizerCard gd = view.cards().get(0);
        assertTrue(gd.batchSizeField().isVisible());
        gd.batchSizeField().setValue(10_000);
        assertFalse(view.isValid());
        assertEquals("GD: batch size m must be ≤ 400 (the training set of moons), got 10000",
                gd.batchSizeField().getErrorMessage());
        gd.batchSizeField().setValue(400);
        assertTrue(view.isValid());
        assertTrue(view.sideChart().isVisible(), "2-D classification: data and decision regions");
        assertEquals(500, view.sideChart().overlayLayerPoints(2) + view.sideChart().overlayLayerPoints(3),
                "the 500 moons points, drawn as dots, one layer per class");
        click(view.controls().step);
        view.refresh();
        assertEquals(LiveCharts.REGION_CELLS * LiveCharts.REGION_CELLS,
                view.sideChart().overlayLayerPoints(0) + view.sideChart().overlayLayerPoints(1),
                "every cell of the decision map belongs to one predicted class");
        MockVaadin.clientRoundtrip();
        view.refresh();
        int sent = view.sideChart().overlayCalls();
        view.refresh(); // paused: the map is recomputed at the same θ
        assertEquals(sent, view.sideChart().overlayCalls(), "an unchanged decision map is not sent again");
    }
}

package org.optlab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.mvysny.kaributesting.v10.LocatorJ;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.optlab.experiment.Lessons;
import org.optlab.experiment.Lessons.Lesson;
import org.springframework.boot.test.context.SpringBootTest;

/** The Lessons menu: a lesson loads its experiment and shows its text, its question and its boxes (Karibu). */
@SpringBootTest
class LessonsViewTest extends KaribuTestBase {

    static List<Button> boxButtons() {
        return LocatorJ._find(Button.class, spec -> spec.withClasses("lesson-box"));
    }

    static boolean lessonShown() {
        return !LocatorJ._find(Paragraph.class, spec -> spec.withId("lesson-text")).isEmpty();
    }

    @Test
    void everyLessonOpensFromTheMenuWithItsTextAndAValidExperiment() {
        LabView lab = openLab();
        assertTrue(!lessonShown(), "the lab opens with no lesson");
        assertEquals(Lessons.ALL, select("lessons").getListDataView().getItems().toList(), "in the lecture's order");
        for (Lesson l : Lessons.ALL) {
            select("lessons").setValue(l);
            assertValid(l.title());
            assertEquals(l.id(), lab.session().document().lesson(), l.title() + ": the form's experiment names it");
            assertEquals(l.document().problem().getClass(), lab.session().document().problem().getClass(),
                    l.title() + ": a function or a dataset");
            assertEquals(l.document().problem().id(), lab.session().document().problem().id(), l.title());
            if (l.document().problem() instanceof org.optlab.experiment.ExperimentDocument.ProblemSpec.FunctionSpec f
                    && f.start() != null) {
                // not rounded by the form: §8.2.3's θ₀ = (1.5, 0.0001) rounded to (1.5, 0) runs into the saddle
                org.junit.jupiter.api.Assertions.assertArrayEquals(f.start(),
                        ((org.optlab.experiment.ExperimentDocument.ProblemSpec.FunctionSpec) lab.session().document()
                                .problem()).start(), l.title() + ": θ₀ as the lesson sets it");
            }
            assertEquals(l.document().optimizers().size(), lab.session().document().optimizers().size(), l.title());
            assertEquals(l.document().steps(), lab.session().document().steps(), l.title());
            assertEquals("Lesson " + l.title(), byId(Span.class, "lesson-title").getText());
            assertEquals(l.watch(), byId(Paragraph.class, "lesson-text").getText());
            assertEquals("The question: " + l.question(), byId(Paragraph.class, "lesson-question").getText());
            assertEquals(l.boxes().size(), boxButtons().size(), l.title() + ": its algorithm boxes");
        }
    }

    /** The points of the contour plot's θ₀ series as the server configured it. */
    static List<List<Double>> startsMarked() {
        List<org.optlab.ui.chart.ApexChart.Series> series = chart("side-chart").series();
        org.optlab.ui.chart.ApexChart.Series theta0 = series.get(series.size() - 1);
        assertTrue(theta0.name().startsWith("θ₀"), theta0.name());
        return theta0.data().stream().map(p -> List.of(p[0], p[1])).toList();
    }

    @Test
    void oneOptimizerFromSeveralStartsIsSeveralCardsEachWithItsStart() {
        LabView lab = openLab();
        select("lessons").setValue(Lessons.byId("local-minima"));
        assertValid("the local-minima lesson");
        List<OptimizerCard> cards = cards();
        double[][] starts = {{-2, 0}, {-2, -1}, {-1, 0}, {2, -1}};
        for (int k = 0; k < 4; k++) {
            assertEquals(starts[k][0], field(cards.get(k), "start θ₀ x").getValue(), cards.get(k).displayName(k));
            assertEquals(starts[k][1], field(cards.get(k), "start θ₀ y").getValue(), cards.get(k).displayName(k));
            double[] own = lab.session().document().optimizers().get(k).start();
            assertEquals(List.of(starts[k][0], starts[k][1]), List.of(own[0], own[1]), "the document carries it");
        }
        assertEquals(null, field(cards.get(4), "start θ₀ x").getValue(), "momentum starts at the problem's θ₀");
        assertEquals(null, lab.session().document().optimizers().get(4).start());
        // each distinct start is marked once: momentum's (−2, 0) is GD's first
        assertEquals(List.of(List.of(-2.0, 0.0), List.of(-2.0, -1.0), List.of(-1.0, 0.0), List.of(2.0, -1.0)),
                startsMarked());

        // several starts = duplicate a card and give it another start
        cardButton(cards.get(0), "Duplicate").click();
        OptimizerCard copy = cards().get(cards().size() - 1);
        assertEquals(-2.0, field(copy, "start θ₀ x").getValue(), "the copy starts where the original does");
        field(copy, "start θ₀ x").setValue(1.5);
        field(copy, "start θ₀ y").setValue(1.0);
        assertValid("a fifth start");
        double[] own = lab.session().document().optimizers().get(5).start();
        assertEquals(List.of(1.5, 1.0), List.of(own[0], own[1]));
        assertEquals(5, startsMarked().size(), "the new start is marked too");
        assertEquals(List.of(1.5, 1.0), startsMarked().get(4));

        // outside the plot (x in [−2, 2]): said at the field, in words naming the card
        field(copy, "start θ₀ x").setValue(9.0);
        assertInvalid("a start off the plot");
        assertTrue(field(copy, "start θ₀ x").isInvalid());
        assertTrue(field(copy, "start θ₀ x").getErrorMessage().contains("outside the plot of six-hump-camel"),
                field(copy, "start θ₀ x").getErrorMessage());
        assertTrue(formErrors().contains("\"GD from (−2, 0)\" would start where no one sees it"), formErrors());
        // half a start is an empty field; none is the problem's start
        field(copy, "start θ₀ y").clear();
        assertInvalid("half a start");
        assertTrue(field(copy, "start θ₀ y").isInvalid());
        field(copy, "start θ₀ x").clear();
        assertValid("no start of its own");
        assertEquals(null, lab.session().document().optimizers().get(5).start());
    }

    @Test
    void jStarOnAFreshTestSetIsDrawnDashedBesideTheValidationLoss() throws Exception {
        LabView lab = openLab();
        select("lessons").setValue(Lessons.byId("j-vs-jstar"));
        assertValid("the J and J* lesson");
        var testPoints = LocatorJ._get(com.vaadin.flow.component.textfield.IntegerField.class,
                spec -> spec.withLabel("Fresh test points (J*)"));
        assertEquals(2000, testPoints.getValue(), "the problem panel shows the fresh test set");
        assertEquals(2000, ((org.optlab.experiment.ExperimentDocument.ProblemSpec.DatasetSpec) lab.session().document()
                .problem()).testPoints(), "and the form's document keeps it");
        org.optlab.ui.chart.ApexChart validation = chart("validation-chart");
        assertTrue(validation.isVisible());
        assertEquals(List.of("Adam, m = N", "Adam, m = N · J* (fresh test set)"),
                validation.series().stream().map(org.optlab.ui.chart.ApexChart.Series::name).toList());
        assertEquals("[0,6]", validation.options().path("stroke").path("dashArray").toString(), "J* dashed");

        LabViewTest.click(button("start"));
        for (int i = 0; i < 1000 && lab.session().live().state()
                != org.optlab.lab.LiveExperiment.State.FINISHED; i++) {
            Thread.sleep(20);
        }
        lab.refresh();
        var result = lab.session().live().snapshot().results().get(0);
        double[] jStar = result.metrics().get("testLoss");
        List<double[]> drawn = validation.series().get(1).data();
        assertTrue(drawn.size() > 100, "J* drawn along the run: " + drawn.size());
        assertEquals(jStar[jStar.length - 1], drawn.get(drawn.size() - 1)[1], 0, "the last J* drawn is the run's");
        double[] held = result.metrics().get("validationLoss");
        List<double[]> validationDrawn = validation.series().get(0).data();
        assertEquals(held[held.length - 1], validationDrawn.get(validationDrawn.size() - 1)[1], 0);
    }

    @Test
    void aLessonsAlgorithmBoxIsOneClickAway() {
        openLab();
        select("lessons").setValue(Lessons.byId("nesterov-look-ahead"));
        Button nesterov = boxButtons().get(1);
        assertTrue(nesterov.getText().startsWith("Algorithm 8.3 box"), nesterov.getText());
        nesterov.click();
        Dialog box = LocatorJ._get(Dialog.class);
        assertTrue(box.getHeaderTitle().startsWith("Algorithm 8.3"), box.getHeaderTitle());
        assertEquals(AlgorithmBoxes.box("nesterov"), LocatorJ._get(box, Pre.class).getText(), "the lecture's box");
    }

    @Test
    void tryingAnotherSettingKeepsTheLessonAndAnotherProblemClosesIt() {
        LabView lab = openLab();
        select("lessons").setValue(Lessons.byId("momentum-valley"));
        field(cards().get(1), "learning rate ε").setValue(0.03);
        stepsField().setValue(400);
        assertTrue(lessonShown(), "another ε or step budget is still the lesson");
        assertEquals("momentum-valley", lab.session().document().lesson());

        select("function").setValue("rosenbrock");
        assertTrue(!lessonShown(), "another function is another picture: the lesson's text goes");
        assertEquals(null, lab.session().document().lesson(), "and the experiment no longer names it");

        select("lessons").setValue(Lessons.byId("cliff-clipping"));
        // the form has changes: the lab asks before it opens the lesson in their place
        com.github.mvysny.kaributesting.v10.pro.ConfirmDialogKt._fireConfirm(LocatorJ._get(
                com.vaadin.flow.component.confirmdialog.ConfirmDialog.class, spec -> spec.withId("unsaved-changes")));
        assertEquals(Lessons.byId("cliff-clipping").watch(), byId(Paragraph.class, "lesson-text").getText());
        assertEquals("cliff-clipping", lab.session().document().lesson());
    }

    /** Hue (0–360) and saturation (0–1) of a #rrggbb colour. */
    static float[] hueAndSaturation(String hex) {
        int rgb = Integer.parseInt(hex.substring(1), 16);
        float[] hsb = java.awt.Color.RGBtoHSB(rgb >> 16 & 0xff, rgb >> 8 & 0xff, rgb & 0xff, null);
        return new float[] {hsb[0] * 360, hsb[1]};
    }

    @Test
    void theFiveClassicsAreInTheLecturesColours() {
        openLab();
        select("lessons").setValue(Lessons.byId("rmsprop-vs-adagrad"));
        select("lessons").setValue(Lessons.byId("five-classics"));
        List<OptimizerCard> cards = cards();
        assertEquals(5, cards.size());
        float[][] hs = new float[5][];
        for (int i = 0; i < 5; i++) {
            hs[i] = hueAndSaturation(colour(cards.get(i)));
        }
        // GD cyan, momentum magenta, AdaGrad white/grey, RMSProp green, Adam blue
        assertTrue(hs[0][0] > 170 && hs[0][0] < 200 && hs[0][1] > 0.5, "GD cyan: hue " + hs[0][0]);
        assertTrue(hs[1][0] > 280 && hs[1][0] < 320 && hs[1][1] > 0.5, "momentum magenta: hue " + hs[1][0]);
        assertTrue(hs[2][1] < 0.1, "AdaGrad grey: saturation " + hs[2][1]);
        assertTrue(hs[3][0] > 90 && hs[3][0] < 150 && hs[3][1] > 0.4, "RMSProp green: hue " + hs[3][0]);
        assertTrue(hs[4][0] > 200 && hs[4][0] < 240 && hs[4][1] > 0.5, "Adam blue: hue " + hs[4][0]);
    }
}

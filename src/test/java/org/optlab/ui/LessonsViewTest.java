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
            assertEquals(l.document().problem().function(), lab.session().document().problem().function(), l.title());
            assertEquals(l.document().problem().dataset(), lab.session().document().problem().dataset(), l.title());
            assertEquals(l.document().optimizers().size(), lab.session().document().optimizers().size(), l.title());
            assertEquals(l.document().steps(), lab.session().document().steps(), l.title());
            assertEquals("Lesson " + l.title(), byId(Span.class, "lesson-title").getText());
            assertEquals(l.watch(), byId(Paragraph.class, "lesson-text").getText());
            assertEquals("The question: " + l.question(), byId(Paragraph.class, "lesson-question").getText());
            assertEquals(l.boxes().size(), boxButtons().size(), l.title() + ": its algorithm boxes");
        }
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

package org.optlab.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import java.util.List;
import org.optlab.engine.Algorithm;
import org.optlab.experiment.DocumentWriter;
import org.optlab.experiment.ExperimentDocument;
import org.optlab.experiment.ExperimentDocument.ProblemSpec;
import org.optlab.experiment.Lessons.Lesson;

/**
 * The lesson that is open: its title, what to watch, the question it answers, and its algorithm boxes one click away.
 * In the lab it belongs to the experiment in the form: it opens with a lesson's document (from the Lessons menu, a fork
 * of a shared lesson, an imported file that names one) and closes when another experiment is opened or when the student
 * changes the problem (the function, its matrix or noise, the data or the model): its text would then describe another
 * picture. Changing the optimizers, the seed, the steps or θ₀ keeps it; that is what a lesson invites.
 */
final class LessonPanel extends Div {

    private final Span title = new Span();
    private final Paragraph watch = new Paragraph();
    private final Paragraph question = new Paragraph();
    private final Div boxes = new Div();
    private Lesson lesson;
    /** The form's problem, θ₀ aside, when the lesson was opened. */
    private String problem;

    LessonPanel() {
        setId("lesson");
        addClassName("lesson");
        title.setId("lesson-title");
        title.getStyle().set("font-weight", "600");
        watch.setId("lesson-text");
        question.setId("lesson-question");
        question.getStyle().set("font-style", "italic");
        for (Paragraph p : List.of(watch, question)) {
            p.getStyle().set("margin", "var(--lumo-space-xs) 0");
        }
        boxes.getStyle().set("display", "flex").set("flex-wrap", "wrap").set("gap", "0 var(--lumo-space-s)");
        getStyle().set("flex-basis", "100%").set("max-width", "110ch").set("font-size", "var(--lumo-font-size-s)")
                .set("color", "var(--lumo-secondary-text-color)");
        add(title, watch, question, boxes);
        setVisible(false);
    }

    /** Shows this lesson (null: none); {@code problem} is the form's problem as {@link #signature} gives it. */
    void open(Lesson l, String problem) {
        this.lesson = l;
        this.problem = problem;
        setVisible(l != null);
        boxes.removeAll();
        if (l == null) {
            title.setText("");
            watch.setText("");
            question.setText("");
            return;
        }
        title.setText("Lesson " + l.title());
        watch.setText(l.watch());
        question.setText("The question: " + l.question());
        for (Algorithm a : l.boxes()) {
            Button b = new Button("Algorithm " + a.lecture() + " box (" + a.title() + ")", e -> AlgorithmBoxes.open(a));
            b.addClassName("lesson-box");
            b.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
            boxes.add(b);
        }
    }

    /** Shows a lesson on a read-only page (the shared view): no form to follow. */
    void show(Lesson l) {
        open(l, null);
    }

    void close() {
        open(null, null);
    }

    /** The open lesson's id, or null. */
    String id() {
        return lesson == null ? null : lesson.id();
    }

    /** The form's problem changed to this one: a problem other than the lesson's closes the lesson. */
    void problemEdited(String now) {
        if (lesson != null && problem != null && !problem.equals(now)) {
            close();
        }
    }

    /** The problem without its start θ₀, as JSON: what a lesson's text is about. */
    static String signature(ProblemSpec p) {
        if (p == null) {
            return "";
        }
        ProblemSpec withoutStart = p instanceof ProblemSpec.FunctionSpec f ? f.withStart(null) : p;
        return DocumentWriter.write(new ExperimentDocument(1, null, null, 1, null, withoutStart, List.of(), null, null));
    }

}

package org.optlab.ui;

import com.vaadin.flow.component.HasLabel;
import com.vaadin.flow.component.HasValue;
import com.vaadin.flow.component.html.Div;
import java.util.ArrayList;
import java.util.List;
import org.optlab.experiment.Violation;

/**
 * The lab's problems with the form: each violation the tab's session found is marked at its field (a problem field, an
 * optimizer card's field, steps or seed) and all of them are listed here, under the run controls, in the student's
 * words.
 */
final class FormErrors extends Div {

    private final ProblemPanel problem;
    private final RunControls controls;
    private final OptimizerCards cards;

    FormErrors(ProblemPanel problem, RunControls controls, OptimizerCards cards) {
        this.problem = problem;
        this.controls = controls;
        this.cards = cards;
        setId("form-errors");
        getStyle().set("color", "var(--lumo-error-text-color)").set("font-size", "var(--lumo-font-size-s)")
                .set("white-space", "pre-wrap");
    }

    /**
     * Marks each problem at its field in the student's words and lists them all under the controls; returns how many.
     * Each violation carries the path of what it is about; the path picks the field, and the field's words stand before
     * the message: optimizers[0].learningRate "must be > 0" is shown as "GD: learning rate ε must be > 0".
     * An empty field is a problem of its own (it would otherwise train with a default the student never saw).
     */
    int show(List<Violation> problems) {
        problem.clearErrors();
        controls.clearErrors();
        for (OptimizerCard c : cards.all()) {
            c.clearErrors();
        }
        List<OptimizerCard> enabled = cards.enabled();
        List<String> shown = new ArrayList<>();
        for (var blank : problem.blankFields()) {
            String words = BoundFields.blank((HasValue<?, ?>) blank, ((HasLabel) blank).getLabel(), "enter a number");
            blank.setErrorMessage(words);
            blank.setInvalid(true);
            shown.add(words);
        }
        for (var blank : controls.blankFields().entrySet()) {
            blank.getKey().setErrorMessage(blank.getValue());
            blank.getKey().setInvalid(true);
            shown.add(blank.getValue());
        }
        for (int i = 0; i < enabled.size(); i++) {
            OptimizerCard c = enabled.get(i);
            for (var blank : c.blankFields().entrySet()) {
                String words = c.displayName(i) + ": " + blank.getValue();
                blank.getKey().setErrorMessage(words);
                blank.getKey().setInvalid(true);
                shown.add(words);
            }
        }
        if (!shown.isEmpty()) {
            // the validator saw defaults where the fields are empty: its other messages wait until they are filled
            setText(String.join("\n", shown));
            return shown.size();
        }
        for (Violation v : problems) {
            String words = v.toString();
            if (v.optimizer().isPresent()) {
                int index = v.optimizer().getAsInt();
                String field = v.optimizerField();
                if (index < enabled.size()) {
                    OptimizerCard c = enabled.get(index);
                    words = c.displayName(index) + ": " + (field.isEmpty() ? "" : c.fieldWords(field) + " ")
                            + v.message();
                    c.showError(field, words);
                }
            } else if (v.aboutProblem()) {
                String label = problem.fieldWords(v.where());
                if (label != null) {
                    words = label + " " + v.message();
                }
                problem.showError(v.where(), words);
            } else if (v.where().equals("steps") || v.where().equals("seed")) {
                words = (v.where().equals("steps") ? "Steps " : "Seed ") + v.message();
                controls.showError(v.where(), words);
            }
            // every problem is also listed under the controls: a field may be hidden (another algorithm, a collapsed form)
            shown.add(words);
        }
        setText(String.join("\n", shown));
        return shown.size();
    }
}

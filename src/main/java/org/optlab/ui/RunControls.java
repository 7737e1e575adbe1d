package org.optlab.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.binder.Result;
import com.vaadin.flow.data.converter.Converter;
import java.util.Map;
import org.optlab.experiment.Defaults;
import org.optlab.experiment.ExperimentDocument;
import org.optlab.experiment.Limits;
import org.optlab.lab.LiveExperiment.State;

/**
 * Start, Pause/Resume, Step, Stop, Reset, the step budget, the seed and the speed; their enabled states follow the
 * experiment's state. The step budget and the seed are bound with Binder to what the document says of them.
 */
public class RunControls extends HorizontalLayout {

    final Button start = new Button("Start");
    final Button pause = new Button("Pause");
    final Button step = new Button("Step");
    final Button stop = new Button("Stop");
    final Button reset = new Button("Reset");
    final IntegerField steps = new IntegerField("Steps");
    /** The seed: a whole number (a document's may be any 64-bit one), so a text field with a converter. */
    final TextField seed = new TextField("Seed");
    final Select<Integer> speed = new Select<>();
    /** The speeds to choose from, in steps per second (0: as fast as possible). */
    private static final Integer[] SPEEDS = {0, 1, 5, 20, 100, 1000};
    final Span status = new Span();
    private final BoundFields<Budget> fields = new BoundFields<>();
    private final Budget budget = new Budget();

    /** The document's seed and step budget as the fields edit them. */
    private static final class Budget {
        private Long seed = Defaults.SEED;
        private Long steps = 1000L;
    }

    public RunControls() {
        addClassName("run-controls");
        setAlignItems(FlexComponent.Alignment.BASELINE);
        setWrap(true);
        start.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        start.setId("start");
        pause.setId("pause");
        step.setId("step");
        stop.setId("stop");
        reset.setId("reset");
        steps.setId("steps");
        speed.setId("speed");
        steps.setMin(1);
        steps.setMax((int) Limits.MAX_STEPS);
        steps.setWidth("9em");
        seed.setId("seed");
        seed.setWidth("7em");
        seed.setHelperText("minibatches, noise, θ₀");
        fields.bind(steps, "steps", "Steps")
                .withValidator(BoundFields.filled(() -> true, "Steps", () -> "enter a number"))
                .withConverter(k -> k == null ? null : k.longValue(),
                        k -> k == null ? null : (int) Math.min(Integer.MAX_VALUE, k))
                .bind(b -> b.steps, (b, k) -> b.steps = k);
        fields.bind(seed, "seed", "Seed")
                .withConverter(Converter.from(RunControls::seedOf, s -> s == null ? "" : Long.toString(s)))
                .bind(b -> b.seed, (b, s) -> b.seed = s);
        fields.read(budget);
        speed.setLabel("Speed");
        speed.setItems(SPEEDS);
        speed.setItemLabelGenerator(s -> s == 0 ? "as fast as possible" : s + " steps/s");
        speed.setValue(0);
        // the tab keeps its speed in its sessionStorage, as it keeps its key: a reload does not reset it
        speed.addValueChangeListener(e -> {
            if (e.isFromClient() && e.getValue() != null) {
                speed.getElement().executeJs("sessionStorage.setItem('optlab-speed', $0)", e.getValue());
            }
        });
        status.setId("run-status");
        status.getStyle().set("font-size", "var(--lumo-font-size-s)");
        add(start, pause, step, stop, reset, steps, seed, speed, status);
        show(null, true);
    }

    /** Enables what makes sense in this state; {@code valid} is false while the form has an error. */
    /**
     * The speed this tab had before a reload, if it chose one: asked of the browser when the page is attached (and
     * applied through the select's listeners, as if chosen again).
     */
    void recallSpeed() {
        speed.getElement().executeJs("return sessionStorage.getItem('optlab-speed')").then(String.class, kept -> {
            Integer s = speedOf(kept);
            if (s != null && !s.equals(speed.getValue())) {
                speed.setValue(s);
            }
        });
    }

    /** A kept speed, if it is one of the select's (sessionStorage is the browser's: anything may come back). */
    private static Integer speedOf(String kept) {
        try {
            Integer s = kept == null ? null : Integer.valueOf(kept.strip());
            return java.util.Arrays.asList(SPEEDS).contains(s) ? s : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    public void show(State state, boolean valid) {
        State s = state == null ? State.READY : state;
        start.setEnabled(valid && (state == null || s == State.READY || s == State.FINISHED || s == State.STOPPED));
        start.setText(state == null || s == State.READY ? "Start" : "Start again");
        pause.setEnabled(s == State.RUNNING || s == State.WAITING || s == State.PAUSED);
        pause.setText(s == State.PAUSED ? "Resume" : "Pause");
        // after an ended run too: Step then starts the experiment again from θ₀, one update at a time (a lesson may ask
        // for Step after its Start)
        step.setEnabled(valid && s != State.RUNNING && s != State.WAITING);
        stop.setEnabled(s == State.RUNNING || s == State.WAITING || s == State.PAUSED);
        reset.setEnabled(state != null && s != State.READY);
        steps.setEnabled(state == null || s == State.READY || s == State.FINISHED || s == State.STOPPED);
    }

    /** A seed as the student types it: a whole number, or what to do instead. */
    private static Result<Long> seedOf(String text) {
        if (text == null || text.isBlank()) {
            return Result.error("Seed is empty: enter a whole number (" + Defaults.SEED + " if any will do)");
        }
        try {
            return Result.ok(Long.parseLong(text.trim()));
        } catch (NumberFormatException e) {
            return Result.error("Seed is not a whole number: enter one such as " + Defaults.SEED);
        }
    }

    /** Shows the document's step budget and seed. */
    void read(ExperimentDocument doc) {
        budget.steps = doc.steps();
        budget.seed = doc.seed() == null ? Defaults.SEED : doc.seed();
        fields.read(budget);
    }

    /** Calls {@code edit} after the student changes the step budget or the seed. */
    void addEditListener(Runnable edit) {
        fields.addEditListener(e -> edit.run());
        fields.addUnreadableTextListener(edit);
    }

    /** The step budget as the field gives it (0 when it is empty: {@link #blankFields} says so). */
    long steps() {
        return budget.steps == null ? 0 : budget.steps;
    }

    Long seed() {
        return budget.seed;
    }

    /** The fields left empty or not a number, with what to do about each. */
    Map<HasValidation, String> blankFields() {
        return fields.blankFields();
    }

    /** Shows a validator's message at the field its path names ({@code steps}, {@code seed}). */
    boolean showError(String path, String message) {
        return fields.showError(path, message);
    }

    void clearErrors() {
        fields.clearErrors();
    }

    public void setStatus(String text) {
        if (!text.equals(status.getText())) {
            status.setText(text);
        }
    }
}

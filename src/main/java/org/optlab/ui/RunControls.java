package org.optlab.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import org.optlab.experiment.Limits;
import org.optlab.lab.LiveExperiment.State;

/** Start, Pause/Resume, Step, Stop, Reset, the step budget and the speed; their enabled states follow the experiment's state. */
public class RunControls extends HorizontalLayout {

    final Button start = new Button("Start");
    final Button pause = new Button("Pause");
    final Button step = new Button("Step");
    final Button stop = new Button("Stop");
    final Button reset = new Button("Reset");
    final IntegerField steps = new IntegerField("Steps");
    final Select<Integer> speed = new Select<>();
    final Span status = new Span();

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
        steps.setValue(1000);
        steps.setWidth("9em");
        speed.setLabel("Speed");
        speed.setItems(0, 1, 5, 20, 100, 1000);
        speed.setItemLabelGenerator(s -> s == 0 ? "as fast as possible" : s + " steps/s");
        speed.setValue(0);
        status.setId("run-status");
        status.getStyle().set("font-size", "var(--lumo-font-size-s)");
        add(start, pause, step, stop, reset, steps, speed, status);
        show(null, true);
    }

    /** Enables what makes sense in this state; {@code valid} is false while the form has an error. */
    public void show(State state, boolean valid) {
        State s = state == null ? State.READY : state;
        start.setEnabled(valid && (state == null || s == State.READY || s == State.FINISHED || s == State.STOPPED));
        start.setText(state == null || s == State.READY ? "Start" : "Start again");
        pause.setEnabled(s == State.RUNNING || s == State.WAITING || s == State.PAUSED);
        pause.setText(s == State.PAUSED ? "Resume" : "Pause");
        step.setEnabled(valid && (state == null || s == State.READY || s == State.PAUSED));
        stop.setEnabled(s == State.RUNNING || s == State.WAITING || s == State.PAUSED);
        reset.setEnabled(state != null && s != State.READY);
        steps.setEnabled(state == null || s == State.READY || s == State.FINISHED || s == State.STOPPED);
    }

    public void setStatus(String text) {
        if (!text.equals(status.getText())) {
            status.setText(text);
        }
    }
}

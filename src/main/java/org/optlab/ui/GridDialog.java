package org.optlab.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.AbstractNumberField;
import com.vaadin.flow.data.binder.Binder;
import com.vaadin.flow.data.binder.BindingValidationStatus;
import com.vaadin.flow.data.binder.ReadOnlyHasValue;
import com.vaadin.flow.data.binder.ValidationException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import org.optlab.experiment.Violation;
import org.optlab.lab.LabService;
import org.optlab.lab.LiveSweep;
import org.optlab.lab.SweepService;

/**
 * A dialog that runs a grid of runs of the lab's experiment on the shared executor (the learning-rate sweep's points,
 * the (ε, α) map's cells) and draws them as they finish: the life cycle both share. {@link #launch} starts a grid the
 * subclass planned (or says which per-person limit stops it); the lab's push ticker calls {@link #push} while the grid
 * has news, which hands the finished runs to {@link #redraw} and writes the progress; Cancel stops the grid, and
 * closing or detaching the dialog stops it too.
 *
 * @param <R> what a finished run of the grid reports
 */
abstract class GridDialog<R> extends Dialog {

    protected final SweepService sweeps;
    protected final String owner;
    protected final Span status = new Span();
    protected final Button cancel = new Button();
    /** The finished runs drawn so far, in the order they finished. */
    protected final List<R> shown = new ArrayList<>();
    private final String runs;

    private volatile LiveSweep<R> live;
    private LiveSweep.State shownState;
    private ScheduledFuture<?> ticker;
    private long startedNanos;

    /** @param runs what the grid's runs are called in the progress line: "runs", "cells" */
    GridDialog(LabService lab, String owner, String runs) {
        this.sweeps = new SweepService(lab);
        this.owner = owner;
        this.runs = runs;
        cancel.setEnabled(false);
        cancel.addClickListener(e -> cancelGrid());
        addOpenedChangeListener(e -> {
            if (!e.isOpened()) {
                stopGrid();
            }
        });
    }

    /** Starts a planned grid now (or in line), or closes it and shows the per-person limit that stops it. */
    protected boolean launch(LiveSweep<R> s) {
        String refused = sweeps.mayStart(s);
        if (refused != null) {
            s.close();
            status.setText(refused);
            return false;
        }
        live = s;
        shown.clear();
        shownState = null;
        startedNanos = System.nanoTime();
        s.start();
        cancel.setEnabled(true);
        push();
        return true;
    }

    /** How far the grid is: "12 of 155 runs". */
    protected String progress(LiveSweep<R> s) {
        return shown.size() + " of " + s.size() + " " + runs;
    }

    /** What a finished grid ran: "155 runs". */
    protected String finished(LiveSweep<R> s) {
        return s.size() + " " + runs;
    }

    /** Draws every run in {@link #shown} (called after new ones arrived or the state changed). */
    protected abstract void redraw(LiveSweep<R> s);

    /** The grid running or last run, or null. */
    LiveSweep<R> live() {
        return live;
    }

    protected void cancelGrid() {
        LiveSweep<R> s = live;
        if (s != null) {
            s.cancel();
            push();
        }
    }

    protected void stopGrid() {
        LiveSweep<R> s = live;
        if (s != null) {
            s.close();
        }
    }

    /** The runs finished since the last push, drawn, and the progress. */
    void push() {
        LiveSweep<R> s = live;
        if (s == null) {
            return;
        }
        List<R> fresh = s.drain();
        LiveSweep.State state = s.state();
        if (fresh.isEmpty() && state == shownState) {
            return;
        }
        shown.addAll(fresh);
        shownState = state;
        redraw(s);
        String progress = progress(s);
        switch (state) {
            case WAITING -> status.setText(org.optlab.lab.RunWords.waiting(s.positionInLine()));
            case RUNNING, READY -> status.setText("running: " + progress + " done");
            case CANCELLED -> status.setText("cancelled: " + progress + " done");
            case FINISHED -> status.setText(String.format(Locale.ROOT, "finished: %s in %.1f s", finished(s),
                    (System.nanoTime() - startedNanos) / 1e9));
        }
        cancel.setEnabled(state == LiveSweep.State.RUNNING || state == LiveSweep.State.WAITING);
    }

    /**
     * The dialog's grid fields bound with Vaadin's {@link Binder} to its section of the document, a record
     * ({@code SweepSpec}, {@code MapSpec}, {@code SeedsSpec}): the binder reads the record into the fields and makes a
     * new record from them. A field left empty (or not a number) is marked by the binder, its label first; every range
     * is the validator's, whose violations {@link #show} marks at the field their path names ({@code sweep.from}), the
     * field's label before the message, and lists in the status line.
     *
     * @param <S> the section's record
     */
    protected final class Section<S extends Record> {

        private final Binder<S> binder;
        private final Map<String, AbstractNumberField<?, ?>> fieldAt = new HashMap<>();

        Section(Class<S> type) {
            binder = new Binder<>(type);
            // a field's min and max only bound its step buttons: the ranges are the validator's
            binder.setDefaultValidatorsEnabled(false);
        }

        /** Binds a field to the record's {@code component}; violations name it by {@code path}. */
        Section<S> bind(AbstractNumberField<?, ?> field, String component, String path) {
            fieldAt.put(path, field);
            binder.forField(field)
                    .asRequired(c -> BoundFields.blank(field, field.getLabel(), "enter a number"))
                    .bind(component);
            return this;
        }

        /** A component of the record that no field edits (the parameter a sweep varies): kept as it was read. */
        Section<S> keep(String component) {
            binder.forField(new ReadOnlyHasValue<>(value -> { })).bind(component);
            return this;
        }

        void read(S section) {
            binder.readRecord(section);
        }

        /** The section the fields give, or null when a field is empty (marked, and listed in the status line). */
        S write() {
            try {
                return binder.writeRecord();
            } catch (ValidationException e) {
                List<String> words = new ArrayList<>();
                for (BindingValidationStatus<?> b : e.getFieldValidationErrors()) {
                    if (b.isError()) { // the exception lists every field's status, the fields that are right too
                        words.add(b.getMessage().orElse(""));
                    }
                }
                status.setText(String.join("\n", words));
                return null;
            }
        }

        /** Marks each violation at the field its path names and lists them all in the status line, in the dialog's words. */
        void show(List<Violation> violations) {
            List<String> words = new ArrayList<>();
            for (Violation v : violations) {
                AbstractNumberField<?, ?> field = fieldAt.get(v.where());
                String w = field == null ? v.toString() : field.getLabel() + " " + v.message();
                if (field != null) {
                    field.setErrorMessage(w);
                    field.setInvalid(true);
                }
                words.add(w);
            }
            status.setText(String.join("\n", words));
        }
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        super.onAttach(attachEvent);
        UI ui = attachEvent.getUI();
        ticker = sweeps.executorForPush().everyPush(() -> {
            LiveSweep<R> s = live;
            if (s != null && (s.state() != shownState || s.done() != shown.size())) {
                ui.access(this::push);
            }
        });
    }

    @Override
    protected void onDetach(DetachEvent detachEvent) {
        if (ticker != null) {
            ticker.cancel(false);
            ticker = null;
        }
        stopGrid();
        super.onDetach(detachEvent);
    }
}

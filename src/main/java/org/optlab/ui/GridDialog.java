package org.optlab.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ScheduledFuture;
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
            case WAITING -> status.setText(LabView.waitingText(s.positionInLine()));
            case RUNNING, READY -> status.setText("running: " + progress + " done");
            case CANCELLED -> status.setText("cancelled: " + progress + " done");
            case FINISHED -> status.setText(String.format(Locale.ROOT, "finished: %s in %.1f s", finished(s),
                    (System.nanoTime() - startedNanos) / 1e9));
        }
        cancel.setEnabled(state == LiveSweep.State.RUNNING || state == LiveSweep.State.WAITING);
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

package org.optlab.ui;

import com.vaadin.flow.component.UI;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.function.BooleanSupplier;
import org.optlab.lab.LabMetrics;
import org.optlab.lab.TrainingExecutor;

/**
 * A tab's timed pushes: a ticker on the server's push interval that updates the tab while it has something new, and
 * that waits for the browser to confirm each push before it sends the next one (or {@link #CONFIRM_WAIT_NANOS} have
 * passed), so that a slow or stalled browser never has pushes piling up on the server waiting to be written to it. The
 * interval between two pushes goes to the metrics ({@code optlab.push.interval}).
 */
final class PushGate {

    static final long CONFIRM_WAIT_NANOS = 5_000_000_000L;

    private final LabMetrics metrics;
    /** When the tab was last updated by a timed push (System.nanoTime), or 0 after an idle tick. */
    private long lastPush;
    /** When the last timed push went out without the browser having confirmed it yet, or 0. */
    private volatile long unconfirmedSince;
    private ScheduledFuture<?> ticker;

    PushGate(LabMetrics metrics) {
        this.metrics = metrics;
    }

    /**
     * Ticks for the attached {@code ui}: on every tick at which the tab is not {@code idle} and the browser has confirmed
     * the last push, {@code push} runs in {@code ui.access}. {@code idle} is read on the push thread, before it asks
     * for the UI's lock.
     */
    void start(UI ui, TrainingExecutor executor, BooleanSupplier idle, Runnable push) {
        lastPush = 0;
        unconfirmedSince = 0;
        ticker = executor.everyPush(() -> {
            if (!idle.getAsBoolean() && !awaitingBrowser()) {
                ui.access(() -> {
                    if (!awaitingBrowser()) { // ticks queued while the session was busy: the first one pushes
                        push.run();
                    }
                });
            }
        });
    }

    /** The tab went away: no more ticks. */
    void stop() {
        if (ticker != null) {
            ticker.cancel(false);
            ticker = null;
        }
    }

    /** A tick found nothing to push: the next push's interval is not counted from this one's. */
    void rested() {
        lastPush = 0;
    }

    /** A timed push goes out now: its interval since the last one goes to the metrics. */
    void pushing() {
        long now = System.nanoTime();
        if (lastPush != 0) {
            metrics.pushed(now - lastPush);
        }
        lastPush = now;
    }

    /** The push's changes are made: the browser answers once it has applied them, and until then no push follows. */
    void sent(Optional<UI> ui) {
        unconfirmedSince = lastPush;
        // the call runs after the message's changes
        ui.ifPresent(u -> u.getPage().executeJs("return 0").then(ok -> unconfirmedSince = 0,
                error -> unconfirmedSince = 0));
    }

    /** The browser has not yet confirmed the last timed push, and it went out less than five seconds ago. */
    private boolean awaitingBrowser() {
        long since = unconfirmedSince;
        return since != 0 && System.nanoTime() - since < CONFIRM_WAIT_NANOS;
    }
}

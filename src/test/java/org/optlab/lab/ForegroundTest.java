package org.optlab.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** A Save or an import being answered holds the training workers back, within a wait and a share of their time. */
class ForegroundTest {

    @Test
    void withNothingToAnswerAWorkerDoesNotWait() {
        Foreground f = new Foreground(2);
        long t0 = System.nanoTime();
        long held = 0;
        for (int i = 0; i < 1000; i++) {
            long h = System.nanoTime();
            f.holdBack();
            held += System.nanoTime() - h;
        }
        assertTrue(held < 20_000_000L, "no turn waited: " + held / 1e6 + " ms in all");
        assertTrue(System.nanoTime() - t0 < 100_000_000L, "a thousand turns without an answer cost no waiting");
    }

    @Test
    void aWorkerWaitsWhileAnAnswerRunsAndGoesOnWhenItEnds() throws Exception {
        Foreground f = new Foreground(2);
        CountDownLatch answering = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        Thread answer = new Thread(() -> f.answer(() -> {
            answering.countDown();
            try {
                finish.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        }));
        answer.start();
        answering.await();
        AtomicLong waited = new AtomicLong();
        Thread worker = new Thread(() -> {
            long t0 = System.nanoTime();
            f.holdBack();
            waited.set(System.nanoTime() - t0);
        });
        worker.start();
        Thread.sleep(5);
        finish.countDown(); // the answer ends 5 ms into the worker's wait
        worker.join(1000);
        answer.join(1000);
        assertTrue(waited.get() >= 4_000_000L, "the worker held back while the answer ran: " + waited.get() / 1e6 + " ms");
        assertTrue(waited.get() < Foreground.MAX_WAIT_NANOS + 15_000_000L,
                "and no longer than the longest wait: " + waited.get() / 1e6 + " ms");
    }

    @Test
    void answeringWithoutEndTakesAtMostItsShareOfTheWorkersTime() throws Exception {
        Foreground f = new Foreground(1);
        AtomicBoolean on = new AtomicBoolean(true);
        CountDownLatch answering = new CountDownLatch(1);
        // a student saving in a loop: something is being answered all the time
        Thread saver = new Thread(() -> f.answer(() -> {
            answering.countDown();
            while (on.get()) {
                Thread.onSpinWait();
            }
            return null;
        }));
        saver.start();
        answering.await();
        long t0 = System.nanoTime();
        long heldNanos = 0;
        while (System.nanoTime() - t0 < 2_000_000_000L) { // one worker: hold back, then a 10 ms slice
            long h = System.nanoTime();
            f.holdBack();
            heldNanos += System.nanoTime() - h;
            long s = System.nanoTime();
            while (System.nanoTime() - s < 10_000_000L) {
                Thread.onSpinWait();
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        on.set(false);
        saver.join(1000);
        double held = heldNanos / 1e9;
        // the saved-up half second of credit at the start, then a quarter of the time
        double allowed = Foreground.SHARE * 0.5 + Foreground.SHARE * seconds;
        assertTrue(held <= allowed + 0.03, "held back " + held + " s of " + seconds + " s, allowed " + allowed);
        assertTrue(held >= 0.5 * Foreground.SHARE * seconds, "but it did hold back: " + held + " s");
    }

    @Test
    void anAnswersResultAndExceptionPassThrough() {
        Foreground f = new Foreground(2);
        assertEquals("saved", f.answer(() -> "saved"));
        Exception e = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
                () -> f.answer(() -> {
                    throw new java.io.IOException("disk full");
                }));
        assertEquals("disk full", e.getMessage());
    }
}

package org.optlab.lab;

/**
 * What a student waits for in the page comes before the class's training. While a Save or an import is being answered,
 * the training workers hold back before their next slice: for at most {@link #MAX_WAIT_NANOS} at a time, and for at most
 * {@link #SHARE} of their time over any stretch, so that a student who saves in a loop slows everyone's training by at
 * most a quarter. On two cores shared by twenty training experiments, a Save's few tens of milliseconds of work otherwise
 * took ten times that in wall time (README, "Abuse suite", run 16).
 */
public final class Foreground {

    /** The longest a worker holds back at once: five training slices, about what a Save takes on a loaded server. */
    static final long MAX_WAIT_NANOS = 50_000_000L;
    /** The part of the workers' time that answering may take from training, at most. */
    static final double SHARE = 0.25;
    /** The held-back time saved up while nothing is answered: half a second of the workers'. */
    private static final double CREDIT_SECONDS = 0.5;

    private final int workers;
    /** Answers in progress. */
    private int answering;
    /** Worker time, in nanoseconds, that may still be held back. */
    private double credit;
    private long refilledAt;

    Foreground(int workers) {
        this.workers = Math.max(1, workers);
        this.refilledAt = System.nanoTime();
        this.credit = maxCredit();
    }

    /** Something a student waits for. */
    @FunctionalInterface
    public interface Answer<T, X extends Exception> {
        T get() throws X;
    }

    /** Answers {@code answer} now, with the training workers holding back while it runs. */
    public <T, X extends Exception> T answer(Answer<T, X> answer) throws X {
        synchronized (this) {
            answering++;
        }
        try {
            return answer.get();
        } finally {
            synchronized (this) {
                answering--;
                notifyAll();
            }
        }
    }

    /**
     * Called by a worker before a training slice: waits while something is being answered, within the wait and the
     * share allowed.
     */
    void holdBack() {
        synchronized (this) {
            if (answering == 0) {
                return;
            }
            long start = System.nanoTime();
            refill(start);
            long end = start + Math.min(MAX_WAIT_NANOS, (long) credit);
            long now = start;
            try {
                while (answering > 0 && now < end) {
                    long left = end - now;
                    wait(left / 1_000_000, (int) (left % 1_000_000));
                    now = System.nanoTime();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                now = System.nanoTime();
            }
            credit -= now - start;
        }
    }

    private void refill(long now) {
        credit = Math.min(maxCredit(), credit + SHARE * workers * (now - refilledAt));
        refilledAt = now;
    }

    private double maxCredit() {
        return SHARE * workers * CREDIT_SECONDS * 1e9;
    }
}

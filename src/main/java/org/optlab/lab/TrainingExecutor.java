package org.optlab.lab;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * The one training executor of the server: as many workers as cores (configurable), shared by every user. Experiments
 * train in short slices, and workers take slices round-robin across owners (browsers): one person's long run, or many
 * tabs, cannot starve the others. A separate single thread ticks the
 * browser tabs' push updates, so that pushing never delays training and training never delays pushing.
 *
 * <p>At most {@code optlab.max-training-experiments} experiments train at once; one started beyond that waits in line
 * (first come, first served) and knows its position, which its tab shows. An experiment leaves the training set when it
 * is paused, stopped, finished or closed, and the first in line takes its place.
 */
@Component
public class TrainingExecutor implements DisposableBean {

    private final ScheduledThreadPoolExecutor workers;
    private final ScheduledExecutorService ticker;
    private final LabProperties properties;
    private final Foreground foreground;

    public TrainingExecutor(LabProperties properties) {
        this.properties = properties;
        this.foreground = new Foreground(properties.workerCount());
        this.workers = new ScheduledThreadPoolExecutor(properties.workerCount(), named("optlab-train"));
        this.workers.setRemoveOnCancelPolicy(true);
        this.ticker = Executors.newSingleThreadScheduledExecutor(named("optlab-push"));
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    public LabProperties properties() {
        return properties;
    }

    /**
     * What takes a place among the experiments training at once, or waits in line for one: a tab's live experiment, or
     * a learning-rate sweep, an (ε, α) map or a run of k seeds ({@link AdmittedJob}: one experiment, however many runs it
     * holds).
     */
    interface Job {
        /** Its turn has come: called on a worker, never under the executor's locks. */
        void admitted();
    }

    private final Object admission = new Object();
    private final Set<Job> training = new HashSet<>();
    private final ArrayDeque<Job> waiting = new ArrayDeque<>();

    /**
     * Asks for a place among the experiments training at once.
     *
     * @return true when {@code e} may train now; false when it was put at the end of the line, to be told through
     *         {@link Job#admitted()} when its turn comes
     */
    boolean admit(Job e) {
        synchronized (admission) {
            if (training.contains(e)) {
                return true;
            }
            if (waiting.isEmpty() && training.size() < properties.trainingExperimentsLimit()) {
                training.add(e);
                return true;
            }
            if (!waiting.contains(e)) {
                waiting.addLast(e);
            }
            return false;
        }
    }

    /** {@code e} no longer trains nor waits; the first in line (if any) takes the freed place. */
    void release(Job e) {
        List<Job> admitted = new ArrayList<>();
        synchronized (admission) {
            training.remove(e);
            waiting.remove(e);
            while (!waiting.isEmpty() && training.size() < properties.trainingExperimentsLimit()) {
                Job next = waiting.removeFirst();
                training.add(next);
                admitted.add(next);
            }
        }
        // told on a worker, never under a lock: the experiment takes its own lock to start
        for (Job next : admitted) {
            workers.execute(next::admitted);
        }
    }

    /** Whether {@code e} holds a place among the experiments training at once. */
    boolean isTraining(Job e) {
        synchronized (admission) {
            return training.contains(e);
        }
    }

    /** 1 for the first in line, 0 when {@code e} is not waiting. */
    public int positionInLine(Job e) {
        synchronized (admission) {
            int i = 1;
            for (Job w : waiting) {
                if (w == e) {
                    return i;
                }
                i++;
            }
            return 0;
        }
    }

    /** Experiments training now, server-wide. */
    public int trainingCount() {
        synchronized (admission) {
            return training.size();
        }
    }

    /** Experiments waiting for a place, server-wide. */
    public int waitingCount() {
        synchronized (admission) {
            return waiting.size();
        }
    }

    private final Object turns = new Object();
    /** Each owner's waiting slices, owners in the order of their turns (an owner goes to the back after each slice). */
    private final LinkedHashMap<String, ArrayDeque<Runnable>> pending = new LinkedHashMap<>();

    /**
     * Queues a training slice of {@code owner}'s. Workers take turns across owners, round-robin: a person with three
     * experiments gets a slice when it is their turn, like a person with one, so the number of tabs someone runs does not
     * buy them a larger share of the server.
     */
    void submit(String owner, Runnable slice) {
        synchronized (turns) {
            pending.computeIfAbsent(owner, o -> new ArrayDeque<>()).addLast(slice);
        }
        // one turn per queued slice: whichever worker runs it takes the next owner's slice, not necessarily this one
        workers.execute(this::nextTurn);
    }

    /** Queues a training slice of {@code owner}'s after a delay (speed-limited runs). */
    void submit(String owner, Runnable slice, long delayMillis) {
        workers.schedule(() -> submit(owner, slice), delayMillis, TimeUnit.MILLISECONDS);
    }

    private void nextTurn() {
        Runnable slice;
        synchronized (turns) {
            var first = pending.entrySet().iterator().next();
            ArrayDeque<Runnable> slices = first.getValue();
            slice = slices.removeFirst();
            pending.remove(first.getKey());
            if (!slices.isEmpty()) {
                pending.put(first.getKey(), slices);
            }
        }
        foreground.holdBack(); // a Save being answered comes first, within a share of the workers' time
        slice.run();
    }

    /** What students wait for in the page (a Save, an import) goes before the training slices: {@link Foreground}. */
    public Foreground foreground() {
        return foreground;
    }

    /**
     * Runs {@code tick} every push interval, or less often when the server is busy, until the returned future is
     * cancelled. The server sends at most about {@code optlab.push-budget} updates per second to all tabs together: with
     * up to budget × interval experiments training or waiting every tab is updated each interval; beyond that, every
     * {@link #pushStride()}-th interval (20 busy tabs: every second interval, 2.5 updates per second each).
     */
    public ScheduledFuture<?> everyPush(Runnable tick) {
        long period = properties.pushIntervalMillis();
        Runnable paced = paced(tick);
        return ticker.scheduleAtFixedRate(() -> {
            try {
                paced.run();
            } catch (RuntimeException e) {
                LoggerFactory.getLogger(TrainingExecutor.class).warn("push tick failed", e);
            }
        }, period, period, TimeUnit.MILLISECONDS);
    }

    /** {@code tick} on every {@link #pushStride()}-th call: what {@link #everyPush} runs each interval. */
    Runnable paced(Runnable tick) {
        int[] intervals = {0};
        return () -> {
            if (++intervals[0] >= pushStride()) {
                intervals[0] = 0;
                tick.run();
            }
        };
    }

    /** Every how many push intervals a tab is updated now: 1 until the busy tabs exceed the push budget. */
    public int pushStride() {
        synchronized (admission) {
            return properties.pushStride(training.size() + waiting.size());
        }
    }

    @Override
    public void destroy() {
        workers.shutdownNow();
        ticker.shutdownNow();
    }
}

package org.optlab.lab;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * The one training executor of the server: as many workers as cores (configurable), shared by every user. Runs train in
 * short slices and then go to the back of the queue, so no run can starve the others. A separate single thread ticks the
 * browser tabs' push updates, so that pushing never delays training and training never delays pushing.
 */
@Component
public class TrainingExecutor implements DisposableBean {

    private final ScheduledThreadPoolExecutor workers;
    private final ScheduledExecutorService ticker;
    private final LabProperties properties;

    public TrainingExecutor(LabProperties properties) {
        this.properties = properties;
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

    /** Queues a training slice behind the others. */
    void submit(Runnable slice) {
        workers.execute(slice);
    }

    /** Queues a training slice after a delay (speed-limited runs). */
    void submit(Runnable slice, long delayMillis) {
        workers.schedule(slice, delayMillis, TimeUnit.MILLISECONDS);
    }

    /** Runs {@code tick} every push interval until the returned future is cancelled. */
    public ScheduledFuture<?> everyPush(Runnable tick) {
        long period = properties.pushIntervalMillis();
        return ticker.scheduleAtFixedRate(() -> {
            try {
                tick.run();
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(TrainingExecutor.class).warn("push tick failed", e);
            }
        }, period, period, TimeUnit.MILLISECONDS);
    }

    /** Slices waiting for a worker. */
    public int queued() {
        return workers.getQueue().size();
    }

    @Override
    public void destroy() {
        workers.shutdownNow();
        ticker.shutdownNow();
    }
}

package org.optlab.lab;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * What a teacher watches on a busy lab server (Actuator: {@code /actuator/metrics/optlab.push.interval} and friends, once
 * {@code management.endpoints.web.exposure.include} lists {@code metrics}):
 * <ul>
 *   <li>{@code optlab.push.interval}: the time between two updates of one tab, with its median and 95th percentile;</li>
 *   <li>{@code optlab.experiments.training}, {@code optlab.experiments.waiting}: experiments training now and waiting in
 *       line for a place; {@code optlab.experiments.live}: experiments open in tabs;</li>
 *   <li>{@code optlab.push.stride}: every how many push intervals a busy tab is updated now (1 until the busy tabs exceed
 *       {@code optlab.push-budget}).</li>
 * </ul>
 */
@Component
public class LabMetrics {

    private final Timer pushInterval;

    public LabMetrics(MeterRegistry registry, TrainingExecutor executor, LabService lab) {
        pushInterval = Timer.builder("optlab.push.interval")
                .description("time between two updates of one browser tab")
                .publishPercentiles(0.5, 0.95)
                .distributionStatisticExpiry(Duration.ofMinutes(1))
                .distributionStatisticBufferLength(2)
                .register(registry);
        Gauge.builder("optlab.experiments.training", executor, TrainingExecutor::trainingCount)
                .description("experiments training now").register(registry);
        Gauge.builder("optlab.experiments.waiting", executor, TrainingExecutor::waitingCount)
                .description("experiments waiting in line for a place").register(registry);
        Gauge.builder("optlab.experiments.live", lab, LabService::liveCount)
                .description("experiments open in browser tabs").register(registry);
        Gauge.builder("optlab.push.stride", executor, TrainingExecutor::pushStride)
                .description("every how many push intervals a busy tab is updated (the push budget shared out)")
                .register(registry);
    }

    /** One tab was updated {@code nanos} after its previous update. */
    public void pushed(long nanos) {
        pushInterval.record(Duration.ofNanos(nanos));
    }
}

package org.optlab.sharing;

import java.io.IOException;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/health} is DOWN (HTTP 503) while the store cannot be used: the data directory is not writable, or the
 * database does not answer; a load balancer then sends no new sessions to this instance. Shown as {@code store} in the health components.
 */
@Component // shown as "store" (the bean name without HealthIndicator)
class StoreHealthIndicator implements HealthIndicator {

    private final Store store;

    StoreHealthIndicator(Store store) {
        this.store = store;
    }

    @Override
    public Health health() {
        try {
            store.check();
            return Health.up().withDetail("store", store.describe()).build();
        } catch (IOException | RuntimeException e) {
            return Health.down().withDetail("store", store.describe()).withDetail("reason", String.valueOf(e.getMessage()))
                    .build();
        }
    }
}

package org.optlab.lab;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * OptLab's server settings ({@code optlab.*} in application.properties or the environment).
 *
 * @param workers     training threads shared by every user (0: as many as cores)
 * @param sliceMillis how long a run trains before it yields its worker to the next one (round-robin)
 * @param pushMillis  how often a browser tab receives new points (200 ms: 5 updates per second)
 */
@ConfigurationProperties(prefix = "optlab")
public record LabProperties(Integer workers, Integer sliceMillis, Integer pushMillis) {

    public int workerCount() {
        return workers == null || workers <= 0 ? Runtime.getRuntime().availableProcessors() : workers;
    }

    public long sliceNanos() {
        return (sliceMillis == null ? 10 : sliceMillis) * 1_000_000L;
    }

    public long pushIntervalMillis() {
        return pushMillis == null ? 200 : pushMillis;
    }
}

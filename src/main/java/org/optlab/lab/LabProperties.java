package org.optlab.lab;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * OptLab's server settings ({@code optlab.*} in application.properties or the environment).
 *
 * @param workers     training threads shared by every user (0: as many as cores)
 * @param sliceMillis how long a run trains before it yields its worker to the next one (round-robin)
 * @param pushMillis  how often a browser tab receives new points (200 ms: 5 updates per second)
 * @param maxStepsPerRun          per-user limit: updates per run
 * @param maxParameters           per-user limit: parameters of a model
 * @param maxDatasetRows          per-user limit: rows of a dataset
 * @param maxRunningExperiments   per-user limit: experiments running at once (one per browser tab)
 * @param maxTrainingExperiments  server-wide: experiments training at once; later ones wait in line (0: 16 per worker)
 * @param pushBudget  server-wide: updates per second sent to all tabs together (50); beyond it tabs are updated less often
 * @param maxStepCost per-user limit: multiply-adds of one training step (3·p·m for a first-order method on p parameters
 *                    and batches of m, p²·N + p³ for Newton on N examples); a step cannot be interrupted, so this bounds
 *                    how long one run can hold a worker between two slices
 * @param maxSweepUpdates per-user limit: updates of one learning-rate sweep, grid points × steps × optimizers swept
 * @param memoryBudgetMb  server-wide: heap the experiments running, waiting or paused at once may hold together, by
 *                        their {@link MemoryEstimate} (0 or unset: half the JVM's maximum heap)
 * @param maxRunningExperimentsPerAddress per-address limit: experiments running at once from one client address,
 *                        whatever their cookies say (16; 0: off, e.g. when a class shares one address behind NAT)
 * @param maxTabsPerSession tabs one browser session may hold open at once (20); one more shows a page that says so
 * @param maxSeedsUpdates per-user limit: updates of one run of k seeds, seeds × optimizers × steps
 */
@ConfigurationProperties(prefix = "optlab")
public record LabProperties(Integer workers, Integer sliceMillis, Integer pushMillis, Long maxStepsPerRun,
                            Long maxParameters, Integer maxDatasetRows, Integer maxRunningExperiments,
                            Integer maxTrainingExperiments, Integer pushBudget, Long maxStepCost, Long maxSweepUpdates,
                            Integer memoryBudgetMb, Integer maxRunningExperimentsPerAddress,
                            Integer maxTabsPerSession, Long maxSeedsUpdates) {

    /** The properties bound from configuration (the record has a second constructor for the settings before sweeps). */
    @org.springframework.boot.context.properties.bind.ConstructorBinding
    public LabProperties {
    }

    /** The settings without a limit for k seeds (the default applies). */
    public LabProperties(Integer workers, Integer sliceMillis, Integer pushMillis, Long maxStepsPerRun, Long maxParameters,
                         Integer maxDatasetRows, Integer maxRunningExperiments, Integer maxTrainingExperiments,
                         Integer pushBudget, Long maxStepCost, Long maxSweepUpdates, Integer memoryBudgetMb,
                         Integer maxRunningExperimentsPerAddress, Integer maxTabsPerSession) {
        this(workers, sliceMillis, pushMillis, maxStepsPerRun, maxParameters, maxDatasetRows, maxRunningExperiments,
                maxTrainingExperiments, pushBudget, maxStepCost, maxSweepUpdates, memoryBudgetMb,
                maxRunningExperimentsPerAddress, maxTabsPerSession, null);
    }

    /** The settings without a limit of tabs (the default applies). */
    public LabProperties(Integer workers, Integer sliceMillis, Integer pushMillis, Long maxStepsPerRun, Long maxParameters,
                         Integer maxDatasetRows, Integer maxRunningExperiments, Integer maxTrainingExperiments,
                         Integer pushBudget, Long maxStepCost, Long maxSweepUpdates, Integer memoryBudgetMb,
                         Integer maxRunningExperimentsPerAddress) {
        this(workers, sliceMillis, pushMillis, maxStepsPerRun, maxParameters, maxDatasetRows, maxRunningExperiments,
                maxTrainingExperiments, pushBudget, maxStepCost, maxSweepUpdates, memoryBudgetMb,
                maxRunningExperimentsPerAddress, null);
    }

    /** The settings without a limit per address (the default applies). */
    public LabProperties(Integer workers, Integer sliceMillis, Integer pushMillis, Long maxStepsPerRun, Long maxParameters,
                         Integer maxDatasetRows, Integer maxRunningExperiments, Integer maxTrainingExperiments,
                         Integer pushBudget, Long maxStepCost, Long maxSweepUpdates, Integer memoryBudgetMb) {
        this(workers, sliceMillis, pushMillis, maxStepsPerRun, maxParameters, maxDatasetRows, maxRunningExperiments,
                maxTrainingExperiments, pushBudget, maxStepCost, maxSweepUpdates, memoryBudgetMb, null, null);
    }

    /** The settings without a memory budget (the default applies). */
    public LabProperties(Integer workers, Integer sliceMillis, Integer pushMillis, Long maxStepsPerRun, Long maxParameters,
                         Integer maxDatasetRows, Integer maxRunningExperiments, Integer maxTrainingExperiments,
                         Integer pushBudget, Long maxStepCost, Long maxSweepUpdates) {
        this(workers, sliceMillis, pushMillis, maxStepsPerRun, maxParameters, maxDatasetRows, maxRunningExperiments,
                maxTrainingExperiments, pushBudget, maxStepCost, maxSweepUpdates, null, null, null);
    }

    /** The settings without a sweep limit (the default applies). */
    public LabProperties(Integer workers, Integer sliceMillis, Integer pushMillis, Long maxStepsPerRun, Long maxParameters,
                         Integer maxDatasetRows, Integer maxRunningExperiments, Integer maxTrainingExperiments,
                         Integer pushBudget, Long maxStepCost) {
        this(workers, sliceMillis, pushMillis, maxStepsPerRun, maxParameters, maxDatasetRows, maxRunningExperiments,
                maxTrainingExperiments, pushBudget, maxStepCost, null, null, null, null);
    }

    /** Tabs one browser session may hold open at once: 20 unless configured. */
    public int tabsPerSessionLimit() {
        return maxTabsPerSession == null || maxTabsPerSession <= 0 ? 20 : maxTabsPerSession;
    }

    /** Experiments running at once from one client address: 16 unless configured; 0 turns the limit off. */
    public int runningExperimentsPerAddressLimit() {
        return maxRunningExperimentsPerAddress == null ? 16 : Math.max(0, maxRunningExperimentsPerAddress);
    }

    /** Bytes the running experiments may hold together: {@code optlab.memory-budget-mb}, else half the maximum heap. */
    public long memoryBudgetBytes() {
        return memoryBudgetMb == null || memoryBudgetMb <= 0 ? Runtime.getRuntime().maxMemory() / 2
                : memoryBudgetMb * 1024L * 1024L;
    }

    /**
     * Updates one sweep may make: 20 million, e.g. the default 31-point grid × 5 optimizers × 129,000 steps, a few
     * seconds of one core on a 2-D function (measured in the README's Sweeps section).
     */
    public long sweepUpdatesLimit() {
        return maxSweepUpdates == null ? 20_000_000L : maxSweepUpdates;
    }

    /**
     * Updates one run of k seeds may make: 20 million, e.g. 20 seeds × 5 optimizers × 200,000 steps, the same budget as a
     * sweep's.
     */
    public long seedsUpdatesLimit() {
        return maxSeedsUpdates == null ? 20_000_000L : maxSeedsUpdates;
    }

    /** Multiply-adds one step may cost: 300 million, about a tenth of a second on one core of the lab server. */
    public long stepCostLimit() {
        return maxStepCost == null ? 300_000_000L : maxStepCost;
    }

    public long stepsPerRunLimit() {
        return maxStepsPerRun == null ? 2_000_000 : maxStepsPerRun;
    }

    public long parametersLimit() {
        // this server's limit: 200,000 by default, never above what any document may have
        return Math.min(maxParameters == null ? 200_000 : maxParameters, org.optlab.experiment.Limits.MAX_PARAMETERS);
    }

    public int datasetRowsLimit() {
        return maxDatasetRows == null ? 200_000 : maxDatasetRows;
    }

    public int runningExperimentsLimit() {
        return maxRunningExperiments == null ? 4 : maxRunningExperiments;
    }

    public int trainingExperimentsLimit() {
        return maxTrainingExperiments == null || maxTrainingExperiments <= 0 ? 16 * workerCount() : maxTrainingExperiments;
    }

    public int workerCount() {
        return workers == null || workers <= 0 ? Runtime.getRuntime().availableProcessors() : workers;
    }

    public long sliceNanos() {
        return (sliceMillis == null ? 10 : sliceMillis) * 1_000_000L;
    }

    public long pushIntervalMillis() {
        return pushMillis == null ? 200 : pushMillis;
    }

    public int pushBudgetPerSecond() {
        return pushBudget == null || pushBudget <= 0 ? 50 : pushBudget;
    }

    /**
     * Every how many push intervals each of {@code busyTabs} tabs is updated so that all together get at most about
     * {@link #pushBudgetPerSecond()} updates per second: 1 up to budget × interval tabs (10 with the defaults), then
     * rising (20 tabs: 2, 32 tabs: 4).
     */
    public int pushStride(int busyTabs) {
        double perInterval = Math.max(1.0, pushBudgetPerSecond() * pushIntervalMillis() / 1000.0);
        return Math.max(1, (int) Math.ceil(busyTabs / perInterval));
    }
}

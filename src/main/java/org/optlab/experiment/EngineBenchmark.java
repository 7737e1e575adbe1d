package org.optlab.experiment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.optlab.engine.Algorithm;
import org.optlab.engine.DampedNewton;
import org.optlab.engine.FunctionProblem;
import org.optlab.engine.Hyperparameters;
import org.optlab.engine.LearningRateSchedule;
import org.optlab.engine.Objective;
import org.optlab.engine.RunListener;
import org.optlab.engine.RunResult;
import org.optlab.engine.RunSettings;
import org.optlab.engine.Trainer;
import org.optlab.engine.function.Rosenbrock;
import org.optlab.engine.model.Activation;
import org.optlab.engine.model.DataProblem;
import org.optlab.engine.model.Examples;
import org.optlab.engine.model.Mlp;
import org.optlab.engine.model.Model;
import org.optlab.engine.model.OutputLoss;

/**
 * {@code java -jar target/optlab.jar bench}: the engine's speed on this machine.
 *
 * <ol>
 *   <li>Single run: Adam (ε = 0.001) on Rosenbrock from (−2, 2), 20,000,000 steps after warm-up, recording only the
 *       first and last point. Reports steps per second (median of 5).</li>
 *   <li>Sweep: 1,000 Adam runs × 1,000 steps on Rosenbrock, learning rates log-spaced from 10⁻⁴ to 1, every step recorded
 *       (loss and path), on a pool of as many threads as cores. Reports the wall time (median of 5).</li>
 *   <li>Data: four training workloads built from experiment documents (the same path as the lab), steps per second
 *       after warm-up, updates only, and the share of time the default {@code recordEvery} adds for recording.</li>
 *   <li>Inspect: what {@link Trainer#optimizerState()} costs a run, on Adam on Rosenbrock and on the moons MLP: steps per
 *       second with no snapshot, with one every 100 steps (a view pushing 10 times a second takes far fewer), advanced
 *       one step at a time without a snapshot (the cost of slicing alone) and with a snapshot after every step (median
 *       of 5); and one snapshot's time alone, taken 100,000 times from a trained run.</li>
 *   <li>Hessian: the MLP's exact Hessian (one R pass per unit) against the central differences of the gradient it
 *       replaced, in time per Hessian and in nanoseconds per p²·N (the unit of {@code optlab.max-step-cost} for Newton),
 *       beside the gradient's nanoseconds per 3·p·N and a whole damped Newton step's per p²·N + p³.</li>
 * </ol>
 *
 * <p>{@code bench sweep}: the lab's default learning-rate sweep ({@link Sweep}), Rosenbrock from (−2, 2) with the five
 * classics × 2,000 steps over 31 values of ε from 10⁻⁵ to 10 (155 runs, every step recorded as in the lab), on as many
 * threads as cores; wall time after warm-up (median and best of 7).
 *
 * <p>{@code bench seeds}: 5 seeds ({@link Seeds}) of the moons MLP (500 points, noise 0.2, hidden [16, 16], tanh) with
 * four optimizers (minibatch SGD, momentum, RMSProp, Adam; m = 32) × 2,000 steps: 20 runs, their data drawn again per
 * seed, recorded as the document's default says, and the bands and report computed; on as many threads as cores, the
 * first (cold) round and, after warm-up, median and best of 7.
 *
 * <p>{@code bench dense}: the dense training workloads against one core's peak and PyTorch ({@link DenseBenchmark}).
 *
 * {@code bench functions}, {@code bench data}, {@code bench memory}, {@code bench inspect}, {@code bench hessian},
 * {@code bench sweep}, {@code bench seeds} or {@code bench dense} runs one part only.
 */
public final class EngineBenchmark {

    private EngineBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int cores = Runtime.getRuntime().availableProcessors();
        System.out.printf(Locale.ROOT, "OptLab engine benchmark: %d cores, %s %s%n", cores,
                System.getProperty("java.vm.name"), System.getProperty("java.version"));
        String part = args.length > 0 ? args[0] : "all";
        if (part.equals("all") || part.equals("functions")) {
            functions(cores);
        }
        if (part.equals("all") || part.equals("data")) {
            data();
        }
        if (part.equals("all") || part.equals("memory")) {
            memory();
        }
        if (part.equals("all") || part.equals("inspect")) {
            inspect();
        }
        if (part.equals("all") || part.equals("hessian")) {
            hessian();
        }
        if (part.equals("all") || part.equals("sweep")) {
            sweep(cores);
        }
        if (part.equals("all") || part.equals("seeds")) {
            seeds(cores);
        }
        if (part.equals("all") || part.equals("dense")) {
            DenseBenchmark.run();
        }
    }

    /**
     * Steps per second of a run advanced in slices of {@code every} updates with a snapshot after each slice, against the
     * same run advanced in one go (every = 0) and in slices of one update without a snapshot (every = −1).
     */
    static double inspectedRate(Supplier<Trainer> fresh, long steps, int every) {
        Trainer t = fresh.get();
        long sink = 0;
        long start = System.nanoTime();
        if (every == 0) {
            t.advance(steps);
        } else if (every < 0) {
            for (long done = 0; done < steps; done++) {
                t.advance(1);
            }
        } else {
            for (long done = 0; done < steps; done += every) {
                t.advance(every);
                sink += t.optimizerState().vectors().size();
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (t.step() != steps || (every > 0 && sink == 0)) {
            throw new IllegalStateException("the benchmark run ended early: " + t.result().message());
        }
        return steps / seconds;
    }

    static void inspect() throws Exception {
        ExperimentPlan moons = ExperimentPlan.prepare(DocumentReader.read(WORKLOADS[0][1]).document());
        Object[][] runs = {
            {"Adam on Rosenbrock", (Supplier<Trainer>) () -> adam(0.001, 100_000_000, 100_000_000),
                4_000_000L},
            {"Adam, MLP 2-16-16-1 on 1,000 moons, batch 32 (p = 337)",
                (Supplier<Trainer>) () -> moons.trainer(0, RunListener.NONE), 30_000L},
        };
        int[] modes = {0, 100, -1, 1};
        String[] names = {"no snapshot", "a snapshot every 100 steps", "advanced 1 step at a time, no snapshot",
            "a snapshot after every step"};
        for (Object[] run : runs) {
            @SuppressWarnings("unchecked")
            Supplier<Trainer> fresh = (Supplier<Trainer>) run[1];
            long steps = (Long) run[2];
            for (int mode : modes) {
                inspectedRate(fresh, steps / 4, mode); // warm-up
            }
            int repeats = 5;
            double[][] rates = new double[modes.length][repeats];
            for (int i = 0; i < repeats; i++) {
                for (int j = 0; j < modes.length; j++) {
                    rates[j][i] = inspectedRate(fresh, steps, modes[j]);
                }
            }
            StringBuilder line = new StringBuilder("inspect, " + run[0] + ", " + String.format(Locale.ROOT, "%,d", steps)
                    + " steps, median of 5 (min-max; change against no snapshot in the same round, median and range):");
            for (int j = 0; j < modes.length; j++) {
                // the change against the run without snapshots measured in the same round, so that a loaded machine
                // slows both alike
                double[] change = new double[repeats];
                for (int i = 0; i < repeats; i++) {
                    change[i] = 100 * (rates[j][i] / rates[0][i] - 1);
                }
                Arrays.sort(change);
                Arrays.sort(rates[j]);
                line.append(String.format(Locale.ROOT, "%s %s %,.0f steps/s (%,.0f-%,.0f; %+.1f%%, %+.1f%% to %+.1f%%)",
                        j == 0 ? "" : ";", names[j], rates[j][2], rates[j][0], rates[j][4], change[2], change[0],
                        change[repeats - 1]));
            }
            // the snapshot alone: a trained run's optimizerState() taken over and over
            Trainer trained = fresh.get();
            trained.advance(1000);
            double[] nanos = new double[repeats];
            long sink = 0;
            for (int i = -1; i < repeats; i++) {                      // i = −1: warm-up
                long t0 = System.nanoTime();
                for (int k = 0; k < 100_000; k++) {
                    sink += trained.optimizerState().vectors().size();
                }
                if (i >= 0) {
                    nanos[i] = (System.nanoTime() - t0) / 100_000.0;
                }
            }
            Arrays.sort(nanos);
            double stepNanos = 1e9 / rates[0][2];
            line.append(String.format(Locale.ROOT, "; one snapshot alone %,.0f ns (%,.0f-%,.0f) against %,.0f ns per step:"
                    + " %.2f%% of the run's time at one every 100 steps", nanos[2], nanos[0], nanos[repeats - 1],
                    stepNanos, 100 * nanos[2] / (100 * stepNanos)));
            if (sink == 0) {
                throw new IllegalStateException("no snapshot taken");
            }
            System.out.println(line);
        }
    }

    /** The exact MLP Hessian against central differences of the gradient, on random data (seeded). */
    static void hessian() {
        int[][] shapes = {{2, 16, 16, 1}, {2, 16, 3}, {64, 16, 10}};
        int[] examples = {800, 800, 100};
        OutputLoss[] losses = {OutputLoss.BINARY_CROSS_ENTROPY,
            OutputLoss.SOFTMAX_CROSS_ENTROPY, OutputLoss.SOFTMAX_CROSS_ENTROPY};
        for (int c = 0; c < shapes.length; c++) {
            int[] sizes = shapes[c];
            int d = sizes[0];
            int classes = sizes[sizes.length - 1] == 1 ? 2 : sizes[sizes.length - 1];
            int nExamples = examples[c];
            Random random = new Random(1);
            double[] x = new double[nExamples * d];
            int[] labels = new int[nExamples];
            for (int i = 0; i < x.length; i++) {
                x[i] = random.nextGaussian();
            }
            for (int i = 0; i < nExamples; i++) {
                labels[i] = random.nextInt(classes);
            }
            Examples data = Examples.classification(d, x, labels, classes);
            Mlp mlp = new Mlp(sizes,
                    Activation.TANH, losses[c], 0);
            int p = mlp.parameterCount();
            double[] theta = new double[p];
            mlp.initialize(theta, true, random);
            int[] idx = new int[nExamples];
            for (int i = 0; i < nExamples; i++) {
                idx[i] = i;
            }
            double[] exact = new double[p * p];
            double[] differenced = new double[p * p];
            double[] g = new double[p];
            int repeats = 5;
            double[] exactMs = new double[repeats];
            double[] differencedMs = new double[repeats];
            double[] gradientMs = new double[repeats];
            double[] newtonMs = new double[repeats];
            Objective J = new DataProblem(mlp, data, null, nExamples, 1).objective();
            for (int r = -1; r < repeats; r++) {           // r = −1: warm-up
                long tn = System.nanoTime();
                new DampedNewton(p).step(theta.clone(), J, 1, (kind, message) -> { });
                if (r >= 0) {
                    newtonMs[r] = (System.nanoTime() - tn) / 1e6;
                }
                long t0 = System.nanoTime();
                mlp.hessian(theta, data, idx, nExamples, exact);
                long t1 = System.nanoTime();
                centralDifferences(mlp, theta, data, idx, differenced);
                long t2 = System.nanoTime();
                for (int k = 0; k < 20; k++) {
                    mlp.gradient(theta, data, idx, nExamples, g);
                }
                long t3 = System.nanoTime();
                if (r >= 0) {
                    exactMs[r] = (t1 - t0) / 1e6;
                    differencedMs[r] = (t2 - t1) / 1e6;
                    gradientMs[r] = (t3 - t2) / 20 / 1e6;
                }
            }
            Arrays.sort(exactMs);
            Arrays.sort(differencedMs);
            Arrays.sort(gradientMs);
            Arrays.sort(newtonMs);
            double largest = 0;
            double difference = 0;
            for (int i = 0; i < p * p; i++) {
                largest = Math.max(largest, Math.abs(exact[i]));
                difference = Math.max(difference, Math.abs(exact[i] - differenced[i]));
            }
            double unit = (double) p * p * nExamples;
            System.out.printf(Locale.ROOT, "hessian, MLP %s tanh, %s, p = %d, N = %d (median of %d): exact %.1f ms"
                    + " (%.2f ns per p²N), central differences %.1f ms (%.2f ns per p²N), max |difference| %.1e of max|H|"
                    + " %.2f; a gradient %.3f ms (%.2f ns per 3pN); a damped Newton step %.1f ms (%.2f ns per p²N + p³)%n",
                    Arrays.toString(sizes).replace(", ", "-"), losses[c], p, nExamples, repeats, exactMs[2],
                    exactMs[2] * 1e6 / unit, differencedMs[2], differencedMs[2] * 1e6 / unit, difference, largest,
                    gradientMs[2], gradientMs[2] * 1e6 / (3.0 * p * nExamples), newtonMs[2],
                    newtonMs[2] * 1e6 / (unit + (double) p * p * p));
        }
    }

    /** The MLP's Hessian before the R pass: central differences of the exact gradient (step 10⁻⁵·max(1, |θ_q|)), symmetrised. */
    static void centralDifferences(Model model, double[] theta, Examples data,
                                   int[] idx, double[] h) {
        int n = theta.length;
        double[] plus = new double[n];
        double[] minus = new double[n];
        double[] shifted = theta.clone();
        for (int q = 0; q < n; q++) {
            double step = 1e-5 * Math.max(1, Math.abs(theta[q]));
            shifted[q] = theta[q] + step;
            model.gradient(shifted, data, idx, idx.length, plus);
            shifted[q] = theta[q] - step;
            model.gradient(shifted, data, idx, idx.length, minus);
            shifted[q] = theta[q];
            for (int r = 0; r < n; r++) {
                h[r * n + q] = (plus[r] - minus[r]) / (2 * step);
            }
        }
        for (int r = 0; r < n; r++) {
            for (int q = r + 1; q < n; q++) {
                double mean = 0.5 * (h[r * n + q] + h[q * n + r]);
                h[r * n + q] = mean;
                h[q * n + r] = mean;
            }
        }
    }

    /** The default experiment's 31-point learning-rate sweep, warm: median and best wall time of 7 rounds. */
    static void sweep(int cores) throws Exception {
        String json = """
                { "schemaVersion": 1, "seed": 1, "steps": 2000, "problem": { "function": "rosenbrock", "start": [-2, 2] },
                  "optimizers": [ { "algorithm": "sgd", "learningRate": 0.0002 },
                    { "algorithm": "momentum", "learningRate": 0.0002, "momentum": 0.9 },
                    { "algorithm": "adagrad", "learningRate": 0.5, "delta": 1e-7 },
                    { "algorithm": "rmsprop", "learningRate": 0.01, "rho": 0.9, "delta": 1e-6 },
                    { "algorithm": "adam", "learningRate": 0.05, "rho1": 0.9, "rho2": 0.999, "delta": 1e-8 } ],
                  "sweep": {} }""";
        Sweep sweep = Sweep.of(ExperimentPlan.prepare(DocumentReader.read(json).document()));
        for (int i = 0; i < 3; i++) {
            sweep.runAll(cores);
        }
        double[] seconds = new double[7];
        for (int i = 0; i < seconds.length; i++) {
            long t0 = System.nanoTime();
            sweep.runAll(cores);
            seconds[i] = (System.nanoTime() - t0) / 1e9;
        }
        Arrays.sort(seconds);
        System.out.printf(Locale.ROOT, "sweep: default experiment, 31 values of ε x 5 optimizers x 2,000 steps on Rosenbrock"
                + " (%d runs, %,d updates, every step recorded), %d threads: %.3f s median, %.3f s best of %d%n",
                sweep.size(), sweep.updates(), cores, seconds[seconds.length / 2], seconds[0], seconds.length);
    }

    /** Five seeds of the moons MLP with four optimizers × 2,000 steps, runs and report: cold, then median and best of 7. */
    static void seeds(int cores) throws Exception {
        String json = """
                { "schemaVersion": 1, "seed": 1, "steps": 2000,
                  "problem": { "dataset": "moons", "n": 500, "noise": 0.2, "model": { "type": "mlp", "hidden": [16, 16] } },
                  "optimizers": [ { "label": "SGD", "algorithm": "sgd", "learningRate": 0.1, "batchSize": 32 },
                    { "label": "Momentum", "algorithm": "momentum", "learningRate": 0.05, "momentum": 0.9, "batchSize": 32 },
                    { "label": "RMSProp", "algorithm": "rmsprop", "learningRate": 0.005, "batchSize": 32 },
                    { "label": "Adam", "algorithm": "adam", "learningRate": 0.01, "batchSize": 32 } ],
                  "seeds": { "count": 5 } }""";
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long c0 = System.nanoTime();
        long cpu0 = os.getProcessCpuTime();
        Seeds seeds = Seeds.of(ExperimentPlan.prepare(DocumentReader.read(json).document()));
        SeedsReport first = SeedsReport.of(seeds, seeds.runAll(cores));
        double cold = (System.nanoTime() - c0) / 1e9;
        double coldCpu = (os.getProcessCpuTime() - cpu0) / 1e9;
        for (int i = 0; i < 3; i++) {
            SeedsReport.of(seeds, seeds.runAll(cores));
        }
        double[] seconds = new double[7];
        double[] cpu = new double[7];
        for (int i = 0; i < seconds.length; i++) {
            long t0 = System.nanoTime();
            long c = os.getProcessCpuTime();
            Seeds again = Seeds.of(ExperimentPlan.prepare(DocumentReader.read(json).document()));
            SeedsReport.of(again, again.runAll(cores));
            seconds[i] = (System.nanoTime() - t0) / 1e9;
            cpu[i] = (os.getProcessCpuTime() - c) / 1e9;
        }
        Arrays.sort(seconds);
        Arrays.sort(cpu);
        // the CPU time says what the wall time would be on idle cores (CPU / cores), whatever else the machine runs
        System.out.printf(Locale.ROOT, "seeds: 5 seeds x 4 optimizers x 2,000 steps on the moons MLP [16, 16] (%d runs,"
                        + " %,d updates, %d points a band), %d threads: %.3f s cold (CPU %.3f s), %.3f s median, %.3f s"
                        + " best of %d (CPU %.3f s median, %.3f s least); load average %.1f%n",
                seeds.size(), seeds.updates(), first.optimizers().get(0).band().steps().length, cores, cold, coldCpu,
                seconds[seconds.length / 2], seconds[0], seconds.length, cpu[cpu.length / 2], cpu[0],
                os.getSystemLoadAverage());
        first.summary().forEach(line -> System.out.println("  " + line));
    }

    /**
     * The history a long experiment holds: 16 optimizers × 2,000,000 steps on Rosenbrock, recorded every 10 steps
     * (3,200,016 records offered), and the heap its results retain after a full collection.
     */
    static void memory() throws Exception {
        StringBuilder opts = new StringBuilder();
        String[] algorithms = {"sgd", "momentum", "nesterov", "adagrad", "rmsprop", "rmsprop-nesterov", "adam", "sgd"};
        for (int i = 0; i < 16; i++) {
            opts.append(i == 0 ? "" : ",").append("{\"algorithm\": \"").append(algorithms[i % 8])
                    .append("\", \"learningRate\": 0.0001}");
        }
        String json = "{\"schemaVersion\": 1, \"steps\": 2000000, \"recordEvery\": 10, \"problem\": {\"function\":"
                + " \"rosenbrock\", \"start\": [-2, 2]}, \"optimizers\": [" + opts + "]}";
        Runtime rt = Runtime.getRuntime();
        System.gc();
        long before = rt.totalMemory() - rt.freeMemory();
        ExperimentDocument done = ExperimentRunner.run(DocumentReader.read(json).document());
        System.gc();
        System.gc();
        long after = rt.totalMemory() - rt.freeMemory();
        long records = 0;
        for (ExperimentDocument.OptimizerResult r : done.results()) {
            records += r.steps().length;
        }
        System.out.printf(Locale.ROOT, "memory: 16 optimizers x 2,000,000 steps on Rosenbrock, recordEvery 10: %,d records"
                + " kept (%,d offered), %.1f MB of heap retained by the results%n", records, 16 * 200_001L,
                (after - before) / 1e6);
    }

    /** The data workloads of the data issue: name, document, steps per measurement. */
    static final String[][] WORKLOADS = {
        {"MLP 2-16-16-1 tanh, 1,000 moons points, batch 32, Adam",
            "{\"schemaVersion\": 1, \"steps\": 10000000, \"problem\": {\"dataset\": \"moons\", \"n\": 1000, "
            + "\"validationFraction\": 0, \"model\": {\"type\": \"mlp\", \"hidden\": [16, 16], \"activation\": \"tanh\"}}, "
            + "\"optimizers\": [{\"algorithm\": \"adam\", \"batchSize\": 32}]}", "40000"},
        {"softmax regression on digits (64 -> 10), batch 128, Adam",
            "{\"schemaVersion\": 1, \"steps\": 10000000, \"problem\": {\"dataset\": \"digits\", "
            + "\"model\": {\"type\": \"softmax\"}}, \"optimizers\": [{\"algorithm\": \"adam\", \"batchSize\": 128}]}", "20000"},
        {"MLP 64-64-10 tanh on digits, batch 128, momentum",
            "{\"schemaVersion\": 1, \"steps\": 10000000, \"problem\": {\"dataset\": \"digits\", "
            + "\"model\": {\"type\": \"mlp\", \"hidden\": [64], \"activation\": \"tanh\"}}, "
            + "\"optimizers\": [{\"algorithm\": \"momentum\", \"batchSize\": 128}]}", "3000"},
        {"Newton, logistic regression on breast_cancer (30 features + bias, weight decay 0.01), full batch",
            "{\"schemaVersion\": 1, \"steps\": 10000000, \"problem\": {\"dataset\": \"breast_cancer\", "
            + "\"model\": {\"type\": \"logistic\", \"weightDecay\": 0.01}}, \"optimizers\": [{\"algorithm\": \"newton\"}]}", "2000"},
    };

    static void data() throws Exception {
        for (String[] w : WORKLOADS) {
            long steps = Long.parseLong(w[2]);
            ExperimentDocument doc = DocumentReader.read(w[1]).document();
            ExperimentPlan updatesOnly = ExperimentPlan.prepare(withRecordEvery(doc, 10_000_000));
            ExperimentPlan recorded = ExperimentPlan.prepare(withRecordEvery(doc, null));
            timeSteps(updatesOnly, steps); // warm-up
            timeSteps(recorded, steps);
            double[] rates = new double[3];
            double[] recordedRates = new double[3];
            for (int i = 0; i < 3; i++) {
                rates[i] = steps / timeSteps(updatesOnly, steps);
                recordedRates[i] = steps / timeSteps(recorded, steps);
            }
            Arrays.sort(rates);
            Arrays.sort(recordedRates);
            System.out.printf(Locale.ROOT, "%s: %,.0f steps/s (median of 3); with the default recordEvery = %d: %,.0f steps/s, "
                    + "recording %.1f%% of the time%n", w[0], rates[1], recorded.recordEvery(), recordedRates[1],
                    100 * (1 - recordedRates[1] / rates[1]));
        }
    }

    private static ExperimentDocument withRecordEvery(ExperimentDocument d, Integer recordEvery) {
        return new ExperimentDocument(d.schemaVersion(), d.name(), d.seed(), d.steps(), recordEvery, d.problem(),
                d.optimizers(), d.stop(), null);
    }

    /** Seconds for {@code steps} updates of a fresh run of the plan's first optimizer. */
    static double timeSteps(ExperimentPlan plan, long steps) {
        Trainer t = plan.trainer(0, RunListener.NONE);
        long start = System.nanoTime();
        t.advance(steps);
        double seconds = (System.nanoTime() - start) / 1e9;
        if (t.step() != steps) {
            throw new IllegalStateException("the benchmark run ended early: " + t.result().message());
        }
        return seconds;
    }

    static void functions(int cores) throws Exception {
        long singleSteps = 20_000_000;
        for (int i = 0; i < 3; i++) {
            singleRun(2_000_000); // warm-up
        }
        double[] rates = new double[5];
        for (int i = 0; i < rates.length; i++) {
            rates[i] = singleRun(singleSteps);
        }
        Arrays.sort(rates);
        System.out.printf(Locale.ROOT, "single run, Adam on Rosenbrock: %.2f million steps/s (median of 5; min %.2f, max %.2f)%n",
                rates[2] / 1e6, rates[0] / 1e6, rates[4] / 1e6);

        ExecutorService pool = Executors.newFixedThreadPool(cores);
        try {
            sweep(pool); // warm-up
            double[] seconds = new double[5];
            for (int i = 0; i < seconds.length; i++) {
                seconds[i] = sweep(pool);
            }
            Arrays.sort(seconds);
            System.out.printf(Locale.ROOT, "sweep, 1000 Adam runs x 1000 steps on Rosenbrock, lr 1e-4..1: %.3f s (median of 5; min %.3f, max %.3f)%n",
                    seconds[2], seconds[0], seconds[4]);
        } finally {
            pool.shutdownNow();
        }
    }

    static Trainer adam(double epsilon, long steps, int recordEvery) {
        Hyperparameters hp = new Hyperparameters(epsilon, 0, 0, 0.9, 0.999, 1e-8, LearningRateSchedule.CONSTANT);
        return new Trainer(new FunctionProblem(new Rosenbrock(), 0, 1), Algorithm.ADAM.create(hp, 2), new double[] {-2, 2},
                new RunSettings(steps, recordEvery, Double.NaN, Double.NaN), RunListener.NONE);
    }

    /** Steps per second of one long run. */
    static double singleRun(long steps) {
        Trainer t = adam(0.001, steps, (int) Math.min(Integer.MAX_VALUE, steps));
        long start = System.nanoTime();
        RunResult r = t.runToEnd();
        long nanos = System.nanoTime() - start;
        if (r.steps()[r.steps().length - 1] != steps) {
            throw new IllegalStateException("the benchmark run ended early: " + r.message());
        }
        return steps / (nanos / 1e9);
    }

    /** Seconds for the whole sweep. */
    static double sweep(ExecutorService pool) throws Exception {
        int runs = 1000;
        long start = System.nanoTime();
        List<Future<RunResult>> futures = new ArrayList<>(runs);
        for (int i = 0; i < runs; i++) {
            double epsilon = Math.pow(10, -4 + 4.0 * i / (runs - 1));
            futures.add(pool.submit(() -> adam(epsilon, 1000, 1).runToEnd()));
        }
        long recorded = 0;
        for (Future<RunResult> f : futures) {
            recorded += f.get().steps().length;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (recorded < runs) {
            throw new IllegalStateException("missing results");
        }
        return seconds;
    }
}

package org.optlab.experiment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.optlab.engine.Algorithm;
import org.optlab.engine.FunctionProblem;
import org.optlab.engine.Hyperparameters;
import org.optlab.engine.LearningRateSchedule;
import org.optlab.engine.RunListener;
import org.optlab.engine.RunResult;
import org.optlab.engine.RunSettings;
import org.optlab.engine.Trainer;
import org.optlab.engine.function.Rosenbrock;

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
 * </ol>
 *
 * <p>{@code bench sweep}: the lab's default learning-rate sweep ({@link Sweep}), Rosenbrock from (−2, 2) with the five
 * classics × 2,000 steps over 31 values of ε from 10⁻⁵ to 10 (155 runs, every step recorded as in the lab), on as many
 * threads as cores; wall time after warm-up (median and best of 7).
 *
 * {@code bench functions}, {@code bench data}, {@code bench memory} or {@code bench sweep} runs one part only.
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
        if (part.equals("all") || part.equals("sweep")) {
            sweep(cores);
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
    private static double timeSteps(ExperimentPlan plan, long steps) {
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

package org.optlab.experiment;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.optlab.engine.model.Examples;

/**
 * {@code java -jar target/optlab.jar bench dense}: the dense training workloads of issue #18, each as OptLab runs it from
 * its experiment document (updates only, one thread), in steps per second (best and median of {@value #ROUNDS} rounds
 * after warm-up), in GFLOP/s, as a share of one core's peak measured in the same run, and against PyTorch (float64, the
 * same model, batch and optimizer, on the same training set, best of 1 and 2 threads) when {@code python3} can import
 * torch.
 *
 * <p>FLOPs are counted as 2 per multiply-add of the matrix products a step needs: per example of the minibatch, the
 * forward pass Σₗ inₗ·outₗ, the weight gradient as many, and the backward pass through the layers above the first
 * Σₗ₌₁ inₗ·outₗ; for Newton on logistic regression, N(d+1) for the logits, N(d+1) for the gradient and N(d+1)² for the
 * Hessian XᵀDX (what PyTorch computes; OptLab sums only its upper triangle), not the eigen-decomposition and the solve of
 * the (d+1)×(d+1) system. Activations, losses and the optimizer's update are not counted.
 *
 * <p>One core's peak is the better of two loops on vectors that stay in the L1 cache: the plain axpy y ← y + a·x, and
 * the register-blocked y ← y + a₀x₀ + a₁x₁ + a₂x₂ + a₃x₃ of the kernels. Java does not fuse a multiply and an add, so this
 * is the peak of strict, reproducible floating point on this JVM, not the processor's FMA peak.
 */
final class DenseBenchmark {

    static final int ROUNDS = 5;

    /** A workload: its name, its document, the layer sizes of its model, steps per round, the PyTorch workload. */
    record Workload(String name, String document, int[] sizes, long steps, String pytorch) {
    }

    static final List<Workload> WORKLOADS = List.of(
            new Workload("MLP 2-16-16-1 tanh, moons 1,000, batch 32, Adam", EngineBenchmark.WORKLOADS[0][1],
                    new int[] {2, 16, 16, 1}, 40_000, "mlp:2-16-16-1:tanh:adam:32"),
            new Workload("softmax regression digits 64->10, batch 128, Adam", EngineBenchmark.WORKLOADS[1][1],
                    new int[] {64, 10}, 20_000, "softmax:adam:128"),
            new Workload("MLP 64-64-10 tanh digits, batch 128, momentum", EngineBenchmark.WORKLOADS[2][1],
                    new int[] {64, 64, 10}, 4_000, "mlp:64-64-10:tanh:momentum:128"),
            new Workload("Newton, logistic regression breast_cancer, lambda = 0.01", EngineBenchmark.WORKLOADS[3][1],
                    null, 2_000, "newton-logistic:0.01"));

    private DenseBenchmark() {
    }

    static void run() throws Exception {
        System.out.printf(Locale.ROOT, "dense training: %s, %d cores, load average %.1f, %s %s, UseAVX=%s%n", cpuModel(),
                Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                System.getProperty("java.vm.name"), System.getProperty("java.version"), vmOption("UseAVX"));
        double[] peaks = corePeak();
        double peak = Math.max(peaks[0], peaks[1]);
        System.out.printf(Locale.ROOT, "one core's peak (strict FP, L1): axpy %.2f GFLOP/s, 4-term blocked %.2f GFLOP/s%n",
                peaks[0], peaks[1]);
        String python = pythonWithTorch();
        if (python == null) {
            System.out.println("PyTorch not installed (python3 -c 'import torch' fails): no PyTorch column");
        }
        System.out.println("| workload | steps/s best | median | GFLOP/s | % of core peak | PyTorch steps/s | OptLab/PyTorch |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (Workload w : WORKLOADS) {
            ExperimentDocument doc = DocumentReader.read(w.document()).document();
            ExperimentPlan plan = ExperimentPlan.prepare(new ExperimentDocument(doc.schemaVersion(), doc.name(),
                    doc.seed(), doc.steps(), 10_000_000, doc.problem(), doc.optimizers(), doc.stop(), null));
            Examples train = plan.split().train();
            double flops = flopsPerStep(w, plan.batchSize(0), train);
            rate(plan, w.steps());
            double[] rates = new double[ROUNDS];
            for (int i = 0; i < ROUNDS; i++) {
                rates[i] = rate(plan, w.steps());
            }
            Arrays.sort(rates);
            double best = rates[ROUNDS - 1];
            double gflops = best * flops / 1e9;
            String torch = "-";
            String ratio = "-";
            if (python != null) {
                double pt = pytorch(python, w, train);
                torch = String.format(Locale.ROOT, "%,.0f", pt);
                ratio = String.format(Locale.ROOT, "%.2fx", best / pt);
            }
            System.out.printf(Locale.ROOT, "| %s | %,.0f | %,.0f | %.2f | %.0f %% | %s | %s |%n", w.name(), best,
                    rates[ROUNDS / 2], gflops, 100 * gflops / peak, torch, ratio);
        }
    }

    /** FLOPs of one step, as counted in the class comment. */
    static double flopsPerStep(Workload w, int batch, Examples train) {
        if (w.sizes() == null) {
            double n = train.size();
            double p = train.features() + 1;
            return 2 * (2 * n * p + n * p * p);
        }
        double forward = 0;
        double below = 0;
        for (int l = 0; l + 1 < w.sizes().length; l++) {
            double product = (double) w.sizes()[l] * w.sizes()[l + 1];
            forward += product;
            if (l > 0) {
                below += product;
            }
        }
        int m = Math.min(batch, train.size());
        return 2.0 * m * (2 * forward + below);
    }

    /** Steps per second of a fresh run of the plan's first optimizer over {@code steps} updates. */
    private static double rate(ExperimentPlan plan, long steps) {
        return steps / EngineBenchmark.timeSteps(plan, steps);
    }

    /** GFLOP/s of the axpy and of the 4-term blocked axpy on 512 values (best of 5). */
    static double[] corePeak() {
        int n = 512;
        double[] y = new double[n];
        double[] x0 = new double[n];
        double[] x1 = new double[n];
        double[] x2 = new double[n];
        double[] x3 = new double[n];
        for (int i = 0; i < n; i++) {
            x0[i] = 1e-9 * i;
            x1[i] = -x0[i];
            x2[i] = 0.5e-9 * i;
            x3[i] = -x2[i];
        }
        double[] best = new double[2];
        int reps = 200_000;
        for (int round = 0; round < 6; round++) {
            long t0 = System.nanoTime();
            for (int r = 0; r < reps; r++) {
                axpy(1.0000001, x0, y, n);
            }
            long t1 = System.nanoTime();
            for (int r = 0; r < reps / 4; r++) {
                axpy4(1.0000001, x0, 0.9999999, x1, 1.0000002, x2, 0.9999998, x3, y, n);
            }
            long t2 = System.nanoTime();
            if (round > 0) {
                best[0] = Math.max(best[0], 2.0 * n * reps / (t1 - t0));
                best[1] = Math.max(best[1], 8.0 * n * (reps / 4) / (t2 - t1));
            }
        }
        if (Double.isNaN(y[n - 1])) {
            System.out.println("(NaN)");
        }
        return best;
    }

    private static void axpy(double a, double[] x, double[] y, int n) {
        for (int i = 0; i < n; i++) {
            y[i] += a * x[i];
        }
    }

    private static void axpy4(double a0, double[] x0, double a1, double[] x1, double a2, double[] x2, double a3,
            double[] x3, double[] y, int n) {
        for (int i = 0; i < n; i++) {
            y[i] = y[i] + a0 * x0[i] + a1 * x1[i] + a2 * x2[i] + a3 * x3[i];
        }
    }

    /** python3 (or /usr/bin/python3, or $OPTLAB_PYTHON) that imports torch, or null. */
    static String pythonWithTorch() {
        List<String> candidates = new ArrayList<>();
        String configured = System.getenv("OPTLAB_PYTHON");
        if (configured != null) {
            candidates.add(configured);
        }
        candidates.add("python3");
        candidates.add("/usr/bin/python3");
        for (String python : candidates) {
            try {
                Process p = new ProcessBuilder(python, "-c", "import torch").redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                if (p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0) {
                    return python;
                }
                p.destroy();
            } catch (IOException e) {
                // not there: try the next
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        return null;
    }

    /** PyTorch's best steps per second on the workload, on OptLab's training set (the script bench/dense_pytorch.py). */
    private static double pytorch(String python, Workload w, Examples train) throws Exception {
        Path dir = Files.createTempDirectory("optlab-dense");
        try {
            Path script = dir.resolve("dense_pytorch.py");
            try (InputStream in = DenseBenchmark.class.getResourceAsStream("/bench/dense_pytorch.py")) {
                Files.copy(in, script);
            }
            Path csv = dir.resolve("train.csv");
            try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(csv, StandardCharsets.UTF_8))) {
                int d = train.features();
                for (int i = 0; i < train.size(); i++) {
                    StringBuilder line = new StringBuilder();
                    for (int j = 0; j < d; j++) {
                        line.append(train.x(i, j)).append(',');
                    }
                    line.append(train.label(i));
                    out.println(line);
                }
            }
            Process p = new ProcessBuilder(python, script.toString(), w.pytorch(), csv.toString(),
                    Long.toString(w.steps())).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (p.waitFor() != 0) {
                throw new IllegalStateException("the PyTorch script failed: " + output);
            }
            String[] last = output.lines().reduce((a, b) -> b).orElse("").split(" ");
            return Double.parseDouble(last[0]);
        } finally {
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.delete(f);
                }
            }
            Files.delete(dir);
        }
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return System.getProperty("os.arch");
    }

    private static String vmOption(String name) {
        try {
            return ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class)
                    .getVMOption(name).getValue();
        } catch (RuntimeException e) {
            return "?";
        }
    }
}

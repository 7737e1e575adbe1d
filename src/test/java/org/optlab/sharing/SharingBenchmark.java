package org.optlab.sharing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.optlab.engine.Algorithm;
import org.optlab.engine.Algorithm.Hyper;
import org.optlab.experiment.DocumentWriter;
import org.optlab.experiment.ExperimentDocument;
import org.optlab.experiment.ExperimentDocument.OptimizerSpec;
import org.optlab.experiment.ExperimentDocument.ProblemSpec;
import org.optlab.experiment.ExperimentRunner;
import org.optlab.experiment.ExperimentStore;

/**
 * Measures Save, Save again, My experiments and opening a share link for one student while the store holds 1,200
 * experiments of 120 other owners (the lab's default experiment with its results, as saved after a run). On demand,
 * not part of the test suite (no assertion on time):
 *
 * <pre>mvn -B -q -o test -Dvaadin.skip -Dtest=SharingBenchmark [-Dbench.repeat=10]</pre>
 *
 * It prints and writes {@code target/sharing-benchmark.txt}. {@code scripts/bench-sharing-before.sh} runs the same
 * measurement against the store before the sharing service (one global lock, every list a scan of every file).
 */
class SharingBenchmark {

    static final int OTHER_OWNERS = 120;
    static final int EACH = 10;
    static final int OWN = 5;
    static final int REPEAT = Integer.getInteger("bench.repeat", 10);
    static final int AT_ONCE = 8;

    /** The lab's default experiment (Rosenbrock, the five classics), run, as a Save after a run stores it. */
    static ExperimentDocument saved() throws Exception {
        List<OptimizerSpec> o = List.of(
                OptimizerSpec.of("GD", Algorithm.SGD).with(Hyper.LEARNING_RATE, 0.0002),
                OptimizerSpec.of("Momentum", Algorithm.MOMENTUM).with(Hyper.LEARNING_RATE, 0.0002)
                        .with(Hyper.MOMENTUM, 0.9),
                OptimizerSpec.of("AdaGrad", Algorithm.ADAGRAD).with(Hyper.LEARNING_RATE, 0.5).with(Hyper.DELTA, 1e-7),
                OptimizerSpec.of("RMSProp", Algorithm.RMSPROP).with(Hyper.LEARNING_RATE, 0.01).with(Hyper.RHO, 0.9)
                        .with(Hyper.DELTA, 1e-6),
                OptimizerSpec.of("Adam", Algorithm.ADAM).with(Hyper.LEARNING_RATE, 0.05).with(Hyper.RHO1, 0.9)
                        .with(Hyper.RHO2, 0.999).with(Hyper.DELTA, 1e-8));
        return ExperimentRunner.run(new ExperimentDocument(1, "Rosenbrock, five classics", 1L, 2000, null,
                ProblemSpec.function("rosenbrock", new double[] {-2, 2}), o, null, null));
    }

    /** Files as the store writes them, for other owners (written directly: filling is not what is measured). */
    static void fill(Path dir, ExperimentDocument doc) throws Exception {
        ObjectMapper json = new ObjectMapper();
        String document = DocumentWriter.write(doc);
        for (int o = 0; o < OTHER_OWNERS; o++) {
            String owner = ExperimentStore.newOwnerToken();
            for (int i = 0; i < EACH; i++) {
                ObjectNode root = json.createObjectNode();
                String id = newId();
                root.put("id", id);
                root.put("ownerHash", ExperimentStore.ownerHash(owner));
                root.put("saved", Instant.now().toString());
                root.set("document", json.readTree(document));
                Files.write(dir.resolve(id + ".json"), root.toString().getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    static String newId() {
        byte[] b = new byte[16];
        new java.security.SecureRandom().nextBytes(b);
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    interface Op {
        Object run() throws Exception;
    }

    static final StringBuilder OUT = new StringBuilder();

    static void report(String what, Op op) throws Exception {
        double[] ms = new double[REPEAT];
        for (int i = 0; i < REPEAT; i++) {
            long t0 = System.nanoTime();
            op.run();
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        double first = ms[0];
        Arrays.sort(ms);
        line(String.format(Locale.ROOT, "%-44s first %8.1f ms   median %8.1f ms   max %8.1f ms", what, first,
                ms[REPEAT / 2], ms[REPEAT - 1]));
    }

    static void line(String s) {
        System.out.println(s);
        OUT.append(s).append('\n');
    }

    @Test
    void measure() throws Exception {
        Path dir = Files.createTempDirectory("optlab-sharing-bench");
        ExperimentDocument doc = saved();
        fill(dir, doc);
        long size;
        try (var files = Files.list(dir)) {
            size = files.mapToLong(f -> f.toFile().length()).sum();
        }
        line(String.format(Locale.ROOT, "sharing service: %d experiments of %d other owners, %.0f KB each, %d cores",
                OTHER_OWNERS * EACH, OTHER_OWNERS, size / 1e3 / (OTHER_OWNERS * EACH),
                Runtime.getRuntime().availableProcessors()));

        long t0 = System.nanoTime();
        new SharingService(FileStore.open(dir, 5_000_000, 50_000_000, 24), 200, 24);
        line(String.format(Locale.ROOT, "%-44s %8.1f ms", "first start (indexes built from the files)",
                (System.nanoTime() - t0) / 1e6));
        t0 = System.nanoTime();
        SharingService sharing = new SharingService(FileStore.open(dir, 5_000_000, 50_000_000, 24), 200, 24);
        line(String.format(Locale.ROOT, "%-44s %8.1f ms", "start with the indexes in place",
                (System.nanoTime() - t0) / 1e6));

        String student = ExperimentStore.newOwnerToken();
        List<String> own = new ArrayList<>();
        for (int i = 0; i < OWN; i++) {
            own.add(sharing.save(doc, null, student).id());
        }
        String last = own.get(OWN - 1);
        List<String> created = new ArrayList<>();
        report("Save (a new experiment)", () -> {
            String id = sharing.save(doc, null, student).id();
            created.add(id);
            return id;
        });
        for (String id : created) {
            sharing.delete(id, student);
        }
        report("Save again (the same link)", () -> sharing.save(doc, last, student));
        report("My experiments (" + OWN + " of the student's)", () -> sharing.mine(student));
        report("open a share link", () -> sharing.open(last, student));

        ExecutorService pool = Executors.newFixedThreadPool(AT_ONCE);
        List<String> students = new ArrayList<>();
        for (int i = 0; i < AT_ONCE; i++) {
            students.add(ExperimentStore.newOwnerToken());
        }
        report(AT_ONCE + " students press Save at once (all saved)", () -> {
            List<Future<Object>> all = new ArrayList<>();
            for (String s : students) {
                all.add(pool.submit((Callable<Object>) () -> sharing.save(doc, null, s)));
            }
            for (Future<Object> f : all) {
                f.get();
            }
            return null;
        });
        pool.shutdown();
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "sharing-benchmark.txt"), OUT.toString());
        SharingServiceTest.deleteRecursively(dir);
    }
}

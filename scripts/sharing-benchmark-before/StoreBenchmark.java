package org.optlab.experiment;

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
import org.optlab.experiment.ExperimentDocument.OptimizerSpec;
import org.optlab.experiment.ExperimentDocument.ProblemSpec;

/**
 * SharingBenchmark's measurement against the store as it was before the sharing service (ExperimentStore with one global
 * lock; a list reads and validates every file; a create lists first). Not compiled in this tree:
 * scripts/bench-sharing-before.sh copies it into a checkout of the commit before and runs it there. The calls are the
 * ones the views made: Save = isOwner + update or create (ExperimentsBar.save), a share link = find + isOwner
 * (SharedView), My experiments = list.
 */
class StoreBenchmark {

    static final int OTHER_OWNERS = 120;
    static final int EACH = 10;
    static final int OWN = 5;
    /** Repeats of what scans the whole store (a new Save, My experiments): each takes as long as reading every file. */
    static final int REPEAT = Integer.getInteger("bench.repeat", 1);
    /** Repeats of what reads one file. */
    static final int REPEAT_ONE_FILE = 10;
    static final int AT_ONCE = 8;

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

    /** Files as the store writes them, for {@code owners} new owners, or for {@code owner} if given; their ids. */
    static List<String> fill(Path dir, ExperimentDocument doc, int owners, int each, String owner) throws Exception {
        ObjectMapper json = new ObjectMapper();
        String document = DocumentWriter.write(doc);
        List<String> ids = new ArrayList<>();
        for (int o = 0; o < owners; o++) {
            String who = owner != null ? owner : ExperimentStore.newOwnerToken();
            for (int i = 0; i < each; i++) {
                ObjectNode root = json.createObjectNode();
                String id = newId();
                root.put("id", id);
                root.put("ownerHash", ExperimentStore.hash(who));
                root.put("saved", Instant.now().toString());
                root.set("document", json.readTree(document));
                Files.write(dir.resolve(id + ".json"), root.toString().getBytes(StandardCharsets.UTF_8));
                ids.add(id);
            }
        }
        return ids;
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

    static void report(String what, int repeat, Op op) throws Exception {
        double[] ms = new double[repeat];
        for (int i = 0; i < repeat; i++) {
            long t0 = System.nanoTime();
            op.run();
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        double first = ms[0];
        Arrays.sort(ms);
        line(String.format(Locale.ROOT, "%-44s first %8.1f ms   median %8.1f ms   max %8.1f ms", what, first,
                ms[repeat / 2], ms[repeat - 1]));
    }

    static void line(String s) {
        System.out.println(s);
        OUT.append(s).append('\n');
    }

    /** The lab's Save before: update when this tab's last save is the owner's, else create. */
    static String save(ExperimentStore store, ExperimentDocument doc, String savedId, String owner) throws Exception {
        if (savedId != null && store.isOwner(savedId, owner)) {
            store.update(savedId, doc, owner);
            return savedId;
        }
        return store.create(doc, owner);
    }

    @Test
    void measure() throws Exception {
        Path dir = Files.createTempDirectory("optlab-store-bench");
        ExperimentDocument doc = saved();
        fill(dir, doc, OTHER_OWNERS, EACH, null);
        long size;
        try (var files = Files.list(dir)) {
            size = files.mapToLong(f -> f.toFile().length()).sum();
        }
        line(String.format(Locale.ROOT, "store before the sharing service: %d experiments of %d other owners, %.0f KB"
                + " each, %d cores", OTHER_OWNERS * EACH, OTHER_OWNERS, size / 1e3 / (OTHER_OWNERS * EACH),
                Runtime.getRuntime().availableProcessors()));
        ExperimentStore store = new ExperimentStore(dir, 5_000_000, 200);
        String student = ExperimentStore.newOwnerToken();
        // the student's own experiments, written as the store writes them (through create, each would scan the store)
        List<String> own = fill(dir, doc, 1, OWN, student);
        String last = own.get(OWN - 1);
        List<String> created = new ArrayList<>();
        report("Save (a new experiment)", REPEAT, () -> {
            String id = save(store, doc, null, student);
            created.add(id);
            return id;
        });
        for (String id : created) {
            store.delete(id, student);
        }
        report("Save again (the same link)", REPEAT_ONE_FILE, () -> save(store, doc, last, student));
        report("My experiments (" + OWN + " of the student's)", REPEAT, () -> store.list(student));
        report("open a share link", REPEAT_ONE_FILE, () -> store.find(last).isPresent() && store.isOwner(last, student));

        ExecutorService pool = Executors.newFixedThreadPool(AT_ONCE);
        List<String> students = new ArrayList<>();
        for (int i = 0; i < AT_ONCE; i++) {
            students.add(ExperimentStore.newOwnerToken());
        }
        report(AT_ONCE + " students press Save at once (all saved)", 1, () -> {
            List<Future<Object>> all = new ArrayList<>();
            for (String s : students) {
                all.add(pool.submit((Callable<Object>) () -> save(store, doc, null, s)));
            }
            for (Future<Object> f : all) {
                f.get();
            }
            return null;
        });
        pool.shutdown();
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "store-benchmark-before.txt"), OUT.toString());
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        Files.delete(dir);
    }
}

package org.optlab.experiment;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.optlab.sharing.FileStore;
import org.optlab.sharing.SharingService;

/**
 * Where a Save of a long run goes: the lab's default experiment run to 1,000,000 steps (each run's recorded history
 * at its bound, about 3 MB as JSON), as the abuse suite's tabs save it. On demand, not part of the test suite (no
 * assertion on time):
 *
 * <pre>mvn -B -q -o test -Dvaadin.skip -Dtest=SaveBenchmark [-Dbench.repeat=20]</pre>
 *
 * <p>Prints wall time (median and max) and the saving thread's CPU time (median) of: the document as text, the
 * atomic write with its fsync alone, the store's write as it was before 2026-12-03 (a JSON tree of the document, its
 * text with Java 17's {@code Double.toString}, its bytes, then the write), the store's write now (streamed with the
 * codec's Schubfach doubles, fsync), the sharing service's Save (that write and the owner's index with its own fsync),
 * and four owners saving at once (as the abuse suite's Save probe).
 */
class SaveBenchmark {

    static final int REPEAT = Integer.getInteger("bench.repeat", 20);
    static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    interface Op {
        Object run() throws Exception;
    }

    static void report(String what, Op op) throws Exception {
        double[] ms = new double[REPEAT];
        double[] cpu = new double[REPEAT];
        for (int i = 0; i < REPEAT; i++) {
            long c0 = CPU.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            op.run();
            ms[i] = (System.nanoTime() - t0) / 1e6;
            cpu[i] = (CPU.getCurrentThreadCpuTime() - c0) / 1e6;
        }
        Arrays.sort(ms);
        Arrays.sort(cpu);
        System.out.println(String.format(Locale.ROOT, "%-46s median %7.1f ms   max %7.1f ms   CPU median %7.1f ms",
                what, ms[REPEAT / 2], ms[REPEAT - 1], cpu[REPEAT / 2]));
    }

    @Test
    void measure() throws Exception {
        ExperimentDocument d = Lessons.fiveClassics();
        ExperimentDocument doc = ExperimentRunner.run(new ExperimentDocument(1, d.name(), d.seed(), 1_000_000L,
                d.recordEvery(), d.problem(), d.optimizers(), d.stop(), null));
        byte[] bytes = DocumentWriter.write(doc).getBytes(StandardCharsets.UTF_8);
        System.out.println(String.format(Locale.ROOT, "the default experiment at 1,000,000 steps: %,d records a run,"
                + " %.1f MB as indented JSON; %d cores", doc.results().get(0).loss().length, bytes.length / 1e6,
                Runtime.getRuntime().availableProcessors()));
        Path dir = Files.createTempDirectory("optlab-save-bench");
        try {
            ExperimentStore store = new ExperimentStore(dir.resolve("store"), 5_000_000);
            SharingService sharing = new SharingService(FileStore.open(dir.resolve("sharing"), 5_000_000, 50_000_000, 24),
                    200, 24);
            String owner = ExperimentStore.newOwnerToken();
            String hash = ExperimentStore.ownerHash(owner);
            report("the document as text (DocumentWriter)", () -> DocumentWriter.write(doc));
            report("writeAtomically of those bytes (fsync)", () -> {
                StoreFiles.writeAtomically(dir.resolve("bytes.json"), bytes, () -> { });
                return null;
            });
            com.fasterxml.jackson.databind.ObjectMapper before = DocumentCodec.MAPPER.copy();
            before.getFactory().disable(com.fasterxml.jackson.core.StreamWriteFeature.USE_FAST_DOUBLE_WRITER
                    .mappedFeature());
            report("before: tree, text, bytes, writeAtomically", () -> {
                var root = before.createObjectNode();
                root.put("id", "x").put("ownerHash", hash).put("saved", java.time.Instant.now().toString());
                root.set("document", before.valueToTree(doc));
                StoreFiles.writeAtomically(dir.resolve("before.json"), root.toString().getBytes(StandardCharsets.UTF_8),
                        () -> { });
                return null;
            });
            report("ExperimentStore.write (streamed, fsync)", () -> store.write(store.newId(), hash, doc));
            List<String> ids = new ArrayList<>();
            report("SharingService.save (new; + owner index)", () -> ids.add(sharing.save(doc, null, owner).id()));
            for (String id : ids) {
                sharing.delete(id, owner);
            }
            ExecutorService pool = Executors.newFixedThreadPool(4);
            List<String> four = List.of(ExperimentStore.newOwnerToken(), ExperimentStore.newOwnerToken(),
                    ExperimentStore.newOwnerToken(), ExperimentStore.newOwnerToken());
            report("4 owners press Save at once (all saved)", () -> {
                List<Future<Object>> all = new ArrayList<>();
                for (String o : four) {
                    all.add(pool.submit((Callable<Object>) () -> sharing.save(doc, null, o)));
                }
                for (Future<Object> f : all) {
                    f.get();
                }
                return null;
            });
            pool.shutdown();
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }
}

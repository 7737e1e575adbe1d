package org.optlab.sharing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.optlab.experiment.DocumentCodec;
import org.optlab.experiment.ExperimentDocument;
import org.optlab.experiment.ExperimentDocument.OptimizerResult;
import org.optlab.experiment.ExperimentDocument.OptimizerSpec;
import org.optlab.experiment.ExperimentRunner;
import org.optlab.experiment.ExperimentStore;
import org.optlab.experiment.Lessons;

/**
 * What a tab's draft costs to write while 16 runs are in flight (the most one experiment holds): the bytes of one draft
 * and the time of one flush (thinning the results, writing the JSON, its SHA-256, the write), on the file store and on
 * PostgreSQL. Two experiments of 16 runs each: Rosenbrock for 20,000 steps (every step recorded, the history at its
 * bound) and the moons MLP for 20,000 steps (loss, validation loss and accuracy, minibatch loss). Every flush writes a
 * changed draft (the seed alternates). On demand, not part of the test suite (no assertion on time):
 *
 * <pre>mvn -B -q -o test -Dvaadin.skip -Dtest=DraftBenchmark [-Dbench.repeat=20]</pre>
 *
 * It prints and writes {@code target/draft-benchmark.txt}.
 */
class DraftBenchmark {

    static final int REPEAT = Integer.getInteger("bench.repeat", 20);
    static final StringBuilder OUT = new StringBuilder();

    @TempDir
    Path dir;

    /** The experiment's optimizers, repeated with other learning rates up to 16, run for {@code steps}; as if running. */
    static ExperimentDocument sixteenInFlight(ExperimentDocument lesson, long steps) throws Exception {
        List<OptimizerSpec> sixteen = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            OptimizerSpec o = lesson.optimizers().get(i % lesson.optimizers().size());
            Double eps = o.hyper(org.optlab.engine.Algorithm.Hyper.LEARNING_RATE);
            sixteen.add(o.withLabel(o.label() + " " + (i + 1))
                    .with(org.optlab.engine.Algorithm.Hyper.LEARNING_RATE, eps == null ? null : eps * (1 - 0.02 * i)));
        }
        ExperimentDocument ran = ExperimentRunner.run(new ExperimentDocument(1, lesson.name(), 1L, steps, null,
                lesson.problem(), sixteen, null, null));
        List<OptimizerResult> going = new ArrayList<>();
        for (OptimizerResult r : ran.results()) {
            going.add(new OptimizerResult(r.label(), r.algorithm(), "running", "", r.steps(), r.loss(), r.metrics(),
                    r.path(), r.theta(), r.batchSize(), r.stepsPerEpoch(), r.warnings(), r.suppressedWarnings(),
                    r.elapsedMillis(), r.numerics()));
        }
        return ran.withResults(going);
    }

    static void measure(String store, SharingService sharing) throws Exception {
        List<ExperimentDocument> docs = List.of(
                sixteenInFlight(Lessons.fiveClassics(), 20_000),
                sixteenInFlight(Lessons.byId("batch-minibatch-sgd").document(), 20_000));
        for (ExperimentDocument doc : docs) {
            String owner = ExperimentStore.newOwnerToken();
            String tab = UUID.randomUUID().toString();
            int records = 0;
            for (OptimizerResult r : doc.results()) {
                records += r.steps().length;
            }
            String draft = DocumentCodec.writeCompact(SharingService.asDraft(doc));
            int kept = 0;
            for (OptimizerResult r : SharingService.asDraft(doc).results()) {
                kept += r.steps().length;
            }
            double[] ms = new double[REPEAT];
            for (int i = 0; i < REPEAT; i++) {
                ExperimentDocument changed = doc.withSeed((long) (i % 2 + 1));
                sharing.keepDraft(tab, owner, () -> changed);
                long t0 = System.nanoTime();
                sharing.flushDrafts();
                ms[i] = (System.nanoTime() - t0) / 1e6;
            }
            double first = ms[0];
            Arrays.sort(ms);
            line(String.format(Locale.ROOT, "%-10s %-28s %7d records -> %5d kept, draft %6.1f KB (all results: %7.1f KB);"
                    + " flush first %6.1f ms, median %6.1f ms, max %6.1f ms", store,
                    doc.name() + " × 16", records, kept, draft.length() / 1e3,
                    DocumentCodec.writeCompact(doc).length() / 1e3, first, ms[REPEAT / 2], ms[REPEAT - 1]));
        }
    }

    static void line(String s) throws Exception {
        System.out.println(s);
        OUT.append(s).append('\n');
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "draft-benchmark.txt"), OUT.toString());
    }

    @Test
    void measureFiles() throws Exception {
        measure("files", new SharingService(FileStore.open(dir, 5_000_000, 50_000_000, 24), 200, 24));
    }

    @Test
    void measurePostgres() throws Exception {
        SharingBenchmark.onPostgres(pool ->
                measure("PostgreSQL", new SharingService(new PostgresStore(pool, 5_000_000, 50_000_000, 24), 200, 24)));
    }
}

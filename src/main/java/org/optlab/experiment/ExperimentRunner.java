package org.optlab.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.optlab.engine.RunListener;
import org.optlab.experiment.ExperimentDocument.OptimizerResult;

/** Runs every optimizer of a document to the end, in parallel on the available cores, and returns the document with results. */
public final class ExperimentRunner {

    private ExperimentRunner() {
    }

    public static ExperimentDocument run(ExperimentDocument document) throws InvalidDocumentException {
        return run(ExperimentPlan.prepare(document), Runtime.getRuntime().availableProcessors());
    }

    public static ExperimentDocument run(ExperimentPlan plan, int threads) {
        ExperimentDocument document = plan.document();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(threads, plan.size())));
        try {
            List<Future<OptimizerResult>> futures = new ArrayList<>();
            for (int i = 0; i < plan.size(); i++) {
                int index = i;
                futures.add(pool.submit(() -> plan.toDocument(index, plan.trainer(index, RunListener.NONE).runToEnd())));
            }
            List<OptimizerResult> results = new ArrayList<>();
            for (Future<OptimizerResult> f : futures) {
                results.add(f.get());
            }
            return document.withResults(results);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a run failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}

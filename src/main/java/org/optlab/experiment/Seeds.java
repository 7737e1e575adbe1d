package org.optlab.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.optlab.dataset.Dataset;
import org.optlab.engine.RunListener;
import org.optlab.engine.RunResult;
import org.optlab.engine.Trainer;

/**
 * A seeds experiment: the whole document run once per seed, k times, seed i being the document's seed + i
 * ({@link SeedsSpec#seed}), and each optimizer's spread over the seeds ({@link SeedBand}). Run i is exactly the plain
 * document with {@code seed} = seed + i, prepared by the same {@link ExperimentPlan}: its minibatch order, gradient noise,
 * θ₀ of a model, split and toy data (unless {@code problem.seed} fixes the data) follow the seed, everything else is the
 * document's. So a seeds run of one seed is the plain run bit for bit, and the results are a pure function of the
 * document.
 *
 * <p>Runs are numbered seed-major ({@link #run}): every optimizer with the first seed, then with the next, so every
 * band fills in together. A run advances in slices through {@link Run}; one thread advances a run at a time, and
 * {@link #run} is for one thread ({@link #runAll} spreads the runs over several).
 */
public final class Seeds implements GridRuns<SeedCurve> {

    private final ExperimentPlan base;
    private final SeedsSpec spec;
    private final int count;
    /** The plan of the seed last asked for (runs go seed by seed). */
    private int planSeed = -1;
    private ExperimentPlan plan;

    private Seeds(ExperimentPlan base, SeedsSpec spec) {
        this.base = base;
        this.spec = spec;
        this.count = spec.countOrDefault();
    }

    /**
     * The seeds of a prepared document (its data loaded and checked) as {@code spec} says; throws with the violations
     * when the section is invalid for this document.
     */
    public static Seeds of(ExperimentPlan base, SeedsSpec spec) throws InvalidDocumentException {
        ExperimentValidator.checkSection(base.document().withSweep(null).withSeeds(spec), "seeds");
        return new Seeds(base, spec);
    }

    /** The seeds of a document's own {@code seeds} section (the defaults without one). */
    public static Seeds of(ExperimentPlan base) throws InvalidDocumentException {
        SeedsSpec spec = base.document().seeds();
        return of(base, spec == null ? SeedsSpec.defaults() : spec);
    }

    public ExperimentDocument document() {
        return base.document();
    }

    public SeedsSpec spec() {
        return spec;
    }

    /** k, the number of seeds. */
    public int count() {
        return count;
    }

    /** Optimizers of the document. */
    public int optimizers() {
        return base.size();
    }

    /** The seed of run group i: the document's seed + i. */
    public long seed(int i) {
        return SeedsSpec.seed(base.document(), i);
    }

    /** The label of optimizer o of the document. */
    public String label(int o) {
        return base.label(o);
    }

    /** Runs: seeds × optimizers. */
    @Override
    public int size() {
        return count * base.size();
    }

    /** Updates the whole experiment makes at most: runs × the step budget. */
    public long updates() {
        return (long) size() * base.document().steps();
    }

    /** The plain document that seed {@code seed} runs: this seed, no seeds or sweep section, no results. */
    public static ExperimentDocument at(ExperimentDocument document, long seed) {
        return document.withSeed(seed).withSeeds(null).withSweep(null).withResults(null);
    }

    /** Run r: seed index r / (optimizers), optimizer r % (optimizers). */
    public int seedIndex(int r) {
        return r / base.size();
    }

    public int optimizer(int r) {
        return r % base.size();
    }

    /** The run r, ready to advance (data that does not depend on the seed is reused from the base plan). */
    @Override
    public Run point(int r) {
        return run(r);
    }

    /** {@link #point}. */
    public Run run(int r) {
        int i = seedIndex(r);
        if (i != planSeed) {
            plan = prepare(i);
            planSeed = i;
        }
        return new Run(plan, optimizer(r), i, seed(i));
    }

    /** The plan of seed i: the plain document with that seed, its data drawn again if it follows the seed. */
    private ExperimentPlan prepare(int i) {
        ExperimentDocument d = at(base.document(), seed(i));
        try {
            return ExperimentPlan.prepare(d, dataOf(d));
        } catch (InvalidDocumentException e) {
            // the base plan passed the same checks; only the seed differs, which they do not look at
            throw new IllegalStateException("a seed's run cannot be prepared: " + e.problems(), e);
        }
    }

    /** The dataset of the document with seed i: toy data drawn from the experiment's seed is drawn again. */
    private Dataset dataOf(ExperimentDocument d) throws InvalidDocumentException {
        if (!(d.problem() instanceof ExperimentDocument.ProblemSpec.DatasetSpec p)) {
            return null;
        }
        if (p.ref() instanceof DatasetRef.Toy && p.seed() == null) {
            return ExperimentPlan.loadData(d, DatasetResolver.NONE);
        }
        return base.dataset();
    }

    /**
     * Every run, on up to {@code threads} threads; the same numbers whatever the threads. The runs are handed out one by
     * one, seed-major, so that the threads stay busy to the end; a seed's plan is prepared by the first of its runs to
     * start, shared by its runs (a plan makes trainers on any thread) and let go when its last run ends, so that only
     * the seeds in progress hold their data.
     */
    public SeedCurve[] runAll(int threads) {
        SeedCurve[] curves = new SeedCurve[size()];
        int n = base.size();
        ExperimentPlan[] plans = new ExperimentPlan[count];
        int[] left = new int[count];
        java.util.Arrays.fill(left, n);
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(threads, size())));
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int r = 0; r < size(); r++) {
                int run = r;
                futures.add(pool.submit(() -> {
                    int i = seedIndex(run);
                    ExperimentPlan plan;
                    synchronized (plans) {
                        if (plans[i] == null) {
                            plans[i] = prepare(i);
                        }
                        plan = plans[i];
                    }
                    Run one = new Run(plan, optimizer(run), i, seed(i));
                    one.advance(Long.MAX_VALUE);
                    curves[run] = one.result();
                    synchronized (plans) {
                        if (--left[i] == 0) {
                            plans[i] = null;
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
            return curves;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a seed's run failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** Each optimizer's band over the finished runs given (null entries: runs not finished, left out), in document order. */
    public List<SeedBand> bands(SeedCurve[] curves) {
        List<SeedBand> bands = new ArrayList<>();
        for (int o = 0; o < base.size(); o++) {
            List<SeedCurve> mine = new ArrayList<>();
            for (SeedCurve c : curves) {
                if (c != null && c.optimizer() == o) {
                    mine.add(c);
                }
            }
            bands.add(SeedBand.of(o, mine));
        }
        return bands;
    }

    /** One seed's run of one optimizer: its trainer, advanced in slices. */
    public static final class Run extends GridRuns.TrainerRun<SeedCurve> {
        private final Trainer trainer;
        private final int optimizer;
        private final int seedIndex;
        private final long seed;

        Run(ExperimentPlan plan, int optimizer, int seedIndex, long seed) {
            this.optimizer = optimizer;
            this.seedIndex = seedIndex;
            this.seed = seed;
            this.trainer = plan.trainer(optimizer, RunListener.NONE);
        }

        @Override
        protected Trainer trainer() {
            return trainer;
        }

        @Override
        public SeedCurve result() {
            RunResult r = trainer.result();
            return new SeedCurve(optimizer, seedIndex, seed, r.status(), r.message(), r.steps(), r.loss());
        }
    }
}

package org.optlab.lab;

import org.optlab.experiment.ExperimentDocument.ProblemSpec.DatasetSpec;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.optlab.experiment.DatasetResolver;
import org.optlab.experiment.ExperimentDocument;
import org.optlab.experiment.ExperimentPlan;
import org.optlab.experiment.Seeds;
import org.optlab.experiment.InvalidDocumentException;
import org.optlab.experiment.Violation;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Service;

/** What the views call to run: turn a document into a live experiment on the shared executor (uploads resolved). */
@Service
@EnableConfigurationProperties(LabProperties.class)
public class LabService {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(LabService.class);

    private final TrainingExecutor executor;
    private final UploadStore uploads;
    /** Every live experiment of the server (each knows the owner token of the browser that runs it). */
    private final Set<LiveExperiment> live = ConcurrentHashMap.newKeySet();
    /** Every live sweep, map and run of k seeds of the server; each counts as one running experiment of its owner. */
    private final Set<AdmittedJob> jobs = ConcurrentHashMap.newKeySet();

    /** Heap reserved now for reading and parsing uploads ({@link #reserve}), counted in the memory budget. */
    private final Set<Reservation> reservations = ConcurrentHashMap.newKeySet();

    public LabService(TrainingExecutor executor, UploadStore uploads) {
        this.executor = executor;
        this.uploads = uploads;
    }

    public TrainingExecutor executor() {
        return executor;
    }

    /** Resolves {@code upload:} datasets from the store; the web lab never opens a file path named in a document. */
    public DatasetResolver resolver() {
        return reference -> {
            if (reference.startsWith("file:")) {
                return DatasetResolver.NONE.csv(reference);
            }
            byte[] bytes = uploads.get(reference);
            if (bytes == null) {
                throw new IOException("the uploaded dataset is no longer on the server; upload the CSV file again");
            }
            return bytes;
        };
    }

    /**
     * Loads the data and checks the document against it and against the server's per-user limits; throws with every
     * problem found, each naming the limit and its value.
     */
    public ExperimentPlan plan(ExperimentDocument document) throws InvalidDocumentException {
        return plan(document, loadData(document));
    }

    /** The document's dataset, loaded (an upload through the store); null for a function problem. */
    public org.optlab.dataset.Dataset loadData(ExperimentDocument document) throws InvalidDocumentException {
        if (!(document.problem() instanceof DatasetSpec)) {
            return null;
        }
        // an uploaded CSV is parsed within the memory budget, as when it was uploaded
        List<Reservation> parsing = new ArrayList<>();
        DatasetResolver uploaded = resolver();
        try {
            return ExperimentPlan.loadData(document, reference -> {
                byte[] bytes = uploaded.csv(reference);
                try {
                    parsing.add(reserve((long) bytes.length * CSV_HEAP_PER_BYTE));
                } catch (MemoryTaken e) {
                    throw new IOException(e.getMessage());
                }
                return bytes;
            });
        } finally {
            parsing.forEach(Reservation::close);
        }
    }

    /** {@link #plan(ExperimentDocument)} with the data already loaded by {@link #loadData}. */
    public ExperimentPlan plan(ExperimentDocument document, org.optlab.dataset.Dataset data)
            throws InvalidDocumentException {
        ExperimentPlan plan = ExperimentPlan.prepare(document, data);
        LabProperties p = executor.properties();
        List<Violation> problems = new ArrayList<>();
        if (document.steps() > p.stepsPerRunLimit()) {
            problems.add(new Violation("", "steps", "is " + document.steps() + "; this server's limit per run is "
                    + p.stepsPerRunLimit() + " (optlab.max-steps-per-run)"));
        }
        if (plan.isDataset()) {
            if (plan.dataset().size() > p.datasetRowsLimit()) {
                problems.add(new Violation("problem", "dataset", "has " + plan.dataset().size() + " rows; this server's"
                        + " limit is " + p.datasetRowsLimit() + " (optlab.max-dataset-rows)"));
            }
            int parameters = plan.start().length;
            int n = plan.split().train().size();
            for (int i = 0; i < plan.size(); i++) {
                double cost = stepCost(plan.algorithm(i).secondOrder(), parameters, plan.batchSize(i), n);
                if (cost > p.stepCostLimit()) {
                    problems.add(new Violation("optimizers[" + i + "]", plan.algorithm(i).secondOrder() ? "algorithm"
                            : "batchSize", String.format(java.util.Locale.ROOT, "makes one step cost about %,.0f million"
                            + " multiply-adds (%s); this server's limit is %,d million (optlab.max-step-cost): %s",
                            cost / 1e6, plan.algorithm(i).secondOrder() ? "p² · N + p³ for the Hessian of " + parameters
                            + " parameters on " + n + " examples" : "3 · p · m for " + parameters + " parameters and m = "
                            + plan.batchSize(i), p.stepCostLimit() / 1_000_000, plan.algorithm(i).secondOrder()
                            ? "use a first-order method or a smaller model" : "use a smaller batch size m or a smaller"
                            + " model")));
                }
            }
            if (parameters > p.parametersLimit()) {
                problems.add(new Violation("problem", "model", "has " + parameters + " parameters; this server's limit is "
                        + p.parametersLimit() + " (optlab.max-parameters): use fewer or smaller hidden layers"));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidDocumentException(problems);
        }
        return plan;
    }

    /**
     * Multiply-adds of one training step: forward and backward through p parameters for each of m examples (about 3·p·m)
     * for a first-order method; the Hessian on all N examples and its solve (p²·N + p³) for Newton's methods. Both are
     * in the same units as measured ({@code java -jar target/optlab.jar bench hessian}): the MLP's exact Hessian, about
     * (p²/2 + 4·U·p)·N multiply-adds for U units, took 0.3–0.7 ns per p²·N and a whole damped Newton step 0.6–1.1 ns per
     * p²·N + p³, against 0.4–2 ns per 3·p·N for a gradient (the central differences it replaced took 2.6–13 ns per p²·N).
     */
    static double stepCost(boolean secondOrder, double p, double m, double n) {
        return secondOrder ? p * p * n + p * p * p : 3 * p * m;
    }

    /** A new session for one tab of the browser with that owner token. */
    public LabSession openSession(String owner) {
        return openSession(owner, null);
    }

    /**
     * A new session for one tab of the browser with that owner token, from that client address (null when it cannot be
     * told: behind a proxy whose forwarded header is not configured); the per-address limit counts by it.
     */
    public LabSession openSession(String owner, String address) {
        String o = owner == null ? "" : owner;
        if (address != null) {
            addresses.compute(o, (k, v) -> v == null || !v.address().equals(address) ? new Address(address, 1)
                    : new Address(address, v.sessions() + 1));
        }
        return new LabSession(this, o, () -> {
            if (address != null) {
                addresses.computeIfPresent(o, (k, v) -> v.sessions() <= 1 ? null : new Address(v.address(),
                        v.sessions() - 1));
            }
        });
    }

    /** An owner's client address, known while the owner has an open tab, and how many tabs. */
    private record Address(String address, int sessions) {
    }

    /** Owner → client address, for the owners with open tabs (bounded by the sessions; emptied as they close). */
    private final java.util.Map<String, Address> addresses = new ConcurrentHashMap<>();

    /** The client address of an owner with an open tab, or null. */
    private String addressOf(String owner) {
        Address a = addresses.get(owner);
        return a == null ? null : a.address();
    }

    /** A live experiment for one tab of the browser with that owner token, ready to start. */
    public LiveExperiment open(ExperimentPlan plan, String owner) {
        LiveExperiment experiment = new LiveExperiment(plan, executor, owner == null ? "" : owner, this::released);
        live.add(experiment);
        return experiment;
    }

    /**
     * Checks the per-user limit of experiments running at once before {@code experiment} starts.
     *
     * @return null when it may start, else the message that says which limit
     */
    public String mayStart(LiveExperiment experiment) {
        String refused = mayStart(experiment.owner(), experiment);
        return refused != null ? refused : memoryRefusal(experiment);
    }

    /** {@link #mayStart(LiveExperiment)} for a sweep, a map or a run of k seeds, which counts as one running experiment. */
    public String mayStart(AdmittedJob job) {
        return mayStart(job.owner(), job);
    }

    /**
     * {@link #mayStart(LiveExperiment)} and the server's memory budget: the experiment's {@link MemoryEstimate} with
     * those of every experiment running, waiting or paused must fit in {@code optlab.memory-budget-mb}.
     */
    private String memoryRefusal(LiveExperiment starting) {
        MemoryEstimate need = starting.memory();
        long budget = executor.properties().memoryBudgetBytes();
        if (need.total() > budget) {
            return "this experiment needs " + need.words() + ", more than this server's memory budget for training, "
                    + MemoryEstimate.mb(budget) + " (optlab.memory-budget-mb): use fewer optimizers, a smaller model,"
                    + " a smaller batch size m or fewer rows";
        }
        long held = held(starting);
        if (held + need.total() > budget) {
            return "the server's memory for training is taken: this experiment needs " + need.words() + " and the"
                    + " experiments running now, the ended ones still open and the files being read hold "
                    + MemoryEstimate.mb(held) + " of the budget of "
                    + MemoryEstimate.mb(budget) + " (optlab.memory-budget-mb): start again when some have finished, or"
                    + " make it smaller";
        }
        return null;
    }

    /**
     * Heap of the budget held now by every experiment but {@code except}: running, waiting or paused ones their whole
     * estimate, ended ones still open in a tab what they keep; and the uploads being read.
     */
    private long held(LiveExperiment except) {
        long held = 0;
        for (LiveExperiment e : live) {
            if (e == except) {
                continue;
            }
            switch (e.state()) {
                case RUNNING, WAITING, PAUSED -> held += e.memory().total();
                // an ended experiment's tab still holds its curves and its record until it is closed or run again
                case FINISHED, STOPPED -> held += e.memory().kept();
                case READY -> { }
            }
        }
        for (Reservation r : reservations) {
            held += r.bytes;
        }
        return held;
    }

    /**
     * Reserves {@code bytes} of the memory budget while an upload is read and parsed (its size times the heap its parser
     * takes per byte: {@link #JSON_HEAP_PER_BYTE}, {@link #CSV_HEAP_PER_BYTE}), so that a large import while the class
     * trains is refused in words instead of taking the server out of memory. Close the reservation when the file has been
     * handled.
     *
     * @throws MemoryTaken when it does not fit beside the experiments and the other uploads, with the words that say so
     */
    public Reservation reserve(long bytes) throws MemoryTaken {
        long budget = executor.properties().memoryBudgetBytes();
        synchronized (reservations) {
            if (bytes > budget) {
                throw new MemoryTaken("reading it needs about " + MemoryEstimate.mb(bytes) + " of the server's memory,"
                        + " more than its whole budget of " + MemoryEstimate.mb(budget) + " (optlab.memory-budget-mb): use"
                        + " a smaller file");
            }
            long held = held(null);
            if (held + bytes > budget) {
                throw new MemoryTaken("reading it needs about " + MemoryEstimate.mb(bytes) + " of the server's memory,"
                        + " and the experiments running now and the files being read hold " + MemoryEstimate.mb(held)
                        + " of the budget of " + MemoryEstimate.mb(budget) + " (optlab.memory-budget-mb): try again when"
                        + " some have finished, or use a smaller file");
            }
            Reservation r = new Reservation(bytes);
            reservations.add(r);
            return r;
        }
    }

    /**
     * Heap a JSON import takes while it is read, per byte of the file (its bytes, its text and the parsed document):
     * measured as the least {@code -Xmx} that reads a 20 MB document, 130–140 MB (README, {@code optlab.memory-budget-mb}).
     */
    public static final int JSON_HEAP_PER_BYTE = 7;
    /**
     * The same for a CSV upload (its bytes and the dataset it becomes, each row converted as it is read): the least
     * {@code -Xmx} with which a 20 MB file is read is 50 MB for 128,000 rows × 20 columns and 110 MB for the densest file,
     * 10,000 rows of 1,000 one-digit values, whose eight-byte doubles are four times its two-byte cells; 5.5 rounded up,
     * and one more (README, {@code optlab.memory-budget-mb}; {@code scripts/csv-heap.sh}).
     */
    public static final int CSV_HEAP_PER_BYTE = 7;

    /** Heap of the memory budget held for an upload while it is read and parsed. */
    public final class Reservation implements AutoCloseable {
        private final long bytes;

        private Reservation(long bytes) {
            this.bytes = bytes;
        }

        /** The upload has been handled: its memory goes back to the budget. */
        @Override
        public void close() {
            reservations.remove(this);
        }
    }

    /** An upload that does not fit in the memory budget now; the message says how much it needs and is held. */
    public static final class MemoryTaken extends Exception {
        MemoryTaken(String message) {
            super(message);
        }
    }

    private String mayStart(String owner, Object starting) {
        long experiments = live.stream()
                .filter(e -> e != starting && e.owner().equals(owner))
                .filter(e -> e.state() == LiveExperiment.State.RUNNING || e.state() == LiveExperiment.State.WAITING
                        || e.state() == LiveExperiment.State.PAUSED)
                .count();
        List<AdmittedJob> others = jobs.stream()
                .filter(j -> j != starting && j.owner().equals(owner) && j.active())
                .toList();
        boolean sweeping = others.stream().anyMatch(j -> j instanceof LiveSweep<?> s && !(s.sweep() instanceof Seeds));
        boolean seeding = others.stream().anyMatch(j -> j instanceof LiveSweep<?> s && s.sweep() instanceof Seeds);
        long running = experiments + others.size();
        int limit = executor.properties().runningExperimentsLimit();
        if (running >= limit) {
            String countsAsOne = sweeping && seeding ? " (a sweep or a run of k seeds counts as one)"
                    : sweeping ? " (a sweep counts as one)" : seeding ? " (a run of k seeds counts as one)" : "";
            return "you already run " + running + " experiments in other tabs"
                    + countsAsOne + "; the limit per person is "
                    + limit + " (optlab.max-running-experiments): stop one first";
        }
        // the second line: a browser that drops its cookie is a new person, but not a new address
        String address = addressOf(owner);
        int perAddress = executor.properties().runningExperimentsPerAddressLimit();
        if (address == null || perAddress == 0) {
            return null;
        }
        long fromAddress = live.stream()
                .filter(e -> e != starting && address.equals(addressOf(e.owner())))
                .filter(e -> e.state() == LiveExperiment.State.RUNNING || e.state() == LiveExperiment.State.WAITING
                        || e.state() == LiveExperiment.State.PAUSED)
                .count()
                + jobs.stream()
                .filter(j -> j != starting && address.equals(addressOf(j.owner())) && j.active())
                .count();
        return fromAddress >= perAddress ? fromAddress + " experiments already run from your network address; the limit"
                + " per address is " + perAddress + " (optlab.max-running-experiments-per-address): stop one first" : null;
    }

    /** A live sweep for one tab of the browser with that owner token, ready to start. */
    <R> LiveSweep<R> openSweep(org.optlab.experiment.GridRuns<R> sweep, String owner) {
        LiveSweep<R> s = new LiveSweep<>(sweep, executor, owner == null ? "" : owner, jobs::remove);
        jobs.add(s);
        return s;
    }

    private void released(LiveExperiment experiment) {
        live.remove(experiment);
    }

    /** Live experiments on the server (all tabs, all users). */
    public int liveCount() {
        return live.size();
    }

    /** Graceful shutdown: every run is stopped (its results stay complete and finite); nothing is half-written. */
    @PreDestroy
    public void stopAll() {
        for (LiveExperiment e : new ArrayList<>(live)) {
            e.close();
        }
        for (AdmittedJob j : new ArrayList<>(jobs)) {
            j.close();
        }
        LOG.info("stopped every run for shutdown");
    }
}

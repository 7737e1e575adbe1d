package org.optlab.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import java.util.ArrayList;
import java.util.List;
import org.optlab.experiment.ExperimentDocument;
import org.optlab.experiment.ExperimentDocument.OptimizerSpec;
import org.optlab.experiment.ExperimentPlan;
import org.optlab.experiment.InvalidDocumentException;
import org.optlab.experiment.Violation;
import org.optlab.lab.LabMetrics;
import org.optlab.lab.LabService;
import org.optlab.lab.LabSession;
import org.optlab.lab.LiveExperiment;
import org.optlab.lab.LiveExperiment.State;
import org.optlab.lab.LiveRun;
import org.optlab.lab.RestoredDraft;
import org.optlab.lab.RunWords;
import org.optlab.lab.StepArrows;
import org.optlab.sharing.SharingService;

/**
 * The lab: one page where a student picks a problem, sets up optimizers side by side and watches them train live. The view
 * composes the panels, turns them into an experiment document, and hands that to the lab service; training runs on the
 * server's shared executor and reaches this tab through push, a few times per second. Closing or reloading the tab stops
 * its runs.
 */
@Route("")
@jakarta.annotation.security.PermitAll // with sign-in on: any signed-in user (Vaadin's navigation access control)
@PageTitle("OptLab")
public class LabView extends VerticalLayout implements com.vaadin.flow.router.BeforeEnterObserver {

    private final LabService lab;
    /** This tab's lab: the experiment, its violations, its data and its live run. */
    private final LabSession session;
    /** The tab's timed pushes, which wait for the browser to confirm each one. */
    private final PushGate pushes;
    /** The state this tab was last updated in. */
    private volatile State pushedState;
    private final ProblemPanel problem;
    private final RunControls controls = new RunControls();
    private final FormErrors errors;
    private final OptimizerCards cards = new OptimizerCards(this::formChanged, this::lookInside);
    private final LiveCharts charts = new LiveCharts();
    private final InsidePanel inside = new InsidePanel();

    private boolean valid;

    private final ExperimentsBar experiments;
    /** The tab's key, its draft kept on every edit and run, and the draft restored when the tab comes back. */
    private final TabDraft draft;
    private final LabHeader header;

    public LabView(LabService lab, SharingService sharing, LabMetrics metrics) {
        this.lab = lab;
        this.pushes = new PushGate(metrics);
        // the owner cookie goes out with the first response
        this.session = lab.openSession(Owner.token(), Owner.address());
        this.draft = new TabDraft(sharing, session.owner());
        this.experiments = new ExperimentsBar(sharing, lab, this::currentDocument,
                this::setDocument);
        this.problem = new ProblemPanel(sharing, lab::reserve);
        this.errors = new FormErrors(problem, controls, cards);
        setSizeFull();
        setPadding(true);
        addClassName("lab-view");

        header = new LabHeader(dark -> {
            charts.setTheme(dark);
            inside.setTheme(dark);
        });

        charts.side.addPlotClickListener(e -> {
            if (problem.kind() == ProblemPanel.Kind.FUNCTION && controls.start.isEnabled()) {
                problem.setStart(e.x(), e.y());
            }
        });

        problem.setWidth("360px");
        problem.getStyle().set("flex-shrink", "0");
        HorizontalLayout top = new HorizontalLayout(problem, charts);
        top.setWidthFull();
        top.getStyle().set("flex-wrap", "wrap");
        OptimizersBar optimizersHeader = new OptimizersBar(lab, session.owner(), cards, problem, this::document,
                spec -> kept = kept.withSweep(null).withSeeds(spec));
        add(header, experiments, draft.note(), controls, errors, top, inside, optimizersHeader, cards);
        cards.setWidthFull();

        problem.addChangeListener(e -> formChanged());
        controls.addEditListener(this::formChanged);
        controls.start.addClickListener(e -> start());
        controls.pause.addClickListener(e -> pauseOrResume());
        controls.step.addClickListener(e -> step());
        controls.stop.addClickListener(e -> stop());
        controls.reset.addClickListener(e -> reset());
        controls.speed.addValueChangeListener(e -> {
            if (live() != null) {
                live().setSpeed(e.getValue());
            }
        });

        // The lecture's comparison, ready to start: gradient descent, momentum, AdaGrad, RMSProp and Adam on Rosenbrock.
        setDocument(defaultDocument());
    }

    /**
     * Rosenbrock from (−2, 2), the five classics with learning rates that make each one's character visible (the lesson
     * "The five classics", here without the lesson's text).
     */
    static ExperimentDocument defaultDocument() {
        return org.optlab.experiment.Lessons.fiveClassics();
    }

    private boolean loading;

    /** {@code /?open=<id>}: the lab opens a saved experiment (a fork from a shared link) in its form. */
    @Override
    public void beforeEnter(com.vaadin.flow.router.BeforeEnterEvent event) {
        List<String> open = event.getLocation().getQueryParameters().getParameters().getOrDefault("open", List.of());
        if (!open.isEmpty()) {
            draft.openedSaved();
            experiments.openSaved(open.get(0));
        }
    }

    /** The experiment as it stands: the running one with its results so far, or the form's. */
    ExperimentDocument currentDocument() {
        if (live() == null || live().state() == State.READY) {
            return document();
        }
        return withSeeds(live().snapshot(), kept.seeds());
    }

    /** A run's document with the seeds section made since the run started (null: none): it goes with the results. */
    private static ExperimentDocument withSeeds(ExperimentDocument running, org.optlab.experiment.SeedsSpec seeds) {
        return seeds == null ? running : running.withSweep(null).withSeeds(seeds);
    }

    /** Fills the form from a document (a preset, the default experiment). */
    public void setDocument(ExperimentDocument doc) {
        loading = true;
        kept = doc;
        if (experiments != null) {
            experiments.forget();
        }
        discardLive();
        cards.removeCards();
        problem.setSpec(doc.problem());
        controls.read(doc);
        for (OptimizerSpec o : doc.optimizers()) {
            cards.addCard(o.algorithm(), o);
        }
        if (experiments != null) {
            // a lesson's document shows the lesson's text until another experiment or another problem replaces it
            experiments.lesson.open(org.optlab.experiment.Lessons.byId(doc.lesson()), LessonPanel.signature(problem.spec()));
        }
        loading = false;
        formChanged();
        if (experiments != null) {
            experiments.markClean();
        }
    }

    /** A card asks to look inside its optimizer: the run of the form (prepared if there is none yet) in the panel. */
    private void lookInside(OptimizerCard card) {
        int i = cards.running().indexOf(card);
        if (i < 0 && live() == null && prepare()) { // no run yet for this form: prepare one, ready to start
            i = cards.running().indexOf(card);
        }
        inside.choose(i);
        inside.scrollIntoView();
    }

    /** The experiment the form describes: the problem, the enabled optimizers, seed and step budget. */
    ExperimentDocument document() {
        List<OptimizerSpec> optimizers = new ArrayList<>();
        for (OptimizerCard c : cards.enabled()) {
            optimizers.add(c.spec());
        }
        // what the form has no field for (recordEvery, the stop rule, a sweep section) stays as the document had it
        return new ExperimentDocument(1, null, controls.seed(), controls.steps(), kept.recordEvery(), problem.spec(),
                optimizers, kept.stop(), null, null,
                experiments == null ? null : experiments.lesson.id(), kept.sweep(), kept.seeds());
    }

    /** The last document opened, for the parts of it the form does not edit. */
    private ExperimentDocument kept = new ExperimentDocument(1, null, null, 1, null, null, List.of(), null, null);

    /** Validates the form with the document validator and marks every problem at its field. */
    private void formChanged() {
        if (loading) {
            return;
        }
        if (draft.showsRestored(document())) {
            // a field's event that leaves the experiment as restored (the browser syncing a value it was given):
            // the draft's curves and statuses stay until a real edit, Start or Step
            return;
        }
        if (live() != null && (live().state() == State.FINISHED || live().state() == State.STOPPED || live().state() == State.READY)) {
            // an edit before or after a run: what is on screen no longer belongs to the form. The old run goes (its
            // curves, paths, end labels and card statuses with it) and a fresh preview of the edited experiment is
            // drawn below, so no chart, status or message of another problem or setting stays on the page.
            discardLive();
        }
        experiments.lesson.problemEdited(LessonPanel.signature(problem.spec()));
        for (OptimizerCard c : cards.all()) {
            // a switch between a function and a dataset moves untyped hyper-parameters to that kind's defaults
            c.setProblemKind(problem.kind() != ProblemPanel.Kind.FUNCTION);
        }
        draft.hide();
        ExperimentDocument doc = document();
        List<Violation> problems = session.edit(doc);
        draft.keep(doc); // in the store within seconds: another instance can restore it
        int trainingSize = session.trainingSize();
        Double problemNoise = doc.problem() instanceof ExperimentDocument.ProblemSpec.FunctionSpec f
                ? f.gradientNoise() : null;
        for (OptimizerCard c : cards.all()) {
            c.setDataMode(trainingSize > 0, trainingSize);
            c.setProblemNoise(problemNoise); // noisy or exact gradients: the schedule's hint says which
        }
        valid = errors.show(problems) == 0; // each problem at its field, all of them listed
        if (valid && live() == null && !prepare()) {
            // a preview: the contour plot (or the data) and θ₀ at once, before anyone presses Start; prepare()
            // loads the data, and what only the data can tell (batch size > N, model vs task) is marked like the rest
            valid = false;
        }
        controls.show(live() == null ? null : live().state(), valid);
    }

    private void start() {
        leaveRestored();
        if (live() != null && live().state() == State.READY) {
            live().setSpeed(controls.speed.getValue());
        } else if (!prepare()) {
            return;
        }
        String refused = session.mayStart();
        if (refused != null) {
            errors.setText(refused);
            return;
        }
        charts.clearStepArrows();
        live().start();
        // the controls say the state the cards were drawn in: a run that ends in between is shown by the next push
        afterControl(refresh());
    }

    /** Builds a new live experiment from the form; false (with the problems shown) when the data rejects it. */
    private boolean prepare() {
        session.edit(document());
        LiveExperiment live;
        try {
            live = session.open();
        } catch (InvalidDocumentException e) {
            errors.show(e.violations());
            return false;
        }
        ExperimentPlan plan = live.plan();
        live.setSpeed(controls.speed.getValue());
        cards.bindRun();
        // same problem and the same optimizers' names and colours: the drawn contours stay, the curves are cleared
        charts.preview(plan, OptimizerCards.colors(cards.running()),
                problem.kind() == ProblemPanel.Kind.UPLOAD ? problem.uploadName() : null);
        List<Charts.Line> runLines = new ArrayList<>();
        for (int i = 0; i < plan.size(); i++) {
            runLines.add(new Charts.Line(plan.label(i), cards.running().get(i).color()));
        }
        inside.configure(live, runLines, plan.document().steps());
        refresh();
        return true;
    }

    private void pauseOrResume() {
        if (live() == null) {
            return;
        }
        if (live().state() == State.RUNNING || live().state() == State.WAITING) {
            live().pause();
        } else if (live().state() == State.PAUSED) {
            charts.clearStepArrows();
            live().resume();
        }
        afterControl();
    }

    private void step() {
        leaveRestored();
        if (live() == null || live().state() == State.FINISHED || live().state() == State.STOPPED) {
            if (!prepare()) {
                return;
            }
        }
        LiveExperiment e = live();
        List<List<StepArrows.Arrow>> arrows = e.step();
        if (!e.plan().isDataset() && !arrows.isEmpty()) {
            // step mode: each run's update taken apart into arrows on the contour plot
            charts.addStepArrows(arrows, OptimizerCards.colors(cards.running()));
        }
        afterControl(refresh());
    }

    private void stop() {
        if (live() != null) {
            live().stop();
            afterControl(refresh());
        }
    }

    /** Back to θ₀ with the same minibatch order: the same plan, fresh runs, the curves cleared. */
    private void reset() {
        if (live() == null) {
            return;
        }
        live().reset();
        charts.clear(!live().plan().isDataset());
        afterControl(refresh());
        draft.keep(document()); // back to the settings alone
    }

    /**
     * A restored draft's curves and statuses leave the page before anything runs: a fresh preview of the same
     * experiment, from θ₀ (what Start and Step then run is a new run, never the draft's continued).
     */
    private void leaveRestored() {
        if (draft.leaveRestored()) {
            prepare();
        }
    }

    private void afterControl() {
        afterControl(live() == null ? null : live().state());
    }

    private void afterControl(State state) {
        boolean editable = state == null || state == State.READY || state == State.FINISHED || state == State.STOPPED;
        problem.setEditable(editable);
        for (OptimizerCard c : cards.all()) {
            c.setEditable(editable);
        }
        controls.show(state, valid);
        controls.setStatus(state == null ? "" : RunWords.state(state, live().positionInLine()));
    }

    private void discardLive() {
        session.discardLive();
        inside.clear();
    }

    /** A timed update from the push ticker: {@link #refresh()}, and the interval since the last one for the metrics. */
    void push() {
        if (idle()) {
            pushes.rested();
            return;
        }
        pushedState = live() == null ? null : live().state();
        pushes.pushing();
        refresh();
        pushes.sent(getUI());
    }

    /**
     * Nothing to push: the state has not changed since the last push and nothing trains, so that push already carried
     * every point and status. An idle tab then costs neither the server nor the browser anything. Read on the push
     * thread too, before it asks for the UI's lock.
     */
    boolean idle() {
        LiveExperiment e = live();
        State state = e == null ? null : e.state();
        return state == pushedState && state != State.RUNNING && state != State.WAITING && !charts.replacementsPending();
    }

    /** One push: new points of every run into the charts, card statuses, controls. Runs in ui.access on the push thread. */
    State refresh() {
        if (live() == null) {
            return null;
        }
        // the state before the runs are read: FINISHED then means every run's end is already in what is drained below
        State state = live().state();
        // what this tab now shows: the push ticker sends the next change from here (a run that ends right after a
        // Start is pushed even when the tab showed a finished run before)
        pushedState = state;
        List<LiveRun> runs = live().runs();
        charts.append(runs, live().plan().isDataset());
        inside.update();
        for (LiveRun run : runs) {
            cards.showRun(run, live(), charts);
        }
        if (state != State.WAITING) {
            charts.drawRegions(runs, state != State.RUNNING);
        }
        controls.show(state, valid);
        controls.setStatus(RunWords.state(state, live().positionInLine()));
        if (state == State.FINISHED || state == State.STOPPED) {
            afterControl(state);
        }
        keepRunDraft(state);
        return state;
    }

    /**
     * A run started, going or ended: the tab's draft becomes the experiment with its results so far, taken (and thinned
     * by the sharing service) when the draft is next written, at most every few seconds, not on every push.
     */
    private void keepRunDraft(State state) {
        if (state == State.READY) {
            return;
        }
        LiveExperiment running = live();
        org.optlab.experiment.SeedsSpec seeds = kept.seeds();
        draft.keep(() -> withSeeds(running.snapshot(), seeds));
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        super.onAttach(attachEvent);
        UI ui = attachEvent.getUI();
        TabDraft.askKey(ui, this::tabKnown);
        controls.recallSpeed();
        header.recallTheme();
        pushes.start(ui, lab.executor(), this::idle, this::push);
    }

    @Override
    protected void onDetach(DetachEvent detachEvent) {
        pushes.stop();
        session.close();
        super.onDetach(detachEvent);
    }

    /** The browser said which tab this is: its draft, if any, comes back ({@link TabDraft#known}). */
    private void tabKnown(String key) {
        boolean running = live() != null && live().state() != State.READY;
        draft.known(key, running, document(), this::restore);
    }

    /**
     * Fills the form from the draft and, when it has results for the experiment the form now previews, draws them with
     * each card's status as of the draft and says, with the draft's time, where the run was when it stopped.
     */
    private void restore(SharingService.Draft stored) {
        ExperimentDocument doc = stored.document();
        setDocument(doc);
        List<ExperimentDocument.OptimizerResult> results = doc.results();
        LiveExperiment preview = live();
        if (results == null || results.isEmpty() || preview == null || results.size() != preview.plan().size()
                || results.size() != cards.running().size()) {
            draft.restoredSettings(stored);
            return;
        }
        RestoredDraft restored = draft.restoredResults(stored, document());
        for (int i = 0; i < results.size(); i++) {
            cards.running().get(i).setStatus(restored.card(i).text(), restored.card(i).bad());
        }
        charts.clear(!preview.plan().isDataset()); // the preview's θ₀: the draft's curves start there themselves
        charts.show(results, preview.plan(), OptimizerCards.colors(cards.running()), restored.why());
    }

    /** The tab's live experiment, or null (read on the push thread too: the session's field is volatile). */
    private LiveExperiment live() {
        return session.live();
    }

    /**
     * This tab's session: the experiment the form describes and the live run. The one way tests read them (everything
     * else they read from the page: components by id, label or text, and what the server sent to the browser).
     */
    LabSession session() {
        return session;
    }
}

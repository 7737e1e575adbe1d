package org.optlab.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.theme.lumo.Lumo;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.optlab.engine.Algorithm;
import org.optlab.engine.RunStatus;
import org.optlab.experiment.DocumentWriter;
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
    private final Div errors = new Div();
    /** Says that the form is the tab's restored draft (a plain element: no web component beyond the bundle's). */
    private final Div draftNote = new Div();
    private final HorizontalLayout cards = new HorizontalLayout();
    private final List<OptimizerCard> cardList = new ArrayList<>();
    private final LiveCharts charts = new LiveCharts();
    private final InsidePanel inside = new InsidePanel();

    /** live run index → card. */
    private final List<OptimizerCard> runCards = new ArrayList<>();
    private boolean valid;
    private boolean dark;

    private final ExperimentsBar experiments;
    private final org.optlab.sharing.SharingService sharing;
    /** This browser tab's key (kept in its sessionStorage, so a reload or another instance knows it), once known. */
    private String tab;
    /** The page opened a saved experiment ({@code ?open=}): it is not replaced by the tab's draft. */
    private boolean openedSaved;
    /**
     * The tab's draft restored with its results, as the charts and cards show them (null: none shown). They are the
     * draft's, not a run: Start, Step or an edit runs or previews the experiment from scratch; an event that changes
     * nothing keeps the restored view.
     */
    private RestoredDraft restored;

    public LabView(LabService lab, org.optlab.sharing.SharingService sharing, LabMetrics metrics) {
        this.lab = lab;
        this.sharing = sharing;
        this.pushes = new PushGate(metrics);
        // the owner cookie goes out with the first response
        this.session = lab.openSession(Owner.token(), Owner.address());
        this.experiments = new ExperimentsBar(sharing, this::currentDocument, this::setDocument);
        this.problem = new ProblemPanel(sharing);
        setSizeFull();
        setPadding(true);
        addClassName("lab-view");

        H1 title = new H1("OptLab");
        title.getStyle().set("margin", "0").set("font-size", "var(--lumo-font-size-xxl)");
        Span subtitle = new Span("Optimization for Training Deep Models: the lecture's Algorithms 8.1–8.8, side by side");
        subtitle.getStyle().set("color", "var(--lumo-secondary-text-color)");
        Button theme = new Button("Dark theme", e -> toggleTheme(e.getSource()));
        theme.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        HorizontalLayout header = new HorizontalLayout(title, subtitle, theme);
        header.setAlignItems(FlexComponent.Alignment.BASELINE);
        header.setWidthFull();
        header.expand(subtitle);
        SignedIn.header().ifPresent(header::add); // with sign-in on: "Signed in as …" and Sign out

        errors.setId("form-errors");
        errors.getStyle().set("color", "var(--lumo-error-text-color)").set("font-size", "var(--lumo-font-size-s)")
                .set("white-space", "pre-wrap");

        cards.setWrap(true);
        cards.addClassName("optimizer-cards");
        cards.getStyle().set("gap", "var(--lumo-space-s)");
        Button add = new Button("+ Add optimizer", e -> addCard(Algorithm.ADAM, null));
        add.setId("add-optimizer");

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
        H3 optimizersTitle = new H3("Optimizers");
        optimizersTitle.getStyle().set("margin", "0");
        Button sweep = new Button("Sweep ε…", e -> openSweep());
        sweep.setId("sweep");
        sweep.setTooltipText("run every optimizer over a grid of learning rates ε and draw its loss against ε");
        Button map = new Button("Map ε, α…", e -> openMap());
        map.setId("map");
        map.setTooltipText("on a 2-D function: the steps one momentum-type optimizer takes to the minimum over a grid of"
                + " ε and α (ρ, ρ₁), as a heat map");
        Button seeds = new Button("Run k seeds…", e -> openSeeds());
        seeds.setId("seeds");
        seeds.setTooltipText("run the experiment with k seeds and draw each optimizer's mean curve with its band");
        HorizontalLayout optimizersHeader = new HorizontalLayout(optimizersTitle, add, sweep, map, seeds);
        optimizersHeader.setAlignItems(FlexComponent.Alignment.BASELINE);
        optimizersHeader.getStyle().set("flex-wrap", "wrap"); // "Sweep ε…" goes below on a phone
        draftNote.setId("draft-note");
        draftNote.setVisible(false);
        add(header, experiments, draftNote, controls, errors, top, inside, optimizersHeader, cards);
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
            openedSaved = true;
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
        for (OptimizerCard c : new ArrayList<>(cardList)) {
            removeCard(c);
        }
        problem.setSpec(doc.problem());
        controls.read(doc);
        for (OptimizerSpec o : doc.optimizers()) {
            addCard(o.algorithm(), o);
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

    private OptimizerCard addCard(Algorithm a, OptimizerSpec spec) {
        Set<String> used = new HashSet<>();
        for (OptimizerCard c : cardList) {
            used.add(c.color());
        }
        OptimizerCard card = new OptimizerCard(a, Colors.distinct(a, used));
        if (spec != null) {
            card.setSpec(spec);
        }
        card.addChangeListener(e -> formChanged());
        card.addRemoveListener(e -> {
            removeCard(card);
            formChanged();
        });
        card.addInsideListener(e -> {
            int i = runCards.indexOf(card);
            if (i < 0 && live() == null && prepare()) { // no run yet for this form: prepare one, ready to start
                i = runCards.indexOf(card);
            }
            inside.choose(i);
            inside.scrollIntoView();
        });
        card.addDuplicateListener(e -> {
            OptimizerCard copy = addCard(card.algorithm(), card.spec());
            copy.setEnabledOptimizer(card.isEnabled());
            formChanged();
        });
        cardList.add(card);
        cards.add(card);
        formChanged();
        return card;
    }

    private void removeCard(OptimizerCard card) {
        cardList.remove(card);
        cards.remove(card);
    }

    /** The experiment the form describes: the problem, the enabled optimizers, seed and step budget. */
    ExperimentDocument document() {
        List<OptimizerSpec> optimizers = new ArrayList<>();
        for (OptimizerCard c : enabledCards()) {
            optimizers.add(c.spec());
        }
        // what the form has no field for (recordEvery, the stop rule, a sweep section) stays as the document had it
        return new ExperimentDocument(1, null, controls.seed(), controls.steps(), kept.recordEvery(), problem.spec(),
                optimizers, kept.stop(), null, null,
                experiments == null ? null : experiments.lesson.id(), kept.sweep(), kept.seeds());
    }

    /** The last document opened, for the parts of it the form does not edit. */
    private ExperimentDocument kept = new ExperimentDocument(1, null, null, 1, null, null, List.of(), null, null);

    private List<OptimizerCard> enabledCards() {
        List<OptimizerCard> enabled = new ArrayList<>();
        for (OptimizerCard c : cardList) {
            if (c.isEnabled()) {
                enabled.add(c);
            }
        }
        return enabled;
    }

    /** Validates the form with the document validator and marks every problem at its field. */
    private void formChanged() {
        if (loading) {
            return;
        }
        if (restored != null && restored.showsForm(document())) {
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
        for (OptimizerCard c : new ArrayList<>(cardList)) {
            // a switch between a function and a dataset moves untyped hyper-parameters to that kind's defaults
            c.setProblemKind(problem.kind() != ProblemPanel.Kind.FUNCTION);
        }
        draftNote.setVisible(false);
        restored = null;
        ExperimentDocument doc = document();
        List<Violation> problems = session.edit(doc);
        if (tab != null) {
            sharing.keepDraft(tab, session.owner(), doc); // in the store within seconds: another instance can restore it
        }
        int trainingSize = session.trainingSize();
        for (OptimizerCard c : cardList) {
            c.setDataMode(trainingSize > 0, trainingSize);
        }
        valid = showProblems(problems) == 0;
        if (valid && live() == null && !prepare()) {
            // a preview: the contour plot (or the data) and θ₀ at once, before anyone presses Start; prepare()
            // loads the data, and what only the data can tell (batch size > N, model vs task) is marked like the rest
            valid = false;
        }
        controls.show(live() == null ? null : live().state(), valid);
    }

    /**
     * Marks each problem at its field in the student's words and lists them all under the controls; returns how many.
     * Each violation carries the path of what it is about; the path picks the field, and the field's words stand before
     * the message: optimizers[0].learningRate "must be > 0" is shown as "GD: learning rate ε must be > 0".
     * An empty field is a problem of its own (it would otherwise train with a default the student never saw).
     */
    private int showProblems(List<Violation> problems) {
        problem.clearErrors();
        controls.clearErrors();
        for (OptimizerCard c : cardList) {
            c.clearErrors();
        }
        List<OptimizerCard> enabled = enabledCards();
        List<String> shown = new ArrayList<>();
        for (var blank : problem.blankFields()) {
            String words = ((com.vaadin.flow.component.HasLabel) blank).getLabel()
                    + " is empty or not a number: enter a number";
            blank.setErrorMessage(words);
            blank.setInvalid(true);
            shown.add(words);
        }
        for (var blank : controls.blankFields().entrySet()) {
            blank.getKey().setErrorMessage(blank.getValue());
            blank.getKey().setInvalid(true);
            shown.add(blank.getValue());
        }
        for (int i = 0; i < enabled.size(); i++) {
            OptimizerCard c = enabled.get(i);
            for (var blank : c.blankFields().entrySet()) {
                String words = c.displayName(i) + ": " + blank.getValue();
                blank.getKey().setErrorMessage(words);
                blank.getKey().setInvalid(true);
                shown.add(words);
            }
        }
        if (!shown.isEmpty()) {
            // the validator saw defaults where the fields are empty: its other messages wait until they are filled
            errors.setText(String.join("\n", shown));
            return shown.size();
        }
        for (Violation v : problems) {
            String words = v.toString();
            if (v.optimizer().isPresent()) {
                int index = v.optimizer().getAsInt();
                String field = v.optimizerField();
                if (index < enabled.size()) {
                    OptimizerCard c = enabled.get(index);
                    words = c.displayName(index) + ": " + (field.isEmpty() ? "" : c.fieldWords(field) + " ")
                            + v.message();
                    c.showError(field, words);
                }
            } else if (v.aboutProblem()) {
                String label = problem.fieldWords(v.where());
                if (label != null) {
                    words = label + " " + v.message();
                }
                problem.showError(v.where(), words);
            } else if (v.where().equals("steps") || v.where().equals("seed")) {
                words = (v.where().equals("steps") ? "Steps " : "Seed ") + v.message();
                controls.showError(v.where(), words);
            }
            // every problem is also listed under the controls: a field may be hidden (another algorithm, a collapsed form)
            shown.add(words);
        }
        errors.setText(String.join("\n", shown));
        return shown.size();
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
            showProblems(e.violations());
            return false;
        }
        ExperimentPlan plan = live.plan();
        live.setSpeed(controls.speed.getValue());
        runCards.clear();
        runCards.addAll(enabledCards());
        for (OptimizerCard c : cardList) {
            if (!runCards.contains(c)) {
                c.setStatus("not in this run (disabled)", false);
            }
        }
        String signature = chartSignature(plan);
        if (signature.equals(chartsSignature)) {
            // same problem and the same optimizers' names and colours: keep the drawn contours, clear the curves
            charts.clear(!plan.isDataset());
        } else {
            List<Charts.Line> lines = new ArrayList<>();
            for (int i = 0; i < plan.size(); i++) {
                lines.add(new Charts.Line(plan.label(i), runCards.get(i).color()));
            }
            charts.configure(plan, lines, problem.kind() == ProblemPanel.Kind.UPLOAD ? problem.uploadName() : null);
            chartsSignature = signature;
        }
        List<Charts.Line> runLines = new ArrayList<>();
        for (int i = 0; i < plan.size(); i++) {
            runLines.add(new Charts.Line(plan.label(i), runCards.get(i).color()));
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
            List<String> colors = new ArrayList<>();
            for (OptimizerCard c : runCards) {
                colors.add(c.color());
            }
            charts.addStepArrows(arrows, colors);
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
        if (tab != null) {
            sharing.keepDraft(tab, session.owner(), document()); // back to the settings alone
        }
    }

    /**
     * A restored draft's curves and statuses leave the page before anything runs: a fresh preview of the same
     * experiment, from θ₀ (what Start and Step then run is a new run, never the draft's continued).
     */
    private void leaveRestored() {
        if (restored != null) {
            restored = null;
            draftNote.setVisible(false);
            prepare();
        }
    }

    private String chartsSignature = "";

    /** What the charts' configuration depends on: the problem, and each run's label and colour. */
    private String chartSignature(ExperimentPlan plan) {
        // the steps too: the step axis runs from 0 to a round number at or above them
        StringBuilder sb = new StringBuilder(DocumentWriter.write(new ExperimentDocument(1, null, plan.document().seed(),
                plan.document().steps(), null, plan.document().problem(), List.of(), null, null)));
        for (int i = 0; i < plan.size(); i++) {
            sb.append('|').append(plan.label(i)).append('|').append(runCards.get(i).color());
            if (plan.isDataset()) {
                sb.append('|').append(plan.batchSize(i)); // an epoch axis scales each run by m_i / N
            } else {
                sb.append('|').append(java.util.Arrays.toString(plan.start(i))); // the contour plot marks each start
            }
        }
        return sb.toString();
    }

    private void afterControl() {
        afterControl(live() == null ? null : live().state());
    }

    private void afterControl(State state) {
        boolean editable = state == null || state == State.READY || state == State.FINISHED || state == State.STOPPED;
        problem.setEditable(editable);
        for (OptimizerCard c : cardList) {
            c.setEditable(editable);
        }
        controls.show(state, valid);
        controls.setStatus(state == null ? "" : describe(state));
    }

    private String describe(State s) {
        return switch (s) {
            case READY -> "ready";
            case WAITING -> RunWords.waiting(live().positionInLine());
            case RUNNING -> "running";
            case PAUSED -> "paused";
            case FINISHED -> "finished";
            case STOPPED -> "stopped";
        };
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
            updateCard(run);
        }
        if (state != State.WAITING) {
            charts.drawRegions(runs, state != State.RUNNING);
        }
        controls.show(state, valid);
        controls.setStatus(describe(state));
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
        if (tab == null || state == State.READY) {
            return;
        }
        LiveExperiment running = live();
        org.optlab.experiment.SeedsSpec seeds = kept.seeds();
        sharing.keepDraft(tab, session.owner(), () -> withSeeds(running.snapshot(), seeds));
    }

    private void updateCard(LiveRun run) {
        OptimizerCard card = runCards.get(run.index());
        RunStatus s = run.status();
        if (s == RunStatus.RUNNING && live().state() == State.WAITING) {
            card.setStatus(RunWords.waiting(live().positionInLine()), false);
            return;
        }
        if (run.warningCount() > 0) {
            charts.markWarning(run, card.color());
        }
        if (s == RunStatus.RUNNING) {
            String warned = run.warningSummary();
            card.setStatus("step " + run.step() + " · loss " + String.format("%.6g", run.lastLoss())
                    + (warned.isEmpty() ? "" : "\n" + warned), !warned.isEmpty());
            return;
        }
        boolean bad = s == RunStatus.DIVERGED || s == RunStatus.SINGULAR_HESSIAN || !run.warningSummary().isEmpty();
        card.setStatus(RunWords.ended(run), bad);
        charts.markEnd(run, card.color());
    }

    private void toggleTheme(Button button) {
        dark = !dark;
        var themes = UI.getCurrent().getElement().getThemeList();
        if (dark) {
            themes.add(Lumo.DARK);
        } else {
            themes.remove(Lumo.DARK);
        }
        // on <html> too: below the first screen, where the view ends, the page shows <html>'s background
        UI.getCurrent().getPage().executeJs("if ($0) { document.documentElement.setAttribute('theme', 'dark'); }"
                + " else { document.documentElement.removeAttribute('theme'); }", dark);
        button.setText(dark ? "Light theme" : "Dark theme");
        charts.setTheme(dark);
        inside.setTheme(dark);
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        super.onAttach(attachEvent);
        UI ui = attachEvent.getUI();
        // the tab's key: made once per tab, kept by the browser across reloads and across a move to another instance
        ui.getPage().executeJs("let k = sessionStorage.getItem('optlab-tab');"
                + " if (!k) { k = Array.from(crypto.getRandomValues(new Uint8Array(18)),"
                + " b => b.toString(16).padStart(2, '0')).join(''); sessionStorage.setItem('optlab-tab', k); }"
                + " return k;").then(String.class, this::tabKnown);
        pushes.start(ui, lab.executor(), this::idle, this::push);
    }

    @Override
    protected void onDetach(DetachEvent detachEvent) {
        pushes.stop();
        session.close();
        super.onDetach(detachEvent);
    }

    /**
     * The browser said which tab this is. Its draft, if the store has one (this tab was here before a reload, or its
     * server stopped and the load balancer sent it here), comes back: the form, and the results it had so far with each
     * card's status, unless the page opened a saved experiment or the draft is what the form shows already; from now on
     * every edit and every run is kept as the tab's draft.
     */
    private void tabKnown(String key) {
        if (!org.optlab.sharing.SharingService.isTab(key)) {
            return;
        }
        boolean running = live() != null && live().state() != State.READY;
        org.optlab.sharing.SharingService.Draft draft = openedSaved || running ? null
                : sharing.draft(key, session.owner());
        if (draft != null && !DocumentWriter.write(draft.document()).equals(
                DocumentWriter.write(document()))) { // the same as the form: nothing to say
            // before the tab is known: the restored form is not kept as a new draft over the one it came from
            restore(draft);
            tab = key;
        } else {
            tab = key;
            sharing.keepDraft(tab, session.owner(), document());
        }
    }

    /**
     * Fills the form from the draft and, when it has results for the experiment the form now previews, draws them with
     * each card's status as of the draft and says, with the draft's time, where the run was when it stopped.
     */
    private void restore(org.optlab.sharing.SharingService.Draft draft) {
        ExperimentDocument doc = draft.document();
        setDocument(doc);
        List<ExperimentDocument.OptimizerResult> results = doc.results();
        LiveExperiment preview = live();
        draftNote.setVisible(true); // until the next edit, Start or Step
        if (results == null || results.isEmpty() || preview == null || results.size() != preview.plan().size()
                || results.size() != runCards.size()) {
            draftNote.setText(RestoredDraft.settingsOnly(draft.kept()));
            return;
        }
        restored = new RestoredDraft(doc, draft.kept(), draft.keptHere(), document());
        List<String> colors = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            colors.add(runCards.get(i).color());
            runCards.get(i).setStatus(restored.card(i).text(), restored.card(i).bad());
        }
        charts.clear(!preview.plan().isDataset()); // the preview's θ₀: the draft's curves start there themselves
        charts.show(results, preview.plan(), colors, restored.why());
        draftNote.setText(restored.note());
    }

    /** The learning-rate sweep of the experiment the form describes; a click on a point sets that card's ε. */
    private void openSweep() {
        List<OptimizerCard> swept = enabledCards();
        List<String> colors = new ArrayList<>();
        for (OptimizerCard c : swept) {
            colors.add(c.color());
        }
        new SweepDialog(lab, session.owner(), document(), colors, (i, epsilon) ->
                swept.get(i).setSpec(swept.get(i).spec().with(Algorithm.Hyper.LEARNING_RATE, epsilon))).open();
    }

    /**
     * The experiment the form describes, run with k seeds; the k of a run becomes the document's seeds section (in place
     * of a sweep section: a document runs one or the other), so that Save keeps it.
     */
    private void openSeeds() {
        List<String> colors = new ArrayList<>();
        for (OptimizerCard c : enabledCards()) {
            colors.add(c.color());
        }
        new SeedsDialog(lab, session.owner(), document(), colors,
                spec -> kept = kept.withSweep(null).withSeeds(spec)).open();
    }

    /**
     * The (ε, α) map of one momentum-type optimizer of the experiment the form describes (a 2-D function); a click on a
     * cell sets that card's ε and α (ρ, ρ₁). Says why when there is nothing to map.
     */
    private void openMap() {
        List<OptimizerCard> enabled = enabledCards();
        ExperimentDocument d = document();
        if (problem.kind() != ProblemPanel.Kind.FUNCTION) {
            Notification.show("The (ε, α) map is drawn on a 2-D function: choose one under Problem (the learning-rate"
                    + " sweep works on data too)", 6000, Notification.Position.MIDDLE);
            return;
        }
        if (MapDialog.mappable(d).isEmpty()) {
            Notification.show("No enabled card has a learning rate ε and a momentum α, ρ or ρ₁ to map: add momentum,"
                    + " Nesterov, RMSProp or Adam", 6000, Notification.Position.MIDDLE);
            return;
        }
        List<String> colors = new ArrayList<>();
        for (OptimizerCard c : enabled) {
            colors.add(c.color());
        }
        new MapDialog(lab, session.owner(), d, colors, 0, (i, epsilon, second, value) ->
                enabled.get(i).setSpec(enabled.get(i).spec().with(Algorithm.Hyper.LEARNING_RATE, epsilon)
                        .with(second, value))).open();
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

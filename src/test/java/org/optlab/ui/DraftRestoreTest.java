package org.optlab.ui;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.vaadin.flow.component.html.Div;
import elemental.json.Json;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.optlab.experiment.ExperimentDocument;
import org.optlab.experiment.ExperimentDocument.OptimizerResult;
import org.optlab.experiment.ExperimentRunner;
import org.optlab.experiment.Lessons;
import org.optlab.lab.LiveExperiment.State;
import org.optlab.sharing.SharingService;
import org.optlab.sharing.Store;
import org.optlab.ui.chart.ApexChart;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.TestPropertySource;

/**
 * A tab's draft with its results (Karibu): what a tab keeps while it runs, and what it shows when it comes back with
 * the key of a tab whose server went away: the form, the curves and paths so far, each card's status and a note with
 * the draft's time and step. The other server is a second {@link SharingService} on the same store.
 */
@SpringBootTest
@TestPropertySource(properties = "optlab.push-millis=3600000")
class DraftRestoreTest extends KaribuTestBase {

    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    LabView view;
    String tab;
    /** Another server on the same store. */
    SharingService elsewhere;

    @BeforeEach
    void setUp() {
        view = openLab();
        tab = UUID.randomUUID().toString();
        elsewhere = new SharingService(context.getBean(Store.class), 200, 24);
    }

    /** The browser answers the lab's question for the tab's key. */
    void tabSaysItsKey() {
        sent.answer("optlab-tab", Json.create(tab));
    }

    static String note() {
        Div note = byId(Div.class, "draft-note");
        return note.getText();
    }

    /** The five classics on Rosenbrock run for 812 steps of a budget of 1500, as a tab's draft holds them mid-run. */
    static ExperimentDocument midRun() throws Exception {
        ExperimentDocument five = Lessons.fiveClassics();
        ExperimentDocument ran = ExperimentRunner.run(new ExperimentDocument(1, five.name(), five.seed(), 812, null,
                five.problem(), five.optimizers(), null, null));
        List<OptimizerResult> going = new ArrayList<>();
        for (OptimizerResult r : ran.results()) {
            // what a live run's result says before it ends
            going.add(new OptimizerResult(r.label(), r.algorithm(), "running", "", r.steps(), r.loss(), r.metrics(),
                    r.path(), r.theta(), r.batchSize(), r.stepsPerEpoch(), r.warnings(), r.suppressedWarnings(),
                    r.elapsedMillis(), r.numerics()));
        }
        return new ExperimentDocument(1, five.name(), five.seed(), 1500, null, five.problem(), five.optimizers(), null,
                going);
    }

    @Test
    void aDraftWithResultsComesBackWithItsCurvesPathsStatusesAndANoteSayingWhenAndWhere() throws Exception {
        ExperimentDocument draft = midRun();
        Instant before = Instant.now();
        elsewhere.keepDraft(tab, view.session().owner(), draft);
        elsewhere.flushDrafts();
        Instant after = Instant.now();
        tabSaysItsKey();

        assertEquals(1500, stepsField().getValue(), "the form, from the draft");
        String note = note();
        assertTrue(note.matches("Restored your experiment from \\d\\d:\\d\\d:\\d\\d UTC; it was stopped at step 812 when"
                + " its server went away\\. Press Start to run it again\\."), note);
        String at = note.substring("Restored your experiment from ".length(), "Restored your experiment from ".length() + 8);
        assertTrue(at.compareTo(TIME.format(before)) >= 0 && at.compareTo(TIME.format(after)) <= 0,
                at + " is when the other server wrote the draft");

        ApexChart loss = chart("loss-chart");
        ApexChart side = chart("side-chart");
        List<String> labels = List.of("GD", "Momentum", "AdaGrad", "RMSProp", "Adam");
        for (int i = 0; i < 5; i++) {
            OptimizerResult r = draft.results().get(i);
            String status = cardStatus(cards().get(i));
            assertTrue(status.startsWith("stopped at step 812 when its server went away · final loss "
                    + String.format(Locale.ROOT, "%.6g", r.loss()[812])), status);
            List<double[]> curve = loss.series().get(i).data();
            assertEquals(labels.get(i), loss.series().get(i).name());
            assertTrue(curve.size() > 100 && curve.size() <= 4 * 64 + 256,
                    "the draft's thinned curve, not 813 points: " + curve.size());
            assertEquals(0, curve.get(0)[0], "from θ₀");
            assertEquals(812, curve.get(curve.size() - 1)[0], "to the step the draft reached");
            for (double[] p : curve) {
                assertEquals(r.loss()[(int) p[0]], p[1], "a recorded point of the run at step " + p[0]);
            }
            List<double[]> path = side.series().get(Charts.pathSeries(i)).data();
            assertArrayEquals(r.path()[812], java.util.Arrays.copyOf(path.get(path.size() - 1), 2), "where it stopped");
        }
        List<String> marks = sent.chart(loss).marks();
        assertTrue(marks.contains("GD: stopped at step 812 when its server went away"), marks.toString());

        // not a finished run: Start runs the experiment from θ₀, and the draft's curves and note go
        assertEquals("ready", runStatus());
        select("speed").setValue(10);
        LabViewTest.click(button("start"));
        LabViewTest.click(button("stop"));
        view.refresh();
        assertFalse(byIdVisible("draft-note"), "the note is gone");
        List<double[]> rerun = loss.series().get(0).data();
        assertTrue(rerun.get(rerun.size() - 1)[0] < 812, "a new run from step 0: " + rerun.get(rerun.size() - 1)[0]);
        assertTrue(cardStatus(cards().get(0)).startsWith("stopped by the user after step"), cardStatus(cards().get(0)));
    }

    /** Whether a component with this id is on the page (Karibu's locators see only what is visible). */
    static boolean byIdVisible(String id) {
        return !com.github.mvysny.kaributesting.v10.LocatorJ._find(Div.class, spec -> spec.withId(id)).isEmpty();
    }

    @Test
    void anExperimentThatHadEndedComesBackAsEndedWithEachRunsStatus() throws Exception {
        ExperimentDocument five = Lessons.fiveClassics();
        ExperimentDocument ended = ExperimentRunner.run(new ExperimentDocument(1, five.name(), five.seed(), 300, null,
                five.problem(), five.optimizers(), null, null));
        elsewhere.keepDraft(tab, view.session().owner(), ended);
        elsewhere.flushDrafts();
        tabSaysItsKey();

        assertTrue(note().matches("Restored your experiment from \\d\\d:\\d\\d:\\d\\d UTC; it had ended \\(each card says"
                + " how\\)\\. Press Start to run it again\\."), note());
        for (int i = 0; i < 5; i++) {
            OptimizerResult r = ended.results().get(i);
            assertEquals("completed", r.status());
            String status = cardStatus(cards().get(i));
            assertTrue(status.startsWith(r.message() + " · final loss " + String.format(Locale.ROOT, "%.6g",
                    r.loss()[r.loss().length - 1])), status);
        }
    }

    @Test
    void aRunningTabsDraftCarriesItsResultsSoFarAndIsWrittenOnlyWhenTheyChange() throws Exception {
        tabSaysItsKey(); // no draft yet: the form is kept as one
        SharingService here = context.getBean(SharingService.class);
        here.flushDrafts();
        assertEquals(null, elsewhere.draft(tab, view.session().owner()).document().results(), "before Start: settings");

        stepsField().setValue(100_000);
        select("speed").setValue(200);
        LabViewTest.click(button("start"));
        Thread.sleep(400);
        view.refresh(); // a push
        here.flushDrafts();
        SharingService.Draft running = elsewhere.draft(tab, view.session().owner());
        assertEquals(5, running.document().results().size());
        for (OptimizerResult r : running.document().results()) {
            assertEquals("running", r.status());
            assertTrue(r.steps()[r.steps().length - 1] > 0, "results so far");
        }

        LabViewTest.click(button("stop"));
        view.refresh();
        assertEquals(State.STOPPED, view.session().live().state());
        here.flushDrafts();
        SharingService.Draft stopped = elsewhere.draft(tab, view.session().owner());
        assertNotNull(stopped);
        long reached = view.session().live().runs().get(0).step();
        OptimizerResult gd = stopped.document().results().get(0);
        assertEquals("stopped", gd.status());
        assertEquals(reached, gd.steps()[gd.steps().length - 1], "the step it was stopped at");

        Thread.sleep(50);
        view.refresh(); // pushed again: nothing new
        here.flushDrafts();
        assertEquals(stopped.kept(), elsewhere.draft(tab, view.session().owner()).kept(), "not written again");
    }

    /** A reload (or a closed tab) stops its runs in those words, not as the student's Stop: the restore says so. */
    @Test
    void aRunCutShortByItsPageGoingAwaySaysSoInItsDraft() throws Exception {
        tabSaysItsKey();
        SharingService here = context.getBean(SharingService.class);
        stepsField().setValue(100_000);
        select("speed").setValue(200);
        LabViewTest.click(button("start"));
        Thread.sleep(400);
        view.refresh(); // a push: the tab's draft is its running experiment, taken when next written or asked for
        view.getElement().removeFromParent(); // the page goes: the view is detached, its session closed
        assertEquals(null, view.session().live(), "the tab's session closed with its page");
        // the reloaded page, on this server, asks for its tab's draft
        List<OptimizerResult> results = here.draft(tab, view.session().owner()).document().results();
        assertEquals(5, results.size());
        for (OptimizerResult r : results) {
            assertEquals("stopped", r.status());
            long last = r.steps()[r.steps().length - 1];
            assertEquals("stopped when its page was closed or reloaded after step " + last, r.message());
        }
    }
}

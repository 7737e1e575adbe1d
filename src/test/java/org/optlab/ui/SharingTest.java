package org.optlab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.github.mvysny.kaributesting.v10.UploadKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.upload.Upload;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.optlab.experiment.ExperimentDocument;
import org.optlab.experiment.ExperimentStore;
import org.optlab.experiment.Lessons;
import org.optlab.lab.LiveExperiment.State;
import org.optlab.sharing.OwnedExperiment;
import org.optlab.sharing.SharingService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Saving from the lab, the shared page /e/{id}, Run again and Copy to my lab, and every kind of error in the student's
 * words (Karibu).
 */
@SpringBootTest
class SharingTest extends KaribuTestBase {

    @Autowired
    SharingService sharing;
    @Value("${optlab.data-dir}")
    String dataDir;
    @Value("${optlab.max-experiments-per-owner:200}")
    int maxPerOwner;

    List<OwnedExperiment> mine() throws Exception {
        return sharing.mine(Owner.token());
    }

    static <T extends com.vaadin.flow.component.Component> T get(Class<T> type, String id) {
        return com.github.mvysny.kaributesting.v10.LocatorJ._get(type, spec -> spec.withId(id));
    }

    static Button find(Class<Button> type, String id) {
        return com.github.mvysny.kaributesting.v10.LocatorJ._get(type, spec -> spec.withId(id));
    }

    /** The link the lab shows after Save ("e/{id}"). */
    static String shareLink() {
        return byId(TextField.class, "share-link").getValue();
    }

    /** The line beside Save and Import: saved, imported, or why a file is not a valid experiment. */
    static String barMessage() {
        return byId(Span.class, "save-message").getText();
    }

    /** Import JSON, as the student does it: the file dropped on the lab's Import JSON upload. */
    static void importFile(String fileName, String json) {
        UploadKt._upload(byId(Upload.class, "import-json"), fileName, "application/json",
                json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void saveRunAgainAndFork() throws Exception {
        LabView lab = openLab();
        stepsField().setValue(200);
        button("start").click();
        for (int i = 0; i < 300 && lab.session().live().state() == State.RUNNING; i++) {
            Thread.sleep(10);
        }
        find(Button.class, "save").click();
        String link = shareLink();
        assertTrue(link.startsWith("e/"), link);
        String id = link.substring(2);
        assertTrue(ExperimentStore.isId(id));
        assertEquals(5, sharing.open(id, Owner.token()).document().results().size(), "saved with its results");
        assertTrue(sharing.open(id, Owner.token()).mine());

        UI.getCurrent().navigate("e/" + id);
        List<org.optlab.ui.chart.ApexChart.Series> series = chart("shared-loss-chart").series();
        assertEquals(5, series.size());
        assertEquals(201, series.get(0).data().size(), "the saved curves, drawn at once without training");

        find(Button.class, "run-again").click();
        Span rerun = byId(Span.class, "rerun-result");
        for (int i = 0; i < 500 && !rerun.getText().startsWith("ran again"); i++) {
            Thread.sleep(10);
            MockVaadin.clientRoundtrip();
        }
        assertEquals("ran again: every loss and path is bit-identical to the saved run ✓", rerun.getText());

        find(Button.class, "copy-to-lab").click();
        LabView fork = (LabView) UI.getCurrent().getCurrentView();
        assertEquals(200, fork.session().document().steps());
        assertEquals(2, mine().size(), "the fork is the visitor's own experiment");
    }

    @Test
    void anUnknownOrMalformedIdIsANotFoundPageThatSaysSo() {
        for (String id : new String[] {"AAAAAAAAAAAAAAAAAAAAAA", "..%2F..%2Fetc", "x"}) {
            UI.getCurrent().navigate("e/" + id);
            assertEquals("Not found", com.github.mvysny.kaributesting.v10.LocatorJ._get(H1.class).getText());
            assertEquals("There is no experiment with this link: it was deleted, or the link was not copied whole.",
                    get(com.vaadin.flow.component.html.Paragraph.class, "shared-error").getText());
        }
    }

    @Test
    void aDamagedSavedExperimentSaysItCannotBeReadAndWhyNotThatItIsMissing() throws Exception {
        LabView lab = openLab();
        button("save").click();
        String id = shareLink().substring(2);
        java.nio.file.Files.writeString(java.nio.file.Path.of(dataDir, id + ".json"), "{ half a fi");

        UI.getCurrent().navigate("e/" + id);
        assertEquals("Cannot be read", com.github.mvysny.kaributesting.v10.LocatorJ._get(H1.class).getText());
        String why = get(com.vaadin.flow.component.html.Paragraph.class, "shared-error").getText();
        assertTrue(why.startsWith("This saved experiment cannot be read: the file is not complete JSON (it breaks off at"
                + " line 1, column "), why);

        // opened into the lab (a fork's link, /?open=id): the bar says the same
        UI.getCurrent().navigate("", com.vaadin.flow.router.QueryParameters.of("open", id));
        assertTrue(barMessage().startsWith("this saved experiment cannot be read: "),
                barMessage());
        // and the owner's list still shows it, so that it can be deleted
        assertTrue(mine().stream().anyMatch(e -> e.id().equals(id)));
    }

    @Test
    void aVisitorCannotDeleteAndAChangeBySomeoneElseIsRefusedInWords() throws Exception {
        String visitorsId = sharing.save(LabView.defaultDocument(), null, ExperimentStore.newOwnerToken()).id();
        UI.getCurrent().navigate("e/" + visitorsId);
        assertFalse(com.github.mvysny.kaributesting.v10.LocatorJ._find(Button.class, spec -> spec.withId("delete")).size() > 0,
                "no Delete for someone else's experiment");

        // the owner's page is open; then this browser is someone else (another cookie took over the session)
        LabView lab = openLab();
        button("save").click();
        String id = shareLink().substring(2);
        UI.getCurrent().navigate("e/" + id);
        com.vaadin.flow.server.VaadinSession.getCurrent().setAttribute(Owner.SESSION_KEY,
                ExperimentStore.newOwnerToken().substring(0, 22));
        find(Button.class, "delete").click();
        assertEquals("you are not the owner of this experiment: only the browser that saved it can rename or delete it"
                + " (Copy to my lab makes a copy of your own)", byId(Span.class, "rerun-result").getText());
        get(com.vaadin.flow.component.textfield.TextField.class, "new-name").setValue("taken over");
        find(Button.class, "rename").click();
        assertTrue(byId(Span.class, "rerun-result").getText().startsWith("you are not the owner"), byId(Span.class, "rerun-result").getText());
        assertEquals("rosenbrock: GD, Momentum, AdaGrad, RMSProp, Adam", sharing.open(id, null).name(), "nothing changed");
    }

    @Test
    void theQuotaReachedSaysTheLimitAtSave() throws Exception {
        LabView lab = openLab();
        ExperimentDocument small = LabView.defaultDocument();
        for (int i = 0; i < maxPerOwner; i++) {
            sharing.save(small, null, Owner.token());
        }
        button("save").click();
        assertEquals("you have " + maxPerOwner + " saved experiments; the limit per person is " + maxPerOwner
                + " (optlab.max-experiments-per-owner): delete some in My experiments first",
                barMessage());
        assertTrue(com.github.mvysny.kaributesting.v10.LocatorJ._find(TextField.class, spec -> spec.withId("share-link"))
                .isEmpty(), "no link shown: nothing was saved");
    }

    @Test
    void aLessonOverUnsavedChangesAsksFirst() {
        LabView lab = openLab();
        stepsField().setValue(777); // an edit, not saved
        select("lessons").setValue(Lessons.byId("newton-saddle"));
        var ask = com.github.mvysny.kaributesting.v10.LocatorJ._get(
                com.vaadin.flow.component.confirmdialog.ConfirmDialog.class, spec -> spec.withId("unsaved-changes"));
        assertEquals("Discard your changes?", com.github.mvysny.kaributesting.v10.pro.ConfirmDialogKt._getHeader(ask));
        com.github.mvysny.kaributesting.v10.pro.ConfirmDialogKt._fireCancel(ask);
        assertEquals(777, lab.session().document().steps(), "kept: the student's edit");
        assertEquals("rosenbrock", lab.session().document().problem().id());
        assertEquals(null, select("lessons").getValue(), "the menu shows no lesson chosen");
        assertTrue(com.github.mvysny.kaributesting.v10.LocatorJ._find(Paragraph.class,
                spec -> spec.withId("lesson-text")).isEmpty(), "no lesson text: no lesson is open");

        select("lessons").setValue(Lessons.byId("newton-saddle"));
        ask = com.github.mvysny.kaributesting.v10.LocatorJ._get(
                com.vaadin.flow.component.confirmdialog.ConfirmDialog.class, spec -> spec.withId("unsaved-changes"));
        com.github.mvysny.kaributesting.v10.pro.ConfirmDialogKt._fireConfirm(ask);
        assertEquals("bounded-saddle", lab.session().document().problem().id(), "discarded on request: the lesson is loaded");
        String lesson = byId(Paragraph.class, "lesson-text").getText();
        assertTrue(lesson.contains("Newton"), lesson);

        // no changes since it was loaded: the next lesson loads at once
        select("lessons").setValue(Lessons.byId("momentum-valley"));
        assertEquals("quadratic", lab.session().document().problem().id());
    }

    @Test
    void aSharedLessonShowsItsTextAndAnOwnExperimentNone() throws Exception {
        openLab();
        // an experiment of one's own has no lesson, on the lab's page and on the shared one
        find(Button.class, "save").click();
        String own = shareLink().substring(2);
        assertEquals(null, sharing.open(own, Owner.token()).document().lesson());

        Lessons.Lesson momentum = Lessons.byId("momentum-valley");
        select("lessons").setValue(momentum);
        field(cards().get(0), "learning rate ε").setValue(0.08); // a student's variation keeps the lesson
        find(Button.class, "save").click();
        String id = shareLink().substring(2);
        assertEquals("momentum-valley", sharing.open(id, Owner.token()).document().lesson(), "saved with its lesson");

        UI.getCurrent().navigate("e/" + id);
        assertEquals("Lesson " + momentum.title(), byId(Span.class, "lesson-title").getText());
        assertEquals(momentum.watch(), byId(Paragraph.class, "lesson-text").getText());
        assertEquals("The question: " + momentum.question(), byId(Paragraph.class, "lesson-question").getText());
        assertEquals(3, com.github.mvysny.kaributesting.v10.LocatorJ._find(Button.class,
                spec -> spec.withClasses("lesson-box")).size(), "boxes 8.1, 8.2 and 8.3");

        // forked into a lab, the lesson opens with it
        find(Button.class, "copy-to-lab").click();
        LabView fork = (LabView) UI.getCurrent().getCurrentView();
        assertEquals("momentum-valley", fork.session().document().lesson());
        assertEquals(momentum.watch(), byId(Paragraph.class, "lesson-text").getText());

        UI.getCurrent().navigate("e/" + own);
        assertTrue(com.github.mvysny.kaributesting.v10.LocatorJ._find(Paragraph.class,
                spec -> spec.withId("lesson-text")).isEmpty(), "no lesson text");
    }

    @Test
    void importGivesTheSameCompleteErrorListAsTheRunnerAndLoadsAValidDocument() {
        LabView lab = openLab();
        importFile("bad.json", "{ \"schemaVersion\": 1, \"steps\": 0, \"problem\": { \"function\": \"nope\" },"
                + " \"optimizers\": [ { \"algorithm\": \"sgd\", \"learningRate\": -1 } ] }");
        String m = barMessage();
        assertTrue(m.startsWith("bad.json is not a valid experiment: "), m);
        assertTrue(m.contains("steps must be between 1 and 10000000, got 0"), m);
        assertTrue(m.contains("optimizers[0].learningRate must be > 0"), m);
        assertEquals("rosenbrock", lab.session().document().problem().id(), "nothing changed");
        importFile("broken.json", "{ not json");
        assertEquals("broken.json is not a valid experiment: not valid JSON at line 1, column 3: unexpected character 'n':"
                + " expected a field name in double quotes", barMessage());
        importFile("newer.json", "{ \"schemaVersion\": 9 }");
        assertTrue(barMessage().contains("schemaVersion 9 is newer than this OptLab understands"));
        importFile("good.json", "{ \"schemaVersion\": 1, \"steps\": 77, \"colour\": 1, \"problem\": { \"function\": \"booth\" },"
                + " \"optimizers\": [ { \"algorithm\": \"adam\", \"learningRate\": 0.3 } ] }");
        assertEquals("imported good.json (unknown field colour ignored)", barMessage());
        assertEquals("booth", lab.session().document().problem().id());
        assertEquals(77, lab.session().document().steps());
        assertEquals(0.3, lab.session().document().optimizers().get(0).hyper(org.optlab.engine.Algorithm.Hyper.LEARNING_RATE));
    }

    @Test
    void myExperimentsListsOnlyMine() throws Exception {
        openLab();
        sharing.save(LabView.defaultDocument(), null, ExperimentStore.newOwnerToken());
        int before = mine().size();
        button("save").click();
        assertEquals(before + 1, mine().size());
        assertEquals("rosenbrock: GD, Momentum, AdaGrad, RMSProp, Adam", mine().get(0).name());
        assertEquals("not run", mine().get(0).finalLosses());
        find(Button.class, "my-experiments").click();
        @SuppressWarnings("unchecked")
        com.vaadin.flow.component.grid.Grid<OwnedExperiment> grid = get(com.vaadin.flow.component.grid.Grid.class,
                "my-experiments-grid");
        assertEquals(1, com.github.mvysny.kaributesting.v10.GridKt._size(grid));
        assertEquals("rosenbrock: GD, Momentum, AdaGrad, RMSProp, Adam",
                com.github.mvysny.kaributesting.v10.GridKt._get(grid, 0).name());
    }

    @Test
    void savingAgainUpdatesSaveAsCopyMakesANewOneAndTheOwnerRenames() throws Exception {
        openLab();
        button("save").click();
        String first = shareLink().substring(2);
        int owned = mine().size();
        button("save").click();
        assertEquals(first, shareLink().substring(2), "saving again keeps the link");
        assertEquals(owned, mine().size());
        button("save-copy").click();
        String copy = shareLink().substring(2);
        assertFalse(copy.equals(first));
        assertEquals(owned + 1, mine().size());

        UI.getCurrent().navigate("e/" + first);
        com.github.mvysny.kaributesting.v10.LocatorJ._get(com.vaadin.flow.component.textfield.TextField.class,
                spec -> spec.withId("new-name")).setValue("my Rosenbrock");
        find(Button.class, "rename").click();
        assertEquals("my Rosenbrock", sharing.open(first, null).name());
    }

    private static final String JSTAR = "j-vs-jstar";

    @Test
    void aSharedDatasetExperimentDrawsItsHeldOutLossesAndTheFreshTestSetsJStar() throws Exception {
        // the J vs J* lesson, run headless (the saved document is what the lab saves: the document with its results)
        ExperimentDocument lesson = org.optlab.experiment.Lessons.byId(JSTAR).document();
        ExperimentDocument ran = org.optlab.experiment.ExperimentRunner.run(
                new ExperimentDocument(1, lesson.name(), lesson.seed(), 300, null, lesson.problem(), lesson.optimizers(),
                        null, null, null, JSTAR));
        openLab();
        String id = sharing.save(ran, null, Owner.token()).id();
        UI.getCurrent().navigate("e/" + id);
        org.optlab.ui.chart.ApexChart heldOut = chart("shared-held-out-chart");
        List<org.optlab.ui.chart.ApexChart.Series> series = heldOut.series();
        int n = ran.results().size();
        assertEquals(2 * n, series.size(), "validation and J* for each optimizer");
        for (int i = 0; i < n; i++) {
            ExperimentDocument.OptimizerResult r = ran.results().get(i);
            double[] test = r.metrics().get("testLoss");
            List<double[]> drawn = series.get(n + i).data();
            assertTrue(series.get(n + i).name().endsWith("J* (fresh test set)"), series.get(n + i).name());
            assertEquals(test.length, drawn.size());
            assertEquals(test[test.length - 1], drawn.get(drawn.size() - 1)[1], "the saved J* at the last step");
        }
    }

    @Test
    void anImportKeepsWhatTheFormHasNoFieldFor() {
        LabView lab = openLab();
        importFile("kept.json", "{ \"schemaVersion\": 1, \"steps\": 50, \"recordEvery\": 5,"
                + " \"problem\": { \"function\": \"booth\" }, \"optimizers\": [ { \"algorithm\": \"sgd\" } ],"
                + " \"stop\": { \"targetLoss\": 0.001 },"
                + " \"sweep\": { \"parameter\": \"learningRate\", \"from\": 0.001, \"to\": 1, \"points\": 7 } }");
        ExperimentDocument d = lab.session().document();
        assertEquals(Integer.valueOf(5), d.recordEvery(), "recordEvery kept");
        assertEquals(0.001, d.stop().targetLoss(), "the stop rule kept");
        assertEquals(7, d.sweep().points(), "the sweep section kept, for Save and for the Sweep dialog");
        // a lesson opened next brings its own document: nothing of the import stays
        select("lessons").setValue(org.optlab.experiment.Lessons.byId("momentum-valley"));
        assertEquals(null, lab.session().document().sweep());
    }

    @Test
    void anImportWithHugeOrRaggedResultArraysIsRefusedWithItsPath() {
        openLab();
        StringBuilder steps = new StringBuilder();
        for (int k = 0; k <= 200_001; k++) {
            steps.append(k == 0 ? "" : ",").append(k);
        }
        String base = "{ \"schemaVersion\": 1, \"steps\": 5, \"problem\": { \"function\": \"booth\" },"
                + " \"optimizers\": [ { \"algorithm\": \"sgd\" } ], \"results\": [ ";
        importFile("huge.json", base + "{ \"steps\": [" + steps + "] } ] }");
        assertTrue(barMessage().contains("results[0].steps holds 200002 points; the limit is 200001"), barMessage());
        importFile("ragged.json", base + "{ \"steps\": [0, 1, 2], \"loss\": [1.0, 0.5] } ] }");
        assertTrue(barMessage().contains("results[0].loss has 2 entries, but steps has 3"), barMessage());
    }

    @Test
    void anExportedUploadCarriesItsCsvAndImportsAndRunsAnywhere() throws Exception {
        LabView lab = openLab();
        String csv = "a,b,label\n0,0,x\n1,1,y\n0,1,x\n1,0,y\n2,2,y\n0,2,x\n2,0,y\n3,3,y\n0,3,x\n3,0,y\n";
        String ref = context.getBean(org.optlab.lab.UploadStore.class).put(csv.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        ExperimentDocument doc = new ExperimentDocument(1, null, 1L, 20, null,
                new org.optlab.experiment.ExperimentDocument.ProblemSpec.DatasetSpec(ref, null, null, null, null,
                        null, null, "label", org.optlab.dataset.CsvImport.Task.CLASSIFICATION, 0.0,
                        org.optlab.experiment.ExperimentDocument.ModelSpec.of(org.optlab.experiment.ModelType.LOGISTIC)),
                List.of(org.optlab.experiment.ExperimentDocument.OptimizerSpec.of("GD", org.optlab.engine.Algorithm.SGD)),
                null, null);
        // what Export JSON writes for a document on an uploaded CSV (the button exports the form's)
        String json = com.github.mvysny.kaributesting.v10.LocatorJ._get(ExperimentsBar.class).exportJson(doc);
        assertTrue(json.contains("\"embeddedDataset\""), "the CSV travels with the document");
        // the exported file runs headless on its own, no store needed
        ExperimentDocument ran = org.optlab.experiment.ExperimentRunner.run(
                org.optlab.experiment.DocumentReader.read(json).document());
        assertEquals("completed", ran.results().get(0).status());
        importFile("exported.json", json);
        assertEquals(ProblemPanel.Kind.UPLOAD, select("problem-kind").getValue());
        assertEquals(ref, lab.session().document().problem().id());
        assertValid("the imported upload");
        String tampered = json.replace("3,0,y", "3,0,x");
        importFile("tampered.json", tampered);
        assertTrue(barMessage().contains("embeddedDataset.sha256 does not match its csv"), barMessage());
    }

    @Test
    void aDocumentWhoseUploadedDatasetIsMissingSaysSoAndDoesNotStart() {
        openLab();
        String missing = "upload:" + "0".repeat(64);
        importFile("missing.json", "{ \"schemaVersion\": 1, \"steps\": 5, \"problem\": { \"dataset\": \""
                + missing + "\", \"model\": { \"type\": \"softmax\" } }, \"optimizers\": [ { \"algorithm\": \"sgd\" } ] }");
        assertEquals("the experiment's CSV is not on this server: upload it again",
                com.github.mvysny.kaributesting.v10.LocatorJ._get(Span.class, spec -> spec.withClasses("upload-error")).getText());
        assertInvalid("a document whose CSV is missing");
        assertFalse(button("start").isEnabled());
    }
}

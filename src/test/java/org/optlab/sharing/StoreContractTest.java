package org.optlab.sharing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.optlab.experiment.DocumentWriter;
import org.optlab.experiment.ExperimentDocument;
import org.optlab.experiment.ExperimentDocument.OptimizerSpec;
import org.optlab.experiment.ExperimentDocument.ProblemSpec;
import org.optlab.experiment.ExperimentRunner;
import org.optlab.experiment.ExperimentStore;
import org.optlab.experiment.ModelType;
import org.slf4j.LoggerFactory;

/**
 * What every store must do, through the sharing service that uses it: the same tests run against the file store
 * ({@link FileStoreContractTest}) and PostgreSQL ({@link PostgresStoreContractTest}). A subclass gives a fresh, empty
 * store, a second instance on the same data (a second server), and a way to damage one saved experiment.
 */
abstract class StoreContractTest {

    static final long MAX_DOCUMENT_BYTES = 200_000;
    static final long UPLOAD_QUOTA_BYTES = 1_000;
    static final int MAX_PER_OWNER = 5;

    /** A store over fresh, empty data. */
    abstract Store freshStore(long maxDocumentBytes) throws Exception;

    /** Another store instance over the same data as the last {@link #freshStore} (as a second server sees it). */
    abstract Store secondInstance() throws Exception;

    /** Damages the saved experiment so that it cannot be read as one (a file cut short, a row with a bad document). */
    abstract void damage(String id) throws Exception;

    /** True when two instances on the same data keep the per-owner limits between them. */

    final String alice = ExperimentStore.newOwnerToken();
    final String bob = ExperimentStore.newOwnerToken();
    SharingService sharing;
    final ListAppender<ILoggingEvent> log = new ListAppender<>();

    @BeforeEach
    void open() throws Exception {
        sharing = service(freshStore(MAX_DOCUMENT_BYTES));
        log.start();
        ((Logger) LoggerFactory.getLogger(SharingService.class)).addAppender(log);
    }

    @AfterEach
    void stopLogging() {
        ((Logger) LoggerFactory.getLogger(SharingService.class)).detachAppender(log);
    }

    static SharingService service(Store store) {
        return new SharingService(store, MAX_PER_OWNER, 24);
    }

    static ExperimentDocument doc(String name) {
        return new ExperimentDocument(1, name, 1L, 50, null, ProblemSpec.function("quadratic", null),
                List.of(OptimizerSpec.of("GD", org.optlab.engine.Algorithm.SGD)), null, null);
    }

    static byte[] csv(int rows, int salt) {
        StringBuilder sb = new StringBuilder("a,label\n");
        for (int i = 0; i < rows; i++) {
            sb.append(i + salt).append(',').append(i % 2 == 0 ? "x" : "y").append('\n');
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    // ---- saving and opening ----------------------------------------------------------------------------------------

    @Test
    void aSavedExperimentOpensWithTheSameNumbersAndRerunsBitIdentically() throws Exception {
        ExperimentDocument ran = ExperimentRunner.run(new ExperimentDocument(1, "Rosenbrock", 7L, 300, null,
                ProblemSpec.function("rosenbrock", new double[] {-1.5, 2}),
                List.of(OptimizerSpec.of("Adam", org.optlab.engine.Algorithm.ADAM),
                        OptimizerSpec.of("GD", org.optlab.engine.Algorithm.SGD)), null, null));
        SharingService.Saved saved = sharing.save(ran, null, alice);
        assertTrue(saved.created());
        assertTrue(ExperimentStore.isId(saved.id()));
        SharingService.SharedExperiment opened = sharing.open(saved.id(), bob);
        assertEquals(DocumentWriter.write(ran), DocumentWriter.write(opened.document()), "every number as saved");
        assertEquals("Rosenbrock", opened.name());
        assertFalse(opened.mine());
        assertTrue(sharing.open(saved.id(), alice).mine());
        ExperimentDocument again = ExperimentRunner.run(opened.document().withResults(null));
        for (int i = 0; i < ran.results().size(); i++) {
            assertArrayEquals(ran.results().get(i).loss(), again.results().get(i).loss(), "the rerun is bit-identical");
            assertArrayEquals(ran.results().get(i).path(), again.results().get(i).path());
        }
    }

    @Test
    void saveAgainKeepsTheLinkCopyMakesANewOneAndRenameAndDeleteAreTheOwners() throws Exception {
        String id = sharing.save(doc("first"), null, alice).id();
        SharingService.Saved again = sharing.save(doc("second"), id, alice);
        assertEquals(new SharingService.Saved(id, false), again);
        assertEquals("second", sharing.open(id, alice).name());
        String copy = sharing.saveAsCopy(doc("second"), alice).id();
        assertNotEquals(id, copy);
        sharing.rename(id, "renamed", alice);
        assertEquals("renamed", sharing.open(id, null).name());
        List<OwnedExperiment> mine = sharing.mine(alice);
        assertEquals(2, mine.size());
        assertEquals(id, mine.get(0).id(), "newest first: a rename saves again");
        assertEquals("renamed", mine.get(0).name());
        assertEquals("not run", mine.get(0).finalLosses());
        assertEquals(copy, mine.get(1).id());

        // bob saving over alice's id makes a new experiment of bob's; his rename and delete are refused
        SharingService.Saved bobs = sharing.save(doc("bob's"), id, bob);
        assertTrue(bobs.created());
        assertNotEquals(id, bobs.id());
        SharingException.Refused r = assertThrows(SharingException.Refused.class, () -> sharing.rename(id, "x", bob));
        assertEquals(SharingException.Refused.Reason.NOT_OWNER, r.reason());
        assertEquals(SharingException.Refused.Reason.NOT_OWNER,
                assertThrows(SharingException.Refused.class, () -> sharing.delete(id, bob)).reason());
        assertEquals("renamed", sharing.open(id, null).name(), "nothing changed");

        String forked = sharing.fork(id, bob);
        assertNull(sharing.open(forked, bob).document().results());
        assertTrue(sharing.open(forked, bob).mine());

        sharing.delete(id, alice);
        assertInstanceOf(SharingException.Missing.class, assertThrows(SharingException.class, () -> sharing.open(id, alice)));
        assertEquals(List.of(copy), sharing.mine(alice).stream().map(OwnedExperiment::id).toList());
        assertEquals(2, sharing.mine(bob).size());
    }

    // ---- limits ----------------------------------------------------------------------------------------------------

    @Test
    void theLimitPerOwnerAndTheSizeLimitAreRefusedInWords() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < MAX_PER_OWNER; i++) {
            ids.add(sharing.save(doc("n" + i), null, alice).id());
        }
        SharingException.Refused quota = assertThrows(SharingException.Refused.class,
                () -> sharing.save(doc("one more"), null, alice));
        assertEquals("you have 5 saved experiments; the limit per person is 5 (optlab.max-experiments-per-owner): delete"
                + " some in My experiments first", quota.getMessage());
        sharing.save(doc("n0 again"), ids.get(0), alice); // an update is not a new experiment
        sharing.save(doc("bob's"), null, bob); // bob has a limit of his own
        sharing.delete(ids.get(1), alice);
        sharing.save(doc("now it fits"), null, alice);
        assertEquals(MAX_PER_OWNER, sharing.mine(alice).size());

        SharingService tiny = service(freshStore(1000));
        SharingException.Refused big = assertThrows(SharingException.Refused.class,
                () -> tiny.save(ExperimentRunner.run(doc("big")), null, alice));
        assertEquals(SharingException.Refused.Reason.TOO_LARGE, big.reason());
        assertTrue(big.getMessage().matches("the experiment is \\d\\.\\d MB with its results; the limit is 0\\.0 MB"
                + " \\(optlab.max-document-mb\\): record fewer points \\(raise recordEvery\\) or fewer steps"),
                big.getMessage());
        assertEquals(List.of(), tiny.mine(alice), "nothing saved, nothing listed");
        assertEquals(SharingException.Refused.Reason.NO_OWNER, assertThrows(SharingException.Refused.class,
                () -> tiny.save(doc("x"), null, null)).reason());
    }

    @Test
    void uploadsAreKeptOnceByTheirHashBoundedPerOwnerAndCleanedWhenNoExperimentNamesThem() throws Exception {
        byte[] a = csv(40, 0);
        String ref = sharing.keepUpload(a, alice);
        assertEquals("upload:" + org.optlab.experiment.StoreFiles.sha256(a), ref);
        assertEquals(ref, sharing.keepUpload(a, alice), "the same file again");
        assertEquals(a.length, sharing.uploadsUsed(alice), "counted once");
        assertArrayEquals(a, sharing.upload(ref));
        assertNull(sharing.upload("upload:" + "0".repeat(64)));
        assertNull(sharing.upload("../../etc/passwd"));

        byte[] b = csv(120, 1000);
        SharingException.Refused refused = assertThrows(SharingException.Refused.class, () -> sharing.keepUpload(b, alice));
        assertEquals(SharingException.Refused.Reason.UPLOAD_QUOTA, refused.reason());
        assertTrue(refused.getMessage().contains("(optlab.upload-quota-mb)"), refused.getMessage());
        assertNull(sharing.upload("upload:" + org.optlab.experiment.StoreFiles.sha256(b)), "nothing stored");
        String bobs = sharing.keepUpload(b, bob); // bob's quota is his own
        assertEquals(b.length, sharing.uploadsUsed(bob));

        // alice saves an experiment on her upload; bob's is named by nothing: a day later only his is removed
        sharing.save(new ExperimentDocument(1, "on my data", 1L, 5, null,
                ProblemSpec.dataset(ref, ExperimentDocument.ModelSpec.of(ModelType.LOGISTIC)),
                List.of(OptimizerSpec.of("GD", org.optlab.engine.Algorithm.SGD)), null, null), null, alice);
        UploadCleanup.Pass pass = sharing.cleanUploads(Instant.now().plus(Duration.ofHours(25)));
        assertEquals(2, pass.uploads());
        assertEquals(1, pass.referenced());
        assertEquals(1, pass.deleted());
        assertArrayEquals(a, sharing.upload(ref));
        assertNull(sharing.upload(bobs));
        assertEquals(0, sharing.uploadsUsed(bob), "a removed upload frees its owner's quota");
        assertEquals(0, sharing.cleanUploads(Instant.now()).deleted(), "nothing older than a day");
    }

    // ---- what went wrong is said ---------------------------------------------------------------------------------

    @Test
    void aDamagedExperimentIsReportedAsUnreadableInWordsAndLoggedNotAsMissing() throws Exception {
        for (String id : new String[] {"AAAAAAAAAAAAAAAAAAAAAA", "../secret", "x", ""}) {
            SharingException e = assertThrows(SharingException.class, () -> sharing.open(id, alice));
            assertInstanceOf(SharingException.Missing.class, e);
            assertEquals("there is no experiment with this link: it was deleted, or the link was not copied whole",
                    e.getMessage());
        }
        String id = sharing.save(doc("fine"), null, alice).id();
        damage(id);
        SharingException e = assertThrows(SharingException.class, () -> sharing.open(id, bob));
        assertInstanceOf(SharingException.Unreadable.class, e);
        assertTrue(e.getMessage().startsWith("this saved experiment cannot be read: "), e.getMessage());
        assertTrue(log.list.stream().anyMatch(l -> l.getFormattedMessage().equals("saved experiment " + id
                + " cannot be read: " + e.getMessage().substring("this saved experiment cannot be read: ".length()))),
                "logged: " + log.list);
        assertInstanceOf(SharingException.Unreadable.class, assertThrows(SharingException.class,
                () -> sharing.rename(id, "new", alice)));
        // someone else cannot delete it (refused as not theirs, or as unreadable where the damage took the owner's name)
        assertThrows(SharingException.class, () -> sharing.delete(id, bob));
        assertEquals(List.of(id), sharing.mine(alice).stream().map(OwnedExperiment::id).toList());
        sharing.delete(id, alice); // the owner can still remove it
        assertEquals(List.of(), sharing.mine(alice));
        assertInstanceOf(SharingException.Missing.class, assertThrows(SharingException.class, () -> sharing.open(id, bob)));
    }

    // ---- drafts ------------------------------------------------------------------------------------------------------

    /** Rosenbrock from (−2, 2) with GD, momentum and Adam for {@code steps} steps: every step a record. */
    static ExperimentDocument longRun(long steps) {
        return new ExperimentDocument(1, "long", 1L, steps, null, ProblemSpec.function("rosenbrock", new double[] {-2, 2}),
                List.of(OptimizerSpec.of("GD", org.optlab.engine.Algorithm.SGD)
                                .with(org.optlab.engine.Algorithm.Hyper.LEARNING_RATE, 0.0002),
                        OptimizerSpec.of("Momentum", org.optlab.engine.Algorithm.MOMENTUM)
                                .with(org.optlab.engine.Algorithm.Hyper.LEARNING_RATE, 0.0002),
                        OptimizerSpec.of("Adam", org.optlab.engine.Algorithm.ADAM)
                                .with(org.optlab.engine.Algorithm.Hyper.LEARNING_RATE, 0.05)), null, null);
    }

    @Test
    void aTabsDraftIsKeptWithinSecondsWithItsResultsThinnedAndFoundByAnotherInstanceForItsOwnerOnly() throws Exception {
        String tab = java.util.UUID.randomUUID().toString();
        ExperimentDocument ran = ExperimentRunner.run(longRun(5_000));
        sharing.keepDraft(tab, alice, ran);
        assertEquals(DocumentWriter.write(SharingService.asDraft(ran)),
                DocumentWriter.write(sharing.draft(tab, alice).document()), "this server has it at once");
        SharingService other = service(secondInstance());
        assertNull(other.draft(tab, alice), "the store has it at the next flush (every 3 s)");
        Instant before = Instant.now().minusSeconds(1);
        sharing.flushDrafts();
        SharingService.Draft found = other.draft(tab, alice);
        assertFalse(found.keptHere(), "another server kept it");
        assertTrue(found.kept().isAfter(before) && !found.kept().isAfter(Instant.now()), found.kept().toString());
        assertEquals(DocumentWriter.write(ran.withResults(null)), DocumentWriter.write(found.document().withResults(null)),
                "the settings, as they were");
        assertEquals(3, found.document().results().size());
        for (int i = 0; i < 3; i++) {
            ExperimentDocument.OptimizerResult full = ran.results().get(i);
            ExperimentDocument.OptimizerResult kept = found.document().results().get(i);
            assertEquals(5_001, full.steps().length, "every step recorded");
            assertTrue(kept.steps().length <= 4 * 64 + 256, "thinned to the bound: " + kept.steps().length);
            assertEquals(kept.steps().length, kept.loss().length);
            assertEquals(kept.steps().length, kept.path().length);
            assertEquals(full.status(), kept.status());
            assertEquals(full.message(), kept.message());
            assertEquals(5_000, kept.steps()[kept.steps().length - 1], "the step reached");
            assertEquals(full.loss()[5_000], kept.loss()[kept.loss().length - 1], "the final loss");
            assertEquals(java.util.Arrays.stream(full.loss()).min().orElseThrow(),
                    java.util.Arrays.stream(kept.loss()).min().orElseThrow(), "the best loss");
            for (int k = 0; k < kept.steps().length; k++) {
                int at = (int) kept.steps()[k]; // a record of the run, as it was
                assertEquals(full.loss()[at], kept.loss()[k]);
                assertArrayEquals(full.path()[at], kept.path()[k]);
            }
        }
        assertEquals(found.kept(), other.draft(tab, alice).kept());
        assertTrue(sharing.draft(tab, alice).keptHere(), "this server wrote it (a reload here)");
        assertNull(other.draft(tab, bob), "only its owner gets a tab's draft");
        assertNull(other.draft(java.util.UUID.randomUUID().toString(), alice), "another tab has none");

        Thread.sleep(50);
        sharing.keepDraft(tab, alice, ran); // pushed again, nothing new
        sharing.flushDrafts();
        assertEquals(found.kept(), other.draft(tab, alice).kept(), "an unchanged draft is not written again");

        sharing.keepDraft(tab, alice, doc("changed"));
        sharing.keepDraft(tab, alice, doc("changed again"));
        sharing.flushDrafts();
        assertEquals("changed again", other.draft(tab, alice).document().name(), "the latest edit");
        assertTrue(other.draft(tab, alice).kept().isAfter(found.kept()), "a changed draft is written");

        sharing.keepDraft("../../owners/x", alice, doc("nowhere"));
        sharing.flushDrafts();
        assertNull(sharing.draft("../../owners/x", alice), "a malformed tab is never a file or a row");

        assertEquals(0, other.dropOldDrafts(Instant.now()), "kept for a week");
        assertEquals(1, other.dropOldDrafts(Instant.now().plus(Duration.ofDays(8))));
        assertNull(other.draft(tab, alice));
    }

    // ---- two servers -----------------------------------------------------------------------------------------------

    @Test
    void whatOneInstanceSavesTheOtherOpensListsAndLetsItsOwnerChange() throws Exception {
        SharingService other = service(secondInstance());
        String id = sharing.save(doc("from one"), null, alice).id();
        String ref = sharing.keepUpload(csv(10, 0), alice);
        assertEquals("from one", other.open(id, alice).name());
        assertTrue(other.open(id, alice).mine());
        assertEquals(List.of(id), other.mine(alice).stream().map(OwnedExperiment::id).toList());
        assertArrayEquals(csv(10, 0), other.upload(ref));
        other.rename(id, "renamed on two", alice);
        assertEquals("renamed on two", sharing.open(id, bob).name());
        assertEquals(SharingException.Refused.Reason.NOT_OWNER,
                assertThrows(SharingException.Refused.class, () -> other.delete(id, bob)).reason());
        other.delete(id, alice);
        assertInstanceOf(SharingException.Missing.class, assertThrows(SharingException.class, () -> sharing.open(id, bob)));
    }

}

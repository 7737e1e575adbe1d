package org.optlab.sharing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.optlab.experiment.ExperimentDocument;
import org.optlab.experiment.ExperimentDocument.OptimizerSpec;
import org.optlab.experiment.ExperimentDocument.ProblemSpec;
import org.optlab.experiment.ExperimentRunner;
import org.optlab.experiment.ExperimentStore;
import org.optlab.lab.UploadStore;

/**
 * The sharing service over a real data directory: the owner index (what create, list, rename and delete touch), per-owner
 * locks, the index rebuilt from the files, and errors that say what went wrong.
 *
 * <p>"Touches no other owner's file" is shown the hard way: the other owners' experiment files and index files are
 * replaced by named pipes (FIFOs). Opening a FIFO to read it blocks until someone writes, which nobody does, so any
 * operation that read another owner's file would hang and the test would fail on its time limit.
 */
class SharingServiceTest {

    @TempDir
    Path dir;
    ExperimentStore store;
    UploadStore uploads;
    OwnerIndex index;
    SharingService sharing;
    final String alice = ExperimentStore.newOwnerToken();
    final String bob = ExperimentStore.newOwnerToken();
    final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "sharing-test");
        t.setDaemon(true); // a thread stuck on a FIFO must not keep the test JVM alive
        return t;
    });

    @BeforeEach
    void open() throws Exception {
        store = new ExperimentStore(dir, 200_000);
        uploads = new org.optlab.lab.FileUploadStore(dir.toString());
        restart(5);
    }

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    /** A new service on the same data directory, as after a server restart. */
    void restart(int maxPerOwner) throws Exception {
        index = new OwnerIndex(dir.resolve("owners"), store);
        sharing = new SharingService(store, uploads, index, maxPerOwner);
    }

    static ExperimentDocument doc(String name) {
        return new ExperimentDocument(1, name, 1L, 50, null, ProblemSpec.function("quadratic", null),
                List.of(OptimizerSpec.of("GD", org.optlab.engine.Algorithm.SGD)), null, null);
    }

    static ExperimentDocument ran(String name) throws Exception {
        return ExperimentRunner.run(doc(name));
    }

    OwnedExperiment listed(String owner, String id) throws SharingException {
        return sharing.mine(owner).stream().filter(e -> e.id().equals(id)).findFirst().orElseThrow();
    }

    Path file(String id) {
        return dir.resolve(id + ".json");
    }

    Path indexFile(String owner) {
        return dir.resolve("owners").resolve(ExperimentStore.ownerHash(owner) + ".json");
    }

    static void replaceWithFifos(List<Path> files) throws Exception {
        List<String> command = new ArrayList<>(List.of("mkfifo"));
        for (Path f : files) {
            Files.delete(f);
            command.add(f.toString());
        }
        assertEquals(0, new ProcessBuilder(command).inheritIO().start().waitFor(), "mkfifo");
    }

    // ---- saving, owners, limits ---------------------------------------------------------------------------------

    @Test
    void saveAgainKeepsTheLinkSaveAsCopyMakesANewOneAndRenameAndDeleteAreTheOwners() throws Exception {
        SharingService.Saved first = sharing.save(ran(null), null, alice);
        assertTrue(first.created());
        assertEquals("e/" + first.id(), first.link());
        assertEquals("quadratic: GD", sharing.open(first.id(), alice).name(), "an unnamed experiment is named on save");

        SharingService.Saved again = sharing.save(ran("better"), first.id(), alice);
        assertEquals(first.id(), again.id(), "saving again keeps the link");
        assertFalse(again.created());
        SharingService.Saved copy = sharing.saveAsCopy(ran("better"), alice);
        assertNotEquals(first.id(), copy.id());

        List<OwnedExperiment> mine = sharing.mine(alice);
        assertEquals(List.of(copy.id(), first.id()), mine.stream().map(OwnedExperiment::id).toList(), "newest first");
        assertEquals("better", mine.get(1).name());
        assertEquals(Files.size(file(first.id())), mine.get(1).bytes());
        assertTrue(mine.get(1).finalLosses().matches("GD \\d\\.\\d{3}e?-?\\d*"), mine.get(1).finalLosses());
        sharing.save(doc("not run yet"), copy.id(), alice);
        assertEquals("not run", sharing.mine(alice).get(0).finalLosses());

        sharing.rename(first.id(), "  my quadratic ", alice);
        assertEquals("my quadratic", sharing.open(first.id(), alice).name());
        assertEquals("my quadratic", listed(alice, first.id()).name(), "the index follows the rename");
        assertTrue(sharing.open(first.id(), alice).mine());
        assertFalse(sharing.open(first.id(), bob).mine());

        SharingException.Refused refused = assertThrows(SharingException.Refused.class,
                () -> sharing.rename(first.id(), "mine now", bob));
        assertEquals(SharingException.Refused.Reason.NOT_OWNER, refused.reason());
        assertEquals("you are not the owner of this experiment: only the browser that saved it can rename or delete it"
                + " (Copy to my lab makes a copy of your own)", refused.getMessage());
        assertThrows(SharingException.Refused.class, () -> sharing.delete(first.id(), bob));
        assertEquals("my quadratic", sharing.open(first.id(), bob).name(), "nothing changed");

        String fork = sharing.fork(first.id(), bob);
        assertEquals(null, sharing.open(fork, bob).document().results(), "a fork takes the settings, not the results");
        assertTrue(sharing.open(fork, bob).mine());

        sharing.delete(first.id(), alice);
        assertInstanceOf(SharingException.Missing.class, assertThrows(SharingException.class,
                () -> sharing.open(first.id(), alice)));
        assertEquals(List.of(copy.id()), sharing.mine(alice).stream().map(OwnedExperiment::id).toList());
        assertInstanceOf(SharingException.Missing.class, assertThrows(SharingException.class,
                () -> sharing.delete(first.id(), alice)));
    }

    @Test
    void theQuotaIsCountedFromTheIndexAndNamesItsLimit() throws Exception {
        restart(3);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(sharing.save(doc("n" + i), null, alice).id());
        }
        SharingException.Refused quota = assertThrows(SharingException.Refused.class,
                () -> sharing.save(doc("n3"), null, alice));
        assertEquals(SharingException.Refused.Reason.QUOTA, quota.reason());
        assertEquals("you have 3 saved experiments; the limit per person is 3 (optlab.max-experiments-per-owner): delete"
                + " some in My experiments first", quota.getMessage());
        sharing.save(doc("n0 again"), ids.get(0), alice); // an update is not a new experiment
        sharing.save(doc("bob's"), null, bob); // another owner has a quota of their own
        sharing.delete(ids.get(1), alice);
        sharing.save(doc("n3"), null, alice);
        assertEquals(3, sharing.mine(alice).size());
    }

    @Test
    void tooLargeAndNoOwnerAreRefusedInPlainWords() throws Exception {
        store = new ExperimentStore(dir.resolve("tiny"), 1000);
        restart(5);
        SharingException.Refused big = assertThrows(SharingException.Refused.class,
                () -> sharing.save(ran("big"), null, alice));
        assertEquals(SharingException.Refused.Reason.TOO_LARGE, big.reason());
        assertTrue(big.getMessage().matches("the experiment is \\d\\.\\d MB with its results; the limit is 0\\.0 MB"
                + " \\(optlab.max-document-mb\\): record fewer points \\(raise recordEvery\\) or fewer steps"),
                big.getMessage());
        assertEquals(List.of(), sharing.mine(alice), "nothing saved, nothing listed");
        SharingException.Refused none = assertThrows(SharingException.Refused.class, () -> sharing.save(doc("x"), null, null));
        assertEquals(SharingException.Refused.Reason.NO_OWNER, none.reason());
    }

    @Test
    void missingAndDamagedAreToldApart() throws Exception {
        for (String id : new String[] {"AAAAAAAAAAAAAAAAAAAAAA", "../secret", "x", ""}) {
            SharingException e = assertThrows(SharingException.class, () -> sharing.open(id, alice));
            assertInstanceOf(SharingException.Missing.class, e);
            assertEquals("there is no experiment with this link: it was deleted, or the link was not copied whole",
                    e.getMessage());
        }
        String id = sharing.save(doc("fine"), null, alice).id();
        Files.writeString(file(id), "{ half a fi");
        SharingException e = assertThrows(SharingException.class, () -> sharing.open(id, alice));
        assertInstanceOf(SharingException.Unreadable.class, e);
        assertTrue(e.getMessage().startsWith("this saved experiment cannot be read: the file is not complete JSON (it"
                + " breaks off at line 1, column "), e.getMessage());
        assertInstanceOf(SharingException.Unreadable.class, assertThrows(SharingException.class, () -> sharing.openInLab(id)));
        assertInstanceOf(SharingException.Unreadable.class, assertThrows(SharingException.class,
                () -> sharing.rename(id, "new", alice)));
        sharing.delete(id, alice); // the owner can still remove it
        assertEquals(List.of(), sharing.mine(alice));
    }

    @Test
    void importKeepsTheEmbeddedCsvAndRefusesInvalidFilesWithEveryProblem() throws Exception {
        String csv = "a,label\n0,x\n1,y\n2,y\n0,x\n";
        String ref = sharing.keepUpload(csv.getBytes(), alice);
        ExperimentDocument d = new ExperimentDocument(1, null, 1L, 5, null,
                ProblemSpec.dataset(ref, ExperimentDocument.ModelSpec.of(org.optlab.experiment.ModelType.LOGISTIC)),
                List.of(OptimizerSpec.of("GD", org.optlab.engine.Algorithm.SGD)), null, null);
        String json = sharing.exportJson(d);
        assertTrue(json.contains("\"embeddedDataset\""));
        assertTrue(json.contains("\"name\" : \"uploaded CSV: GD\""), json);
        Files.delete(dir.resolve("uploads").resolve(ref.substring("upload:".length()) + ".csv"));
        SharingService.Imported imported = sharing.importJson("e.json", json, alice);
        assertEquals("imported e.json", imported.message());
        assertEquals(null, imported.document().embeddedDataset());
        assertEquals(csv, new String(sharing.upload(ref)), "the CSV is on the server again");
        SharingException.Invalid bad = assertThrows(SharingException.Invalid.class,
                () -> sharing.importJson("bad.json", "{ \"schemaVersion\": 1, \"steps\": 0 }", alice));
        assertTrue(bad.getMessage().startsWith("bad.json is not a valid experiment: "), bad.getMessage());
        assertTrue(bad.getMessage().contains("steps must be between 1 and"), bad.getMessage());
    }

    // ---- the owner index ----------------------------------------------------------------------------------------

    /** Other owners' experiments, then every one of their files (and their indexes too) replaced by a FIFO. */
    List<String> othersAsFifos(int owners, int each, boolean indexesToo) throws Exception {
        List<Path> theirs = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int o = 0; o < owners; o++) {
            String other = ExperimentStore.newOwnerToken();
            for (int i = 0; i < each; i++) {
                String id = sharing.save(doc("other " + o + "." + i), null, other).id();
                ids.add(id);
                theirs.add(file(id));
            }
            if (indexesToo) {
                theirs.add(indexFile(other));
            }
        }
        replaceWithFifos(theirs);
        // the trap works: reading any of them hangs
        Future<?> read = threads.submit(() -> store.read(ids.get(0)));
        assertThrows(TimeoutException.class, () -> read.get(300, TimeUnit.MILLISECONDS));
        return ids;
    }

    @Test
    void createListSaveRenameAndDeleteOfOneOwnerNeverOpenAnotherOwnersFile() throws Exception {
        String before = sharing.save(ran("before"), null, alice).id();
        List<String> others = othersAsFifos(40, 5, true);
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            String id = sharing.save(ran("new"), null, alice).id();
            sharing.save(ran("again"), id, alice);
            assertEquals(2, sharing.mine(alice).size());
            sharing.rename(id, "renamed", alice);
            assertEquals("renamed", sharing.open(id, alice).name());
            assertEquals("renamed", sharing.mine(alice).get(0).name());
            sharing.delete(before, alice);
            assertEquals(List.of(id), sharing.mine(alice).stream().map(OwnedExperiment::id).toList());
            String copy = sharing.fork(id, bob);
            assertEquals(List.of(copy), sharing.mine(bob).stream().map(OwnedExperiment::id).toList());
            assertFalse(sharing.hasExperiments(ExperimentStore.newOwnerToken()));
        }, "an operation of one owner opened another owner's file (a FIFO: reading it hangs)");
        assertEquals(200, others.size());
    }

    @Test
    void savesOfDifferentOwnersDoNotWaitForEachOther() throws Exception {
        CountDownLatch aliceHeld = new CountDownLatch(1);
        CountDownLatch letGo = new CountDownLatch(1);
        // an operation of alice's that takes its time (holding alice's lock, as a slow save does)
        Future<?> slow = threads.submit(() -> index.withOwner(ExperimentStore.ownerHash(alice), entries -> {
            aliceHeld.countDown();
            try {
                letGo.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        }));
        try {
            assertTrue(aliceHeld.await(5, TimeUnit.SECONDS));
            Future<SharingService.Saved> alicesSave = threads.submit(() -> sharing.save(doc("alice"), null, alice));
            // bob saves, lists, renames and deletes while alice's lock is held
            assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
                String id = sharing.save(doc("bob"), null, bob).id();
                sharing.save(doc("bob again"), id, bob);
                sharing.rename(id, "bob renamed", bob);
                assertEquals("bob renamed", sharing.mine(bob).get(0).name());
                sharing.delete(id, bob);
            }, "bob waited for alice's lock");
            // a second save of alice's does wait: the lock is real, and per owner
            assertThrows(TimeoutException.class, () -> alicesSave.get(300, TimeUnit.MILLISECONDS));
            letGo.countDown();
            assertTrue(alicesSave.get(10, TimeUnit.SECONDS).created());
        } finally {
            letGo.countDown();
            slow.get(10, TimeUnit.SECONDS);
        }
        // and many saves of many owners at once all land in their owners' lists
        List<CompletableFuture<Void>> all = new ArrayList<>();
        List<String> owners = new ArrayList<>();
        for (int o = 0; o < 8; o++) {
            String owner = ExperimentStore.newOwnerToken();
            owners.add(owner);
            for (int i = 0; i < 3; i++) {
                int n = i;
                all.add(CompletableFuture.runAsync(() -> {
                    try {
                        sharing.save(doc("n" + n), null, owner);
                    } catch (SharingException e) {
                        throw new IllegalStateException(e);
                    }
                }, threads));
            }
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        for (String owner : owners) {
            assertEquals(3, sharing.mine(owner).size());
        }
    }

    @Test
    void aDeletedIndexIsRebuiltAtStartupFromTheOwnersFilesOnly() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(sharing.save(ran("a" + i), null, alice).id());
        }
        sharing.rename(ids.get(1), "renamed", alice);
        List<OwnedExperiment> before = sharing.mine(alice);
        othersAsFifos(10, 3, false); // other owners keep their indexes, so their files need not be read (and cannot be)
        Files.delete(indexFile(alice));

        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            index = new OwnerIndex(dir.resolve("owners"), store);
            OwnerIndex.Repair repair = index.reconcile();
            assertEquals(new OwnerIndex.Repair(3, 1), repair, "read alice's three files, wrote alice's index");
            assertEquals(new OwnerIndex.Repair(0, 0), index.reconcile(), "nothing left to do");
            sharing = new SharingService(store, uploads, index, 5);
            assertEquals(before, sharing.mine(alice), "the same list: ids, names, dates, sizes, final losses");
        });
    }

    @Test
    void aDamagedIndexIsRebuiltWhenItIsNextUsed() throws Exception {
        String id = sharing.save(doc("kept"), null, alice).id();
        Files.writeString(indexFile(alice), "{ not an index");
        assertEquals(List.of("kept"), sharing.mine(alice).stream().map(OwnedExperiment::name).toList());
        Files.writeString(indexFile(alice), "[]");
        sharing.save(doc("second"), null, alice);
        assertEquals(2, sharing.mine(alice).size());
        assertTrue(sharing.mine(alice).stream().anyMatch(e -> e.id().equals(id)));
    }

    @Test
    void aStoreWithoutIndexesIsIndexedOnceAtStartupAndDamagedFilesShowInTheirOwnersList() throws Exception {
        // files as an earlier OptLab left them: experiment files, no owners/ folder
        String a = store.newId();
        store.write(a, ExperimentStore.ownerHash(alice), ran("old one"));
        String b = store.newId();
        store.write(b, ExperimentStore.ownerHash(bob), doc("bob's old one"));
        String damaged = store.newId();
        store.write(damaged, ExperimentStore.ownerHash(alice), doc("soon damaged"));
        Files.writeString(file(damaged), Files.readString(file(damaged)).replaceFirst("\"saved\":\"[^\"]*\"",
                "\"saved\":\"yesterday\""));
        String invalid = store.newId();
        store.write(invalid, ExperimentStore.ownerHash(alice), doc("invalid inside"));
        Files.writeString(file(invalid), Files.readString(file(invalid)).replace("\"steps\":50", "\"steps\":-1"));
        String ownerless = store.newId();
        Files.writeString(file(ownerless), "garbage");
        deleteRecursively(dir.resolve("owners"));

        index = new OwnerIndex(dir.resolve("owners"), store);
        assertEquals(new OwnerIndex.Repair(5, 2), index.reconcile());
        sharing = new SharingService(store, uploads, index, 5);
        List<OwnedExperiment> mine = sharing.mine(alice);
        assertEquals(3, mine.size());
        assertTrue(listed(alice, a).finalLosses().startsWith("GD "), listed(alice, a).finalLosses());
        OwnedExperiment bad = listed(alice, damaged);
        assertEquals("cannot be read: the file has no valid date of saving", bad.finalLosses());
        // the rebuild glances at files without validating their documents: an invalid one is listed, and says why
        // it cannot be read when it is opened
        assertEquals("invalid inside", listed(alice, invalid).name());
        SharingException.Unreadable e = assertThrows(SharingException.Unreadable.class, () -> sharing.open(invalid, alice));
        assertTrue(e.reason().startsWith("its document is not valid (steps must be between 1"), e.reason());
        sharing.delete(damaged, alice);
        sharing.delete(invalid, alice);
        assertEquals(List.of("bob's old one"), sharing.mine(bob).stream().map(OwnedExperiment::name).toList());
        assertTrue(Files.exists(file(ownerless)), "a file that names no owner is left alone (and logged)");
    }

    @Test
    void aFileWrittenWithoutItsIndexLineIsTakenInByItsOwner() throws Exception {
        // a crash between the experiment's write and its index's: the file is there, the index does not list it
        String orphan = store.newId();
        store.write(orphan, ExperimentStore.ownerHash(alice), doc("orphan"));
        assertThrows(SharingException.Refused.class, () -> sharing.rename(orphan, "mine", bob));
        sharing.rename(orphan, "found again", alice);
        assertEquals(List.of("found again"), sharing.mine(alice).stream().map(OwnedExperiment::name).toList());
    }

    static void deleteRecursively(Path p) throws Exception {
        if (Files.isDirectory(p)) {
            try (var s = Files.list(p)) {
                for (Path c : s.toList()) {
                    deleteRecursively(c);
                }
            }
        }
        Files.deleteIfExists(p);
    }
}

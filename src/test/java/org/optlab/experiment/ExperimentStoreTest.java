package org.optlab.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.optlab.experiment.ExperimentDocument.OptimizerSpec;
import org.optlab.experiment.ExperimentDocument.ProblemSpec;

class ExperimentStoreTest {

    @TempDir
    Path dir;
    ExperimentStore store;
    String alice = ExperimentStore.ownerHash(ExperimentStore.newOwnerToken());
    String bob = ExperimentStore.ownerHash(ExperimentStore.newOwnerToken());

    @BeforeEach
    void open() throws Exception {
        store = new ExperimentStore(dir, 200_000);
    }

    static ExperimentDocument doc(String name) throws Exception {
        ExperimentDocument d = new ExperimentDocument(1, name, 1L, 50, null,
                ProblemSpec.function("quadratic", null), List.of(OptimizerSpec.of("GD", org.optlab.engine.Algorithm.SGD)), null, null);
        return ExperimentRunner.run(d);
    }

    static ExperimentStore.Stored found(ExperimentStore.Read r) {
        assertInstanceOf(ExperimentStore.Found.class, r, String.valueOf(r));
        return ((ExperimentStore.Found) r).stored();
    }

    @Test
    void writesAndReadsAnExperimentWithItsResultsBitForBit() throws Exception {
        ExperimentDocument d = doc("mine");
        String id = store.newId();
        assertTrue(ExperimentStore.isId(id));
        assertEquals(22, id.length());
        ExperimentStore.Stored written = store.write(id, alice, d);
        ExperimentStore.Stored e = found(store.read(id));
        assertEquals("mine", e.document().name());
        assertEquals(alice, e.ownerHash());
        assertEquals(written.saved(), e.saved());
        assertEquals(Files.size(dir.resolve(id + ".json")), e.bytes());
        ObjectMapper m = new ObjectMapper();
        assertEquals(m.readTree(DocumentWriter.write(d)), m.readTree(DocumentWriter.write(e.document())));
        assertEquals(List.of(id), store.ids());
        store.delete(id);
        assertInstanceOf(ExperimentStore.Missing.class, store.read(id));
    }

    @Test
    void aGlanceSeesWhatAListShowsWithoutValidatingTheDocument() throws Exception {
        ExperimentDocument d = doc("seen");
        String id = store.newId();
        ExperimentStore.Stored written = store.write(id, alice, d);
        ExperimentStore.Seen seen = assertInstanceOf(ExperimentStore.Seen.class, store.glance(id));
        assertEquals(new ExperimentStore.Seen(id, alice, written.saved(), written.bytes(), "seen",
                ExperimentStore.FinalLoss.of(d)), seen);
        assertEquals(1, seen.finalLosses().size());
        assertEquals("GD", seen.finalLosses().get(0).label());
        assertEquals(d.results().get(0).loss()[d.results().get(0).loss().length - 1], seen.finalLosses().get(0).loss());
        assertInstanceOf(ExperimentStore.Missing.class, store.glance(store.newId()));
        Files.writeString(dir.resolve(id + ".json"), "{ half");
        assertInstanceOf(ExperimentStore.Corrupt.class, store.glance(id));
    }

    @Test
    void theOwnerTokenIsNeverStoredOnlyItsHash() throws Exception {
        String token = ExperimentStore.newOwnerToken();
        String id = store.newId();
        store.write(id, ExperimentStore.ownerHash(token), doc("x"));
        String file = Files.readString(dir.resolve(id + ".json"));
        assertFalse(file.contains(token));
        assertTrue(file.contains(ExperimentStore.ownerHash(token)));
        assertFalse(DocumentWriter.write(found(store.read(id)).document()).contains("owner"));
    }

    @Test
    void malformedIdsAndPathTricksAreMissing() throws Exception {
        Files.writeString(dir.getParent().resolve("secret.json"), "{}");
        for (String id : new String[] {"../secret", "..%2Fsecret", "", "abc", "AAAAAAAAAAAAAAAAAAAAA/", "AAAAAAAAAAAAAAAAAAAAAA",
                null}) {
            assertInstanceOf(ExperimentStore.Missing.class, store.read(id), id);
            assertFalse(store.exists(id));
        }
    }

    @Test
    void theSizeLimitSaysTheSizeAndTheLimit() throws Exception {
        ExperimentStore tiny = new ExperimentStore(dir.resolve("tiny"), 1000);
        DocumentTooLargeException big = assertThrows(DocumentTooLargeException.class,
                () -> tiny.write(tiny.newId(), bob, doc("big")));
        assertTrue(big.getMessage().matches("the experiment is \\d+\\.\\d MB with its results; the limit is 0\\.0 MB"),
                big.getMessage());
        assertEquals(1000, big.limit());
        try (Stream<Path> files = Files.list(dir.resolve("tiny"))) {
            assertEquals(List.of(), files.toList(), "nothing written, no temporary file left behind");
        }
        // the size it says is the whole document's, though writing stopped at the limit
        long whole = store.write(store.newId(), bob, doc("big")).bytes();
        assertTrue(Math.abs(big.bytes() - whole) < 10, big.bytes() + " against " + whole); // the time's digits vary
    }

    @Test
    void aVersionOverTheLimitLeavesThePreviousOneAsItWas() throws Exception {
        String id = store.newId();
        long small = store.write(id, alice, doc("small")).bytes();
        byte[] before = Files.readAllBytes(dir.resolve(id + ".json"));
        ExperimentStore limited = new ExperimentStore(dir, small + 50);
        assertThrows(DocumentTooLargeException.class, () -> limited.write(id, alice, doc("x".repeat(100))));
        assertEquals(new String(before), new String(Files.readAllBytes(dir.resolve(id + ".json"))));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
    }

    @Test
    void aCrashBetweenWriteAndRenameLeavesTheOldFileIntact() throws Exception {
        String id = store.newId();
        store.write(id, alice, doc("before"));
        byte[] before = Files.readAllBytes(dir.resolve(id + ".json"));
        store.beforeRename = () -> {
            throw new IllegalStateException("simulated crash");
        };
        StoreException e = assertThrows(StoreException.class, () -> store.write(id, alice, doc("after")));
        assertTrue(e.getMessage().contains("the previous version is unchanged"));
        assertEquals(new String(before), new String(Files.readAllBytes(dir.resolve(id + ".json"))));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
        store.beforeRename = () -> { };
        store.write(id, alice, doc("after"));
        assertEquals("after", found(store.read(id)).document().name());
    }

    @Test
    void aDamagedFileIsCorruptWithItsReasonNotMissing() throws Exception {
        String id = store.newId();
        store.write(id, alice, doc("ok"));
        Path file = dir.resolve(id + ".json");
        String good = Files.readString(file);

        Files.writeString(file, "{ half a fi");
        ExperimentStore.Corrupt c = assertInstanceOf(ExperimentStore.Corrupt.class, store.read(id));
        assertTrue(c.reason().startsWith("the file is not complete JSON (it breaks off at line 1, column "), c.reason());
        assertEquals(null, c.ownerHash(), "nothing says whose it was");

        Files.writeString(file, good.replace("\"steps\":50", "\"steps\":0"));
        c = assertInstanceOf(ExperimentStore.Corrupt.class, store.read(id));
        assertTrue(c.reason().startsWith("its document is not valid (steps must be between 1 and"), c.reason());
        assertEquals(alice, c.ownerHash(), "the owner is still known, so the owner can see and delete it");

        Files.writeString(file, good.replace(id, "BBBBBBBBBBBBBBBBBBBBBB"));
        assertEquals("the file does not carry its own id",
                assertInstanceOf(ExperimentStore.Corrupt.class, store.read(id)).reason());

        Files.writeString(file, "[]");
        assertEquals("the file holds no experiment", assertInstanceOf(ExperimentStore.Corrupt.class, store.read(id)).reason());
    }
}

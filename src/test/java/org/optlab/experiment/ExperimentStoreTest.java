package org.optlab.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
    String alice = ExperimentStore.newOwnerToken();
    String bob = ExperimentStore.newOwnerToken();

    @BeforeEach
    void open() throws Exception {
        store = new ExperimentStore(dir, 200_000, 3);
    }

    static ExperimentDocument doc(String name) throws Exception {
        ExperimentDocument d = new ExperimentDocument(1, name, 1L, 50, null,
                ProblemSpec.function("quadratic", null), List.of(OptimizerSpec.of("GD", org.optlab.engine.Algorithm.SGD)), null, null);
        return ExperimentRunner.run(d);
    }

    @Test
    void savesAndFindsAnExperimentWithItsResultsBitForBit() throws Exception {
        ExperimentDocument d = doc("mine");
        String id = store.create(d, alice);
        assertTrue(ExperimentStore.isId(id));
        assertEquals(22, id.length());
        ExperimentStore.Entry e = store.find(id).orElseThrow();
        assertEquals("mine", e.name());
        ObjectMapper m = new ObjectMapper();
        assertEquals(m.readTree(DocumentWriter.write(d)), m.readTree(DocumentWriter.write(e.document())));
        assertEquals(List.of(id), store.list(alice).stream().map(ExperimentStore.Entry::id).toList());
        assertEquals(List.of(), store.list(bob));
    }

    @Test
    void theOwnerTokenIsNeverStoredOnlyItsHash() throws Exception {
        String id = store.create(doc("x"), alice);
        String file = Files.readString(dir.resolve(id + ".json"));
        assertFalse(file.contains(alice));
        assertTrue(file.contains(ExperimentStore.hash(alice)));
        assertFalse(DocumentWriter.write(store.find(id).orElseThrow().document()).contains("owner"));
    }

    @Test
    void onlyTheOwnerCanChangeOrDelete() throws Exception {
        String id = store.create(doc("a"), alice);
        StoreException e = assertThrows(StoreException.class, () -> store.update(id, doc("b"), bob));
        assertEquals("only the owner of experiment " + id + " can change or delete it", e.getMessage());
        assertThrows(StoreException.class, () -> store.delete(id, bob));
        assertEquals("a", store.find(id).orElseThrow().name(), "nothing changed");
        store.update(id, doc("renamed"), alice);
        assertEquals("renamed", store.find(id).orElseThrow().name());
        store.delete(id, alice);
        assertTrue(store.find(id).isEmpty());
    }

    @Test
    void malformedIdsAndPathTricksAreNotFound() throws Exception {
        Files.writeString(dir.getParent().resolve("secret.json"), "{}");
        for (String id : new String[] {"../secret", "..%2Fsecret", "", "abc", "AAAAAAAAAAAAAAAAAAAAA/", "AAAAAAAAAAAAAAAAAAAAAA"}) {
            assertTrue(store.find(id).isEmpty(), id);
        }
    }

    @Test
    void limitsSayWhichLimitAndItsValue() throws Exception {
        for (int i = 0; i < 3; i++) {
            store.create(doc("n" + i), alice);
        }
        StoreException many = assertThrows(StoreException.class, () -> store.create(doc("n3"), alice));
        assertEquals("you have 3 saved experiments, the limit per person is 3: delete some first", many.getMessage());
        ExperimentStore tiny = new ExperimentStore(dir.resolve("tiny"), 1000, 10);
        StoreException big = assertThrows(StoreException.class, () -> tiny.create(doc("big"), bob));
        assertTrue(big.getMessage().matches("the experiment is \\d+\\.\\d MB with its results; the limit is 0\\.0 MB: "
                + "record fewer points \\(raise recordEvery\\) or fewer steps"), big.getMessage());
    }

    @Test
    void aCrashBetweenWriteAndRenameLeavesTheOldFileIntact() throws Exception {
        String id = store.create(doc("before"), alice);
        byte[] before = Files.readAllBytes(dir.resolve(id + ".json"));
        store.beforeRename = () -> {
            throw new IllegalStateException("simulated crash");
        };
        StoreException e = assertThrows(StoreException.class, () -> store.update(id, doc("after"), alice));
        assertTrue(e.getMessage().contains("the previous version is unchanged"));
        assertEquals(new String(before), new String(Files.readAllBytes(dir.resolve(id + ".json"))));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
        store.beforeRename = () -> { };
        store.update(id, doc("after"), alice);
        assertEquals("after", store.find(id).orElseThrow().name());
    }

    @Test
    void aCorruptFileIsNotFoundRatherThanACrash() throws Exception {
        String id = store.create(doc("ok"), alice);
        Files.writeString(dir.resolve(id + ".json"), "{ half a fi");
        assertTrue(store.find(id).isEmpty());
        assertEquals(List.of(), store.list(alice));
    }
}

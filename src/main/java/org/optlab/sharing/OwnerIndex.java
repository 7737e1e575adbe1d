package org.optlab.sharing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.optlab.experiment.DocumentCodec;
import org.optlab.experiment.ExperimentStore;
import org.optlab.experiment.StoreFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per owner, the list of their saved experiments (id, name, when saved, size, final losses), kept in one small file
 * per owner, {@code owners/<owner hash>.json}, written atomically. Creating, listing, renaming and deleting read and
 * write only the owner's own index (and the one experiment file), and changes of one owner's index hold that owner's
 * lock only: two owners never wait for each other.
 *
 * <p>The experiment files stay the truth; the index is what can be rebuilt from them. {@link #reconcile()} (at startup,
 * and whenever an owner's index is found damaged) lists the experiment files by name and reads only those that no
 * owner's index lists (a glance at each: its owner, date, size, name and final losses, the document not validated): after an upgrade from a store without indexes that is every file once; after a lost or damaged
 * index, only that owner's files; after a crash between an experiment's write and its index's, that one file.
 */
final class OwnerIndex {

    private static final Logger LOG = LoggerFactory.getLogger(OwnerIndex.class);
    private static final int VERSION = 1;

    /** What reading an owner's index found. */
    private sealed interface Loaded permits Present, Absent, Damaged {
    }

    private record Present(Map<String, OwnedExperiment> entries) implements Loaded {
    }

    private record Absent() implements Loaded {
    }

    private record Damaged(String reason) implements Loaded {
    }

    /** What a reconciliation did: experiment files it had to read, and owners' indexes it wrote. */
    record Repair(int filesRead, int indexesWritten) {
    }

    private final Path dir;
    private final ExperimentStore store;
    private final OwnerLocks locks = new OwnerLocks();
    /** Only one reconciliation at a time (it is rare: startup, or a damaged index). */
    private final Object repairing = new Object();

    OwnerIndex(Path dir, ExperimentStore store) throws IOException {
        this.dir = Files.createDirectories(dir);
        this.store = store;
    }

    /** The owner's entries, from the owner's index alone (no lock: the file is replaced atomically). */
    List<OwnedExperiment> entries(String owner) throws SharingException {
        Loaded loaded = load(owner);
        if (loaded instanceof Damaged) {
            repair();
            loaded = load(owner);
        }
        if (loaded instanceof Present p) {
            return new ArrayList<>(p.entries().values());
        }
        if (loaded instanceof Damaged d) {
            throw failedIndex(d);
        }
        return new ArrayList<>();
    }

    /**
     * Runs {@code change} on the owner's entries under the owner's lock, and writes the index if they changed. Other
     * owners' operations go on meanwhile.
     */
    <T> T withOwner(String owner, Store.Change<T> change) throws SharingException {
        for (int attempt = 0; ; attempt++) {
            locks.lock(owner);
            try {
                Loaded loaded = load(owner);
                if (!(loaded instanceof Damaged d)) {
                    Map<String, OwnedExperiment> entries = loaded instanceof Present p ? p.entries() : new LinkedHashMap<>();
                    Map<String, OwnedExperiment> before = new HashMap<>(entries);
                    T result = change.apply(entries);
                    if (!entries.equals(before)) {
                        try {
                            save(owner, entries.values());
                        } catch (IOException e) {
                            throw new SharingException.Failed("the experiment is stored, but your list of experiments"
                                    + " could not be updated (" + e.getMessage() + "); it is put right when the server"
                                    + " restarts", e);
                        }
                    }
                    return result;
                }
                if (attempt > 0) {
                    throw failedIndex(d);
                }
            } finally {
                locks.unlock(owner);
            }
            repair(); // never while holding an owner's lock: the repair takes each owner's lock in turn
        }
    }

    /**
     * Makes every owner's index agree with the experiment files: files that no index lists are read and added to their
     * owner's index (a damaged or missing index is rebuilt so), entries whose file is gone are dropped. Reads the
     * owners' indexes and the directory's names, and only the experiment files that no index lists.
     */
    Repair reconcile() throws IOException {
        synchronized (repairing) {
            Map<String, Set<String>> indexed = new HashMap<>();
            Set<String> damaged = new HashSet<>();
            for (String owner : owners()) {
                Loaded loaded = load(owner);
                if (loaded instanceof Present p) {
                    indexed.put(owner, new HashSet<>(p.entries().keySet()));
                } else if (loaded instanceof Damaged d) {
                    LOG.warn("the index of owner {}… is damaged ({}): rebuilding it from the experiment files",
                            owner.substring(0, 8), d.reason());
                    damaged.add(owner);
                }
            }
            Set<String> covered = new HashSet<>();
            indexed.values().forEach(covered::addAll);
            Map<String, List<OwnedExperiment>> found = new HashMap<>();
            int read = 0;
            for (String id : store.ids()) {
                if (covered.contains(id)) {
                    continue;
                }
                read++;
                ExperimentStore.Glance r = store.glance(id);
                if (r instanceof ExperimentStore.Seen s) {
                    found.computeIfAbsent(s.ownerHash(), k -> new ArrayList<>()).add(OwnedExperiment.of(s));
                } else if (r instanceof ExperimentStore.Corrupt c) {
                    if (c.ownerHash() != null) {
                        found.computeIfAbsent(c.ownerHash(), k -> new ArrayList<>()).add(OwnedExperiment.unreadable(id,
                                c.reason()));
                    } else {
                        LOG.warn("saved experiment {} cannot be read and names no owner: {}", id, c.reason());
                    }
                }
            }
            Set<String> affected = new HashSet<>(damaged);
            affected.addAll(found.keySet());
            for (Map.Entry<String, Set<String>> e : indexed.entrySet()) {
                if (e.getValue().stream().anyMatch(id -> !store.exists(id))) {
                    affected.add(e.getKey());
                }
            }
            int written = 0;
            for (String owner : affected) {
                locks.lock(owner);
                try {
                    Loaded loaded = load(owner);
                    Map<String, OwnedExperiment> entries = loaded instanceof Present p ? p.entries() : new LinkedHashMap<>();
                    for (OwnedExperiment x : found.getOrDefault(owner, List.of())) {
                        entries.putIfAbsent(x.id(), x);
                    }
                    entries.keySet().removeIf(id -> !store.exists(id));
                    save(owner, entries.values());
                    written++;
                } finally {
                    locks.unlock(owner);
                }
            }
            return new Repair(read, written);
        }
    }

    private void repair() throws SharingException {
        try {
            Repair r = reconcile();
            LOG.info("owner indexes repaired: {} experiment files read, {} indexes written", r.filesRead(),
                    r.indexesWritten());
        } catch (IOException e) {
            throw new SharingException.Failed("your list of experiments cannot be read and could not be rebuilt ("
                    + e.getMessage() + ")", e);
        }
    }

    private static SharingException.Failed failedIndex(Damaged d) {
        return new SharingException.Failed("your list of experiments cannot be read (" + d.reason() + ")", null);
    }

    private Path file(String owner) {
        if (!ExperimentStore.isOwnerHash(owner)) {
            throw new IllegalArgumentException("not an owner hash");
        }
        return dir.resolve(owner + ".json");
    }

    /** The owners that have an index file. */
    private List<String> owners() throws IOException {
        List<String> owners = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.json")) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                String owner = name.substring(0, name.length() - ".json".length());
                if (ExperimentStore.isOwnerHash(owner)) {
                    owners.add(owner);
                }
            }
        }
        return owners;
    }

    private Loaded load(String owner) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file(owner));
        } catch (NoSuchFileException e) {
            return new Absent();
        } catch (IOException e) {
            return new Damaged("it cannot be opened: " + e.getMessage());
        }
        try {
            JsonNode root = DocumentCodec.readTree(bytes);
            if (root == null || !root.isObject() || root.path("version").asInt() != VERSION
                    || !owner.equals(root.path("owner").asText()) || !root.path("experiments").isArray()) {
                return new Damaged("it is not an index of this owner");
            }
            Map<String, OwnedExperiment> entries = new LinkedHashMap<>();
            for (JsonNode e : root.get("experiments")) {
                String id = e.path("id").asText();
                if (!ExperimentStore.isId(id)) {
                    return new Damaged("an entry has no valid id");
                }
                entries.put(id, new OwnedExperiment(id, e.hasNonNull("name") ? e.get("name").asText() : null,
                        Instant.parse(e.path("saved").asText()), e.path("bytes").asLong(), e.path("finalLosses").asText()));
            }
            return new Present(entries);
        } catch (IOException | RuntimeException e) {
            return new Damaged("it is not a readable index: " + e.getMessage());
        }
    }

    /** Writes the owner's index atomically; an owner with no experiments has no index file. */
    private void save(String owner, Collection<OwnedExperiment> entries) throws IOException {
        if (entries.isEmpty()) {
            Files.deleteIfExists(file(owner));
            return;
        }
        ObjectNode root = DocumentCodec.newObject();
        root.put("version", VERSION);
        root.put("owner", owner);
        ArrayNode list = root.putArray("experiments");
        for (OwnedExperiment x : entries) {
            ObjectNode e = list.addObject();
            e.put("id", x.id());
            if (x.name() != null) {
                e.put("name", x.name());
            }
            e.put("saved", x.saved().toString());
            e.put("bytes", x.bytes());
            e.put("finalLosses", x.finalLosses());
        }
        StoreFiles.writeAtomically(file(owner), DocumentCodec.writeTree(root), () -> { });
    }
}

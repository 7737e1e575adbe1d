package org.optlab.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Saved experiments, one JSON file per experiment in a data directory, written atomically (a temporary file, fsync,
 * rename), so that a crash or a full disk never leaves a half-written file and never loses the previous version.
 *
 * <p>Ids are 128 random bits, URL-safe (22 characters). Every experiment has an owner: a secret token the browser keeps
 * in a cookie; the store keeps only its SHA-256, never the token, and the token never enters the document.
 */
public final class ExperimentStore {

    /** A saved experiment. */
    public record Entry(String id, String name, Instant saved, ExperimentDocument document) {
    }

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{22}");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path dir;
    private final long maxDocumentBytes;
    private final int maxPerOwner;
    /** A test seam: runs between the fsync of the temporary file and the rename. */
    Runnable beforeRename = () -> { };

    public ExperimentStore(Path dir, long maxDocumentBytes, int maxPerOwner) throws IOException {
        this.dir = Files.createDirectories(dir);
        this.maxDocumentBytes = maxDocumentBytes;
        this.maxPerOwner = maxPerOwner;
    }

    /** A new owner token: 256 random bits, URL-safe. */
    public static String newOwnerToken() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /** True for a well-formed id (anything else, path tricks included, is never looked up on disk). */
    public static boolean isId(String id) {
        return id != null && ID.matcher(id).matches();
    }

    /** Saves a new experiment owned by the token's holder and returns its id. */
    public synchronized String create(ExperimentDocument document, String ownerToken) throws StoreException {
        requireOwner(ownerToken);
        int owned = list(ownerToken).size();
        if (owned >= maxPerOwner) {
            throw new StoreException("you have " + owned + " saved experiments, the limit per person is " + maxPerOwner
                    + ": delete some first");
        }
        String id;
        do {
            byte[] b = new byte[16];
            RANDOM.nextBytes(b);
            id = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
        } while (Files.exists(file(id)));
        write(id, document, hash(ownerToken));
        return id;
    }

    /** Replaces an experiment's document; only its owner may. */
    public synchronized void update(String id, ExperimentDocument document, String ownerToken) throws StoreException {
        requireOwnedBy(id, ownerToken);
        write(id, document, hash(ownerToken));
    }

    /** Deletes an experiment; only its owner may. */
    public synchronized void delete(String id, String ownerToken) throws StoreException {
        requireOwnedBy(id, ownerToken);
        try {
            Files.deleteIfExists(file(id));
        } catch (IOException e) {
            throw new StoreException("the experiment could not be deleted: " + e.getMessage(), e);
        }
    }

    /** The experiment with that id, or empty for an unknown or malformed id. */
    public Optional<Entry> find(String id) {
        if (!isId(id)) {
            return Optional.empty();
        }
        return read(file(id)).map(Stored::entry);
    }

    /** True when the token's holder owns the experiment. */
    public boolean isOwner(String id, String ownerToken) {
        if (!isId(id) || ownerToken == null) {
            return false;
        }
        return read(file(id)).map(s -> s.ownerHash().equals(hash(ownerToken))).orElse(false);
    }

    /** The token holder's experiments, newest first. */
    public List<Entry> list(String ownerToken) {
        List<Entry> entries = new ArrayList<>();
        if (ownerToken == null) {
            return entries;
        }
        String h = hash(ownerToken);
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.json")) {
            for (Path f : files) {
                read(f).filter(s -> s.ownerHash().equals(h)).ifPresent(s -> entries.add(s.entry()));
            }
        } catch (IOException e) {
            return entries;
        }
        entries.sort(Comparator.comparing(Entry::saved).reversed());
        return entries;
    }

    private record Stored(Entry entry, String ownerHash) {
    }

    private Optional<Stored> read(Path f) {
        try {
            JsonNode root = JSON.readTree(Files.readString(f, StandardCharsets.UTF_8));
            ExperimentDocument doc = DocumentReader.read(root.get("document").toString()).document();
            String id = root.get("id").asText();
            return Optional.of(new Stored(new Entry(id, doc.name(), Instant.parse(root.get("saved").asText()), doc),
                    root.get("ownerHash").asText()));
        } catch (IOException | InvalidDocumentException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private void write(String id, ExperimentDocument document, String ownerHash) throws StoreException {
        ObjectNode root = JSON.createObjectNode();
        root.put("id", id);
        root.put("ownerHash", ownerHash);
        root.put("saved", Instant.now().toString());
        try {
            root.set("document", JSON.readTree(DocumentWriter.write(document)));
        } catch (IOException e) {
            throw new StoreException("the experiment could not be written: " + e.getMessage(), e);
        }
        byte[] bytes = root.toString().getBytes(StandardCharsets.UTF_8);
        if (bytes.length > maxDocumentBytes) {
            throw new StoreException(String.format("the experiment is %.1f MB with its results; the limit is %.1f MB: "
                    + "record fewer points (raise recordEvery) or fewer steps", bytes.length / 1e6, maxDocumentBytes / 1e6));
        }
        try {
            StoreFiles.writeAtomically(file(id), bytes, beforeRename);
        } catch (IOException | RuntimeException e) {
            throw new StoreException("the experiment could not be saved (" + e.getMessage() + "); the previous version is "
                    + "unchanged", e);
        }
    }

    private void requireOwner(String ownerToken) throws StoreException {
        if (ownerToken == null || ownerToken.length() < 22) {
            throw new StoreException("no owner: cookies must be enabled to save experiments");
        }
    }

    private void requireOwnedBy(String id, String ownerToken) throws StoreException {
        if (find(id).isEmpty()) {
            throw new StoreException("no experiment " + (isId(id) ? id : "with that id"));
        }
        if (!isOwner(id, ownerToken)) {
            throw new StoreException("only the owner of experiment " + id + " can change or delete it");
        }
    }

    private Path file(String id) {
        return dir.resolve(id + ".json");
    }

    static String hash(String token) {
        return StoreFiles.sha256(token.getBytes(StandardCharsets.UTF_8));
    }
}

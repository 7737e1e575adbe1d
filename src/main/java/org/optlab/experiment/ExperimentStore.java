package org.optlab.experiment;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Saved experiments, one JSON file per experiment in a data directory, written atomically (a temporary file, fsync,
 * rename), so that a crash or a full disk never leaves a half-written file and never loses the previous version.
 *
 * <p>This is the file layer only: one file in, one file out, by id. Who owns what, the per-owner index, quotas and locks
 * live above it (the {@code sharing} package); nothing here lists or reads more than the one file asked for, except
 * {@link #ids()}, which lists names without opening a file.
 *
 * <p>Ids are 128 random bits, URL-safe (22 characters). Every experiment has an owner; the file keeps only the SHA-256 of
 * the owner ({@link #ownerHash}), never the owner's token, and the token never enters the document.
 */
public final class ExperimentStore {

    /** One stored experiment: its id, its owner's hash, when it was saved, the file's size, and the document. */
    public record Stored(String id, String ownerHash, Instant saved, long bytes, ExperimentDocument document) {
    }

    /** What reading one experiment by id found. */
    public sealed interface Read permits Found, Missing, Corrupt {
    }

    /** What a glance at one experiment (no validation of its document) found. */
    public sealed interface Glance permits Seen, Missing, Corrupt {
    }

    /** The experiment, read and valid. */
    public record Found(Stored stored) implements Read {
    }

    /**
     * An experiment's file as a list of experiments shows it: owner, date, size, name, and each optimizer's final
     * training loss ({@code finalLosses} null when it was not run; a loss null when a run recorded none).
     */
    public record Seen(String id, String ownerHash, Instant saved, long bytes, String name, List<FinalLoss> finalLosses)
            implements Glance {
    }

    /** One optimizer's label and final training loss. */
    public record FinalLoss(String label, Double loss) {

        /** Each result's final loss, or null for a document without results. */
        public static List<FinalLoss> of(ExperimentDocument d) {
            if (d.results() == null) {
                return null;
            }
            List<FinalLoss> list = new ArrayList<>();
            for (ExperimentDocument.OptimizerResult r : d.results()) {
                double[] l = r.loss();
                list.add(new FinalLoss(r.label(), l == null || l.length == 0 ? null : l[l.length - 1]));
            }
            return list;
        }
    }

    /** No experiment with that id (or an id that is not well-formed, which is never looked up on disk). */
    public record Missing() implements Read, Glance {
    }

    /**
     * A file that is there but cannot be read as an experiment: {@code reason} says why in plain words;
     * {@code ownerHash} is its owner when the file still says so, else null.
     */
    public record Corrupt(String ownerHash, String reason) implements Read, Glance {
    }

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{22}");
    private static final Pattern OWNER_HASH = Pattern.compile("[0-9a-f]{64}");
    private static final ObjectMapper JSON = DocumentCodec.MAPPER;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path dir;
    private final long maxDocumentBytes;
    /** A test seam: runs between the fsync of the temporary file and the rename. */
    Runnable beforeRename = () -> { };

    public ExperimentStore(Path dir, long maxDocumentBytes) throws IOException {
        this.dir = Files.createDirectories(dir);
        this.maxDocumentBytes = maxDocumentBytes;
    }

    /** The data directory (the experiments' files are directly in it). */
    public Path dir() {
        return dir;
    }

    /** The size limit of one stored experiment with its results, in bytes. */
    public long maxDocumentBytes() {
        return maxDocumentBytes;
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

    /** True for a well-formed owner hash (64 lowercase hex digits). */
    public static boolean isOwnerHash(String hash) {
        return hash != null && OWNER_HASH.matcher(hash).matches();
    }

    /** What the store keeps of an owner: the SHA-256 of the owner's token, 64 hex digits. */
    public static String ownerHash(String ownerToken) {
        return StoreFiles.sha256(ownerToken.getBytes(StandardCharsets.UTF_8));
    }

    /** A fresh id that no stored experiment has (checked by name, no file is read). */
    public String newId() {
        String id;
        do {
            id = randomId();
        } while (Files.exists(file(id)));
        return id;
    }

    /** 16 random bytes in URL-safe Base64: an experiment's id, before it is checked to be unused. */
    public static String randomId() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /** True when a file for that id exists (nothing is read). */
    public boolean exists(String id) {
        return isId(id) && Files.exists(file(id));
    }

    /** Reads the one file of that id and validates its document: found, missing, or corrupt with the reason. */
    public Read read(String id) {
        Object h = header(id);
        if (!(h instanceof Header header)) {
            return (Read) h; // Missing or Corrupt
        }
        try {
            ExperimentDocument doc = DocumentReader.read(header.document().toString()).document();
            return new Found(new Stored(id, header.owner(), header.saved(), header.bytes(), doc));
        } catch (InvalidDocumentException e) {
            return new Corrupt(header.owner(), "its document is not valid (" + String.join("; ", e.problems()) + ")");
        }
    }

    /**
     * Reads the one file of that id as a list shows it, without validating the document (a few times cheaper than
     * {@link #read}: for rebuilding an owner's index from the files). A document that would not validate is seen here
     * and found {@link Corrupt} when opened.
     */
    public Glance glance(String id) {
        Object h = header(id);
        if (!(h instanceof Header header)) {
            return (Glance) h; // Missing or Corrupt
        }
        JsonNode doc = header.document();
        String name = doc.path("name").isTextual() ? doc.get("name").asText() : null;
        List<FinalLoss> losses = null;
        if (doc.path("results").isArray()) {
            losses = new ArrayList<>();
            for (JsonNode r : doc.get("results")) {
                JsonNode loss = r.path("loss");
                JsonNode last = loss.isArray() && loss.size() > 0 ? loss.get(loss.size() - 1) : null;
                losses.add(new FinalLoss(r.path("label").asText(null), last != null && last.isNumber() ? last.asDouble()
                        : null));
            }
        }
        return new Seen(id, header.owner(), header.saved(), header.bytes(), name, losses);
    }

    /** The parts of a file that are not the document, and the document's JSON tree, unchecked. */
    private record Header(String owner, Instant saved, long bytes, JsonNode document) {
    }

    /** {@link Missing}, {@link Corrupt} or the file's {@link Header}. */
    private Object header(String id) {
        if (!isId(id)) {
            return new Missing();
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file(id));
        } catch (NoSuchFileException e) {
            return new Missing();
        } catch (IOException e) {
            return new Corrupt(null, "the file cannot be opened (" + e.getMessage() + ")");
        }
        JsonNode root;
        try {
            root = JSON.readTree(bytes);
        } catch (JsonProcessingException e) {
            return new Corrupt(null, "the file is not complete JSON"
                    + (e.getLocation() == null ? "" : " (it breaks off at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ")"));
        } catch (IOException e) {
            return new Corrupt(null, "the file cannot be read (" + e.getMessage() + ")");
        }
        if (root == null || !root.isObject()) {
            return new Corrupt(null, "the file holds no experiment");
        }
        String owner = text(root, "ownerHash");
        if (!isOwnerHash(owner)) {
            return new Corrupt(null, "the file names no owner");
        }
        if (!id.equals(text(root, "id"))) {
            return new Corrupt(owner, "the file does not carry its own id");
        }
        Instant saved;
        try {
            saved = Instant.parse(String.valueOf(text(root, "saved")));
        } catch (DateTimeParseException e) {
            return new Corrupt(owner, "the file has no valid date of saving");
        }
        JsonNode document = root.get("document");
        if (document == null || !document.isObject()) {
            return new Corrupt(owner, "the file holds no experiment document");
        }
        return new Header(owner, saved, bytes.length, document);
    }

    /**
     * Writes the experiment of that id for that owner (a new one, or over the previous version), atomically.
     *
     * @throws DocumentTooLargeException when the file would exceed the size limit (nothing is written)
     * @throws StoreException when the disk fails (the previous version, if any, is unchanged)
     */
    public Stored write(String id, String ownerHash, ExperimentDocument document)
            throws DocumentTooLargeException, StoreException {
        if (!isId(id) || !isOwnerHash(ownerHash)) {
            throw new IllegalArgumentException("not an id and an owner hash");
        }
        Instant saved = Instant.now();
        // the codec's own mapping, streamed into the file as it is written (no tree of the results, no text of them
        // held in memory); beyond the size limit nothing more is written, only counted, and the file is not kept
        SizeLimit size = new SizeLimit(maxDocumentBytes);
        try {
            StoreFiles.writeAtomically(file(id), out -> {
                size.out = out;
                try (JsonGenerator g = JSON.getFactory().createGenerator(size)) {
                    g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
                    g.writeStartObject();
                    g.writeStringField("id", id);
                    g.writeStringField("ownerHash", ownerHash);
                    g.writeStringField("saved", saved.toString());
                    g.writeFieldName("document");
                    JSON.writeValue(g, document);
                    g.writeEndObject();
                }
                if (size.count > maxDocumentBytes) {
                    throw new TooLarge();
                }
            }, beforeRename);
        } catch (TooLarge e) {
            throw new DocumentTooLargeException(size.count, maxDocumentBytes);
        } catch (IOException | RuntimeException e) {
            throw new StoreException("the experiment could not be saved (" + e.getMessage() + "); the previous version is "
                    + "unchanged", e);
        }
        return new Stored(id, ownerHash, saved, size.count, document);
    }

    /** Counts the bytes written and passes on only those within the limit. */
    private static final class SizeLimit extends OutputStream {
        private final long limit;
        private OutputStream out;
        private long count;

        SizeLimit(long limit) {
            this.limit = limit;
        }

        @Override
        public void write(int b) throws IOException {
            if (++count <= limit) {
                out.write(b);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            long room = limit - count;
            count += len;
            if (room > 0) {
                out.write(b, off, (int) Math.min(len, room));
            }
        }
    }

    /** The document passed the size limit while it was written (its size is counted to the end). */
    private static final class TooLarge extends IOException {
    }

    /** Deletes the file of that id (nothing happens for an id with no file). */
    public void delete(String id) throws StoreException {
        if (!isId(id)) {
            return;
        }
        try {
            Files.deleteIfExists(file(id));
        } catch (IOException e) {
            throw new StoreException("the experiment could not be deleted (" + e.getMessage() + ")", e);
        }
    }

    /** The ids of every stored experiment, from the directory's names alone (no file is opened). */
    public List<String> ids() throws IOException {
        List<String> ids = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.json")) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                String id = name.substring(0, name.length() - ".json".length());
                if (isId(id)) {
                    ids.add(id);
                }
            }
        }
        return ids;
    }

    private static String text(JsonNode root, String field) {
        JsonNode n = root.get(field);
        return n == null || !n.isTextual() ? null : n.asText();
    }

    private Path file(String id) {
        return dir.resolve(id + ".json");
    }
}

package org.optlab.sharing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.optlab.experiment.DatasetRef;
import org.optlab.experiment.DocumentCodec;
import org.optlab.experiment.DocumentReader;
import org.optlab.experiment.DocumentTooLargeException;
import org.optlab.experiment.ExperimentDocument;
import org.optlab.experiment.ExperimentDocument.ProblemSpec;
import org.optlab.experiment.ExperimentStore;
import org.optlab.experiment.InvalidDocumentException;
import org.optlab.experiment.StoreException;
import org.optlab.experiment.StoreFiles;
import org.optlab.lab.FileUploadStore;
import org.optlab.lab.UploadStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The file store ({@code optlab.store=file}, the default): one JSON file per experiment in the data directory
 * ({@link ExperimentStore}), an index per owner ({@link OwnerIndex}, {@code owners/}), uploads by SHA-256
 * ({@link FileUploadStore}, {@code uploads/}) and each owner's uploads ({@link UploadQuota}, {@code upload-owners/}).
 *
 * <p>Owners' locks are held in this process: one server per data directory. Two servers on one shared directory would
 * each lock only their own operations, and an owner's index written by both at once could lose a line (it is put right
 * at the next start) or let an owner past the limit; several instances use {@link PostgresStore}.
 */
public final class FileStore implements Store {

    private static final Logger LOG = LoggerFactory.getLogger(FileStore.class);

    private final ExperimentStore experiments;
    private final UploadStore uploads;
    private final OwnerIndex index;
    private final UploadQuota quota;

    /** The store in {@code dataDir}, its owners' indexes checked against the experiment files. */
    public static FileStore open(Path dataDir, long maxDocumentBytes, long uploadQuotaBytes, long retentionHours)
            throws IOException {
        ExperimentStore experiments = new ExperimentStore(dataDir, maxDocumentBytes);
        return new FileStore(experiments, new FileUploadStore(dataDir.toString()),
                new OwnerIndex(dataDir.resolve("owners"), experiments), uploadQuotaBytes, retentionHours);
    }

    FileStore(ExperimentStore experiments, UploadStore uploads, OwnerIndex index, long uploadQuotaBytes,
              long retentionHours) throws IOException {
        this.experiments = experiments;
        this.uploads = uploads;
        this.index = index;
        this.quota = new UploadQuota(experiments.dir().resolve("upload-owners"), uploads, uploadQuotaBytes,
                retentionHours);
        long t0 = System.nanoTime();
        OwnerIndex.Repair r = index.reconcile();
        LOG.info("owner indexes checked in {} ms: {} experiment files not in an index were read, {} indexes written",
                (System.nanoTime() - t0) / 1_000_000, r.filesRead(), r.indexesWritten());
    }

    @Override
    public String describe() {
        return "files in " + experiments.dir().toAbsolutePath().normalize();
    }

    @Override
    public UploadStore uploads() {
        return uploads;
    }

    @Override
    public String newId() {
        return experiments.newId();
    }

    @Override
    public ExperimentStore.Read read(String id) {
        return experiments.read(id);
    }

    @Override
    public ExperimentStore.Stored write(String id, String ownerHash, ExperimentDocument document)
            throws DocumentTooLargeException, StoreException {
        return experiments.write(id, ownerHash, document);
    }

    @Override
    public void delete(String id) throws StoreException {
        experiments.delete(id);
    }

    @Override
    public <T> T withOwner(String ownerHash, Change<T> change) throws SharingException {
        return index.withOwner(ownerHash, change);
    }

    @Override
    public List<OwnedExperiment> entries(String ownerHash) throws SharingException {
        return index.entries(ownerHash);
    }

    @Override
    public String keepUpload(String ownerHash, byte[] bytes) throws SharingException.Refused {
        return quota.keep(ownerHash, bytes);
    }

    @Override
    public long uploadsUsed(String ownerHash) throws IOException {
        return quota.used(ownerHash);
    }

    @Override
    public Set<String> uploadsNamed() throws IOException {
        Set<String> named = new HashSet<>();
        for (String id : experiments.ids()) {
            if (experiments.read(id) instanceof ExperimentStore.Found found) {
                if (found.stored().document().problem() instanceof ProblemSpec.DatasetSpec p
                        && p.ref() instanceof DatasetRef.Upload upload) {
                    named.add(upload.sha256());
                }
            }
        }
        return named;
    }

    @Override
    public void saveDraft(String ownerHash, String tab, ExperimentDocument settings) throws StoreException {
        try {
            Path dir = Files.createDirectories(experiments.dir().resolve("drafts"));
            StoreFiles.writeAtomically(dir.resolve(draftName(ownerHash, tab)),
                    DocumentCodec.writeCompact(settings).getBytes(StandardCharsets.UTF_8), () -> { });
        } catch (IOException | RuntimeException e) {
            throw new StoreException("the draft could not be kept (" + e.getMessage() + ")", e);
        }
    }

    @Override
    public ExperimentDocument draft(String ownerHash, String tab) {
        Path f = experiments.dir().resolve("drafts").resolve(draftName(ownerHash, tab));
        String text;
        try {
            text = Files.readString(f, StandardCharsets.UTF_8);
        } catch (java.nio.file.NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            LOG.warn("the draft {} cannot be read: {}", f.getFileName(), e.toString());
            return null;
        }
        try {
            return DocumentReader.read(text).document();
        } catch (InvalidDocumentException e) {
            LOG.warn("the draft {} is not a valid experiment: {}", f.getFileName(), String.join("; ", e.problems()));
            return null;
        }
    }

    @Override
    public int dropDraftsBefore(java.time.Instant before) throws IOException {
        Path dir = experiments.dir().resolve("drafts");
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        int dropped = 0;
        try (var files = Files.newDirectoryStream(dir, "*.json")) {
            for (Path f : files) {
                if (Files.getLastModifiedTime(f).toInstant().isBefore(before) && Files.deleteIfExists(f)) {
                    dropped++;
                }
            }
        }
        return dropped;
    }

    private static String draftName(String ownerHash, String tab) {
        if (!ExperimentStore.isOwnerHash(ownerHash) || !SharingService.isTab(tab)) {
            throw new IllegalArgumentException("not an owner hash and a tab");
        }
        return ownerHash + "-" + tab + ".json";
    }

    @Override
    public void check() throws IOException {
        if (!Files.isDirectory(experiments.dir()) || !Files.isWritable(experiments.dir())) {
            throw new IOException("the data directory " + experiments.dir() + " is not a writable directory");
        }
    }
}

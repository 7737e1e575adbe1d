package org.optlab.sharing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.optlab.experiment.DatasetRef;
import org.optlab.experiment.DocumentReader;
import org.optlab.experiment.DocumentTooLargeException;
import org.optlab.experiment.DocumentWriter;
import org.optlab.experiment.ExperimentDocument;
import org.optlab.experiment.ExperimentDocument.ProblemSpec;
import org.optlab.experiment.ExperimentStore;
import org.optlab.experiment.InvalidDocumentException;
import org.optlab.experiment.Limits;
import org.optlab.experiment.StoreException;
import org.optlab.lab.UploadStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * Saving, sharing and reproducing, as the views ask for it: save (again), save as copy, open a share link, fork, rename,
 * delete, the owner's list, export and import, and the uploaded CSVs. The rules live here, the views only show and ask;
 * they never see the stores.
 *
 * <p>An owner is the body of the browser's signed owner token ({@code Owner} in the UI); the store keeps only its hash.
 * Per owner the {@link Store} keeps a list of their experiments, so that saving, listing, renaming and deleting read and
 * write that owner's list and the one experiment, under that owner's lock. Opening a share link reads the one experiment
 * and takes no lock. Every refusal or failure is a {@link SharingException} whose message is the student's words.
 */
@Service
public class SharingService {

    private static final Logger LOG = LoggerFactory.getLogger(SharingService.class);

    /** An experiment as a share link shows it. */
    public record SharedExperiment(String id, String name, Instant saved, ExperimentDocument document, boolean mine) {
    }

    /** The result of a save: the experiment's id, and whether it is a new one (else an update of the same link). */
    public record Saved(String id, boolean created) {

        /** The share link, relative to the application's root. */
        public String link() {
            return "e/" + id;
        }
    }

    /** An imported document, ready for the form (no results, no embedded CSV), and what to tell the student. */
    public record Imported(ExperimentDocument document, String message) {
    }

    private final Store store;
    private final UploadStore uploads;
    private final int maxPerOwner;
    private final java.time.Duration uploadRetention;

    @Autowired
    public SharingService(Store store, @Value("${optlab.max-experiments-per-owner:200}") int maxPerOwner,
                          @Value("${optlab.upload-retention-hours:24}") long uploadRetentionHours) {
        this.store = store;
        this.uploads = store.uploads();
        this.maxPerOwner = maxPerOwner;
        this.uploadRetention = java.time.Duration.ofHours(uploadRetentionHours);
        LOG.info("saved experiments and uploads are kept in {}", store.describe());
    }

    /** A file store with the owner index given (tests hold an owner's lock through it), default upload quota and retention. */
    SharingService(ExperimentStore store, UploadStore uploads, OwnerIndex index, int maxPerOwner) throws IOException {
        this(store, uploads, index, maxPerOwner, 50_000_000L, 24);
    }

    /** A file store with the owner index given (tests). */
    SharingService(ExperimentStore store, UploadStore uploads, OwnerIndex index, int maxPerOwner, long uploadQuotaBytes,
                   long uploadRetentionHours) throws IOException {
        this(new FileStore(store, uploads, index, uploadQuotaBytes, uploadRetentionHours), maxPerOwner,
                uploadRetentionHours);
    }

    // ---- saving -------------------------------------------------------------------------------------------------

    /**
     * Saves the experiment with its results. When {@code savedId} is an experiment of this owner (the one this tab
     * saved last), it is updated and its link stays; otherwise (never saved, deleted since, or someone else's) a new one
     * is made, within the owner's limit. A document without a name is named after its problem and optimizers.
     */
    public Saved save(ExperimentDocument current, String savedId, String owner) throws SharingException {
        ExperimentDocument doc = named(current);
        String h = ownerHash(owner);
        return store.withOwner(h, entries -> {
            if (savedId != null && entries.containsKey(savedId)) {
                entries.put(savedId, write(savedId, h, doc));
                return new Saved(savedId, false);
            }
            if (entries.size() >= maxPerOwner) {
                throw SharingException.Refused.quota(entries.size(), maxPerOwner);
            }
            String id = store.newId();
            entries.put(id, write(id, h, doc));
            return new Saved(id, true);
        });
    }

    /** A new saved experiment, even when this one was saved before. */
    public Saved saveAsCopy(ExperimentDocument current, String owner) throws SharingException {
        return save(current, null, owner);
    }

    /**
     * The experiment behind a share link (one file read, no lock), and whether this owner may change it.
     *
     * @throws SharingException.Missing for an unknown or malformed id
     * @throws SharingException.Unreadable for a file that is there but cannot be read
     */
    public SharedExperiment open(String id, String owner) throws SharingException {
        ExperimentStore.Read r = read(id);
        if (r instanceof ExperimentStore.Found f) {
            ExperimentStore.Stored s = f.stored();
            boolean mine = owner != null && ExperimentStore.ownerHash(owner).equals(s.ownerHash());
            return new SharedExperiment(s.id(), s.document().name(), s.saved(), s.document(), mine);
        }
        if (r instanceof ExperimentStore.Corrupt c) {
            LOG.warn("saved experiment {} cannot be read: {}", id, c.reason());
            throw new SharingException.Unreadable(c.reason());
        }
        throw new SharingException.Missing();
    }

    private ExperimentStore.Read read(String id) throws SharingException.Failed {
        try {
            return store.read(id);
        } catch (StoreException e) {
            throw new SharingException.Failed(e.getMessage(), e);
        }
    }

    /** The saved experiment as the lab's form takes it: its settings, without results. */
    public ExperimentDocument openInLab(String id) throws SharingException {
        return open(id, null).document().withResults(null);
    }

    /** Copy to my lab: a new experiment of this owner with the shared one's settings (no results); its id. */
    public String fork(String id, String owner) throws SharingException {
        ExperimentDocument shared = open(id, owner).document();
        return save(shared.withResults(null), null, owner).id();
    }

    /** Renames the owner's experiment (a blank name removes it); its link stays. */
    public void rename(String id, String newName, String owner) throws SharingException {
        String name = newName == null || newName.isBlank() ? null : newName.strip();
        if (name != null && name.length() > Limits.MAX_NAME_LENGTH) {
            throw new SharingException.Invalid("a name has at most " + Limits.MAX_NAME_LENGTH + " characters; this one has "
                    + name.length());
        }
        String h = ownerHash(owner);
        store.withOwner(h, entries -> {
            requireListed(id, h, entries);
            ExperimentStore.Read r = read(id);
            if (r instanceof ExperimentStore.Missing) {
                throw new SharingException.Missing();
            }
            if (r instanceof ExperimentStore.Corrupt c) {
                throw new SharingException.Unreadable(c.reason());
            }
            ExperimentStore.Stored s = ((ExperimentStore.Found) r).stored();
            if (!s.ownerHash().equals(h)) {
                throw SharingException.Refused.notOwner();
            }
            ExperimentDocument d = s.document();
            entries.put(id, write(id, h, d.withName(name)));
            return null;
        });
    }

    /** Deletes the owner's experiment (a damaged one too); anyone else is refused and nothing changes. */
    public void delete(String id, String owner) throws SharingException {
        String h = ownerHash(owner);
        store.withOwner(h, entries -> {
            requireListed(id, h, entries);
            try {
                store.delete(id);
            } catch (StoreException e) {
                throw new SharingException.Failed(e.getMessage(), e);
            }
            entries.remove(id);
            return null;
        });
    }

    /** The owner's experiments, newest first, from the owner's index alone. */
    public List<OwnedExperiment> mine(String owner) throws SharingException {
        if (owner == null) {
            return List.of();
        }
        List<OwnedExperiment> list = store.entries(ExperimentStore.ownerHash(owner));
        list.sort(Comparator.comparing(OwnedExperiment::saved).reversed());
        return list;
    }

    /** True when this owner has saved experiments (an earlier version's unsigned token is adopted only then). */
    public boolean hasExperiments(String owner) {
        try {
            return !mine(owner).isEmpty();
        } catch (SharingException e) {
            return false;
        }
    }

    // ---- export and import --------------------------------------------------------------------------------------

    /** The document as exported: named, with its uploaded CSV embedded, so that the file stands alone. */
    public String exportJson(ExperimentDocument doc) {
        if (doc.problem() instanceof ProblemSpec.DatasetSpec p && p.ref() instanceof DatasetRef.Upload upload) {
            byte[] bytes = uploads.get(upload.id());
            if (bytes != null) {
                doc = doc.withEmbeddedDataset(new ExperimentDocument.EmbeddedDataset(upload.sha256(),
                        new String(bytes, StandardCharsets.UTF_8)));
            }
        }
        return DocumentWriter.write(named(doc));
    }

    /**
     * Reads an imported file with the same complete error list as the headless runner; an embedded CSV is kept as an
     * upload; the form gets the settings without results. Unknown fields are ignored with a note.
     */
    public Imported importJson(String fileName, String json, String owner) throws SharingException {
        DocumentReader.Read read;
        try {
            read = DocumentReader.read(json);
        } catch (InvalidDocumentException e) {
            throw new SharingException.Invalid(fileName + " is not a valid experiment: " + String.join("; ", e.problems()));
        }
        ExperimentDocument.EmbeddedDataset embedded = read.document().embeddedDataset();
        if (embedded != null) {
            keepUpload(embedded.csv().getBytes(StandardCharsets.UTF_8), owner);
        }
        return new Imported(read.document().withResults(null).withEmbeddedDataset(null),
                "imported " + fileName + (read.notes().isEmpty() ? "" : " (" + String.join("; ", read.notes()) + ")"));
    }

    /**
     * Keeps a CSV this owner uploaded (once, by its SHA-256) and returns its reference, {@code upload:<sha256>}; refused
     * when it would take the owner's uploads past {@code optlab.upload-quota-mb}.
     */
    public String keepUpload(byte[] csv, String owner) throws SharingException.Refused {
        return store.keepUpload(ownerHash(owner), csv);
    }

    /** Bytes of this owner's uploads on the server (what counts against the quota). */
    public long uploadsUsed(String owner) throws IOException, SharingException {
        return store.uploadsUsed(ownerHash(owner));
    }

    /**
     * Removes uploads that no saved experiment names and that were not used for {@code optlab.upload-retention-hours}:
     * once an hour, and once shortly after start.
     */
    @org.springframework.scheduling.annotation.Scheduled(initialDelay = 60_000, fixedDelay = 3_600_000)
    public void cleanUploads() {
        try {
            UploadCleanup.run(store, uploadRetention, Instant.now());
        } catch (IOException | RuntimeException e) {
            LOG.warn("uploads could not be cleaned: {}", e.toString());
        }
        try {
            int dropped = dropOldDrafts(Instant.now());
            if (dropped > 0) {
                LOG.info("drafts removed: {} not changed for {} days", dropped, DRAFT_RETENTION.toDays());
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("old drafts could not be removed: {}", e.toString());
        }
    }

    /** One cleanup pass as of {@code now} (tests). */
    UploadCleanup.Pass cleanUploads(Instant now) throws IOException {
        return UploadCleanup.run(store, uploadRetention, now);
    }

    /** The bytes of an uploaded CSV, or null when it is not on this server (an unknown reference is never a path). */
    public byte[] upload(String reference) {
        return uploads.get(reference);
    }

    // ---- drafts ---------------------------------------------------------------------------------------------------

    /** How long a draft is kept after its tab last changed it. */
    static final java.time.Duration DRAFT_RETENTION = java.time.Duration.ofDays(7);
    private static final java.util.regex.Pattern TAB = java.util.regex.Pattern.compile("[A-Za-z0-9-]{36}");

    private record DraftKey(String ownerHash, String tab) {
    }

    /** Drafts changed since the last flush: the latest of each tab (cheap to call on every edit). */
    private final java.util.concurrent.ConcurrentHashMap<DraftKey, ExperimentDocument> pendingDrafts =
            new java.util.concurrent.ConcurrentHashMap<>();

    /** True for a browser tab's key as the lab makes it (a random UUID, kept in the tab's sessionStorage). */
    public static boolean isTab(String tab) {
        return tab != null && TAB.matcher(tab).matches();
    }

    /**
     * Keeps the tab's current experiment (its settings; results are not kept, a rerun gives them) as its draft: in the
     * store within {@link #flushDrafts() a few seconds}, and on a graceful shutdown. Nothing happens for an unknown
     * owner or a malformed tab.
     */
    public void keepDraft(String tab, String owner, ExperimentDocument current) {
        if (isTab(tab) && owner != null && owner.length() >= 22 && current != null) {
            pendingDrafts.put(new DraftKey(ExperimentStore.ownerHash(owner), tab),
                    current.withResults(null).withEmbeddedDataset(null));
        }
    }

    /** Writes the drafts changed since the last flush: every 3 s, and when the server stops (graceful shutdown). */
    @org.springframework.scheduling.annotation.Scheduled(initialDelay = 3_000, fixedDelay = 3_000)
    @jakarta.annotation.PreDestroy
    public void flushDrafts() {
        for (Map.Entry<DraftKey, ExperimentDocument> e : pendingDrafts.entrySet()) {
            if (pendingDrafts.remove(e.getKey(), e.getValue())) {
                try {
                    store.saveDraft(e.getKey().ownerHash(), e.getKey().tab(), e.getValue());
                } catch (StoreException | RuntimeException x) {
                    LOG.warn("the draft of a tab could not be kept: {}", x.getMessage());
                }
            }
        }
    }

    /**
     * The owner's draft of that tab (kept by this server or another one), or null. A tab that reconnects after its
     * server stopped asks for it.
     */
    public ExperimentDocument draft(String tab, String owner) {
        if (!isTab(tab) || owner == null || owner.length() < 22) {
            return null;
        }
        String h = ExperimentStore.ownerHash(owner);
        ExperimentDocument pending = pendingDrafts.get(new DraftKey(h, tab));
        if (pending != null) {
            return pending;
        }
        try {
            return store.draft(h, tab);
        } catch (StoreException e) {
            LOG.warn("the draft of a tab could not be read: {}", e.getMessage());
            return null;
        }
    }

    /** Removes drafts their tabs have not changed for {@link #DRAFT_RETENTION} (with the uploads' cleanup, hourly). */
    int dropOldDrafts(Instant now) throws IOException {
        return store.dropDraftsBefore(now.minus(DRAFT_RETENTION));
    }

    // ---- rules --------------------------------------------------------------------------------------------------

    /** A name for a document that has none: the problem and the optimizers' labels. */
    public static ExperimentDocument named(ExperimentDocument doc) {
        if (doc.name() != null) {
            return doc;
        }
        List<String> labels = new ArrayList<>();
        doc.optimizers().forEach(o -> labels.add(o.label() != null ? o.label() : o.algorithm().id()));
        String problem = doc.problem() instanceof ProblemSpec.DatasetSpec p && p.ref() instanceof DatasetRef.Upload
                ? "uploaded CSV" : doc.problem().id();
        String name = problem + ": " + String.join(", ", labels);
        return doc.withName(name.length() > Limits.MAX_NAME_LENGTH ? name.substring(0, Limits.MAX_NAME_LENGTH) : name);
    }

    private static String ownerHash(String owner) throws SharingException.Refused {
        if (owner == null || owner.length() < 22) {
            throw SharingException.Refused.noOwner();
        }
        return ExperimentStore.ownerHash(owner);
    }

    private OwnedExperiment write(String id, String ownerHash, ExperimentDocument doc) throws SharingException {
        if (doc.problem() instanceof ProblemSpec.DatasetSpec p) {
            uploads.touch(p.dataset()); // a saved experiment's data is in use: the cleanup keeps it
        }
        try {
            return OwnedExperiment.of(store.write(id, ownerHash, doc));
        } catch (DocumentTooLargeException e) {
            throw SharingException.Refused.tooLarge(e.getMessage());
        } catch (StoreException e) {
            throw new SharingException.Failed(e.getMessage(), e);
        }
    }

    /**
     * Passes when the owner's index lists {@code id}. An id it does not list is looked at once (this is the refusal
     * path, or a crash left the file without its index line): a file of this owner is taken into the index; anyone
     * else's is refused; no file is {@link SharingException.Missing}.
     */
    private void requireListed(String id, String ownerHash, Map<String, OwnedExperiment> entries) throws SharingException {
        if (entries.containsKey(id)) {
            return;
        }
        ExperimentStore.Read r = read(id);
        if (r instanceof ExperimentStore.Found f) {
            if (!f.stored().ownerHash().equals(ownerHash)) {
                throw SharingException.Refused.notOwner();
            }
            entries.put(id, OwnedExperiment.of(f.stored()));
        } else if (r instanceof ExperimentStore.Corrupt c) {
            if (c.ownerHash() == null) {
                throw new SharingException.Unreadable(c.reason());
            }
            if (!c.ownerHash().equals(ownerHash)) {
                throw SharingException.Refused.notOwner();
            }
            entries.put(id, OwnedExperiment.unreadable(id, c.reason()));
        } else {
            throw new SharingException.Missing();
        }
    }
}

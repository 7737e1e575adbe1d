package org.optlab.sharing;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.optlab.experiment.DocumentTooLargeException;
import org.optlab.experiment.ExperimentDocument;
import org.optlab.experiment.ExperimentStore;
import org.optlab.experiment.StoreException;
import org.optlab.lab.UploadStore;

/**
 * Where saved experiments, the owners' lists and the uploads live, as {@link SharingService} needs them: read one
 * experiment by id, change one owner's experiments under that owner's lock, keep an upload within its owner's quota.
 * The rules (who may change what, how many, in which words a refusal is said) stay in the service; a store only keeps.
 *
 * <p>Two kinds, chosen by {@code optlab.store}: {@link FileStore} (the default: files in {@code optlab.data-dir}, one
 * server) and {@link PostgresStore} (PostgreSQL, for several instances behind a load balancer). Both pass the same
 * tests ({@code StoreContractTest}).
 */
public interface Store {

    /** A change of one owner's experiments (id → line of their list), made under that owner's lock. */
    interface Change<T> {
        T apply(Map<String, OwnedExperiment> entries) throws SharingException;
    }

    /** What the store is, in words, for the log and the health endpoint ("files in ./data", "PostgreSQL at …"). */
    String describe();

    /** The uploaded CSVs (the lab resolves {@code upload:<sha256>} through them). */
    UploadStore uploads();

    /** A fresh id that no stored experiment has. */
    String newId();

    /** The one experiment of that id, validated: found, missing, or corrupt with the reason in words. */
    ExperimentStore.Read read(String id) throws StoreException;

    /**
     * Writes the experiment of that id for that owner (new, or over the previous version). Called inside
     * {@link #withOwner} of the same owner; the caller puts the returned line into the entries.
     */
    ExperimentStore.Stored write(String id, String ownerHash, ExperimentDocument document)
            throws DocumentTooLargeException, StoreException;

    /** Deletes the experiment of that id (nothing happens for an unknown id); inside {@link #withOwner}. */
    void delete(String id) throws StoreException;

    /**
     * Runs {@code change} on the owner's list under the owner's lock (held against every instance that shares this
     * store, where the store can), and keeps what it wrote. Other owners' operations go on meanwhile.
     */
    <T> T withOwner(String ownerHash, Change<T> change) throws SharingException;

    /** The owner's list, in any order (no lock). */
    List<OwnedExperiment> entries(String ownerHash) throws SharingException;

    /**
     * Keeps the bytes for this owner, within {@code limitBytes} of uploads per owner (an upload they already hold costs
     * nothing more), and returns the reference {@code upload:<sha256>}.
     */
    String keepUpload(String ownerHash, byte[] bytes) throws SharingException.Refused;

    /** Bytes of this owner's uploads still in the store (what counts against the quota). */
    long uploadsUsed(String ownerHash) throws IOException;

    /** The SHA-256 of every upload a saved experiment names (the cleanup keeps those). */
    Set<String> uploadsNamed() throws IOException;

    /** A tab's draft as the store holds it: the document and when it was kept. */
    record StoredDraft(ExperimentDocument document, java.time.Instant saved) {
    }

    /**
     * Keeps {@code json} (a draft document as {@link org.optlab.experiment.DocumentCodec#writeCompact} wrote it: the
     * settings and the results so far, thinned) as the owner's draft of that browser tab, over the one before.
     */
    void saveDraft(String ownerHash, String tab, String json) throws StoreException;

    /** The owner's draft of that tab, or null: none, or one that cannot be read (the reason is logged). */
    StoredDraft draft(String ownerHash, String tab) throws StoreException;

    /** Removes the drafts last kept before {@code before}; how many. */
    int dropDraftsBefore(java.time.Instant before) throws IOException;

    /** Throws, with the reason, when the store cannot be used now (the health endpoint asks). */
    void check() throws IOException;
}

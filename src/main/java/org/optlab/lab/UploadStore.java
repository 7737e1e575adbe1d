package org.optlab.lab;

import java.io.IOException;
import java.time.Instant;
import java.util.List;

/**
 * Uploaded CSV files, stored once by the SHA-256 of their bytes, so that a document names them as
 * {@code upload:<sha256>} and a shared experiment finds its data again, after a restart and on another instance too.
 * Two kinds: files under the data directory ({@link FileUploadStore}) and rows of PostgreSQL (in {@code sharing}).
 */
public interface UploadStore {

    /** An upload in the store: its SHA-256, size and when it was last stored or used. */
    record Upload(String sha256, long bytes, Instant used) {
    }

    /** Stores the bytes (once) and returns their reference, {@code upload:<sha256>}; a second put marks it used. */
    String put(byte[] bytes);

    /** Every upload in the store. */
    List<Upload> list() throws IOException;

    /** The upload with this SHA-256, or null. */
    Upload info(String sha256);

    /** Marks an upload as used now (a save that names it): the cleanup keeps it at least its retention from now. */
    void touch(String reference);

    /** Deletes the upload when it was last used before {@code usedBefore}; true when it was deleted. */
    boolean deleteIfUnusedSince(String sha256, Instant usedBefore);

    /** The bytes of {@code upload:<sha256>}, or null (an unknown or malformed reference is never a path). */
    byte[] get(String reference);
}

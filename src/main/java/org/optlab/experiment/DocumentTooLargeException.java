package org.optlab.experiment;

/** A stored experiment would exceed the store's size limit; nothing was written. */
public final class DocumentTooLargeException extends Exception {

    private final long bytes;
    private final long limit;

    public DocumentTooLargeException(long bytes, long limit) {
        super(String.format("the experiment is %.1f MB with its results; the limit is %.1f MB", bytes / 1e6, limit / 1e6));
        this.bytes = bytes;
        this.limit = limit;
    }

    /** The size the stored experiment would have had. */
    public long bytes() {
        return bytes;
    }

    /** The limit, in bytes. */
    public long limit() {
        return limit;
    }
}

package org.optlab.experiment;

/** A store operation that failed on the disk (a write, a delete), with a message for the user. */
public final class StoreException extends Exception {

    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}

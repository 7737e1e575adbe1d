package org.optlab.experiment;

/** A store operation refused (a limit, an owner check, a missing experiment) or failed, with a message for the user. */
public final class StoreException extends Exception {

    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}

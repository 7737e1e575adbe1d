package org.optlab.experiment;

import java.io.IOException;

/**
 * Finds the bytes of a CSV dataset a document names as {@code upload:<sha256>} or {@code file:<path>}. The web lab's
 * resolver knows the uploads in its store and never opens a path; only the headless runner's resolver reads files.
 */
@FunctionalInterface
public interface DatasetResolver {

    /** The CSV bytes, or an exception whose message says why they cannot be had. */
    byte[] csv(String reference) throws IOException;

    /** Resolves nothing: toy and bundled datasets only. */
    DatasetResolver NONE = reference -> {
        throw new IOException(reference.startsWith("file:")
                ? "file: datasets are read by the headless runner only (java -jar optlab.jar run)"
                : "the uploaded dataset " + reference + " is not in this lab's store");
    };
}

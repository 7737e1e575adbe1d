package org.optlab.experiment;

/**
 * What a dataset problem's {@code dataset} names, typed: a toy generator ({@code moons}), a bundled dataset
 * ({@code iris}), an uploaded CSV ({@code upload:<sha256>}) or, in the headless runner only, a CSV file
 * ({@code file:<path>}). The document keeps the name as written (so that a name OptLab does not know reads back as it
 * was, and the validator can say what is wrong with it); {@link #of} reads it.
 */
public sealed interface DatasetRef {

    /** The name as a document writes it. */
    String id();

    /** A toy generator of {@link org.optlab.dataset.ToyDatasets}: n, noise, arms, classes, seed and test points apply. */
    record Toy(String id) implements DatasetRef {
    }

    /** A dataset bundled with OptLab ({@link org.optlab.dataset.BundledDatasets}). */
    record Bundled(String id) implements DatasetRef {
    }

    /** A CSV file, with a target column and a task: an upload in the lab's store, or a file the runner reads. */
    sealed interface Csv extends DatasetRef {
    }

    /** An uploaded CSV, by the SHA-256 of its bytes (as written: the validator checks its 64 lowercase hex digits). */
    record Upload(String sha256) implements Csv {
        public String id() {
            return "upload:" + sha256;
        }
    }

    /** A CSV file at a path, read by the headless runner only. */
    record File(String path) implements Csv {
        public String id() {
            return "file:" + path;
        }

        /** The file's name without its folders ("wine.csv"). */
        public String name() {
            return path.substring(path.lastIndexOf('/') + 1);
        }
    }

    /** The reference a dataset name stands for; null for null or a name OptLab does not know. */
    static DatasetRef of(String id) {
        if (id == null) {
            return null;
        }
        if (DatasetIds.isToy(id)) {
            return new Toy(id);
        }
        if (DatasetIds.isBundled(id)) {
            return new Bundled(id);
        }
        if (id.startsWith("upload:")) {
            return new Upload(id.substring("upload:".length()));
        }
        if (id.startsWith("file:")) {
            return new File(id.substring("file:".length()));
        }
        return null;
    }
}

package org.optlab.experiment;

import java.util.List;

/** A document that cannot be run, with every problem found, each naming its JSON path. */
public final class InvalidDocumentException extends Exception {

    private final List<String> problems;

    public InvalidDocumentException(List<String> problems) {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    /** Every problem, e.g. {@code optimizers[1].learningRate must be > 0, got -0.1}. */
    public List<String> problems() {
        return problems;
    }
}

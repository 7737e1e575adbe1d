package org.optlab.experiment;

import java.util.List;

/** A document that cannot be run, with every violation found, each at its path. */
public final class InvalidDocumentException extends Exception {

    private final transient List<Violation> violations;

    public InvalidDocumentException(List<Violation> violations) {
        super(String.join("\n", violations.stream().map(Violation::toString).toList()));
        this.violations = List.copyOf(violations);
    }

    /** One violation. */
    public static InvalidDocumentException of(String path, String field, String message) {
        return new InvalidDocumentException(List.of(new Violation(path, field, message)));
    }

    /** Every violation, each with its path and field. */
    public List<Violation> violations() {
        return violations;
    }

    /** Every violation in its one-line form, e.g. {@code optimizers[1].learningRate must be > 0, got -0.1}. */
    public List<String> problems() {
        return violations.stream().map(Violation::toString).toList();
    }
}

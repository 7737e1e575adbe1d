package org.optlab.experiment;

import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One thing wrong with an experiment document, at the place it is about.
 *
 * @param path    the JSON path of the object that holds the field: {@code ""} for the top level, {@code "problem"},
 *                {@code "problem.model"}, {@code "optimizers[1]"}, {@code "optimizers[1].schedule"}
 * @param field   the field's name in that object ({@code "learningRate"}), or {@code ""} when the violation is about the
 *                object as a whole
 * @param message what is wrong, written to follow the field's path: {@code "must be > 0, got -0.1"}
 */
public record Violation(String path, String field, String message) {

    private static final Pattern OPTIMIZER = Pattern.compile("^optimizers\\[(\\d+)](?:\\.|$)");

    public Violation {
        path = path == null ? "" : path;
        field = field == null ? "" : field;
    }

    /** The full JSON path of what it is about: {@code optimizers[1].learningRate}. */
    public String where() {
        if (path.isEmpty()) {
            return field;
        }
        return field.isEmpty() ? path : path + "." + field;
    }

    /** The index of the optimizer it is about, if it is inside {@code optimizers[i]}. */
    public OptionalInt optimizer() {
        Matcher m = OPTIMIZER.matcher(path);
        return m.find() ? OptionalInt.of(Integer.parseInt(m.group(1))) : OptionalInt.empty();
    }

    /** True when it is about the problem (the function, the dataset or the model). */
    public boolean aboutProblem() {
        return path.equals("problem") || path.startsWith("problem.");
    }

    /** The field's path below {@code optimizers[i]} ({@code "learningRate"}, {@code "schedule.steps"}); "" above it. */
    public String optimizerField() {
        Matcher m = OPTIMIZER.matcher(path);
        if (!m.find()) {
            return "";
        }
        String below = path.substring(m.end());
        return below.isEmpty() ? field : field.isEmpty() ? below : below + "." + field;
    }

    /** The document's classic one-line form: {@code optimizers[1].learningRate must be > 0, got -0.1}. */
    @Override
    public String toString() {
        String w = where();
        return w.isEmpty() ? message : w + " " + message;
    }
}

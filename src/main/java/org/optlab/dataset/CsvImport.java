package org.optlab.dataset;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Imports a CSV file as a {@link Dataset}: UTF-8 with or without BOM; delimiter {@code ,} {@code ;} or tab, detected from
 * the first line; a header row detected (a first row that is not all numbers); the target column chosen by name (default:
 * the last); every other column a numeric feature. A numeric target with more than {@value #MAX_AUTO_CLASSES} distinct
 * values is a regression target, otherwise its values are classes; a non-numeric target is always classes; the caller can
 * override. Parsing is Jackson's CSV parser, row by row, each row's numbers going straight into the dataset ({@link
 * CsvRows}); every rejection is one message naming the line (the header is line 1, as an editor numbers it), the column,
 * and what was wrong. Nothing partial is ever returned.
 */
public final class CsvImport {

    public static final long MAX_BYTES = 20L * 1024 * 1024;
    public static final int MAX_ROWS = 200_000;
    public static final int MAX_COLUMNS = 1_000;
    public static final int MAX_AUTO_CLASSES = 20;

    /** What the target column holds: detected, or chosen by the user. */
    public enum Task {
        AUTO, CLASSIFICATION, REGRESSION;

        /** The id in documents: auto, classification or regression. */
        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        /** The task with that id (null means auto), or null for an unknown id. */
        public static Task byId(String id) {
            return id == null ? AUTO : switch (id) {
                case "classification" -> CLASSIFICATION;
                case "regression" -> REGRESSION;
                case "auto" -> AUTO;
                default -> null;
            };
        }
    }

    private CsvImport() {
    }

    /** The column names of a file (its header, or {@code column 1 …} without one), for choosing the target. */
    public static List<String> columns(byte[] bytes) throws CsvImportException {
        return CsvRows.columns(bytes);
    }

    /**
     * Imports a dataset.
     *
     * @param name   the dataset's name (the file name, say)
     * @param target the target column's name, or null for the last column
     */
    public static Dataset read(String name, byte[] bytes, String target, Task task) throws CsvImportException {
        CsvRows t = CsvRows.dataset(bytes, target);
        List<String> features = new ArrayList<>(t.names);
        String targetName = features.remove(t.targetColumn);
        // the target's distinct values, in the order they first appear, and the row each one first appears on
        List<String> distinct = t.targetValues;
        boolean numericTarget = true;
        for (String s : distinct) {
            numericTarget &= parsesAsNumber(s);
        }
        boolean classification = switch (task) {
            case CLASSIFICATION -> true;
            case REGRESSION -> false;
            case AUTO -> !numericTarget || distinct.size() <= MAX_AUTO_CLASSES;
        };
        if (!classification) {
            // the first row whose target is not a number is where its value first appears
            double[] values = new double[distinct.size()];
            for (int v = 0; v < values.length; v++) {
                String s = distinct.get(v);
                if (!parsesAsNumber(s)) {
                    throw new CsvImportException(at(t.targetLines.get(v), targetName) + "\"" + shorten(s)
                            + "\" is not a number, and a regression target must be numeric");
                }
                values[v] = number(s, t.targetLines.get(v), targetName);
            }
            double[] y = new double[t.rows];
            for (int r = 0; r < y.length; r++) {
                y[r] = values[t.targets[r]];
            }
            return new Dataset(name, List.copyOf(features), targetName, t.x, y, null, List.of());
        }
        if (distinct.size() < 2) {
            throw new CsvImportException("column \"" + targetName + "\": every row has the same class \""
                    + shorten(distinct.get(0)) + "\"; classification needs at least two classes");
        }
        if (numericTarget) {
            Map<Double, String> spelling = new HashMap<>();
            for (String label : distinct) {
                String other = spelling.putIfAbsent(Double.parseDouble(label), label);
                if (other != null) {
                    throw new CsvImportException("column \"" + targetName + "\": the classes \"" + shorten(other)
                            + "\" and \"" + shorten(label) + "\" are the same number written two ways;"
                            + " write each class the same way in every row");
                }
            }
        }
        Comparator<String> order = numericTarget
                ? Comparator.comparingDouble(Double::parseDouble) : Comparator.naturalOrder();
        List<String> classNames = new ArrayList<>(new TreeSet<>(order) {{
                addAll(distinct);
            }});
        Map<String, Integer> index = new HashMap<>();
        for (int c = 0; c < classNames.size(); c++) {
            index.put(classNames.get(c), c);
        }
        int[] classOf = new int[distinct.size()];
        for (int v = 0; v < classOf.length; v++) {
            classOf[v] = index.get(distinct.get(v));
        }
        // each row's value index becomes its class index, in place
        int[] labels = t.targets;
        for (int r = 0; r < labels.length; r++) {
            labels[r] = classOf[labels[r]];
        }
        return new Dataset(name, List.copyOf(features), targetName, t.x, null, labels, List.copyOf(classNames));
    }

    static boolean parsesAsNumber(String s) {
        if (s.isEmpty()) {
            return false;
        }
        try {
            Double.parseDouble(s);
            char last = s.charAt(s.length() - 1);
            return last != 'd' && last != 'D' && last != 'f' && last != 'F';
        } catch (NumberFormatException e) {
            return false;
        }
    }

    static double number(String cell, long line, String column) throws CsvImportException {
        if (!parsesAsNumber(cell)) {
            throw new CsvImportException(at(line, column) + "\"" + shorten(cell) + "\" is not a number");
        }
        double v = Double.parseDouble(cell);
        if (Double.isNaN(v)) {
            throw new CsvImportException(at(line, column) + "NaN is not allowed; remove the row or fill in a value");
        }
        if (Double.isInfinite(v)) {
            throw new CsvImportException(at(line, column) + "\"" + shorten(cell)
                    + "\" is infinite (or too large for a double); infinity is not allowed");
        }
        return v;
    }

    static String at(long line, String column) {
        return "line " + line + ", column \"" + shorten(column) + "\": ";
    }

    static String shorten(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}

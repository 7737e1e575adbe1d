package org.optlab.dataset;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Imports a CSV file as a {@link Dataset}: UTF-8 with or without BOM; delimiter {@code ,} {@code ;} or tab, detected from
 * the first line; a header row detected (a first row that is not all numbers); the target column chosen by name (default:
 * the last); every other column a numeric feature. A numeric target with more than {@value #MAX_AUTO_CLASSES} distinct
 * values is a regression target, otherwise its values are classes; a non-numeric target is always classes; the caller can
 * override. Parsing is Jackson's CSV parser; every rejection is one message naming the line (the header is line 1, as an
 * editor numbers it), the column, and what was wrong. Nothing partial is ever returned.
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

    private static final CsvMapper MAPPER = new CsvMapper();

    private CsvImport() {
    }

    /** The column names of a file (its header, or {@code column 1 …} without one), for choosing the target. */
    public static List<String> columns(byte[] bytes) throws CsvImportException {
        return parse(bytes).header;
    }

    /**
     * Imports a dataset.
     *
     * @param name   the dataset's name (the file name, say)
     * @param target the target column's name, or null for the last column
     */
    public static Dataset read(String name, byte[] bytes, String target, Task task) throws CsvImportException {
        Table t = parse(bytes);
        int columns = t.header.size();
        int targetColumn = columns - 1;
        if (target != null) {
            targetColumn = t.header.indexOf(target);
            if (targetColumn < 0) {
                throw new CsvImportException("there is no column named \"" + target + "\"; the columns are: "
                        + String.join(", ", t.header));
            }
        }
        int n = t.rows.size();
        int d = columns - 1;
        double[] x = new double[n * d];
        List<String> features = new ArrayList<>();
        for (int c = 0; c < columns; c++) {
            if (c != targetColumn) {
                features.add(t.header.get(c));
            }
        }
        String targetName = t.header.get(targetColumn);
        String[] targets = new String[n];
        for (int r = 0; r < n; r++) {
            String[] row = t.rows.get(r);
            long line = t.lines.get(r);
            int j = 0;
            for (int c = 0; c < columns; c++) {
                String cell = row[c].trim();
                if (cell.isEmpty()) {
                    throw new CsvImportException(at(line, t.header.get(c)) + "the value is empty or missing");
                }
                if (c == targetColumn) {
                    targets[r] = cell;
                    continue;
                }
                x[r * d + j++] = number(cell, line, t.header.get(c));
            }
        }
        boolean numericTarget = true;
        Set<String> distinct = new LinkedHashSet<>();
        for (String s : targets) {
            distinct.add(s);
            numericTarget &= parsesAsNumber(s);
        }
        boolean classification = switch (task) {
            case CLASSIFICATION -> true;
            case REGRESSION -> false;
            case AUTO -> !numericTarget || distinct.size() <= MAX_AUTO_CLASSES;
        };
        if (!classification) {
            double[] y = new double[n];
            for (int r = 0; r < n; r++) {
                if (!parsesAsNumber(targets[r])) {
                    throw new CsvImportException(at(t.lines.get(r), targetName) + "\"" + shorten(targets[r])
                            + "\" is not a number, and a regression target must be numeric");
                }
                y[r] = number(targets[r], t.lines.get(r), targetName);
            }
            return new Dataset(name, List.copyOf(features), targetName, x, y, null, List.of());
        }
        if (distinct.size() < 2) {
            throw new CsvImportException("column \"" + targetName + "\": every row has the same class \""
                    + shorten(targets[0]) + "\"; classification needs at least two classes");
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
        int[] labels = new int[n];
        for (int r = 0; r < n; r++) {
            labels[r] = index.get(targets[r]);
        }
        return new Dataset(name, List.copyOf(features), targetName, x, null, labels, List.copyOf(classNames));
    }

    /** The parsed table: header names, data rows and the line each row starts on. */
    private record Table(List<String> header, List<String[]> rows, List<Long> lines) {
    }

    private static Table parse(byte[] bytes) throws CsvImportException {
        if (bytes.length > MAX_BYTES) {
            throw new CsvImportException(String.format(Locale.ROOT, "the file is %.1f MB; the limit is %d MB",
                    bytes.length / 1024.0 / 1024.0, MAX_BYTES / 1024 / 1024));
        }
        String text = decode(bytes);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        if (text.isBlank()) {
            throw new CsvImportException("the file is empty");
        }
        char delimiter = detectDelimiter(text);
        CsvSchema schema = CsvSchema.emptySchema().withColumnSeparator(delimiter);
        List<String[]> rows = new ArrayList<>();
        List<Long> lines = new ArrayList<>();
        // token by token, so that a row is refused at its first cell past the column limit (a 20 MB line of ten million
        // values never becomes ten million strings) and the file at its first row past the row limit
        try (com.fasterxml.jackson.core.JsonParser p = MAPPER.getFactory().createParser(text)) {
            CsvParser csv = (CsvParser) p;
            csv.setSchema(schema);
            csv.enable(CsvParser.Feature.WRAP_AS_ARRAY);
            csv.enable(CsvParser.Feature.SKIP_EMPTY_LINES);
            List<String> row = null;
            long line = 0;
            int depth = 0;
            for (com.fasterxml.jackson.core.JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                switch (t) {
                    case START_ARRAY -> {
                        // depth 1: the file (WRAP_AS_ARRAY), depth 2: a row
                        if (++depth == 2) {
                            row = new ArrayList<>();
                            line = p.currentLocation().getLineNr();
                        }
                    }
                    case END_ARRAY -> {
                        depth--;
                        if (row != null && !(row.size() == 1 && row.get(0).isBlank()) && !row.isEmpty()) {
                            if (rows.size() > MAX_ROWS) {
                                throw new CsvImportException("the file has more than "
                                        + String.format(Locale.ROOT, "%,d", MAX_ROWS) + " data rows (the limit), at line "
                                        + line);
                            }
                            rows.add(row.toArray(new String[0]));
                            lines.add(line);
                        }
                        row = null;
                    }
                    case VALUE_STRING -> {
                        if (row != null) {
                            if (row.size() == MAX_COLUMNS + 1) {
                                throw new CsvImportException("line " + line + ": more than "
                                        + String.format(Locale.ROOT, "%,d", MAX_COLUMNS) + " columns; the limit is "
                                        + String.format(Locale.ROOT, "%,d", MAX_COLUMNS));
                            }
                            row.add(p.getText());
                        }
                    }
                    default -> {
                        // the outer array of WRAP_AS_ARRAY's rows has no other tokens
                    }
                }
            }
        } catch (CsvImportException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            String where = e instanceof com.fasterxml.jackson.core.JsonProcessingException j && j.getLocation() != null
                    ? "line " + j.getLocation().getLineNr() + ": " : "";
            throw new CsvImportException(where + "the file is not valid CSV ("
                    + (e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage()
                    : e.getMessage()) + ")");
        }
        if (rows.isEmpty()) {
            throw new CsvImportException("the file has no rows");
        }
        String[] first = rows.get(0);
        if (first.length > MAX_COLUMNS) {
            throw new CsvImportException("line " + lines.get(0) + ": " + String.format(Locale.ROOT, "%,d", first.length)
                    + " columns; the limit is " + String.format(Locale.ROOT, "%,d", MAX_COLUMNS));
        }
        boolean header = false;
        for (String cell : first) {
            if (!cell.isBlank() && !parsesAsNumber(cell.trim())) {
                header = true;
                break;
            }
        }
        List<String> names = new ArrayList<>();
        if (header) {
            Map<String, Integer> seen = new HashMap<>();
            for (int c = 0; c < first.length; c++) {
                String name = first[c].trim();
                if (name.isEmpty()) {
                    name = "column " + (c + 1);
                }
                Integer before = seen.put(name, c);
                if (before != null) {
                    throw new CsvImportException("line " + lines.get(0) + ": the column name \"" + shorten(name)
                            + "\" appears twice (columns " + (before + 1) + " and " + (c + 1) + ")");
                }
                names.add(name);
            }
            rows.remove(0);
            lines.remove(0);
        } else {
            for (int c = 0; c < first.length; c++) {
                names.add("column " + (c + 1));
            }
        }
        if (names.size() < 2) {
            throw new CsvImportException("the file has only one column; it needs at least one feature column and a target "
                    + "column (delimiters tried: comma, semicolon, tab)");
        }
        if (rows.isEmpty()) {
            throw new CsvImportException("the file has a header but no data rows");
        }
        for (int r = 0; r < rows.size(); r++) {
            if (rows.get(r).length != names.size()) {
                throw new CsvImportException("line " + lines.get(r) + ": " + rows.get(r).length + " value"
                        + (rows.get(r).length == 1 ? "" : "s") + ", but " + (header ? "the header has " : "line "
                        + (header ? 1 : lines.get(0)) + " has ") + names.size() + " columns");
            }
        }
        return new Table(List.copyOf(names), rows, lines);
    }

    private static String decode(byte[] bytes) throws CsvImportException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        try {
            CharBuffer out = decoder.decode(in);
            return out.toString();
        } catch (MalformedInputException e) {
            int line = 1;
            for (int i = 0; i < in.position() && i < bytes.length; i++) {
                if (bytes[i] == '\n') {
                    line++;
                }
            }
            throw new CsvImportException("line " + line + ": the file is not UTF-8 text (save it as UTF-8 CSV)");
        } catch (CharacterCodingException e) {
            throw new CsvImportException("the file is not UTF-8 text (save it as UTF-8 CSV)");
        }
    }

    /** The delimiter among , ; and tab that occurs most often (outside quotes) on the first non-blank line. */
    private static char detectDelimiter(String text) {
        int start = 0;
        while (start < text.length() && (text.charAt(start) == '\n' || text.charAt(start) == '\r')) {
            start++;
        }
        int comma = 0;
        int semicolon = 0;
        int tab = 0;
        boolean quoted = false;
        for (int i = start; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch == '"') {
                quoted = !quoted;
            } else if (!quoted && (ch == '\n' || ch == '\r')) {
                break;
            } else if (!quoted) {
                switch (ch) {
                    case ',' -> comma++;
                    case ';' -> semicolon++;
                    case '\t' -> tab++;
                    default -> { }
                }
            }
        }
        if (semicolon > comma && semicolon >= tab) {
            return ';';
        }
        if (tab > comma && tab > semicolon) {
            return '\t';
        }
        return ',';
    }

    private static boolean parsesAsNumber(String s) {
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

    private static double number(String cell, long line, String column) throws CsvImportException {
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

    private static String at(long line, String column) {
        return "line " + line + ", column \"" + shorten(column) + "\": ";
    }

    private static String shorten(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}

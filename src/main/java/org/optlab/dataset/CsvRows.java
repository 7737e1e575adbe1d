package org.optlab.dataset;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One pass over a CSV file, row by row as Jackson's CSV parser reads it. The first row gives the column names; each data
 * row is checked against them and, when a dataset is wanted, converted at once: its feature cells straight into the
 * n×d array {@link #x}, its target cell to the index of its spelling among the target's distinct values. The file is
 * never one string and its cells are never kept, so the heap it takes is about the dataset's.
 *
 * <p>A fault that the parser finds (invalid CSV, too many rows, a row past the column limit) stops the pass where it is.
 * Every other fault is remembered, the first of each kind, and named only once the whole file has been read, in the order
 * a reader checks a table: its shape (the header, a row with the wrong number of values), then the target column's
 * name, then the values, so that the message does not depend on how far the file was read.
 */
final class CsvRows {

    private static final CsvMapper MAPPER = new CsvMapper();

    /** The column names: the header's, or {@code column 1 …}. */
    List<String> names;
    /** The features, n×d row-major (n = {@link #rows}), when a dataset was asked for. */
    double[] x;
    /** The data rows read. */
    int rows;
    /** Each row's target: an index into {@link #targetValues}. */
    int[] targets;
    /** The target's distinct values (trimmed), in the order they first appear. */
    final List<String> targetValues = new ArrayList<>();
    /** The line on which each of {@link #targetValues} first appears. */
    final List<Long> targetLines = new ArrayList<>();
    /** The target's column, when a dataset was asked for. */
    int targetColumn = -1;

    private final byte[] bytes;
    /** Where the text starts: after the byte order mark, if any. */
    private final int start;
    private final boolean dataset;
    private final String target;
    private final Map<String, Integer> targetIndex = new HashMap<>();
    private int accepted;
    private boolean header;
    private long firstLine;
    private String shapeError;
    private String raggedError;
    private String targetError;
    private String cellError;

    private CsvRows(byte[] bytes, boolean dataset, String target) {
        this.bytes = bytes;
        this.start = bytes.length >= 3 && bytes[0] == (byte) 0xEF && bytes[1] == (byte) 0xBB && bytes[2] == (byte) 0xBF
                ? 3 : 0;
        this.dataset = dataset;
        this.target = target;
    }

    /** The column names, after checking the whole file's shape (not its values). */
    static List<String> columns(byte[] bytes) throws CsvImportException {
        CsvRows t = new CsvRows(bytes, false, null);
        t.read();
        return t.names;
    }

    /**
     * The file's rows converted: names, features, and targets as indices into their distinct values.
     *
     * @param target the target column's name, or null for the last column
     */
    static CsvRows dataset(byte[] bytes, String target) throws CsvImportException {
        CsvRows t = new CsvRows(bytes, true, target);
        t.read();
        if (t.targetError != null) {
            throw new CsvImportException(t.targetError);
        }
        if (t.cellError != null) {
            throw new CsvImportException(t.cellError);
        }
        int d = t.names.size() - 1;
        if (t.x.length != t.rows * d) {
            t.x = Arrays.copyOf(t.x, t.rows * d);
            t.targets = Arrays.copyOf(t.targets, t.rows);
        }
        return t;
    }

    private void read() throws CsvImportException {
        if (bytes.length > CsvImport.MAX_BYTES) {
            throw new CsvImportException(String.format(Locale.ROOT, "the file is %.1f MB; the limit is %d MB",
                    bytes.length / 1024.0 / 1024.0, CsvImport.MAX_BYTES / 1024 / 1024));
        }
        char delimiter = scan();
        CsvSchema schema = CsvSchema.emptySchema().withColumnSeparator(delimiter);
        // token by token, so that a row is refused at its first cell past the column limit (a 20 MB line of ten million
        // values never becomes ten million strings) and the file at its first row past the row limit
        InputStreamReader text = new InputStreamReader(new ByteArrayInputStream(bytes, start, bytes.length - start),
                StandardCharsets.UTF_8);
        try (JsonParser p = MAPPER.getFactory().createParser(text)) {
            CsvParser csv = (CsvParser) p;
            csv.setSchema(schema);
            csv.enable(CsvParser.Feature.WRAP_AS_ARRAY);
            csv.enable(CsvParser.Feature.SKIP_EMPTY_LINES);
            List<String> row = new ArrayList<>();
            boolean inRow = false;
            long line = 0;
            int depth = 0;
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                switch (t) {
                    case START_ARRAY -> {
                        // depth 1: the file (WRAP_AS_ARRAY), depth 2: a row
                        if (++depth == 2) {
                            inRow = true;
                            row.clear();
                            line = p.currentLocation().getLineNr();
                        }
                    }
                    case END_ARRAY -> {
                        depth--;
                        if (inRow && !(row.size() == 1 && row.get(0).isBlank()) && !row.isEmpty()) {
                            // data rows so far (the header, once known, is not one): one more would pass the limit
                            if (accepted - (header ? 1 : 0) >= CsvImport.MAX_ROWS) {
                                throw new CsvImportException("the file has more than "
                                        + String.format(Locale.ROOT, "%,d", CsvImport.MAX_ROWS)
                                        + " data rows (the limit), at line " + line);
                            }
                            accept(row, line);
                        }
                        inRow = false;
                    }
                    case VALUE_STRING -> {
                        if (inRow) {
                            if (row.size() == CsvImport.MAX_COLUMNS + 1) {
                                throw new CsvImportException("line " + line + ": more than "
                                        + String.format(Locale.ROOT, "%,d", CsvImport.MAX_COLUMNS) + " columns; the limit is "
                                        + String.format(Locale.ROOT, "%,d", CsvImport.MAX_COLUMNS));
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
            String where = e instanceof JsonProcessingException j && j.getLocation() != null
                    ? "line " + j.getLocation().getLineNr() + ": " : "";
            throw new CsvImportException(where + "the file is not valid CSV ("
                    + (e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()) + ")");
        }
        if (accepted == 0) {
            throw new CsvImportException("the file has no rows");
        }
        if (shapeError != null) {
            throw new CsvImportException(shapeError);
        }
        if (rows == 0) {
            throw new CsvImportException("the file has a header but no data rows");
        }
        if (raggedError != null) {
            throw new CsvImportException(raggedError);
        }
    }

    private void accept(List<String> row, long line) {
        if (accepted++ == 0) {
            firstRow(row, line);
        } else {
            dataRow(row, line);
        }
    }

    /** The header (a first row that is not all numbers) or the first data row; either gives the columns. */
    private void firstRow(List<String> first, long line) {
        firstLine = line;
        if (first.size() > CsvImport.MAX_COLUMNS) {
            shapeError = "line " + line + ": " + String.format(Locale.ROOT, "%,d", first.size()) + " columns; the limit is "
                    + String.format(Locale.ROOT, "%,d", CsvImport.MAX_COLUMNS);
            return;
        }
        for (String cell : first) {
            if (!cell.isBlank() && !CsvImport.parsesAsNumber(cell.trim())) {
                header = true;
                break;
            }
        }
        List<String> columns = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (int c = 0; c < first.size(); c++) {
            String name = header ? first.get(c).trim() : "";
            if (name.isEmpty()) {
                name = "column " + (c + 1);
            }
            Integer before = seen.put(name, c);
            if (before != null) {
                shapeError = "line " + line + ": the column name \"" + CsvImport.shorten(name) + "\" appears twice (columns "
                        + (before + 1) + " and " + (c + 1) + ")";
                return;
            }
            columns.add(name);
        }
        names = List.copyOf(columns);
        if (names.size() < 2) {
            shapeError = "the file has only one column; it needs at least one feature column and a target column"
                    + " (delimiters tried: comma, semicolon, tab)";
            return;
        }
        if (dataset) {
            targetColumn = target == null ? names.size() - 1 : names.indexOf(target);
            if (targetColumn < 0) {
                targetError = "there is no column named \"" + target + "\"; the columns are: " + String.join(", ", names);
            } else {
                allocate();
            }
        }
        if (!header) {
            dataRow(first, line);
        }
    }

    /**
     * The features' array, as large as the file can fill: no more rows than it has lines with something on them, nor than
     * its bytes can hold (a row of k values that are not empty takes at least 2k bytes with its delimiters and line end).
     */
    private void allocate() {
        int lines = 0;
        boolean something = false;
        for (int i = start; i < bytes.length; i++) {
            if (bytes[i] == '\n' || bytes[i] == '\r') {
                lines += something ? 1 : 0;
                something = false;
            } else {
                something = true;
            }
        }
        lines += something ? 1 : 0;
        long capacity = Math.min(lines - (header ? 1 : 0), (bytes.length + 1L) / (2L * names.size()));
        capacity = Math.max(1, Math.min(capacity, CsvImport.MAX_ROWS + 1L));
        x = new double[(int) capacity * (names.size() - 1)];
        targets = new int[(int) capacity];
    }

    private void dataRow(List<String> row, long line) {
        rows++;
        if (shapeError != null || raggedError != null) {
            return;
        }
        if (row.size() != names.size()) {
            raggedError = "line " + line + ": " + row.size() + " value" + (row.size() == 1 ? "" : "s") + ", but "
                    + (header ? "the header has " : "line " + firstLine + " has ") + names.size() + " columns";
            x = null;
            targets = null;
            return;
        }
        if (!dataset || targetError != null || cellError != null) {
            return;
        }
        try {
            convert(row, line);
        } catch (CsvImportException e) {
            cellError = e.getMessage();
            x = null;
            targets = null;
        }
    }

    /** A row's features into {@link #x}, its target to the index of its spelling. */
    private void convert(List<String> row, long line) throws CsvImportException {
        int r = rows - 1;
        int d = names.size() - 1;
        if (targets.length == r) {
            // more rows than the file seemed to have room for (it cannot, but a dataset is never cut short)
            x = Arrays.copyOf(x, 2 * r * d);
            targets = Arrays.copyOf(targets, 2 * r);
        }
        int j = r * d;
        for (int c = 0; c < row.size(); c++) {
            String cell = row.get(c).trim();
            if (cell.isEmpty()) {
                throw new CsvImportException(CsvImport.at(line, names.get(c)) + "the value is empty or missing");
            }
            if (c == targetColumn) {
                Integer index = targetIndex.get(cell);
                if (index == null) {
                    index = targetValues.size();
                    targetIndex.put(cell, index);
                    targetValues.add(cell);
                    targetLines.add(line);
                }
                targets[r] = index;
            } else {
                x[j++] = CsvImport.number(cell, line, names.get(c));
            }
        }
    }

    /**
     * Checks that the file is UTF-8 text with something in it, and finds its delimiter: the one among {@code ,} {@code ;}
     * and tab that occurs most often (outside quotes) on the first line that is not empty. The text is decoded in pieces,
     * never as a whole.
     */
    private char scan() throws CsvImportException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
        CharBuffer out = CharBuffer.allocate(8192);
        Delimiter delimiter = new Delimiter();
        boolean blank = true;
        CoderResult result;
        do {
            result = decoder.decode(in, out, true);
            if (result.isUnderflow()) {
                decoder.flush(out);
            }
            if (result.isMalformed()) {
                int line = 1;
                for (int i = 0; i < in.position() && i < bytes.length; i++) {
                    if (bytes[i] == '\n') {
                        line++;
                    }
                }
                throw new CsvImportException("line " + line + ": the file is not UTF-8 text (save it as UTF-8 CSV)");
            }
            if (result.isError()) {
                throw new CsvImportException("the file is not UTF-8 text (save it as UTF-8 CSV)");
            }
            out.flip();
            // once something is seen and the first line is counted, the rest is only checked to be UTF-8
            while (out.hasRemaining() && (blank || !delimiter.ended)) {
                char ch = out.get();
                blank &= Character.isWhitespace(ch);
                delimiter.count(ch);
            }
            out.clear();
        } while (result.isOverflow());
        if (blank) {
            throw new CsvImportException("the file is empty");
        }
        return delimiter.most();
    }

    /** Counts , ; and tab outside quotes on the first line that is not empty, one character at a time. */
    private static final class Delimiter {
        private boolean started;
        private boolean ended;
        private boolean quoted;
        private int comma;
        private int semicolon;
        private int tab;

        void count(char ch) {
            if (ended || !started && (ch == '\n' || ch == '\r')) {
                return;
            }
            started = true;
            if (ch == '"') {
                quoted = !quoted;
            } else if (!quoted && (ch == '\n' || ch == '\r')) {
                ended = true;
            } else if (!quoted) {
                switch (ch) {
                    case ',' -> comma++;
                    case ';' -> semicolon++;
                    case '\t' -> tab++;
                    default -> { }
                }
            }
        }

        char most() {
            if (semicolon > comma && semicolon >= tab) {
                return ';';
            }
            if (tab > comma && tab > semicolon) {
                return '\t';
            }
            return ',';
        }
    }
}

package org.optlab.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CsvImportTest {

    static Dataset read(String text) throws CsvImportException {
        return CsvImport.read("t.csv", text.getBytes(StandardCharsets.UTF_8), null, CsvImport.Task.AUTO);
    }

    static String rejection(String text) {
        return rejection(text.getBytes(StandardCharsets.UTF_8), null);
    }

    static String rejection(byte[] bytes, String target) {
        return assertThrows(CsvImportException.class,
                () -> CsvImport.read("t.csv", bytes, target, CsvImport.Task.AUTO)).getMessage();
    }

    @Test
    void oneClassWrittenTwoWaysNamesTheColumnAndBothSpellings() {
        String message = rejection("x,label\n0.1,0\n0.2,1\n0.3,1.0\n0.4,0\n");
        assertTrue(message.contains("column \"label\""), message);
        assertTrue(message.contains("\"1\"") && message.contains("\"1.0\""), message);
    }

    @Test
    void readsAHeaderFeaturesAndClassTarget() throws Exception {
        Dataset d = read("a,b,species\n1,2,cat\n3,4.5,dog\n5,6,cat\n");
        assertEquals(List.of("a", "b"), d.featureNames());
        assertEquals("species", d.targetName());
        assertTrue(d.isClassification());
        assertEquals(List.of("cat", "dog"), d.classNames());
        assertArrayEquals(new int[] {0, 1, 0}, d.labels());
        assertArrayEquals(new double[] {1, 2, 3, 4.5, 5, 6}, d.x());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"';'", "'\t'", "','"})
    void detectsTheDelimiterAndABom(String delimiter) throws Exception {
        String text = "\uFEFFx" + delimiter + "y" + delimiter + "t\n1" + delimiter + "2" + delimiter + "0\n3" + delimiter
                + "4" + delimiter + "1\n";
        Dataset d = read(text);
        assertEquals(List.of("x", "y"), d.featureNames());
        assertEquals(2, d.size());
    }

    @Test
    void withoutAHeaderColumnsAreNumbered() throws Exception {
        Dataset d = read("1,2,0\n3,4,1\n");
        assertEquals(List.of("column 1", "column 2"), d.featureNames());
        assertEquals(2, d.size());
    }

    @Test
    void aNumericTargetWithManyValuesIsRegressionUnlessOverridden() throws Exception {
        StringBuilder sb = new StringBuilder("x,price\n");
        for (int i = 0; i < 30; i++) {
            sb.append(i).append(',').append(i * 1.5).append('\n');
        }
        Dataset d = read(sb.toString());
        assertFalse(d.isClassification());
        assertEquals(43.5, d.y()[29]);
        Dataset forced = CsvImport.read("t", sb.toString().getBytes(StandardCharsets.UTF_8), "price",
                CsvImport.Task.CLASSIFICATION);
        assertEquals(30, forced.classes());
        Dataset few = read("x,grade\n1,3\n2,1\n3,2\n4,10\n");
        assertTrue(few.isClassification());
        assertEquals(List.of("1", "2", "3", "10"), few.classNames(), "numeric classes in numeric order");
    }

    @Test
    void theTargetIsChosenByName() throws Exception {
        Dataset d = CsvImport.read("t", "y,a,b\n0,1,2\n1,3,4\n".getBytes(StandardCharsets.UTF_8), "y", CsvImport.Task.AUTO);
        assertEquals(List.of("a", "b"), d.featureNames());
        assertArrayEquals(new double[] {1, 2, 3, 4}, d.x());
        assertEquals("there is no column named \"z\"; the columns are: y, a, b",
                rejection("y,a,b\n0,1,2\n1,3,4\n".getBytes(StandardCharsets.UTF_8), "z"));
    }

    @Test
    void raggedRow() {
        assertEquals("line 3: 2 values, but the header has 3 columns", rejection("a,b,c\n1,2,3\n4,5\n"));
    }

    @Test
    void nonNumericCell() {
        assertEquals("line 3, column \"b\": \"abc\" is not a number", rejection("a,b,c\n1,2,x\n4,abc,y\n"));
    }

    @Test
    void emptyOrMissingValue() {
        assertEquals("line 2, column \"b\": the value is empty or missing", rejection("a,b,c\n1,,x\n4,5,y\n"));
        assertEquals("line 3, column \"c\": the value is empty or missing", rejection("a,b,c\n1,2,x\n4,5,\n"));
    }

    @Test
    void duplicateHeader() {
        assertEquals("line 1: the column name \"a\" appears twice (columns 1 and 3)", rejection("a,b,a\n1,2,3\n"));
    }

    @Test
    void noRows() {
        assertEquals("the file has a header but no data rows", rejection("a,b,c\n"));
        assertEquals("the file is empty", rejection("\n\n"));
    }

    @Test
    void onlyOneColumn() {
        assertTrue(rejection("a\n1\n2\n").startsWith("the file has only one column"));
    }

    @Test
    void oneClassOnly() {
        assertEquals("column \"c\": every row has the same class \"x\"; classification needs at least two classes",
                rejection("a,b,c\n1,2,x\n3,4,x\n"));
    }

    @Test
    void nanAndInfinity() {
        assertEquals("line 3, column \"a\": NaN is not allowed; remove the row or fill in a value",
                rejection("a,b,c\n1,2,0\nNaN,4,1\n"));
        assertEquals("line 2, column \"b\": \"Infinity\" is infinite (or too large for a double); infinity is not allowed",
                rejection("a,b,c\n1,Infinity,0\n3,4,1\n"));
        assertTrue(rejection("a,b,c\n1,1e999,0\n3,4,1\n").contains("infinite"));
    }

    @Test
    void lineNumbersCountBlankLinesAsAnEditorDoes() {
        assertEquals("line 5, column \"b\": \"oops\" is not a number", rejection("a,b,c\n1,2,0\n\n3,4,1\n5,oops,0\n"));
    }

    @Test
    void notUtf8() {
        byte[] latin1 = "a,b,c\n1,2,caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
        assertEquals("line 2: the file is not UTF-8 text (save it as UTF-8 CSV)", rejection(latin1, null));
    }

    @Test
    void limitsAreNamedWhenHit() {
        byte[] big = new byte[(int) CsvImport.MAX_BYTES + 1];
        assertEquals("the file is 20.0 MB; the limit is 20 MB", rejection(big, null));
        StringBuilder wide = new StringBuilder();
        for (int c = 0; c < 1001; c++) {
            wide.append(c == 0 ? "" : ",").append("c").append(c);
        }
        assertEquals("line 1: 1,001 columns; the limit is 1,000", rejection(wide + "\n"));
        StringBuilder tall = new StringBuilder("a,b\n");
        for (int r = 0; r < CsvImport.MAX_ROWS + 1; r++) {
            tall.append(r).append(",0\n");
        }
        assertTrue(rejection(tall.toString()).startsWith("the file has more than 200,000 data rows (the limit)"));
    }

    @Test
    void theRowLimitCountsDataRowsWithOrWithoutAHeader() throws Exception {
        StringBuilder rows = new StringBuilder();
        for (int r = 0; r < CsvImport.MAX_ROWS; r++) {
            rows.append(r % 10).append(',').append(r % 2).append('\n');
        }
        assertEquals(CsvImport.MAX_ROWS, CsvImport.read("h.csv", ("a,b\n" + rows).getBytes(StandardCharsets.UTF_8),
                null, CsvImport.Task.AUTO).size(), "200,000 data rows under a header are taken");
        assertEquals(CsvImport.MAX_ROWS, CsvImport.read("n.csv", rows.toString().getBytes(StandardCharsets.UTF_8),
                null, CsvImport.Task.AUTO).size(), "and 200,000 without one");
        assertTrue(rejection(rows + "1,0\n").startsWith("the file has more than 200,000 data rows (the limit), at line"
                + " 200001"), "the 200,001st data row without a header is refused, as with one");
        assertTrue(rejection("a,b\n" + rows + "1,0\n").startsWith("the file has more than 200,000 data rows (the limit),"
                + " at line 200002"));
    }

    @Test
    void everyBundledDatasetImports() {
        assertEquals("150 rows, 4 features, 3 classes", BundledDatasets.load("iris").summary());
        assertEquals("178 rows, 13 features, 3 classes", BundledDatasets.load("wine").summary());
        assertEquals("569 rows, 30 features, 2 classes", BundledDatasets.load("breast_cancer").summary());
        assertEquals("1797 rows, 64 features, 10 classes", BundledDatasets.load("digits").summary());
        assertEquals("442 rows, 10 features, regression target progression", BundledDatasets.load("diabetes").summary());
        assertEquals(List.of("benign", "malignant"), BundledDatasets.load("breast_cancer").classNames());
    }

    /**
     * The probe of the safe-server issue: one 20 MB line of ten million values. It is refused at its 1,002nd cell, while
     * it is read, without the ten million strings ever being made (before, it took 19-36 s and ran out of memory).
     */
    @Test
    void aTwentyMegabyteLineIsRefusedAtTheFirstCellPastTheColumnLimit() {
        byte[] line = new byte[20 * 1024 * 1024 - 16];
        for (int i = 0; i < line.length; i += 2) {
            line[i] = '1';
            if (i + 1 < line.length) {
                line[i + 1] = ',';
            }
        }
        assertEquals("line 1: more than 1,000 columns; the limit is 1,000", rejection(line, null));
    }
}

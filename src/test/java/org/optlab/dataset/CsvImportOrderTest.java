package org.optlab.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * What the import checks first when a file has several faults (the file's shape before its values, the target's column
 * before its cells, every feature cell before a regression target), quoted fields, blank lines, and that a file read row by
 * row gives back exactly the numbers written into it.
 */
class CsvImportOrderTest {

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static String rejection(String text, String target, CsvImport.Task task) {
        return assertThrows(CsvImportException.class, () -> CsvImport.read("t.csv", utf8(text), target, task)).getMessage();
    }

    static String rejection(String text) {
        return rejection(text, null, CsvImport.Task.AUTO);
    }

    @Test
    void aRaggedRowIsNamedBeforeAnEarlierBadValue() {
        assertEquals("line 4: 2 values, but the header has 3 columns", rejection("a,b,c\n1,2,0\n1,x,1\n4,5\n"));
    }

    @Test
    void withoutAHeaderARaggedRowNamesTheFirstLine() {
        assertEquals("line 3: 1 value, but line 2 has 3 columns", rejection("\n1,2,0\n4\n"));
    }

    @Test
    void invalidCsvLaterInTheFileIsNamedBeforeAnEarlierBadValue() {
        String message = rejection("a,b,c\n1,x,0\n2,3,\"1\n");
        // the quote opened on line 3 is still open at the end of the file, after its line break
        assertTrue(message.startsWith("line 4: the file is not valid CSV ("), message);
    }

    @Test
    void theRowLimitIsNamedBeforeABadValue() {
        StringBuilder tall = new StringBuilder("a,b\nx,0\n");
        for (int r = 0; r < CsvImport.MAX_ROWS + 1; r++) {
            tall.append(r).append(",0\n");
        }
        assertTrue(rejection(tall.toString()).startsWith("the file has more than 200,000 data rows (the limit), at line "));
    }

    @Test
    void anUnknownTargetIsNamedAfterTheShapeButBeforeTheValues() {
        assertEquals("there is no column named \"z\"; the columns are: a, b, c",
                rejection("a,b,c\n1,x,0\n", "z", CsvImport.Task.AUTO));
        assertEquals("line 3: 2 values, but the header has 3 columns", rejection("a,b,c\n1,x,0\n1,2\n", "z",
                CsvImport.Task.AUTO));
    }

    @Test
    void aTargetThatIsNotANumberIsNamedAfterEveryFeatureCell() {
        assertEquals("line 4, column \"a\": \"x\" is not a number",
                rejection("a,y\n1,2\n2,abc\nx,3\n", null, CsvImport.Task.REGRESSION));
        assertEquals("line 3, column \"y\": \"abc\" is not a number, and a regression target must be numeric",
                rejection("a,y\n1,2\n2,abc\n3,def\n", null, CsvImport.Task.REGRESSION));
        assertEquals("line 4, column \"y\": NaN is not allowed; remove the row or fill in a value",
                rejection("a,y\n1,2\n2,3\n3,NaN\n4,abc\n", null, CsvImport.Task.REGRESSION));
    }

    @Test
    void theFirstOfTwoBadCellsInARowIsNamed() {
        assertEquals("line 2, column \"a\": \"p\" is not a number", rejection("a,b,c\np,,0\n1,2,1\n"));
        assertEquals("line 2, column \"b\": the value is empty or missing", rejection("a,b,c\n1, ,\n1,2,1\n"));
    }

    @Test
    void quotedFieldsMayHoldTheDelimiterQuotesAndLineBreaks() throws Exception {
        Dataset d = CsvImport.read("t.csv", utf8("\"x;1\";\"y \"\"2\"\"\";kind\n1;2;\"a;\nb\"\n3;4;c\n5;6;c\n"), null,
                CsvImport.Task.AUTO);
        assertEquals(List.of("x;1", "y \"2\""), d.featureNames());
        assertEquals(List.of("a;\nb", "c"), d.classNames());
        assertArrayEquals(new int[] {0, 1, 1}, d.labels());
        assertEquals("line 5, column \"b\": \"q\" is not a number", rejection("a,b,c\n1,2,\"x\n\ny\"\n3,q,z\n"));
    }

    @Test
    void theDelimiterIsCountedOutsideQuotesOnTheFirstLine() throws Exception {
        Dataset d = CsvImport.read("t.csv", utf8("\r\n\"a;b;c\",t\r\n1,0\r\n2,1\r\n"), null, CsvImport.Task.AUTO);
        assertEquals(List.of("a;b;c"), d.featureNames());
        assertArrayEquals(new double[] {1, 2}, d.x());
    }

    @Test
    void blankAndWhitespaceLinesAreSkippedButCounted() throws Exception {
        Dataset d = CsvImport.read("t.csv", utf8("a,b\n\n  \n1,0\n\t\n2,1\n\n"), null, CsvImport.Task.AUTO);
        assertEquals(2, d.size());
        assertEquals("line 6, column \"a\": \"z\" is not a number", rejection("a,b\n\n  \n1,0\n\t\nz,1\n"));
    }

    @Test
    void aSecondByteOrderMarkIsText() {
        assertEquals("line 2, column \"a\": \"\uFEFF1\" is not a number", rejection("\uFEFFa,b\n\uFEFF1,0\n2,1\n"));
    }

    @Test
    void notUtf8NamesTheLineOfTheFirstBadByte() {
        byte[] bytes = utf8("a,b\n1,0\n2,1\n3,\u00e9\n");
        byte[] cut = java.util.Arrays.copyOf(bytes, bytes.length - 2); // the é's first byte without its second
        assertEquals("line 4: the file is not UTF-8 text (save it as UTF-8 CSV)",
                assertThrows(CsvImportException.class, () -> CsvImport.read("t", cut, null, CsvImport.Task.AUTO))
                        .getMessage());
    }

    @Test
    void columnsAreTheHeaderEvenWhenAValueIsBadButNotWhenTheShapeIs() throws Exception {
        assertEquals(List.of("a", "b", "c"), CsvImport.columns(utf8("a,b,c\n1,x,0\n")));
        assertEquals(List.of("column 1", "column 2"), CsvImport.columns(utf8("1,2\n3,4\n")));
        assertEquals("line 3: 2 values, but the header has 3 columns",
                assertThrows(CsvImportException.class, () -> CsvImport.columns(utf8("a,b,c\n1,x,0\n1,2\n"))).getMessage());
        assertEquals("the file has a header but no data rows",
                assertThrows(CsvImportException.class, () -> CsvImport.columns(utf8("a,b\n"))).getMessage());
        assertEquals("the file has no rows",
                assertThrows(CsvImportException.class, () -> CsvImport.columns(utf8("\n\"\"\n  \n"))).getMessage());
    }

    @Test
    void aLargeFileGivesBackEveryNumberWrittenIntoIt() throws Exception {
        Random random = new Random(7);
        int n = 5_000;
        int d = 7;
        double[] x = new double[n * d];
        double[] y = new double[n];
        StringBuilder sb = new StringBuilder("a,b,c,d,e,f,g,price\n");
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < d; c++) {
                x[r * d + c] = Math.round(random.nextGaussian() * 1e5) / 1e5;
                sb.append(String.format(Locale.ROOT, "%.5f,", x[r * d + c]));
            }
            y[r] = r * 0.25;
            sb.append(y[r]).append(r % 100 == 0 ? "\n\n \n" : "\r\n");
        }
        Dataset read = CsvImport.read("t.csv", utf8(sb.toString()), null, CsvImport.Task.AUTO);
        assertFalse(read.isClassification());
        assertArrayEquals(x, read.x());
        assertArrayEquals(y, read.y());
        Dataset byName = CsvImport.read("t.csv", utf8(sb.toString()), "a", CsvImport.Task.REGRESSION);
        assertEquals(List.of("b", "c", "d", "e", "f", "g", "price"), byName.featureNames());
        assertEquals(x[d], byName.y()[1]);
        assertEquals(y[1], byName.x()[2 * d - 1]);
    }

    @Test
    void twentyDistinctNumbersAreClassesAndTwentyOneARegressionTarget() throws Exception {
        StringBuilder twenty = new StringBuilder("x,t\n");
        for (int r = 0; r < 40; r++) {
            twenty.append(r).append(',').append(r % 20 * 10).append('\n');
        }
        Dataset classes = CsvImport.read("t.csv", utf8(twenty.toString()), null, CsvImport.Task.AUTO);
        assertEquals(20, classes.classes());
        assertEquals("190", classes.classNames().get(19));
        assertEquals(19, classes.labels()[39]);
        Dataset regression = CsvImport.read("t.csv", utf8(twenty + "40,5\n"), null, CsvImport.Task.AUTO);
        assertFalse(regression.isClassification());
        assertEquals(190.0, regression.y()[39]);
        assertEquals(5.0, regression.y()[40]);
    }

    @Test
    void aClassTargetChosenByNameInTheMiddle() throws Exception {
        Dataset d = CsvImport.read("t.csv", utf8("a;kind;b\n1;dog;2\n3;cat;4\n5;dog;6\n"), "kind", CsvImport.Task.AUTO);
        assertEquals(List.of("a", "b"), d.featureNames());
        assertEquals(List.of("cat", "dog"), d.classNames());
        assertArrayEquals(new int[] {1, 0, 1}, d.labels());
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, d.x());
    }
}

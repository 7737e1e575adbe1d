package org.optlab.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Text that does not parse, or is built to be expensive to parse, is refused while it is read, in plain words. */
class DocumentReaderLimitsTest {

    static List<String> problems(String json) {
        return assertThrows(InvalidDocumentException.class, () -> DocumentReader.read(json)).problems();
    }

    @Test
    void deepNestingIsRefusedWhileReading() {
        String deep = "{\"schemaVersion\": 1, \"x\": " + "[".repeat(10_000) + "]".repeat(10_000) + "}";
        List<String> p = problems(deep);
        assertEquals(1, p.size(), p.toString());
        assertTrue(p.get(0).startsWith("not valid JSON"), p.get(0));
        assertTrue(p.get(0).endsWith("nested deeper than 64 levels of objects and lists"), p.get(0));
        assertTrue(!p.get(0).contains("StreamReadConstraints"), "no parser internals: " + p.get(0));
    }

    @Test
    void aHugeNumberIsRefusedWhileReading() {
        List<String> p = problems("{\"schemaVersion\": 1, \"steps\": " + "9".repeat(5000) + "}");
        assertTrue(p.get(0).endsWith("a number longer than 100 characters"), p.get(0));
    }

    @Test
    void commonSlipsAreNamedInPlainWords() {
        assertEquals(List.of("not valid JSON at line 2, column 3: unexpected character '}': expected a field name in"
                + " double quotes"), problems("{\"schemaVersion\": 1,\n  }"));
        assertEquals(List.of("not valid JSON at line 1, column 21: unexpected character '\"': expected , or } between the"
                + " fields of an object"), problems("{\"schemaVersion\": 1 \"steps\": 3}"));
        assertTrue(problems("{\"schemaVersion\": 1, ").get(0).endsWith("the text ends too early (a closing } or ] or \" is"
                + " missing)"));
    }
}

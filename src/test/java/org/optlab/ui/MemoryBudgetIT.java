package org.optlab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Locator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Uploads are counted in the server's memory budget while they are read: on a server with a 10 MB budget, a 2 MB CSV
 * (about 13 MB to parse) and a 2 MB experiment to import (about 14 MB) are refused in words, and a small file is taken.
 */
@org.springframework.test.context.TestPropertySource(properties = "optlab.memory-budget-mb=10")
class MemoryBudgetIT extends BrowserTestBase {

    @Test
    void aFileWhoseReadingWouldPassTheMemoryBudgetIsRefusedInWordsAndASmallOneIsTaken() throws Exception {
        openLab();
        choose("problem-kind", "Upload a CSV");
        Path big = Files.createTempFile("big", ".csv");
        StringBuilder csv = new StringBuilder("x1,x2,x3,y\n");
        for (int r = 0; csv.length() < 2_000_000; r++) {
            csv.append(r % 97 * 0.25).append(',').append(r % 89 * 0.5).append(',').append(r % 83).append(',')
                    .append(r % 3).append('\n');
        }
        Files.writeString(big, csv);
        page.locator("#csv-upload input[type=file]").setInputFiles(big);
        Locator error = page.locator(".upload-error").filter(new Locator.FilterOptions().setHasText("memory"));
        error.waitFor();
        String said = error.textContent();
        assertEquals(big.getFileName() + ": reading it needs about 13 MB of the server's memory, more than its whole"
                + " budget of 10 MB (optlab.memory-budget-mb): use a smaller file", said);
        assertTrue(page.locator("#start").isDisabled(), "nothing was loaded: Start is disabled");

        page.locator("#csv-upload input[type=file]").setInputFiles(Path.of("src/main/resources/datasets/iris.csv"));
        page.locator(".upload-info").filter(new Locator.FilterOptions().setHasText("150 rows")).waitFor();
        assertEquals("iris.csv: 150 rows, 4 features, 3 classes", page.locator(".upload-info").textContent());

        Path doc = Files.createTempFile("big", ".json");
        Files.writeString(doc, "{\"schemaVersion\": 1, \"name\": \"" + "n".repeat(2_000_000) + "\", \"problem\":"
                + " {\"function\": \"rosenbrock\"}, \"optimizers\": [{\"algorithm\": \"sgd\"}]}");
        page.locator("#import-json input[type=file]").setInputFiles(doc);
        page.waitForFunction("() => document.getElementById('save-message').textContent.includes('memory')");
        String imported = page.locator("#save-message").textContent();
        assertTrue(imported.startsWith(doc.getFileName() + ": reading it needs about 13 MB of the server's memory"),
                imported);
        assertEquals(List.of(), consoleErrors, "no errors in the browser console");
    }
}

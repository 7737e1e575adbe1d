package org.optlab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.Download;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Export JSON downloads the experiment as it stands at the click: after each of several changes, made with the mouse or
 * the keyboard, the change is in the file (it used to lag one change behind).
 */
class ExportIT extends BrowserTestBase {

    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonNode exportByMouse() throws Exception {
        Download d = page.waitForDownload(() -> page.locator("#export-json").click());
        return JSON.readTree(Files.readString(d.path()));
    }

    private JsonNode exportByKeyboard() throws Exception {
        Download d = page.waitForDownload(() -> {
            page.locator("#export-json").focus();
            page.keyboard().press("Enter");
        });
        return JSON.readTree(Files.readString(d.path()));
    }

    @Test
    void everyChangeIsInTheFileExportedRightAfterIt() throws Exception {
        openLab();
        // typed, then straight to the button with the mouse
        page.locator("#steps input").fill("777");
        assertEquals(777, exportByMouse().get("steps").asInt(), "Steps typed just before the click");

        // typed, then Tab to leave the field and Enter on the button
        page.locator("#steps input").fill("555");
        page.keyboard().press("Tab");
        assertEquals(555, exportByKeyboard().get("steps").asInt(), "Steps typed, then the keyboard");

        // right after a run: its results are in the file
        page.locator("#start").click();
        waitFor("() => document.getElementById('run-status').textContent === 'finished'", null);
        JsonNode afterRun = exportByMouse();
        assertTrue(afterRun.has("results") && afterRun.get("results").size() == 5,
                "the results of the run just finished: " + afterRun.get("results"));
        assertEquals(556, afterRun.get("results").get(0).get("steps").size(), "555 steps and θ₀ recorded");

        // after switching to a toy dataset: the dataset, not Rosenbrock
        choose("problem-kind", "Toy dataset");
        JsonNode toy = exportByKeyboard();
        assertTrue(toy.get("problem").hasNonNull("dataset"), "a dataset problem: " + toy.get("problem"));
        assertTrue(!toy.get("problem").hasNonNull("function"), "no function any more: " + toy.get("problem"));
        assertTrue(!toy.has("results") || toy.get("results").isNull(), "no results of the Rosenbrock run");
        assertEquals(List.of(), consoleErrors, "no errors in the browser console");
    }
}

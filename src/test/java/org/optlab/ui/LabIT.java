package org.optlab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Locator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The live lab in real Chromium against the production build. */
class LabIT extends BrowserTestBase {

    static int sum(List<Integer> l) {
        return l.stream().mapToInt(Integer::intValue).sum();
    }

    @Test
    void rosenbrockWithFourOptimizersRunsAndEverySeriesGrowsLive() {
        openLab();
        assertEquals(5, page.locator(".optimizer-card").count(), "the default experiment: the five classics");
        page.locator(".optimizer-card").nth(4).locator("vaadin-button:has-text('Remove')").click();
        com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat(page.locator(".optimizer-card")).hasCount(4);
        fill("#steps", "3000");
        choose("speed", "100 steps/s");
        page.locator("#start").click();
        waitFor("() => document.getElementById('run-status').textContent === 'running'", null);
        page.waitForTimeout(1500);
        List<Integer> first = lengths("loss-chart");
        List<Integer> firstPaths = lengths("side-chart");
        page.waitForTimeout(1500);
        List<Integer> second = lengths("loss-chart");
        List<Integer> secondPaths = lengths("side-chart");
        screenshot("running");
        assertTrue(page.locator("#side-chart svg.optlab-overlay path.contours").getAttribute("d").length() > 1000, "contour lines drawn");
        page.locator("#side-chart").screenshot(new com.microsoft.playwright.Locator.ScreenshotOptions()
                .setPath(SCREENSHOTS.resolve("contour-paths.png")));
        assertEquals(4, second.size());
        for (int i = 0; i < 4; i++) {
            assertTrue(second.get(i) > first.get(i), "loss series " + i + " grows: " + first + " → " + second);
            assertTrue(secondPaths.get(i) > firstPaths.get(i), "path " + i + " grows: " + firstPaths + " → " + secondPaths);
        }
        page.locator("#stop").click();
        waitFor("() => document.getElementById('run-status').textContent === 'stopped'", null);
        assertEquals(List.of(), consoleErrors, "no errors in the browser console");
        assertEquals(List.of(), consoleDebug.stream().filter(m -> m.contains("Atmosphere: websocket.onmessage")).toList(),
                "the push client does not log every message it receives");
    }

    @Test
    void aReloadKeepsTheTabsSpeed() {
        openLab();
        choose("speed", "5 steps/s");
        page.reload();
        page.locator("#start").waitFor();
        // the select shows the kept speed once the browser has answered the page's question
        waitFor("() => { const b = document.querySelector('#speed vaadin-select-value-button');"
                + " return b && b.textContent.trim() === '5 steps/s'; }", null);
        fill("#steps", "1000");
        page.locator("#start").click();
        waitFor("() => document.getElementById('run-status').textContent === 'running'", null);
        page.waitForTimeout(2000);
        // as fast as possible, 1,000 steps of the default experiment end within a second; at 5 steps/s they cannot
        assertEquals("running", page.locator("#run-status").textContent(), "the kept speed limits the run after the reload");
        page.locator("#stop").click();
        assertEquals(List.of(), consoleErrors, "no errors in the browser console");
    }

    @Test
    void aReloadKeepsTheDarkTheme() {
        openLab();
        page.locator("#theme").click();
        waitFor("() => document.documentElement.getAttribute('theme') === 'dark'", null);
        page.reload();
        page.locator("#start").waitFor();
        // the page, the button and the charts in the theme the student chose, not back in the light one
        waitFor("() => document.documentElement.getAttribute('theme') === 'dark'"
                + " && document.getElementById('theme').textContent.trim() === 'Light theme'", null);
        waitFor("() => !!document.querySelector('#loss-chart .apexcharts-canvas.apexcharts-theme-dark')", null);
        page.locator("#theme").click();
        waitFor("() => document.documentElement.getAttribute('theme') !== 'dark'", null);
        page.reload();
        page.locator("#start").waitFor();
        page.waitForTimeout(1000);
        assertEquals(null, page.evaluate("() => document.documentElement.getAttribute('theme')"), "light again");
        assertEquals(List.of(), consoleErrors, "no errors in the browser console");
    }

    @Test
    void pauseStopsTheCurvesGrowingAndResumeGoesOn() {
        openLab();
        fill("#steps", "5000");
        choose("speed", "100 steps/s");
        page.locator("#start").click();
        waitFor("() => document.getElementById('run-status').textContent === 'running'", null);
        page.waitForTimeout(1000);
        page.locator("#pause").click();
        waitFor("() => document.getElementById('run-status').textContent === 'paused'", null);
        page.waitForTimeout(600);
        int paused = sum(lengths("loss-chart"));
        page.waitForTimeout(1500);
        assertEquals(paused, sum(lengths("loss-chart")), "paused: nothing grows");
        assertEquals("Resume", page.locator("#pause").textContent().trim());
        page.locator("#pause").click();
        page.waitForTimeout(1500);
        assertTrue(sum(lengths("loss-chart")) > paused, "resumed: the curves grow again");
        page.locator("#stop").click();
    }

    @Test
    void aPlantedOwnerCookieIsReplacedNotAdopted() {
        String planted = "A".repeat(43);
        context.addCookies(List.of(new com.microsoft.playwright.options.Cookie(Owner.COOKIE, planted)
                .setDomain("localhost").setPath("/")));
        openLab();
        page.waitForTimeout(500);
        String value = context.cookies().stream().filter(c -> c.name.equals(Owner.COOKIE)).findFirst().orElseThrow().value;
        org.junit.jupiter.api.Assertions.assertNotEquals(planted, value, "a cookie the server did not sign is not adopted");
        assertTrue(value.matches("[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{22}"), "a signed token of the server's: " + value);
        // and the new owner can save
        page.locator("#save").click();
        page.waitForFunction("() => { const f = document.getElementById('share-link');"
                + " return f && typeof f.value === 'string' && f.value.startsWith('http'); }");
    }

    @Test
    void aDivergingRunShowsItsStatusOnItsCardAndWhereItsCurveEnds() {
        openLab();
        choose("function", "quadratic");
        Locator gd = page.locator(".optimizer-card").first();
        fill(".optimizer-card >> nth=0 >> vaadin-number-field[data-hyper='learningRate']", "0.5");
        page.locator("#start").click();
        waitFor("() => document.getElementById('run-status').textContent === 'finished'", null);
        String status = gd.locator(".run-status").textContent();
        assertTrue(status.startsWith("diverged at step "), status);
        String step = status.replaceAll("(?s)^diverged at step (\\d+):.*", "$1");
        // the label is drawn with the chart's next redraw (at most 4 a second)
        waitFor("() => document.getElementById('loss-chart').textContent.includes('GD: diverged at step')", null);
        assertTrue(page.locator("#loss-chart").textContent().contains("diverged at step " + step),
                "the card and the curve's label name one step: " + status);
        assertTrue(page.locator("#loss-chart").textContent().contains("GD: diverged at step"), "the curve's end is labelled");
    }

    @Test
    void textThatIsNotANumberIsToldFromAnEmptyField() {
        openLab();
        Locator epsilon = page.locator(".optimizer-card >> nth=0 >> vaadin-number-field[data-hyper='learningRate'] input");
        epsilon.fill("");
        epsilon.pressSequentially("1e"); // a number input keeps this text, but it is no number
        epsilon.press("Tab");
        waitFor("() => document.getElementById('form-errors').textContent.includes('GD: learning rate ε is not a number')",
                null);
        epsilon.fill("");
        epsilon.press("Tab");
        waitFor("() => document.getElementById('form-errors').textContent.includes('GD: learning rate ε is empty')", null);
        epsilon.pressSequentially("1e");
        epsilon.press("Tab"); // into the empty field: no value changes, the message follows the text
        waitFor("() => document.getElementById('form-errors').textContent.includes('GD: learning rate ε is not a number')",
                null);

        // letters: the message says what the field shows, whatever this browser keeps of them
        epsilon.fill("");
        epsilon.pressSequentially("abc");
        epsilon.press("Tab");
        String kept = epsilon.inputValue();
        boolean badInput = (Boolean) epsilon.evaluate("e => e.validity.badInput");
        String expected = kept.isEmpty() && !badInput ? "GD: learning rate ε is empty" : "GD: learning rate ε is not a number";
        waitFor("t => document.getElementById('form-errors').textContent.includes(t)", expected);
        System.out.println("LabIT: \"abc\" typed into ε: the input keeps \"" + kept + "\" (badInput " + badInput
                + "), the lab says: " + page.locator("#form-errors").textContent().lines().findFirst().orElse(""));
    }

    @Test
    void aCsvFromTheCourseDatasetsIsUploadedAndTrained() throws Exception {
        openLab();
        choose("problem-kind", "Upload a CSV");
        Path iris = Path.of("src/main/resources/datasets/iris.csv");
        page.locator("#csv-upload input[type=file]").setInputFiles(iris);
        page.locator(".upload-info").filter(new Locator.FilterOptions().setHasText("150 rows")).waitFor();
        assertEquals("iris.csv: 150 rows, 4 features, 3 classes", page.locator(".upload-info").textContent());
        fill("#steps", "300");
        page.locator("#start").click();
        waitFor("() => document.getElementById('run-status').textContent === 'finished'", null);
        page.waitForTimeout(500);
        List<Integer> loss = lengths("loss-chart");
        List<Integer> accuracy = lengths("accuracy-chart");
        assertEquals(10, loss.size(), "five runs and their five minibatch traces (m = 32 < N)");
        for (int i = 0; i < 5; i++) {
            assertTrue(loss.get(i) >= 2 && accuracy.get(i) >= 2, "trained and recorded: " + loss + " " + accuracy);
        }
        assertTrue(Files.exists(iris));
        assertTrue(page.locator("#loss-chart").evaluate("e => e.parentElement.parentElement.textContent").toString()
                .contains("iris.csv: "), "the chart's info line names the file, not its hash");

        // a second file, straight away: no manual reset of the upload
        page.locator("#csv-upload input[type=file]").setInputFiles(Path.of("src/main/resources/datasets/wine.csv"));
        page.locator(".upload-info").filter(new Locator.FilterOptions().setHasText("wine.csv")).waitFor();
        assertTrue(page.locator(".upload-info").textContent().startsWith("wine.csv: 178 rows, 13 features, 3 classes"),
                page.locator(".upload-info").textContent());
    }

    @Test
    void aBadCsvShowsItsErrorAndLoadsNothing() throws Exception {
        openLab();

        choose("problem-kind", "Upload a CSV");
        Path bad = Files.createTempFile("ragged", ".csv");
        Files.writeString(bad, "a,b,c\n1,2,x\n4,5\n");
        page.locator("#csv-upload input[type=file]").setInputFiles(bad);
        page.locator(".upload-error").filter(new Locator.FilterOptions().setHasText("line 3")).waitFor();
        assertTrue(page.locator(".upload-error").textContent().endsWith("line 3: 2 values, but the header has 3 columns"),
                page.locator(".upload-error").textContent());
        assertTrue(page.locator("#start").isDisabled(), "nothing to train: Start is disabled");
    }

    @Test
    void labelsAreShownAsTextAndTwoTabsRunIndependently() {
        openLab();
        String label = "<img src=x onerror=\"window.__xss=1\">";
        fill(".optimizer-card >> nth=0 >> vaadin-text-field", label);
        choose("speed", "5 steps/s");
        page.locator("#start").click();
        waitFor("() => document.getElementById('run-status').textContent === 'running'", null);
        page.waitForTimeout(1000);
        assertEquals(null, page.evaluate("() => window.__xss === undefined ? null : window.__xss"), "the label did not run");
        assertTrue(page.locator("#loss-chart .apexcharts-legend").textContent().contains(label), "the label shows as text");
        assertEquals(label, page.locator("#loss-chart .apexcharts-legend-text").first().textContent(),
                "the legend shows the label as text");

        com.microsoft.playwright.Page second = context.newPage();
        second.navigate("http://localhost:" + port + "/");
        second.locator("#start").waitFor();
        second.waitForTimeout(1500);
        assertEquals("ready", second.locator("#run-status").textContent(), "the second tab has its own experiment");
        assertEquals("running", page.locator("#run-status").textContent(), "the first tab is still running");
        second.locator("#step").click();
        second.waitForFunction("() => document.getElementById('run-status').textContent === 'paused'");
        assertEquals("running", page.locator("#run-status").textContent());
        second.close();
        page.locator("#stop").click();
    }

    @Test
    void savedInOneBrowserOpenedByLinkInAnotherWithTheSameCurvesForkedAndRunAgain() {
        openLab();
        fill("#steps", "300");
        page.locator("#start").click();
        waitFor("() => document.getElementById('run-status').textContent === 'finished'", null);
        page.waitForTimeout(500);
        // the final losses the cards say ("final loss 5.91874", 6 significant digits)
        List<Double> finals = new java.util.ArrayList<>();
        for (String card : page.locator(".optimizer-card .run-status").allTextContents()) {
            finals.add(Double.parseDouble(card.replaceAll("(?s).*final loss (\\S+) .*", "$1")));
        }
        page.locator("#save").click();
        page.waitForFunction("() => { const f = document.getElementById('share-link');"
                + " return f && typeof f.value === 'string' && f.value.startsWith('http'); }");
        String link = (String) page.evaluate("() => document.getElementById('share-link').value");
        assertTrue(link.matches("http://localhost:\\d+/e/[A-Za-z0-9_-]{22}"), link);
        assertTrue(page.url().endsWith(link.substring(link.indexOf("/e/"))), "the page URL becomes /e/{id}: " + page.url());

        com.microsoft.playwright.BrowserContext other = browser.newContext();
        try {
            com.microsoft.playwright.Page visitor = other.newPage();
            visitor.navigate(link);
            visitor.locator("#shared-loss-chart").waitFor();
            visitor.waitForFunction("() => document.querySelectorAll('#shared-loss-chart path.apexcharts-line').length === 5");
            visitor.waitForTimeout(500);
            // the visitor sees the same curves without re-training: each ends where its run's card said, as drawn
            // (on the log scale, as in the lab: the last entry is the axis range in decades)
            List<Double> drawn = drawnLastValues(visitor, "shared-loss-chart", true);
            double decades = drawn.get(drawn.size() - 1);
            for (int i = 0; i < finals.size(); i++) {
                assertEquals(Math.log10(finals.get(i)), Math.log10(drawn.get(i)), 0.02 * decades,
                        "curve " + i + " ends at the saved final loss");
            }
            assertEquals(List.of(301, 301, 301, 301, 301), lengths(visitor, "shared-loss-chart"),
                    "every recorded step of the saved runs is drawn");
            assertEquals(0, visitor.locator("#delete").count(), "a visitor cannot delete");
            visitor.locator("#run-again").click();
            visitor.locator("#rerun-result").filter(new Locator.FilterOptions().setHasText("bit-identical")).waitFor();
            visitor.screenshot(new com.microsoft.playwright.Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("shared.png")));
            visitor.locator("#copy-to-lab").click();
            visitor.waitForURL(java.util.regex.Pattern.compile(".*\\?open=[A-Za-z0-9_-]{22}$"));
            visitor.locator("#start").waitFor();
            assertEquals("300", visitor.evaluate("() => document.getElementById('steps').value"),
                    "the fork carries the experiment into the lab");
            visitor.navigate(link.replaceAll("/e/.*", "/e/not-an-id"));
            assertEquals("Not found", visitor.locator("h1").textContent());
        } finally {
            other.close();
        }
    }
}

package org.optlab.ui;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * End-to-end tests: the real application (its production frontend bundle, built by `mvn verify`) on a random port, driven
 * by Playwright in Debian's Chromium (/usr/bin/chromium; .ci/run installs it). Screenshots go to target/screenshots.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class BrowserTestBase {

    static final Path SCREENSHOTS = Paths.get("target", "screenshots");
    static Playwright playwright;
    static Browser browser;

    @LocalServerPort
    int port;

    BrowserContext context;
    Page page;
    String testName;

    @BeforeAll
    static void launch() throws Exception {
        Files.createDirectories(SCREENSHOTS);
        playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(Paths.get(System.getProperty("optlab.chromium", "/usr/bin/chromium")))
                .setHeadless(true)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage")));
    }

    @AfterAll
    static void close() {
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
    }

    @BeforeEach
    void open(TestInfo info) {
        testName = info.getTestMethod().map(m -> m.getName()).orElse("test");
        context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1400, 1000));
        page = context.newPage();
        page.setDefaultTimeout(30_000);
        consoleErrors.clear();
        consoleDebug.clear();
        page.onConsoleMessage(m -> {
            if (m.type().equals("error")) {
                consoleErrors.add(m.text());
            }
            if (m.type().equals("debug")) {
                consoleDebug.add(m.text());
            }
        });
        page.onPageError(e -> consoleErrors.add(e));
        page.onResponse(r -> {
            if (r.status() >= 400) {
                consoleErrors.add(r.status() + " " + r.url());
            }
        });
    }

    /** Errors the page logged: a test may assert there are none. */
    final List<String> consoleErrors = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** Debug lines the page logged (the push client writes one per message at Vaadin's default level). */
    final List<String> consoleDebug = new java.util.concurrent.CopyOnWriteArrayList<>();

    @AfterEach
    void closeContext() {
        if (!consoleErrors.isEmpty()) {
            System.err.println(testName + ": browser console errors: " + consoleErrors);
        }
        screenshot("end");
        context.close();
    }

    void openLab() {
        long t0 = System.nanoTime();
        page.navigate("http://localhost:" + port + "/");
        page.locator("#loss-chart").waitFor();
        page.locator("#start").waitFor();
        System.err.printf("%s: the lab opened in %.1f s%n", testName, (System.nanoTime() - t0) / 1e9);

    }

    void screenshot(String suffix) {
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(testName + "-" + suffix + ".png"))
                .setFullPage(true));
    }

    /** The number of points each series of a chart holds in the browser. */
    List<Integer> lengths(String chartId) {
        @SuppressWarnings("unchecked")
        List<Integer> l = (List<Integer>) page.evaluate("id => document.getElementById(id).seriesLengths()", chartId);
        return l;
    }

    /** Picks an item of a vaadin-select by its id and the item's text. */
    void choose(String selectId, String itemText) {
        page.locator("#" + selectId).click();
        page.locator("vaadin-select-item").filter(new com.microsoft.playwright.Locator.FilterOptions().setHasText(itemText))
                .first().click();
    }

    /** Types into a Vaadin text or number field found by a CSS selector of the field element. */
    void fill(String fieldSelector, String text) {
        page.locator(fieldSelector + " input").fill(text);
        page.locator(fieldSelector + " input").press("Tab");
    }

    void waitFor(String jsCondition, Object arg) {
        page.waitForFunction(jsCondition, arg);
    }
}

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

    /**
     * Counts the loss chart's redraws from outside the component, once installed: animation frames in which its SVG
     * changed (a MutationObserver, at most one count per frame). Returns the count so far.
     */
    static final String REDRAWS = """
            () => {
              if (window.__redraws === undefined) {
                window.__redraws = 0;
                let counted = false;
                new MutationObserver(() => {
                  if (!counted) {
                    counted = true;
                    window.__redraws++;
                    requestAnimationFrame(() => { counted = false; });
                  }
                }).observe(document.getElementById('loss-chart'), { childList: true, subtree: true, attributes: true });
              }
              return window.__redraws;
            }""";

    /** The number of points drawn for each line series of a chart: the coordinate pairs of its SVG path. */
    List<Integer> lengths(String chartId) {
        return lengths(page, chartId);
    }

    @SuppressWarnings("unchecked")
    static List<Integer> lengths(Page on, String chartId) {
        return (List<Integer>) on.evaluate("""
                id => [...document.getElementById(id).querySelectorAll('.apexcharts-series')]
                    .filter(g => g.querySelector('path.apexcharts-line') || !g.querySelector('.apexcharts-marker'))
                    .map(g => {
                      const p = g.querySelector('path.apexcharts-line');
                      const n = p ? (p.getAttribute('d') || '').match(/-?[0-9.]+(e[-+]?[0-9]+)?/gi) || [] : [];
                      return Math.floor(n.length / 2);
                    })""", chartId);
    }

    /**
     * The value at which the last point of each line series of a chart is drawn, read from the SVG: its screen y
     * (through getScreenCTM) mapped through the axis's own tick labels (10ᵏ labels on the log scale).
     */
    @SuppressWarnings("unchecked")
    static List<Double> drawnLastValues(Page on, String chartId, boolean log) {
        java.util.Map<String, Object> drawn = (java.util.Map<String, Object>) on.evaluate("""
                id => {
                  const chart = document.getElementById(id);
                  const ys = [...chart.querySelectorAll('.apexcharts-series path.apexcharts-line')].map(p => {
                    const nums = (p.getAttribute('d') || '').match(/-?[0-9.]+(e[-+]?[0-9]+)?/gi) || [];
                    const pt = p.ownerSVGElement.createSVGPoint();
                    pt.x = parseFloat(nums[nums.length - 2]);
                    pt.y = parseFloat(nums[nums.length - 1]);
                    return pt.matrixTransform(p.getScreenCTM()).y;
                  });
                  const ticks = [...chart.querySelectorAll('.apexcharts-yaxis-label tspan')].map(t => {
                    const b = t.getBoundingClientRect();
                    return { y: b.top + b.height / 2, text: t.textContent.trim() };
                  }).filter(t => t.text !== '');
                  return { ys, ticks };
                }""", chartId);
        List<java.util.Map<String, Object>> ticks = (List<java.util.Map<String, Object>>) drawn.get("ticks");
        org.junit.jupiter.api.Assertions.assertTrue(ticks.size() >= 2, "at least two tick labels: " + ticks);
        double[] top = null;
        double[] bottom = null;
        for (java.util.Map<String, Object> t : ticks) {
            double v = DrawnCurvesIT.parseTick((String) t.get("text"));
            double[] a = {((Number) t.get("y")).doubleValue(), log ? Math.log10(v) : v};
            top = top == null || a[0] < top[0] ? a : top;
            bottom = bottom == null || a[0] > bottom[0] ? a : bottom;
        }
        double perPixel = (top[1] - bottom[1]) / (top[0] - bottom[0]);
        List<Double> values = new java.util.ArrayList<>();
        for (Object y : (List<Object>) drawn.get("ys")) {
            double v = bottom[1] + (((Number) y).doubleValue() - bottom[0]) * perPixel;
            values.add(log ? Math.pow(10, v) : v);
        }
        values.add(top[1] - bottom[1]); // last: the axis range shown (decades on the log scale)
        return values;
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

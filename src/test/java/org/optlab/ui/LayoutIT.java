package org.optlab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The page at a laptop's and a phone's size: nothing wider than the screen, and the contour plot with equal units on
 * both axes (read from its tick labels), so that a gradient meets its contour at a right angle on screen.
 */
class LayoutIT extends BrowserTestBase {

    /** Pixels per unit on the x and y axes of the contour plot, from its first and last tick labels. */
    static final String UNITS = """
            () => {
              const chart = document.getElementById('side-chart');
              const read = (sel, horizontal) => [...chart.querySelectorAll(sel + ' tspan')]
                  .map(t => ({ v: parseFloat(t.textContent.replace('−', '-')), b: t.getBoundingClientRect() }))
                  .filter(t => !Number.isNaN(t.v))
                  .map(t => ({ v: t.v, p: horizontal ? t.b.left + t.b.width / 2 : t.b.top + t.b.height / 2 }));
              const per = (ts) => {
                const a = ts[0], b = ts[ts.length - 1];
                return Math.abs((b.p - a.p) / (b.v - a.v));
              };
              const xs = read('.apexcharts-xaxis-label', true);
              const ys = read('.apexcharts-yaxis-label', false);
              return { x: per(xs), y: per(ys), xTicks: xs.map(t => t.v), yTicks: ys.map(t => t.v),
                       scrollWidth: document.documentElement.scrollWidth, width: window.innerWidth,
                       // what sticks out (the innermost such elements), to name in a failure
                       wider: [...document.querySelectorAll('body *')]
                         .filter(e => e.getBoundingClientRect().right > window.innerWidth + 0.5
                           && ![...e.children].some(c => c.getBoundingClientRect().right > window.innerWidth + 0.5))
                         .slice(0, 8)
                         .map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + '.' + [...e.classList].join('.')
                           + ' ' + Math.round(e.getBoundingClientRect().right)) };
            }""";

    @SuppressWarnings("unchecked")
    private void check(String size) {
        openLab();
        page.locator("#start").click();
        waitFor("() => document.getElementById('run-status').textContent === 'finished'", null);
        page.waitForTimeout(1500);
        screenshot(size);
        Map<String, Object> m = (Map<String, Object>) page.evaluate(UNITS);
        System.err.println(size + ": " + m);
        assertTrue(((Number) m.get("scrollWidth")).intValue() <= ((Number) m.get("width")).intValue(),
                size + ": nothing wider than the screen: " + m);
        double x = ((Number) m.get("x")).doubleValue();
        double y = ((Number) m.get("y")).doubleValue();
        assertEquals(x, y, 0.03 * x, size + ": equal units on both axes of the contour plot (px per unit)");
        for (String axis : List.of("xTicks", "yTicks")) {
            for (Number v : (List<Number>) m.get(axis)) {
                double t = v.doubleValue();
                assertEquals(Math.rint(t * 2) / 2, t, 1e-9, size + ": round ticks (" + axis + "): " + m.get(axis));
            }
        }
        assertEquals(List.of(), consoleErrors, "no errors in the browser console");
    }

    @Test
    void onALaptop() {
        page.setViewportSize(1440, 900);
        check("1440x900");
    }

    /** Elements larger than a button whose own background is light (luminance above 0.7), on the page as drawn. */
    static final String LIGHT_PATCHES = """
            () => {
              const lum = (c) => {
                const m = c.match(/rgba?\\(([^)]+)\\)/);
                if (!m) return -1;
                const [r, g, b, a] = m[1].split(',').map(x => parseFloat(x));
                if (a !== undefined && a < 0.5) return -1;
                return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
              };
              const out = [];
              for (const e of [document.documentElement, document.body, ...document.querySelectorAll('body *')]) {
                const b = e.getBoundingClientRect();
                if (b.width * b.height < 4000 || getComputedStyle(e).visibility === 'hidden' || b.width === 0) continue;
                const bg = getComputedStyle(e).backgroundColor;
                if (lum(bg) > 0.7) out.push(e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + ' ' + bg);
              }
              const rect = document.querySelector('#loss-chart svg.apexcharts-svg');
              return { light: out.slice(0, 10), chartBackground: rect && getComputedStyle(rect).backgroundColor };
            }""";

    @Test
    @SuppressWarnings("unchecked")
    void theDarkThemeCoversTheWholePage() {
        page.setViewportSize(1440, 900);
        openLab();
        page.locator("vaadin-button:has-text('Dark theme')").click();
        page.locator("#start").click();
        waitFor("() => document.getElementById('run-status').textContent === 'finished'", null);
        page.waitForTimeout(1000);
        screenshot("dark");
        Map<String, Object> m = (Map<String, Object>) page.evaluate(LIGHT_PATCHES);
        assertEquals(List.of(), m.get("light"), "no light patch on the dark page: " + m);
    }

    @Test
    void onAPhone() {
        page.setViewportSize(390, 844);
        check("390x844");
    }

    /** On a phone a dataset's chart tools (log scale, x axis, decision regions and its caption) wrap within the screen. */
    @Test
    @SuppressWarnings("unchecked")
    void onAPhoneADatasetsChartToolsFitTheScreen() {
        page.setViewportSize(390, 844);
        openLab();
        choose("problem-kind", "Toy dataset");
        page.locator("#regions-of").waitFor();
        page.locator("#start").click();
        waitFor("() => document.getElementById('run-status').textContent === 'finished'", null);
        page.waitForTimeout(1000);
        screenshot("moons");
        Map<String, Object> m = (Map<String, Object>) page.evaluate("""
                () => ({ scrollWidth: document.documentElement.scrollWidth, width: window.innerWidth,
                         regions: document.getElementById('regions-of').getBoundingClientRect().right,
                         caption: document.getElementById('regions-caption').getBoundingClientRect().right })""");
        System.err.println("phone, moons: " + m);
        double width = ((Number) m.get("width")).doubleValue();
        assertTrue(((Number) m.get("scrollWidth")).doubleValue() <= width, "nothing wider than the screen: " + m);
        assertTrue(((Number) m.get("regions")).doubleValue() <= width, "the decision-regions select on the screen: " + m);
        assertTrue(((Number) m.get("caption")).doubleValue() <= width, "its caption on the screen: " + m);
    }
}

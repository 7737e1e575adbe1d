package org.optlab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * One browser cannot make the server hold a lab per tab without bound: with {@code optlab.max-tabs-per-session=2}, a
 * third tab of the same browser shows a page that says so instead of a lab, and after one tab is closed a reload
 * opens the lab again.
 */
@TestPropertySource(properties = "optlab.max-tabs-per-session=2")
class TabLimitIT extends BrowserTestBase {

    @Test
    void aThirdTabOfOneBrowserIsToldToCloseOne() {
        openLab();
        Page second = context.newPage();
        second.navigate("http://localhost:" + port + "/");
        second.locator("#start").waitFor();
        Page third = context.newPage();
        third.navigate("http://localhost:" + port + "/");
        third.locator("#too-many-tabs").waitFor();
        String text = third.locator("#too-many-tabs").textContent();
        assertTrue(text.startsWith("This browser has 2 OptLab tabs open, the most this server keeps for one browser"),
                text);
        assertEquals(0, third.locator("#start").count(), "no lab in the third tab");
        // a closed tab gives its place back (Vaadin's unload beacon removes its UI)
        second.close(new Page.CloseOptions().setRunBeforeUnload(true));
        third.waitForTimeout(1500);
        third.navigate("http://localhost:" + port + "/");
        third.locator("#start").waitFor();
        assertEquals(0, third.locator("#too-many-tabs").count());
    }
}

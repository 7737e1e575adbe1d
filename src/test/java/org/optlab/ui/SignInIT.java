package org.optlab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.optlab.TestOidcProvider;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Sign-in on, in real Chromium: students sign in at the university's provider (inside the test, {@link TestOidcProvider}),
 * their experiments follow them from one browser to another, another student's do not, and Sign out ends the session at
 * OptLab and at the provider.
 */
class SignInIT extends BrowserTestBase {

    static final TestOidcProvider PROVIDER = TestOidcProvider.start();

    @DynamicPropertySource
    static void signIn(DynamicPropertyRegistry p) {
        PROVIDER.signInProperties(p);
    }

    @AfterAll
    static void stopProvider() {
        PROVIDER.close();
    }

    /** Opens the lab in {@code on}, signing in at the provider's form as {@code user}. */
    void signIn(Page on, String user) {
        on.navigate("http://localhost:" + port + "/");
        assertTrue(on.url().startsWith(PROVIDER.issuer() + "/authorize?"), "sent to the university: " + on.url());
        on.locator("#user").fill(user);
        on.locator("#sign-in-submit").click();
        on.locator("#loss-chart").waitFor();
        on.locator("#start").waitFor();
    }

    /** Saves the lab's experiment in {@code on} and returns its id. */
    static String save(Page on) {
        on.locator("#save").click();
        on.waitForFunction("() => { const f = document.getElementById('share-link');"
                + " return f && typeof f.value === 'string' && f.value.startsWith('http'); }");
        String link = (String) on.evaluate("() => document.getElementById('share-link').value");
        return link.substring(link.indexOf("/e/") + 3);
    }

    /** The ids in the "My experiments" list of {@code on}. */
    @SuppressWarnings("unchecked")
    static java.util.List<String> mine(Page on) {
        on.locator("#my-experiments").click();
        on.locator("#my-experiments-grid vaadin-grid-cell-content a").first().waitFor();
        java.util.List<String> ids = (java.util.List<String>) on.evaluate("() => [...document.querySelectorAll("
                + "'#my-experiments-grid vaadin-grid-cell-content a')].map(a => a.getAttribute('href').substring(2))");
        on.keyboard().press("Escape");
        return ids;
    }

    @Test
    void experimentsFollowTheStudentAcrossBrowsersAndSignOutEndsTheSession() {
        signIn(page, "alice");
        assertEquals("Signed in as Alice Example", page.locator("#signed-in-as").textContent());
        screenshot("signed-in");
        String alices = save(page);

        BrowserContext phone = browser.newContext();
        BrowserContext bobs = browser.newContext();
        try {
            Page onPhone = phone.newPage();
            signIn(onPhone, "alice");
            assertTrue(mine(onPhone).contains(alices), "alice's experiment is in her list in another browser");
            onPhone.navigate("http://localhost:" + port + "/e/" + alices);
            onPhone.locator("#delete").waitFor(); // hers: she may delete it from there

            Page bob = bobs.newPage();
            signIn(bob, "bob");
            assertEquals("Signed in as Bob Example", bob.locator("#signed-in-as").textContent());
            String bobs1 = save(bob);
            java.util.List<String> bobsList = mine(bob);
            assertTrue(bobsList.contains(bobs1) && !bobsList.contains(alices), "bob's list is his: " + bobsList);
            bob.navigate("http://localhost:" + port + "/e/" + alices);
            bob.locator("#run-again").waitFor();
            assertEquals(0, bob.locator("#delete").count(), "bob may open alice's link but not delete it");
            for (Page p : new Page[] {page, onPhone, bob}) {
                for (TestOidcProvider.User u : TestOidcProvider.USERS.values()) {
                    assertFalse(p.content().contains(u.subject()), "a subject is never shown");
                }
            }

            int before = PROVIDER.signedOut.size();
            page.locator("#sign-out").click();
            // signed out at the provider too (with the ID token as the hint), then back to OptLab, which asks for a
            // login again: the provider's form
            page.waitForURL(Pattern.compile(Pattern.quote(PROVIDER.issuer()) + "/authorize\\?.*"));
            page.locator("#sign-in-submit").waitFor();
            assertEquals(before + 1, PROVIDER.signedOut.size());
            assertTrue(PROVIDER.issued.contains(PROVIDER.signedOut.get(before)), "the hint is an ID token it issued");
            page.navigate("http://localhost:" + port + "/e/" + alices);
            assertTrue(page.url().startsWith(PROVIDER.issuer() + "/authorize?"), "no way back without a login: "
                    + page.url());
            onPhone.reload();
            onPhone.locator("#run-again").waitFor(); // the phone's own session goes on
            assertEquals(java.util.List.of(), consoleErrors, "a clean console in the signed-in lab");
        } finally {
            phone.close();
            bobs.close();
        }
    }
}

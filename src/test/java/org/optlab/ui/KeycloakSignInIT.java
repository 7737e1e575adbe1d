package org.optlab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.optlab.KeycloakServer;
import org.optlab.KeycloakServer.Student;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Sign-in on, against a real Keycloak ({@link KeycloakServer}) in real Chromium: the check {@link SignInIT} makes against
 * the provider inside the tests, made against the provider universities run. On demand only: {@code mvn -Pkeycloak
 * verify} (README, "Sign-in (optional)").
 */
class KeycloakSignInIT extends BrowserTestBase {

    static final KeycloakServer KEYCLOAK = KeycloakServer.start();
    /** Saved experiments one person may keep: two, so that the test reaches the limit with three saves. */
    static final int MAX_SAVED = 2;
    /** Experiments one person may run at once: one, so that a second browser of the same student is refused. */
    static final int MAX_RUNNING = 1;

    @DynamicPropertySource
    static void signIn(DynamicPropertyRegistry p) {
        KEYCLOAK.signInProperties(p);
        p.add("optlab.max-experiments-per-owner", () -> String.valueOf(MAX_SAVED));
        p.add("optlab.max-running-experiments", () -> String.valueOf(MAX_RUNNING));
    }

    @AfterAll
    static void stopKeycloak() {
        KEYCLOAK.close();
    }

    /** Opens the lab in {@code on}, signing in at Keycloak's login form as {@code student}. */
    void signIn(Page on, Student student) {
        on.navigate("http://localhost:" + port + "/");
        assertTrue(on.url().startsWith(KEYCLOAK.issuer() + "/protocol/openid-connect/auth?"),
                "sent to Keycloak: " + on.url());
        on.locator("#username").fill(student.username());
        on.locator("#password").fill(student.password());
        on.locator("#kc-login").click();
        on.locator("#loss-chart").waitFor();
        on.locator("#start").waitFor();
        assertEquals("Signed in as " + student.name(), on.locator("#signed-in-as").textContent());
    }

    /** The parameters of a URL's query, decoded. */
    static Map<String, String> query(String url) {
        Map<String, String> q = new LinkedHashMap<>();
        for (String pair : URI.create(url).getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            q.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                    kv.length < 2 ? "" : URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return q;
    }

    @Test
    void experimentsAndLimitsFollowTheStudentAndSignOutEndsTheKeycloakSession() throws Exception {
        System.err.printf("%s: %s started in %.1f s%n", testName, KEYCLOAK.version(), KEYCLOAK.startSeconds);
        KEYCLOAK.allowOptLabAt(port);
        List<String> logouts = new CopyOnWriteArrayList<>();
        page.onRequest(r -> {
            if (r.url().startsWith(KEYCLOAK.issuer() + "/protocol/openid-connect/logout")) {
                logouts.add(r.url());
            }
        });
        long t0 = System.nanoTime();
        signIn(page, KeycloakServer.ALICE);
        long signedInAt = System.currentTimeMillis() / 1000;
        System.err.printf("%s: signed in at Keycloak and in the lab in %.1f s%n", testName,
                (System.nanoTime() - t0) / 1e9);
        screenshot("signed-in");
        String alices = SignInIT.save(page);

        BrowserContext phone = browser.newContext();
        BrowserContext bobs = browser.newContext();
        try {
            Page onPhone = phone.newPage();
            signIn(onPhone, KeycloakServer.ALICE);
            assertEquals(2, KEYCLOAK.sessions(KeycloakServer.ALICE), "alice is signed in at Keycloak in two browsers");
            assertTrue(SignInIT.mine(onPhone).contains(alices), "alice's experiment is in her list in another browser");
            onPhone.navigate("http://localhost:" + port + "/e/" + alices);
            onPhone.locator("#delete").waitFor(); // hers: she may delete it from there

            // the limit of saved experiments counts hers in both browsers: one saved on the phone, then the first
            // browser's next one is refused
            onPhone.navigate("http://localhost:" + port + "/");
            onPhone.locator("#start").waitFor();
            SignInIT.save(onPhone);
            page.locator("#save-copy").click();
            page.waitForFunction("() => (document.getElementById('save-message') || {}).textContent"
                    + " && document.getElementById('save-message').textContent.includes('limit per person')");
            assertEquals("you have " + MAX_SAVED + " saved experiments; the limit per person is " + MAX_SAVED
                    + " (optlab.max-experiments-per-owner): delete some in My experiments first",
                    page.locator("#save-message").textContent());

            // so does the limit of experiments running at once: hers runs in the first browser, the phone's waits
            choose("speed", "5 steps/s");
            page.locator("#start").click();
            page.waitForFunction("() => document.getElementById('run-status').textContent === 'running'");
            onPhone.locator("#start").click();
            onPhone.waitForFunction("() => document.getElementById('form-errors').textContent.includes('per person')");
            assertTrue(onPhone.locator("#form-errors").textContent().contains("you already run 1 experiments in other"
                    + " tabs; the limit per person is " + MAX_RUNNING + " (optlab.max-running-experiments): stop one"
                    + " first"), onPhone.locator("#form-errors").textContent());

            Page bob = bobs.newPage();
            signIn(bob, KeycloakServer.BOB);
            bob.locator("#start").click(); // his own count: alice's running experiment does not stop him
            bob.waitForFunction("() => document.getElementById('run-status').textContent !== 'ready'");
            assertEquals("", bob.locator("#form-errors").textContent(), "bob's run is not refused");
            assertEquals("running", page.locator("#run-status").textContent(), "alice's still runs");
            page.locator("#stop").click();
            String bobs1 = SignInIT.save(bob); // nor do alice's two saved experiments
            List<String> bobsList = SignInIT.mine(bob);
            assertTrue(bobsList.contains(bobs1) && !bobsList.contains(alices), "bob's list is his: " + bobsList);
            bob.navigate("http://localhost:" + port + "/e/" + alices);
            bob.locator("#run-again").waitFor();
            assertEquals(0, bob.locator("#delete").count(), "bob may open alice's link but not delete it");
            for (Page p : new Page[] {page, onPhone, bob}) {
                for (Student s : List.of(KeycloakServer.ALICE, KeycloakServer.BOB)) {
                    assertFalse(p.content().contains(KEYCLOAK.subject(s)), "a subject is never shown");
                }
            }

            // the ID token the first browser got at sign-in has expired by now (the test takes longer than the
            // realm's token lifespan); wait for it if not
            long signOutAt = Math.max(System.currentTimeMillis() / 1000, signedInAt + KeycloakServer.TOKEN_SECONDS + 2);
            Thread.sleep(Math.max(0, signOutAt * 1000 - System.currentTimeMillis()));
            page.locator("#sign-out").click();
            // RP-initiated logout at Keycloak with the ID token as the hint, back to OptLab, which asks for a login
            // again: Keycloak's login form, not a silent sign-in, because Keycloak's session of this browser ended
            page.locator("#kc-login").waitFor();
            assertTrue(page.url().startsWith(KEYCLOAK.issuer() + "/protocol/openid-connect/auth?"), page.url());
            assertEquals(1, logouts.size(), "one RP-initiated logout: " + logouts);
            Map<String, String> logout = query(logouts.get(0));
            assertEquals("http://localhost:" + port, logout.get("post_logout_redirect_uri"));
            JsonNode hint = new ObjectMapper().readTree(Base64.getUrlDecoder().decode(
                    logout.get("id_token_hint").split("\\.")[1]));
            assertEquals(KEYCLOAK.issuer(), hint.get("iss").asText(), "the hint is an ID token of Keycloak's");
            assertEquals(KEYCLOAK.subject(KeycloakServer.ALICE), hint.get("sub").asText(), "... for alice");
            assertTrue(hint.get("exp").asLong() < signOutAt, "signed out with an expired ID token: it expired at "
                    + hint.get("exp") + ", the sign-out was at " + signOutAt);
            assertEquals(1, KEYCLOAK.sessions(KeycloakServer.ALICE), "the phone's Keycloak session is left");
            page.navigate("http://localhost:" + port + "/e/" + alices);
            assertTrue(page.url().startsWith(KEYCLOAK.issuer() + "/protocol/openid-connect/auth?"),
                    "no way back without a login: " + page.url());
            onPhone.navigate("http://localhost:" + port + "/");
            onPhone.locator("#start").waitFor(); // the phone's own session goes on
            assertEquals("Signed in as Alice Example", onPhone.locator("#signed-in-as").textContent());

            // Keycloak's session of the phone ends first (its idle timeout, 30 minutes by default, is shorter than
            // an afternoon in the lab): OptLab's goes on, and Sign out still comes back to Keycloak's login form
            KEYCLOAK.endSessions(KeycloakServer.ALICE);
            assertEquals(0, KEYCLOAK.sessions(KeycloakServer.ALICE));
            onPhone.navigate("http://localhost:" + port + "/");
            onPhone.locator("#sign-out").click();
            onPhone.locator("#kc-login").waitFor();
            assertTrue(onPhone.url().startsWith(KEYCLOAK.issuer() + "/protocol/openid-connect/auth?"), onPhone.url());
            assertEquals(List.of(), consoleErrors, "a clean console, in the lab and on Keycloak's pages");
        } finally {
            phone.close();
            bobs.close();
        }
    }
}

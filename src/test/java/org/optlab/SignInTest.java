package org.optlab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.optlab.engine.Algorithm;
import org.optlab.experiment.ExperimentDocument;
import org.optlab.experiment.ExperimentDocument.OptimizerSpec;
import org.optlab.experiment.ExperimentDocument.ProblemSpec;
import org.optlab.lab.OwnerTokens;
import org.optlab.sharing.SharingService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Sign-in on, over HTTP: each {@link Browser} is one cookie jar walking the OpenID Connect login against the provider
 * inside the test ({@link TestOidcProvider}), the way a browser follows the redirects.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@org.junit.jupiter.api.extension.ExtendWith(OutputCaptureExtension.class)
class SignInTest {

    static final TestOidcProvider PROVIDER = TestOidcProvider.start();

    @DynamicPropertySource
    static void signIn(DynamicPropertyRegistry p) {
        PROVIDER.signInProperties(p);
    }

    @AfterAll
    static void stop() {
        PROVIDER.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    SharingService sharing;

    /** One browser: its own cookies, redirects followed by hand so that each step can be checked. */
    final class Browser {
        final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER).build();

        HttpResponse<String> get(String url) throws Exception {
            URI uri = URI.create(url.startsWith("http") ? url : "http://localhost:" + port + url);
            // a browser's Accept: Spring Security sends a page's request to the login, another request gets a 401
            return http.send(HttpRequest.newBuilder(uri).header("Accept", "text/html,*/*;q=0.8").build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        /** Opens {@code path}, signs in as {@code user} at the provider when asked to, and returns the page it ends on. */
        HttpResponse<String> signInAndOpen(String path, String user) throws Exception {
            HttpResponse<String> r = get(path);
            assertEquals(302, r.statusCode(), path + " asks for a login");
            assertEquals("http://localhost:" + port + "/oauth2/authorization/university", location(r));
            r = get(location(r));
            String authorize = location(r);
            assertTrue(authorize.startsWith(PROVIDER.issuer() + "/authorize?") && authorize.contains("nonce=")
                    && authorize.contains("state="), authorize);
            r = get(authorize + "&user=" + user); // the user signs in at the university
            String back = location(r);
            assertTrue(back.startsWith("http://localhost:" + port + "/login/oauth2/code/university?code="), back);
            r = get(back);
            assertEquals(302, r.statusCode(), "the code is exchanged and the ID token checked: " + r.body());
            // back to the page asked for (Spring Security's request cache marks it "?continue")
            assertEquals("http://localhost:" + port + path + (path.contains("?") ? "&" : "?") + "continue", location(r));
            return get(location(r));
        }

        /**
         * What the lab sends for the page at {@code route} ("" the lab, "e/ID" a shared experiment), as Vaadin's client
         * starts it: the start request makes the tab's UI, then the client reports the route it is at (the "ui-navigate"
         * event), and the answer carries the page's components and texts.
         */
        String vaadinPage(String route) throws Exception {
            String init = get("/?v-r=init&location=").body();
            com.fasterxml.jackson.databind.JsonNode app = JSON.readTree(init).path("appConfig");
            String ui = app.path("v-uiId").asText();
            String key = app.path("uidl").path("Vaadin-Security-Key").asText();
            if (key.isEmpty()) {
                return init;
            }
            String navigate = JSON.writeValueAsString(java.util.Map.of("csrfToken", key, "syncId", 0, "clientId", 0,
                    "rpc", java.util.List.of(java.util.Map.of("type", "event", "node", 1, "event", "ui-navigate",
                            "data", java.util.Map.of("route", route, "query", "", "appShellTitle", "",
                                    "historyState", java.util.Map.of("idx", 0), "trigger", "")))));
            HttpRequest post = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/?v-r=uidl&v-uiId=" + ui))
                    .header("Content-Type", "application/json; charset=UTF-8")
                    .POST(HttpRequest.BodyPublishers.ofString(navigate)).build();
            return http.send(post, HttpResponse.BodyHandlers.ofString()).body();
        }
    }

    static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    static String location(HttpResponse<String> r) {
        return r.headers().firstValue("Location").orElseThrow(() -> new AssertionError(
                "a redirect, not " + r.statusCode() + " " + r.body()));
    }

    @Test
    void everyPageAndEveryShareLinkAsksForALoginButHealthDoesNot() throws Exception {
        Browser b = new Browser();
        for (String path : new String[] {"/", "/e/abcdefghijklmnopqrstuv"}) {
            HttpResponse<String> r = b.get(path);
            assertEquals(302, r.statusCode(), path);
            assertEquals("http://localhost:" + port + "/oauth2/authorization/university", location(r), path);
            assertTrue(r.headers().firstValue("Content-Security-Policy").orElse("").contains("frame-ancestors 'self'"),
                    "OptLab's own headers on the redirect too");
            assertTrue(r.headers().firstValue("X-Frame-Options").isEmpty(), "none of Spring Security's headers");
        }
        assertEquals(200, b.get("/actuator/health").statusCode());
        // Vaadin's own start request would build the lab for anyone: its navigation access control sends it to the
        // login instead, and no lab is made
        String init = b.vaadinPage("");
        assertFalse(init.contains("Optimization for Training Deep Models"), init);
        assertTrue(init.contains("/oauth2/authorization/university"), init);
    }

    @Test
    void theSameUserIsTheSameOwnerInEveryBrowserAndAnotherUserIsNot(CapturedOutput log) throws Exception {
        TestOidcProvider.User alice = TestOidcProvider.USERS.get("alice");
        // an experiment alice saved earlier (in some browser): the store knows it by her owner
        String id = sharing.save(new ExperimentDocument(1, "Alice's quadratic", 1L, 50, null,
                ProblemSpec.function("quadratic", null), java.util.List.of(OptimizerSpec.of("GD", Algorithm.SGD)), null,
                null), null, OwnerTokens.signedIn(PROVIDER.issuer(), alice.subject())).id();

        Browser laptop = new Browser();
        Browser phone = new Browser();
        Browser bobs = new Browser();
        HttpResponse<String> lab = laptop.signInAndOpen("/", "alice");
        assertEquals(200, lab.statusCode());
        assertEquals(200, phone.signInAndOpen("/e/" + id, "alice").statusCode());
        assertEquals(200, bobs.signInAndOpen("/", "bob").statusCode());

        String onLaptop = laptop.vaadinPage("e/" + id);
        String onPhone = phone.vaadinPage("e/" + id);
        String forBob = bobs.vaadinPage("e/" + id);
        assertTrue(onLaptop.contains("Alice's quadratic") && onLaptop.contains(" · yours"), onLaptop);
        assertTrue(onPhone.contains(" · yours"), "alice in another browser owns it too");
        assertTrue(forBob.contains("Alice's quadratic") && !forBob.contains(" · yours"), "bob only sees it: " + forBob);

        String labPage = laptop.vaadinPage("");
        assertTrue(labPage.contains("Optimization for Training Deep Models"), "the lab, after the login: " + labPage);
        assertTrue(labPage.contains("Signed in as Alice Example") && labPage.contains("Sign out"), labPage);
        for (String page : new String[] {onLaptop, onPhone, labPage, bobs.vaadinPage("")}) {
            for (TestOidcProvider.User u : TestOidcProvider.USERS.values()) {
                assertFalse(page.contains(u.subject()), "the subject is never shown");
            }
        }
        for (TestOidcProvider.User u : TestOidcProvider.USERS.values()) {
            assertFalse(log.getAll().contains(u.subject()), "nor logged");
        }
        assertTrue(laptop.http.cookieHandler().orElseThrow().get(URI.create("http://localhost:" + port + "/"),
                java.util.Map.of()).toString().contains("JSESSIONID"));
        assertFalse(laptop.http.cookieHandler().orElseThrow().get(URI.create("http://localhost:" + port + "/"),
                java.util.Map.of()).toString().contains("optlab-owner"), "no owner cookie: the user is the owner");
    }
}

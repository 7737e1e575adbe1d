package org.optlab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Sign-in off (the default): the application is as before Spring Security came on the class path. No security filter
 * exists, and every response carries exactly the headers (and cookies) it carried before: the names below are what the
 * jar of the commit before sign-in answered to the same requests ({@code curl -D -}, December 2026).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SignInOffTest {

    /** Path → status, then the response's header names (sorted, one per header line) and its cookies' names. */
    private static final Map<String, List<String>> BEFORE_SIGN_IN = Map.of(
            "/", List.of("200", "content-length", "content-security-policy", "content-type", "date", "referrer-policy",
                    "set-cookie", "set-cookie", "x-content-type-options", "cookie JSESSIONID", "cookie csrfToken"),
            "/actuator/health", List.of("200", "content-security-policy", "content-type", "date", "referrer-policy",
                    "transfer-encoding", "x-content-type-options"),
            "/e/no-such-experiment", List.of("200", "content-length", "content-security-policy", "content-type", "date",
                    "referrer-policy", "set-cookie", "set-cookie", "x-content-type-options", "cookie JSESSIONID",
                    "cookie csrfToken"),
            "/VAADIN/no-such-file.js", List.of("404", "content-disposition", "content-security-policy", "content-type",
                    "date", "referrer-policy", "set-cookie", "transfer-encoding", "x-content-type-options",
                    "cookie JSESSIONID"),
            "/?v-r=init&location=", List.of("200", "cache-control", "content-length", "content-security-policy",
                    "content-type", "date", "expires", "pragma", "referrer-policy", "set-cookie",
                    "x-content-type-options", "cookie JSESSIONID"));

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Test
    void noSecurityFilterExists() {
        assertEquals(Map.of(), context.getBeansOfType(SecurityFilterChain.class));
        assertTrue(!context.containsBean("springSecurityFilterChain"), "no Spring Security filter");
    }

    @Test
    void everyResponseIsAsBeforeSignInCame() throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        for (Map.Entry<String, List<String>> e : BEFORE_SIGN_IN.entrySet()) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + e.getKey()))
                    .build(), HttpResponse.BodyHandlers.ofString());
            List<String> seen = new ArrayList<>(List.of(String.valueOf(r.statusCode())));
            List<String> cookies = new ArrayList<>();
            r.headers().map().forEach((name, values) -> values.forEach(v -> seen.add(name.toLowerCase(Locale.ROOT))));
            r.headers().allValues("set-cookie").forEach(c -> cookies.add("cookie " + c.substring(0, c.indexOf('='))));
            seen.subList(1, seen.size()).sort(null);
            cookies.sort(null);
            seen.addAll(cookies);
            assertEquals(e.getValue(), seen, e.getKey() + " (no redirect to a login, no header of Spring Security's)");
        }
    }
}

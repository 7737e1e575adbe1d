package org.optlab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real Keycloak for the sign-in check against it ({@code mvn -Pkeycloak verify}, README "Sign-in (optional)"): the
 * server distribution that Maven unpacked ({@code optlab.keycloak.home}), started in development mode on a free port
 * with an in-memory database, and set up through its admin REST API as a university would set it up for OptLab: a
 * realm {@value #REALM}, a confidential client {@value #CLIENT_ID} of the authorization-code flow, and two students,
 * alice and bob, with their names and e-mail addresses.
 */
public final class KeycloakServer implements AutoCloseable {

    public static final String REALM = "students";
    public static final String CLIENT_ID = "optlab";
    public static final String CLIENT_SECRET = "optlab-keycloak-secret";
    /** How long the realm's tokens live, in seconds. */
    public static final int TOKEN_SECONDS = 15;
    private static final String ADMIN = "admin";
    private static final String ADMIN_PASSWORD = "admin-password";

    /** A student of the realm: user name, password, and the name the ID token's {@code name} claim carries. */
    public record Student(String username, String password, String firstName, String lastName) {
        public String name() {
            return firstName + " " + lastName;
        }
    }

    public static final Student ALICE = new Student("alice", "alice-password", "Alice", "Example");
    public static final Student BOB = new Student("bob", "bob-password", "Bob", "Example");

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Process process;
    private final int port;
    private final Path log;
    /** Seconds from the start of kc.sh to its first answer. */
    public final double startSeconds;

    private KeycloakServer(Path home) throws IOException, InterruptedException {
        if (!Files.isExecutable(home.resolve("bin/kc.sh"))) {
            throw new IllegalStateException("no Keycloak at " + home + " (optlab.keycloak.home): run it with"
                    + " mvn -Pkeycloak verify, which unpacks the server distribution there");
        }
        port = freePort();
        log = home.resolveSibling("keycloak-" + port + ".log");
        ProcessBuilder kc = new ProcessBuilder(home.resolve("bin/kc.sh").toString(), "start-dev",
                "--http-port=" + port, "--http-management-port=" + freePort(), "--db=dev-mem")
                .redirectErrorStream(true).redirectOutput(log.toFile());
        // the JDK of this test (Java 17 here), and the first administrator of the master realm
        kc.environment().put("JAVA_HOME", System.getProperty("java.home"));
        kc.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN);
        kc.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
        long t0 = System.nanoTime();
        process = kc.start();
        waitUntilUp();
        startSeconds = (System.nanoTime() - t0) / 1e9;
    }

    /** Starts Keycloak and creates the realm, the client and the students; fails with Keycloak's log when it cannot. */
    public static KeycloakServer start() {
        KeycloakServer kc = null;
        try {
            kc = new KeycloakServer(Paths.get(System.getProperty("optlab.keycloak.home", "target/keycloak/keycloak")));
            kc.createRealm();
            return kc;
        } catch (IOException | InterruptedException | RuntimeException e) {
            String tail = kc == null ? "" : kc.logTail();
            if (kc != null) {
                kc.close();
            }
            throw new IllegalStateException("Keycloak did not start or could not be set up: " + e + tail, e);
        }
    }

    /** The realm's URL: the issuer OptLab is configured with. */
    public String issuer() {
        return base() + "/realms/" + REALM;
    }

    /** Keycloak's version, as its log says it at start ("Keycloak 26.4.7 on JVM ..."). */
    public String version() throws IOException {
        return Files.readAllLines(log).stream().filter(l -> l.contains("Keycloak ") && l.contains(" on JVM"))
                .map(l -> l.substring(l.indexOf("Keycloak "), l.indexOf(" on JVM"))).findFirst().orElse("?");
    }

    /** The settings a university writes for OptLab with this Keycloak (README, "Sign-in (optional)"). */
    public void signInProperties(org.springframework.test.context.DynamicPropertyRegistry p) {
        TestOidcProvider.signInProperties(p, issuer(), CLIENT_ID, CLIENT_SECRET);
    }

    /**
     * Registers OptLab at {@code http://localhost:port} with the client: exactly the redirect URI of its login callback
     * and the post-logout redirect URI of its Sign out, as the README tells a university to.
     */
    public void allowOptLabAt(int optLabPort) throws IOException, InterruptedException {
        String optLab = "http://localhost:" + optLabPort;
        ObjectNode client = (ObjectNode) client();
        client.set("redirectUris", JSON.valueToTree(List.of(optLab + "/login/oauth2/code/university")));
        ((ObjectNode) client.get("attributes")).put("post.logout.redirect.uris", optLab);
        admin("PUT", "/clients/" + client.get("id").asText(), client);
    }

    /** How many sessions Keycloak holds for this student (one per browser signed in and not signed out). */
    public int sessions(Student student) throws IOException, InterruptedException {
        return admin("GET", "/users/" + subject(student) + "/sessions", null).size();
    }

    /** Ends all of the student's sessions at Keycloak, as its idle timeout or an administrator does. */
    public void endSessions(Student student) throws IOException, InterruptedException {
        admin("POST", "/users/" + subject(student) + "/logout", null);
    }

    /** The student's subject: Keycloak's id of the user, the {@code sub} of their ID tokens. */
    public String subject(Student student) throws IOException, InterruptedException {
        return admin("GET", "/users?exact=true&username=" + student.username(), null).get(0).get("id").asText();
    }

    private void createRealm() throws IOException, InterruptedException {
        Map<String, Object> realm = Map.of("realm", REALM, "enabled", true,
                // ID tokens live as long as access tokens: 5 minutes by default, shorter here so that the test signs
                // out with an expired one, as a student does after a lab session of more than 5 minutes
                "accessTokenLifespan", TOKEN_SECONDS,
                "clients", List.of(Map.of("clientId", CLIENT_ID, "enabled", true, "protocol", "openid-connect",
                        "publicClient", false, "clientAuthenticatorType", "client-secret", "secret", CLIENT_SECRET,
                        "standardFlowEnabled", true, "directAccessGrantsEnabled", false,
                        "redirectUris", List.of(), "attributes", Map.of())),
                "users", List.of(user(ALICE), user(BOB)));
        send("POST", base() + "/admin/realms", realm, 201);
    }

    private static Map<String, Object> user(Student s) {
        return Map.of("username", s.username(), "enabled", true, "firstName", s.firstName(), "lastName", s.lastName(),
                "email", s.username() + "@uni.example", "emailVerified", true,
                "credentials", List.of(Map.of("type", "password", "value", s.password(), "temporary", false)));
    }

    private JsonNode client() throws IOException, InterruptedException {
        return admin("GET", "/clients?clientId=" + CLIENT_ID, null).get(0);
    }

    /** A call of the admin REST API on the realm. */
    private JsonNode admin(String method, String path, Object body) throws IOException, InterruptedException {
        return send(method, base() + "/admin/realms/" + REALM + path, body, method.equals("GET") ? 200 : 204);
    }

    private JsonNode send(String method, String url, Object body, int expected)
            throws IOException, InterruptedException {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + adminToken());
        if (body == null) {
            r.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            r.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        }
        HttpResponse<String> response = http.send(r.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(method + " " + url + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
    }

    /** A fresh token of the master realm's administrator (they live a minute). */
    private String adminToken() throws IOException, InterruptedException {
        String form = "grant_type=password&client_id=admin-cli&username=" + ADMIN + "&password="
                + URLEncoder.encode(ADMIN_PASSWORD, StandardCharsets.UTF_8);
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                URI.create(base() + "/realms/master/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("no admin token: " + r.statusCode() + " " + r.body());
        }
        return JSON.readTree(r.body()).get("access_token").asText();
    }

    private void waitUntilUp() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4); // 21 s on a quiet machine, minutes under load
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("kc.sh ended with exit code " + process.exitValue());
            }
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(base() + "/realms/master"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("Keycloak did not answer within 4 minutes");
    }

    private String base() {
        return "http://localhost:" + port;
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return "\n" + log + " ends:\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 30),
                    lines.size()));
        } catch (IOException e) {
            return "";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() {
        List<ProcessHandle> all = new java.util.ArrayList<>(process.descendants().toList());
        all.add(process.toHandle());
        all.forEach(ProcessHandle::destroy);
        for (ProcessHandle p : all) {
            try {
                p.onExit().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                p.destroyForcibly();
            }
        }
    }
}

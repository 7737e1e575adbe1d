package org.optlab;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A university's OpenID Connect provider for the sign-in tests, inside the test: discovery, a JWKS, an authorization
 * endpoint that asks for the user's name (a form; a test over HTTP adds {@code user=} itself) and redirects back with a
 * code, a token endpoint that checks the client's secret and the code and returns an ID token signed with its RSA key,
 * and an end-session endpoint. Two users: alice and bob, with subjects that must never appear in OptLab's pages.
 */
public final class TestOidcProvider implements AutoCloseable {

    public static final String CLIENT_ID = "optlab";
    public static final String CLIENT_SECRET = "optlab-test-secret";

    /** A user of the provider: the subject and the claims the ID token carries. */
    public record User(String subject, String name, String email) {
    }

    public static final Map<String, User> USERS = Map.of(
            "alice", new User("f81d4fae-7dec-11d0-a765-00a0c91e6bf6", "Alice Example", "alice@uni.example"),
            "bob", new User("9a1c2e44-0b7f-4c1e-9d3a-5b6f7e8d9c01", "Bob Example", "bob@uni.example"));

    private record Grant(User user, String nonce, String redirectUri) {
    }

    private final HttpServer server;
    private final RSAKey key;
    private final Map<String, Grant> codes = new ConcurrentHashMap<>();
    /** The ID token hints the end-session endpoint received (one per sign-out). */
    public final List<String> signedOut = new CopyOnWriteArrayList<>();
    /** The ID tokens issued, one per login. */
    public final List<String> issued = new CopyOnWriteArrayList<>();

    public TestOidcProvider() throws IOException, JOSEException {
        key = new RSAKeyGenerator(2048).keyID("test-key").generate();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/.well-known/openid-configuration", this::discovery);
        server.createContext("/jwks", x -> send(x, 200, "application/json", new JWKSet(key.toPublicJWK()).toString()));
        server.createContext("/authorize", this::authorize);
        server.createContext("/token", this::token);
        server.createContext("/logout", this::logout);
        server.createContext("/favicon.ico", x -> { // the browser asks for it on the sign-in form
            x.sendResponseHeaders(204, -1);
            x.close();
        });
        server.start();
    }

    /** A provider started for a test class (its settings go in through {@link #signInProperties}). */
    public static TestOidcProvider start() {
        try {
            return new TestOidcProvider();
        } catch (IOException | JOSEException e) {
            throw new IllegalStateException("the test's OpenID Connect provider did not start", e);
        }
    }

    public String issuer() {
        return "http://localhost:" + server.getAddress().getPort();
    }

    /** The settings a university would write (README, "Sign-in (optional)"), for this provider. */
    public void signInProperties(org.springframework.test.context.DynamicPropertyRegistry p) {
        signInProperties(p, issuer(), CLIENT_ID, CLIENT_SECRET);
    }

    /** The README's settings for a provider with that issuer and a client with that id and secret. */
    public static void signInProperties(org.springframework.test.context.DynamicPropertyRegistry p, String issuer,
            String clientId, String clientSecret) {
        p.add("optlab.sign-in.enabled", () -> "true");
        p.add("spring.security.oauth2.client.registration.university.client-id", () -> clientId);
        p.add("spring.security.oauth2.client.registration.university.client-secret", () -> clientSecret);
        p.add("spring.security.oauth2.client.registration.university.scope", () -> "openid,profile,email");
        p.add("spring.security.oauth2.client.provider.university.issuer-uri", () -> issuer);
    }

    private void discovery(HttpExchange x) throws IOException {
        String i = issuer();
        send(x, 200, "application/json", """
                {"issuer": "%s", "authorization_endpoint": "%s/authorize", "token_endpoint": "%s/token",
                 "jwks_uri": "%s/jwks", "end_session_endpoint": "%s/logout", "response_types_supported": ["code"],
                 "subject_types_supported": ["public"], "id_token_signing_alg_values_supported": ["RS256"],
                 "scopes_supported": ["openid", "profile", "email"],
                 "token_endpoint_auth_methods_supported": ["client_secret_basic"]}""".formatted(i, i, i, i, i));
    }

    /** Without {@code user}: the sign-in form. With it: a code for that user, back to the client's redirect URI. */
    private void authorize(HttpExchange x) throws IOException {
        Map<String, String> q = query(x.getRequestURI().getRawQuery());
        if (!CLIENT_ID.equals(q.get("client_id")) || !"code".equals(q.get("response_type"))
                || q.get("redirect_uri") == null || !String.valueOf(q.get("scope")).contains("openid")) {
            send(x, 400, "text/plain", "bad authorization request");
            return;
        }
        String name = q.get("user");
        if (name == null) {
            StringBuilder form = new StringBuilder("<!doctype html><title>University sign-in</title>"
                    + "<h1>University sign-in</h1><form method=get action=/authorize>");
            q.forEach((k, v) -> form.append("<input type=hidden name=\"").append(k).append("\" value=\"")
                    .append(v.replace("&", "&amp;").replace("\"", "&quot;")).append("\">"));
            form.append("<input id=user name=user><button id=sign-in-submit>Sign in</button></form>");
            send(x, 200, "text/html", form.toString());
            return;
        }
        User user = USERS.get(name);
        if (user == null) {
            send(x, 401, "text/plain", "unknown user");
            return;
        }
        String code = UUID.randomUUID().toString();
        codes.put(code, new Grant(user, q.get("nonce"), q.get("redirect_uri")));
        redirect(x, q.get("redirect_uri") + "?code=" + code + "&state=" + enc(q.get("state")));
    }

    private void token(HttpExchange x) throws IOException {
        String basic = "Basic " + Base64.getEncoder().encodeToString(
                (CLIENT_ID + ":" + CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));
        Map<String, String> form = query(new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        Grant grant = codes.remove(String.valueOf(form.get("code")));
        if (!"POST".equals(x.getRequestMethod()) || !basic.equals(x.getRequestHeaders().getFirst("Authorization"))
                || grant == null || !"authorization_code".equals(form.get("grant_type"))
                || !grant.redirectUri().equals(form.get("redirect_uri"))) {
            send(x, 400, "application/json", "{\"error\": \"invalid_grant\"}");
            return;
        }
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(issuer()).subject(grant.user().subject())
                .audience(CLIENT_ID).issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300)))
                .claim("name", grant.user().name()).claim("email", grant.user().email());
        if (grant.nonce() != null) {
            claims.claim("nonce", grant.nonce());
        }
        SignedJWT idToken = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                claims.build());
        try {
            idToken.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IOException(e);
        }
        String jwt = idToken.serialize();
        issued.add(jwt);
        send(x, 200, "application/json", """
                {"access_token": "%s", "token_type": "Bearer", "expires_in": 300, "scope": "openid", "id_token": "%s"}"""
                .formatted(UUID.randomUUID(), jwt));
    }

    private void logout(HttpExchange x) throws IOException {
        Map<String, String> q = query(x.getRequestURI().getRawQuery());
        signedOut.add(String.valueOf(q.get("id_token_hint")));
        String back = q.get("post_logout_redirect_uri");
        if (back == null) {
            send(x, 200, "text/html", "<!doctype html><p id=signed-out>Signed out of the university</p>");
        } else {
            redirect(x, back);
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> q = new LinkedHashMap<>();
        if (raw != null && !raw.isEmpty()) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                q.put(k, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return q;
    }

    private static String enc(String s) {
        return URLEncoder.encode(String.valueOf(s), StandardCharsets.UTF_8);
    }

    private static void redirect(HttpExchange x, String location) throws IOException {
        x.getResponseHeaders().set("Location", location);
        x.sendResponseHeaders(302, -1);
        x.close();
    }

    private static void send(HttpExchange x, int status, String type, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().set("Content-Type", type + "; charset=utf-8");
        x.sendResponseHeaders(status, b.length);
        x.getResponseBody().write(b);
        x.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

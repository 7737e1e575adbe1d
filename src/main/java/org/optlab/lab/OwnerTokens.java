package org.optlab.lab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Owner tokens the server issues and signs: {@code <128 random bits>.<HMAC-SHA256 of them, 128 bits>}, both URL-safe
 * base64. A token the server did not sign (a planted cookie, any 32 characters) is never adopted: the browser gets a
 * new one. The secret comes from {@code optlab.owner-secret}, else from {@code owner-secret} in the data directory (made
 * on first start, readable by the server's user only), so tokens survive a restart. Rotation: set the new secret and
 * move the old one to {@code optlab.owner-secret-previous}; tokens signed with the previous one are still accepted and
 * re-issued with the new one.
 */
@Component
public class OwnerTokens {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final byte[] secret;
    private final byte[] previous;

    public OwnerTokens(@Value("${optlab.owner-secret:}") String secret,
                       @Value("${optlab.owner-secret-previous:}") String previous,
                       @Value("${optlab.data-dir:./data}") String dataDir) throws IOException {
        this.secret = secret.isBlank() ? stored(Path.of(dataDir).resolve("owner-secret")) : bytes(secret);
        this.previous = previous.isBlank() ? null : bytes(previous);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** The secret kept in the data directory, made (256 random bits, owner-only permissions) if there is none. */
    private static byte[] stored(Path file) throws IOException {
        if (Files.isRegularFile(file)) {
            return bytes(Files.readString(file).strip());
        }
        Files.createDirectories(file.getParent());
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        String s = B64.encodeToString(b);
        Path tmp = Files.createTempFile(file.getParent(), "owner-secret", ".tmp");
        try {
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the directory's own permissions apply
        }
        Files.writeString(tmp, s);
        try {
            Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (java.nio.file.FileAlreadyExistsException e) {
            Files.deleteIfExists(tmp); // another instance made it first: use that one
        }
        return bytes(Files.readString(file).strip());
    }

    /** A new signed token. */
    public String issue() {
        byte[] id = new byte[16];
        RANDOM.nextBytes(id);
        return sign(B64.encodeToString(id));
    }

    /** What a presented token is worth. */
    public enum Check { VALID, VALID_PREVIOUS_SECRET, INVALID }

    public Check check(String token) {
        if (token == null || token.length() > 100) {
            return Check.INVALID;
        }
        int dot = token.indexOf('.');
        if (dot <= 0 || dot != token.lastIndexOf('.')) {
            return Check.INVALID;
        }
        String body = token.substring(0, dot);
        byte[] presented = bytes(token.substring(dot + 1));
        if (MessageDigest.isEqual(presented, bytes(mac(secret, body)))) {
            return Check.VALID;
        }
        if (previous != null && MessageDigest.isEqual(presented, bytes(mac(previous, body)))) {
            return Check.VALID_PREVIOUS_SECRET;
        }
        return Check.INVALID;
    }

    /**
     * The owner a signed token stands for: its random body (what the store keys ownership on, so that re-signing with a
     * new secret keeps every saved experiment).
     */
    public static String owner(String token) {
        return token.substring(0, token.indexOf('.'));
    }

    /**
     * The owner a user signed in through OpenID Connect stands for ({@code optlab.sign-in.enabled}): the SHA-256 of the
     * provider's issuer and the user's subject, so the same person is the same owner in every browser, and two providers'
     * subjects never meet. The subject itself is never kept or shown; the store keeps only the hash of this owner, like
     * every owner's. The {@code oidc:} prefix keeps it apart from every cookie owner (random bodies of signed tokens, and
     * earlier unsigned tokens, which have no colon).
     */
    public static String signedIn(String issuer, String subject) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(bytes(issuer + "\n" + subject));
            return "oidc:" + B64.encodeToString(h);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** The body signed with the current secret: a token of the previous secret re-issued, or a legacy token adopted. */
    public String sign(String body) {
        return body + "." + mac(secret, body);
    }

    private static String mac(byte[] key, String body) {
        try {
            Mac m = Mac.getInstance("HmacSHA256");
            m.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] full = m.doFinal(bytes(body));
            return B64.encodeToString(java.util.Arrays.copyOf(full, 16));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }
}

package org.optlab.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Owner tokens are the server's own: signed, checked in constant time, kept across restarts, rotatable. */
class OwnerTokensTest {

    @TempDir
    Path dir;

    @Test
    void aTokenTheServerDidNotSignIsInvalid() throws Exception {
        OwnerTokens tokens = new OwnerTokens("secret-one", "", dir.toString());
        String t = tokens.issue();
        assertEquals(OwnerTokens.Check.VALID, tokens.check(t));
        assertEquals(45, t.length(), "128 random bits and a 128-bit signature, URL-safe: " + t);
        // planted: any 32 characters, a token of another server, a tampered signature or body
        assertEquals(OwnerTokens.Check.INVALID, tokens.check("A".repeat(32)));
        assertEquals(OwnerTokens.Check.INVALID, tokens.check(new OwnerTokens("another", "", dir.toString()).issue()));
        assertEquals(OwnerTokens.Check.INVALID, tokens.check(t.substring(0, t.length() - 1) + (t.endsWith("A") ? "B" : "A")));
        assertEquals(OwnerTokens.Check.INVALID, tokens.check((t.startsWith("A") ? "B" : "A") + t.substring(1)));
        assertEquals(OwnerTokens.Check.INVALID, tokens.check(null));
        assertEquals(OwnerTokens.Check.INVALID, tokens.check(t + "." + t));
    }

    @Test
    void theStoredSecretSurvivesARestartAndRotationKeepsTheOwner() throws Exception {
        OwnerTokens first = new OwnerTokens("", "", dir.toString());
        String t = first.issue();
        assertEquals(OwnerTokens.Check.VALID, new OwnerTokens("", "", dir.toString()).check(t), "the same secret after a restart");
        String secret = Files.readString(dir.resolve("owner-secret")).strip();
        assertEquals(43, secret.length(), "256 random bits");

        OwnerTokens rotated = new OwnerTokens("a-new-secret", secret, dir.toString());
        assertEquals(OwnerTokens.Check.VALID_PREVIOUS_SECRET, rotated.check(t));
        String resigned = rotated.sign(OwnerTokens.owner(t));
        assertNotEquals(t, resigned);
        assertEquals(OwnerTokens.Check.VALID, rotated.check(resigned));
        assertEquals(OwnerTokens.owner(t), OwnerTokens.owner(resigned), "the same owner: saved experiments stay theirs");
    }

    @Test
    void aSignedInUserIsOneOwnerPerIssuerAndSubjectAndNeverACookieOwner() throws Exception {
        String subject = "f81d4fae-7dec-11d0-a765-00a0c91e6bf6";
        String owner = OwnerTokens.signedIn("https://sso.example.edu/realms/students", subject);
        assertEquals(owner, OwnerTokens.signedIn("https://sso.example.edu/realms/students", subject), "every browser");
        assertNotEquals(owner, OwnerTokens.signedIn("https://sso.example.edu/realms/students", subject + "1"));
        assertNotEquals(owner, OwnerTokens.signedIn("https://login.example.org/v2.0", subject), "another provider");
        assertTrue(!owner.contains(subject) && !owner.contains("example"), "neither the subject nor the issuer: " + owner);
        // cookie owners are the bodies of server-signed tokens (22 URL-safe characters) or earlier unsigned tokens
        // (43): a signed-in owner has a colon, so no cookie can ever stand for it
        String cookieOwner = OwnerTokens.owner(new OwnerTokens("s", "", dir.toString()).issue());
        assertTrue(cookieOwner.matches("[A-Za-z0-9_-]+") && !owner.matches("[A-Za-z0-9_-]+"), owner);
    }
}

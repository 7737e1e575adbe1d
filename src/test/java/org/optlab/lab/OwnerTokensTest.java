package org.optlab.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

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
}

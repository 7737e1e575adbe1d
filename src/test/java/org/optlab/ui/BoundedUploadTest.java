package org.optlab.ui;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/** An upload is read within its limit: refused as soon as it passes it, without reading (or keeping) the rest. */
class BoundedUploadTest {

    /** An endless stream of one byte that counts what was read from it. */
    static final class Endless extends InputStream {
        long read;

        @Override
        public int read() {
            read++;
            return 'x';
        }

        @Override
        public int read(byte[] b, int off, int len) {
            java.util.Arrays.fill(b, off, off + len, (byte) 'x');
            read += len;
            return len;
        }
    }

    @Test
    void anUploadPastItsLimitIsRefusedAfterReadingAtMostOneBufferMore() throws Exception {
        Endless endless = new Endless();
        assertNull(BoundedUpload.readAtMost(endless, 20L * 1024 * 1024));
        assertTrue(endless.read <= 20L * 1024 * 1024 + 64 * 1024, "read " + endless.read + " bytes");
        byte[] small = "{\"schemaVersion\": 1}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertArrayEquals(small, BoundedUpload.readAtMost(new ByteArrayInputStream(small), small.length));
        assertNull(BoundedUpload.readAtMost(new ByteArrayInputStream(small), small.length - 1));
    }

    @Test
    void aDeclaredSizeIsReadIntoOneArrayAndAStreamThatSaysTooLittleOrTooMuchIsStillReadWithinTheLimit()
            throws Exception {
        byte[] data = new byte[300_000];
        new java.util.Random(7).nextBytes(data);
        assertArrayEquals(data, BoundedUpload.readAtMost(new ByteArrayInputStream(data), 1_000_000, data.length));
        // the size said was smaller than what comes: read on, every byte in order
        assertArrayEquals(data, BoundedUpload.readAtMost(new ByteArrayInputStream(data), 1_000_000, 1_000));
        // larger than what comes (a request's length, say): the bytes there are
        assertArrayEquals(data, BoundedUpload.readAtMost(new ByteArrayInputStream(data), 1_000_000, 500_000));
        // what comes passes the limit though less was said: refused
        assertNull(BoundedUpload.readAtMost(new ByteArrayInputStream(data), 200_000, 100_000));
        Endless endless = new Endless();
        assertNull(BoundedUpload.readAtMost(endless, 1024 * 1024, 1000));
        assertTrue(endless.read <= 1024 * 1024 + 64 * 1024 + 1, "read " + endless.read + " bytes");
    }
}
